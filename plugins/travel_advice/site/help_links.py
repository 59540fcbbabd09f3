"""Service around the advice: help one tap away, feedback links, useful links per destination.

Plain functions on plain data; the plugin turns the ``mkdocs.yml`` options into these inputs.
Every link is built at build time: nothing is sent anywhere until the reader follows a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from string import Formatter
from urllib.parse import quote, urlencode, urlsplit

from babel import Locale

from travel_advice.core.model import Advisory, EmergencyContact, Lang, Localized
from travel_advice.core.words import PAGE_ANCHORS, label

PLACEHOLDERS: dict[str, str] = {
    "code": "the destination code, e.g. MX",
    "code_lower": "the destination code in lower case, e.g. mx",
    "lang": "the page language, en or fr",
}
SERVICE_LINKS = ("registration", "insurance", "health")
"""Useful links configured by one URL pattern each, in the order a page lists them."""


def tel_uri(phone: str) -> str:
    """``+52 (55) 5555-0100`` -> ``+525555550100`` for a ``tel:`` link."""
    return re.sub(r"[^0-9+]", "", phone)


@dataclass(frozen=True)
class LabelledLink:
    """A labelled link, ready for a template."""

    label: str
    url: str


@dataclass(frozen=True)
class HelpLine:
    """A contact a traveller can call or write to: a consular office or the 24/7 line."""

    label: str
    phone: str
    email: str | None = None
    details: str | None = None
    """Link to more about this contact (the offices on a destination page)."""

    @property
    def tel(self) -> str:
        """The ``tel:`` URI of the phone number."""
        return f"tel:{tel_uri(self.phone)}"

    @property
    def mailto(self) -> str | None:
        return f"mailto:{self.email}" if self.email else None


@dataclass(frozen=True)
class UsefulLinkPatterns:
    """URL patterns keyed by link kind, each in both languages (often the same text twice)."""

    services: Mapping[str, Localized]
    other_governments: tuple[tuple[Localized, Localized], ...] = ()
    """(government name, URL pattern) pairs."""


@dataclass(frozen=True)
class DestinationLinks:
    """The useful links of one destination page in one language."""

    services: tuple[LabelledLink, ...]
    other_governments: tuple[LabelledLink, ...]

    def __bool__(self) -> bool:
        return bool(self.services or self.other_governments)


@dataclass(frozen=True)
class FeedbackTarget:
    """Where feedback goes: an email address, an issue tracker's new-issue URL, or both."""

    email: str | None = None
    issue_url: str | None = None


def pattern_problems(pattern: str) -> list[str]:
    """What is wrong with a URL pattern (empty list if nothing is)."""
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in Formatter().parse(pattern) if name is not None]
    except ValueError as error:
        return [f"'{pattern}' has unbalanced braces ({error}); write {{{{ and }}}} for literal braces"]
    problems = []
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS:
            problems.append(f"unknown placeholder {{{name}}} in '{pattern}'; expected only {known}")
        elif spec or conversion:
            problems.append(f"placeholder {{{name}}} in '{pattern}' has a format; expected plain {known}")
    if urlsplit(pattern).scheme not in ("https", "http"):
        problems.append(f"'{pattern}' is not a web address; expected a URL starting with https://")
    return problems


def expand(pattern: str, code: str, lang: Lang) -> str:
    """A URL pattern filled in for one destination and language."""
    return pattern.format(code=quote(code), code_lower=quote(code.lower()), lang=lang)


def destination_links(patterns: UsefulLinkPatterns, code: str, lang: Lang) -> DestinationLinks:
    """The useful links of a destination; a kind without a pattern is simply absent."""
    services = tuple(
        LabelledLink(label(f"link_{kind}", lang), expand(patterns.services[kind][lang], code, lang))
        for kind in SERVICE_LINKS
        if kind in patterns.services
    )
    governments = tuple(LabelledLink(name[lang], expand(url[lang], code, lang)) for name, url in patterns.other_governments)
    return DestinationLinks(services, governments)


def help_lines(advisory: Advisory | None, emergency: EmergencyContact | None, lang: Lang) -> list[HelpLine]:
    """Who to call, in order: the destination's first office, then the 24/7 emergency line.

    A destination's own emergency contact replaces the site-wide one on its page.
    """
    lines = []
    if advisory is not None and advisory.offices:
        office = advisory.offices[0]
        lines.append(HelpLine(office.name[lang], office.phone, office.email, f"#{PAGE_ANCHORS['offices'][lang]}"))
    contact = (advisory.emergency if advisory else None) or emergency
    if contact is not None:
        lines.append(HelpLine(label("emergency_24_7", lang), contact.phone, contact.email))
    return lines


@cache
def language_name(lang: Lang) -> str:
    """The name of a language in that language (CLDR): « English », « français »."""
    return Locale.parse(lang).get_display_name(lang) or lang


def feedback_message(title: str, url: str, lang: Lang) -> tuple[str, str]:
    """Subject and body of a prefilled feedback message about one page, in its language."""
    subject = label("feedback_subject", lang, title=title)
    body = label("feedback_body", lang, title=title, url=url, language=language_name(lang))
    return subject, body


def mailto_url(email: str, subject: str, body: str) -> str:
    """A ``mailto:`` URI with its subject and body percent-encoded (RFC 6068: CRLF line breaks)."""
    query = urlencode({"subject": subject, "body": body.replace("\n", "\r\n")}, quote_via=quote)
    return f"mailto:{quote(email, safe='@')}?{query}"


def issue_url(base: str, title: str, body: str) -> str:
    """A new-issue URL of a tracker (GitHub, GitLab, Gitea) with ``title`` and ``body`` filled in."""
    query = urlencode({"title": title, "body": body}, quote_via=quote)
    return f"{base}{'&' if '?' in base else '?'}{query}"


def feedback_links(target: FeedbackTarget, title: str, url: str, lang: Lang) -> list[LabelledLink]:
    """The feedback links of one page: by email and/or on the issue tracker, prefilled."""
    subject, body = feedback_message(title, url, lang)
    links = []
    if target.email:
        links.append(LabelledLink(label("feedback_email", lang), mailto_url(target.email, subject, body)))
    if target.issue_url:
        links.append(LabelledLink(label("feedback_issue", lang), issue_url(target.issue_url, subject, body)))
    return links
