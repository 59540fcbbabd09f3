"""Options of the ``travel-advice`` plugin, as written in ``mkdocs.yml``, and the plain values the core takes from them."""

from __future__ import annotations

from datetime import date

from mkdocs.config import base
from mkdocs.config import config_options as c

from travel_advice.core.model import EmergencyContact
from travel_advice.glue.service_config import FeedbackConfig, UsefulLinksConfig, useful_link_patterns
from travel_advice.site.feeds import SITE_FEED_ENTRIES
from travel_advice.site.pages import PageOptions


class EmergencyContactConfig(base.Config):
    phone = c.Optional(c.Type(str))
    email = c.Optional(c.Type(str))


class TravelAdviceConfig(base.Config):
    enabled = c.Type(bool, default=True)
    advisories_dir = c.Type(str, default="advisories")
    """Folder of the advisory YAML files, relative to mkdocs.yml."""
    destinations_path = c.Type(str, default="destinations")
    """URL folder of the generated destination pages."""
    example_content = c.Type(bool, default=False)
    """Show on every page that the advisories are example content, not official advice."""
    emergency_contact = c.SubConfig(EmergencyContactConfig)
    """The site-wide 24/7 emergency line."""
    feedback = c.SubConfig(FeedbackConfig)
    """Where the feedback link of every page sends its prefilled message."""
    useful_links = c.SubConfig(UsefulLinksConfig)
    """URL patterns of the useful links on each destination page, by destination code."""
    latest_days = c.Type(int, default=90)
    """How many days back the latest-updates page reaches."""
    site_feed_entries = c.Type(int, default=SITE_FEED_ENTRIES)
    """How many of the newest changes the site-wide feed carries (each destination's feed has its whole change log)."""
    build_date = c.Optional(c.Type((str, date)))
    """ISO date the build treats as today (for tests and reproducible builds)."""


def build_day(config: TravelAdviceConfig) -> date:
    """The date the build treats as today: ``build_date`` if set, else the real date."""
    configured = config.build_date
    if isinstance(configured, str):
        return date.fromisoformat(configured)
    return configured or date.today()


def emergency_contact(config: TravelAdviceConfig) -> EmergencyContact | None:
    """The core's view of the ``emergency_contact`` option (None without a phone number)."""
    contact = config.emergency_contact
    return EmergencyContact(contact.phone, contact.email) if contact.phone else None


def page_options(config: TravelAdviceConfig) -> PageOptions:
    """The options the generated pages show."""
    return PageOptions(emergency_contact(config), useful_link_patterns(config.useful_links), config.latest_days)
