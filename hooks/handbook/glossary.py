"""The glossary (docs/_data/glossary.yml): checks a schema cannot express, the glossary table,
the tooltip each term gets in the prose, and the words search must keep whole.

Tooltips: wherever a term or alias appears in a page's prose, in either language, it becomes
<abbr title="other language's term: definition"> (Material's content.tooltips styles it).
Python-Markdown's abbr extension cannot do this: it matches on word boundaries, and Chinese has
none, so 報價單 inside a sentence would never match. hooks/handbook/markdown_ext.py applies the
rule to the text of the parsed page (see prose.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import version

from .disk_cache import JsonCache
from .problems import Problem, duplicate_ids
from .languages import LANGUAGES, other_languages
from .templates import render

LABELS = {
    "zh-TW": {"term": "詞彙", "other": "英文", "definition": "說明"},
    "en": {"term": "Term", "other": "Chinese", "definition": "Definition"},
}


def words(term: dict, lang: str) -> list[str]:
    """The term and its aliases in `lang`."""
    return [str(term[lang]), *(str(w) for w in (term.get("aliases") or {}).get(lang) or [])]


def check_terms(terms: list[dict], path: str) -> list[Problem]:
    """Duplicate ids, and a word listed under two terms (its tooltip would be ambiguous)."""
    problems = duplicate_ids(terms, path, "term")
    owner: dict[tuple[str, str], str] = {}
    for term in terms:
        for lang in LANGUAGES:
            for word in words(term, lang):
                key = (lang, word.lower())
                if key in owner and owner[key] != term["id"]:
                    problems.append(Problem(path, term.line, f"term {term['id']}: {lang} term {word!r} is also listed"
                                            f" under {owner[key]!r}", "keep each word under one term"))
                owner.setdefault(key, term["id"])
    return problems


TONES = {"ˊ": 2, "ˇ": 3, "ˋ": 4, "˙": 5}


def zhuyin_key(word: str, readings) -> tuple:
    """Sort key of a Chinese term in the order of a Taiwanese dictionary: by its zhuyin
    (ㄅㄆㄇㄈ…, the order of Unicode's Bopomofo block), then tone; terms that start with Latin
    letters (MOQ, L/C) come first, alphabetically. `readings` is one zhuyin string per character."""
    if not word or not ("\u3400" <= word[0] <= "\u9fff"):
        return (0, word.lower())
    key = []
    for reading in readings:
        tone = next((TONES[c] for c in reading if c in TONES), 1)
        key.append((tuple(ord(c) for c in reading if c not in TONES), tone))
    return (1, tuple(key), word)


# Bump when zhuyin_readings may read the same words differently with the same pypinyin and OpenCC.
READINGS_FORMAT = 1


def zhuyin_readings(words: list[str], cache: JsonCache | None = None) -> dict[str, list[str]]:
    """Each word's zhuyin per character, read with pypinyin's phrase dictionary (keyed in
    Simplified characters, so each word is converted with OpenCC first: 銀行 reads yín háng).
    `cache` (disk_cache.py) keeps the readings of a list of words, keyed by the words and the
    versions of pypinyin and OpenCC: loading pypinyin's dictionaries takes 0.2 s of CPU, and an
    unchanged glossary reads the same in every build."""
    blob = json.dumps([READINGS_FORMAT, version("pypinyin"), version("OpenCC"), words], ensure_ascii=False)
    key = hashlib.sha256(blob.encode()).hexdigest()
    kept = cache.get(key) if cache else None
    if isinstance(kept, dict) and list(kept) == words and all(isinstance(r, list) and all(isinstance(c, str) for c in r)
                                                              for r in kept.values()):
        return kept
    import opencc  # here: only the Chinese glossary page needs them, and only when not kept
    from pypinyin import Style, pinyin

    convert = opencc.OpenCC("tw2s").convert
    readings = {w: [r[0] for r in pinyin(convert(w), style=Style.BOPOMOFO, errors=lambda t: list(t))] for w in words}
    if cache:
        cache.put(key, readings)
    return readings


def sort_terms(terms: list[dict], lang: str, cache: JsonCache | None = None) -> list[dict]:
    """English alphabetically; Chinese in zhuyin order (stable: ties keep the file's order)."""
    if lang == "en":
        return sorted(terms, key=lambda t: str(t[lang]).lower())
    readings = zhuyin_readings([str(t[lang]) for t in terms], cache)
    return sorted(terms, key=lambda t: zhuyin_key(str(t[lang]), readings[str(t[lang])]))


def render_table(terms: list[dict], lang: str, cache: JsonCache | None = None) -> str:
    """The glossary page's table in the reader's language, sorted by its headwords, with the
    other language's word beside each (`cache`: see zhuyin_readings)."""
    other = other_languages(lang)[0]
    rows = [{"id": t["id"], "term": str(t[lang]), "other": str(t[other]), "definition": t["definition"][lang]}
            for t in sort_terms(terms, lang, cache)]
    return render("glossary.html", rows=rows, lang=lang, other=other, labels=LABELS[lang])


def alternatives(words: list[str], flags: int = 0) -> str:
    """A regex that matches as `"|".join(words)`, longest first, does (with `flags`), written as a
    trie: each common beginning once, the longer continuations before the end of a word
    (報價(?:單)?). The engine then tries a few branches at each place of a text, not every word:
    the English tooltips (case-insensitive, so no quick first-character test) spent most of the
    page conversions' hook time trying ~470 words at every character. Where two branches could
    match the same character (case-insensitive ſ and s), the plain list: there, words of one
    length would be tried in the trie's order, not the list's."""
    longest_first = sorted(words, key=len, reverse=True)
    trie: dict = {}
    for word in longest_first:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branches(node: dict) -> str | None:
        chars = [c for c in node if c]
        if flags & re.I and any(re.fullmatch(re.escape(a), b, flags) for a in chars for b in chars if a != b):
            return None
        parts = [(c, branches(node[c])) for c in chars]
        if any(rest is None for _, rest in parts):
            return None
        body = "|".join(re.escape(c) + rest for c, rest in parts)
        if "" in node:  # a word ends here: try the longer words first, then end
            return f"(?:{body})?" if body else ""
        return f"(?:{body})" if len(parts) > 1 else body

    trie_pattern = branches(trie)
    return trie_pattern if trie_pattern is not None else "|".join(re.escape(w) for w in longest_first)


def tooltip_rule(terms: list[dict], lang: str):
    """(pattern, title of a match) for every term and alias of `lang`, or None when there are no
    terms. Longest words first; English matches whole words and plurals."""
    lookup = {word.lower(): term for term in terms for word in words(term, lang)}
    if not lookup:
        return None
    if lang == "en":
        pattern = re.compile(rf"(?<![A-Za-z0-9/])(?:{alternatives(list(lookup), re.I)})(?:e?s)?(?![A-Za-z0-9/])", re.I)
    else:
        pattern = re.compile(alternatives(list(lookup)))
    other = other_languages(lang)[0]
    colon = ": " if lang == "en" else "："

    def tooltip(word: str) -> str | None:
        term = lookup.get(word.lower()) or lookup.get(re.sub(r"e?s$", "", word.lower()))
        return f"{term[other]}{colon}{term['definition'][lang]}" if term else None

    return pattern, tooltip
