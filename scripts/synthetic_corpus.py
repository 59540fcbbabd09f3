"""A synthetic but realistic corpus of advisories, for the benchmark and its smoke test.

Each destination gets about 1,600 words in English (1,900 in French): a summary, six sections with
sub-headings, lists and paragraphs, regional advisories, consular offices and a change log.
Sentences are drawn from parallel English/French templates with varied slots and invented
place names, so that pages differ from one another as real advisories do.

Real ISO 3166-1 codes known to CLDR come first (256 countries and territories in CLDR 47); above that,
ISO 3166-2-shaped subdivisions of those countries in turn (AD-01, AE-01, … then AD-02, …), each
with an explicit ``name`` as the data model requires, up to MAX_DESTINATIONS.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count as counter
from pathlib import Path

import yaml
from babel import Locale

from travel_advice.core.model import SECTION_KEYS

ROOT = Path(__file__).resolve().parent.parent
MAX_DESTINATIONS = 10_000
NOT_DESTINATIONS = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
WORDS_PER_LANGUAGE = 1500
SCHEMA_LINE = "# yaml-language-server: $schema=../plugins/travel_advice/core/schema/advisory.schema.json\n"
Pair = tuple[str, str]

# Slots shared by the sentence templates: (English, French) choices.
SLOTS: dict[str, list[Pair]] = {
    "crime": [
        ("pickpocketing", "le vol à la tire"),
        ("purse snatching", "le vol de sacs à main"),
        ("theft from parked cars", "le vol dans les voitures stationnées"),
        ("credit card fraud", "la fraude par carte de crédit"),
        ("armed robbery", "le vol à main armée"),
        ("express kidnapping", "l’enlèvement express"),
        ("theft from hotel rooms", "le vol dans les chambres d’hôtel"),
        ("scams targeting tourists", "les escroqueries visant les touristes"),
    ],
    "when": [
        ("at night", "la nuit"),
        ("in tourist areas", "dans les secteurs touristiques"),
        ("on public transport", "dans les transports en commun"),
        ("near bus terminals", "près des gares routières"),
        ("during festivals", "pendant les festivals"),
        ("in crowded markets", "dans les marchés bondés"),
        ("on beaches after dark", "sur les plages après la tombée de la nuit"),
        ("at border crossings", "aux postes frontaliers"),
    ],
    "advice": [
        ("keep your belongings secure", "gardez vos effets personnels en sécurité"),
        ("avoid showing signs of wealth", "évitez d’afficher des signes de richesse"),
        ("use only official taxis", "utilisez seulement des taxis officiels"),
        ("travel in groups", "déplacez-vous en groupe"),
        ("stay in well-lit areas", "restez dans des endroits bien éclairés"),
        ("keep a photocopy of your passport", "gardez une photocopie de votre passeport"),
        ("monitor local media", "suivez les médias locaux"),
        ("follow the instructions of local authorities", "suivez les consignes des autorités locales"),
        ("avoid walking alone", "évitez de marcher seul"),
        ("carry only small amounts of cash", "n’ayez que de petites sommes d’argent sur vous"),
    ],
    "disease": [
        ("dengue fever", "dengue"),
        ("malaria", "paludisme"),
        ("cholera", "choléra"),
        ("yellow fever", "fièvre jaune"),
        ("rabies", "rage"),
        ("measles", "rougeole"),
        ("typhoid", "typhoïde"),
        ("Zika virus", "virus Zika"),
    ],
    "hazard": [
        ("earthquakes", "des séismes"),
        ("floods", "des inondations"),
        ("landslides", "des glissements de terrain"),
        ("tropical storms", "des tempêtes tropicales"),
        ("wildfires", "des feux de forêt"),
        ("volcanic eruptions", "des éruptions volcaniques"),
        ("heat waves", "des vagues de chaleur"),
        ("sandstorms", "des tempêtes de sable"),
    ],
    "document": [
        ("a passport valid for six months beyond your stay", "un passeport valide six mois après la fin du séjour"),
        ("a return ticket", "un billet de retour"),
        ("proof of sufficient funds", "une preuve de fonds suffisants"),
        ("a tourist visa", "un visa de touriste"),
        ("an electronic travel authorization", "une autorisation de voyage électronique"),
        ("proof of yellow fever vaccination", "une preuve de vaccination contre la fièvre jaune"),
        ("a letter of invitation", "une lettre d’invitation"),
    ],
    "law": [
        ("drug possession", "la possession de drogue"),
        ("photographing military sites", "la photographie de sites militaires"),
        ("public drunkenness", "l’ivresse publique"),
        ("importing pornography", "l’importation de pornographie"),
        ("dual citizenship", "la double citoyenneté"),
        ("driving without a local permit", "la conduite sans permis local"),
        ("criticising officials online", "la critique des représentants de l’État en ligne"),
    ],
    "month": [
        ("January", "janvier"), ("February", "février"), ("March", "mars"), ("April", "avril"),
        ("May", "mai"), ("June", "juin"), ("July", "juillet"), ("August", "août"),
        ("September", "septembre"), ("October", "octobre"), ("November", "novembre"), ("December", "décembre"),
    ],
}

# Sentence templates per section: {slot} takes a SLOTS choice, {place} an invented place name,
# {number} a small number. English and French share the same slots.
TEMPLATES: dict[str, list[Pair]] = {
    "safety": [
        ("Petty crime, such as {crime}, occurs in {place}, especially {when}.",
         "La petite criminalité, comme {crime}, sévit à {place}, surtout {when}."),
        ("Reports of {crime} have increased in {place} over the past {number} months.",
         "Les signalements concernant {crime} ont augmenté à {place} au cours des {number} derniers mois."),
        ("To reduce the risk, {advice} and {advice2}.",
         "Pour réduire les risques, {advice} et {advice2}."),
        ("Demonstrations take place regularly in {place} and may turn violent {when}.",
         "Des manifestations ont lieu régulièrement à {place} et peuvent dégénérer {when}."),
        ("Road conditions between {place} and {place2} are poor and driving {when} is dangerous.",
         "L’état des routes entre {place} et {place2} est mauvais et la conduite {when} est dangereuse."),
        ("Criminals sometimes pose as police officers {when}; ask to see identification.",
         "Des criminels se font parfois passer pour des policiers {when}; demandez à voir leur pièce d’identité."),
        ("Women travelling alone may be harassed {when}, in particular in {place}.",
         "Les femmes qui voyagent seules peuvent être harcelées {when}, en particulier à {place}."),
        ("Ferry and boat operators around {place} may not meet safety standards; {advice}.",
         "Les traversiers et les bateaux autour de {place} peuvent ne pas respecter les normes de sécurité; {advice}."),
    ],
    "entry_exit": [
        ("You need {document} to enter the country.",
         "Il vous faut {document} pour entrer dans le pays."),
        ("Border officials at {place} may also ask for {document}.",
         "Les agents frontaliers à {place} peuvent aussi exiger {document}."),
        ("Tourists may stay up to {number}0 days without a visa; overstaying leads to fines or detention.",
         "Les touristes peuvent séjourner jusqu’à {number}0 jours sans visa; un séjour prolongé entraîne des amendes ou une détention."),
        ("Entry requirements change often: check them with the embassy before you leave, especially since {month}.",
         "Les exigences d’entrée changent souvent : vérifiez-les auprès de l’ambassade avant de partir, surtout depuis {month}."),
        ("Children travelling with one parent should carry a consent letter from the other parent.",
         "Les enfants qui voyagent avec un seul parent devraient avoir une lettre de consentement de l’autre parent."),
        ("Land borders with {place} close without notice.",
         "Les frontières terrestres avec {place} ferment sans préavis."),
        ("An exit tax of {number}5 dollars is charged at {place} airport.",
         "Une taxe de sortie de {number}5 dollars est perçue à l’aéroport de {place}."),
    ],
    "health": [
        ("There is a risk of {disease} in {place} throughout the year.",
         "Il existe un risque de {disease} à {place} toute l’année."),
        ("Cases of {disease} rise during the rainy season, from {month} to {month2}.",
         "Les cas de {disease} augmentent pendant la saison des pluies, de {month} à {month2}."),
        ("Consult a travel health professional at least six weeks before you leave about {disease}.",
         "Consultez un professionnel de la santé des voyageurs au moins six semaines avant le départ (risque de {disease})."),
        ("Medical care outside {place} is limited and evacuation may cost {number}0,000 dollars.",
         "Les soins médicaux hors de {place} sont limités et une évacuation peut coûter {number}0 000 dollars."),
        ("Drink only boiled or bottled water, and {advice}.",
         "Ne buvez que de l’eau bouillie ou embouteillée, et {advice}."),
        ("Air pollution in {place} can be severe from {month} to {month2}.",
         "La pollution de l’air à {place} peut être grave de {month} à {month2}."),
    ],
    "laws_culture": [
        ("Penalties for {law} are severe and include long prison terms.",
         "Les peines pour {law} sont sévères et comprennent de longues peines d’emprisonnement."),
        ("Local authorities treat {law} as a serious offence, especially in {place}.",
         "Les autorités locales considèrent {law} comme une infraction grave, surtout à {place}."),
        ("Dress conservatively when visiting religious sites in {place}.",
         "Portez une tenue sobre lorsque vous visitez des lieux de culte à {place}."),
        ("During the holiday period in {month}, some services close and public drinking is forbidden.",
         "Pendant la période des fêtes en {month}, certains services ferment et il est interdit de boire en public."),
        ("You must carry identification at all times; police in {place} check papers {when}.",
         "Vous devez avoir une pièce d’identité sur vous en tout temps; la police de {place} vérifie les papiers {when}."),
        ("An international driving permit is required, and {advice}.",
         "Un permis de conduire international est obligatoire, et {advice}."),
    ],
    "disasters_climate": [
        ("The region around {place} is exposed to {hazard}, especially from {month} to {month2}.",
         "La région de {place} est exposée à {hazard}, surtout de {month} à {month2}."),
        ("In {month}, {hazard} cut roads between {place} and {place2} for {number} days.",
         "En {month}, {hazard} ont coupé les routes entre {place} et {place2} pendant {number} jours."),
        ("Know the evacuation routes near your accommodation and {advice}.",
         "Repérez les voies d’évacuation près de votre hébergement et {advice}."),
        ("The coast near {place} is exposed to {hazard} during the hurricane season.",
         "La côte près de {place} est exposée à {hazard} pendant la saison des ouragans."),
        ("Emergency services may be overwhelmed after {hazard}; {advice}.",
         "Les services d’urgence peuvent être débordés après {hazard}; {advice}."),
    ],
    "help": [
        ("If you need help in {place}, contact the nearest office below.",
         "Si vous avez besoin d’aide à {place}, communiquez avec le bureau le plus proche ci-dessous."),
        ("Consular officials can replace a lost passport in about {number} working days.",
         "Les agents consulaires peuvent remplacer un passeport perdu en environ {number} jours ouvrables."),
        ("Local police in {place} may only speak the local language; {advice}.",
         "La police locale de {place} ne parle parfois que la langue locale; {advice}."),
        ("Register with the registration service for travellers before you leave, and {advice}.",
         "Inscrivez-vous au service d’inscription des voyageurs avant de partir, et {advice}."),
    ],
}

HEADINGS: dict[str, list[Pair]] = {
    "safety": [("Crime", "Criminalité"), ("Demonstrations", "Manifestations"), ("Road safety", "Sécurité routière"),
               ("Terrorism", "Terrorisme"), ("Women’s safety", "Sécurité des femmes"), ("Water activities", "Activités nautiques")],
    "entry_exit": [("Passport", "Passeport"), ("Visas", "Visas"), ("Children and travel", "Enfants et voyages"),
                   ("Dual citizenship", "Double citoyenneté"), ("Fees", "Frais")],
    "health": [("Vaccines", "Vaccins"), ("Insect bites", "Piqûres d’insectes"), ("Food and water", "Eau et aliments"),
               ("Medical services", "Services médicaux"), ("Air quality", "Qualité de l’air")],
    "laws_culture": [("Drugs", "Drogues"), ("Dress and behaviour", "Tenue et comportement"), ("Driving", "Conduite automobile"),
                     ("Identification", "Pièces d’identité"), ("Religious holidays", "Fêtes religieuses")],
    "disasters_climate": [("Seasons", "Saisons"), ("Earthquakes", "Séismes"), ("Storms", "Tempêtes"), ("Floods", "Inondations")],
    "help": [("Consular help", "Aide consulaire"), ("Local services", "Services locaux")],
}

SYLLABLES = ("ka", "ro", "mi", "ta", "lu", "se", "no", "ba", "ri", "ve", "do", "ha", "zu", "pe", "la", "gi", "so", "mar", "tin", "kel")


@dataclass
class Writer:
    """Draws sentences, names and numbers from one seeded random generator."""

    rng: random.Random

    def place(self) -> str:
        name = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))
        return name.capitalize()

    def sentence(self, section: str) -> Pair:
        en, fr = self.rng.choice(TEMPLATES[section])
        values: dict[str, Pair] = {}
        for slot in dict.fromkeys(re.findall(r"{(\w+?)2?}", en)):  # in template order: reproducible
            if slot == "place":
                values["place"], values["place2"] = [(p, p) for p in (self.place(), self.place())]
            elif slot == "number":
                number = str(self.rng.randint(2, 9))
                values["number"] = (number, number)
            else:
                first, second = self.rng.sample(SLOTS[slot], 2)
                values[slot], values[f"{slot}2"] = first, second
        return (
            en.format(**{k: v[0] for k, v in values.items()}),
            fr.format(**{k: v[1] for k, v in values.items()}),
        )

    def paragraph(self, section: str, sentences: int) -> Pair:
        pairs = [self.sentence(section) for _ in range(sentences)]
        return " ".join(p[0] for p in pairs), " ".join(p[1] for p in pairs)

    def section(self, key: str, words: int) -> Pair:
        """Markdown of a section, with sub-headings, paragraphs and a list, about ``words`` long."""
        en: list[str] = []
        fr: list[str] = []
        headings = self.rng.sample(HEADINGS[key], min(len(HEADINGS[key]), 3))
        for part in counter():
            if _count_words(en) >= words:
                break
            heading = headings[part % len(headings)]
            en.append(f"### {heading[0]}")
            fr.append(f"### {heading[1]}")
            paragraph = self.paragraph(key, self.rng.randint(3, 5))
            en.append(paragraph[0])
            fr.append(paragraph[1])
            if self.rng.random() < 0.5:
                items = [self.sentence(key) for _ in range(3)]
                en.append("\n".join(f"- {i[0]}" for i in items))
                fr.append("\n".join(f"- {i[1]}" for i in items))
        return "\n\n".join(en) + "\n", "\n\n".join(fr) + "\n"


def _count_words(blocks: Iterable[str]) -> int:
    return sum(len(block.split()) for block in blocks)


def destination_codes(count: int) -> list[tuple[str, bool]]:
    """``count`` distinct codes: CLDR territories first, then subdivisions of them (``AD-01``…).

    Each item is ``(code, named_by_cldr)``; the subdivisions get an explicit ``name``.
    """
    if not 0 < count <= MAX_DESTINATIONS:
        raise ValueError(f"a corpus holds 1 to {MAX_DESTINATIONS} destinations; got {count}")
    english = Locale.parse("en_CA").territories
    french = Locale.parse("fr_CA").territories
    known = sorted(c for c in english if len(c) == 2 and c.isalpha() and c in french and c not in NOT_DESTINATIONS)
    codes = [(c, True) for c in known]
    number = 1
    while len(codes) < count:
        codes += [(f"{c}-{number:02d}", False) for c in known]
        number += 1
    return codes[:count]


def advisory_data(code: str, known: bool, index: int, today: date) -> dict:
    """One destination's advisory as the mapping its YAML file holds (about 1,500 words a language)."""
    writer = Writer(random.Random(f"{code}-{index}"))
    level = index % 4 + 1
    last_updated = today - timedelta(days=index % 120)
    data: dict = {"code": code}
    if not known:
        data["name"] = {"en": f"Synthland {code}", "fr": f"Synthlande {code}"}
    data["level"] = level
    data["indicators"] = writer.rng.sample(["crime", "terrorism", "civil-unrest", "health", "natural-disaster"], 2)
    data["last_updated"] = last_updated.isoformat()
    data["still_valid"] = today.isoformat()
    summary = writer.paragraph("safety", 3)
    data["summary"] = {"en": summary[0], "fr": summary[1]}
    data["regions"] = [
        {
            "name": {"en": f"{(place := writer.place())} region", "fr": f"Région de {place}"},
            "level": min(4, level + 1 + r % 2),
            "reason": dict(zip(("en", "fr"), writer.sentence("safety"), strict=False)),
        }
        for r in range(index % 4)
    ]
    data["sections"] = {key: dict(zip(("en", "fr"), writer.section(key, 200), strict=False)) for key in SECTION_KEYS}
    data["offices"] = [
        {
            "name": {"en": f"Embassy in {(city := writer.place())}", "fr": f"Ambassade à {city}"},
            "address": f"{writer.rng.randint(1, 999)} {writer.place()} Avenue, {city}",
            "phone": f"+{writer.rng.randint(20, 99)} {writer.rng.randint(10, 99)} 555 {writer.rng.randint(1000, 9999)}",
            "email": f"{city.lower()}.consular@example.org",
            "hours": {"en": "Monday to Friday, 8:30 to 16:30", "fr": "Du lundi au vendredi, de 8 h 30 à 16 h 30"},
        }
        for _ in range(1 + index % 2)
    ]
    notes = [writer.sentence("safety") for _ in range(3 + index % 4)]
    data["updates"] = [
        {"date": (last_updated - timedelta(days=45 * n)).isoformat(), "en": en, "fr": fr}
        for n, (en, fr) in enumerate(notes)
    ]
    return data


def write_advisories(directory: Path, count: int, today: date) -> list[Path]:
    """Write ``count`` advisory files into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, (code, known) in enumerate(destination_codes(count)):
        text = yaml.dump(advisory_data(code, known, index, today), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
        path = directory / f"{code.lower()}.yml"
        path.write_text(SCHEMA_LINE + text, encoding="utf-8")
        paths.append(path)
    return paths


def write_project(project: Path, count: int, today: date) -> Path:
    """A project using the plugin: the shipped mkdocs.yml and docs, ``count`` synthetic advisories."""
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    write_advisories(project / "advisories", count, today)
    return project


def write_baseline(project: Path, generated_pages: Path) -> Path:
    """The same content as plain Markdown pages, built with the same theme but without our plugin.

    ``generated_pages`` holds the Markdown our plugin generated (``destinations/mx.en.md``…),
    exported from a real build by ``scripts/export_generated_pages.py``.
    """
    project.mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(without_our_plugins((ROOT / "mkdocs.yml").read_text("utf-8")), "utf-8")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(generated_pages, project / "docs", dirs_exist_ok=True)
    return project


def without_our_plugins(mkdocs_yml: str) -> str:
    """``mkdocs.yml`` text with every ``travel-advice*`` plugin entry removed."""
    kept: list[str] = []
    skipping_indent: int | None = None
    for line in mkdocs_yml.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        if skipping_indent is not None:
            if line.strip() and indent <= skipping_indent:
                skipping_indent = None
            else:
                continue
        if re.match(r"\s*- travel-advice[\w-]*\s*:?\s*$", line):
            skipping_indent = indent
            continue
        kept.append(line)
    return "".join(kept)


def write_history(project: Path, count: int, editions: int, today: date) -> Path:
    """``project`` as a git repository whose ``count`` advisories each have ``editions`` editions.

    Edition k (one commit for all files, a week after the one before, the last on ``today``)
    changes one sentence of one section and adds a change-log entry; every fifth edition moves
    the level. The working tree ends as :func:`write_project` leaves it, but for the last edition's changes.
    """
    write_project(project, count, today)
    git = ["git", "-C", str(project), "-c", "user.name=Synthetic editor", "-c", "user.email=editor@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    (project / ".gitignore").write_text("site/\n.site*\n", encoding="utf-8")
    for k in range(editions):
        day = today - timedelta(days=7 * (editions - 1 - k))
        for index, (code, known) in enumerate(destination_codes(count)):
            data = advisory_data(code, known, index, today)
            key = SECTION_KEYS[k % len(SECTION_KEYS)]
            for lang in ("en", "fr"):
                data["sections"][key][lang] += f"\n\n{'Edition' if lang == 'en' else 'Édition'} {k + 1}."
            data["level"] = (data["level"] + k // 5) % 4 + 1
            data["last_updated"] = day.isoformat()
            data["updates"] = [{"date": day.isoformat(), "en": f"Edition {k + 1}.", "fr": f"Édition {k + 1}."}] + [
                u for u in data["updates"] if u["date"] < day.isoformat()
            ]
            text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
            (project / "advisories" / f"{code.lower()}.yml").write_text(SCHEMA_LINE + text, encoding="utf-8")
        stamp = {"GIT_AUTHOR_DATE": f"{day.isoformat()}T09:00:00-05:00", "GIT_COMMITTER_DATE": f"{day.isoformat()}T09:00:00-05:00"}
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", f"Edition {k + 1}"], check=True, env={**os.environ, **stamp})
    return project
