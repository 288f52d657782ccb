"""Checks on the pages as written: every page in every language, the same structure in each,
front matter, and checklist ids.

Why pairs: mkdocs-static-i18n would silently show the default-language page for a missing
translation, and when one language gains a checklist item, a marker, a diagram or a warning the
other lacks, the two handbooks drift apart.

Why checklist ids: a reader's ticks are stored in the browser under the item's id
(docs/assets/javascripts/checklists.js), so every item carries an explicit id `{#pen-and-paper}`,
the same in both languages, that survives edits and reordering.
"""

from __future__ import annotations

import itertools
import re

from .markers import find_markers
from .problems import Problem
from .sources import LANGUAGES, PageSource, pages_by_base

TASK_ITEM = re.compile(r"^\s*[-*+] \[[ xX]\] (?P<text>.*)$")
CHECK_ID = re.compile(r"\s*\{#(?P<id>[^}\s]*)\}\s*$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ADMONITION = re.compile(r"^\s*(?P<kind>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)")
MERMAID = re.compile(r"^\s*(`{3,}|~{3,})\s*mermaid\b")


def structure(page: PageSource) -> dict[str, list[tuple[int, str]]]:
    """The parts of a page that must match across languages, each as (line, key)."""
    parts = {"checklist items": [], "markers": [], "Mermaid diagrams": [], "admonitions": []}
    for number, line in enumerate(page.lines[page.body_start - 1:], start=page.body_start):
        if MERMAID.match(line):
            parts["Mermaid diagrams"].append((number, "mermaid"))
    for number, line in page.prose_lines():
        task = TASK_ITEM.match(line)
        if task:
            found = CHECK_ID.search(task.group("text"))
            parts["checklist items"].append((number, f"{{#{found.group('id')}}}" if found else "(no id)"))
        admonition = ADMONITION.match(line)
        if admonition:
            parts["admonitions"].append((number, f"{admonition.group('kind')} {admonition.group('type')}"))
    parts["markers"] = [(m.line, m.normalized()) for m in find_markers(page.text, page.body_start)]
    return parts


def _first_difference(a, b):
    for left, right in itertools.zip_longest(a, b):
        if left is None or right is None or left[1] != right[1]:
            return left, right
    return None, None


def check_pairs(pages: list[PageSource]) -> list[Problem]:
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
                left, right = _first_difference(expected, items)
                show = lambda item: f"line {item[0]}: {item[1]}" if item else "nothing (the list ends here)"
                problems.append(Problem(other.rel, right[0] if right else None,
                                        f"{what} differ from {reference.rel}: {len(expected)} there, {len(items)} here;"
                                        f" first difference: {reference.lang} {show(left)} / {lang} {show(right)}",
                                        f"make both versions have the same {what} in the same order"))
    return problems


def check_front_matter(pages: list[PageSource]) -> list[Problem]:
    """A description (search engines, link previews) and tags, as many in every language."""
    problems = []
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
            line = next((n for n, text in enumerate(page.lines, start=1) if text.startswith("questions:")), 1)
            plural = "" if count == 1 else "s"
            problems.append(Problem(page.rel, line, f"front matter: {count} question{plural} here, {counts[reference]} in"
                                    f" {versions[reference].rel}",
                                    "give every language version the same questions, each written natively in its language"))
    return problems


def check_checklists(page: PageSource) -> list[Problem]:
    problems, seen = [], {}
    for number, line in page.prose_lines():
        task = TASK_ITEM.match(line)
        if not task:
            continue
        found = CHECK_ID.search(task.group("text"))
        item_id = found.group("id") if found else None
        if not found:
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
