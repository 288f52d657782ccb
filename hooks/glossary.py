"""Glossary: validate docs/_data/glossary.yml, show each term as a tooltip, render the glossary page.

Why: new hires meet trade jargon (報價單, 交期, 大貨, FOB) on every page. Wherever a term appears,
in either language, hovering or focusing it shows the other language's term and a one-line
definition (Material's content.tooltips styles <abbr title>). The glossary page lists all terms.

Checks (once per build, before site/ is cleaned): valid YAML, known fields only, unique ids, the
term and the definition in every language, no term listed twice.

Python-Markdown's abbr extension cannot be used for this: it matches on word boundaries, and
Chinese has none, so 報價單 inside a sentence would never match. Terms are wrapped after
rendering instead, in text outside links, headings, code, phrase tables and existing tooltips.
The marker `<!-- glossary -->` on a line of its own renders the full glossary table.
"""

from __future__ import annotations

import html
import re

import _handbook as hb

GLOSSARY = "glossary.yml"
FIELDS = {"id", "zh-TW", "en", "definition", "aliases", "avoid", "synonyms"}
REQUIRED = ("id", "zh-TW", "en", "definition")
SKIP_TAGS = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style",
             "svg", "button", "textarea", "select", "title", "var", "q", "label", "summary", "kbd"}
MARKER = re.compile(r"(?:<p>)?<!--\s*glossary\s*-->(?:</p>)?")

LABELS = {
    "zh-TW": {"term": "詞彙", "other": "英文", "definition": "說明"},
    "en": {"term": "Term", "other": "Chinese", "definition": "Definition"},
}



def _validate(src: hb.Sources) -> tuple[list[dict], list[hb.Problem]]:
    path = src.docs_dir / "_data" / GLOSSARY
    rel = hb.relpath(path, src.root)
    problems: list[hb.Problem] = []
    if not path.is_file():
        return [], [hb.Problem(rel, "file", "the glossary is missing", f"create docs/_data/{GLOSSARY} (see README)")]
    data = src.data(GLOSSARY)
    if not isinstance(data, dict) or set(data) != {"terms"} or not isinstance(data["terms"], list):
        return [], [hb.Problem(rel, "line 1", "must be a mapping with a single key 'terms' holding a list",
                               "see the file header for the format")]
    seen_ids: dict[str, int] = {}
    seen_terms: dict[tuple[str, str], str] = {}
    terms = []
    for index, entry in enumerate(data["terms"], start=1):
        if not isinstance(entry, dict):
            problems.append(hb.Problem(rel, f"term #{index}", "is not a mapping", "write 'id: …', 'zh-TW: …', 'en: …'"))
            continue
        tid = str(entry.get("id") or f"#{index}")
        where = f"line {entry.line}, term {tid}"
        before = len(problems)
        for fld in entry:
            if fld not in FIELDS:
                problems.append(hb.Problem(rel, where, f"unknown field {fld!r}",
                                           f"remove it; allowed: {', '.join(sorted(FIELDS))}"))
        for fld in REQUIRED:
            if fld not in entry or entry[fld] in (None, "", {}):
                problems.append(hb.Problem(rel, where, f"missing {fld!r}", f"add '{fld}: …'"))
        if len(problems) > before:
            continue
        wrong = hb.id_problem("term id", tid, entry.line, seen_ids, "lead-time")
        if wrong:
            problems.append(hb.Problem(rel, where, *wrong))
        definition = entry["definition"]
        for lang in hb.LANGUAGES:
            if not isinstance(definition, dict) or not str(definition.get(lang) or "").strip():
                problems.append(hb.Problem(rel, where, f"no {lang} definition", f"add 'definition: {{{lang}: …}}'"))
        aliases = entry.get("aliases") or {}
        if not isinstance(aliases, dict) or set(aliases) - set(hb.LANGUAGES):
            problems.append(hb.Problem(rel, where, "aliases must map languages to lists",
                                       "write 'aliases: {zh-TW: [報價], en: [quote]}'"))
            aliases = {}
        for lang in hb.LANGUAGES:
            for word in [entry[lang], *(aliases.get(lang) or [])]:
                key = (lang, str(word).lower())
                if key in seen_terms and seen_terms[key] != tid:
                    problems.append(hb.Problem(rel, where, f"{lang} term {word!r} is also listed under {seen_terms[key]!r}",
                                               "keep each word under one term"))
                seen_terms[key] = tid
        terms.append(entry)
    return terms, problems


def _glossary(config) -> dict:
    """This build's glossary: the validated terms, and the per-language term patterns built
    from them on first use. Validated once per build; raises if bad."""
    src = hb.sources(config)

    def compute():
        terms, problems = _validate(src)
        hb.raise_problems("glossary", problems)
        return {"terms": terms, "patterns": {}}

    return src.memo("glossary", compute)


def load(config) -> list[dict]:
    """The validated terms of this build."""
    return _glossary(config)["terms"]


def search_words(config) -> list[str]:
    """Chinese terms and aliases, for the search segmenter's user dictionary."""
    words = []
    for term in load(config):
        words.append(term["zh-TW"])
        words.extend((term.get("aliases") or {}).get("zh-TW") or [])
    return words


def _pattern(glossary: dict, lang: str):
    """One regex over all terms of a language, longest first; maps each matched word to its term."""
    cache = glossary["patterns"]
    if lang not in cache:
        lookup = {}
        for term in glossary["terms"]:
            for word in [term[lang], *((term.get("aliases") or {}).get(lang) or [])]:
                lookup[str(word).lower()] = term
        words = sorted(lookup, key=len, reverse=True)
        if lang == "en":
            body = "|".join(re.escape(w) for w in words)
            regex = re.compile(rf"(?<![A-Za-z0-9/])(?:{body})(?:e?s)?(?![A-Za-z0-9/])", re.I)
        else:
            regex = re.compile("|".join(re.escape(w) for w in words))
        cache[lang] = (regex, lookup)
    return cache[lang]


def _tooltip(term: dict, lang: str) -> str:
    other = [l for l in hb.LANGUAGES if l != lang][0]
    return f"{term[other]}：{term['definition'][lang]}" if lang != "en" else f"{term[other]}: {term['definition'][lang]}"


def _skip(name: str, tag: str) -> bool:
    # Phrase and glossary tables explain the terms already; a tooltip inside a quiz could give
    # the answer away.
    return name in SKIP_TAGS or (name == "table" and 'class="hb-' in tag) or (name == "div" and 'class="hb-quiz"' in tag)


def tooltip_rule(page, config) -> hb.ProseRule | None:
    """The tooltip decoration for this page (applied by hooks/prose_decorations.py), or None
    when the page opts out with `glossary_tooltips: false` or there are no terms."""
    if not page.meta.get("glossary_tooltips", True):
        return None
    lang = hb.page_language(page)
    regex, lookup = _pattern(_glossary(config), lang)
    if not lookup:
        return None

    def wrap(m):
        word = m.group(0)
        term = lookup.get(word.lower()) or lookup.get(re.sub(r"e?s$", "", word.lower()))
        if term is None:
            return word
        return f'<abbr title="{html.escape(_tooltip(term, lang), quote=True)}">{word}</abbr>'

    return hb.ProseRule(lambda text: regex.sub(wrap, text), _skip)


def render_glossary(lang: str, terms: list[dict]) -> str:
    labels = LABELS[lang]
    other = [l for l in hb.LANGUAGES if l != lang][0]
    terms = sorted(terms, key=lambda t: str(t[lang]).lower())
    rows = "".join(
        f'<tr id="term-{t["id"]}"><td lang="{lang}"><strong>{html.escape(str(t[lang]))}</strong></td>'
        f'<td lang="{other}">{html.escape(str(t[other]))}</td>'
        f'<td lang="{lang}">{html.escape(t["definition"][lang])}</td></tr>'
        for t in terms
    )
    return (
        '<div class="md-typeset__table"><table class="hb-glossary">'
        f'<thead><tr><th scope="col">{labels["term"]}</th><th scope="col">{labels["other"]}</th>'
        f'<th scope="col">{labels["definition"]}</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def on_pre_build(config):
    if hb.starting_build(config):
        load(config)


def on_page_content(html_text, page, config, files):
    if "glossary" not in html_text:
        return html_text
    lang = hb.page_language(page)
    return MARKER.sub(lambda m: render_glossary(lang, _glossary(config)["terms"]), html_text)
