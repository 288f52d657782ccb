"""Bad inputs: each case breaks one thing in a copy of the project's sources and checks that it is
reported: the one report names the culprit file and, under it, the line with what is wrong in the
checks' words and a fix.

Two layers (README, "Tests"):
- every case runs the build's validation phase in this process (conftest.validation_report: the
  same code the build's on_pre_build runs, without starting MkDocs), a fraction of a second each,
  on one shared copy of mkdocs.yml and docs/ that is put back after each case (`Scratch`);
- one case per family of rules (END_TO_END) runs the real `mkdocs build --strict` and must fail it
  the same way, so each family is proven end to end.
Also: one build with problems in several files names them all; a failed build leaves the previous
site alone; phrase text is rendered as text (never as HTML or Markdown); a build changes no source.

Builds run without PDFs (HANDBOOK_PDF=0); a failing build stops in on_pre_build in ~1-2 s.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import shutil
import tempfile
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import ROOT, copy_project, load_yaml, mkdocs_build, report_entries, validation_report

NO_PDF = {"HANDBOOK_PDF": "0"}
PAGE = "docs/phone/incoming-calls"  # a page with phrase tables, a checklist and a diagram
CATALOG = "docs/_data/phrases.yml"
GLOSSARY = "docs/_data/glossary.yml"
WORDING = "docs/_data/wording.yml"
SAMPLES_EN, SAMPLES_ZH = "Please send the samples today.", "請今天寄樣品。"  # a good phrase


# --------------------------------------------------------------------------- editing helpers


def append_lines(path: Path, lines: list[str], blank: bool = True) -> list[int]:
    """Append lines to a file (after a blank line for Markdown); returns their line numbers."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    start = text.count("\n") + 1 + (2 if blank else 1)
    path.write_text(text + ("\n\n" if blank else "\n") + "\n".join(lines) + "\n", encoding="utf-8")
    return list(range(start, start + len(lines)))


def first_situation(project: Path) -> str:
    return next(iter(load_yaml((project / CATALOG).read_text(encoding="utf-8"))["situations"]))


def first_phrase_id(project: Path) -> str:
    return load_yaml((project / CATALOG).read_text(encoding="utf-8"))["phrases"][0]["id"]


def add_phrase(project: Path, fields: dict, *, place: bool = False) -> dict[str, int]:
    """Append a catalog entry written field by field (values written as given, so they can be
    malformed on purpose); returns each field's line. `place` puts it on the page in both languages."""
    lines, where = [], {}
    for index, (key, value) in enumerate(fields.items()):
        lines.append(("  - " if index == 0 else "    ") + f"{key}: {value}")
    numbers = append_lines(project / CATALOG, lines, blank=False)
    for (key, _), number in zip(fields.items(), numbers):
        where[key] = number
    if place:
        pid = load_yaml(f"v: {fields['id']}")["v"]
        for lang in ("zh-TW", "en"):
            append_lines(project / f"{PAGE}.{lang}.md", [f"<!-- phrases ids={pid} -->"])
    return where


def phrase(project: Path, pid: str, en: str, zh: str | None, *, place=False, **extra) -> dict[str, int]:
    fields = {"id": pid, "situation": first_situation(project), "topic": "zz-test-topic", "en": en}
    if zh is not None:
        fields["zh-TW"] = zh
    fields.update(extra)
    return add_phrase(project, fields, place=place)


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def both_pages(project: Path, zh_lines: list[str], en_lines: list[str]) -> tuple[list[int], list[int]]:
    return (append_lines(project / f"{PAGE}.zh-TW.md", zh_lines),
            append_lines(project / f"{PAGE}.en.md", en_lines))


def zh_page(project: Path, lines: list[str]) -> list[int]:
    return append_lines(project / f"{PAGE}.zh-TW.md", lines)


def replace_in(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` (must be present); returns the line number of the first replacement."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update this test case"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def add_term(project: Path, lines: list[str]) -> int:
    return append_lines(project / GLOSSARY, lines, blank=False)[0]


# --------------------------------------------------------------------------- the cases


@dataclass
class Expect:
    file: str  # the culprit, as the report names it
    line: int | None  # the line the report gives (None: the problem is about the whole file)
    message: str  # the checks' words, on that line of the report
    fix: str = ""  # words of the fix, if the case wants to check them


Case = Callable[[Path], Expect]
CASES: dict[str, Case] = {}


def case(name: str):
    def register(fn: Case) -> Case:
        CASES[name] = fn
        return fn
    return register


# ---- pages


@case("english-page-deleted")
def _(p):
    (p / f"{PAGE}.en.md").unlink()
    return Expect(f"{PAGE}.zh-TW.md", None, "has no en version", f"create {PAGE}.en.md")


@case("chinese-page-deleted")
def _(p):
    (p / f"{PAGE}.zh-TW.md").unlink()
    return Expect(f"{PAGE}.en.md", None, "has no zh-TW version", f"create {PAGE}.zh-TW.md")


@case("page-without-language-suffix")
def _(p):
    (p / "docs/phone/voicemail.md").write_text("---\ndescription: x\n---\n\n# 語音信箱\n", encoding="utf-8")
    return Expect("docs/phone/voicemail.md", None, "has no language suffix")


@case("page-without-description")
def _(p):
    text = (p / f"{PAGE}.en.md").read_text(encoding="utf-8")
    line = re.search(r"^description:.*\n", text, re.M).group(0)
    replace_in(p / f"{PAGE}.en.md", line, "")
    return Expect(f"{PAGE}.en.md", 1, "no description")


@case("front-matter-not-yaml")
def _(p):
    text = (p / f"{PAGE}.zh-TW.md").read_text(encoding="utf-8")
    line = re.search(r"^description:.*$", text, re.M).group(0)
    number = replace_in(p / f"{PAGE}.zh-TW.md", line, "description: 原因: 冒號後面沒有加引號")
    return Expect(f"{PAGE}.zh-TW.md", number, "front matter is not valid YAML")


@case("tags-count-differs")
def _(p):
    replace_in(p / f"{PAGE}.en.md", "tags:\n", "tags:\n  - Extra tag\n")
    return Expect(f"{PAGE}.zh-TW.md", 1, "different numbers of tags")


@case("questions-count-differs")
def _(p):
    number = replace_in(p / f"{PAGE}.en.md", "questions:\n", "questions:\n  - who is calling and what do they want\n")
    return Expect(f"{PAGE}.en.md", number, "questions here, 5 in")


@case("diagram-only-in-chinese")
def _(p):
    zh_page(p, ["```mermaid", "flowchart TD", "    A[開始] --> B[結束]", "```"])
    return Expect(f"{PAGE}.en.md", None, "Mermaid diagrams differ from")


@case("admonition-only-in-chinese")
def _(p):
    lines = zh_page(p, ['!!! tip "小提醒"', "    先把重點寫下來。"])
    return Expect(f"{PAGE}.en.md", None, f"zh-TW line {lines[0]}: !!! tip")


@case("admonition-type-differs")
def _(p):
    zh, en = both_pages(p, ['!!! tip "小提醒"', "    先把重點寫下來。"], ['!!! warning "Note"', "    Write it down first."])
    return Expect(f"{PAGE}.en.md", en[0], f"en line {en[0]}: !!! warning")


@case("broken-internal-link")
def _(p):
    line = zh_page(p, ["請看[不存在的頁面](../no-such-page.md)。"])[0]
    # Caught in the validation phase, before site/ is cleaned (MkDocs' own check would say
    # "'no-such-page.md' is not found among documentation files", after cleaning).
    return Expect(f"{PAGE}.zh-TW.md", line, "link to a page that does not exist: ../no-such-page.md")


@case("broken-anchor")
def _(p):
    line = append_lines(p / f"{PAGE}.en.md", ["See [the email page](../channels/email-first.md#no-such-anchor)."])[0]
    return Expect(f"{PAGE}.en.md", line, "link to an anchor that does not exist: ../channels/email-first.md#no-such-anchor")


# ---- Taiwan wording on pages


def zh_page_line_cases(cases: dict[str, tuple[str, str, str]]) -> None:
    """Register cases that add one line to the zh-TW page: name -> (the line, the report's words
    on that line, words of its fix or "")."""
    def make(text: str, message: str, fix: str) -> Case:
        def run(p):
            line = zh_page(p, [text])[0]
            return Expect(f"{PAGE}.zh-TW.md", line, message, fix)
        return run

    for name, (text, message, fix) in cases.items():
        case(name)(make(text, message, fix))


zh_page_line_cases({
    "simplified-character-in-chinese-page": ("这是一段測試文字。", "「这是一」 is Simplified", ""),
    "slip-zhe-me": ("客戶說這么做比較好。", "這么", ""),
    "slip-lian-xi": ("請盡快與客戶聯系確認。", "聯系", ""),
    "mainland-term-xin-xi": ("請把產品信息寄給客戶。", "is Simplified, a conversion slip or mainland wording", ""),
    "mainland-term-ruan-jian": ("我們用這個軟件記錄客戶資料。", "軟件", ""),
    "english-sentence-without-chinese": ("接電話時可以說 Please send me the latest price list today，再掛電話。",
                                         "English sentence without its Chinese", ""),
})


@case("wording-exception-without-reason")
def _(p):
    line = append_lines(p / WORDING, ["  - text: 測試", '    reason: ""'], blank=False)[1]
    return Expect(WORDING, line, "reason: is empty")


# ---- phrase catalog


@case("phrase-without-chinese")
def _(p):
    where = phrase(p, "zz-no-zh", q(SAMPLES_EN), None)
    return Expect(CATALOG, where["id"], "phrase zz-no-zh: missing 'zh-TW'")


@case("phrase-empty-chinese")
def _(p):
    where = phrase(p, "zz-empty-zh", q(SAMPLES_EN), '""')
    return Expect(CATALOG, where["zh-TW"], "phrase zz-empty-zh, zh-TW: is empty")


@case("phrase-without-english")
def _(p):
    where = add_phrase(p, {"id": "zz-no-en", "situation": first_situation(p), "topic": "t", "zh-TW": q(SAMPLES_ZH)})
    return Expect(CATALOG, where["id"], "phrase zz-no-en: missing 'en'")


@case("phrase-duplicate-id")
def _(p):
    existing = first_phrase_id(p)
    where = phrase(p, existing, q(SAMPLES_EN), q(SAMPLES_ZH))
    return Expect(CATALOG, where["id"], f"duplicate phrase id '{existing}' (first used on line")


@case("phrase-unknown-field")
def _(p):
    where = phrase(p, "zz-field", q(SAMPLES_EN), q(SAMPLES_ZH), colour="red")
    return Expect(CATALOG, where["colour"], "phrase zz-field: unknown field 'colour'")


@case("phrase-unknown-situation")
def _(p):
    where = add_phrase(p, {"id": "zz-sit", "situation": "nowhere", "topic": "t", "en": q(SAMPLES_EN),
                           "zh-TW": q(SAMPLES_ZH)})
    return Expect(CATALOG, where["id"], "phrase zz-sit: unknown situation 'nowhere'")


@case("catalog-malformed-yaml")
def _(p):
    where = add_phrase(p, {"id": "zz-yaml", "en": "Note: this: breaks"})
    return Expect(CATALOG, where["en"], "is not valid YAML")


@case("catalog-unknown-top-level-key")
def _(p):
    line = append_lines(p / CATALOG, ["extras:", "  - one"], blank=False)[0]
    return Expect(CATALOG, line, "unknown top-level key 'extras'")


def phrase_text_cases(cases: dict[str, tuple[str, str, str, str]]) -> None:
    """Register cases that add one phrase (and place it nowhere): name -> (its id, its en, its
    zh-TW, the report's words on its `id:` line)."""
    def make(pid: str, en: str, zh: str, message: str) -> Case:
        def run(p):
            where = phrase(p, pid, q(en), q(zh))
            return Expect(CATALOG, where["id"], message)
        return run

    for name, (pid, en, zh, message) in cases.items():
        case(name)(make(pid, en, zh, message))


phrase_text_cases({
    "phrase-malformed-id": ("Bad_ID", SAMPLES_EN, SAMPLES_ZH,
                            "phrase Bad_ID, id: 'Bad_ID' is not lowercase letters, digits and single hyphens"),
    "phrase-identical-translation": ("zz-same", SAMPLES_EN, SAMPLES_EN,
                                     "phrase zz-same: the zh-TW phrase is identical to the English"),
    "phrase-chinese-field-without-chinese": ("zz-latin", SAMPLES_EN, "Samples today, please.",
                                             "phrase zz-latin: the zh-TW phrase has no Chinese characters"),
    "phrase-chinese-in-english-field": ("zz-mixed", "Please send the 樣品 today.", SAMPLES_ZH,
                                        "phrase zz-mixed: the English phrase contains Chinese characters"),
    "phrase-placeholder-missing-in-chinese": ("zz-slot", "Please quote [product] today.", "請今天報價。",
                                              "phrase zz-slot: placeholders differ: en has ['product'], zh-TW has none"),
    "phrase-ellipsis-count-differs": ("zz-ellipsis", "As we agreed, …", "如我們約定的。",
                                      "phrase zz-ellipsis: ellipses differ: en has 1, zh-TW has 0"),
    "phrase-three-dots": ("zz-dots", "As we agreed...", "如我們約定的...",
                          "phrase zz-dots: the en phrase uses three dots '...'"),
    "phrase-personal-name": ("zz-name", "Mr. Lee will call you tomorrow.", "我們的業務明天會打給您。",
                             "phrase zz-name: the English names a person ('Mr. Lee')"),
    "phrase-used-on-no-page": ("zz-unused", SAMPLES_EN, SAMPLES_ZH, "phrase zz-unused: placed on no page"),
})


@case("phrase-note-in-one-language")
def _(p):
    where = phrase(p, "zz-note", q(SAMPLES_EN), q(SAMPLES_ZH), note="{en: Only English.}")
    return Expect(CATALOG, where["note"], "phrase zz-note, note: missing 'zh-TW'")


@case("phrase-simplified-chinese")
def _(p):
    where = phrase(p, "zz-simplified", q(SAMPLES_EN), q("请今天寄样品。"), place=True)
    return Expect(CATALOG, where["zh-TW"], "is Simplified, a conversion slip or mainland wording")


@case("dont-say-without-instead-and-note")
def _(p):
    where = phrase(p, "zz-dont", q("Calm down."), q("你冷靜一點。"), kind="dont-say")
    return Expect(CATALOG, where["id"], "phrase zz-dont: missing 'instead', 'note'")


@case("dont-say-instead-names-no-say-phrase")
def _(p):
    where = phrase(p, "zz-dont", q("Calm down."), q("你冷靜一點。"), kind="dont-say", instead="zz-dont",
                   note="{en: It sounds like an order., zh-TW: 聽起來像命令。}", place=True)
    return Expect(CATALOG, where["instead"], "phrase zz-dont: instead names 'zz-dont', which is not a 'say' phrase")


@case("phrase-kind-unknown")
def _(p):
    where = phrase(p, "zz-kind", q(SAMPLES_EN), q(SAMPLES_ZH), kind="maybe", place=True)
    return Expect(CATALOG, where["kind"], "phrase zz-kind, kind: 'maybe' is not say (the default) or dont-say")


# ---- markers


def marker_line_cases(cases: dict[str, tuple[str, str, str]]) -> None:
    """Register cases that add one marker line to each page: name -> (the zh-TW line, the en line,
    the report's words on the zh-TW line)."""
    def make(zh_line: str, en_line: str, message: str) -> Case:
        def run(p):
            zh, _ = both_pages(p, [zh_line], [en_line])
            return Expect(f"{PAGE}.zh-TW.md", zh[0], message)
        return run

    for name, (zh_line, en_line, message) in cases.items():
        case(name)(make(zh_line, en_line, message))


marker_line_cases({
    "marker-unknown-phrase-id": ("<!-- phrases ids=no-such-phrase -->", "<!-- phrases ids=no-such-phrase -->",
                                 "unknown phrase id 'no-such-phrase'"),
    "marker-unknown-inline-id": ("可以說 <!-- phrase no-such-inline --> 再掛電話。", "Say <!-- phrase no-such-inline --> first.",
                                 "unknown phrase id 'no-such-inline'"),
    "marker-malformed": ("<!-- phrases topic=Bad Topic -->", "<!-- phrases topic=Bad Topic -->",
                         "malformed phrase marker '<!-- phrases topic=Bad Topic -->'"),
    "marker-unknown-topic": ("<!-- phrases topic=no-such-topic -->", "<!-- phrases topic=no-such-topic -->",
                             "unknown phrase topic 'no-such-topic'"),
    "marker-unknown-situation": ("<!-- phrases situation=nowhere -->", "<!-- phrases situation=nowhere -->",
                                 "unknown situation 'nowhere'"),
    "marker-unknown-name": ("<!-- phrase-table topic=x -->", "<!-- phrase-table topic=x -->",
                            "unknown marker '<!-- phrase-table topic=x -->'"),
    "block-marker-inside-a-sentence": ("請做完 <!-- quiz five-taboos --> 再繼續。", "Take <!-- quiz five-taboos --> first.",
                                       "'<!-- quiz five-taboos -->' must stand on a line of its own"),
})


@case("marker-only-in-one-language")
def _(p):
    topic = load_yaml((p / CATALOG).read_text(encoding="utf-8"))["phrases"][0]["topic"]
    line = zh_page(p, [f"<!-- phrases topic={topic} -->"])[0]
    return Expect(f"{PAGE}.en.md", None, f"zh-TW line {line}: <!-- phrases topic={topic} -->")


@case("quiz-placed-twice")
def _(p):
    zh, _ = both_pages(p, ["<!-- quiz five-taboos -->", "", "<!-- quiz five-taboos -->"],
                       ["<!-- quiz five-taboos -->", "", "<!-- quiz five-taboos -->"])
    return Expect(f"{PAGE}.zh-TW.md", zh[2], f"quiz 'five-taboos' is placed twice (also line {zh[0]})")


# ---- screen-only wording needs its print version (hooks/handbook/print_marks.py)


@case("screen-only-without-print-version")
def _(p):
    zh, en = both_pages(p, ['<div class="hb-screen-only" markdown>', "", "按右上角的搜尋框。", "", "</div>"],
                        ['<div class="hb-screen-only" markdown>', "", "Use the search box.", "", "</div>"])
    return Expect(f"{PAGE}.en.md", en[0], "a screen-only block has no print version after it")


# ---- conversation drills (docs/_data/drills.yml; the first drill is call-not-understood)

DRILLS = "docs/_data/drills.yml"
FIRST_DRILL = "drill call-not-understood"


def drill_case(name: str, old: str, new: str, message: str, line_of: str | None = None):
    """A case that replaces `old` (its first occurrence) in drills.yml; the report names the line
    of the replacement, or the line where `line_of` first appears."""
    def run(p):
        line = replace_in(p / DRILLS, old, new)
        if line_of is not None:
            text = (p / DRILLS).read_text(encoding="utf-8")
            line = text[: text.index(line_of)].count("\n") + 1
        return Expect(DRILLS, line, message)
    case(name)(run)


drill_case("drill-next-names-no-step", "next: s2\n", "next: s9\n", f"{FIRST_DRILL}, step s1: next 's9' is no step")
drill_case("drill-step-unreachable", "next: s1b\n", "next: s2\n",
           f"{FIRST_DRILL}, step s1b: no path from the first step (s1) reaches it", line_of="- id: s1b")
drill_case("drill-path-never-ends", "next: end\n", "next: s5\n", f"{FIRST_DRILL}, step s6: a path never ends (loop")
drill_case("drill-step-without-best-reply", "grade: best\n", "grade: ok\n", f"{FIRST_DRILL}, step s1: no best reply",
           line_of="options:")
drill_case("drill-feedback-without-chinese", "              zh-TW: \"沒聽清楚就直說。「didn't catch」聽起來很自然，也不會讓對方覺得是他的問題。\"\n",
           "", "missing 'zh-TW'", line_of="            feedback:")
drill_case("drill-unknown-phrase-id", "phrase: g-say-again\n", "phrase: g-say-agian\n",
           f"{FIRST_DRILL}, step s1: unknown phrase id 'g-say-agian' (did you mean 'g-say-again'?)")
drill_case("drill-dont-say-as-best", "phrase: g-say-again\n            grade: best",
           "phrase: g-who-is-that-speaking\n            grade: best",
           f"{FIRST_DRILL}, step s1: 'g-who-is-that-speaking' is a don't-say phrase graded 'best'", line_of="grade: best")
marker_line_cases({
    "drill-unknown-id-in-a-page": ("<!-- drill no-such-drill -->", "<!-- drill no-such-drill -->",
                                   "unknown drill 'no-such-drill'"),
})


@case("drill-only-on-the-chinese-page")
def _(p):
    line = zh_page(p, ["<!-- drill colleague-out -->"])[0]
    return Expect(f"{PAGE}.en.md", None, f"zh-TW line {line}: <!-- drill colleague-out -->")


@case("drill-placed-twice")
def _(p):
    zh, _ = both_pages(p, ["<!-- drill colleague-out -->", "", "<!-- drill colleague-out -->"],
                       ["<!-- drill colleague-out -->", "", "<!-- drill colleague-out -->"])
    return Expect(f"{PAGE}.zh-TW.md", zh[2], f"drill 'colleague-out' is placed twice (also line {zh[0]})")


# ---- checklists


@case("checklist-item-without-id")
def _(p):
    zh, en = both_pages(p, ["- [ ] 準備名片"], ["- [ ] Prepare business cards"])
    return Expect(f"{PAGE}.zh-TW.md", zh[0], "checklist item without an id")


@case("checklist-duplicate-id")
def _(p):
    zh, en = both_pages(p, ["- [ ] 準備名片 {#zz-dup}", "- [ ] 準備型錄 {#zz-dup}"],
                        ["- [ ] Prepare business cards {#zz-dup}", "- [ ] Prepare the catalogue {#zz-dup}"])
    return Expect(f"{PAGE}.zh-TW.md", zh[1], f"duplicate checklist id 'zz-dup' (first used on line {zh[0]})")


@case("checklist-malformed-id")
def _(p):
    zh, en = both_pages(p, ["- [ ] 準備名片 {#Cards_1}"], ["- [ ] Prepare business cards {#Cards_1}"])
    return Expect(f"{PAGE}.zh-TW.md", zh[0], "checklist id 'Cards_1' is not lowercase letters, digits and single hyphens")


@case("checklist-ids-differ-between-languages")
def _(p):
    zh, en = both_pages(p, ["- [ ] 準備名片 {#zz-cards}"], ["- [ ] Prepare business cards {#zz-business-cards}"])
    return Expect(f"{PAGE}.en.md", en[0], f"checklist item {{#zz-business-cards}} does not match {PAGE}.zh-TW.md line"
                  f" {zh[0]}: {{#zz-cards}}", "keep the id already published, {#zz-cards}")


@case("checklist-item-only-in-one-language")
def _(p):
    zh_page(p, ["- [ ] 準備名片 {#zz-cards}"])
    return Expect(f"{PAGE}.en.md", None, "checklist items differ from")


# ---- glossary


@case("glossary-unknown-field")
def _(p):
    line = add_term(p, ["  - id: zz-term", "    zh-TW: 測試詞", "    en: test term", "    colour: red",
                        "    definition: {zh-TW: 測試用。, en: For tests.}"])
    return Expect(GLOSSARY, line + 3, "term zz-term: unknown field 'colour'")


@case("glossary-term-without-english")
def _(p):
    line = add_term(p, ["  - id: zz-term", "    zh-TW: 測試詞", "    definition: {zh-TW: 測試用。, en: For tests.}"])
    return Expect(GLOSSARY, line, "term zz-term: missing 'en'")


@case("glossary-definition-in-one-language")
def _(p):
    line = add_term(p, ["  - id: zz-term", "    zh-TW: 測試詞", "    en: test term", "    definition: {zh-TW: 測試用。}"])
    return Expect(GLOSSARY, line + 3, "term zz-term, definition: missing 'en'")


@case("glossary-term-listed-twice")
def _(p):
    terms = load_yaml((p / GLOSSARY).read_text(encoding="utf-8"))["terms"]
    word = terms[0]["zh-TW"]
    line = add_term(p, ["  - id: zz-term", f"    zh-TW: {word}", "    en: test term",
                        "    definition: {zh-TW: 測試用。, en: For tests.}"])
    return Expect(GLOSSARY, line, f"term zz-term: zh-TW term '{word}' is also listed under '{terms[0]['id']}'")


# ---- the handbook's own voice, one term per idea, Chinese punctuation (handbook/reader_text.py)


@case("reader-text-talks-about-the-source")
def _(p):
    en = append_lines(p / f"{PAGE}.en.md", ["The source gives this phrase with a typo."])
    return Expect(f"{PAGE}.en.md", en[0], "talks about a source or a correction", "Don't say X")


zh_page_line_cases({
    "reader-text-avoided-term": ("收到詢盤後，當天回覆客戶。", "「詢盤」 is a variant the glossary avoids",
                                 "write 「詢價」 instead of 「詢盤」"),
    "reader-text-half-width-punctuation": ("先確認數量,再報價。", "half-width 「,」 in Chinese text", "full-width 「，」"),
    "reader-text-doubled-closing-mark": ("報價前先問清楚數量（這一點最重要。）。", "doubled closing mark 「。）。」",
                                         "keep one full stop"),
    "reader-text-chinese-ellipsis": ("準備數量、價格、交期...等資料。", "as an ellipsis in Chinese text", "……"),
    "reader-text-western-quotes-around-chinese": ('客戶說"好的"就代表同意嗎？', "Western quotation marks around Chinese",
                                                  "write 「好的」"),
    "reader-text-house-wording": ("先問貨代下一班船是哪天。", "「貨代」 is a variant the house wording avoids",
                                  "write 「承攬業者」 instead of 「貨代」"),
    "reader-text-western-quotes-around-english": ('確認信用 "As discussed" 開頭。', "Western quotation marks in Chinese text",
                                                  "write 「As discussed」"),
    "reader-text-no-space-next-to-latin": ("報價一律寫FCA 台中。", "no space between Chinese and Latin text: 「寫F」",
                                           "half-width space"),
})


@case("phrase-lone-ellipsis-in-chinese")
def _(p):
    where = phrase(p, "zz-lone-ellipsis", q("As we agreed, …"), q("如我們約定的，…"))
    return Expect(CATALOG, where["zh-TW"], "as an ellipsis in Chinese text", "……")


# ---- rules that once lived only in the README


@case("page-missing-from-nav")
def _(p):
    replace_in(p / "mkdocs.yml", "      - phone/incoming-calls.md\n", "")
    return Expect(f"{PAGE}.zh-TW.md", None, "is not in the nav of mkdocs.yml", "add 'phone/incoming-calls.md'")


@case("email-template-outside-the-templates-page")
def _(p):
    zh, en = both_pages(p, ["<!-- email payment-reminder -->"], ["<!-- email payment-reminder -->"])
    return Expect(f"{PAGE}.zh-TW.md", zh[0], "email template 'payment-reminder' is placed outside the templates page",
                  "../emails/index.md#payment-reminder")


# ---- search questions (front matter)


@case("question-on-two-pages")
def _(p):
    other = "docs/phone/calling-customers.en.md"
    question = load_yaml((p / other).read_text(encoding="utf-8").split("---")[1])["questions"][0]
    line = replace_in(p / f"{PAGE}.en.md", "questions:\n", f"questions:\n  - {q(question)}\n")  # the `questions:` line
    return Expect(f"{PAGE}.en.md", line, f"question {question!r} is also on phone/calling-customers")


@case("questions-in-one-language-only")
def _(p):
    text = (p / f"{PAGE}.zh-TW.md").read_text(encoding="utf-8")
    head, body = text.split("questions:\n", 1)
    rest = body.split("---\n", 1)[1]
    (p / f"{PAGE}.zh-TW.md").write_text(head + "---\n" + rest, encoding="utf-8")
    return Expect(f"{PAGE}.zh-TW.md", None, f"has no questions, but {PAGE}.en.md has")


@case("whats-new-unknown-page")
def _(p):
    line = replace_in(p / "docs/_data/changes.yml", "pages: [quoting/price-building.md]", "pages: [quoting/no-such-page.md]")
    return Expect("docs/_data/changes.yml", line, "names the page 'quoting/no-such-page.md', which is not in the docs",
                  "name a page as in the nav of mkdocs.yml")


@case("whats-new-unknown-kind")
def _(p):
    line = replace_in(p / "docs/_data/changes.yml", "kind: print", "kind: rumour")
    return Expect("docs/_data/changes.yml", line, "rumour")


# One case per family of rules runs the real build (test_bad_input_fails_the_real_build); the rest
# are proven through the validation phase alone, which is what the build runs first.
END_TO_END = {
    "pages": "english-page-deleted",
    "front matter": "front-matter-not-yaml",
    "page structure": "admonition-only-in-chinese",
    "links": "broken-anchor",
    "Taiwan wording": "phrase-simplified-chinese",
    "catalog schema": "phrase-unknown-field",
    "catalog YAML": "catalog-malformed-yaml",
    "catalog semantics": "phrase-placeholder-missing-in-chinese",
    "don't-say phrases": "dont-say-without-instead-and-note",
    "markers": "marker-unknown-name",
    "quizzes": "quiz-placed-twice",
    "drills": "drill-dont-say-as-best",
    "checklists": "checklist-ids-differ-between-languages",
    "glossary": "glossary-term-listed-twice",
    "own voice": "reader-text-talks-about-the-source",
    "avoided terms": "reader-text-avoided-term",
    "Chinese punctuation": "reader-text-half-width-punctuation",
    "doubled closing marks": "reader-text-doubled-closing-mark",
    "search questions": "question-on-two-pages",
    "print wording": "screen-only-without-print-version",
    "what's new": "whats-new-unknown-page",
}


def assert_reported(output: str, expect: Expect, name: str) -> None:
    """The report names the file, and under it the line with the message and a fix."""
    report = "\n".join(line for line in output.splitlines() if not line.startswith("INFO"))
    entries = [e for e in report_entries(output) if e[0] == expect.file]
    assert entries, f"{name}: the report names no problem in {expect.file}:\n{report[-3000:]}"
    matching = [e for e in entries if expect.message in e[2] and e[1] == expect.line]
    assert matching, f"{name}: expected '{expect.file}' line {expect.line}: {expect.message!r} in:\n{report[-3000:]}"
    assert all(e[3] for e in matching), f"{name}: the report gives no fix:\n{report[-3000:]}"
    if expect.fix:
        assert any(expect.fix in e[3] for e in matching), f"{name}: expected fix {expect.fix!r} in:\n{report[-3000:]}"


class Scratch:
    """One copy of what the validation phase reads (mkdocs.yml and docs/), made once per session:
    each case edits it, and afterwards every file it changed, added or deleted is put back from
    the bytes kept in memory, so no case copies the project and no case sees another's edit.
    Every file of the copy carries one made-up modification time (UNTOUCHED): any write gives it
    the time of the write, so a changed file is known from its metadata without reading it."""

    NAMES = ("mkdocs.yml", "docs")
    UNTOUCHED = 946_684_800 * 10**9  # 1 January 2000, in nanoseconds

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True)
        shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("__pycache__"))
        self.original = {path: path.read_bytes() for path in self._paths()}
        for path in self.original:
            os.utime(path, ns=(self.UNTOUCHED, self.UNTOUCHED))

    def _paths(self) -> list[Path]:
        return [path for path in self.root.rglob("*") if path.is_file()]

    def _touched(self) -> tuple[list[Path], list[Path]]:
        """(original files changed or deleted, files added) since the copy was last put back."""
        now = {path: path.stat() for path in self._paths()}
        changed = [path for path, content in self.original.items() if path not in now
                   or now[path].st_mtime_ns != self.UNTOUCHED or now[path].st_size != len(content)]
        return changed, [path for path in now if path not in self.original]

    def restore(self) -> None:
        changed, added = self._touched()
        for path in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.original[path])
            os.utime(path, ns=(self.UNTOUCHED, self.UNTOUCHED))
        for path in added:
            path.unlink()
        for folder in sorted((p for p in self.root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()) and not any(f.is_relative_to(folder) for f in self.original):
                folder.rmdir()
        assert self._touched() == ([], [])


@pytest.fixture(scope="session")
def scratch(tmp_path_factory) -> Scratch:
    return Scratch(tmp_path_factory.mktemp("bad-inputs") / "project")


@pytest.fixture
def scratch_project(scratch) -> Path:
    """The shared copy for one test; put back as it was afterwards, whatever the test did."""
    yield scratch.root
    scratch.restore()


def _case_report(scratch: Scratch, name: str) -> tuple[Expect | None, str]:
    """Break the scratch copy as case `name` says, run the validation phase, put the copy back.
    A case that cannot run (a page no longer has the text it edits) gives no Expect and the error,
    so that only its own test fails."""
    try:
        expect = CASES[name](scratch.root)
        return expect, validation_report(scratch.root)
    except Exception:  # noqa: BLE001  (reported by the case's test)
        return None, traceback.format_exc()
    finally:
        scratch.restore()


def _all_case_reports(names: list[str]) -> dict[str, tuple[Expect | None, str]]:
    """Every named case, one after the other on a scratch copy of its own: each re-checks only
    the files it changed (the validation phase keeps what it derived from an unchanged file),
    about a tenth of a second a case."""
    folder = Path(tempfile.mkdtemp(prefix="handbook-bad-inputs-"))
    try:
        scratch = Scratch(folder / "project")
        return {name: _case_report(scratch, name) for name in names}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def case_reports_in_background(request):
    """Starts every selected case in a second process as soon as this module's first test runs;
    the tests that read the reports are marked `after_the_rest` (conftest runs them last), so the
    cases run while the rest of the suite does."""
    names = sorted({item.callspec.params["name"] for item in request.session.items
                    if item.originalname == "test_bad_input_is_reported_by_the_validation_phase"})
    if not names:
        yield None
        return
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool.submit(_all_case_reports, names)


@pytest.fixture(scope="session")
def case_reports(case_reports_in_background) -> dict[str, tuple[Expect, str]]:
    return case_reports_in_background.result(timeout=600)


@pytest.mark.after_the_rest
@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_by_the_validation_phase(case_reports, name):
    expect, report = case_reports[name]
    if expect is None:
        pytest.fail(f"{name}: the case could not run:\n{report}")
    assert report, f"{name}: the validation phase found nothing"
    assert_reported(report, expect, name)


@pytest.mark.slow  # a real build
@pytest.mark.parametrize("family", sorted(END_TO_END))
def test_bad_input_fails_the_real_build(tmp_path, family):
    name = END_TO_END[family]
    project = copy_project(tmp_path / "project")
    expect = CASES[name](project)
    result = mkdocs_build(project, tmp_path / "site", env=NO_PDF, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: the build passed:\n{output[-3000:]}"
    assert "Traceback" not in output, f"{name}: the build crashed instead of reporting:\n{output[-4000:]}"
    assert_reported(output, expect, name)
    assert not (tmp_path / "site").exists(), f"{name}: the failed build wrote a site"


def test_the_unchanged_project_passes_the_validation_phase(scratch_project):
    """The fast layer can tell good sources from bad: the copy as it is has no problem."""
    assert validation_report(scratch_project) == ""


def test_a_misspelt_phrase_id_is_reported_beside_a_catalog_schema_error(scratch_project):
    """A schema error in the catalog does not hide a page's unknown phrase id (one report, not two
    rounds); a marker naming the rejected phrase is left alone: its one problem is the catalog's."""
    rejected = CASES["phrase-without-chinese"](scratch_project)  # zz-no-zh, topic zz-test-topic
    misspelt = CASES["marker-unknown-inline-id"](scratch_project)
    both_pages(scratch_project, ["<!-- phrases topic=zz-test-topic -->"], ["<!-- phrases topic=zz-test-topic -->"])
    report = validation_report(scratch_project)
    assert_reported(report, rejected, "the catalog's schema error")
    assert_reported(report, misspelt, "the page's unknown id")
    assert "zz-test-topic" not in report and report.count("unknown phrase") == 2, report  # zh-TW and en page


@pytest.mark.parametrize("text", ["a line that is not YAML: [\n", "phrase:\n  - id: x\n"], ids=["not-yaml", "no-list"])
def test_a_catalog_that_cannot_be_read_gives_one_problem_not_one_per_marker(scratch_project, text):
    """A catalog without its list of phrases is reported once; the pages' hundreds of phrase
    markers are not each reported as unknown."""
    (scratch_project / CATALOG).write_text(text, encoding="utf-8")
    report = validation_report(scratch_project)
    assert CATALOG in report and "unknown phrase" not in report, report[:3000]


@pytest.mark.slow  # a real build
def test_several_problems_in_several_files_are_reported_in_one_build(tmp_path):
    """One build, one report: a problem in each of five files, every one named, each once."""
    project = copy_project(tmp_path / "project")
    expected = [CASES["phrase-ellipsis-count-differs"](project), CASES["glossary-term-without-english"](project),
                CASES["broken-anchor"](project), CASES["slip-lian-xi"](project),
                CASES["wording-exception-without-reason"](project)]
    result = mkdocs_build(project, tmp_path / "site", env=NO_PDF, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-4000:]
    for expect in expected:
        assert_reported(output, expect, "several problems")
    assert len({e.file for e in expected}) == 5
    assert output.count("problem(s) in the handbook's sources") == 1, "the build must fail once, with one report"
    entries = report_entries(output)
    assert len(entries) == len(set(entries)), "a problem is reported twice"


# --------------------------------------------------------------------------- the previous site survives


def _break_catalog(project: Path) -> str:
    phrase(project, "zz-broken", q(SAMPLES_EN), None)
    return "phrase zz-broken: missing 'zh-TW'"


def _break_link(project: Path) -> str:
    append_lines(project / f"{PAGE}.en.md", ["See [the email page](../channels/email-first.md#no-such-anchor)."])
    return "link to an anchor that does not exist"


@pytest.mark.slow  # a real build
@pytest.mark.parametrize("break_it", [_break_catalog, _break_link], ids=["bad-catalog", "broken-anchor"])
def test_failed_build_leaves_the_previous_site_intact(tmp_path, break_it):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = mkdocs_build(project, site, env=NO_PDF)
    assert first.returncode == 0, first.stderr[-3000:]
    index = (site / "index.html").read_bytes()
    english = (site / "en" / "index.html").read_bytes()
    marker = site / "deployed-marker.txt"
    marker.write_text("previous deployment", encoding="utf-8")

    expected = break_it(project)
    second = mkdocs_build(project, site, env=NO_PDF)
    assert second.returncode != 0
    assert expected in second.stderr
    assert marker.read_text(encoding="utf-8") == "previous deployment", "the failed build cleaned the site"
    assert (site / "index.html").read_bytes() == index
    assert (site / "en" / "index.html").read_bytes() == english
    assert (site / "search" / "search_index.json").is_file()


# --------------------------------------------------------------------------- phrase text is text

XSS_EN = "Test <script>alert(1)</script> a|b *bold* _x_ &amp; done"
XSS_ZH = "測試 <script>alert(1)</script> a|b *bold* _x_ &amp; 完成"


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("markup")
    project = copy_project(root / "project")
    phrase(project, "zz-markup", q(XSS_EN), q(XSS_ZH), place=True)
    append_lines(project / f"{PAGE}.zh-TW.md", ["接電話時可以說 <!-- phrase zz-markup --> 這一句。"])
    append_lines(project / f"{PAGE}.en.md", ["On the phone, say <!-- phrase zz-markup --> first."])
    result = mkdocs_build(project, root / "site", env=NO_PDF)
    assert result.returncode == 0, result.stderr[-4000:]
    return root / "site"


@pytest.mark.slow  # a real build of a changed copy (the unit layer checks the escaping of each renderer)
@pytest.mark.parametrize("lang,prefix", [("zh-TW", ""), ("en", "en/")])
def test_phrase_text_is_rendered_as_text(markup_site, lang, prefix):
    page = (markup_site / prefix / "phone/incoming-calls/index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="phrase-zz-markup".*?</tr>', page, re.S)
    assert row, "the phrase table row is missing"
    inline = re.search(r'<q class="hb-phrase-inline"[^>]*>Test .*?</q>', page, re.S)
    assert inline, "the inline phrase is missing"
    for fragment in (row.group(0), inline.group(0)):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment
        assert "<script" not in fragment
        assert "*bold*" in fragment and "_x_" in fragment and "a|b" in fragment
        assert "<em>" not in fragment and "<strong>" not in fragment
        assert "&amp;amp;" in fragment, "an '&amp;' written in the catalog must show literally"
    assert "<script>alert(1)" not in page
    if lang == "zh-TW":
        gloss = re.search(r'<span class="hb-phrase-gloss"[^>]*>（測試 .*?）</span>', page, re.S)
        assert gloss and "&lt;script&gt;" in gloss.group(0)


@pytest.mark.slow  # a real build of a changed copy
def test_phrase_text_is_escaped_in_search_index_and_downloads(markup_site):
    for index in (markup_site / "search/search_index.json", markup_site / "en/search/search_index.json"):
        text = index.read_text(encoding="utf-8")
        assert "alert(1)" in text
        assert "<script>alert(1)" not in text, f"{index}: raw markup would be injected into search results"
    csv = (markup_site / "downloads/phrasebook.csv").read_text(encoding="utf-8-sig")
    assert XSS_EN in csv, "the CSV must carry the phrase verbatim (it is data, not HTML)"


# --------------------------------------------------------------------------- a build writes no source


def _hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.mark.slow  # a real build
def test_build_does_not_modify_any_source_file(tmp_path):
    project = copy_project(tmp_path / "project")
    before = _hashes(project)
    result = mkdocs_build(project, tmp_path / "site", env=NO_PDF)
    assert result.returncode == 0, result.stderr[-3000:]
    after = _hashes(project)
    changed = sorted(k for k in before if after.get(k) != before[k])
    added = sorted(set(after) - set(before))
    assert not changed and not added, f"the build changed {changed} and created {added} in the project"
