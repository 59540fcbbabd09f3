"""Every word the site shows around the editors' content, in English and French.

French follows Canadian typographic conventions: a no-break space (U+00A0) before
« : » and inside guillemets, a narrow no-break space (U+202F) before ; ? !
Dates and destination names come from Babel (CLDR), never from hand-made lists.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

from babel import Locale
from babel.dates import format_date, format_time, format_timedelta

from travel_advice.core.model import Lang, Localized, Update

BABEL_LOCALES: dict[Lang, str] = {"en": "en_CA", "fr": "fr_CA"}
COLON: dict[Lang, str] = {"en": ": ", "fr": "\u00a0: "}
"""What stands between a label and its value: French puts a no-break space before the colon."""

LEVEL_NAMES: dict[int, Localized] = {
    1: Localized("Take normal security precautions", "Prendre des mesures de sécurité normales"),
    2: Localized("Exercise a high degree of caution", "Faire preuve d’une grande prudence"),
    3: Localized("Avoid non-essential travel", "Éviter tout voyage non essentiel"),
    4: Localized("Avoid all travel", "Éviter tout voyage"),
}

SECTION_TITLES: dict[str, Localized] = {
    "safety": Localized("Safety and security", "Sécurité"),
    "entry_exit": Localized("Entry and exit requirements", "Exigences d’entrée et de sortie"),
    "health": Localized("Health", "Santé"),
    "laws_culture": Localized("Laws and culture", "Lois et culture"),
    "disasters_climate": Localized("Natural disasters and climate", "Catastrophes naturelles et climat"),
    "help": Localized("Help and assistance", "Aide et assistance"),
}

SECTION_ANCHORS: dict[str, Localized] = {
    "safety": Localized("safety", "securite"),
    "entry_exit": Localized("entry-exit", "entree-sortie"),
    "health": Localized("health", "sante"),
    "laws_culture": Localized("laws-culture", "lois-culture"),
    "disasters_climate": Localized("disasters-climate", "catastrophes-climat"),
    "help": Localized("help", "aide"),
}

PAGE_ANCHORS: dict[str, Localized] = {
    "regional": Localized("regional-advisories", "avis-regionaux"),
    "offices": Localized("offices", "bureaux"),
    "updates": Localized("latest-updates", "dernieres-mises-a-jour"),
    "withdrawn": Localized("withdrawn-advisories", "avis-retires"),
    "links": Localized("useful-links", "liens-utiles"),
}
"""Anchors of a destination page's other parts (help lines link to its offices)."""

INDICATOR_LABELS: dict[str, Localized] = {
    "crime": Localized("Crime", "Criminalité"),
    "terrorism": Localized("Terrorism", "Terrorisme"),
    "civil-unrest": Localized("Civil unrest", "Troubles civils"),
    "health": Localized("Health", "Santé"),
    "natural-disaster": Localized("Natural disaster", "Catastrophe naturelle"),
    "kidnapping": Localized("Kidnapping", "Enlèvement"),
    "wrongful-detention": Localized("Wrongful detention", "Détention arbitraire"),
    "time-limited-event": Localized("Time-limited event", "Événement ponctuel"),
    "other": Localized("Other risk", "Autre risque"),
}

INDICATOR_EXPLANATIONS: dict[str, Localized] = {
    "crime": Localized(
        "Crime is a significant risk for travellers.",
        "La criminalité représente un risque important pour les voyageurs.",
    ),
    "terrorism": Localized(
        "Terrorist attacks are possible or have occurred recently.",
        "Des attentats terroristes sont possibles ou ont eu lieu récemment.",
    ),
    "civil-unrest": Localized(
        "Demonstrations, strikes or unrest may turn violent without warning.",
        "Des manifestations, des grèves ou des troubles peuvent dégénérer sans préavis.",
    ),
    "health": Localized(
        "A disease outbreak or health risk calls for precautions.",
        "Une éclosion de maladie ou un risque sanitaire exige des précautions.",
    ),
    "natural-disaster": Localized(
        "Earthquakes, storms, floods or eruptions may occur.",
        "Des séismes, des tempêtes, des inondations ou des éruptions peuvent survenir.",
    ),
    "kidnapping": Localized(
        "Kidnapping, including of foreigners, is a known threat.",
        "Les enlèvements, y compris d’étrangers, constituent une menace connue.",
    ),
    "wrongful-detention": Localized(
        "Foreigners risk arbitrary arrest or detention.",
        "Les étrangers risquent d’être arrêtés ou détenus arbitrairement.",
    ),
    "time-limited-event": Localized(
        "A specific event (election, summit, festival) affects safety for a limited time.",
        "Un événement précis (élections, sommet, festival) touche la sécurité pour une période limitée.",
    ),
    "other": Localized(
        "Another risk described in the advisory.",
        "Un autre risque décrit dans l’avis.",
    ),
}

UI: dict[str, Localized] = {
    "level_of": Localized("Level {level} of 4", "Niveau {level} sur 4"),
    "last_updated": Localized("Last updated", "Dernière mise à jour"),
    "review_overdue": Localized(
        "Review overdue: last confirmed {age} ago", "Révision en retard\u00a0: dernière confirmation il y a {age}"
    ),
    "review_overdue_short": Localized("Review overdue", "Révision en retard"),
    "minor_change": Localized("(minor change)", "(modification mineure)"),
    "draft_mark": Localized("Draft — not published", "Ébauche — non publiée"),
    "draft_explanation": Localized(
        "This preview shows a draft. mkdocs build does not publish it.",
        "Cet aperçu montre une ébauche. mkdocs build ne la publie pas.",
    ),
    "still_valid": Localized("Still valid", "Toujours valide"),
    "summary": Localized("Summary", "En bref"),
    "regional_advisories": Localized("Regional advisories", "Avis régionaux"),
    "region": Localized("Region", "Région"),
    "level": Localized("Level", "Niveau"),
    "reason": Localized("Why", "Pourquoi"),
    "offices": Localized("Consular offices", "Bureaux consulaires"),
    "address": Localized("Address", "Adresse"),
    "phone": Localized("Phone", "Téléphone"),
    "email": Localized("Email", "Courriel"),
    "hours": Localized("Hours", "Heures d’ouverture"),
    "emergency_24_7": Localized("24/7 emergency line", "Ligne d’urgence 24 h sur 24, 7 jours sur 7"),
    "change_log": Localized("Latest updates", "Dernières mises à jour"),
    "risk_indicators": Localized("Risk indicators", "Indicateurs de risque"),
    "on_this_page": Localized("On this page", "Sur cette page"),
    "destinations": Localized("Destinations", "Destinations"),
    "destination": Localized("Destination", "Destination"),
    "regional": Localized("Regional advisories", "Avis régionaux"),
    "yes": Localized("Yes", "Oui"),
    "no": Localized("No", "Non"),
    "feed_site_title": Localized("Travel advisory updates", "Mises à jour des avis aux voyageurs"),
    "feed_site_subtitle": Localized(
        "Every change to the travel advisories, newest first.",
        "Toutes les modifications des avis aux voyageurs, de la plus récente à la plus ancienne.",
    ),
    "feed_destination_title": Localized("{name}: travel advisory updates", "{name}\u00a0: mises à jour de l’avis aux voyageurs"),
    "feed_destination_subtitle": Localized(
        "Every change to this travel advisory, newest first.",
        "Toutes les modifications de cet avis aux voyageurs, de la plus récente à la plus ancienne.",
    ),
    "feed_change_withdrawn_title": Localized("{name}: update withdrawn (“{note}”)", "{name}\u00a0: mise à jour retirée («\u00a0{note}\u00a0»)"),
    "feed_change_withdrawn": Localized(
        "The update “{note}” of {published} was withdrawn on {day}: what it changed no longer applies. The advice in force is on the destination page.",
        "La mise à jour «\u00a0{note}\u00a0» du {published} a été retirée le {day}\u00a0: ce qu’elle changeait ne s’applique plus. L’avis en vigueur se trouve sur la page de la destination.",
    ),
    "latest_change_withdrawn": Localized("Update of {published} withdrawn: “{note}”", "Mise à jour du {published} retirée\u00a0: «\u00a0{note}\u00a0»"),
    "latest_advisory_withdrawn": Localized(
        "Advisory withdrawn: the site no longer publishes advice for this destination; its record stays published.",
        "Avis retiré\u00a0: le site ne publie plus de conseils pour cette destination\u202f; son historique reste publié.",
    ),
    "subscribe": Localized("Subscribe to updates (Atom)", "S’abonner aux mises à jour (Atom)"),
    "emergency_banner": Localized("Emergency", "Urgence"),
    "more_information": Localized("More information", "En savoir plus"),
    "example_notice": Localized(
        "Example content for demonstration only: this is not official travel advice.",
        "Contenu d’exemple présenté à titre de démonstration seulement\u00a0: il ne s’agit pas de conseils officiels aux voyageurs.",
    ),
    "also_known_as": Localized("Also known as", "Autres noms"),
    "capital": Localized("Capital", "Capitale"),
    "part_of": Localized("Part of", "Fait partie de"),
    "parts_with_own_advisory": Localized("Parts with their own advisory", "Parties visées par un avis distinct"),
    "help_now": Localized("Need help?", "Besoin d’aide\u00a0?"),
    "feedback_prompt": Localized(
        "Was this page helpful? Is something wrong or missing?",
        "Cette page vous a-t-elle été utile\u00a0? Une information est-elle erronée ou manquante\u00a0?",
    ),
    "feedback_email": Localized("Send us your feedback", "Envoyez-nous vos commentaires"),
    "feedback_issue": Localized("Report a problem", "Signaler un problème"),
    "feedback_subject": Localized("Feedback: {title}", "Commentaires\u00a0: {title}"),
    "feedback_body": Localized(
        "Page: {title}\nAddress: {url}\nLanguage: {language}\n\nYour comment:\n",
        "Page\u00a0: {title}\nAdresse\u00a0: {url}\nLangue\u00a0: {language}\n\nVotre commentaire\u00a0:\n",
    ),
    "missing_address": Localized("(paste here the address you tried)", "(collez ici l’adresse demandée)"),
    "useful_links": Localized("Useful links", "Liens utiles"),
    "link_registration": Localized("Register as a traveller abroad", "Inscription des voyageurs à l’étranger"),
    "link_insurance": Localized("Travel insurance guidance", "Conseils sur l’assurance voyage"),
    "link_health": Localized("Travel health notices", "Conseils de santé aux voyageurs"),
    "other_governments": Localized(
        "Advice from other governments for this destination",
        "Conseils d’autres gouvernements pour cette destination",
    ),
    "none": Localized("None", "Aucun"),
    "filter_heading": Localized("Filter destinations", "Filtrer les destinations"),
    "filter_text": Localized("Destination name", "Nom de la destination"),
    "filter_more": Localized("Filter by level or risk", "Filtrer par niveau ou par risque"),
    "filter_levels": Localized("Only destinations at one of these levels", "Seulement les destinations à l’un de ces niveaux"),
    "filter_indicators": Localized("Only destinations with one of these risks", "Seulement les destinations présentant l’un de ces risques"),
    "filter_reset": Localized("Show all destinations", "Afficher toutes les destinations"),
    "filter_count_one": Localized("{shown} of {total} destinations shown", "{shown}\u00a0destination affichée sur {total}"),
    "filter_count_other": Localized("{shown} of {total} destinations shown", "{shown}\u00a0destinations affichées sur {total}"),
    "filter_none": Localized("No destination matches these filters.", "Aucune destination ne correspond à ces filtres."),
    "world_map": Localized("World map", "Carte du monde"),
    "not_found_title": Localized("Page not found", "Page introuvable"),
    "not_found_text": Localized(
        "This page does not exist or has moved. Find your destination below, or search the site.",
        "Cette page n’existe pas ou a été déplacée. Trouvez votre destination ci-dessous ou cherchez dans le site.",
    ),
    "find_destination": Localized("Find a destination", "Trouver une destination"),
    "find_button": Localized("Find", "Trouver"),
    "home_page": Localized("Home page", "Page d’accueil"),
    "all_destinations": Localized("All destinations", "Toutes les destinations"),
    "map_legend": Localized("Legend", "Légende"),
    "no_advisory": Localized("No advisory published", "Aucun avis publié"),
    "map_marker": Localized(
        "Circle with a number: a destination too small to select on the map, at that level; a line leads to its place",
        "Cercle numéroté\u00a0: une destination trop petite pour être choisie sur la carte, à ce niveau\u202f; un trait mène à son emplacement",
    ),
    "map_regional": Localized(
        "Outline in a higher level’s colour: some regions are at that level (see “Regional advisories” in the table)",
        "Contour de la couleur d’un niveau plus élevé\u00a0: certaines régions sont à ce niveau (voir «\u00a0Avis régionaux\u00a0» dans le tableau)",
    ),
    "regional_higher": Localized("Yes, some at level {level}", "Oui, certains au niveau {level}"),
    "regional_higher_map": Localized("some regions at level {level}", "certaines régions au niveau {level}"),
    "page_address": Localized("Page address", "Adresse de la page"),
    "permalink": Localized("Permanent link", "Lien permanent"),
    "history": Localized("History of this advisory", "Historique de cet avis"),
    "history_title": Localized("{name}: history of the advisory", "{name}\u00a0: historique de l’avis"),
    "history_description": Localized(
        "Every edition of the travel advisory for {name} as published, newest first, with what changed.",
        "Chaque édition publiée de l’avis aux voyageurs pour {name}, de la plus récente à la plus ancienne, avec ses modifications.",
    ),
    "history_intro": Localized(
        "Every edition of this advisory as it was published, newest first. Words added are underlined, words removed struck through.",
        "Chaque édition de cet avis telle qu’elle a été publiée, de la plus récente à la plus ancienne. Les mots ajoutés sont soulignés, les mots supprimés sont barrés.",
    ),
    "history_link": Localized("Every edition of this advisory, and what changed", "Toutes les éditions de cet avis et leurs modifications"),
    "history_unavailable": Localized(
        "The history of this advisory is not available in this copy of the site: it was built without the repository’s history.",
        "L’historique de cet avis n’est pas offert dans cette copie du site\u00a0: elle a été produite sans l’historique du dépôt.",
    ),
    "history_empty": Localized("No edition of this advisory is recorded yet.", "Aucune édition de cet avis n’est encore consignée."),
    "edition_of": Localized("Edition of {day}", "Édition du {day}"),
    "edition_view": Localized("View this edition as published", "Voir cette édition telle qu’elle a été publiée"),
    "first_edition": Localized("First edition", "Première édition"),
    "level_changed": Localized("Level changed from {old} to {new}", "Niveau modifié\u00a0: de {old} à {new}"),
    "no_text_change": Localized("No change to the text.", "Aucune modification du texte."),
    "withdrawn_on": Localized("Withdrawn on {day}", "Retirée le {day}"),
    "restores": Localized(
        "Restores the edition of {day}: the editions after it are withdrawn",
        "Rétablit l’édition du {day}\u00a0: les éditions suivantes sont retirées",
    ),
    "minor_edition": Localized("Minor change", "Modification mineure"),
    "change_note": Localized("Change", "Modification"),
    "region_text": Localized("Regional advisory", "Avis régional"),
    "withdrawn_title": Localized("{name}: advisory withdrawn", "{name}\u00a0: avis retiré"),
    "withdrawn_description": Localized(
        "The travel advisory for {name} was withdrawn; its record stays published.",
        "L’avis aux voyageurs pour {name} a été retiré\u202f; son historique reste publié.",
    ),
    "withdrawn_notice": Localized(
        "This advisory was withdrawn on {day}: the site no longer publishes advice for this destination. What it advised until then stays on record.",
        "Cet avis a été retiré le {day}\u00a0: le site ne publie plus de conseils pour cette destination. Ce qu’il conseillait jusque-là reste consigné.",
    ),
    "withdrawn_record": Localized("Every edition of this advisory, until its withdrawal", "Toutes les éditions de cet avis, jusqu’à son retrait"),
    "withdrawn_list": Localized("Withdrawn advisories", "Avis retirés"),
    "withdrawn_list_intro": Localized(
        "These destinations no longer have an advisory on this site. Their record stays published.",
        "Ces destinations n’ont plus d’avis sur ce site. Leur historique reste publié.",
    ),
    "withdrawn_on_day": Localized("withdrawn on {day}", "retiré le {day}"),
    "withdrawn_entry": Localized("Advisory withdrawn on {day}", "Avis retiré le {day}"),
    "office": Localized("Consular office", "Bureau consulaire"),
    "destination_name": Localized("Name", "Nom"),
    "other_language_only": Localized("Only the French text changed.", "Seul le texte anglais a changé."),
    "archived_title": Localized("{name}: edition of {day}", "{name}\u00a0: édition du {day}"),
    "archived_notice": Localized(
        "Archived: this is the advisory as published on {day}. It is no longer the current advice.",
        "Archive\u00a0: voici l’avis tel qu’il a été publié le {day}. Ce n’est plus le conseil en vigueur.",
    ),
    "archived_withdrawn": Localized("This edition was withdrawn on {day}.", "Cette édition a été retirée le {day}."),
    "current_advice": Localized("Read the current advice", "Lire le conseil en vigueur"),
    "offline_title": Localized("You are offline", "Vous êtes hors ligne"),
    "offline_description": Localized(
        "This page is shown when you are offline and the page you asked for is not saved on this device.",
        "Cette page s’affiche lorsque vous êtes hors ligne et que la page demandée n’est pas enregistrée sur cet appareil.",
    ),
    "offline_text": Localized(
        "The page you asked for is not saved on this device. Pages you have already opened, and destinations you saved "
        "for offline reading, can still be read without a connection.",
        "La page demandée n’est pas enregistrée sur cet appareil. Les pages que vous avez déjà ouvertes et les destinations "
        "que vous avez enregistrées pour les consulter hors ligne restent accessibles sans connexion.",
    ),
    "offline_retry": Localized(
        "When you are back online, reload this page to read the latest advice.",
        "Une fois de retour en ligne, rechargez cette page pour lire les conseils les plus récents.",
    ),
    "offline_save": Localized("Save for offline", "Enregistrer pour consultation hors ligne"),
    "offline_saving": Localized("Saving this destination for offline reading…", "Enregistrement de cette destination pour consultation hors ligne…"),
    "offline_saved": Localized(
        "Saved on this device: this page and the guidance pages it links to can be read without a connection.",
        "Enregistrée sur cet appareil\u00a0: cette page et les pages de conseils qu’elle cite peuvent être consultées sans connexion.",
    ),
    "offline_save_failed": Localized(
        "Could not save this destination for offline reading. Try again when you are connected.",
        "Impossible d’enregistrer cette destination pour consultation hors ligne. Réessayez une fois la connexion rétablie.",
    ),
    "offline_copy": Localized(
        "You are reading a copy saved on this device on {date}; it may be out of date. Check again when you are online.",
        "Vous lisez une copie enregistrée sur cet appareil le {date}\u202f; elle peut être périmée. Vérifiez de nouveau une fois en ligne.",
    ),
    "app_short_name": Localized("Travel advice", "Conseils voyage"),
    "preview_problems": Localized("Problems to fix before publishing", "Problèmes à corriger avant la publication"),
    "preview_problems_help": Localized(
        "mkdocs build publishes nothing until every problem below is fixed. Where an advisory has a problem, "
        "this preview shows its last version that passed the checks.",
        "La commande mkdocs build ne publiera rien tant que chacun des problèmes ci-dessous ne sera pas corrigé. "
        "Lorsqu’un avis comporte un problème, cet aperçu en montre la dernière version qui a réussi les vérifications.",
    ),
}


def label(key: str, lang: Lang, **values: object) -> str:
    """A UI label in ``lang``, with ``{placeholders}`` filled from ``values``."""
    return UI[key][lang].format(**values)


def level_name(level: int, lang: Lang) -> str:
    """The official wording of a risk level."""
    return LEVEL_NAMES[level][lang]


@cache
def format_age(days: int, lang: Lang) -> str:
    """A number of days written out in the language, number and unit held together: « 45\u00a0jours »."""
    text = format_timedelta(timedelta(days=days), granularity="day", threshold=1_000_000, locale=BABEL_LOCALES[lang])
    return text.replace(" ", "\u00a0")


def format_moment(moment: datetime, lang: Lang) -> str:
    """A date and time at its own offset, e.g. « 10 décembre 2026, 09 h 00 (UTC−05:00) »."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes > 0 else "\u2212"  # a true minus sign
    zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}" if minutes else "UTC"
    clock = format_time(moment.replace(tzinfo=None).time(), format="short", locale=BABEL_LOCALES[lang])
    return f"{format_day(moment.date(), lang)}, {clock} ({zone})"


def format_update_date(update: Update, lang: Lang) -> str:
    """When a change-log entry was made: its day, and its time with its offset when it has one."""
    return format_moment(update.time, lang) if update.time else format_day(update.date, lang)


FIRST_OF_MONTH_PATTERNS: dict[Lang, str] = {"fr": "d'er' MMMM y"}
"""French writes the first of the month as an ordinal (« 1er décembre »); CLDR's long date does not."""


@cache
def format_day(day: date, lang: Lang) -> str:
    """A date written out in the language, e.g. « 25 novembre 2026 », « 1er décembre 2026 » (remembered: a
    history of 5,000 editions writes the same few hundred days 130,000 times, at 0.1 ms each through Babel)."""
    pattern = FIRST_OF_MONTH_PATTERNS.get(lang, "long") if day.day == 1 else "long"
    return format_date(day, format=pattern, locale=BABEL_LOCALES[lang])


@cache
def _territories(lang: Lang) -> dict[str, str]:
    return dict(Locale.parse(BABEL_LOCALES[lang]).territories)


def territory_name(code: str, lang: Lang) -> str | None:
    """CLDR name of an ISO 3166-1 alpha-2 territory, or None if CLDR does not know it."""
    return _territories(lang).get(code.upper())


def destination_names(code: str) -> Localized | None:
    """CLDR names of a territory in both languages."""
    en, fr = territory_name(code, "en"), territory_name(code, "fr")
    # CLDR writes some French names in running-text case (« îles Cook »): a title starts upper case.
    return Localized(en, fr[:1].upper() + fr[1:]) if en and fr else None


# The generated list pages' own words (site/destination_list.py, site/map_page.py).
INDEX_TEXT: dict[str, Localized] = {
    "title": Localized("Destinations", "Destinations"),
    "description": Localized(
        "Travel advice for every destination, with its risk level and the date it was last updated.",
        "Conseils aux voyageurs pour chaque destination, avec le niveau de risque et la date de la dernière mise à jour.",
    ),
    "intro": Localized(
        "Choose a destination to read its full advisory: risk level, regional advisories, safety, entry requirements, health, laws, climate and where to get help.",
        "Choisissez une destination pour lire l’avis complet\u00a0: niveau de risque, avis régionaux, sécurité, exigences d’entrée, santé, lois, climat et où obtenir de l’aide.",
    ),
    "caption": Localized("All destinations, in alphabetical order", "Toutes les destinations, par ordre alphabétique"),
}
LATEST_TEXT: dict[str, Localized] = {
    "title": Localized("Latest updates", "Dernières mises à jour"),
    "description": Localized(
        "Travel advisories changed recently, newest first.",
        "Avis aux voyageurs modifiés récemment, du plus récent au plus ancien.",
    ),
    "intro": Localized(
        "Advisories updated in the last {days} days, newest first.",
        "Avis mis à jour au cours des {days} derniers jours, du plus récent au plus ancien.",
    ),
    "empty": Localized(
        "No advisory has changed in the last {days} days. Every destination page shows the date of its last update.",
        "Aucun avis n’a été modifié au cours des {days} derniers jours. La page de chaque destination indique la date de sa dernière mise à jour.",
    ),
}
MAP_TEXT: dict[str, Localized] = {
    "title": UI["world_map"],
    "map_name": Localized("World map of travel advice levels", "Carte du monde des niveaux de risque"),
    "description": Localized(
        "Every destination on a world map, coloured by its risk level.",
        "Chaque destination sur une carte du monde, colorée selon son niveau de risque.",
    ),
    "intro": Localized(
        "Each destination is coloured by its risk level. Select a destination to read its advisory. The table below the map gives the same information.",
        "Chaque destination est colorée selon son niveau de risque. Choisissez une destination pour lire son avis. Le tableau sous la carte donne la même information.",
    ),
    "caption": Localized("The destinations on the map, in alphabetical order", "Les destinations de la carte, par ordre alphabétique"),
}
