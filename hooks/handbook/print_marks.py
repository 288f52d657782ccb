"""Screen-only and print-only text in a page: what the book says where the screen wording makes
no sense on paper.

A passage that tells the reader to use the screen (the search box, a button, a tick the browser
remembers, a download) is wrapped in a screen-only block, and its paper wording follows it at
once in a print-only block (md_in_html):

    <div class="hb-screen-only" markdown>
    - **Search**: the search box at the top right ...
    </div>
    <div class="hb-print-only" markdown>
    - **Look it up**: the contents at the front ...
    </div>

The rule the validation phase checks (`check_page`): every screen-only block is followed, after
blank lines only, by a print-only block, unless it says that paper needs nothing in its place:
`<div class="hb-screen-only" data-print="none" markdown>`. A print-only block stands after a
screen-only block (a print-only block on its own would be text the site never shows, with
nothing to say why).

Where each shows: the site drops print-only blocks from the page before MkDocs writes it (and
before search indexes it; hooks/pdf_handbook.py calls `strip_print_only`); the book drops
screen-only blocks (hooks/handbook/book_html.py). Components can use the same two marks on their
own markup (`class="hb-screen-only"`, `class="hb-print-only"` or the attributes
`data-screen-only` / `data-print-only`); the old `hb-web-only` class means screen-only.
"""

from __future__ import annotations

import re

from .problems import Problem

OPEN = re.compile(r"^\s*<div\b(?P<attrs>[^>]*)>\s*$")
CLOSE = re.compile(r"^\s*</div>\s*$")
CLASS = re.compile(r"""\bclass\s*=\s*["'](?P<names>[^"']*)["']""")
SCREEN, PRINT = "hb-screen-only", "hb-print-only"
# What the book leaves out (book_html.py): an element with one of these classes or this attribute.
SCREEN_CLASSES, SCREEN_ATTRIBUTE = frozenset({"hb-screen-only", "hb-web-only"}), "data-screen-only"
FIX_PAIR = ('follow it with the paper wording: <div class="hb-print-only" markdown> … </div> right after its </div>,'
            ' or mark it <div class="hb-screen-only" data-print="none" markdown> if paper needs nothing in its place')


def _kind(attrs: str) -> str | None:
    names = CLASS.search(attrs)
    names = names.group("names").split() if names else []
    if SCREEN in names:
        return "screen"
    if PRINT in names:
        return "print"
    return None


def blocks(page) -> list[tuple[str, int, int, str]]:
    """(kind, first line, last line, attributes) of every screen-only and print-only block of a
    page (lines outside fenced code), in order. A block ends at the </div> that closes it."""
    return page.derive("print marks", lambda: _blocks(page))


def _blocks(page) -> list[tuple[str, int, int, str]]:
    found = []
    lines = list(page.prose_lines())
    index = 0
    while index < len(lines):
        number, line = lines[index]
        match = OPEN.match(line)
        kind = _kind(match.group("attrs")) if match else None
        if kind is None:
            index += 1
            continue
        depth, end = 1, None
        for later in range(index + 1, len(lines)):
            if OPEN.match(lines[later][1]) or re.match(r"^\s*<div\b", lines[later][1]):
                depth += 1
            elif CLOSE.match(lines[later][1]):
                depth -= 1
                if depth == 0:
                    end = later
                    break
        found.append((kind, number, lines[end][0] if end is not None else -1, match.group("attrs")))
        index = (end if end is not None else index) + 1
    return found


def check_page(page) -> list[Problem]:
    """Every screen-only block has its print version, and every print-only block a screen-only
    block before it."""
    problems = []
    found = blocks(page)
    text_lines = page.lines
    for position, (kind, first, last, attrs) in enumerate(found):
        if last == -1:
            problems.append(Problem(page.rel, first, f'a <div class="hb-{kind}-only"> block is never closed',
                                    "close it with </div> on a line of its own"))
            continue
        if kind == "screen":
            if re.search(r"""\bdata-print\s*=\s*["']none["']""", attrs):
                continue
            following = found[position + 1] if position + 1 < len(found) else None
            between = text_lines[last:following[1] - 1] if following else []
            if following is None or following[0] != "print" or any(line.strip() for line in between):
                problems.append(Problem(page.rel, first, "a screen-only block has no print version after it",
                                        FIX_PAIR))
        else:
            before = found[position - 1] if position else None
            between = text_lines[before[2]:first - 1] if before and before[2] != -1 else []
            if before is None or before[0] != "screen" or any(line.strip() for line in between):
                problems.append(Problem(page.rel, first, "a print-only block does not follow a screen-only block",
                                        'put it right after the <div class="hb-screen-only" markdown> block whose'
                                        " screen wording it replaces on paper"))
    return problems


def check_pages(pages) -> list[Problem]:
    return [problem for page in pages for problem in check_page(page)]


PRINT_ONLY_TAG = re.compile(r"""<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)\b(?=[^>]*(?:\bclass\s*=\s*["'][^"']*\bhb-print-only\b|\sdata-print-only\b))[^>]*>""")


def strip_print_only(html_text: str) -> str:
    """A page's HTML without its print-only elements (what the site shows). A scan of the tags of
    the same name for the element's end, not a parse of the page: the phrasebook's HTML is large,
    and every build pays for this."""
    if "hb-print-only" not in html_text and "data-print-only" not in html_text:
        return html_text
    out, position = [], 0
    while True:
        start = PRINT_ONLY_TAG.search(html_text, position)
        if start is None:
            break
        name = start.group("name").lower()
        tags = re.compile(rf"<(/?){re.escape(name)}\b[^>]*?(/?)>", re.I)
        depth, end = 0, len(html_text)
        for tag in tags.finditer(html_text, start.start()):
            if tag.group(1):
                depth -= 1
            elif not tag.group(2):
                depth += 1
            if depth == 0:
                end = tag.end()
                break
        out.append(html_text[position:start.start()])
        position = end
    out.append(html_text[position:])
    return "".join(out)
