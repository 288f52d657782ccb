"""Checklists: every task-list item has a stable id, and renders as a labelled, tickable box.

Why: a salesperson ticks "before a call" items on screen and expects the ticks to be there after
a reload (docs/assets/javascripts/checklists.js keeps them in localStorage). Keys must survive
edits and reordering, so each item carries an explicit id written by the author, the same in
both languages, instead of a position or a hash of its wording. Each box also gets an
accessible name (its item text): pymdownx.tasklist renders unlabelled, disabled checkboxes.

Authors write `- [ ] 準備紙筆 {#pen-and-paper}`. Checks (once per build): every task item has an
id, ids are lowercase letters/digits/hyphens, unique within the page.
"""

from __future__ import annotations

import html
import re

import _handbook as hb
import page_pairs

ID_SUFFIX = re.compile(r"\s*\{#(?P<id>[^}\s]*)\}\s*$")
ITEM_IN_HTML = re.compile(
    r'<li class="task-list-item">\s*<label class="task-list-control">\s*<input type="checkbox"'
    r'(?P<attrs>[^>]*?)/?>(?P<indicator>.*?)</label>(?P<body>.*?)'
    r'<span class="hb-check-id" data-check-id="(?P<id>[a-z0-9-]+)"></span>',
    re.S,
)
TAG = re.compile(r"<[^>]+>")


def check(config) -> None:
    src = hb.sources(config)
    problems = []
    for page in src.pages:
        seen: dict[str, int] = {}
        for number, line in page.prose_lines():
            task = page_pairs.TASK_ITEM.match(line)
            if not task:
                continue
            found = ID_SUFFIX.search(task.group("text"))
            if not found:
                problems.append(hb.Problem(
                    page.rel, f"line {number}", f"checklist item without an id: {line.strip()!r}",
                    "end the item with a stable id, e.g. ' {#pen-and-paper}', the same in both languages"))
                continue
            wrong = hb.id_problem("checklist id", found.group("id"), number, seen, "pen-and-paper")
            if wrong:
                problems.append(hb.Problem(page.rel, f"line {number}", *wrong))
    hb.raise_problems("checklists", problems)


def on_pre_build(config):
    if hb.starting_build(config):
        check(config)


def on_page_markdown(markdown, page, config, files):
    """Turn the `{#id}` suffix into an invisible marker the HTML pass can find."""
    out = []
    in_fence = None
    for line in markdown.split("\n"):
        fence = hb.FENCE.match(line)
        if fence:
            in_fence = None if in_fence else fence.group("fence")
        elif in_fence is None and page_pairs.TASK_ITEM.match(line):
            line = ID_SUFFIX.sub(lambda m: f' <span class="hb-check-id" data-check-id="{m.group("id")}"></span>', line)
        out.append(line)
    return "\n".join(out)


def on_page_content(html_text, page, config, files):
    """Make each box tickable, keyed by page and item id, and named by its item text."""

    def replace(match):
        item_id = match.group("id")
        label = " ".join(html.unescape(TAG.sub(" ", match.group("body"))).split())
        control = f"check-{item_id}"
        return (
            f'<li class="task-list-item hb-check" data-check-id="{item_id}">'
            f'<label class="task-list-control"><input type="checkbox" id="{control}" '
            f'aria-label="{html.escape(label, quote=True)}"/>{match.group("indicator")}</label>'
            f"{match.group('body')}"
        )

    return ITEM_IN_HTML.sub(replace, html_text)
