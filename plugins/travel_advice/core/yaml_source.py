"""Safe YAML reading that keeps the line of every value, for precise error messages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:
    _BaseLoader: type = yaml.CSafeLoader  # libyaml: about 25 times faster
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that keeps dates as ISO strings, so that a bad date is a field error."""


def _scalar_as_text(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _scalar_as_text)

PathPart = str | int
MAX_FILE_BYTES = 512 * 1024
"""Largest YAML file read: about 30 times the longest example advisory."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings: an advisory needs 4."""
MAX_NODES = 50_000
"""Most values (keys, texts, lists) a file may stand for, aliases written out: the longest example has about 230."""


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document and its node tree (for line numbers)."""

    data: Any
    root: yaml.Node | None

    def line_of(self, path: Iterable[PathPart]) -> int | None:
        """1-based line of the deepest node found along ``path``."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in path:
            node = _child(node, part)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    def text_line(self, path: Iterable[PathPart], text_line: int | None) -> int | None:
        """1-based file line of the 0-based line ``text_line`` of the text at ``path``.

        Exact for block scalars (``|``, ``>``), whose text starts on the line after the indicator;
        other scalars give their own line.
        """
        path = list(path)
        node = self.root
        for part in path:
            node = _child(node, part)
        line = self.line_of(path)
        if text_line is None or line is None or not isinstance(node, yaml.ScalarNode) or node.style not in ("|", ">"):
            return line
        return line + 1 + text_line

    def key_line(self, path: Iterable[PathPart], key: str) -> int | None:
        """1-based line of ``key`` itself inside the mapping at ``path``."""
        node = self.root
        for part in path:
            node = _child(node, part)
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if key_node.value == key:
                    return key_node.start_mark.line + 1
        return self.line_of(path)


def _child(node: yaml.Node | None, part: PathPart) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key, value in node.value if key.value == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


class YamlError(Exception):
    """Malformed YAML, with the 1-based line where the parser stopped."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def parse(text: str) -> YamlDocument:
    """Parse one YAML document with a safe loader; raise YamlError on bad YAML."""
    _check_structure(text)
    with _loader(text) as loader:
        root = loader.get_single_node()
        duplicate = _first_duplicate_key(root)
        if duplicate is not None:
            raise YamlError(f"the key '{duplicate.value}' appears twice; expected each key once", duplicate.start_mark.line + 1)
        data = loader.construct_document(root) if root is not None else None
    return YamlDocument(data, root)


@contextmanager
def _loader(text: str) -> Iterator[_Loader]:
    """A safe loader of ``text`` whose YAML errors become :class:`YamlError` with their line."""
    loader = _Loader(text)
    try:
        yield loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlError(_describe(error), mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlError(f"invalid YAML: {error}", None) from None
    finally:
        loader.dispose()



def _check_structure(text: str) -> None:
    """Refuse deep nesting and runaway aliases from the event stream, before anything is built.

    An alias bomb (each level repeating the last nine times) and thousands of nested brackets are
    cheap to scan as events but explode, or overflow the stack, when built into values and walked.
    Anchors and aliases themselves are fine (some tools write them): what an alias stands for is
    counted as if written out, and the whole document may hold at most :data:`MAX_NODES` values.
    """
    nodes = 0
    anchored: dict[str, int] = {}
    """Values an anchor stands for, once its node is complete."""
    open_collections: list[tuple[str | None, int]] = []
    """Anchor and node count at the start of each open list or mapping."""
    with _loader(text) as loader:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                nodes += anchored.get(event.anchor, 1)
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
                if event.anchor:
                    anchored[event.anchor] = 1
            elif isinstance(event, yaml.CollectionStartEvent):
                nodes += 1
                open_collections.append((event.anchor, nodes))
                if len(open_collections) > MAX_DEPTH:
                    raise YamlError(f"lists and mappings nest more than {MAX_DEPTH} levels deep; expected an advisory's few levels", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, start = open_collections.pop()
                if anchor:
                    anchored[anchor] = nodes - start + 1
            if nodes > MAX_NODES:
                raise YamlError(f"the file stands for more than {MAX_NODES:,} values once its aliases (*name) are written out; expected an advisory's few hundred", line)


def load_data(text: str) -> Any:
    """The values of a YAML text that needs no line numbers (a committed version, a single string), dates
    kept as text, read with the same safe loader and limits as :func:`parse`; YamlError if it cannot be."""
    _check_structure(text)
    with _loader(text) as loader:
        return loader.get_single_data()


def read(path: Path) -> YamlDocument:
    """Read and parse a YAML file (UTF-8) of at most :data:`MAX_FILE_BYTES`."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlError(f"the file has {size:,} bytes; expected at most {MAX_FILE_BYTES:,} (512 KB) per file", None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlError(f"the file is not valid UTF-8 ({error.reason}); expected UTF-8 text", None) from None
    return parse(text)


def _describe(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "invalid YAML"
    if "constructor for the tag" in problem:
        return (
            f"YAML tags such as {_tag_of(problem)} are not allowed; expected plain YAML values "
            "(text, numbers, lists, mappings)"
        )
    context = f" {error.context}" if error.context else ""
    return f"invalid YAML:{context} {problem}".replace("  ", " ")


def _tag_of(problem: str) -> str:
    tag = problem.split("'")[1] if "'" in problem else "!tag"
    return tag.replace("tag:yaml.org,2002:", "!!")


def _first_duplicate_key(node: yaml.Node | None) -> yaml.Node | None:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        return key
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None
