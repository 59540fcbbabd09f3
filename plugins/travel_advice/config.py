"""Options of the ``travel-advice`` plugin, as written in ``mkdocs.yml``."""

from __future__ import annotations

from datetime import date

from mkdocs.config import base
from mkdocs.config import config_options as c

from .service_config import FeedbackConfig, UsefulLinksConfig


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
    build_date = c.Optional(c.Type((str, date)))
    """ISO date the build treats as today (for tests and reproducible builds)."""
