"""Markers: the one grammar by which a page asks for generated content, and the one dispatch table.

A marker is an HTML comment whose first word is a marker name: `<!-- name args -->`, e.g.
`<!-- phrases topic=incoming-identify -->`, `<!-- quiz five-taboos -->`, `<!-- phrase h16-repeat -->`.
Block markers stand on a line of their own; inline markers sit inside a sentence. Markers inside
fenced code or inline code are text. Names with a slash belong to other tools and pass through
untouched (Material's `<!-- material/tags -->`); an unknown name is a problem, so a misspelt
marker never renders as nothing. A comment that does not start with a lowercase word (`<!-- TODO
… -->`, `<!-- 說明 -->`) is an ordinary comment.

Adding a marker kind: write `check(marker, content) -> [(message, fix), …]` and
`render(marker, context) -> str` (HTML, or Markdown if `markdown=True`), and add one
`MarkerKind` line to MARKERS below. The validation phase then checks every use of it before
anything is rendered, and markdown_ext.py renders it, both through this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from . import calculator, downloads, drills, emails, glossary, phrases, quizzes, report
from .disk_cache import JsonCache
from .problems import did_you_mean
from .sources import INLINE_CODE, PageSource

COMMENT = re.compile(r"<!--(?P<body>.*?)-->")
NAME = re.compile(r"[a-z][a-z0-9-]*(?:/[a-z0-9/-]+)?$")


@dataclass(frozen=True)
class Marker:
    """One marker as found in a page: `<!-- name args -->`, where it is, and whether it stands alone."""
    name: str
    args: tuple[str, ...]
    raw: str  # the comment as written
    line: int  # 1-based, in the text it was found in
    start: int  # offsets of the comment in its line
    end: int
    alone: bool  # the comment is the whole line (a block marker's place)

    @property
    def foreign(self) -> bool:
        return "/" in self.name  # another tool's marker, e.g. material/tags

    def normalized(self) -> str:
        return f"<!-- {' '.join((self.name, *self.args))} -->"


def find_markers(text: str, first_line: int = 1):
    """Every marker in `text` (from line `first_line` on), outside fenced code and inline code."""
    page = PageSource(rel="", base="", lang="", text=text, meta={}, body_start=first_line)
    for number, line in page.prose_lines():
        if "<!--" not in line:
            continue
        code = [m.span() for m in INLINE_CODE.finditer(line)]
        for match in COMMENT.finditer(line):
            words = match.group("body").split()
            if not words or not NAME.match(words[0]) or any(a <= match.start() < b for a, b in code):
                continue
            yield Marker(words[0], tuple(words[1:]), match.group(0), number, match.start(), match.end(),
                         line.strip() == match.group(0))


def page_markers(page: PageSource) -> tuple[Marker, ...]:
    """Every marker of a page (after its front matter), found once per text (PageSource.derive)."""
    return page.derive("markers", lambda: tuple(find_markers(page.text, page.body_start)))


@dataclass
class Content:
    """What the markers render from: the checked data of this build."""

    catalog: phrases.Catalog | None = None
    terms: list = field(default_factory=list)
    quizzes: dict = field(default_factory=dict)
    emails: dict = field(default_factory=dict)  # email template id -> template
    drills: dict = field(default_factory=dict)  # drill id -> drill
    report: Callable[[], dict] | None = None  # the translation report, computed on first use
    pdf: bool = False  # the PDF handbooks are written by this build
    readings: JsonCache | None = None  # the glossary's zhuyin readings kept between builds (glossary.zhuyin_readings)
    tooltips: dict = field(default_factory=dict)  # language -> the glossary's tooltip rule, made on first use


@dataclass(frozen=True)
class Context:
    """Where a marker is rendered: the page's language and the path from it to the site root."""

    lang: str
    root: str  # "../../" from the page to the site root
    content: Content


@dataclass(frozen=True)
class MarkerKind:
    """A kind of marker: where it may stand, how its uses are checked and how it is rendered."""
    block: bool  # must stand on a line of its own
    check: Callable[[Marker, Content], list[tuple[str, str]]]
    render: Callable[[Marker, Context], str]
    markdown: bool = False  # render() returns Markdown (headings reach the TOC), not HTML
    anchors: Callable[[Marker], set[str]] | None = None  # ids the rendered marker gives its page (links.py)


def _no_args(marker: Marker, content: Content) -> list[tuple[str, str]]:
    return [] if not marker.args else [(f"{marker.name} marker takes no arguments: {marker.raw!r}",
                                        f"write '<!-- {marker.name} -->'")]


MARKERS: dict[str, MarkerKind] = {
    "phrases": MarkerKind(True, lambda m, c: phrases.check_marker(m, c.catalog),
                          lambda m, x: phrases.render_marker(m, x.content.catalog, x.lang), markdown=True),
    "phrase": MarkerKind(False, lambda m, c: phrases.check_marker(m, c.catalog),
                         lambda m, x: phrases.render_marker(m, x.content.catalog, x.lang)),
    "quiz": MarkerKind(True, lambda m, c: quizzes.check_marker(m, c.quizzes),
                       lambda m, x: quizzes.render_quiz(x.content.quizzes[m.args[0]], x.lang)),
    "glossary": MarkerKind(True, _no_args, lambda m, x: glossary.render_table(x.content.terms, x.lang, x.content.readings)),
    "translation-status": MarkerKind(True, _no_args, lambda m, x: report.render(x.content.report(), x.lang),
                                     markdown=True),
    "handbook-downloads": MarkerKind(True, _no_args, lambda m, x: downloads.pdf_links(x.lang, x.root, x.content.pdf)),
    "phrasebook-downloads": MarkerKind(True, _no_args, lambda m, x: downloads.phrasebook_links(x.lang, x.root)),
    "email": MarkerKind(True, lambda m, c: emails.check_marker(m, c.emails),
                        lambda m, x: emails.render_email(x.content.emails[m.args[0]], x.lang), markdown=True,
                        anchors=lambda m: set(m.args[:1])),
    "price-calculator": MarkerKind(True, calculator.check, calculator.render),
    "drill": MarkerKind(True, lambda m, c: drills.check_marker(m, c.drills),
                        lambda m, x: drills.render_drill(x.content.drills[m.args[0]], x.content.catalog, x.lang, x.root)),
    "drill-list": MarkerKind(True, lambda m, c: drills.check_marker(m, c.drills),
                             lambda m, x: drills.render_list(x.content.drills, x.lang, x.root)),
    # Add a kind here: a data file goes into datafiles.DATA_FILES (with its schema) and a Content field.
}


def check_marker(marker: Marker, content: Content) -> list[tuple[str, str]]:
    """(message, fix) for a marker that is unknown, misplaced or names what the data lacks."""
    if marker.foreign:
        return []
    kind = MARKERS.get(marker.name)
    if kind is None:
        return [(f"unknown marker {marker.raw!r}{did_you_mean(marker.name, MARKERS)}", f"use one of: {', '.join(sorted(MARKERS))} (or write an ordinary"
                 " comment that does not start with a lowercase word)")]
    if kind.block and not marker.alone:
        return [(f"{marker.raw!r} must stand on a line of its own", "put the marker on its own line, with blank lines"
                 " around it")]
    return kind.check(marker, content)
