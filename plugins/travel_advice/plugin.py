"""MkDocs glue: thin event hooks around the plain-Python core."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import i18n_glue, page_weight, preview, search_glue
from .banner import BANNER_FILE, Banner, load_banner
from .config import TravelAdviceConfig
from .feeds import SITE_FEED, FeedContext, destination_feed, destination_feed_path, site_feed
from .index import render_index, render_latest
from .labels import label
from .map_page import render_map_page, unmapped_codes
from .model import Advisory, EmergencyContact, Lang
from .opendata import ExportSite, export_files
from .rendering import COLON, render_destination
from .service import advisory_by_source, destination_links, feedback_links, help_lines
from .service_config import feedback_target, useful_link_patterns
from .sharing import absolute, feed_links, language_links, open_graph
from .validation import Problem, load_advisories

log = get_plugin_logger(__name__)
PACKAGE_DIR = Path(str(resources.files(__package__)))
STYLESHEET = "assets/travel-advice.css"
FILTER_SCRIPT = "assets/destination-filter.js"


class TravelAdvicePlugin(BasePlugin[TravelAdviceConfig]):
    """Validates the advisories and turns them into bilingual pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.advisories: tuple[Advisory, ...] = ()
        self.by_source: dict[str, Advisory] = {}
        self.site_files: dict[str, str] = {}
        self.banner: Banner | None = None
        self.search_indexes = search_glue.LanguageSearchIndexes()

    @property
    def today(self) -> date:
        """The date the build treats as today: ``build_date`` if set, else the real date."""
        configured = self.config.build_date
        if isinstance(configured, str):
            return date.fromisoformat(configured)
        return configured or date.today()

    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 50: load and validate advisories once per build, before anything is written.

        static-i18n re-runs this event for each further language; those runs only set the
        language's heading-link title and reuse the loaded advisories.
        """
        if not self.config.enabled:
            return config
        lang = i18n_glue.current_language(config)
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = label("permalink", lang)
        i18n_glue.write_404_in_default_language_only(config)
        if i18n_glue.is_repeat_build(config):
            return config
        i18n_glue.use_linear_search_deduplication(config)
        project_dir = Path(config.config_file_path).parent
        result = load_advisories(project_dir / self.config.advisories_dir, self.today)
        banner, banner_problems = load_banner(project_dir / self.config.advisories_dir, {a.code for a in result.advisories})
        if result.errors or banner_problems:
            raise PluginError(_problem_report([*result.errors, *banner_problems], project_dir))
        self.banner = banner
        for warning in result.warnings:
            log.info(str(warning.relative_to(project_dir)))
        self.advisories = result.advisories
        self.by_source = advisory_by_source(self.advisories, self.config.destinations_path.strip("/"))
        theme_dir = str(PACKAGE_DIR / "theme")
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if FILTER_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(FILTER_SCRIPT)
        for code in unmapped_codes(self.advisories):
            log.info(f"{code}: no shape on the world map; the destination is listed in the table under the map")
        return config

    @event_priority(-110)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Priority -110, after static-i18n (-100): add this language's generated pages."""
        if not self.config.enabled:
            return files
        lang = i18n_glue.current_language(config)
        folder = self.config.destinations_path.strip("/")
        patterns = useful_link_patterns(self.config.useful_links)
        pages = {
            f"{folder}/{a.slug}.md": render_destination(
                a, lang, self.emergency, destination_links(patterns, a.code, lang), feed_url=self._feed_url(config, a)
            )
            for a in self.advisories
        }
        sources = {a.code: f"{folder}/{a.slug}.md" for a in self.advisories}
        index, latest, world_map = (f"{folder}/{name}.md" for name in ("index", "latest", "map"))
        from_index = _relative_links(config, index, {**sources, "map": world_map, "latest": latest})
        pages[index] = render_index(
            self.advisories, lang, from_index, map_href=from_index["map"], latest_href=from_index["latest"]
        )
        pages[latest] = render_latest(
            self.advisories,
            lang,
            _relative_links(config, latest, sources),
            self.today,
            self.config.latest_days,
            feed_url=self._feed_url(config),
        )
        pages[world_map] = render_map_page(self.advisories, lang, _relative_links(config, world_map, sources))
        advisory_files = {f"{folder}/{a.slug}.md": a.source for a in self.advisories}
        i18n_glue.add_generated_pages(files, config, pages, sources=advisory_files)
        preview.forget_outputs_older_than(files, Path(config.config_file_path).parent / self.config.advisories_dir / BANNER_FILE)
        self._add_feeds(files, config)
        i18n_glue.add_static_file(files, config, STYLESHEET, str(PACKAGE_DIR / STYLESHEET))
        i18n_glue.add_static_file(files, config, FILTER_SCRIPT, str(PACKAGE_DIR / FILTER_SCRIPT))
        search_glue.add_worker(files, config, PACKAGE_DIR)
        self._add_open_data(files, config, folder)
        return files

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
        """Give the theme templates the site-wide words and contacts of the page's language."""
        lang = i18n_glue.current_language(config)
        context["travel_advice"] = {
            "lang": lang,
            "example_notice": label("example_notice", lang) if self.config.example_content else None,
            "emergency": self.emergency,
            "emergency_label": label("emergency_24_7", lang),
            "head": self._head(page, config),
            "banner": self._banner_on(page, lang),
            "page_address_label": label("page_address", lang),
            "help_lines": help_lines(self._advisory_of(page), self.emergency, lang),
            "feedback": feedback_links(feedback_target(self.config.feedback), page.title or config.site_name, page.canonical_url or page.abs_url or "", lang),
            "labels": {key: label(key, lang) for key in ("help_now", "feedback_prompt")},
            "colon": COLON[lang],
        }
        if self._advisory_of(page) is not None:
            page_weight.keep_sections_only(page.toc)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Point the page's search at its language's index (search_glue); drop blank space (page_weight)."""
        if not self.config.enabled:
            return output
        return page_weight.collapse_whitespace(search_glue.point_search_to_language(output, config))

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Same for pages built from a template alone, such as 404.html."""
        return search_glue.point_search_to_language(output_content, config) if self.config.enabled else output_content

    @event_priority(-90)
    def _collect_search_index(self, config: MkDocsConfig) -> None:
        """Priority -90, after Material's search (0), before static-i18n (-100): keep this language's index."""
        if self.config.enabled:
            self.search_indexes.collect(config)

    @event_priority(-110)
    def _write_search_indexes(self, config: MkDocsConfig) -> None:
        """Priority -110, after static-i18n merged every language: write one index per language."""
        self.search_indexes.write(config)

    on_post_build = CombinedEvent(_collect_search_index, _write_search_indexes)

    def on_template_context(self, context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
        """Default priority: Material's 404 page has no page context; give it the 24/7 help strip of its language."""
        if template_name == "404.html":
            lang = i18n_glue.current_language(config)
            context["travel_advice"] = {
                "help_lines": help_lines(None, self.emergency, lang),
                "labels": {"help_now": label("help_now", lang)},
                "colon": COLON[lang],
                "banner": self._banner_on(None, lang),
            }
        return context

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Default priority: in a dirty build (``serve --dirtyreload``), give skipped pages their titles (preview)."""
        preview.read_skipped_titles(files, config)
        return env

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when an advisory changes, without restarting the server."""
        server.watch(str(Path(config.config_file_path).parent / self.config.advisories_dir))
        return server

    def _advisory_of(self, page: Page) -> Advisory | None:
        """The advisory a generated destination page shows, None for any other page."""
        return self.by_source.get(page.file.src_uri)

    def _page_src(self, advisory: Advisory) -> str:
        return f"{self.config.destinations_path.strip('/')}/{advisory.slug}.md"

    def _feed_url(self, config: MkDocsConfig, advisory: Advisory | None = None) -> str:
        """Absolute URL of the site feed, or of a destination's, in the language being built."""
        path = destination_feed_path(self.config.destinations_path, advisory) if advisory else SITE_FEED
        return absolute(config.site_url, i18n_glue.language_prefix(config, i18n_glue.current_language(config)) + path)

    def _add_feeds(self, files: Files, config: MkDocsConfig) -> None:
        """Add the Atom feeds of the language being built (core: feeds.py)."""
        lang = i18n_glue.current_language(config)
        folder = self.config.destinations_path.strip("/")

        def page_url(advisory: Advisory) -> str:
            return absolute(config.site_url, i18n_glue.page_url(config, lang, self._page_src(advisory)))

        context = FeedContext(lang, config.site_name, page_url, self.today)
        latest = absolute(config.site_url, i18n_glue.page_url(config, lang, f"{folder}/latest.md"))
        i18n_glue.add_generated_file(files, config, SITE_FEED, site_feed(self.advisories, context, self._feed_url(config), latest))
        for advisory in self.advisories:
            feed = destination_feed(advisory, context, self._feed_url(config, advisory))
            i18n_glue.add_generated_file(files, config, destination_feed_path(folder, advisory), feed)

    def _head(self, page: Page, config: MkDocsConfig) -> dict[str, Any]:
        """Language alternates, feed links and sharing tags of a page's <head> (core: sharing.py)."""
        lang = i18n_glue.current_language(config)
        default = i18n_glue.default_language(config)
        versions = i18n_glue.page_versions(page.file) or {lang: page.url}
        site_feeds = {other: i18n_glue.language_prefix(config, other) + SITE_FEED for other in i18n_glue.build_languages(config)}
        feeds = feed_links(site_feeds, lang, config.site_url, "feed_site_title")
        advisory = self._advisory_of(page)
        if advisory is not None:
            mine = {lang: i18n_glue.language_prefix(config, lang) + destination_feed_path(self.config.destinations_path, advisory)}
            feeds = feed_links(mine, lang, config.site_url, "feed_destination_title", name=advisory.name[lang]) + feeds
        meta = page.meta or {}
        tags = open_graph(
            title=str(meta.get("title") or page.title or config.site_name),
            description=str(meta.get("description") or config.site_description or ""),
            url=absolute(config.site_url, versions.get(lang, page.url)),
            lang=lang,
            site_name=config.site_name,
            article=advisory is not None,
        )
        return {"languages": language_links(versions, config.site_url, default), "feeds": feeds, "meta": tags}

    def _banner_on(self, page: Page | None, lang: Lang) -> dict[str, Any] | None:
        """The emergency banner of a page (None: the 404 page) in ``lang``, if active and concerning it."""
        banner = self.banner
        if banner is None or not banner.is_active(self.today):
            return None
        advisory = self._advisory_of(page) if page else None
        home = i18n_glue.is_home(page.file) if page else False
        if not banner.shows_on(advisory.code if advisory else None, home):
            return None
        return banner.view(lang)

    def _add_open_data(self, files: Files, config: MkDocsConfig, folder: str) -> None:
        """The open-data JSON files and the published JSON Schemas, at the site root.

        Computed and written in the default-language build; later builds register them for links.
        """
        if not i18n_glue.is_repeat_build(config):
            site = ExportSite(
                generated=self.today,
                site_url=config.site_url or "",
                page_path=lambda a, lang: i18n_glue.page_url(config, lang, f"{folder}/{a.slug}.md"),
                emergency=self.emergency,
            )
            schemas = sorted((PACKAGE_DIR / "schema").glob("*.schema.json"))
            self.site_files = export_files(self.advisories, site) | {
                f"schema/{path.name}": path.read_text(encoding="utf-8") for path in schemas
            }
        for dest_uri, content in self.site_files.items():
            i18n_glue.add_site_file(files, config, dest_uri, content)

    @property
    def emergency(self) -> EmergencyContact | None:
        contact = self.config.emergency_contact
        return EmergencyContact(contact.phone, contact.email) if contact.phone else None


def _relative_links(config: MkDocsConfig, from_src: str, targets: Mapping[str, str]) -> dict[str, str]:
    """Links from one generated page to others, as the browser needs them.

    MkDocs rewrites ``.md`` links in Markdown only, not inside raw HTML such as tables and SVG.
    """

    def url(src_uri: str) -> str:
        return File(src_uri, None, config.site_dir, config.use_directory_urls).url

    return {key: get_relative_url(url(src), url(from_src)) for key, src in targets.items()}


def _problem_report(errors: Iterable[Problem], project_dir: Path) -> str:
    lines = [str(problem.relative_to(project_dir)) for problem in errors]
    count = len(lines)
    header = f"{count} problem{'s' if count != 1 else ''} in the advisories; nothing was built:"
    return "\n".join([header, *lines])
