"""Phrase catalog: validate docs/_data/phrases.yml and render its phrases into the pages.

Why: the phrases are what a salesperson copies into an email or says on the phone, so each
English phrase must have a real Traditional Chinese translation, and a page must never show a
phrase that is not in the catalog. The catalog is the single source; pages only place phrases.

Checks (once per build, in on_pre_build, before MkDocs cleans site/), each failure naming the
file, the line or phrase id and the fix:
- malformed YAML, unknown top-level keys or fields, duplicate or malformed ids, unknown situation;
- a missing or empty translation either way, a translation identical to its English (or with no
  Chinese in it), Chinese in the English field;
- placeholders ([name], [product]) or ellipses (…) that differ between the two languages, three
  dots instead of …, a personal name (Mr. Lee) instead of a placeholder;
- a note given in one language only;
- a page marker that is malformed or names an unknown topic, situation or id;
- a phrase that no page places (a warning, which fails the strict build; the phrasebook's
  full listing does not count, an explicit marker on the phrasebook page does).

Markers, written in a page:
- `<!-- phrases topic=X -->`, `<!-- phrases situation=X -->`, `<!-- phrases ids=a,b -->` on a
  line of their own: a table in the page's language (zh-TW: Chinese first).
- `<!-- phrases all -->`: every phrase with its situation (the phrasebook page).
- `<!-- phrase ID -->` inside a sentence: that phrase inline.
Phrase text is HTML-escaped, so `<script>`, `|`, `*` and `_` in a phrase show as text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import _handbook as hb

CATALOG = "phrases.yml"
TOP_LEVEL_KEYS = {"situations", "phrases"}
REQUIRED_FIELDS = ("id", "situation", "topic", "en", "zh-TW")
OPTIONAL_FIELDS = ("note", "source", "kind", "instead", "review")
PLACEHOLDER = re.compile(r"\[([a-z][a-z0-9-]*)\]")
PERSONAL_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+")

# Any HTML comment that starts with "phrase" is ours; anything we cannot parse is an error.
BLOCK_MARKER = re.compile(r"^phrases\s+(?:(?P<all>all)|(?P<key>topic|situation|ids)=(?P<value>[a-z0-9,-]+))$")
INLINE_MARKER = re.compile(r"^phrase\s+(?P<id>[a-z0-9-]+)$")

LABELS = {
    "zh-TW": {"zh-TW": "中文", "en": "英文", "note": "說明", "situation": "情境"},
    "en": {"zh-TW": "Chinese", "en": "English", "note": "Notes", "situation": "Situation"},
}
PHRASEBOOK_PAGE = "phrasebook"


@dataclass(frozen=True)
class Marker:
    page: hb.PageSource
    line: int
    raw: str
    kind: str  # "all", "topic", "situation", "ids", "inline"
    values: tuple[str, ...]


class Catalog:
    """The validated catalog of one build."""

    def __init__(self, situations: dict, phrases: list[dict]):
        self.situations = situations
        self.phrases = phrases
        self.by_id = {p["id"]: p for p in phrases}
        self.topics = sorted({p["topic"] for p in phrases})

    def select(self, kind: str, values: tuple[str, ...]) -> list[dict]:
        if kind == "all":
            order = list(self.situations)
            return sorted(self.phrases, key=lambda p: order.index(p["situation"]))
        if kind in ("topic", "situation"):
            return [p for p in self.phrases if p[kind] in values]
        return [self.by_id[i] for i in values]


# --------------------------------------------------------------------------- validation


def _validate_catalog(src: hb.Sources) -> tuple[Catalog | None, list[hb.Problem]]:
    path = src.docs_dir / "_data" / CATALOG
    rel = hb.relpath(path, src.root)
    problems: list[hb.Problem] = []

    def add(where, problem, fix):
        problems.append(hb.Problem(rel, where, problem, fix))

    if not path.is_file():
        add("file", "the phrase catalog is missing", f"create docs/_data/{CATALOG} (see README)")
        return None, problems
    data = src.data(CATALOG)
    if not isinstance(data, dict):
        add("line 1", "must be a mapping with 'situations' and 'phrases'", "see the file header for the format")
        return None, problems
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            add(f"line {getattr(data, 'line', 1)}", f"unknown top-level key {key!r}",
                f"remove it; allowed keys: {', '.join(sorted(TOP_LEVEL_KEYS))}")

    situations = data.get("situations") or {}
    if not isinstance(situations, dict) or not situations:
        add("situations", "no situations defined", "add the 'situations:' mapping (see the file header)")
        situations = {}
    for sid, names in situations.items():
        line = f"line {getattr(names, 'line', '?')}, situation {sid}"
        if not isinstance(names, dict):
            add(line, "a situation needs a name per language", f"write {{{', '.join(l + ': …' for l in hb.LANGUAGES)}}}")
            continue
        for lang in hb.LANGUAGES:
            if not str(names.get(lang) or "").strip():
                add(line, f"situation has no {lang} name", f"add '{lang}: <name>' under situation {sid}")
        for extra in set(names) - set(hb.LANGUAGES):
            add(line, f"unknown language {extra!r} in situation {sid}", f"use only {', '.join(hb.LANGUAGES)}")

    entries = data.get("phrases")
    if not isinstance(entries, list):
        add("phrases", "'phrases' must be a list of entries", "write each phrase as '- id: …' under 'phrases:'")
        return None, problems

    seen: dict[str, int] = {}
    valid: list[dict] = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            add(f"phrase #{index}", "is not a mapping", "write the entry as 'id: …', 'en: …', 'zh-TW: …' fields")
            continue
        pid = str(entry.get("id") or f"#{index}")
        where = f"line {entry.line}, phrase {pid}"
        before = len(problems)
        for fld in entry:
            if fld not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
                add(where, f"unknown field {fld!r}",
                    f"remove it or rename it to one of: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}")
        for fld in REQUIRED_FIELDS:
            value = entry.get(fld)
            if value is None or not str(value).strip():
                if fld in hb.LANGUAGES:
                    other = [l for l in hb.LANGUAGES if l != fld][0]
                    add(where, f"missing {fld} translation",
                        f"add '{fld}: …' with the {fld} text of {str(entry.get(other) or '')!r}")
                else:
                    add(where, f"missing field {fld!r}", f"add '{fld}: …' to the entry")
            elif not isinstance(value, str):
                add(where, f"field {fld!r} must be text, got {type(value).__name__}",
                    f"quote the value of {fld!r}")
        if len(problems) > before:
            continue
        wrong = hb.id_problem("id", pid, entry.line, seen, "h16-repeat")
        if wrong:
            add(where, *wrong)
        if entry["situation"] not in situations:
            add(where, f"unknown situation {entry['situation']!r}",
                f"use one of: {', '.join(situations)} (or add it under 'situations:')")
        problems.extend(_check_pair(rel, where, entry["en"], entry["zh-TW"], "phrase"))
        note = entry.get("note")
        if note is not None:
            if not isinstance(note, dict):
                add(where, "note must be a mapping with both languages", "write note: {en: …, zh-TW: …}")
            else:
                for lang in hb.LANGUAGES:
                    if not str(note.get(lang) or "").strip():
                        add(where, f"note has no {lang} text", f"add 'note: {{{lang}: …}}' or remove the note")
                for extra in set(note) - set(hb.LANGUAGES):
                    add(where, f"unknown language {extra!r} in note", f"use only {', '.join(hb.LANGUAGES)}")
                if all(str(note.get(l) or "").strip() for l in hb.LANGUAGES):
                    problems.extend(_check_pair(rel, where, note["en"], note["zh-TW"], "note"))
        if entry.get("source") is not None and not isinstance(entry.get("source"), str):
            add(where, "source must be text", "quote the source's original English")
        valid.append(entry)
    if problems:
        return None, problems
    return Catalog(situations, valid), problems


def _check_pair(rel: str, where: str, en: str, zh: str, what: str) -> list[hb.Problem]:
    """Checks that compare an English text with its Traditional Chinese."""
    out = []

    def add(problem, fix):
        out.append(hb.Problem(rel, where, problem, fix))

    if en.strip() == zh.strip():
        add(f"the zh-TW {what} is identical to the English (untranslated)",
            "write the Traditional Chinese in the zh-TW field")
    elif not hb.HAN.search(zh):
        add(f"the zh-TW {what} has no Chinese characters (untranslated?): {zh!r}",
            "write the Traditional Chinese in the zh-TW field")
    if hb.HAN.search(en):
        add(f"the English {what} contains Chinese characters: {en!r}", "keep Chinese in the zh-TW field only")
    for lang, text in (("en", en), ("zh-TW", zh)):
        if "..." in text:
            add(f"the {lang} {what} uses three dots '...'", "use the ellipsis character … (U+2026)")
    if what == "phrase":
        en_slots, zh_slots = sorted(PLACEHOLDER.findall(en)), sorted(PLACEHOLDER.findall(zh))
        if en_slots != zh_slots:
            add(f"placeholders differ: en has {en_slots or 'none'}, zh-TW has {zh_slots or 'none'}",
                "use the same [placeholder] tokens, unchanged, in both languages")
        if en.count("…") != zh.count("…"):
            add(f"ellipses differ: en has {en.count('…')}, zh-TW has {zh.count('…')}",
                "mark the same open slots with … in both languages")
        name = PERSONAL_NAME.search(en)
        if name and name.group(0) not in zh:
            add(f"the English names a person ({name.group(0)!r}) that the Chinese does not",
                "replace the name with the placeholder [name] in both languages")
    return out


def _scan_markers(src: hb.Sources) -> tuple[list[Marker], list[hb.Problem]]:
    markers, problems = [], []
    for found in hb.source_markers(src.pages, "phrases?"):
        block = BLOCK_MARKER.match(found.body)
        inline = INLINE_MARKER.match(found.body)
        if block and found.alone:
            if block.group("all"):
                markers.append(Marker(found.page, found.line, found.raw, "all", ()))
            else:
                values = tuple(v for v in block.group("value").split(",") if v)
                markers.append(Marker(found.page, found.line, found.raw, block.group("key"), values))
        elif inline:
            markers.append(Marker(found.page, found.line, found.raw, "inline", (inline.group("id"),)))
        else:
            problems.append(hb.Problem(
                found.page.rel, f"line {found.line}", f"malformed phrase marker {found.raw!r}",
                "write '<!-- phrases topic=X -->', 'situation=X', 'ids=a,b' or 'all' on a line of"
                " its own, or '<!-- phrase ID -->' inside a sentence"))
    return markers, problems


def _check_markers(markers: list[Marker], catalog: Catalog) -> list[hb.Problem]:
    problems = []
    for m in markers:
        where = f"line {m.line}"
        if m.kind == "topic":
            for v in m.values:
                if v not in catalog.topics:
                    problems.append(hb.Problem(m.page.rel, where, f"unknown phrase topic {v!r} in {m.raw}",
                                               f"use a topic of docs/_data/phrases.yml ({', '.join(catalog.topics[:12])}, …)"
                                               " or add phrases with that topic"))
        elif m.kind == "situation":
            for v in m.values:
                if v not in catalog.situations:
                    problems.append(hb.Problem(m.page.rel, where, f"unknown situation {v!r} in {m.raw}",
                                               f"use one of: {', '.join(catalog.situations)}"))
        elif m.kind in ("ids", "inline"):
            for v in m.values:
                if v not in catalog.by_id:
                    problems.append(hb.Problem(m.page.rel, where, f"unknown phrase id {v!r} in {m.raw}",
                                               "use an id that exists in docs/_data/phrases.yml (ids are case-sensitive)"))
    return problems


def _unused(markers: list[Marker], catalog: Catalog, src: hb.Sources) -> list[hb.Problem]:
    used: set[str] = set()
    for m in markers:
        if m.kind != "all":
            used.update(p["id"] for p in catalog.select(m.kind, m.values))
    rel = hb.relpath(src.docs_dir / "_data" / CATALOG, src.root)
    return [
        hb.Problem(rel, f"line {p.line}, phrase {p['id']}", "phrase is placed on no page",
                   f"add <!-- phrases ids={p['id']} --> (or its topic) to the page where it belongs,"
                   f" list it on the phrasebook page, or remove it from the catalog")
        for p in catalog.phrases if p["id"] not in used
    ]


def load(config) -> Catalog:
    """The validated catalog for this build (validated once per build; raises if bad)."""
    src = hb.sources(config)

    def compute():
        catalog, problems = _validate_catalog(src)
        hb.raise_problems("phrase catalog", problems)
        markers, marker_problems = _scan_markers(src)
        hb.raise_problems("phrase markers", marker_problems + _check_markers(markers, catalog))
        hb.warn_problems("phrase catalog", _unused(markers, catalog, src), config)
        return catalog

    return src.memo("phrase-catalog", compute)


# --------------------------------------------------------------------------- rendering


def _text(value: str) -> str:
    """Escape phrase text; show placeholders as <var>."""
    return PLACEHOLDER.sub(r'<var class="hb-slot">[\1]</var>', html.escape(value, quote=True))


def render_table(phrases: list[dict], lang: str, catalog: Catalog, *, with_situation=False) -> str:
    labels = LABELS[lang]
    order = [lang] + [l for l in hb.LANGUAGES if l != lang]
    has_notes = any(p.get("note") for p in phrases)
    head = "".join(f'<th scope="col">{labels[l]}</th>' for l in order)
    if has_notes:
        head += f'<th scope="col">{labels["note"]}</th>'
    if with_situation:
        head += f'<th scope="col">{labels["situation"]}</th>'
    rows = []
    for p in phrases:
        cells = "".join(
            f'<td lang="{l}" class="hb-phrase-{l.lower()}">{_text(p[l])}</td>' for l in order
        )
        if has_notes:
            note = p.get("note")
            cells += f'<td lang="{lang}" class="hb-phrase-note">{_text(note[lang]) if note else ""}</td>'
        if with_situation:
            cells += f'<td class="hb-phrase-situation">{html.escape(catalog.situations[p["situation"]][lang])}</td>'
        rows.append(
            f'<tr id="phrase-{p["id"]}" data-phrase-id="{p["id"]}" data-situation="{p["situation"]}">{cells}</tr>'
        )
    return (
        '<div class="hb-phrases md-typeset__table"><table class="hb-phrase-table">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_inline(phrase: dict, lang: str) -> str:
    if lang == "en":
        return f'<q class="hb-phrase-inline" lang="en">{_text(phrase["en"])}</q>'
    return (
        f'<q class="hb-phrase-inline" lang="en">{_text(phrase["en"])}</q>'
        f'<span class="hb-phrase-gloss" lang="{lang}">（{_text(phrase[lang])}）</span>'
    )


def on_pre_build(config):
    if hb.starting_build(config):
        load(config)


HTML_MARKER = re.compile(r"(?:<p>)?<!--\s*phrases?\b.*?-->(?:</p>)?")


def on_page_content(html_text, page, config, files):
    if "<!--" not in html_text:  # no marker on this page: skip the regex scan
        return html_text
    catalog = load(config)
    lang = hb.page_language(page)

    def replace(match):
        raw = match.group(0)
        comment = raw[raw.index("<!--"): raw.rindex("-->") + 3]
        body = re.sub(r"\s+", " ", comment[4:-3].strip())
        block = BLOCK_MARKER.match(body)
        if block:
            if block.group("all"):
                return render_table(catalog.select("all", ()), lang, catalog, with_situation=True)
            values = tuple(v for v in block.group("value").split(",") if v)
            return render_table(catalog.select(block.group("key"), values), lang, catalog)
        inline = INLINE_MARKER.match(body)
        if inline:
            rendered = render_inline(catalog.by_id[inline.group("id")], lang)
            return raw.replace(comment, rendered)
        raise hb.HandbookError(f"{page.file.src_uri}: malformed phrase marker {comment!r}")

    return HTML_MARKER.sub(replace, html_text)
