"""Options of the ``travel-advice`` plugin, as written in ``mkdocs.yml``, and the plain values the core takes from them."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from travel_advice.core.lifecycle import REVIEW_DAYS
from travel_advice.core.model import EmergencyContact
from travel_advice.core.today import now, parse_date, time_zone
from travel_advice.glue.service_config import EmailAddress, FeedbackConfig, UsefulLinksConfig, useful_link_patterns
from travel_advice.site.feeds import SITE_FEED_ENTRIES
from travel_advice.site.pages import PageOptions

PHONE = re.compile(r"\+?[0-9][0-9 ().-]{2,30}")
FOLDER = re.compile(r"[a-z0-9_-]+(/[a-z0-9_-]+)*")


class Matching(c.Type[str]):
    """Text that must match ``pattern`` whole; ``expected`` says what that means to an editor."""

    def __init__(self, pattern: re.Pattern[str], expected: str, **kwargs: Any) -> None:
        super().__init__(str, **kwargs)
        self.pattern, self.expected = pattern, expected

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not self.pattern.fullmatch(text):
            raise base.ValidationError(f"'{text}' is not allowed; expected {self.expected}")
        return text


class IsoDate(c.BaseConfigOption[date]):
    """A date written YYYY-MM-DD (a YAML date, or text such as the build-date variable gives)."""

    def run_validation(self, value: object) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except ValueError as error:
            raise base.ValidationError(str(error)) from None


class TimeZone(c.Type[str]):
    """An IANA time zone name (``America/Toronto``)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            time_zone(name)
        except ValueError as error:
            raise base.ValidationError(str(error)) from None
        return name


class Positive(c.Type[int]):
    """A whole number of at least 1."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise base.ValidationError(f"{number!r} is not allowed; expected a whole number of at least 1")
        return number


class EmergencyContactConfig(base.Config):
    phone = c.Optional(Matching(PHONE, "a phone number: digits, spaces, ( ) - . and an optional leading +"))
    email = c.Optional(EmailAddress())


class TravelAdviceConfig(base.Config):
    enabled = c.Type(bool, default=True)
    advisories_dir = c.Type(str, default="advisories")
    """Folder of the advisory YAML files, relative to mkdocs.yml."""
    destinations_path = Matching(FOLDER, "a folder inside the site: lower-case letters, digits, - and _, parts separated by /", default="destinations")
    """URL folder of the generated destination pages (inside the site folder: no .., no leading /)."""
    example_content = c.Type(bool, default=False)
    """Show on every page that the advisories are example content, not official advice."""
    emergency_contact = c.SubConfig(EmergencyContactConfig)
    """The site-wide 24/7 emergency line."""
    feedback = c.SubConfig(FeedbackConfig)
    """Where the feedback link of every page sends its prefilled message."""
    useful_links = c.SubConfig(UsefulLinksConfig)
    """URL patterns of the useful links on each destination page, by destination code."""
    latest_days = Positive(default=90)
    """How many days back the latest-updates page reaches."""
    site_feed_entries = Positive(default=SITE_FEED_ENTRIES)
    """How many of the newest changes the site-wide feed carries (each destination's feed has its whole change log)."""
    build_date = c.Optional(IsoDate())
    """ISO date the build treats as today (for tests and reproducible builds)."""
    review_days = Positive(default=REVIEW_DAYS)
    """Days after an advisory's still_valid date before its page says the review is overdue (and the build logs it)."""
    offline = c.Type(bool, default=True)
    """Offline reading: a service worker, an offline page and a web app manifest per language, "Save for offline"
    on destination pages (site/offline.py). False publishes a worker that removes itself and its caches."""
    cache = c.Type(bool, default=True)
    """Keep what the public record's history makes (version summaries, archived edition pages) for the next build."""
    cache_dir = c.Type(str, default=".cache/travel-advice")
    """Folder of that cache, relative to mkdocs.yml (glue/build_cache.py); safe to delete."""
    time_zone = TimeZone(default="UTC")
    """The ministry's IANA time zone: "today" of a build is the date there, never the build machine's."""


def ministry_zone(config: TravelAdviceConfig) -> ZoneInfo:
    """The ``time_zone`` option as a time zone."""
    return time_zone(config.time_zone)


def build_moment(config: TravelAdviceConfig) -> datetime:
    """The moment the build treats as now, in the ministry's time zone: midnight of ``build_date`` if set,
    else ``$TRAVEL_ADVICE_BUILD_DATE``, else the clock."""
    zone = ministry_zone(config)
    if config.build_date:
        return datetime.combine(config.build_date, time(0), tzinfo=zone)
    try:
        return now(zone=zone)
    except ValueError as error:
        raise PluginError(str(error)) from None


def emergency_contact(config: TravelAdviceConfig) -> EmergencyContact | None:
    """The core's view of the ``emergency_contact`` option (None without a phone number)."""
    contact = config.emergency_contact
    return EmergencyContact(contact.phone, contact.email) if contact.phone else None


def page_options(config: TravelAdviceConfig) -> PageOptions:
    """The options the generated pages show."""
    return PageOptions(emergency_contact(config), useful_link_patterns(config.useful_links), config.latest_days, config.review_days)
