"""Page metadata: every page has a description and tags in its language, and shows when it was
last updated.

Why: the description is the page's meta description (search engines, link previews, Lighthouse
SEO) and must be in the page's own language; a wiki reader needs to know how fresh a page is.

Checks (once per build): front matter `description` is present (non-empty text) and `tags` is a
list with as many tags as the other language's version.

Last updated: the date of the last git commit that touched the page's file, read with one
`git log` per build. Outside git, in a shallow clone whose history does not reach the file, or for
uncommitted files, the build date is used, so the build never fails for want of history.
"""

from __future__ import annotations

import datetime as dt
import html
import subprocess
from pathlib import Path

import _handbook as hb

LABEL = {"zh-TW": "最後更新：", "en": "Last updated: "}


def _format(day: dt.date, lang: str) -> str:
    if lang == "zh-TW":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%B')} {day.year}"


def check(config) -> None:
    src = hb.sources(config)
    problems = []
    for page in src.pages:
        description = page.meta.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append(hb.Problem(page.rel, "front matter", "no description",
                                       "add 'description: <one sentence in the page's language>' to the front matter"))
        tags = page.meta.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
            problems.append(hb.Problem(page.rel, "front matter", "tags must be a list of words",
                                       "write tags as a YAML list: 'tags:' then '  - 電話'"))
    for base, versions in src.pages_by_base().items():
        counts = {lang: len(p.meta.get("tags") or []) for lang, p in versions.items()}
        if len(set(counts.values())) > 1:
            first = versions[hb.DEFAULT_LANGUAGE] if hb.DEFAULT_LANGUAGE in versions else next(iter(versions.values()))
            problems.append(hb.Problem(first.rel, "front matter", f"the versions have different numbers of tags: {counts}",
                                       "give every language version the same tags, translated"))
    hb.raise_problems("page metadata", problems)


def _git_dates(root) -> dict[str, int]:
    """Path (relative to the repository) → time of the last commit touching it."""
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


def on_pre_build(config):
    if hb.starting_build(config):
        check(config)


def updated(config, page_source_rel: str) -> dt.date:
    """The day a page file was last committed; the build date if git does not know it."""
    src = hb.sources(config)
    dates = src.memo("git-dates", lambda: {"by_path": _git_dates(src.root), "today": dt.date.today()})
    stamp = dates["by_path"].get(page_source_rel)
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date() if stamp else dates["today"]


def on_page_context(context, page, config, nav):
    lang = hb.page_language(page)
    rel = Path(page.file.abs_src_path).relative_to(hb.project_root(config)).as_posix()
    day = updated(config, rel)
    context["hb_updated"] = {"label": LABEL[lang], "iso": day.isoformat(), "text": _format(day, lang)}
    # Material writes the description into <meta content="…"> without escaping it.
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = html.escape(html.unescape(page.meta["description"]), quote=True)
    return context
