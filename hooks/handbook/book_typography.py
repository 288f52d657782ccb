"""Print typography for the PDF book (book.py applies it to every chapter's body, book_html.py to
titles and quiz answers).

In text outside code, diagrams and email slots: straight quotes and apostrophes become
typographic ones (“ ” ‘ ’, chosen by the character before them, across inline elements but
never across a block), no space is left after or before full-width punctuation (「。 下一句」 is
「。下一句」), and a [placeholder] is kept on one line (a `span.hb-nowrap`).

The tree is lxml's: an element's `.text` is the text before its first child, its `.tail` the
text after it; `_texts` yields each as (element, "text" | "tail").
"""

from __future__ import annotations

import re

import lxml.html
from lxml.html import HtmlElement

NO_TYPESET = {"code", "pre", "kbd", "samp", "script", "style", "svg", "math"}
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
FULL_WIDTH_MARKS = "，。、；：？！「」『』（）《》〈〉"
SPACE_AFTER_MARK = re.compile(f"(?<=[{FULL_WIDTH_MARKS}])[ \u00a0\u3000]+")
SPACE_BEFORE_MARK = re.compile(f"[ \u00a0\u3000]+(?=[{FULL_WIDTH_MARKS}])")
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,40}\]")
OPENS_AFTER = re.compile(f"[\\s(\\[{{/\u2014\u2013{CJK}-]")


def quotes(text: str, before: str) -> str:
    """Straight quotes and apostrophes to typographic ones; `before` is the character printed
    just before the text (from the previous text node)."""
    out = []
    previous = before
    for char in text:
        if char == '"':
            char = "\u201c" if (not previous or OPENS_AFTER.match(previous)) else "\u201d"
        elif char == "'":
            char = "\u2018" if (not previous or OPENS_AFTER.match(previous)) else "\u2019"
        out.append(char)
        previous = char
    return "".join(out)


BLOCKS = {"p", "li", "td", "th", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dt", "dd", "figcaption",
          "summary", "legend", "label", "br"}


def _texts(node):
    """The texts under `node` in document order, outside code, diagrams and email slots, each as
    (element, "text" or "tail"); None where a block (or a line) starts: quotes do not pair across it."""
    if node.text:
        yield node, "text"
    for child in node:
        if isinstance(child.tag, str) and child.tag not in NO_TYPESET and "hb-slot" not in (child.get("class") or "").split():
            if child.tag in BLOCKS:
                yield None
            yield from _texts(child)
        if child.tail:
            yield child, "tail"


def _set_text(owner: HtmlElement, where: str, pieces: list) -> None:
    """Put `pieces` (strings and elements, in order) where the text `where` of `owner` was."""
    lead = pieces[0] if pieces and isinstance(pieces[0], str) else ""
    rest = pieces[1:] if lead else pieces
    elements = []
    for piece in rest:
        if isinstance(piece, str):
            elements[-1].tail = piece
        else:
            elements.append(piece)
    if where == "text":
        owner.text = lead or None
        for position, element in enumerate(elements):
            owner.insert(position, element)
    else:
        owner.tail = lead or None
        anchor = owner
        for element in elements:
            anchor.addnext(element)
            anchor = element


def typeset(root) -> None:
    """Typographic quotes, no space after (or before) full-width punctuation, and
    [placeholders] kept on one line, in every text under `root` outside code and diagrams."""
    before = ""
    for handle in list(_texts(root)):
        if handle is None:
            before = ""
            continue
        owner, where = handle
        text = owner.text if where == "text" else owner.tail
        new = quotes(text, before) if ('"' in text or "'" in text) else text
        if " " in new or "\u3000" in new or "\u00a0" in new:
            new = SPACE_BEFORE_MARK.sub("", SPACE_AFTER_MARK.sub("", new))
            if before and before in FULL_WIDTH_MARKS:  # 「<strong>……。</strong> 下一句」
                new = new.lstrip(" \u00a0\u3000")
        stripped = new.rstrip()
        if stripped:
            before = stripped[-1]
        if "[" in new and PLACEHOLDER.search(new):
            pieces, last = [], 0
            for match in PLACEHOLDER.finditer(new):
                if match.start() > last:
                    pieces.append(new[last:match.start()])
                keep = lxml.html.Element("span", {"class": "hb-nowrap"})
                keep.text = match.group(0)
                pieces.append(keep)
                last = match.end()
            if last < len(new):
                pieces.append(new[last:])
            _set_text(owner, where, pieces)
        elif new != text:
            _set_text(owner, where, [new] if new else [])
