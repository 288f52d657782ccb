"""Page pairs: every page exists in every language, and the versions have the same structure.

Why: mkdocs-static-i18n silently shows the default-language page when a translation is missing,
and a reader of the English site would meet Chinese without warning. And when one language
gains a checklist item, a phrase table, a diagram or a warning that the other lacks, the two
handbooks drift apart; the second language must be updated in the same change.

Checks (once per build, before site/ is cleaned):
- every page file has a known language suffix, valid front matter, and a partner file for each
  other language (the message names the file to create);
- the versions have the same checklist items (ids, in order), phrase markers, Mermaid diagrams,
  admonitions (kind and type, in order) and quizzes; the message shows the first difference with
  its line in each file.
"""

from __future__ import annotations

import re

import _handbook as hb

TASK_ITEM = re.compile(r"^\s*[-*+] \[[ xX]\] (?P<text>.*)$")
CHECK_ID = re.compile(r"\{#(?P<id>[^}\s]*)\}\s*$")
PHRASE_MARKER = re.compile(r"<!--\s*phrases?\b.*?-->")
ADMONITION = re.compile(r"^\s*(?P<kind>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)")
MERMAID = re.compile(r"^\s*(`{3,}|~{3,})\s*mermaid\b")
QUIZ = re.compile(r"^\s*<!--\s*quiz\s+(?P<id>[a-z0-9-]+)\s*-->")


def structure(page: hb.PageSource) -> dict[str, list[tuple[int, str]]]:
    """The parts of a page that must match across languages, each as (line, key)."""
    parts: dict[str, list[tuple[int, str]]] = {
        "checklist items": [], "phrase markers": [], "Mermaid diagrams": [], "admonitions": [], "quizzes": []
    }
    for number, line in enumerate(page.lines, start=1):
        if number < page.body_start:
            continue
        if MERMAID.match(line):
            parts["Mermaid diagrams"].append((number, "mermaid"))
    for number, line in page.prose_lines():
        task = TASK_ITEM.match(line)
        if task:
            found = CHECK_ID.search(task.group("text"))
            parts["checklist items"].append((number, f"{{#{found.group('id')}}}" if found else "(no id)"))
        for marker in PHRASE_MARKER.findall(line):
            parts["phrase markers"].append((number, re.sub(r"\s+", " ", marker)))
        adm = ADMONITION.match(line)
        if adm:
            parts["admonitions"].append((number, f"{adm.group('kind')} {adm.group('type')}"))
        quiz = QUIZ.match(line)
        if quiz:
            parts["quizzes"].append((number, quiz.group("id")))
    return parts


def _first_difference(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> tuple[str, str]:
    for index in range(max(len(a), len(b))):
        left = a[index] if index < len(a) else None
        right = b[index] if index < len(b) else None
        if left is None or right is None or left[1] != right[1]:
            show = lambda item: f"line {item[0]}: {item[1]}" if item else "nothing (the list ends here)"
            return show(left), show(right)
    return "", ""


def check(config) -> None:
    src = hb.sources(config)
    problems = list(src.problems)
    for base, versions in sorted(src.pages_by_base().items()):
        present = [lang for lang in hb.LANGUAGES if lang in versions]
        reference = versions[present[0]]
        for lang in hb.LANGUAGES:
            if lang not in versions:
                problems.append(hb.Problem(
                    reference.rel, "whole page", f"has no {lang} version",
                    f"create docs/{base}.{lang}.md (a translation of {reference.rel}); "
                    "every page must exist in every language"))
        if len(present) < 2:
            continue
        ref_parts = structure(reference)
        for lang in present[1:]:
            other = versions[lang]
            other_parts = structure(other)
            for what, items in ref_parts.items():
                if [k for _, k in items] != [k for _, k in other_parts[what]]:
                    left, right = _first_difference(items, other_parts[what])
                    problems.append(hb.Problem(
                        other.rel, what,
                        f"{what} differ from {reference.rel}: {len(items)} there, {len(other_parts[what])} here;"
                        f" first difference: {reference.lang} {left} / {lang} {right}",
                        f"make both versions have the same {what} in the same order (ids and types identical)"))
    hb.raise_problems("page pairs", problems)


def on_pre_build(config):
    if hb.starting_build(config):
        check(config)
