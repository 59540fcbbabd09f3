"""Atom feeds: the core functions, then the feeds and links of the real shipped site."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from travel_advice.core.model import LANGUAGES, Advisory, Localized, Update
from travel_advice.core.validation import load_advisories
from travel_advice.site.feeds import FeedContext, Withdrawal, destination_feed, entry_id, feed_files, site_feed
from travel_advice.site.layout import Layout, destination_views

from .conftest import BUILD_DATE, FIXTURES, Build, copy_project, run_build
from .test_site_urls import FakeUrls
from .test_sitemap_meta import SITE_URL, head_tags, html_pages

NBSP = "\u00a0"
SUBSCRIBE = {"en": "Subscribe to updates (Atom)", "fr": "S’abonner aux mises à jour (Atom)"}
LEVEL_WORDS = {"en": "Level 1 of 4: Take normal security precautions", "fr": f"Niveau 1 sur 4{NBSP}: Prendre des mesures de sécurité normales"}


def fixture_advisory() -> Advisory:
    result = load_advisories(FIXTURES / "advisories", date.fromisoformat(BUILD_DATE))
    assert result.errors == ()
    return result.advisories[0]


def context(lang: str, today: date = date(2026, 11, 25)) -> FeedContext:
    return FeedContext(lang, "Site", lambda a: f"https://example.org/{a.slug}/", today)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_destination_feed_lists_the_change_log_newest_first(lang: str) -> None:
    advisory = fixture_advisory()
    feed = feedparser.parse(destination_feed(advisory, context(lang), "https://example.org/pt/feed.xml"))
    assert not feed.bozo
    assert feed.feed.language == lang
    assert [e.updated[:10] for e in feed.entries] == ["2026-10-14", "2026-07-02"]
    names = {"en": "Portugal", "fr": "Portugal"}
    colon = ": " if lang == "en" else f"{NBSP}: "
    assert feed.entries[0].title == f"{names[lang]}{colon}{advisory.updates[0].note[lang]}"
    assert feed.entries[0].tags[0].label == LEVEL_WORDS[lang]
    assert LEVEL_WORDS[lang] in feed.entries[0].content[0].value
    assert feed.entries[0].link == "https://example.org/pt/"
    assert feed.feed.updated.startswith("2026-10-14")


def test_feeds_do_not_change_with_the_build_date() -> None:
    advisory = fixture_advisory()
    first = site_feed([advisory], context("en", date(2026, 11, 25)), "https://example.org/feed.xml", "https://example.org/latest/")
    later = site_feed([advisory], context("en", date(2027, 1, 5)), "https://example.org/feed.xml", "https://example.org/latest/")
    assert first == later


def test_entry_ids_are_stable_when_a_newer_change_of_the_same_day_is_added() -> None:
    advisory = fixture_advisory()
    older = Update(date(2026, 10, 14), Localized("First", "Premier"))
    newer = Update(date(2026, 10, 14), Localized("Second", "Second"))
    before = replace(advisory, updates=(older,))
    after = replace(advisory, updates=(newer, older))
    url = "https://example.org/fr/destinations/pt/"
    assert entry_id(url, before, older, "fr") == entry_id(url, after, older, "fr") == "tag:example.org,2026-10-14:fr/pt/1"
    assert entry_id(url, after, newer, "fr") == "tag:example.org,2026-10-14:fr/pt/2"


def feed_file(site: Path, url: str) -> Path:
    """The built file behind an absolute URL of the site."""
    path = urlsplit(url).path.lstrip("/")
    target = site / path
    return target / "index.html" if url.endswith("/") else target


def shipped_advisories(build: Build) -> tuple[Advisory, ...]:
    return load_advisories(build.project / "advisories", date.fromisoformat(BUILD_DATE)).advisories


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_feed_has_every_change_newest_first(shipped_site: Build, lang: str) -> None:
    prefix = "" if lang == "en" else "fr/"
    feed = feedparser.parse(shipped_site.page(f"{prefix}feed.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == lang
    advisories = shipped_advisories(shipped_site)
    assert len(advisories) >= 14
    assert len(feed.entries) == sum(len(a.updates) for a in advisories)
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == f"{SITE_URL}{prefix}feed.xml"
    for entry in feed.entries:
        assert entry.link.startswith(f"{SITE_URL}{prefix}destinations/")
        assert feed_file(shipped_site.site, entry.link).is_file(), entry.link
        assert entry.tags[0].label.startswith("Level " if lang == "en" else "Niveau ")
    newest = max((u.date, a.code) for a in advisories for u in a.updates)
    assert f"/{newest[1].lower()}/" in feed.entries[0].link


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_destination_has_its_feed(shipped_site: Build, lang: str) -> None:
    prefix = "" if lang == "en" else "fr/"
    for advisory in shipped_advisories(shipped_site):
        feed = feedparser.parse(shipped_site.page(f"{prefix}destinations/{advisory.slug}/feed.xml"))
        assert not feed.bozo, advisory.code
        assert feed.feed.language == lang
        assert advisory.name[lang] in feed.feed.title
        assert [e.title.split(": " if lang == "en" else f"{NBSP}: ", 1)[1] for e in feed.entries] == [
            u.note[lang] for u in advisory.updates
        ]
        page = f"{SITE_URL}{prefix}destinations/{advisory.slug}/"
        for entry in feed.entries:  # the destination page, or the edition that published the change (its history)
            assert entry.link == page or re.fullmatch(re.escape(page) + r"history/\d{4}-\d{2}-\d{2}(-\d+)?/", entry.link), entry.link
            assert feed_file(shipped_site.site, entry.link).is_file(), entry.link


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_links_the_feeds_in_its_head(shipped_site: Build, lang: str) -> None:
    prefix = "" if lang == "en" else "fr/"
    for page in html_pages(shipped_site.site, lang):
        feeds = [t for t in head_tags(page.read_text("utf-8")) if t.get("type") == "application/atom+xml"]
        assert feeds, page
        assert feeds[-2]["hreflang"] == lang and feeds[-2]["href"] == f"{SITE_URL}{prefix}feed.xml"
        for link in feeds:
            assert link["rel"] == "alternate" and link["title"]
            assert feed_file(shipped_site.site, link["href"]).is_file(), (page, link)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_destination_and_latest_pages_show_a_subscribe_link(shipped_site: Build, lang: str) -> None:
    prefix = "" if lang == "en" else "fr/"
    pt = shipped_advisories(shipped_site)[0]
    destination = shipped_site.page(f"{prefix}destinations/{pt.slug}/index.html")
    latest = shipped_site.page(f"{prefix}destinations/latest/index.html")
    mine = f"{SITE_URL}{prefix}destinations/{pt.slug}/feed.xml"
    assert f'<a href="{mine}" type="application/atom+xml">{SUBSCRIBE[lang]}</a>' in destination
    assert f'<a href="{SITE_URL}{prefix}feed.xml" type="application/atom+xml">{SUBSCRIBE[lang]}</a>' in latest
    head = head_tags(destination)
    assert any(t.get("href") == mine and t.get("hreflang") == lang for t in head)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_files_of_a_language_link_themselves_and_their_pages(lang: str) -> None:
    advisory = fixture_advisory()
    views = destination_views([advisory], lang, Layout.of("/where/"), FakeUrls())
    files = feed_files(views, lang, "Site", date(2026, 11, 25), Layout.of("/where/"), FakeUrls())  # type: ignore[arg-type]
    assert list(files) == ["feed.xml", "where/pt/feed.xml"]
    folder = "" if lang == "en" else "fr/"
    site, destination = (feedparser.parse(files[path]) for path in files)
    assert [link.href for link in site.feed.links] == [f"https://example.org/{folder}feed.xml", f"https://example.org/{folder}where/latest/"]
    assert [link.href for link in destination.feed.links] == [f"https://example.org/{folder}where/pt/feed.xml", f"https://example.org/{folder}where/pt/"]
    assert {entry.link for entry in site.entries} == {f"https://example.org/{folder}where/pt/"}


def test_site_feed_carries_only_the_newest_changes() -> None:
    advisory = fixture_advisory()
    older = Update(date(2026, 1, 5), Localized("Oldest", "Plus ancien"))
    advisory = replace(advisory, updates=(*advisory.updates, older))
    feed = feedparser.parse(
        site_feed([advisory], context("fr"), "https://example.org/feed.xml", "https://example.org/latest/", entries=2)
    )
    assert [e.updated[:10] for e in feed.entries] == ["2026-10-14", "2026-07-02"]
    assert feed.feed.updated.startswith("2026-10-14")


def test_site_feed_entries_option_limits_the_site_feed_only(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      example_content: true\n", "      example_content: true\n      site_feed_entries: 3\n"), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    advisories = shipped_advisories(build)
    newest = sorted(((u.date, a) for a in advisories for u in a.updates), key=lambda pair: pair[0], reverse=True)
    for prefix in ("", "fr/"):
        site = feedparser.parse(build.page(f"{prefix}feed.xml"))
        assert len(site.entries) == 3
        assert site.entries[0].updated[:10] == newest[0][0].isoformat()
        busiest = max(advisories, key=lambda a: len(a.updates))
        own = feedparser.parse(build.page(f"{prefix}destinations/{busiest.slug}/feed.xml"))
        assert len(own.entries) == len(busiest.updates) > 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_withdrawn_change_with_hostile_words_stays_text(lang: str) -> None:
    """A withdrawal entry quotes the change it takes back: an editor's note is text, never markup."""
    advisory = fixture_advisory()
    hostile = Update(date(2026, 10, 20), Localized('<script>alert(1)</script> & <img src=x onerror="alert(2)">', "<b>gras</b> & « cité »"))
    taken_back = Withdrawal(replace(advisory, updates=(hostile, *advisory.updates)), date(2026, 10, 21), "https://example.org/pt/history/2026-10-20/", hostile)
    xml = site_feed([advisory], context(lang), "https://example.org/feed.xml", "https://example.org/latest/", withdrawals=[taken_back])
    feed = feedparser.parse(xml)
    assert not feed.bozo
    assert [e.updated[:10] for e in feed.entries] == ["2026-10-21", "2026-10-14", "2026-07-02"]
    entry = feed.entries[0]
    assert entry.link == "https://example.org/pt/history/2026-10-20/"
    assert hostile.note[lang] in entry.title  # the title is text: feed readers show it as such
    assert "<script" not in xml.decode() and "<img" not in xml.decode() and "<b>" not in xml.decode()
    content = entry.content[0].value
    assert "<script" not in content and "<img" not in content and "<b>" not in content and "&lt;" in content


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Update of October 20, 2026 withdrawn: “&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=&#34;alert(2)&#34;&gt;”"),
        ("fr", f"Mise à jour du 20 octobre 2026 retirée{NBSP}: «{NBSP}&lt;b&gt;gras&lt;/b&gt; &amp; « cité »{NBSP}»"),
    ],
)
def test_latest_updates_page_lists_what_was_taken_back(lang: str, said: str) -> None:
    """The latest-updates page says a change it listed was withdrawn, newest first among the changes, its words as text."""
    from travel_advice.site.destination_list import render_latest

    advisory = fixture_advisory()
    hostile = Update(date(2026, 10, 20), Localized('<script>alert(1)</script> & <img src=x onerror="alert(2)">', "<b>gras</b> & « cité »"))
    taken_back = Withdrawal(replace(advisory, updates=(hostile, *advisory.updates)), date(2026, 10, 21), "pt/history/2026-10-20/", hostile)
    gone = Withdrawal(advisory, date(2026, 9, 1), "pt/history/")
    old = Withdrawal(advisory, date(2026, 1, 5), "pt/history/")  # outside the 90 days shown
    page = render_latest([advisory], lang, {"PT": "pt/"}, date(2026, 11, 25), 90, withdrawals=[gone, taken_back, old])
    items = re.findall(r"<li[^>]*>.*?</li>", page)
    assert [re.search(r'datetime="([^"]+)"', item)[1][:10] for item in items] == ["2026-10-21", "2026-10-14", "2026-09-01"]
    assert 'href="pt/history/2026-10-20/"' in items[0] and said in items[0]
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert ("Advisory withdrawn: the site no longer" if lang == "en" else f"Avis retiré{NBSP}: le site ne publie plus") in items[2]
    assert 'href="pt/history/"' in items[2]
