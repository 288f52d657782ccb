"""Checks on the pages as written: every page in every language, the same structure in each,
front matter, and checklist ids.

Why pairs: mkdocs-static-i18n would silently show the default-language page for a missing
translation, and when one language gains a checklist item, a marker, a diagram or a warning the
other lacks, the two handbooks drift apart.

Why questions: each page's front-matter `questions:` (3-6 questions a reader would type) are
indexed for search only (hooks/handbook/search.py); a question on two pages would lead nowhere.

Why checklist ids: a reader's ticks are stored in the browser under the item's id
(docs/assets/javascripts/checklists.js), so every item carries an explicit id `{#pen-and-paper}`,
the same in both languages, that survives edits and reordering.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .markers import page_markers
from .problems import Problem, likely_typos
from .languages import HAN, LANGUAGES
from .sources import PageSource, pages_by_base

TASK_ITEM = re.compile(r"^\s*[-*+] \[[ xX]\] (?P<text>.*)$")
CHECK_ID = re.compile(r"\s*\{#(?P<id>[^}\s]*)\}\s*$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ADMONITION = re.compile(r"^\s*(?P<kind>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)")
MERMAID = re.compile(r"^\s*(`{3,}|~{3,})\s*mermaid\b")


def _checklist_id(line: str) -> tuple[bool, str | None]:
    """(whether the line is a checklist item, its id or None): the one reading of checklist ids."""
    task = TASK_ITEM.match(line)
    if not task:
        return False, None
    item_id = CHECK_ID.search(task.group("text"))
    return True, item_id.group("id") if item_id else None


def checklist_items(page: PageSource) -> list[tuple[int, str | None, str]]:
    """(line, id or None, the line) of every checklist item `- [ ] text {#id}` of a page
    (check_checklists checks them, check_pairs compares them)."""
    return page.derive("checklist items", lambda: _checklist_items(page))


def _checklist_items(page: PageSource) -> list[tuple[int, str | None, str]]:
    found = []
    for number, line in page.prose_lines():
        item, item_id = _checklist_id(line)
        if item:
            found.append((number, item_id, line))
    return found


def structure(page: PageSource) -> dict[str, list[tuple[int, str]]]:
    """The parts of a page that must match across languages, each as (line, key)."""
    return page.derive("structure", lambda: _structure(page))


def _structure(page: PageSource) -> dict[str, list[tuple[int, str]]]:
    parts = {"checklist items": [], "markers": [], "Mermaid diagrams": [], "admonitions": []}
    for number, line in enumerate(page.lines[page.body_start - 1:], start=page.body_start):
        if MERMAID.match(line):
            parts["Mermaid diagrams"].append((number, "mermaid"))
    for number, line in page.prose_lines():
        item, item_id = _checklist_id(line)
        if item:
            parts["checklist items"].append((number, f"{{#{item_id}}}" if item_id else "(no id)"))
        admonition = ADMONITION.match(line)
        if admonition:
            parts["admonitions"].append((number, f"{admonition.group('kind')} {admonition.group('type')}"))
    parts["markers"] = [(m.line, m.normalized()) for m in page_markers(page)]
    return parts


def _first_difference(a, b):
    for left, right in itertools.zip_longest(a, b):
        if left is None or right is None or left[1] != right[1]:
            return left, right
    return None, None


def check_pairs(pages: list[PageSource], changed=lambda rel: 0) -> list[Problem]:
    """Every page in every language, with the same structure. `changed(rel)`: how recently a file
    changed (a larger value is more recent), to name the file whose checklist ids moved."""
    problems = []
    for base, versions in sorted(pages_by_base(pages).items()):
        present = [lang for lang in LANGUAGES if lang in versions]
        reference = versions[present[0]]
        for lang in LANGUAGES:
            if lang not in versions:
                problems.append(Problem(reference.rel, None, f"has no {lang} version",
                                        f"create docs/{base}.{lang}.md (a translation of {reference.rel}); every page"
                                        " must exist in every language"))
        reference_parts = structure(reference)
        for lang in present[1:]:
            other = versions[lang]
            for what, items in structure(other).items():
                expected = reference_parts[what]
                if [k for _, k in expected] == [k for _, k in items]:
                    continue
                if what == "checklist items" and (check_checklists(reference) or check_checklists(other)):
                    continue  # a missing or malformed id: check_checklists reports it, once
                left, right = _first_difference(expected, items)
                if what == "checklist items" and left and right:
                    problems.append(_checklist_id_problem(reference, left, other, right, changed))
                    continue
                if left and right:
                    first = f"{reference.lang} line {left[0]}: {left[1]} / {lang} line {right[0]}: {right[1]}"
                elif right:
                    first = f"{lang} line {right[0]}: {right[1]}, which {reference.rel} lacks"
                else:
                    first = f"{reference.lang} line {left[0]}: {left[1]}, which this file lacks"
                problems.append(Problem(other.rel, right[0] if right else None,
                                        f"{what} differ from {reference.rel}: {len(expected)} there, {len(items)} here;"
                                        f" first difference: {first}",
                                        f"make both versions have the same {what} in the same order"))
    return problems


def _checklist_id_problem(first: PageSource, left, second: PageSource, right, changed) -> Problem:
    """Two language versions whose checklist ids differ: name the file that changed (the more
    recently changed one) and ask to keep the id already published, under which readers' ticks
    are stored in their browsers."""
    newer, older = (second, first) if changed(second.rel) >= changed(first.rel) else (first, second)
    new_item, old_item = (right, left) if newer is second else (left, right)
    return Problem(newer.rel, new_item[0],
                   f"checklist item {new_item[1]} does not match {older.rel} line {old_item[0]}: {old_item[1]}",
                   f"keep the id already published, {old_item[1]}, in both files (readers' ticks are stored under"
                   " it); change the item's text, never its id. A new item needs a new id in both files, in the"
                   " same place")


def check_front_matter(pages: list[PageSource]) -> list[Problem]:
    """A description (search engines, link previews) and tags, as many in every language; a tag on
    one page that is close to a tag of several is a typo (tags group pages on the tags page)."""
    problems = []
    for lang in LANGUAGES:
        used = [(page, tag) for page in pages if page.lang == lang and isinstance(page.meta.get("tags"), list)
                for tag in page.meta["tags"] if isinstance(tag, str)]
        counts: dict[str, int] = {}
        for _, tag in used:
            counts[tag] = counts.get(tag, 0) + 1
        typos = likely_typos(counts)
        problems += [Problem(page.rel, page.meta_line("tags"), f"front matter: tag {tag!r} is on no other page"
                             f" (did you mean {typos[tag]!r}?)", f"use the existing tag {typos[tag]!r}, written the same"
                             " on every page") for page, tag in used if tag in typos]
    for page in pages:
        description = page.meta.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append(Problem(page.rel, 1, "front matter: no description",
                                    "add 'description: <one sentence in the page's language>' to the front matter"))
        tags = page.meta.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
            problems.append(Problem(page.rel, 1, "front matter: tags must be a list of words",
                                    "write tags as a YAML list: 'tags:' then '  - 電話'"))
    for versions in pages_by_base(pages).values():
        counts = {lang: len(p.meta.get("tags") or []) for lang, p in versions.items()}
        if len(set(counts.values())) > 1:
            first = next(versions[lang] for lang in LANGUAGES if lang in versions)
            problems.append(Problem(first.rel, 1, f"front matter: the versions have different numbers of tags: {counts}",
                                    "give every language version the same tags, translated"))
    return problems + check_question_pairs(pages)


def check_question_pairs(pages: list[PageSource]) -> list[Problem]:
    """The search questions (`questions:` in the front matter) pair across languages: as many in every
    version of a page.

    Why: each language's questions are written natively, so their words cannot be compared, but a
    version with more or fewer questions than its translation is how the two drift apart (one
    language's readers find the page by a question the other language never asks)."""
    problems = []
    for versions in pages_by_base(pages).values():
        counts = {lang: len(versions[lang].meta.get("questions") or []) for lang in LANGUAGES if lang in versions}
        if len(set(counts.values())) < 2:
            continue
        reference = next(iter(counts))
        for lang, count in counts.items():
            if count == counts[reference]:
                continue
            page = versions[lang]
            line = page.meta_line("questions") or 1
            plural = "" if count == 1 else "s"
            problems.append(Problem(page.rel, line, f"front matter: {count} question{plural} here, {counts[reference]} in"
                                    f" {versions[reference].rel}",
                                    "give every language version the same questions, each written natively in its language"))
    return problems


def check_checklists(page: PageSource) -> list[Problem]:
    """Every checklist item has an id, well formed and unique on its page: readers' ticks are
    stored in the browser under it, so it must exist and never change."""
    problems, seen = [], {}
    for number, item_id, line in checklist_items(page):
        if item_id is None:
            problems.append(Problem(page.rel, number, f"checklist item without an id: {line.strip()!r}",
                                    "end the item with a stable id, e.g. ' {#pen-and-paper}', the same in both languages"))
        elif not ID.match(item_id):
            problems.append(Problem(page.rel, number, f"checklist id {item_id!r} is not lowercase letters,"
                                    " digits and single hyphens", "rename it, e.g. 'pen-and-paper'"))
        elif item_id in seen:
            problems.append(Problem(page.rel, number, f"duplicate checklist id {item_id!r} (first used on"
                                    f" line {seen[item_id]})", "give one of them a new, unique id"))
        else:
            seen[item_id] = number
    return problems


# --------------------------------------------------------------------------- questions (search only)

QUESTIONS_MIN, QUESTIONS_MAX = 3, 6


@dataclass(frozen=True)
class PageQuestions:
    """One page file's `questions:` front matter (None when it has none)."""

    path: str  # e.g. "docs/phone/incoming-calls.zh-TW.md"
    base: str  # e.g. "phone/incoming-calls"
    lang: str
    questions: object
    line: int | None = None  # the line of `questions:`


def page_questions(pages) -> list[PageQuestions]:
    """The `questions:` front matter of every page source (handbook.sources.PageSource)."""
    found = []
    for page in pages:
        found.append(PageQuestions(page.rel, page.base, page.lang, page.meta.get("questions"), page.meta_line("questions")))
    return found


def question_problems(pages: list[PageQuestions]) -> list[Problem]:
    """Each page's questions: a list of 3-6 distinct questions in the file's language; both
    language files of a page have them if either has; no question on two pages."""
    problems: list[Problem] = []
    has = {(p.base, p.lang) for p in pages if p.questions is not None}
    seen: dict[tuple[str, str], str] = {}
    for page in pages:
        if page.questions is None:
            other = next((p for p in pages if p.base == page.base and p.lang != page.lang and (p.base, p.lang) in has), None)
            if other:
                problems.append(Problem(page.path, None, f"has no questions, but {other.path} has",
                                        "add 'questions:' to the front matter: the same questions, in this file's language"))
            continue
        items = page.questions
        if not isinstance(items, list) or not all(isinstance(q, str) and q.strip() for q in items):
            problems.append(Problem(page.path, page.line, "questions must be a list of questions (text)",
                                    "write 'questions:' with one '- question' per line"))
            continue
        if not QUESTIONS_MIN <= len(items) <= QUESTIONS_MAX:
            problems.append(Problem(page.path, page.line, f"has {len(items)} questions",
                                    f"give {QUESTIONS_MIN} to {QUESTIONS_MAX} questions the page answers"))
        for question in items:
            chinese = bool(HAN.search(question))
            if chinese != (page.lang == "zh-TW"):
                problems.append(Problem(page.path, page.line, f"question {question!r} is not in the file's language ({page.lang})",
                                        f"write it in {page.lang}"))
            key = (page.lang, " ".join(question.lower().split()).rstrip("?？"))
            if key in seen and seen[key] != page.base:
                problems.append(Problem(page.path, page.line, f"question {question!r} is also on {seen[key]}",
                                        "a question leads to one page: keep it on the page that answers it best"))
            seen.setdefault(key, page.base)
    return problems
