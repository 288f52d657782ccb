"""Reader text in the handbook's own voice: no talk about a source, one term per idea, Chinese punctuation.

Why: the handbook speaks as the company's own handbook (see the team's content standard). A reader
must never meet "the source", 原文 or "we corrected this"; a term must be the Taiwan trade word the
glossary names (詢價, never 詢盤); and Chinese text takes full-width punctuation, 「」 quotes and ……

What: three rules, each a pure function over reader text, given as (line number, line) pairs:
- source_talk(path, lines)                          -> talk about a source document or corrections
- avoided_terms(path, lines, lang, avoided, allowed) -> a variant the glossary lists under `avoid`
- chinese_punctuation(path, lines)                   -> half-width marks, "" quotes (around Chinese or
                                                       English), no space next to Latin, ..., 。」。 in zh-TW
check_lines() runs the rules that apply to one language; page_problems() reads a Markdown page
(lines outside front matter and fenced code), data_problems() the text fields of a data file, and
handbook_problems() all of them (the build's validation phase and the command line both call it).
Every problem names the file, the line and what to write instead.

Changing a rule: the patterns and pairs are data at the top of this module. A place where an
avoided variant or a flagged phrase is correct as written goes into `terms:` in
docs/_data/wording.yml, with its reason (the rules skip a match inside such a text).

Command line, from hooks/: `python -m handbook.reader_text ../docs` prints every problem.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from .datafiles import DATA_FILES, LineDict, parse_yaml
from .languages import HAN, HAN_CHARS, LANGUAGES
from .problems import Problem, format_report
from .sources import PageSource, front_matter_lines, read_pages, reader_view

# --------------------------------------------------------------------------- the rules as data

# Talk about a source document or about corrections to the text (any language, any reader text).
SOURCE_TALK = [
    r"原文",
    r"原始資料",
    r"原句",
    r"勘誤",
    r"更正後的(?:說法|句型|譯法|寫法|版本)",  # not plain 更正: 「更正發票」 is ordinary business
    r"句型庫已更正",
    r"(?i)\bthe source\b",
    r"(?i)\bsource['’]s\b",
    r"(?i)\bsource (?:material|text|document)s?\b",
    r"(?i)\bthe original (?:phrase|wording|text|sentence|example|list|advice|version)s?\b",
    r"(?i)\bthe corrected (?:phrase|wording|text|sentence|example|version)s?\b",
    r"(?:^|[.!?]\s+)Corrected\b",  # a note that starts "Corrected the verb …"
]
# All of them at once, to skip the lines that mention nothing of the kind (almost every line); the
# case-insensitive ones apart: one pattern that mixes both searches twice as long.
SOURCE_TALK_ANY = [re.compile("|".join(f"(?:{p})" for p in SOURCE_TALK if not p.startswith("(?i)"))),
                   re.compile("|".join(f"(?:{p[4:]})" for p in SOURCE_TALK if p.startswith("(?i)")), re.I)]
SOURCE_TALK_FIX = "speak as the handbook: teach it as 'Don't say X (why); say Y' (no source, no original, no correction)"

# Words of the terminology table that have no glossary entry: {language: {variant: preferred}}.
# A term that gets a glossary entry takes its `avoid` list there instead (電報放貨 under 電放,
# 貿易條件 under 國貿條規, 外貿業務 under 國外業務, 背景查核, 替換品, 裝貨港 …).
HOUSE_WORDING = {
    "zh-TW": {
        "你方": "貴公司", "貴方": "貴公司", "我司": "我方、本公司或敝公司",
        "發貨": "出貨", "集裝箱": "貨櫃", "出口信用保險": "輸出保險",
        "質量": "品質", "信息": "資訊", "軟件": "軟體", "網絡": "網路", "視頻": "影片",
        # The trade and the forwarder, in Taiwan's words (國外業務, the role, is a glossary term).
        "外貿": "國際貿易、出口（行業）或國外業務（職務）",
        "貨代": "承攬業者", "貨運代理": "承攬業者",
        "進階款": "高階款",
        "回覆全部": "全部回覆（Outlook 的按鈕名稱）",
        "升級處理": "交給主管處理、往上呈報",
        "真實存在": "確實存在（或：是不是真的有這家公司）",
        "針對性": "具體、量身打造的（依句意改寫）",
        # 進行 + verb reads as a translation: say the verb.
        "進行討論": "討論", "進行確認": "確認", "進行溝通": "溝通", "進行處理": "處理",
        "進行調查": "調查", "進行協商": "協商", "進行檢驗": "檢驗", "進行聯絡": "聯絡",
    },
    "en": {},
}
HOUSE_WORDING_WHERE = "HOUSE_WORDING in hooks/handbook/reader_text.py"

# Half-width marks that take their full-width form next to a Han character in Chinese text.
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
HALF_WIDTH = re.compile("[" + re.escape("".join(FULL_WIDTH)) + "]")

# A full stop repeated after closing brackets (。）。 。」。 。。), or a full stop right after ？ or ！ (？。).
DOUBLED_END = re.compile(r"。[）」』]*。|[？！]。")

# No space between a Han character and Latin letters, digits or a [placeholder] (報 FCA [place]、
# 30% 訂金、3 個工作天): the two characters that touch. A Markdown link's text is not a placeholder.
HAN_CLASS = HAN_CHARS
LATIN_BIT = r"\[[a-z0-9-]+\]|[A-Za-z0-9%]"
NO_SPACE = re.compile(rf"[{HAN_CLASS}](?=({LATIN_BIT}))|(?:{LATIN_BIT})(?=[{HAN_CLASS}])")
SPACING_FIX = ("put a half-width space between Chinese and Latin letters, digits or a [placeholder]"
               " (報 FCA [place]、30% 訂金、3 個工作天), none next to full-width punctuation")

CHINESE = re.compile(f"[{HAN_CHARS}，。、；：？！「」『』（）……]")  # Han or full-width marks

Lines = list[tuple[int, str]]  # (1-based line number, text)


# --------------------------------------------------------------------------- helpers


def _allowed_here(text: str, start: int, end: int, allowed) -> bool:
    """Whether text[start:end] lies inside an occurrence of one of the allowed texts.
    (Asked only where a rule matched: most lines match nothing.)"""
    for allowed_text in allowed:
        for m in re.finditer(re.escape(allowed_text), text):
            if m.start() <= start and end <= m.end():
                return True
    return False


def _excerpt(text: str, start: int, end: int) -> str:
    """text[start:end] with six characters of context either side."""
    return text[max(0, start - 6):end + 6].strip()


# --------------------------------------------------------------------------- the rules


def source_talk(path: str, lines: Lines, allowed: list[str] = ()) -> list[Problem]:
    """Talk about a source document or corrections (原文, "the source", 句型庫已更正 …) in reader text."""
    problems = []
    for number, line in lines:
        view = reader_view(line)
        if not any(pattern.search(view) for pattern in SOURCE_TALK_ANY):
            continue
        reported = set()  # one problem per place: "the source's" matches two patterns
        for pattern in SOURCE_TALK:
            for m in re.finditer(pattern, view):
                start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(".!? "))
                if _allowed_here(view, start, m.end(), allowed) or reported & set(range(start, m.end())):
                    continue
                reported.update(range(start, m.end()))
                problems.append(Problem(
                    path, number, f"talks about a source or a correction: 「{view[start:m.end()]}」 in"
                    f" 「{_excerpt(view, start, m.end())}」", SOURCE_TALK_FIX))
    return problems


class Preferred(str):
    """The word to write instead of an avoided variant, and where the rule lives (`where`), so a
    problem can say which file to change if the rule itself is wrong."""

    where: str

    def __new__(cls, text: str, where: str):
        self = super().__new__(cls, text)
        self.where = where
        return self


def avoided_variants(glossary: dict | None, house: dict = HOUSE_WORDING) -> dict[str, dict[str, str]]:
    """{language: {avoided variant: preferred headword}} from the glossary's `avoid` lists,
    plus the terminology table's words that have no glossary entry (`house`). Each preferred word
    is a Preferred: it knows where its rule lives."""
    result = {lang: {variant: Preferred(preferred, HOUSE_WORDING_WHERE) for variant, preferred in words.items()}
              for lang, words in house.items()}
    for term in (glossary or {}).get("terms") or []:
        where = f"`avoid:` of the term {term.get('id')} in docs/_data/glossary.yml"
        for lang, variants in (term.get("avoid") or {}).items():
            for variant in variants or []:
                result.setdefault(lang, {})[str(variant)] = Preferred(str(term.get(lang)), where)
    return result


def allowed_texts(wording: dict | None) -> list[str]:
    """The reviewed texts of `terms:` in docs/_data/wording.yml."""
    return [str(entry["text"]) for entry in (wording or {}).get("terms") or [] if entry.get("text")]


@functools.lru_cache(maxsize=16)
def _variants_pattern(variants: tuple[str, ...], whole_words: bool) -> re.Pattern:
    """One pattern for all variants of a language (compiled once per build, not once per text)."""
    body = "|".join(re.escape(v) for v in variants)
    return re.compile(rf"(?<![\w-])(?:{body})s?(?![\w-])", re.I) if whole_words else re.compile(body)


def avoided_terms(path: str, lines: Lines, lang: str, avoided: dict[str, dict[str, str]],
                  allowed: list[str] = ()) -> list[Problem]:
    """A variant the glossary says to avoid in this language, unless inside an allowed text.
    English: whole words, any case (a plural -s too); Chinese: anywhere in the text."""
    variants = tuple(sorted((avoided or {}).get(lang) or {}, key=len, reverse=True))  # longest first
    if not variants:
        return []
    pattern = _variants_pattern(variants, lang == "en")
    lookup = {v.lower(): preferred for v, preferred in avoided[lang].items()}
    problems = []
    for number, line in lines:
        view = reader_view(line)
        for m in pattern.finditer(view):
            if _allowed_here(view, m.start(), m.end(), allowed):
                continue
            word = m.group(0)
            preferred = lookup.get(word.lower()) or lookup.get(word.lower()[:-1])
            where = getattr(preferred, "where", "the glossary")
            whose = "the glossary" if "glossary" in where else "the house wording"
            problems.append(Problem(
                path, number, f"「{word}」 is a variant {whose} avoids, in 「{_excerpt(view, m.start(), m.end())}」"
                f" (rule: {where})",
                f"write 「{preferred}」 instead of 「{word}」 (or, if this place explains the variant, add the"
                " sentence with a reason to `terms:` in docs/_data/wording.yml)"))
    return problems


def _neighbour(view: str, index: int, step: int, skip: str = "*") -> str:
    """The character next to `index` in direction `step`, looking through the characters in `skip`
    (Markdown emphasis by default)."""
    index += step
    while 0 <= index < len(view) and view[index] in skip:
        index += step
    return view[index] if 0 <= index < len(view) else ""


def chinese_punctuation(path: str, lines: Lines, ellipsis: bool = True, allowed: list[str] = ()) -> list[Problem]:
    """Half-width , ; : ? ! ( ) next to a Han character; "" or “” in Chinese text (around Chinese or
    English: write 「」); no space between Chinese and Latin letters, digits or a [placeholder];
    ... or a lone … in Chinese text; a doubled closing mark such as 。）。 or ？。 (zh-TW text only).
    ellipsis=False accepts a lone … (no reader text needs it since the catalog writes …… too)."""
    problems = []
    for number, line in lines:
        view = reader_view(line)
        for half in HALF_WIDTH.finditer(view):
            i, char = half.start(), half.group(0)
            if HAN.match(_neighbour(view, i, -1)) or HAN.match(_neighbour(view, i, 1)):
                problems.append(Problem(
                    path, number, f"half-width 「{char}」 in Chinese text: 「{_excerpt(view, i, i + 1)}」",
                    f"write the full-width 「{FULL_WIDTH[char]}」 instead of 「{char}」"))
        for m in re.finditer(r'"([^"\n]*)"|“([^”\n]*)”', view):
            inner = m.group(1) if m.group(1) is not None else m.group(2)
            if HAN.search(inner):
                problems.append(Problem(
                    path, number, f"Western quotation marks around Chinese: {m.group(0)}",
                    f"write 「{inner}」 (use 『』 for a quotation inside a quotation)"))
            elif HAN.search(view):  # English quoted inside Chinese text takes 「」 too
                problems.append(Problem(
                    path, number, f"Western quotation marks in Chinese text: {m.group(0)}",
                    f"write 「{inner}」: Chinese text quotes English with 「」 too (『』 inside a quotation)"))
        for m in NO_SPACE.finditer(view):
            start, end = m.start(), m.end() + len(m.group(1) or "")  # Han + what follows, or what precedes Han
            if m.group(1) is None:
                end += 1
            if _allowed_here(view, start, end, allowed):
                continue
            problems.append(Problem(path, number, f"no space between Chinese and Latin text: 「{view[start:end]}」"
                                    f" in 「{_excerpt(view, start, end)}」", SPACING_FIX))
        for m in re.finditer(r"\.{3}|…+", view):
            if m.group(0) == "……" or (not ellipsis and m.group(0) == "…"):
                continue
            before, after = _neighbour(view, m.start(), -1, " *"), _neighbour(view, m.end() - 1, 1, " *")
            # A quotation's own bracket says nothing: 「… and then」 or 「our position is …」 is English.
            before, after = ("" if before in "「『" else before), ("" if after in "」』" else after)
            if CHINESE.match(before) or CHINESE.match(after):
                problems.append(Problem(
                    path, number, f"「{m.group(0)}」 as an ellipsis in Chinese text: 「{_excerpt(view, m.start(), m.end())}」",
                    "write the Chinese ellipsis 「……」 (two …, no dots)"))
        for m in DOUBLED_END.finditer(view):
            marks = m.group(0)
            if marks[0] == "。" and len(marks) > 2:
                fix = f"keep one full stop: write 「{marks[:-1]}」 if the brackets hold a whole sentence, otherwise 「{marks[1:]}」"
            else:
                fix = f"keep one end mark: write 「{marks[:-1]}」"
            problems.append(Problem(path, number, f"doubled closing mark 「{marks}」", fix))
    return problems


def check_lines(path: str, lines: Lines, lang: str, avoided: dict, allowed: list[str],
                source_talk_applies: bool = True, ellipsis: bool = True) -> list[Problem]:
    """Every rule that applies to reader text of this language (see chinese_punctuation for `ellipsis`)."""
    problems = source_talk(path, lines, allowed) if source_talk_applies else []
    problems += avoided_terms(path, lines, lang, avoided, allowed)
    if lang == "zh-TW":
        problems += chinese_punctuation(path, lines, ellipsis, allowed)
    return problems


# --------------------------------------------------------------------------- pages and data files


def page_problems(page: PageSource, avoided: dict, allowed: list[str]) -> list[Problem]:
    """The rules over one Markdown page: its body outside fenced code (PageSource.prose_lines), and
    the title, description and questions of its front matter.
    Pages under docs/maintainers/ speak about the sources on purpose: only the term rules apply."""
    maintainers = "/maintainers/" in f"/{page.rel}"
    return check_lines(page.rel, front_matter_lines(page) + list(page.prose_lines()), page.lang, avoided, allowed,
                       source_talk_applies=not maintainers)


# Keys whose values are not reader text: maintainers' notes, search words, the avoided variants.
NOT_READER_KEYS = {"source", "review", "avoid", "synonyms", "id", "topic", "situation", "instead", "kind"}


def _is_phrase(node: dict) -> bool:
    """A catalog phrase: an entry with a situation, an English phrase and its Chinese."""
    return "situation" in node and isinstance(node.get("en"), str) and isinstance(node.get("zh-TW"), str)


def data_texts(data) -> list[tuple[str, int, str, bool]]:
    """(language, line, text, is_phrase) for every reader text in a parsed data file (its mappings
    record each key's line: datafiles.LineDict): the values of `zh-TW:` and `en:` keys (strings or
    lists of strings) and emails' English `subject`/`body`.
    is_phrase: the text is a catalog phrase itself (not its note)."""
    found = []

    def walk(node, line):
        if isinstance(node, dict):
            line = getattr(node, "line", line)
            phrase = _is_phrase(node)
            for key, value in node.items():
                if key in NOT_READER_KEYS:
                    continue
                where = getattr(node, "key_lines", {}).get(key, line)
                if key in LANGUAGES or key in ("subject", "body"):
                    lang = key if key in LANGUAGES else "en"
                    texts = value if isinstance(value, list) else [value]
                    if all(isinstance(t, str) for t in texts):
                        found.extend((lang, where, t, phrase) for t in texts)
                        continue
                walk(value, where)
        elif isinstance(node, list):
            for item in node:
                walk(item, line)

    walk(data, 1)
    return found


def data_problems(path: str, data, avoided: dict, allowed: list[str]) -> list[Problem]:
    """The rules over the reader texts of one parsed data file (phrases, quizzes, glossary, emails),
    each problem at the line of its key.
    A catalog phrase writes the Chinese ellipsis …… like any Chinese text (phrases.py counts …… as
    one ellipsis when it compares the two languages)."""
    groups: dict[tuple[str, bool], Lines] = {}  # the rules run once per language and kind of text
    for lang, line, text, phrase in data_texts(data):
        # A block scalar spans lines: every line of it is checked at the key's line.
        groups.setdefault((lang, phrase), []).extend((line, piece) for piece in text.split("\n"))
    problems = []
    for (lang, phrase), lines in groups.items():
        problems += check_lines(path, lines, lang, avoided, allowed)
    return sorted(problems, key=Problem.sort_key)


# --------------------------------------------------------------------------- whole docs/ folder

READER_DATA = tuple(file.name for file in DATA_FILES if file.reader_text)  # the data files readers see


def handbook_problems(pages: list[PageSource], data: dict, rel: dict[str, str]) -> list[Problem]:
    """Every rule over every page and every reader text of the data files. data: {name: parsed
    file or None} for the glossary (the avoided variants), wording (the allowed texts) and READER_DATA;
    rel: {name: its path relative to the project}."""
    avoided = avoided_variants(data.get("glossary"))
    allowed = allowed_texts(data.get("wording"))
    rules = ("reader text", _rules_key(avoided, allowed))  # a page's result holds while these are the same
    problems = []
    for page in pages:
        problems += page.derive(rules, lambda page=page: page_problems(page, avoided, allowed))
    for name in READER_DATA:
        if isinstance(data.get(name), LineDict):  # a file read again unchanged keeps its result
            problems += data[name].derive(rules, lambda name=name: data_problems(rel[name], data[name], avoided, allowed))
        elif data.get(name) is not None:
            problems += data_problems(rel[name], data[name], avoided, allowed)
    return problems


def _rules_key(avoided: dict[str, dict[str, str]], allowed: list[str]) -> tuple:
    """The avoided variants (with where each rule lives) and the allowed texts, as a hashable key."""
    return (tuple((lang, tuple(sorted((variant, str(word), getattr(word, "where", "")) for variant, word in words.items())))
                  for lang, words in sorted(avoided.items())), tuple(allowed))


def docs_problems(docs: Path, root: Path | None = None) -> list[Problem]:
    """handbook_problems() over the pages and data files under `docs`, for the command line (the build
    calls handbook_problems with what its validation phase has read)."""
    root = root or docs.parent
    pages, _ = read_pages(docs, root)  # the build reports their names and front matter
    problems, data, texts, rel = [], {}, {}, {}
    for name in ("wording", *READER_DATA):
        file = docs / "_data" / f"{name}.yml"
        rel[name] = file.relative_to(root).as_posix()
        data[name] = None
        if file.is_file():
            texts[name] = file.read_text(encoding="utf-8")
            data[name], found = parse_yaml(texts[name], rel[name])
            problems += found
    return problems + handbook_problems(pages, data, rel)


def main(argv: list[str]) -> int:
    docs = Path(argv[0] if argv else "docs").resolve()
    problems = docs_problems(docs)
    print(format_report(problems) if problems else "no problems in the reader text")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
