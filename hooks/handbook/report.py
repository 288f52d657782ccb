"""Translation status: what the maintainers' page shows and the one-line build summary.

A reviewer sees the state of both languages at a glance: how much there is in each, which
wording exceptions are allowed, and which translations are likely outdated (one language version
last changed in git well before the other). Reported, never failed: a change may land one
language at a time.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from .languages import HAN, LANGUAGES
from .sources import pages_by_base
from .templates import render as render_template_file

OUTDATED_AFTER_DAYS = 14  # a version last changed this many days before its partner is possibly outdated
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")

TEXT = {
    "zh-TW": {
        "counts": "各語言數量", "language": "語言", "pages": "頁面", "phrases": "句型", "terms": "詞彙",
        "size": "篇幅", "chars": "{n:,} 個中文字", "words": "{n:,} 個英文單字",
        "allowed": "用詞檢查的例外（已審核）", "text": "文字", "reason": "理由", "none": "無",
        "outdated": "可能過時的翻譯", "page": "頁面", "newer": "較新", "older": "較舊", "days": "相差天數",
        "outdated_none": "沒有：每一頁的各語言版本都在 {d} 天內更新過。",
        "outdated_intro": "下列頁面的一個語言版本比另一個早了超過 {d} 天更新，請確認是否需要同步。",
    },
    "en": {
        "counts": "Counts per language", "language": "Language", "pages": "Pages", "phrases": "Phrases",
        "terms": "Glossary terms", "size": "Length", "chars": "{n:,} Chinese characters", "words": "{n:,} English words",
        "allowed": "Reviewed exceptions to the wording check", "text": "Text", "reason": "Reason", "none": "None",
        "outdated": "Possibly outdated translations", "page": "Page", "newer": "Newer", "older": "Older",
        "days": "Days apart",
        "outdated_none": "None: every page's language versions were changed within {d} days of each other.",
        "outdated_intro": "One language version of these pages was last changed more than {d} days before the other."
                          " Check whether it needs the same update.",
    },
}


def git_dates(root: Path) -> dict[str, int]:
    """Path (relative to the repository) -> time of the last commit touching it; {} outside git."""
    try:
        out = subprocess.run(["git", "log", "--format=@%ct", "--name-only", "--", "docs"], cwd=root,
                             capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates, current = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            current = int(line[1:])
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)
    return dates


def changed_order(root: Path, dates: dict[str, int]):
    """A key for how recently a file (relative to the project) changed: edited and not yet
    committed (git status, asked only when a message needs it) first, then by its last commit
    (git_dates)."""
    edited: list[set[str]] = []

    def key(rel: str):
        if not edited:
            try:
                status = subprocess.run(["git", "status", "--porcelain", "--", "docs"], cwd=root,
                                        capture_output=True, text=True, timeout=60, check=True).stdout
            except (OSError, subprocess.SubprocessError):
                status = ""
            edited.append({line[3:].strip().strip('"') for line in status.splitlines() if len(line) > 3})
        return rel in edited[0], dates.get(rel, 0)

    return key


def day_of(dates: dict[str, int], rel: str, today: dt.date) -> dt.date:
    """The day a file was last committed; today if git does not know it."""
    stamp = dates.get(rel)
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date() if stamp else today


def collect(pages, phrases: list[dict], terms: list[dict], allowed: list[dict], updated) -> dict:
    """The report. `updated(rel)` gives the day a page file was last changed."""
    counts = {}
    for lang in LANGUAGES:
        own = [p for p in pages if p.lang == lang]
        body = "\n".join(p.text for p in own)
        counts[lang] = {"pages": len(own), "phrases": sum(1 for p in phrases if p[lang].strip()),
                        "terms": sum(1 for t in terms if str(t[lang]).strip()),
                        "size": len(HAN.findall(body)) if lang.startswith("zh") else len(WORD.findall(body))}
    outdated = []
    for base, versions in sorted(pages_by_base(pages).items()):
        dates = {lang: updated(p.rel) for lang, p in versions.items()}
        newest, oldest = max(dates, key=dates.get), min(dates, key=dates.get)
        gap = (dates[newest] - dates[oldest]).days
        if gap > OUTDATED_AFTER_DAYS:
            outdated.append({"page": base, "newer": newest, "older": oldest, "days": gap})
    return {"counts": counts, "allowed": allowed, "outdated": outdated}


def summary(report: dict) -> str:
    """The one line a passing build logs about the translation status."""
    languages = ", ".join(f"{l}: {c['pages']} pages, {c['phrases']} phrases" for l, c in report["counts"].items())
    return (f"Translation status: {languages}; {len(report['allowed'])} wording exception(s);"
            f" {len(report['outdated'])} possibly outdated page(s)")


def render(report: dict, lang: str) -> str:
    """Markdown (the headings reach the page's table of contents) with HTML tables."""
    t = TEXT[lang]
    sizes = {l: (t["chars"] if l.startswith("zh") else t["words"]).format(n=c["size"]) for l, c in report["counts"].items()}
    return render_template_file("translation_status.md", report=report, t=t, sizes=sizes, days=OUTDATED_AFTER_DAYS)
