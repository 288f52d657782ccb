"""Taiwan wording: no Simplified characters or mainland vocabulary in the Traditional Chinese.

Why: the source text was machine-converted from Simplified Chinese and is full of slips (這么,
聯系, 沖突) and mainland terms (信息, 軟件). Readers in Taiwan notice at once, and a slip copied
into a customer email looks careless.

How: every line that contains Chinese (zh-TW pages, Chinese quoted in English pages, the phrase
catalog, the glossary, the quizzes: every data file under docs/_data, and the Chinese in mkdocs.yml) goes through two OpenCC conversions:
- s2twp (Simplified to Taiwan, with Taiwan phrases) applied directly: it changes Simplified
  characters (這么 → 這麼) and mainland vocabulary (信息 → 資訊, 軟件 → 軟體);
- a round trip tw2s then s2tw: it changes Traditional-looking slips that a careless conversion
  left behind, where one Simplified character stands for several Traditional ones (聯系 → 聯繫,
  沖突 → 衝突, 准備 → 準備, 重復 → 重複).
Where either conversion changes a Chinese character, the build fails and shows the suggested
form. No character table is kept here: OpenCC's maintained dictionaries decide. The round trip
also flags a few variants that Taiwan uses as well (簽, 回覆, 瞭解, 週): those are reviewed
exceptions in docs/_data/wording.yml, each with its reason.

Also checked on zh-TW pages: an English sentence (four or more words) must be a catalog phrase
or be followed by its Chinese in full-width parentheses, because a reader must never meet an
untranslated sentence in the Chinese handbook.
"""

from __future__ import annotations

import difflib
import functools
import re

import opencc

import _handbook as hb
import phrase_catalog

ALLOW_FILE = "wording.yml"
ENGLISH_SENTENCE = re.compile(r"[A-Za-z][A-Za-z’']*(?:[ ,;:\-]+[A-Za-z][A-Za-z’']*){3,}[.?!]?")
FOLLOWED_BY_CHINESE = re.compile(r"^[\s\"”’」』*_]*（[^）]*[\u3400-\u9fff]")
SKIP_IN_LINE = re.compile(r"`[^`]*`|<!--.*?-->|<[^>]+>|\]\([^)]*\)|\{#[^}]*\}|https?://\S+")

@functools.lru_cache(maxsize=None)
def _converter(name: str) -> opencc.OpenCC:
    return opencc.OpenCC(name)


def _conversions(text: str) -> list[str]:
    return [_converter("s2twp").convert(text), _converter("s2tw").convert(_converter("tw2s").convert(text))]


def _allow_list(src: hb.Sources) -> tuple[list[str], list[hb.Problem]]:
    path = src.docs_dir / "_data" / ALLOW_FILE
    rel = hb.relpath(path, src.root)
    if not path.is_file():
        return [], []
    data = src.data(ALLOW_FILE) or {}
    problems, words = [], []
    if set(data) - {"allow"}:
        problems.append(hb.Problem(rel, "top level", f"unknown keys {sorted(set(data) - {'allow'})}",
                                   "keep only the 'allow:' list"))
    for entry in data.get("allow") or []:
        where = f"line {getattr(entry, 'line', '?')}"
        if not isinstance(entry, dict) or set(entry) != {"text", "reason"}:
            problems.append(hb.Problem(rel, where, "an allow-list entry needs exactly 'text' and 'reason'",
                                       "write '- text: 台灣' and 'reason: …' (why Taiwan usage keeps it)"))
            continue
        if not str(entry["reason"]).strip():
            problems.append(hb.Problem(rel, where, f"no reason given for {entry['text']!r}",
                                       "say why this wording is correct in Taiwan"))
        words.append(str(entry["text"]))
    return words, problems


def suggest(line: str, allowed: list[str], conversions: list[str] | None = None) -> list[tuple[str, str]]:
    """(written, suggested) pairs for the Chinese words either conversion changes."""
    covered = set()
    for word in allowed:
        for m in re.finditer(re.escape(word), line):
            covered.update(range(m.start(), m.end()))
    found, seen = [], set()
    for converted in conversions if conversions is not None else _conversions(line):
        if converted == line:
            continue
        matcher = difflib.SequenceMatcher(a=line, b=converted, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal" or (a1, a2) in seen:
                continue
            written, suggested = line[a1:a2], converted[b1:b2]
            if not hb.HAN.search(written + suggested):
                continue  # punctuation or Latin text: not this check's business
            if set(range(a1, max(a2, a1 + 1))) <= covered:
                continue
            seen.add((a1, a2))
            # Show a little context so the reader can find the word.
            start, end = max(0, a1 - 2), min(len(line), a2 + 2)
            found.append((line[start:end].strip(), (line[start:a1] + suggested + line[a2:end]).strip()))
    return found


def _check_text(rel, where, text, allowed, problems):
    # Convert the whole file at once (three OpenCC calls instead of three per line); OpenCC keeps
    # line breaks, so the converted lines line up with the original ones.
    lines = text.split("\n")
    converted = [c.split("\n") for c in _conversions(text)]
    if any(len(c) != len(lines) for c in converted):
        converted = [[_conversions(line)[k] for line in lines] for k in range(2)]
    for number_offset, line in enumerate(lines):
        candidates = [c[number_offset] for c in converted]
        if all(c == line for c in candidates) or not hb.HAN.search(line):
            continue
        for written, suggested in suggest(line, allowed, candidates):
            loc = where if isinstance(where, str) else f"line {where + number_offset}"
            problems.append(hb.Problem(
                rel, loc, f"「{written}」 is Simplified, a conversion slip or mainland wording",
                f"write 「{suggested.strip()}」 (Taiwan usage), or, if the original is correct in Taiwan,"
                f" add it with a reason to docs/_data/{ALLOW_FILE}"))


def _english_sentences(page: hb.PageSource, catalog_en: set[str]) -> list[hb.Problem]:
    problems = []
    for number, line in page.prose_lines():
        scrubbed = SKIP_IN_LINE.sub(lambda m: " " * len(m.group(0)), line)
        for m in ENGLISH_SENTENCE.finditer(scrubbed):
            sentence = m.group(0).strip()
            if sentence.rstrip(".?!") in catalog_en or sentence in catalog_en:
                continue
            if FOLLOWED_BY_CHINESE.match(scrubbed[m.end():]):
                continue
            problems.append(hb.Problem(
                page.rel, f"line {number}", f"English sentence without its Chinese: {sentence!r}",
                "place it with a phrase marker (<!-- phrase ID -->) if it is a catalog phrase, or follow it"
                " by its Chinese in full-width parentheses: \"…\"（中文）"))
    return problems


def check(config) -> None:
    src = hb.sources(config)
    allowed, problems = _allow_list(src)
    hb.raise_problems("Taiwan wording", problems)
    for page in src.pages:
        _check_text(page.rel, 1, page.text, allowed, problems)
    for path in sorted((src.docs_dir / "_data").glob("*.yml")):  # catalog, glossary, quizzes
        if path.name != ALLOW_FILE:
            _check_text(hb.relpath(path, src.root), 1, path.read_text(encoding="utf-8"), allowed, problems)
    config_path = src.root / "mkdocs.yml"
    _check_text("mkdocs.yml", 1, config_path.read_text(encoding="utf-8"), allowed, problems)
    catalog = phrase_catalog.load(config)
    catalog_en = {p["en"].strip() for p in catalog.phrases} | {p["en"].strip().rstrip(".?!") for p in catalog.phrases}
    for page in src.pages:
        if page.lang == "zh-TW":
            problems.extend(_english_sentences(page, catalog_en))
    hb.raise_problems("Taiwan wording", problems)


def on_pre_build(config):
    if hb.starting_build(config):
        check(config)
