"""Problems found in the handbook's sources, and the one report a failed build prints.

Every check returns a list of Problem; the build collects them all and fails once, listing every
problem grouped by file, each with its line (or id) and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source file, and how to fix it."""

    path: str  # relative to the project root, e.g. "docs/_data/phrases.yml"
    line: int | None  # 1-based; None when the problem is about the whole file
    message: str  # what is wrong, e.g. "phrase h16-repeat has no zh-TW translation"
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
