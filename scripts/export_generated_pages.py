"""MkDocs hook for the benchmark: save the pages our plugin generates as plain Markdown files.

Used as ``hooks: [scripts/export_generated_pages.py]`` with the folder in the environment
variable ``TRAVEL_ADVICE_EXPORT_DIR``; each page is written as ``<path>.<lang>.md``, the
static-i18n suffix layout, so that the baseline site can be built without our plugin.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Priority -200, after our plugin (-110) added this language's pages."""
    target = Path(os.environ["TRAVEL_ADVICE_EXPORT_DIR"])
    for file in files.documentation_pages():
        locale = getattr(file, "locale", None)
        if file.generated_by and locale:
            path = target / f"{file.src_uri.removesuffix('.md')}.{locale}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(file.content_string, encoding="utf-8")
    return files
