"""Problems found in the handbook's sources, and the one report a failed build prints.

Every check returns a list of Problem; the validation phase collects them all and fails once,
listing every problem grouped by file, each with its line and the fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import groupby

from mkdocs.exceptions import PluginError


class HandbookError(PluginError):
    """A build failure caused by the handbook's own sources. The message is the whole report."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source file, and how to fix it."""

    path: str  # relative to the project root, e.g. "docs/_data/phrases.yml"
    line: int | None  # 1-based; None when the problem is about the whole file
    message: str  # what is wrong, e.g. "phrase h16-repeat: missing 'zh-TW'"
    fix: str  # what to do about it

    def sort_key(self):
        return (self.path, self.line or 0, self.message)


def format_report(problems: list[Problem]) -> str:
    """Every problem, grouped by file and sorted by line, as the text a failed build prints."""
    ordered = sorted(set(problems), key=Problem.sort_key)
    lines = [f"{len(ordered)} problem(s) in the handbook's sources:"]
    for path, group in groupby(ordered, key=lambda p: p.path):
        lines.append(f"\n{path}")
        for problem in group:
            where = f"line {problem.line}" if problem.line else "file"
            lines.append(f"  {where}: {problem.message}\n      fix: {problem.fix}")
    return "\n".join(lines)


def did_you_mean(word: str, choices, show=repr) -> str:
    """" (did you mean 'x'?)" for the choice closest to a misspelt id, topic, anchor or name, or ""
    when none is close: every "unknown …" message of the handbook ends with it. `show` writes the
    choice as the reader writes it (a placeholder: [name])."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {show(close[0])}?)" if close else ""


def likely_typos(counts: dict[str, int]) -> dict[str, str]:
    """{name: the name it is probably a typo of}: a name used once that is close to a name used
    more often (a tag on one page, "Checklists" beside "Checklist" on twelve; a phrase topic with
    one phrase). A name used once that is close to none is new, not a typo."""
    common = [name for name, n in counts.items() if n > 1]
    found = {}
    for name, n in counts.items():
        close = difflib.get_close_matches(name, [c for c in common if c != name], n=1, cutoff=0.8) if n == 1 else []
        if close:
            found[name] = close[0]
    return found


def duplicate_ids(items, path: str, what: str) -> list[Problem]:
    """A Problem for every item whose `id` an earlier item already has. Items are LineDicts."""
    first: dict[str, int] = {}
    problems = []
    for item in items:
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue  # the schema reports it
        if item_id in first:
            problems.append(Problem(path, item.line, f"duplicate {what} id {item_id!r} (first used on line {first[item_id]})",
                                    "give one of them a new, unique id"))
        else:
            first[item_id] = item.line
    return problems
