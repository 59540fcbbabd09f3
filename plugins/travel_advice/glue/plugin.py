"""MkDocs glue: thin event hooks around the plain-Python core.

Each hook turns MkDocs objects into plain values and calls the core: the generated pages
(site/pages.py), the feeds (site/feeds.py), the open data and schemas (site/root_files.py) and the
template context (site/page_context.py). What touches mkdocs-static-i18n lives in glue/i18n.py.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from travel_advice.core.banner import BANNER_FILE, Banner, load_banner
from travel_advice.core.content_rules import escape_text, forget_checked, passed, reuse_passed
from travel_advice.core.history import NO_HISTORY, History, HistoryError, read_history
from travel_advice.core.lifecycle import editions_at, overdue, schedule_note
from travel_advice.core.model import LANGUAGES, Advisory, Lang
from travel_advice.core.validation import DraftFile, Problem, guidance_problems, load_advisories, problem_report
from travel_advice.core.words import label
from travel_advice.glue import editions as editions_glue
from travel_advice.glue import i18n as i18n_glue
from travel_advice.glue import material_bundle, pagefind_index, preview, upstream
from travel_advice.glue import search as search_glue
from travel_advice.glue.build_cache import BuildCache
from travel_advice.glue.config import TravelAdviceConfig, build_moment, emergency_contact, page_options
from travel_advice.glue.offline import OfflineBuild, write_retired_worker
from travel_advice.glue.service_config import feedback_target
from travel_advice.glue.shared_partials import SharedPartials
from travel_advice.glue.staging import Staging
from travel_advice.glue.template_cache import SharedBytecode
from travel_advice.site import content_security, html_passes, offline, problem_panel
from travel_advice.site.edition_page import EditionShell, edition_files
from travel_advice.site.feeds import feed_files
from travel_advice.site.layout import DestinationView, Layout, destination_views
from travel_advice.site.map_page import unmapped_codes
from travel_advice.site.page_context import SiteInfo, not_found_context, page_context
from travel_advice.site.pages import generated_pages
from travel_advice.site.root_files import site_files

log = get_plugin_logger(__name__)
_P = ParamSpec("_P")
_R = TypeVar("_R")
SITE_PACKAGE_DIR = Path(str(resources.files("travel_advice.site")))
"""Where the stylesheet and scripts live (``site/assets``)."""
THEME_DIR = Path(__file__).parent / "theme"
HEAD_TEXT_KEYS = ("title", "description")
"""Front-matter keys Material prints into <head> and the header without escaping them."""
STYLESHEET = "assets/travel-advice.css"
FILTER_SCRIPT = "assets/destination-filter.js"
HIGHLIGHT_SCRIPT = "assets/search-highlight.js"
NOT_FOUND_SCRIPT = "assets/not-found.js"  # the 404 template loads it


def _history_errors_stop_the_build(event: Callable[_P, _R]) -> Callable[_P, _R]:
    """``event``, an old version git no longer gives when a page needs it (core/history.py) stopping the build with a PluginError."""

    @wraps(event)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return event(*args, **kwargs)
        except HistoryError as error:
            raise PluginError(str(error)) from error

    return guarded


class TravelAdvicePlugin(BasePlugin[TravelAdviceConfig]):
    """Validates the advisories and turns them into bilingual pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.advisories: tuple[Advisory, ...] = ()
        self.by_page: dict[str, Advisory] = {}
        """Advisories by the source path of their generated page."""
        self.banner: Banner | None = None
        self.moment = datetime.min
        """The build's moment in the ministry's time zone, read once per build (``_load``)."""
        self.history: History = NO_HISTORY
        """Every published edition of every advisory, from git (``_load``)."""
        self.site_files: dict[str, bytes] = {}
        self.cache = BuildCache(None)
        """What the last build kept for this one (glue/build_cache.py), set at ``_load``."""
        self.edition_shells: list[tuple[str, EditionShell]] = []
        """Each language's output folder and edition pages' shell, from its build, written at ``_publish``."""
        self.offline = OfflineBuild()
        self.templates = SharedBytecode()
        """The theme's compiled templates, shared by the languages' builds (glue/template_cache.py)."""
        self.partials = SharedPartials()
        """Material's navigation and words, kept for the pages of a language's build (glue/shared_partials.py)."""
        self.command: str | None = None
        """The MkDocs command (``build``, ``serve``, ``gh-deploy``), from ``on_startup``; None through the API."""
        self.dirty = False
        self.staging: Staging | None = None
        self.preview_problems: list[str] = []
        """``mkdocs serve`` only: the problems every page shows (site/problem_panel.py), as ``file:line: field: message``."""
        self.guidance_problems: list[Problem] = []
        """Content-rule problems of the guidance pages read so far (reported at ``on_env``)."""
        self.site_infos: dict[Lang, SiteInfo] = {}
        """What every page of a language shares, made once per language (``_site_info``)."""
        self.views: dict[Lang, dict[str, DestinationView]] = {}
        """Every destination in every language (site/layout.py), made once per build at ``on_files``: shared by
        the pages, feeds, open data and template context."""

    @property
    def today(self) -> date:
        """The build's date in the ministry's time zone."""
        return self.moment.date()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command: ``serve`` builds into its own temporary folder and is not staged."""
        self.command, self.dirty = command, dirty

    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 50: load and validate advisories once per build, before anything is written.

        static-i18n re-runs this event for each further language; those runs only set the
        language's heading-link title and the 404 page, and reuse the loaded advisories.
        """
        if not self.config.enabled:
            return config
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = label("permalink", i18n_glue.current_language(config))
        i18n_glue.write_404_in_every_language(config)
        search_glue.skip_material_indexing(config)
        if i18n_glue.is_repeat_build(config):
            return config
        upstream.start_build()
        self.edition_shells.clear()  # a failed build's
        upstream.check_versions()
        if self.command != "serve":  # serve reuses unchanged advisories, and so their checked HTML
            forget_checked()
        i18n_glue.skip_merged_search_index(config)
        self._load(config)
        gc.freeze()  # what is loaded lives through the build: the collector's full passes skip it (unfrozen at its end)
        self._stage(config)
        _add_theme(config, offline_reading=self.config.offline)
        for code in unmapped_codes(self.advisories):
            log.info(f"{code}: no shape on the world map; the destination is listed in the table under the map")
        return config

    @event_priority(-110)
    @_history_errors_stop_the_build
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Priority -110, after static-i18n (-100): add this language's generated pages, feeds and assets.

        Also the open data and schemas: computed in the default-language build, listed in the others.
        """
        if not self.config.enabled:
            return files
        lang, today, layout, urls = i18n_glue.current_language(config), self.today, self.layout, i18n_glue.MkDocsUrls(config)
        if not i18n_glue.is_repeat_build(config):
            self.views = {other: destination_views(self.advisories, other, layout, urls) for other in LANGUAGES}
        views = self.views[lang]
        options = page_options(self.config)
        pages = generated_pages(views, lang, today, options, layout, urls, self.history, self.cache.remember)
        i18n_glue.add_generated_pages(files, config, pages, sources={src: a.source for src, a in self.by_page.items()})
        preview.forget_outputs_older_than(files, _advisories_dir(config, self.config) / BANNER_FILE)
        feeds = feed_files(views, lang, config.site_name, today, layout, urls, self.config.site_feed_entries, self.history)
        i18n_glue.add_generated_files(files, config, feeds)
        for asset in (STYLESHEET, FILTER_SCRIPT, HIGHLIGHT_SCRIPT, NOT_FOUND_SCRIPT):
            i18n_glue.add_static_file(files, config, asset, str(SITE_PACKAGE_DIR / asset))
        search_glue.add_worker(files, config, SITE_PACKAGE_DIR)
        if self.config.offline:
            self.offline.add_files(files, config, emergency_contact(self.config), layout)
        if not i18n_glue.is_repeat_build(config):
            self.site_files = site_files(
                self.views, today, config.site_url, emergency_contact(self.config), self.history,
                history_path=lambda advisory, lang: urls.page_url(lang, layout.history(advisory)),
            )
        i18n_glue.add_site_files(files, config, self.site_files)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Default priority: the front matter's plain text (title, description) escaped as HTML, since Material's
        templates print it as is; the template context reads it back unescaped (site/page_context.py)."""
        for key in HEAD_TEXT_KEYS:
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape_text(page.meta[key])
        if self.config.enabled and not i18n_glue.is_generated(page.file):
            self.guidance_problems.extend(guidance_problems(page.file.abs_src_path, markdown))
        return markdown

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
        """Default priority: give the theme templates the page's ``travel_advice`` context (site/page_context.py).

        A destination page's table of contents keeps only its sections (html_passes).
        """
        advisory = self.by_page.get(page.file.src_uri)
        context["travel_advice"] = page_context(self._site_info(config), i18n_glue.page_info(page, advisory))
        if advisory is not None:
            html_passes.keep_sections_only(page.toc)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Default priority: point the page's search at its language's index and mark its content for the
        index unless it is out of search (search_glue); drop blank space and on destination pages the
        sub-headings' permalinks; Material's invalid attributes (html_passes)."""
        if not self.config.enabled:
            return output
        if search_glue.in_search(page):
            output = search_glue.mark_searchable(output, page.file.src_uri)
        if page.file.src_uri in self.by_page:
            output = html_passes.drop_subheading_permalinks(output)
            if html_passes.has_subheading_permalink(output):
                upstream.missed("subheading-permalinks", page.file.src_uri, "a sub-heading permalink is not in the form Python-Markdown's toc wrote; it stays in the page")
        output = html_passes.collapse_whitespace(search_glue.point_search_to_language(output, config, page.file.src_uri))
        if self.config.offline:
            self.offline.collect(output, page.file.dest_uri)
        return self._finish_page(output, config, page.file.src_uri)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Default priority: the same search pointing and policy for pages built from a template alone, such as 404.html;
        the 404 page of a further language goes to its folder (``fr/404.html``)."""
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        output = self._finish_page(search_glue.point_search_to_language(output_content, config, template_name), config, template_name)
        if template_name == "404.html" and (elsewhere := i18n_glue.not_found_path(config)):
            write_file(output.encode("utf-8"), str(Path(config.site_dir) / elsewhere))
            return ""  # MkDocs writes nothing over the root 404.html (the default language's)
        return output

    def _finish_page(self, output: str, config: MkDocsConfig, name: str) -> str:
        """Last passes of every page: Material's invalid attributes removed and its scripts deferred (html_passes), the preview's problems
        (``mkdocs serve``), then the Content-Security-Policy, which hashes the page's final scripts."""
        output = html_passes.deferred_scripts(html_passes.valid_material_markup(output))
        output = _with_problem_panel(output, self.preview_problems, i18n_glue.current_language(config))
        return _with_content_security_policy(output, name)

    @event_priority(-95)
    def _keep_edition_shell(self, config: MkDocsConfig) -> None:
        """Priority -95, in each language's build before static-i18n (-100) builds the next: keep what the language's
        archived edition pages share (glue/editions.py); they are written at ``_publish``, after the search index,
        which then never reads them."""
        if self.config.enabled and self.history.editions:
            self.edition_shells.append((config.site_dir, editions_glue.shell(config, self._site_info(config))))

    @event_priority(-200)
    @_history_errors_stop_the_build
    def _publish(self, config: MkDocsConfig) -> None:
        """Priority -200, last: every language is written; the search index of each (glue/pagefind_index.py; a dirty
        build keeps the one it finds, as it keeps the pages it does not re-render),
        no sitemap lookups in Material's bundle (glue/material_bundle.py); swap the staged site in (glue/staging.py)."""
        if i18n_glue.is_repeat_build(config):
            return
        if self.config.enabled and not (self.dirty and pagefind_index.has_indexes(Path(config.site_dir))):
            folders = {lang: i18n_glue.language_prefix(config, lang) for lang in i18n_glue.build_languages(config)}
            pagefind_index.write_indexes(Path(config.site_dir), folders)
        for site_dir, shell in self.edition_shells:
            self.cache.write_pages(site_dir, edition_files(shell, emergency_contact(self.config), self.history))
        if self.config.enabled:
            self.cache.drop_unused()
            self.cache.keep_passed_markdown(passed())
        if self.edition_shells:
            log.info(f"Archived edition pages: {self.cache.pages_made} made, {self.cache.pages_reused} reused from {self.config.cache_dir}")
        self.edition_shells.clear()
        for bundle in material_bundle.stop_sitemap_lookups(Path(config.site_dir)):
            upstream.missed("sitemap-lookup", bundle, "Material's lookup of link[rel=alternate] is not in its bundle; pages may request sitemap.xml (glue/material_bundle.py)")
        if self.config.offline:
            self.offline.write_worker(config)
        else:
            write_retired_worker(config)
        if self.staging is not None:
            self.staging.publish()
            config.site_dir = str(self.staging.site)
            self.staging = None
        gc.unfreeze()

    on_post_build = CombinedEvent(_keep_edition_shell, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        """Default priority: drop the unfinished staged build; the previous site stays as it was."""
        gc.unfreeze()
        if self.staging is not None:
            self.staging.discard()
            self.staging = None

    def _stage(self, config: MkDocsConfig) -> None:
        """Write this build beside ``site_dir`` (not for ``serve``, nor a ``--dirty`` build that reuses the site)."""
        if self.command == "serve" or self.dirty:
            return
        self.staging = Staging.beside(config.site_dir)
        self.staging.prepare()
        config.site_dir = str(self.staging.staging)

    def on_template_context(self, context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
        """Default priority: Material's 404 page has no page context; give it the 24/7 help strip of its language."""
        if template_name == "404.html":
            context["travel_advice"] = not_found_context(self._site_info(config))
        return context

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Default priority: stop on guidance pages outside the content rules, once every page was read and
        before any is written; in a dirty build (``serve --dirtyreload``), give skipped pages their titles (preview);
        the theme's templates compiled once for every language (template_cache), Material's navigation rendered
        once for the pages that show it alike and its words looked up once (shared_partials). What exists by then (every
        page read and rendered, the files, the templates) lives until the pages are written: frozen for the collector too."""
        problems, self.guidance_problems = self.guidance_problems, []
        if problems and self.command == "serve":
            self._show_in_preview(problems, Path(config.config_file_path).parent)
        elif problems:
            raise PluginError(problem_report(problems, Path(config.config_file_path).parent, "guidance pages"))
        preview.read_skipped_titles(files, config)
        if not self.config.enabled:
            return env
        env = self.partials.attach(self.templates.attach(env), _upstream_theme_dirs(config))
        gc.freeze()  # the full passes while pages are written skip it (unfrozen at the build's end): 0.05-0.2 s at N = 250
        return env

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Default priority: rebuild when an advisory changes, without restarting the server; under a
        full rebuild (``on_startup`` said not dirty), say how to preview faster (preview)."""
        server.watch(str(_advisories_dir(config, self.config)))
        if not self.dirty:
            log.info(preview.FAST_PREVIEW_HINT)
        return server

    @property
    def layout(self) -> Layout:
        """Where the generated pages and feeds live (the ``destinations_path`` option)."""
        return Layout.of(self.config.destinations_path)

    def _load(self, config: MkDocsConfig) -> None:
        """Load the advisories and the banner; stop the build with every problem, log the warnings."""
        project_dir, folder = Path(config.config_file_path).parent, _advisories_dir(config, self.config)
        self.moment = moment = build_moment(self.config)
        self.cache = BuildCache(project_dir / self.config.cache_dir if self.config.cache else None)
        reuse_passed(self.cache.passed_markdown())
        result = load_advisories(folder, moment.date(), reuse_unchanged=True)
        advisories, pending = editions_at(result.advisories, result.scheduled, moment)
        banner, banner_problems = load_banner(folder, {a.code for a in advisories})
        errors = [*result.errors, *banner_problems]
        if self.command == "serve":
            advisories = preview.with_last_good(advisories, errors)
            self._show_in_preview(errors, project_dir)
        elif errors:
            raise PluginError(problem_report(errors, project_dir))
        for warning in result.warnings:
            log.info(str(warning.relative_to(project_dir)))
        previews = result.previews if self.command == "serve" else ()
        for draft in result.drafts:
            log.info(draft_notice(draft, project_dir, previewed=draft.advisory in previews))
        late = overdue(advisories, self.today, self.config.review_days)
        for advisory in (a for a in advisories if a.code in late):
            log.info(
                f"{_relative(advisory.source, project_dir)}: review overdue: still_valid {advisory.still_valid} is {late[advisory.code]} days old "
                f"(review_days: {self.config.review_days}); once reviewed, run: travel-advice review {advisory.code}"
            )
        for edition in (*pending, *(a for a in advisories if a.publish_at is not None)):
            log.info(f"{_relative(edition.source, project_dir)}: {schedule_note(edition, moment)}")
        if not advisories:
            where = folder.relative_to(project_dir) if folder.is_relative_to(project_dir) else folder
            found = f"only drafts ({len(result.drafts)}), none published" if result.drafts else "no advisory file (<code>.yml)"
            log.warning(f"{where}: {found}; the site would publish no destination (an error with --strict)")
        self.advisories, self.banner = (*advisories, *previews), banner
        summaries = self.cache.version_summaries()
        known = set(summaries)
        self.history = read_history(folder, moment, summaries)
        if summaries.keys() != known:  # a version is kept or dropped: a kept one never changes
            self.cache.keep_version_summaries(summaries)
        if not self.history.available:
            fix = "git fetch --unshallow" if self.history.unavailable == "shallow" else "build from a git clone"
            log.info(f"{folder.name}: history unavailable ({self.history.unavailable}): the history pages say so; to publish it, {fix}")
        self.by_page = self.layout.by_page(self.advisories)
        self.site_infos.clear()

    def _show_in_preview(self, problems: list[Problem], project_dir: Path) -> None:
        """``mkdocs serve``: log each problem as an error and show it on every page instead of stopping."""
        lines = [str(problem.relative_to(project_dir)) for problem in problems if problem.severity == "error"]
        for line in lines:
            log.error(line)
        self.preview_problems.extend(line for line in lines if line not in self.preview_problems)

    def _site_info(self, config: MkDocsConfig) -> SiteInfo:
        """What every page of the language being built shares, as plain values; made once per language."""
        lang = i18n_glue.current_language(config)
        if lang not in self.site_infos:
            self.site_infos[lang] = self._new_site_info(config, lang)
        return self.site_infos[lang]

    def _new_site_info(self, config: MkDocsConfig, lang: Lang) -> SiteInfo:
        return SiteInfo(
            lang=lang,
            default_language=i18n_glue.default_language(config),
            languages=i18n_glue.build_languages(config),
            site_name=config.site_name,
            site_description=config.site_description,
            site_url=config.site_url,
            example_content=self.config.example_content,
            emergency=emergency_contact(self.config),
            feedback=feedback_target(self.config.feedback),
            banner=self.banner,
            now=self.moment,
            layout=self.layout,
            urls=i18n_glue.MkDocsUrls(config),
            views=self.views.get(lang, {}),
            offline=self.config.offline,
        )


def _relative(path: Path, project_dir: Path) -> Path:
    return path.relative_to(project_dir) if path.is_relative_to(project_dir) else path


def draft_notice(draft: DraftFile, project_dir: Path, *, previewed: bool) -> str:
    """What the build says of a draft: never published; shown by ``mkdocs serve`` once complete."""
    file = _relative(draft.source, project_dir)
    if previewed:
        return f"{file}: draft, not published; shown in this preview, marked as a draft"
    if draft.lacking:
        return f"{file}: draft, not published; {len(draft.lacking)} field(s) to complete before a preview (travel-advice check --publishable {file})"
    return f"{file}: draft, not published (mkdocs serve shows it)"


def _advisories_dir(config: MkDocsConfig, options: TravelAdviceConfig) -> Path:
    """The folder of the advisory files (``advisories_dir`` is relative to ``mkdocs.yml``)."""
    return Path(config.config_file_path).parent / options.advisories_dir


def _with_problem_panel(output: str, problems: list[str], lang: Lang) -> str:
    """``mkdocs serve``: the page with the panel of problems to fix (site/problem_panel.py) first in its body."""
    if not problems:
        return output
    shown = problem_panel.with_problem_panel(output, problem_panel.problem_panel(problems, lang))
    if shown is None:
        upstream.missed("problem-panel", "a page", "no <body> tag in the page to show the problems at its top; they are in the terminal")
        return output
    return shown


def _with_content_security_policy(output: str, name: str) -> str:
    """The page with its Content-Security-Policy (site/content_security.py), last: the policy hashes the final scripts."""
    secured = content_security.with_policy(output)
    if secured is None:
        log.warning(f"{name}: no <meta charset> in the page, so no Content-Security-Policy; check the theme's main.html")
        return output
    return secured


def _upstream_theme_dirs(config: MkDocsConfig) -> list[str]:
    """The theme's folders after this package's overrides: Material's own templates (and MkDocs')."""
    dirs = list(config.theme.dirs)
    return dirs[dirs.index(str(THEME_DIR)) + 1 :] if str(THEME_DIR) in dirs else dirs


def _add_theme(config: MkDocsConfig, *, offline_reading: bool) -> None:
    """The package's theme overrides, icons drawn by the stylesheet (html_passes), stylesheet, filter and search-highlight scripts,
    and the offline script (site/offline.py) when offline reading is on."""
    theme_dir = str(THEME_DIR)
    if theme_dir not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
    config.theme["icon"] = html_passes.with_stylesheet_icons(config.theme.get("icon"))
    wanted = ((STYLESHEET, config.extra_css), (FILTER_SCRIPT, config.extra_javascript), (HIGHLIGHT_SCRIPT, config.extra_javascript), *([(offline.SCRIPT, config.extra_javascript)] if offline_reading else []))
    for asset, assets in wanted:
        if asset not in assets:
            assets.append(asset)
