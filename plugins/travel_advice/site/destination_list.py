"""Pages built from all advisories at once: the destination index and the latest updates."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from travel_advice.core.collation import collation_key
from travel_advice.core.model import INDICATORS, LANGUAGES, LEVELS, Advisory, Lang, Localized, Update
from travel_advice.core.words import INDEX_TEXT, LATEST_TEXT, destination_names
from travel_advice.site.destination_page import environment, template_helpers
from travel_advice.site.withdrawn import Withdrawal, newest_first


@dataclass(frozen=True)
class IndexRow:
    advisory: Advisory
    name: str
    href: str
    overdue: bool = False
    """Overdue for review: flagged next to its date."""

    @property
    def search_names(self) -> str:
        """Every name a traveller may type, in both languages, separated by « | »."""
        names = [self.advisory.name[lang] for lang in LANGUAGES]
        parent = country_names(self.advisory)
        names += [parent[lang] for lang in LANGUAGES] if parent else []
        names += [alias for lang in LANGUAGES for alias in self.advisory.also_known_as.get(lang, ())]
        return "|".join(dict.fromkeys(names))


@dataclass(frozen=True)
class LatestEntry:
    advisory: Advisory
    name: str
    href: str
    update: Update | None
    """The change; None for a withdrawal."""
    withdrawal: Withdrawal | None = None
    """What was taken back (site/withdrawn.py), its ``link`` relative to the latest-updates page."""


def country_names(advisory: Advisory) -> Localized | None:
    """CLDR names of a subdivision's country (Portugal for the Azores); None for a country or an unknown one."""
    return destination_names(advisory.parent_code) if advisory.parent_code else None


def listed_name(advisory: Advisory, lang: Lang) -> str:
    """The name in lists: a subdivision's with its country, « Açores (Portugal) », unless the name already says it."""
    name, parent = advisory.name[lang], country_names(advisory)
    return f"{name} ({parent[lang]})" if parent and parent[lang] not in name else name


def sorted_by_name(advisories: Iterable[Advisory], lang: Lang) -> list[Advisory]:
    """Advisories in the alphabetical order of their name in ``lang``."""
    return sorted(advisories, key=lambda a: collation_key(a.name[lang]))


def index_rows(advisories: Iterable[Advisory], lang: Lang, href: dict[str, str], overdue: Collection[str] = ()) -> list[IndexRow]:
    """One table row per advisory, in alphabetical order; ``href`` maps a code to its page link;
    the codes in ``overdue`` are flagged as overdue for review."""
    return [IndexRow(a, listed_name(a, lang), href[a.code], a.code in overdue) for a in sorted_by_name(advisories, lang)]


def render_index(
    advisories: Iterable[Advisory], lang: Lang, href: dict[str, str], *, map_href: str, latest_href: str, overdue: Collection[str] = ()
) -> str:
    """Markdown of the destination index with its filter; links are relative to the index page."""
    advisories = tuple(advisories)
    used = {key for a in advisories for key in a.indicators}
    return environment().get_template("index.md.j2").render(
        rows=index_rows(advisories, lang, href, overdue),
        levels=LEVELS,
        indicators=[key for key in INDICATORS if key in used],
        map_href=map_href,
        latest_href=latest_href,
        **{k: v[lang] for k, v in INDEX_TEXT.items()},
        **template_helpers(lang),
    )


def latest_entries(advisories: Iterable[Advisory], since: date) -> list[tuple[Advisory, Update]]:
    """Every change-log entry but minor changes on or after ``since``, newest first, then by code."""
    entries = sorted(((a, u) for a in advisories for u in a.major_updates if u.date >= since), key=lambda pair: pair[0].code)
    return sorted(entries, key=lambda pair: pair[1].sort_key, reverse=True)  # stable: by code within the same moment


def render_latest(
    advisories: Iterable[Advisory],
    lang: Lang,
    href: dict[str, str],
    today: date,
    days: int,
    *,
    feed_url: str = "",
    withdrawals: Iterable[Withdrawal] = (),
) -> str:
    """Markdown of the latest-updates page: changes of the last ``days`` days, and what was taken back in them."""
    since = today - timedelta(days=days)
    entries = [
        LatestEntry(item.advisory, listed_name(item.advisory, lang), item.link, None, item) if isinstance(item, Withdrawal)
        else LatestEntry(item[0], listed_name(item[0], lang), href[item[0].code], item[1])
        for item in newest_first(latest_entries(advisories, since), (w for w in withdrawals if w.day >= since))
    ]
    text = {k: v[lang] for k, v in LATEST_TEXT.items()}
    text["intro"] = text["intro"].format(days=days)
    text["empty"] = text["empty"].format(days=days)
    return environment().get_template("latest.md.j2").render(entries=entries, feed_url=feed_url, **text, **template_helpers(lang))


