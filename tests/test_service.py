"""Service around the advice (issue 9): help one tap away, feedback, useful links, risk indicators.

Core functions are tested as plain functions; everything else on real sites built into
temporary folders, in both languages.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from travel_advice.core.model import INDICATORS, EmergencyContact, Localized
from travel_advice.core.validation import load_advisories
from travel_advice.core.words import INDICATOR_EXPLANATIONS, INDICATOR_LABELS
from travel_advice.site.help_links import (
    FeedbackTarget,
    UsefulLinkPatterns,
    destination_links,
    feedback_links,
    help_lines,
    issue_url,
    mailto_url,
    pattern_problems,
)

from .browser import chromium, require_chromium, serve_site
from .conftest import BUILD_DATE, ROOT, Build, run_build
from .test_build_errors import break_advisory, output_files, previous_output

SITE_URL = "https://travel-advice.example.org/"
EMERGENCY_TEL = 'href="tel:+16135550199"'
EMERGENCY_MAIL = 'href="mailto:emergency@example.org"'
LANGUAGE_NAMES = {"en": "English", "fr": "français"}
TODAY = date.fromisoformat(BUILD_DATE)


# --- plain functions ---------------------------------------------------------------------


def test_pattern_problems_accept_known_placeholders_only() -> None:
    assert pattern_problems("https://example.org/{lang}/register?c={code}&s={code_lower}") == []
    assert pattern_problems("https://example.org/insurance") == []
    [unknown] = pattern_problems("https://example.org/{country}")
    assert unknown == "unknown placeholder {country} in 'https://example.org/{country}'; expected only {code}, {code_lower}, {lang}"
    assert "has a format" in pattern_problems("https://example.org/{code:>4}")[0]
    assert "unbalanced braces" in pattern_problems("https://example.org/{code")[0]
    assert "not a web address" in pattern_problems("javascript:alert({code})")[0]


def test_destination_links_follow_patterns_and_skip_unconfigured_kinds() -> None:
    patterns = UsefulLinkPatterns(
        services={"health": Localized("https://example.org/health/{code_lower}", "https://example.org/sante/{code_lower}")},
        other_governments=((Localized("Example Republic", "République d’Exemple"), Localized("https://gov.example.org/{code}", "https://gov.example.org/{code}")),),
    )
    fr = destination_links(patterns, "MX", "fr")
    assert [(link.label, link.url) for link in fr.services] == [("Conseils de santé aux voyageurs", "https://example.org/sante/mx")]
    assert [(link.label, link.url) for link in fr.other_governments] == [("République d’Exemple", "https://gov.example.org/MX")]
    assert not destination_links(UsefulLinkPatterns({}), "MX", "en")


def test_feedback_message_is_percent_encoded_and_round_trips() -> None:
    url = mailto_url("feedback@example.org", "Commentaires\u00a0: Côte d’Ivoire & co", "Page\u00a0: x\nLangue\u00a0: français\n")
    parts = urlsplit(url)
    assert (parts.scheme, parts.path) == ("mailto", "feedback@example.org")
    assert " " not in url and "\n" not in url and "+" not in url
    query = parse_qs(parts.query)
    assert query["subject"] == ["Commentaires\u00a0: Côte d’Ivoire & co"]
    assert query["body"] == ["Page\u00a0: x\r\nLangue\u00a0: français\r\n"]
    tracker = issue_url("https://example.org/issues/new?labels=site", "t & u", "b")
    assert parse_qs(urlsplit(tracker).query) == {"labels": ["site"], "title": ["t & u"], "body": ["b"]}


def test_feedback_links_only_for_configured_targets() -> None:
    assert feedback_links(FeedbackTarget(), "Mexique", "https://x.example/fr/", "fr") == []
    [link] = feedback_links(FeedbackTarget(issue_url="https://example.org/new"), "Mexique", "https://x.example/fr/", "fr")
    assert link.label == "Signaler un problème"
    assert parse_qs(urlsplit(link.url).query)["title"] == ["Commentaires\u00a0: Mexique"]


def test_help_lines_put_the_office_first_and_prefer_the_destination_emergency_line() -> None:
    [pt] = load_advisories(ROOT / "tests" / "fixtures" / "advisories", TODAY).advisories
    site_line = EmergencyContact("+1 613 555 0199", "emergency@example.org")
    office, emergency = help_lines(pt, site_line, "fr")
    assert (office.label, office.tel, office.details) == ("Bureau consulaire d’exemple à Lisbonne", "tel:+351215550100", "#bureaux")
    assert (emergency.label, emergency.tel, emergency.mailto) == ("Ligne d’urgence 24 h sur 24, 7 jours sur 7", "tel:+16135550199", "mailto:emergency@example.org")
    assert [line.label for line in help_lines(None, site_line, "en")] == ["24/7 emergency line"]
    assert help_lines(None, None, "en") == []


# --- the shipped site, both languages ----------------------------------------------------


def pages(build: Build) -> dict[str, str]:
    """Every HTML page built from a Markdown page (directory URLs), by its site path."""
    found = {}
    for path in sorted(build.site.rglob("index.html")):
        relative = path.relative_to(build.site).parent.as_posix()
        found["" if relative == "." else relative + "/"] = path.read_text(encoding="utf-8")
    return found


def help_strip(text: str) -> str:
    match = re.search(r'<aside class="ta-help".*?</aside>', text, re.S)
    assert match, "no help strip"
    return match.group(0)


def feedback_hrefs(text: str) -> list[str]:
    block = re.search(r'<div class="ta-feedback">.*?</div>', text, re.S)
    assert block, "no feedback block"
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', block.group(0))]


def language_of(site_path: str) -> str:
    return "fr" if site_path.startswith("fr/") else "en"


def test_every_page_shows_the_24_7_contact_before_the_content(shipped_site: Build) -> None:
    own_lines = {  # a destination's own 24/7 contact replaces the site-wide one on its page
        f"destinations/{a.slug}/": a.emergency for a in load_advisories(ROOT / "advisories", TODAY).advisories if a.emergency
    }
    built = pages(shipped_site)
    assert {language_of(p) for p in built} == {"en", "fr"} and len(built) > 40
    for site_path, text in built.items():
        strip = help_strip(text)
        own = own_lines.get(site_path.removeprefix("fr/"))
        tel, mail = (f'href="tel:{re.sub(r"[^0-9+]", "", own.phone)}"', f'href="mailto:{own.email}"') if own else (EMERGENCY_TEL, EMERGENCY_MAIL)
        assert tel in strip and (mail in strip or (own and not own.email)), site_path
        assert text.index('class="ta-help"') < text.index("<main"), site_path
        label = "24/7 emergency line" if language_of(site_path) == "en" else "Ligne d’urgence 24\u00a0h sur 24, 7\u00a0jours sur 7"
        assert html.unescape(strip).replace("\u00a0", " ").count(label.replace("\u00a0", " ")) == 1, site_path
    not_found = help_strip(shipped_site.page("404.html"))
    assert EMERGENCY_TEL in not_found and EMERGENCY_MAIL in not_found


def test_destination_pages_show_their_office_first(shipped_site: Build) -> None:
    advisories = load_advisories(ROOT / "advisories", TODAY).advisories
    for advisory in (a for a in advisories if a.offices):
        for prefix, anchor in (("", "#offices"), ("fr/", "#bureaux")):
            strip = help_strip(shipped_site.page(f"{prefix}destinations/{advisory.slug}/index.html"))
            office = advisory.offices[0]
            office_tel = f'href="tel:{re.sub(r"[^0-9+]", "", office.phone)}"'
            assert f'href="{anchor}"' in strip
            assert strip.index(office_tel) < strip.index("tel:", strip.index(office_tel) + 1), advisory.code


def test_every_page_has_feedback_links_prefilled_with_its_own_address_and_language(shipped_site: Build) -> None:
    for site_path, text in pages(shipped_site).items():
        lang = language_of(site_path)
        own_url = SITE_URL + site_path
        assert f'<link rel="canonical" href="{own_url}">' in text
        mail, tracker = feedback_hrefs(text)
        mail_parts, tracker_parts = urlsplit(mail), urlsplit(tracker)
        assert (mail_parts.scheme, mail_parts.path) == ("mailto", "feedback@example.org")
        assert tracker.startswith("https://example.org/travel-advice/issues/new?")
        mail_query, tracker_query = parse_qs(mail_parts.query), parse_qs(tracker_parts.query)
        [subject], [body] = mail_query["subject"], mail_query["body"]
        assert tracker_query["title"] == [subject]
        assert subject.startswith("Feedback: " if lang == "en" else "Commentaires\u00a0: "), site_path
        address, language = ("Address: ", "Language: ") if lang == "en" else ("Adresse\u00a0: ", "Langue\u00a0: ")
        assert f"{address}{own_url}\r\n" in body and f"{language}{LANGUAGE_NAMES[lang]}\r\n" in body, site_path
        assert (">Send us your feedback<" if lang == "en" else ">Envoyez-nous vos commentaires<") in text


def test_useful_links_follow_the_configured_patterns(shipped_site: Build) -> None:
    codes = [a.code for a in load_advisories(ROOT / "advisories", TODAY).advisories]  # drafts are not published
    assert len(codes) >= 14
    for code in codes:
        for lang, health, heading in (("en", "health-notices", "Useful links"), ("fr", "avis-sante", "Liens utiles")):
            text = shipped_site.page(f"{'fr/' if lang == 'fr' else ''}destinations/{code.lower()}/index.html")
            links = useful_links(text, heading)
            assert links == [
                f"https://travel.example.org/{lang}/registration?destination={code}",
                f"https://travel.example.org/{lang}/insurance",
                f"https://travel.example.org/{lang}/{health}/{code.lower()}",
                f"https://advice.example.org/destinations/{code}",
            ], (code, lang)


def useful_links(text: str, heading: str) -> list[str]:
    """Link targets of the useful-links section, or [] if the page has none."""
    match = re.search(rf'<h2[^>]*>{heading}<.*?(?=<h2)', text, re.S)
    return [html.unescape(href) for href in re.findall(r'href="(http[^"]+)"', match.group(0))] if match else []


def test_indicators_are_labelled_badges_with_explanations_in_both_languages(shipped_site: Build) -> None:
    advisories = load_advisories(ROOT / "advisories", TODAY).advisories
    with_indicators = [a for a in advisories if a.indicators]
    assert with_indicators
    for advisory in with_indicators:
        for lang, prefix in (("en", ""), ("fr", "fr/")):
            text = shipped_site.page(f"{prefix}destinations/{advisory.slug}/index.html")
            badges = re.findall(r'<span class="ta-indicator__badge">.*?</span>(.*?)</span> <span class="ta-indicator__text"[^>]*>(.*?)</span>', text)
            expected = [(INDICATOR_LABELS[k][lang], INDICATOR_EXPLANATIONS[k][lang]) for k in advisory.indicators]
            assert [(html.unescape(a), html.unescape(b)) for a, b in badges] == expected, (advisory.code, lang)
            assert ("Risk indicators" if lang == "en" else "Indicateurs de risque") in text


# --- variants of the configuration -------------------------------------------------------


def set_service_options(project: Path, options: str) -> None:
    """Replace the feedback and useful_links options of mkdocs.yml (edited as text: it has !ENV tags)."""
    config = project / "mkdocs.yml"
    text = re.sub(r"^      (feedback|useful_links):.*\n(?:        .*\n)*", "", config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text.replace("\nnav:", options + "\nnav:", 1), encoding="utf-8")


def test_unconfigured_links_and_feedback_are_absent(small_project: Path) -> None:
    set_service_options(small_project, "      useful_links:\n        insurance: https://travel.example.org/{lang}/insurance\n")
    build = run_build(small_project)
    assert build.returncode == 0, build.output
    for prefix, heading in (("", "Useful links"), ("fr/", "Liens utiles")):
        text = build.page(f"{prefix}destinations/pt/index.html")
        lang = "fr" if prefix else "en"
        assert useful_links(text, heading) == [f"https://travel.example.org/{lang}/insurance"]
        assert "ta-links--governments" not in text and "ta-feedback" not in text
        assert EMERGENCY_TEL in help_strip(text)
    set_service_options(small_project, "")
    build = run_build(small_project)
    assert build.returncode == 0, build.output
    for prefix in ("", "fr/"):
        text = build.page(f"{prefix}destinations/pt/index.html")
        assert 'id="useful-links"' not in text and 'id="liens-utiles"' not in text and "ta-links" not in text


def test_unknown_placeholder_is_a_clear_config_error_before_output(small_project: Path) -> None:
    before = previous_output(small_project)
    set_service_options(small_project, "      useful_links:\n        health: https://example.org/health/{country}\n")
    build = run_build(small_project)
    assert build.returncode == 1
    assert "option 'useful_links': Sub-option 'health': unknown placeholder {country} in 'https://example.org/health/{country}'; expected only {code}, {code_lower}, {lang}" in build.output
    assert "Traceback" not in build.output
    assert output_files(small_project) == before


def test_unknown_indicator_is_a_clear_error_listing_allowed_values(small_project: Path) -> None:
    before = previous_output(small_project)
    line = break_advisory(small_project, "indicators: [natural-disaster]", "indicators: [natural-disaster, volcano]")
    build = run_build(small_project)
    assert build.returncode == 1
    allowed = ", ".join(INDICATORS)
    assert f"advisories/pt.yml:{line}: indicators[1]: 'volcano' is not allowed; expected one of: {allowed}" in build.output
    assert "Traceback" not in build.output
    assert output_files(small_project) == before


# --- a phone, in a real browser ----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("site_path", ["", "fr/", "destinations/mx/", "fr/destinations/mx/"])
def test_help_is_visible_without_scrolling_on_a_phone(shipped_site: Build, site_path: str, tmp_path: Path) -> None:
    require_chromium()
    with serve_site(shipped_site.site) as base, chromium(tmp_path / "profile", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as context:
        page = context.new_page()
        page.goto(base + site_path)
        for selector in ('.ta-help a[href="tel:+16135550199"]', '.ta-help a[href="mailto:emergency@example.org"]'):
            link = page.locator(selector)
            assert link.is_visible(), selector
            box = link.bounding_box()
            assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 844, (selector, box)
