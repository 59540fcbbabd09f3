"""Publish only what is safe: editors' text is held to the content rules, plain text is escaped
everywhere, hostile files fail fast with a message, and a failed build leaves the last site alone."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest
from lxml import html as lxml_html

from .browser import chromium, require_chromium, serve_site
from .conftest import ROOT, Build, run_build, run_cli

ADVISORY = Path("advisories") / "pt.yml"


def edit(project: Path, old: str, new: str, path: Path = ADVISORY) -> int:
    """Replace text in a project file; return the 1-based line where ``new`` starts."""
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(project, "check")


def tree(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


HOSTILE_MARKDOWN = {
    "<script>alert(1)</script>": "<script> is not allowed",
    '<iframe src="https://evil.example"></iframe>': "<iframe> is not allowed",
    "<style>body{display:none}</style>": "<style> is not allowed",
    '<a href="#" onclick="alert(1)">x</a>': "the attribute 'onclick' on <a> is not allowed",
    "Click [here](javascript:alert(1)).": "the link 'javascript:alert(1)' is not allowed",
    "Click [here](JaVaScRiPt:alert(1)).": "the link 'JaVaScRiPt:alert(1)' is not allowed",
    "### Crime {: onmouseover=alert(1) }": "the attribute 'onmouseover' on <h3> is not allowed",
    "<div>\n\nUnclosed.": "<div> is not allowed",
    "Before <!-- a comment that never closes": "holds an HTML comment",
    '![x](https://evil.example/pixel.png)': "images are not allowed",
    "## A second section heading": "<h2> (a '##' heading) is not allowed here",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_markdown_outside_the_allow_list_is_rejected_with_file_line_and_field(small_project: Path, lang: str) -> None:
    payloads = list(HOSTILE_MARKDOWN)
    marker = "      Pickpockets work" if lang == "en" else "      Des pickpockets"
    body = "\n\n".join(payloads).replace("\n", "\n      ")
    line = edit(small_project, marker, f"      {body}\n\n{marker}")
    result = check(small_project)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    for payload, message in HOSTILE_MARKDOWN.items():
        expected_line = line + "\n\n".join(payloads[: payloads.index(payload)] + [""]).count("\n")
        hits = [row for row in out.splitlines() if message in row]
        assert hits, f"{payload!r}: {out}"
        assert any(row.startswith(f"advisories/pt.yml:{expected_line}: sections.safety.{lang}: ") for row in hits), (payload, hits)


def test_rejected_content_stops_the_build_and_keeps_the_last_site(built_small_project: Path) -> None:
    before = tree(built_small_project)
    edit(built_small_project, "      Des pickpockets", "      <script>window.pwned = 1</script>\n\n      Des pickpockets")
    build = run_build(built_small_project)
    assert build.returncode == 1
    assert "sections.safety.fr: <script> is not allowed" in build.output
    assert "Traceback" not in build.output
    assert tree(built_small_project) == before


HOSTILE_PLAIN = '"><img src=x onerror=alert(1)></title><script>alert(2)</script> {: onmouseover=alert(3) } [x](javascript:alert(4))'


def build_with_hostile_text(project: Path) -> Build:
    """``project`` built with :data:`HOSTILE_PLAIN` in Portugal's names, summary and a region's reason."""
    edit(project, "capital:\n", f"name:\n  en: 'Portugal {HOSTILE_PLAIN}'\n  fr: 'Portugal {HOSTILE_PLAIN}'\ncapital:\n")
    edit(project, "  en: Portugal is generally safe.", f"  en: 'A \"quoted phrase\" {HOSTILE_PLAIN} Portugal is generally safe.")
    edit(project, "precautions against petty theft in busy places.", "precautions against petty theft in busy places.'")
    edit(project, "      fr: Activité sismique", f"      fr: 'Activité {HOSTILE_PLAIN}'\n      x_fr: Activité sismique")
    edit(project, "      x_fr: Activité sismique sur certaines îles.\n", "")
    return run_build(project)


def test_plain_text_is_escaped_in_head_body_feeds_and_open_data(small_project: Path) -> None:
    build = build_with_hostile_text(small_project)
    assert build.returncode == 0, build.output
    for lang, prefix in (("en", ""), ("fr", "fr/")):
        page = build.page(f"{prefix}destinations/pt/index.html")
        tree_ = lxml_html.fromstring(page)
        assert not tree_.xpath("//script[contains(., 'alert')]"), lang
        assert not tree_.xpath("//img[@onerror]") and not tree_.xpath("//*[@onmouseover]"), lang
        assert not tree_.xpath("//a[starts-with(@href, 'javascript')]"), lang
        (h1,) = tree_.xpath("//h1")
        assert h1.text_content().startswith(f"Portugal {HOSTILE_PLAIN}"), h1.text_content()
        assert tree_.findtext(".//title").startswith(f"Portugal {HOSTILE_PLAIN}")
        og_title = tree_.xpath("//meta[@property='og:title']/@content")
        assert og_title == [f"Portugal {HOSTILE_PLAIN}"]
        if lang == "en":
            (description,) = tree_.xpath("//meta[@name='description']/@content")
            assert description.startswith(f'A "quoted phrase" {HOSTILE_PLAIN} Portugal is generally safe.')
        feed = feedparser.parse(build.site / f"{prefix}destinations/pt/feed.xml" if (build.site / f"{prefix}destinations/pt/feed.xml").exists() else next((build.site / prefix).glob("destinations/pt/*.xml")))
        assert not feed.bozo, feed.bozo_exception
        assert HOSTILE_PLAIN in feed.feed.title
    data = json.loads((build.site / "data" / "destinations" / "pt.json").read_text("utf-8"))
    assert data["advisory"]["name"]["fr"] == f"Portugal {HOSTILE_PLAIN}"  # JSON keeps the text as written: its reader escapes it
    for path in build.site.rglob("*.html"):
        assert "<script>alert(2)" not in path.read_text("utf-8"), path
    fragments = [gzip.decompress(path.read_bytes()).decode("utf-8") for path in build.site.rglob("*.pf_fragment")]
    titles = [json.loads(text.removeprefix("pagefind_dcd"))["meta"]["title"] for text in fragments]
    # The search index holds the page's text, markup included as text: the search worker escapes it (browser test below).
    assert titles.count(f"Portugal {HOSTILE_PLAIN}") == 2


@pytest.mark.browser
def test_hostile_text_shows_as_text_in_search_results(small_project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    require_chromium()
    build = build_with_hostile_text(small_project)
    assert build.returncode == 0, build.output
    with serve_site(build.site) as base_url, chromium(tmp_path_factory.mktemp("chromium-hostile"), bypass_csp=False) as context:
        page = context.new_page()
        alerts: list[str] = []
        page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
        for prefix in ("", "fr/"):
            page.goto(base_url + prefix, wait_until="load")
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially("Portugal", delay=20)
            title = page.locator(".md-search-result__list > li h1").first
            title.wait_for()
            assert title.text_content() == f"Portugal {HOSTILE_PLAIN}"
            results = page.locator(".md-search-result__list")
            assert results.locator("img, script, [onerror], [onmouseover]").count() == 0
            assert results.locator("a[href^='javascript']").count() == 0
    assert alerts == []


def test_banner_text_and_link_are_held_to_the_rules(small_project: Path) -> None:
    banner = small_project / "advisories" / "_banner.yml"
    banner.write_text(
        "title: {en: Storm, fr: Tempête}\n"
        "text:\n  en: 'Stay indoors. <script>alert(1)</script>'\n  fr: Restez à l’intérieur.\n"
        "link:\n  en: 'https://example.org/x\"onmouseover=\"alert(1)'\n  fr: during/emergency/\n"
        "start: 2026-11-01\n",
        encoding="utf-8",
    )
    result = check(small_project)
    assert result.returncode == 1
    assert "advisories/_banner.yml:3: text.en: <script> is not allowed" in result.stdout
    assert "advisories/_banner.yml:6: link.en:" in result.stdout


@pytest.mark.parametrize("escape", ["\\v", "\\x01", "\\uFFFE", "\\x7F", "\\u0085"])
def test_control_characters_are_errors_and_the_site_is_kept(built_small_project: Path, escape: str) -> None:
    before = tree(built_small_project)
    line = edit(built_small_project, "  fr: Le Portugal est généralement sûr.", f'  fr: "Le Portugal{escape} est généralement sûr.')
    edit(built_small_project, "lieux achalandés.\n", 'lieux achalandés."\n')
    result = check(built_small_project)
    assert result.returncode == 1
    assert f"advisories/pt.yml:{line}: summary.fr: holds the control character U+" in result.stdout
    build = run_build(built_small_project)
    assert build.returncode == 1 and "Traceback" not in build.output
    assert tree(built_small_project) == before


ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (ALIAS_BOMB, "more than 50,000 values once its aliases (*name) are written out"),
        ("[" * 100_000 + "]" * 100_000, "lists and mappings nest more than 20 levels deep"),
        ("code: PT\nsummary: " + "x" * 600_000 + "\n", "expected at most 524,288 (512 KB) per file"),
    ],
    ids=["alias-bomb", "nested-brackets", "huge-file"],
)
def test_hostile_files_are_refused_fast_with_a_message(small_project: Path, content: str, message: str) -> None:
    (small_project / ADVISORY).write_text(content, encoding="utf-8")
    started = time.monotonic()
    result = check(small_project)
    assert time.monotonic() - started < 20  # a hang or an exponential blow-up would not finish
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    build = run_build(small_project)
    assert build.returncode == 1 and message in build.output and "Traceback" not in build.output


def test_a_link_out_of_the_project_is_refused(small_project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text((small_project / ADVISORY).read_text("utf-8").replace("code: PT", "code: ES"), encoding="utf-8")
    (small_project / "advisories" / "es.yml").symlink_to(outside)
    result = check(small_project)
    assert result.returncode == 1
    assert "advisories/es.yml:1: (file): is a link to" in result.stdout and "outside the project" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("advisories_dir: advisories", "advisories_dir: advisories\n      destinations_path: ../../x", "option 'destinations_path': '../../x' is not allowed"),
        ("advisories_dir: advisories", "advisories_dir: advisories\n      latest_days: 0", "option 'latest_days': 0 is not allowed"),
        ('phone: "+1 613 555 0199"', 'phone: "+1 613 555 0199\\" onclick=\\"x"', "Sub-option 'phone':"),
        ("email: emergency@example.org", "email: 'a\"@example.org'", "Sub-option 'email':"),
        ("registration: https://", "registration: javascript:alert(1)//https://", "is not a web address"),
    ],
    ids=["destinations-path", "latest-days", "phone", "email", "link-pattern"],
)
def test_malformed_options_are_one_line_config_errors(built_small_project: Path, old: str, new: str, message: str) -> None:
    before = tree(built_small_project)
    edit(built_small_project, old, new, Path("mkdocs.yml"))
    build = run_build(built_small_project)
    assert build.returncode == 1
    assert message in build.output, build.output
    assert "Traceback" not in build.output
    assert tree(built_small_project) == before


@pytest.mark.parametrize("value", ["26-11-2026", "2026-13-01", "tomorrow"])
def test_a_bad_build_date_is_a_one_line_error(small_project: Path, value: str) -> None:
    build = run_build(small_project, build_date=value)
    assert build.returncode == 1
    assert f"$TRAVEL_ADVICE_BUILD_DATE: '{value}' is not a date; expected YYYY-MM-DD" in build.output
    assert "Traceback" not in build.output


def test_an_empty_advisories_folder_fails_a_strict_build(small_project: Path) -> None:
    (small_project / ADVISORY).unlink()
    build = run_build(small_project)
    assert build.returncode == 1
    assert "advisories: no advisory file (<code>.yml)" in build.output


def test_a_folder_of_drafts_only_says_so_and_fails_a_strict_build(small_project: Path) -> None:
    edit(small_project, "code: PT\n", "code: PT\nstatus: draft\n")
    build = run_build(small_project)
    assert build.returncode == 1
    assert "advisories: only drafts (1), none published; the site would publish no destination" in build.output


def test_guidance_pages_are_held_to_the_rules(built_small_project: Path) -> None:
    before = tree(built_small_project)
    page = Path("docs") / "before" / "health.fr.md"
    text = (built_small_project / page).read_text("utf-8")
    (built_small_project / page).write_text(text + "\n<iframe src='https://evil.example'></iframe>\n", encoding="utf-8")
    build = run_build(built_small_project)
    assert build.returncode == 1
    line = len(text.splitlines()) + 2
    assert f"docs/before/health.fr.md:{line}: (page): <iframe> is not allowed" in build.output
    assert tree(built_small_project) == before


def test_a_failure_in_the_french_build_keeps_the_whole_last_site(built_small_project: Path) -> None:
    """static-i18n writes French after English: the build is staged, so English is not replaced either."""
    before = tree(built_small_project)
    page = built_small_project / "docs" / "before" / "health.fr.md"
    page.write_text(page.read_text("utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    edit(built_small_project, "Pickpockets work", "Pickpockets often work")
    assert run_build(built_small_project).returncode == 1
    assert tree(built_small_project) == before
    assert sorted(p.name for p in built_small_project.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.slow
def test_a_killed_build_leaves_the_last_site_and_the_next_build_cleans_up(built_small_project: Path) -> None:
    before = tree(built_small_project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRAVEL_ADVICE_BUILD_DATE": "2026-11-25"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=built_small_project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = built_small_project / ".site.staging"
    deadline = time.monotonic() + 60
    while not (staging / "index.html").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert tree(built_small_project) == before
    build = run_build(built_small_project)
    assert build.returncode == 0, build.output
    assert not staging.exists() and not (built_small_project / ".site.previous").exists()


def test_the_shipped_content_passes_the_rules() -> None:
    result = subprocess.run([sys.executable, "-m", "travel_advice.cli.main", "check"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str, until: str, timeout: float = 90) -> str:
    """The page at ``url`` once it holds ``until`` (``mkdocs serve`` builds, then rebuilds after an edit)."""
    import urllib.request

    deadline, text = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if until in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {until!r}:\n{text[:2000]}")


@pytest.mark.slow
def test_serve_keeps_the_last_good_advisory_and_shows_the_problem_on_the_page(small_project: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRAVEL_ADVICE_BUILD_DATE": "2026-11-25"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=small_project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _fetch(base + "destinations/pt/", "Pickpockets work")
        line = edit(small_project, "      Pickpockets work", "      <script>alert(1)</script>\n\n      Pickpockets work")
        for lang, prefix, heading in (("en", "", "Problems to fix before publishing"), ("fr", "fr/", "Problèmes à corriger avant la publication")):
            page = _fetch(f"{base}{prefix}destinations/pt/", heading)
            panel = lxml_html.fromstring(page).xpath("//aside[@class='ta-preview-problems']")[0]
            assert panel.get("role") == "alert"
            assert f"advisories/pt.yml:{line}: sections.safety.en: <script> is not allowed" in panel.text_content(), lang
            assert "<script>alert(1)" not in page  # the panel escapes it, the page shows the last good version
        assert "Pickpockets work" in _fetch(base + "destinations/pt/", "Pickpockets work")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "sections.safety.en: <script> is not allowed" in output
    assert "Traceback" not in output
