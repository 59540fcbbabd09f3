"""The theme's templates compiled once per build, not once per language.

MkDocs makes a new Jinja environment for each build, and static-i18n builds each language as a
build of its own, so Material's 45 templates were compiled twice (0.8 s of CPU at N = 250, 6 % of
the build). :class:`SharedBytecode` is a Jinja bytecode cache held in memory by the plugin: the
second language loads the code the first compiled. Jinja checks each template's source against
the checksum stored with its code, so a template edited under ``mkdocs serve`` is compiled again;
the code is kept per environment configuration (:func:`environment_signature`), so an environment
set up otherwise never receives code compiled for another.
"""

from __future__ import annotations

from collections.abc import Hashable

import jinja2
from jinja2.bccache import Bucket


def environment_signature(env: jinja2.Environment) -> Hashable:
    """What, besides a template's source, changes the code Jinja compiles from it: the extensions, the
    syntax, the finaliser, and whether the environment is asynchronous."""
    syntax = (
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
    )
    return (tuple(sorted(env.extensions)), syntax, env.finalize, env.is_async, env.optimized)


class SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the whole process, per environment signature."""

    def __init__(self) -> None:
        self._code: dict[tuple[Hashable, str], bytes] = {}

    def attach(self, env: jinja2.Environment) -> jinja2.Environment:
        """``env`` with this cache, unless it already has one of its own (then it is left as it is)."""
        if env.bytecode_cache is None:
            env.bytecode_cache = self
        return env

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` with the code kept for its template; Jinja drops it if the source's checksum changed."""
        code = self._code.get((environment_signature(bucket.environment), bucket.key))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja just compiled."""
        self._code[(environment_signature(bucket.environment), bucket.key)] = bucket.bytecode_to_string()
