"""The phrase catalog (docs/_data/phrases.yml): checks a schema cannot express, the selection
that markers make, and what the tables, inline phrases and downloads show.

The schema (docs/_data/schemas/phrases.schema.json) checks the fields; here: duplicate ids,
unknown situations, a translation that is identical or has no Chinese, placeholders and
ellipses that differ between the languages, a personal name instead of [name], and that a
`dont-say` phrase's `instead` names a `say` phrase. Pure functions: no MkDocs needed.

`source` and `review` are for maintainers: nothing here passes them to a reader's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .problems import Problem, did_you_mean, duplicate_ids, likely_typos
from .languages import HAN, LANGUAGES, other_languages
from .templates import PLACEHOLDER, render

PERSONAL_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+")
SELECTORS = ("topic", "situation", "ids")

LABELS = {
    "zh-TW": {"zh-TW": "中文", "en": "英文", "note": "說明", "situation": "情境",
              "dont_say": "不要這樣說", "say_instead": "改說", "dont_say_heading": "不要這樣說的句子"},
    "en": {"zh-TW": "Chinese", "en": "English", "note": "Notes", "situation": "Situation",
           "dont_say": "Don't say", "say_instead": "Say instead", "dont_say_heading": "Phrases not to use"},
}


def is_dont_say(phrase: dict) -> bool:
    return phrase.get("kind") == "dont-say"


@dataclass
class Catalog:
    """The checked catalog: situations (id -> names) and phrases in file order."""

    situations: dict
    phrases: list[dict]
    by_id: dict = field(init=False)
    topics: set = field(init=False)

    def __post_init__(self):
        self.by_id = {p["id"]: p for p in self.phrases}
        self.topics = {p["topic"] for p in self.phrases}

    def by_situation(self) -> list[dict]:
        """Every phrase, grouped in the order of the situations (the phrasebook, the downloads)."""
        order = list(self.situations)
        return sorted(self.phrases, key=lambda p: order.index(p["situation"]))


# --------------------------------------------------------------------------- checks


def ellipses(text: str) -> int:
    """How many ellipses a text has: English writes …, Chinese …… (Taiwan's ellipsis is two …,
    one mark), so a run of … counts once."""
    return len(re.findall("…+", text))


def check_pair(en: str, zh: str, what: str) -> list[tuple[str, str]]:
    """(message, fix) for an English text and its Traditional Chinese that do not match."""
    found = []
    if en.strip() == zh.strip():
        found.append((f"the zh-TW {what} is identical to the English (untranslated)",
                      "write the Traditional Chinese in the zh-TW field"))
    elif not HAN.search(zh):
        found.append((f"the zh-TW {what} has no Chinese characters (untranslated?): {zh!r}",
                      "write the Traditional Chinese in the zh-TW field"))
    if HAN.search(en):
        found.append((f"the English {what} contains Chinese characters: {en!r}", "keep Chinese in the zh-TW field only"))
    for lang, text in (("en", en), ("zh-TW", zh)):
        if "..." in text:
            found.append((f"the {lang} {what} uses three dots '...'", "use the ellipsis character … (U+2026)"))
    if what != "phrase":
        return found
    en_slots, zh_slots = sorted(PLACEHOLDER.findall(en)), sorted(PLACEHOLDER.findall(zh))
    if en_slots != zh_slots:
        found.append((f"placeholders differ: en has {en_slots or 'none'}, zh-TW has {zh_slots or 'none'}",
                      "use the same [placeholder] tokens, unchanged, in both languages"))
    if ellipses(en) != ellipses(zh):
        found.append((f"ellipses differ: en has {ellipses(en)}, zh-TW has {ellipses(zh)}",
                      "mark the same open slots in both languages: … in English, …… in Chinese"))
    name = PERSONAL_NAME.search(en)
    if name and name.group(0) not in zh:
        found.append((f"the English names a person ({name.group(0)!r}) that the Chinese does not",
                      "replace the name with the placeholder [name] in both languages"))
    return found


def check_catalog(data: dict, path: str) -> tuple[Catalog | None, list[Problem]]:
    """The catalog of schema-valid data, and the problems a schema cannot see."""
    situations, phrases = data["situations"], data["phrases"]
    problems = duplicate_ids(phrases, path, "phrase")
    topic_counts: dict[str, int] = {}
    for p in phrases:
        topic_counts[p["topic"]] = topic_counts.get(p["topic"], 0) + 1
    topic_typos = likely_typos(topic_counts)
    for p in phrases:
        found = []
        if p["topic"] in topic_typos:
            found.append((f"topic {p['topic']!r} has no other phrase (did you mean {topic_typos[p['topic']]!r}?)",
                          f"write topic: {topic_typos[p['topic']]}, the topic pages select with"
                          " <!-- phrases topic=… -->"))
        if p["situation"] not in situations:
            found.append((f"unknown situation {p['situation']!r}{did_you_mean(p['situation'], situations)}",
                          f"use one of: {', '.join(situations)} (or add it under 'situations:')"))
        found += check_pair(p["en"], p["zh-TW"], "phrase")
        if "note" in p:
            found += check_pair(p["note"]["en"], p["note"]["zh-TW"], "note")
        problems += [Problem(path, p.line, f"phrase {p['id']}: {message}", fix) for message, fix in found]
    by_id = {p["id"]: p for p in phrases}
    for p in phrases:
        if is_dont_say(p):
            instead = by_id.get(p["instead"])
            if instead is None or is_dont_say(instead):
                problems.append(Problem(path, p.key_lines.get("instead", p.line),
                                        f"phrase {p['id']}: instead names {p['instead']!r}, which is not a 'say' phrase",
                                        "name the id of the phrase to say instead (a phrase without kind: dont-say)"))
    return (None if problems else Catalog(situations, phrases)), problems


def check_marker(marker, catalog: Catalog) -> list[tuple[str, str]]:
    """(message, fix) for a `phrases …` or `phrase ID` marker the catalog cannot fill (None: the
    catalog itself has problems, reported on their own)."""
    if marker.name == "phrase":
        if len(marker.args) != 1 or "=" in marker.args[0]:
            return [(f"malformed phrase marker {marker.raw!r}", "write '<!-- phrase ID -->' inside a sentence")]
        return _unknown_ids(marker, [marker.args[0]], catalog) if catalog else []
    if marker.args == ("all",):
        return []
    key, _, value = marker.args[0].partition("=") if len(marker.args) == 1 else ("", "", "")
    values = [v for v in value.split(",") if v]
    if key not in SELECTORS or not values or not re.fullmatch(r"[a-z0-9,-]+", value):
        return [(f"malformed phrase marker {marker.raw!r}",
                 "write '<!-- phrases topic=X -->', 'situation=X', 'ids=a,b' or 'all' on a line of its own,"
                 " or '<!-- phrase ID -->' inside a sentence")]
    if catalog is None:
        return []
    if key == "topic":
        return [(f"unknown phrase topic {v!r} in {marker.raw}{did_you_mean(v, catalog.topics)}",
                 f"use a topic of docs/_data/phrases.yml ({', '.join(sorted(catalog.topics)[:12])}, …) or add phrases"
                 " with that topic") for v in values if v not in catalog.topics]
    if key == "situation":
        return [(f"unknown situation {v!r} in {marker.raw}{did_you_mean(v, catalog.situations)}",
                 f"use one of: {', '.join(catalog.situations)}")
                for v in values if v not in catalog.situations]
    return _unknown_ids(marker, values, catalog)


def _unknown_ids(marker, ids, catalog):
    return [(f"unknown phrase id {v!r} in {marker.raw}{did_you_mean(v, catalog.by_id)}",
             "use an id that exists in docs/_data/phrases.yml"
             " (ids are case-sensitive)") for v in ids if v not in catalog.by_id]


def _chosen(marker, catalog: Catalog) -> list[dict]:
    """The phrases a checked `phrase ID` or `phrases key=a,b` marker names."""
    if marker.name == "phrase":
        return [catalog.by_id[marker.args[0]]]
    key, _, value = marker.args[0].partition("=")
    values = [v for v in value.split(",") if v]
    if key == "ids":
        return [catalog.by_id[v] for v in values]
    return [p for p in catalog.phrases if p[key] in values]


def placed_ids(marker, catalog: Catalog) -> set[str]:
    """The ids a marker shows (the phrasebook's full listing counts for none: see unused())."""
    if marker.args == ("all",):
        return set()
    chosen = _chosen(marker, catalog)
    return {p["id"] for p in chosen} | {p["instead"] for p in chosen if is_dont_say(p)}


def unused(catalog: Catalog, placed: set[str], path: str) -> list[Problem]:
    """A phrase no page places (a warning; a strict build fails on it): a catalog entry readers
    never see is either misplaced or stale."""
    return [Problem(path, p.line, f"phrase {p['id']}: placed on no page",
                    f"add <!-- phrases ids={p['id']} --> (or its topic) to the page where it belongs, list it"
                    " on the phrasebook page, or remove it from the catalog")
            for p in catalog.phrases if p["id"] not in placed]


# --------------------------------------------------------------------------- what readers see


def _row(phrase: dict, catalog: Catalog, lang: str) -> dict:
    """The reader-facing fields of a phrase (never `source` or `review`)."""
    note = phrase.get("note")
    return {"id": phrase["id"], "situation": phrase["situation"], "kind": phrase.get("kind", "say"),
            "text": {l: phrase[l] for l in LANGUAGES}, "note": note[lang] if note else "",
            "situation_name": catalog.situations[phrase["situation"]][lang]}


def table_rows(phrases: list[dict], catalog: Catalog, lang: str) -> list[dict]:
    """Table rows: a don't-say phrase is followed by the phrase to say instead (a pair). A phrase
    that the same table shows as a pair is not repeated; its pair row carries its anchor. A phrase
    to say instead of several don't-say phrases is shown after each, with the anchor on its first
    row only (an id is unique in a page)."""
    chosen = {p["id"] for p in phrases}
    paired = {p["instead"] for p in phrases if is_dont_say(p)}
    rows, anchored = [], set()
    for p in phrases:
        if p["id"] in paired:
            continue
        rows.append({**_row(p, catalog, lang), "anchor": p["id"] not in anchored})
        anchored.add(p["id"])
        if is_dont_say(p):
            instead = p["instead"]
            rows.append({**_row(catalog.by_id[instead], catalog, lang), "kind": "say-instead",
                         "anchor": instead in chosen and instead not in anchored})
            if instead in chosen:
                anchored.add(instead)
    return rows


def render_table(phrases: list[dict], catalog: Catalog, lang: str, *, with_situation=False) -> str:
    """The phrase table of `phrases` in the reader's language (its column first), with the
    phrases' notes, and the situation column on the phrasebook page."""
    rows = table_rows(phrases, catalog, lang)
    return render("phrase_table.html", rows=rows, lang=lang, order=[lang, *other_languages(lang)], labels=LABELS[lang],
                  has_notes=any(r["note"] for r in rows), with_situation=with_situation)


def render_marker(marker, catalog: Catalog, lang: str) -> str:
    """What a checked `phrase`/`phrases` marker shows: one phrase inline, a table of the phrases
    it selects, or (`all`) the phrasebook, with the don't-say phrases apart."""
    if marker.name == "phrase":
        phrase = catalog.by_id[marker.args[0]]
        return render("phrase_inline.html", en=phrase["en"], own=phrase[lang], lang=lang)
    if marker.args == ("all",):
        ordered = catalog.by_situation()
        say = [p for p in ordered if not is_dont_say(p)]
        dont = [p for p in ordered if is_dont_say(p)]
        html = render_table(say, catalog, lang, with_situation=True)
        if dont:  # shown apart, each with the phrase to say instead
            html += f"\n\n## {LABELS[lang]['dont_say_heading']} {{#dont-say}}\n\n" + render_table(dont, catalog, lang, with_situation=True)
        return html
    return render_table(_chosen(marker, catalog), catalog, lang)


# --------------------------------------------------------------------------- downloads

CSV_COLUMNS = ["id", "kind", "situation_en", "situation_zh-TW", "en", "zh-TW", "note_en", "note_zh-TW"]


def csv_rows(catalog: Catalog) -> list[list[str]]:
    """The phrasebook CSV's rows (columns: CSV_COLUMNS), in the phrasebook's order; reader
    fields only (never `source` or `review`)."""
    rows = []
    for p in catalog.by_situation():
        situation, note = catalog.situations[p["situation"]], p.get("note") or {}
        rows.append([p["id"], p.get("kind", "say"), situation["en"], situation["zh-TW"], p["en"], p["zh-TW"],
                     note.get("en", ""), note.get("zh-TW", "")])
    return rows


def anki_guid(phrase_id: str) -> str:
    """The Anki note's id of a phrase, made from the phrase's stable id: a reader who imports the
    deck again after a phrase is corrected gets that note updated, not a second card beside it."""
    return f"handbook-phrase-{phrase_id}"


def anki_cards(catalog: Catalog) -> list[tuple[str, str, str, str]]:
    """(front, back, tag, guid) per phrase. A don't-say phrase is never a card to learn as such: its
    card reads "Don't say: X -> Say instead: Y", with the reason on the back."""
    cards = []
    for p in catalog.by_situation():
        note = p.get("note")
        if is_dont_say(p):
            instead = catalog.by_id[p["instead"]]
            front = f"Don't say: {p['en']} -> Say instead: {instead['en']}"
            back = f"不要說：{p['zh-TW']} → 改說：{instead['zh-TW']}" + (f" — {note['zh-TW']}" if note else "")
        else:
            front, back = p["en"], p["zh-TW"] + (f" — {note['zh-TW']}" if note else "")
        cards.append((front, back, f"handbook::{p['situation']}", anki_guid(p["id"])))
    return cards
