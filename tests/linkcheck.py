"""Check a built site on disk: every internal href/src must reach a file, every #fragment an id.

Links to other hosts and schemes (https:, mailto:, tel:) are listed but never followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href", "xlink:href"),
    "area": ("href",),
    "link": ("href",),
    "use": ("href", "xlink:href"),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
}


@dataclass
class ParsedPage:
    """The ids a page defines and the links it makes, with their line numbers."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        line = self.getpos()[0]
        for name in LINK_ATTRIBUTES.get(tag, ()):
            if name not in values:
                continue
            urls = [c.split()[0] for c in values[name].split(",") if c.strip()] if name == "srcset" else [values[name]]
            self.page.links.extend((line, url.strip()) for url in urls)


@cache
def parse(path: Path) -> ParsedPage:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


@dataclass(frozen=True)
class BrokenLink:
    page: str
    line: int
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.url}: {self.reason}"


@dataclass
class Report:
    pages: list[str] = field(default_factory=list)
    internal_links: int = 0
    outside_links: int = 0
    broken: list[BrokenLink] = field(default_factory=list)


def _target_file(site: Path, url_path: str) -> Path | None:
    """The file a site-absolute URL path serves, or None if nothing or outside the site."""
    relative = unquote(url_path).lstrip("/")
    target = (site / relative).resolve()
    if target != site and site not in target.parents:
        return None
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_site(site: Path) -> Report:
    """Check every HTML page under ``site``."""
    site = site.resolve()
    report = Report()
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        report.pages.append(page)
        for line, url in parse(path).links:
            if not url:
                continue
            parts = urlsplit(urljoin("/" + page, url))
            if parts.scheme or parts.netloc:
                report.outside_links += 1
                continue
            report.internal_links += 1
            reason = _problem(site, parts.path, unquote(parts.fragment))
            if reason:
                report.broken.append(BrokenLink(page, line, url, reason))
    return report


def _problem(site: Path, url_path: str, fragment: str) -> str | None:
    target = _target_file(site, url_path)
    if target is None:
        return "no such file in the site"
    if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
        return f"no id {fragment!r} in {target.relative_to(site).as_posix()}"
    return None
