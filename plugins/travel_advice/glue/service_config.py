"""``mkdocs.yml`` options of the service features (feedback, useful links), checked at config time.

A URL pattern is text, or a mapping ``{en: ..., fr: ...}`` when the languages differ::

    feedback: {email: feedback@example.org, issue_url: https://example.org/issues/new}
    useful_links:
      registration: https://travel.example.org/{lang}/register?country={code}
      health: {en: https://example.org/health/{code_lower}, fr: https://example.org/sante/{code_lower}}
      other_governments:
        - name: {en: Example Republic, fr: République d’Exemple}
          url: https://advice.example.org/{code}
"""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from travel_advice.core.model import LANGUAGES, Localized
from travel_advice.site.help_links import SERVICE_LINKS, FeedbackTarget, UsefulLinkPatterns, pattern_problems

EMAIL = re.compile(r"[^@\s\"'<>\\]+@[^@\s\"'<>\\]+\.[^@\s\"'<>\\]+")
"""An email address a ``mailto:`` link can carry: name@domain.tld, no blank, quote or angle bracket."""


class UrlPattern(c.BaseConfigOption[Localized]):
    """A URL pattern with only known ``{placeholders}``, the same or different per language."""

    def run_validation(self, value: object) -> Localized:
        if isinstance(value, str):
            value = {lang: value for lang in LANGUAGES}
        if not isinstance(value, dict) or sorted(value) != sorted(LANGUAGES) or not all(isinstance(v, str) for v in value.values()):
            raise base.ValidationError(f"expected a URL pattern, or one per language ({{en: ..., fr: ...}}); found {value!r}")
        problems = [problem for lang in LANGUAGES for problem in pattern_problems(value[lang])]
        problems += [problem for lang in LANGUAGES if (problem := _web_address_problem(value[lang]))]
        if problems:
            raise base.ValidationError("; ".join(dict.fromkeys(problems)))
        return Localized(value["en"], value["fr"])


class LocalizedText(base.Config):
    en = c.Type(str)
    fr = c.Type(str)


class OtherGovernment(base.Config):
    name = c.SubConfig(LocalizedText)
    """The government's name in both languages."""
    url = UrlPattern()


class UsefulLinksConfig(base.Config):
    registration = c.Optional(UrlPattern())
    """Registration service for travellers abroad."""
    insurance = c.Optional(UrlPattern())
    """Travel insurance guidance."""
    health = c.Optional(UrlPattern())
    """Health notices for the destination."""
    other_governments = c.ListOfItems(c.SubConfig(OtherGovernment), default=[])
    """Other governments' advice for the same destination."""


class WebAddress(c.Type[str]):
    """An ``https://`` (or ``http://``) address, without placeholders."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        problem = _web_address_problem(text)
        if problem:
            raise base.ValidationError(problem)
        return text


def _web_address_problem(text: str) -> str | None:
    """Why ``text`` is not an ``https://`` or ``http://`` address a page may link to, if it is not."""
    if not text.startswith(("https://", "http://")):
        return f"'{text}' is not a web address; expected a URL starting with https://"
    if any(ch.isspace() or ch in "\"'<>\\" for ch in text):
        return f"'{text}' holds a blank, quote, angle bracket or backslash; expected a URL (write them %-encoded)"
    return None


class EmailAddress(c.Type[str]):
    """An e-mail address a ``mailto:`` link can carry (:data:`EMAIL`)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not EMAIL.fullmatch(text):
            raise base.ValidationError(f"'{text}' is not an email address; expected name@domain")
        return text


class FeedbackConfig(base.Config):
    email = c.Optional(EmailAddress())
    """Address that receives feedback; the page's link opens a prefilled message to it."""
    issue_url = c.Optional(WebAddress())
    """New-issue URL of a tracker, e.g. https://github.com/org/repo/issues/new."""


def useful_link_patterns(config: UsefulLinksConfig) -> UsefulLinkPatterns:
    """The core's view of the ``useful_links`` option."""
    services = {kind: config[kind] for kind in SERVICE_LINKS if config[kind] is not None}
    governments = tuple((Localized(g.name.en, g.name.fr), g.url) for g in config.other_governments)
    return UsefulLinkPatterns(services, governments)


def feedback_target(config: FeedbackConfig) -> FeedbackTarget:
    """The core's view of the ``feedback`` option."""
    return FeedbackTarget(config.email, config.issue_url)
