"""PDF handbook: one printable book per language (site/handbook-zh-TW.pdf, site/handbook-en.pdf).

Why: salespeople keep a printed handbook on the desk and mark it up before a meeting, and new
hires get it on paper. The PDF is made from the same build as the site, so it can never say
something the site does not.

What it renders, per language: a cover (handbook title, language, edition = build date), a table
of contents with page numbers, then every page in nav order: nav sections become part titles,
pages become chapters (each page's headings are demoted one level, so its H1 is the chapter
title and the PDF outline reads part > chapter > section). Print-only treatment: checklists
print as empty square boxes, collapsible blocks are expanded, phrase tables repeat their header
on every page and never split a row, glossary tooltips print as plain text, external links print
their URL after the text, internal links become links inside the PDF (every id is prefixed per
chapter, so ids stay unique), Mermaid diagrams are drawn as vector SVG, quiz options print as
a lettered list to mark with a pen (the answer block under each question is expanded like any
other), form controls and download buttons are dropped, and so is anything an author marks
`{.hb-web-only}` (text about on-screen features: filters, play buttons, hovering). The footer carries the page number in
the book's language; the cover has none. Left out: the maintainers' section
(translation status is for the people who edit the handbook, not for readers, and it is stale
the moment it is printed) and the tags page (a list of links to web pages; on paper the table of
contents and the PDF outline do that job).

How: each language's build keeps every page's final HTML (`page.content` after all other
hooks: on_page_content at a low priority) and its nav. After the last language is built (outer
build, on_post_build at a priority below search_i18n's and downloads' -200), one print document
per language is assembled in a temporary folder and printed by Debian's Chromium through
Playwright, from a throwaway HTTP server on 127.0.0.1 that serves the built site (so the
site's own CSS and vendored Mermaid load, no network) plus the print documents. Chromium is
launched once for both languages, in the background when the build starts (a thread runs
Playwright's event loop), so its second of start-up overlaps with MkDocs building the site; a
build that fails or ends closes it.

Engine: Chromium rather than WeasyPrint (mkdocs-to-pdf) or mkdocs-print-site-plugin. Chromium
runs the vendored Mermaid, so diagrams come out as the same vector SVG the site shows;
WeasyPrint runs no JavaScript (diagrams would need a second renderer) and picked Japanese
glyphs. print-site has no i18n support (one language overwrites the other). Chromium (>= 131)
prints CSS @page margin boxes (running header, page numbers), a tagged PDF and an outline from
the headings. It has no `target-counter()`, so table-of-contents page numbers take two passes:
print once, read each chapter's page from the PDF's named destinations (the TOC links to every
chapter) with pypdf, write the numbers into the TOC (fixed-width slots, so pagination does not
move) and print again; the second print's destinations must equal the numbers written, or the
book is printed once more. The first pass only paginates: it paints nothing but the chapter and
part titles (visibility does not change layout) and skips tagging, so it costs a fraction of a
real print. Both languages print side by side in one Chromium.

Fonts: the print CSS names "Noto Serif CJK TC"/"Noto Sans CJK TC" (with lang="zh-TW" on the zh
book), so Chinese gets Taiwan glyph forms, never the Japanese variant that fontconfig may pick
for a bare "Noto Sans CJK". The build asks Chromium (DevTools CSS.getPlatformFontsForNode) which
faces it really drew a sample of the text with, fails on any non-TC CJK face, and logs them:
Chromium embeds these CFF-flavoured OpenType fonts as Type 3 fonts, which `pdffonts` lists
without names, so the log line is the record of which face was used.

Diagrams on the site: the books draw every diagram of the site anyway, so the drawings (SVG,
the print look: neutral colours, real text) are also written into each diagram page of the site
as JSON (#hb-predrawn-diagrams). overrides/main.html hands them to Material as if Mermaid had
drawn them in the reader's browser (same host element and shadow root), and the page never
loads Mermaid: on a phone its 3.5 MB cost about a second of main-thread time. Builds without
PDFs keep drawing in the browser, lazily.

Switches: `HANDBOOK_PDF=0` skips the PDFs and the predrawn diagrams (quick builds); `mkdocs serve` always skips them.
`HANDBOOK_CHROMIUM=<path>` uses another Chromium than Debian's /usr/bin/chromium.
`HANDBOOK_PDF_HTML=<folder>` also keeps the print documents there (to work on the print CSS).
A missing Chromium or a failed render (a script error, a file that does not load, a diagram
Mermaid cannot draw) stops the build with the cause and the fix.

For other hooks: the book takes each page's HTML at on_page_content priority -150, so a hook
that changes page content must run before that (the default priority 0 does).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import json
import logging
import os
import posixpath
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

import _handbook as hb

PDF_NAME = "handbook-{lang}.pdf"  # hooks/downloads.py links to the same names
SWITCH = "HANDBOOK_PDF"
KEEP_HTML = "HANDBOOK_PDF_HTML"
OFF_VALUES = {"0", "false", "no", "off"}
CHROMIUM = "/usr/bin/chromium"  # Debian's package; HANDBOOK_CHROMIUM=<path> points elsewhere
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
FIX = "install Debian's chromium (apt-get install chromium fonts-noto-cjk, or bash .ci/setup), or build with HANDBOOK_PDF=0"
# Pages left out of the book (see the module docstring), by source path without language suffix.
SKIP_PAGES = ("tags",)
SKIP_FOLDERS = ("maintainers/",)
RENDER_TIMEOUT_MS = 120_000
PRINT_PREFIX = "/__handbook_print__/"

log = logging.getLogger("mkdocs.hooks.pdf_handbook")

TEXT = {
    "zh-TW": {
        "edition": "{name}版", "date": "{date}版", "contents": "目錄",
        "page": '"第 " counter(page) " 頁，共 " counter(pages) " 頁"',
        # Latin first: the CJK fonts' own Latin letters are wide and loosely spaced, and the zh book
        # quotes a lot of English; Chinese falls through to the Traditional Chinese (TC) faces.
        "fonts": '"Liberation Serif", "Noto Serif CJK TC", "Noto Serif TC", serif',
        "sans": '"Liberation Sans", "Noto Sans CJK TC", "Noto Sans TC", sans-serif',
    },
    "en": {
        "edition": "{name} edition", "date": "Edition of {date}", "contents": "Contents",
        "page": '"Page " counter(page) " of " counter(pages)',
        "fonts": '"Liberation Serif", "Noto Serif CJK TC", serif',
        "sans": '"Liberation Sans", "Noto Sans CJK TC", sans-serif',
    },
}


def _date(day: dt.date, lang: str) -> str:
    if lang.startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%B')} {day.year}"


# --------------------------------------------------------------------------- per-build state


@dataclass
class Language:
    """What one language's build leaves for the book."""

    lang: str
    site_name: str
    description: str
    copyright: str
    nav: object = None
    home_url: str = ""
    content: dict = field(default_factory=dict)  # page url -> final HTML of the page body
    diagrams: dict = field(default_factory=dict)  # output file of a page -> its diagrams' Mermaid text


_state: dict = {"command": None, "languages": {}}


def enabled() -> bool:
    if _state["command"] == "serve":
        return False
    return os.environ.get(SWITCH, "1").strip().lower() not in OFF_VALUES


def on_startup(command, dirty):
    _state["command"] = command
    if enabled():
        browser.start(_chromium_path())


def on_build_error(error):
    browser.stop()


def on_shutdown():
    browser.stop()


def on_pre_build(config):
    if hb.is_outer_build(config):
        _state["languages"] = {}


@event_priority(-150)  # after mkdocs-static-i18n (-100) has translated the nav
def on_nav(nav, config, files):
    if not enabled() or not nav.pages:
        return nav
    lang = hb.page_language(nav.pages[0])
    _state["languages"][lang] = Language(
        lang=lang, site_name=config.site_name or "", description=config.site_description or "",
        copyright=config.copyright or "", nav=nav,
        home_url=(nav.homepage.url if nav.homepage else nav.pages[0].url) or "",
    )
    return nav


@event_priority(-150)  # after every other hook has rewritten the page
def on_page_content(html_text, page, config, files):
    if enabled():
        book = _state["languages"].get(hb.page_language(page))
        if book is not None:
            book.content[page.url] = html_text
            texts = diagram_texts(html_text)
            if texts:
                book.diagrams[Path(page.file.abs_dest_path)] = texts
    return html_text


@event_priority(-300)  # after search_i18n and downloads (-200), i.e. after every language is built
def on_post_build(config):
    if not (hb.is_outer_build(config) and enabled()):
        return
    books = _state["languages"]
    missing = [lang for lang in hb.LANGUAGES if lang not in books]
    if missing:
        raise hb.HandbookError(f"PDF handbook: no pages were collected for {', '.join(missing)}; "
                               "is the language built (plugins.i18n.languages, build: true)?")
    names = {l.locale: l.name for l in config.plugins["i18n"].config.languages}
    started = time.monotonic()
    results, diagrams = render_books(Path(config.site_dir), [books[lang] for lang in hb.LANGUAGES], names, dt.date.today())
    log.info("PDF handbooks written and %d diagram(s) drawn for the site in %.1f s", diagrams, time.monotonic() - started)
    for lang, (pages, fonts) in results.items():
        main = sorted(fonts, key=fonts.get, reverse=True)
        log.info("PDF handbook %s: %s, %d pages; fonts: %s", lang, PDF_NAME.format(lang=lang), pages, ", ".join(main))


# --------------------------------------------------------------------------- the print document


@dataclass
class Chapter:
    number: int
    page: Page
    url: str
    anchor: str
    title: str = ""
    html: str = ""
    ids: dict = field(default_factory=dict)  # original id -> id in the book


@dataclass
class Part:
    number: int
    title: str
    anchor: str
    chapters: list = field(default_factory=list)


def _base_of(page: Page) -> str:
    src = page.file.src_uri
    match = hb.PAGE_NAME.match(src)
    return match.group("base") if match else src.removesuffix(".md")


def _skipped(page: Page) -> bool:
    base = _base_of(page)
    return base in SKIP_PAGES or base.startswith(SKIP_FOLDERS)


def outline(book: Language) -> list:
    """The book's structure in nav order: Parts and Chapters (chapters outside any section stand alone)."""
    items: list = []
    counter = {"part": 0, "chapter": 0}

    def chapter(page):
        counter["chapter"] += 1
        return Chapter(counter["chapter"], page, page.url, f"ch-{counter['chapter']}")

    def walk(entries, part):
        for entry in entries:
            if isinstance(entry, Section):
                counter["part"] += 1
                new = Part(counter["part"], entry.title, f"part-{counter['part']}")
                walk(entry.children, new)
                if new.chapters:
                    items.append(new)
            elif isinstance(entry, Page) and not _skipped(entry):
                if entry.url not in book.content:
                    raise hb.HandbookError(f"PDF handbook ({book.lang}): {entry.file.src_uri} is in the nav but "
                                           "was not rendered; is it excluded from the build?")
                (part.chapters if part else items).append(chapter(entry))

    walk(book.nav.items, None)
    return items


def chapters_of(items) -> list[Chapter]:
    result = []
    for item in items:
        result.extend(item.chapters if isinstance(item, Part) else [item])
    return result


ID_ATTR = re.compile(r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls))="([^"]*)"')
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
HEADING = re.compile(r"<(/?)h([1-6])\b")
FIRST_H1 = re.compile(r"<h1\b([^>]*)>(.*?)</h1>", re.S)
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
HREF = re.compile(r'\shref="([^"]*)"')
SRC = re.compile(r'(\s(?:src|data-src))="([^"]*)"')
MERMAID = re.compile(r'<pre class="mermaid"><code>(.*?)</code></pre>|<div class="mermaid">(.*?)</div>', re.S)


def diagram_texts(html_text: str) -> list[str]:
    """The Mermaid text of each diagram of a page, as the browser sees it (the textContent that
    Material hands to Mermaid, and that the book's drawing step reads)."""
    return [html.unescape(m.group(1) if m.group(1) is not None else m.group(2)) for m in MERMAID.finditer(html_text)]
CHECKBOX = re.compile(r'<label class="task-list-control">.*?</label>|<input type="checkbox"[^>]*>', re.S)
ABBR = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)
DETAILS = re.compile(r"<details\b(?![^>]*\sopen)")
TAG = re.compile(r"<[^>]+>")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def _resolve(page_url: str, href: str) -> tuple[str, str]:
    """A relative link of a page -> (site path without leading slash, fragment)."""
    parts = urlsplit(href)
    if not parts.path:
        return page_url, unquote(parts.fragment)
    joined = posixpath.normpath(posixpath.join("/" + posixpath.dirname("/" + page_url), unquote(parts.path)))
    path = joined.lstrip("/")
    if parts.path.endswith("/") and path:
        path += "/"
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if path == ".":
        path = ""
    return path, unquote(parts.fragment)


def prepare_chapter(chapter: Chapter, content: str) -> None:
    """Demote headings, make ids unique in the book, and apply the print-only rewrites."""
    text = HEADERLINK.sub("", content)
    first = FIRST_H1.search(text)
    if first:
        title_html = first.group(2)
        id_match = re.search(r'\sid="([^"]*)"', first.group(1))
        if id_match:
            chapter.ids[html.unescape(id_match.group(1))] = chapter.anchor
        text = text[: first.start()] + text[first.end():]
    else:
        title_html = html.escape(chapter.page.title or "")
    chapter.title = " ".join(html.unescape(TAG.sub("", title_html)).split())
    text = HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", text)

    counter = {"n": 0}

    def new_id(original: str) -> str:
        if original not in chapter.ids:
            counter["n"] += 1
            chapter.ids[original] = f"c{chapter.number}-{counter['n']}"
        return chapter.ids[original]

    for match in re.finditer(r'\sid="([^"]*)"', text):
        new_id(html.unescape(match.group(1)))

    def ids(match):
        values = [chapter.ids.get(html.unescape(v), f"c{chapter.number}-x-{v}") for v in match.group(2).split()]
        return f'{match.group(1)}="{html.escape(" ".join(values), quote=True)}"'

    text = ID_ATTR.sub(ids, text)
    text = MERMAID.sub(lambda m: f'<div class="hb-diagram">{m.group(1) if m.group(1) is not None else m.group(2)}</div>', text)
    text = CHECKBOX.sub('<span class="hb-box" aria-hidden="true"></span>', text)
    text = ABBR.sub(r"\1", text)
    text = DETAILS.sub("<details open", text)
    chapter.html = (f'<h2 class="hb-chapter-title" id="{chapter.anchor}">{title_html}</h2>\n{text}')


def link_chapter(chapter: Chapter, by_url: dict[str, Chapter]) -> None:
    """Turn every link into a link inside the book, an external link, or plain text."""

    def link(match):
        attrs, body = match.group(1), match.group(2)
        href_match = HREF.search(attrs)
        if not href_match:
            return match.group(0)
        href = html.unescape(href_match.group(1))
        if EXTERNAL.match(href):
            bare = " ".join(html.unescape(TAG.sub("", body)).split())
            extra = ' data-hb-bare=""' if bare.rstrip("/") in (href.rstrip("/"), href.split(":", 1)[-1].strip("/")) else ""
            return f'<a href="{html.escape(href, quote=True)}"{extra}>{body}</a>'
        path, fragment = _resolve(chapter.url, href)
        target = by_url.get(path)
        if target is None:
            return f'<span class="hb-link-off">{body}</span>'
        anchor = target.ids.get(fragment, target.anchor) if fragment else target.anchor
        return f'<a href="#{anchor}">{body}</a>'

    text = LINK.sub(link, chapter.html)

    def source(match):
        value = html.unescape(match.group(2))
        if EXTERNAL.match(value) or value.startswith(("data:", "/")):
            return match.group(0)
        path, _ = _resolve(chapter.url, value)
        return f'{match.group(1)}="/{html.escape(path, quote=True)}"'

    chapter.html = SRC.sub(source, text)


STYLESHEET = re.compile(r'<link\b[^>]*rel="stylesheet"[^>]*>')


def stylesheets(site_dir: Path, home_url: str) -> list[str]:
    """The site's own stylesheets (theme, palette, extra_css), as root-relative URLs."""
    home = site_dir / home_url / "index.html"
    if not home.is_file():
        raise hb.HandbookError(f"PDF handbook: the built home page {home} is missing")
    result = []
    for tag in STYLESHEET.findall(home.read_text(encoding="utf-8")):
        href = HREF.search(tag)
        if href and not EXTERNAL.match(href.group(1)):
            path, _ = _resolve(home_url + "index.html" if home_url else "index.html", html.unescape(href.group(1)))
            result.append("/" + path)
    return result


PRINT_CSS = """
@page {
  size: A4;
  margin: 20mm 18mm 20mm 18mm;
  @top-left { content: "__TITLE__"; font: 8pt __SANS__; color: #777; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: "__EDITION__"; font: 8pt __SANS__; color: #777; vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-center { content: __PAGE__; font: 8.5pt __SANS__; color: #444; vertical-align: top; padding-top: 4mm; }
}
@page :first {
  @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; }
}
html { font-size: 13.125pt; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: #1a1a1a; }
/* Fonts: the site's :lang() rules would give every element the screen font; here each block
   names its font and everything inside inherits it. Naming the TC fonts keeps Chinese glyphs in
   their Traditional (Taiwan) form, never the Japanese variant. */
body.hb-book *, body.hb-book *:lang(zh-TW), body.hb-book *:lang(en) { font-family: inherit; }
body.hb-book, body.hb-book .md-typeset { font-family: __FONTS__; }
body.hb-book.hb-book :is(h1, h2, h3, h4, h5, h6, table, .admonition-title, summary, .hb-toc, .hb-cover, .hb-diagram) {
  font-family: __SANS__; }
body.hb-book.hb-book :is(code, kbd, pre) { font-family: "Noto Sans Mono CJK TC", "Liberation Mono", monospace; }
.md-typeset { font-size: 10.5pt; line-height: 1.75; color: #1a1a1a; }
.md-typeset a { color: #1f3a93; text-decoration: none; }
.md-typeset a[href^="http"]:not([data-hb-bare])::after {
  content: " (" attr(href) ")"; font-size: .85em; color: #555; word-break: break-all;
}
.hb-link-off { color: inherit; }
.md-typeset p, .md-typeset li { orphans: 2; widows: 2; }

/* Cover */
.hb-cover { height: 250mm; display: flex; flex-direction: column; break-after: page; color: #1a237e; }
.hb-cover img { width: 28mm; height: 28mm; margin-top: 30mm; }
.hb-cover .hb-cover-title { font-size: 30pt; font-weight: 700; line-height: 1.3; margin: 18mm 0 6mm; letter-spacing: .02em; }
.hb-cover .hb-cover-lead { font-size: 12.5pt; color: #333; line-height: 1.7; max-width: 140mm; }
.hb-cover .hb-cover-rule { border: 0; border-top: 2pt solid #3949ab; width: 40mm; margin: 10mm 0; }
.hb-cover .hb-cover-lang { font-size: 14pt; font-weight: 600; color: #1a237e; }
.hb-cover .hb-cover-date { font-size: 11pt; color: #444; margin-top: 2mm; }
.hb-cover .hb-cover-copyright { margin-top: auto; font-size: 9pt; color: #666; }

/* Table of contents: numbers sit in fixed-width slots so filling them in moves nothing. */
.hb-toc { break-after: page; font-size: 10.5pt; }
.hb-toc .hb-toc-title { font-size: 20pt; font-weight: 700; color: #1a237e; margin: 0 0 8mm; }
.hb-book .md-typeset .hb-toc ol { list-style: none; margin: 0; padding: 0; }
.hb-book .md-typeset .hb-toc li { list-style: none; margin: 0; padding: 0; }
.hb-book .md-typeset .hb-toc a { display: flex; align-items: baseline; color: #1a1a1a; text-decoration: none !important; line-height: 1.6; }
.hb-toc .hb-toc-part > a { font-weight: 700; margin-top: 4mm; color: #1a237e; }
.hb-toc .hb-toc-chapter > a { padding-left: 6mm; }
.hb-toc .hb-toc-text { flex: 0 1 auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.hb-toc .hb-toc-dots { flex: 1 1 auto; border-bottom: 1px dotted #999; margin: 0 2mm; transform: translateY(-.3em); min-width: 8mm; }
.hb-toc .hb-toc-page { flex: 0 0 12mm; text-align: right; font-variant-numeric: tabular-nums; }

/* Parts and chapters. Headings get a line-height of at least Noto CJK's own (1.45): glyphs that
   stick out above the top of a page are painted on the page before as well, and Chromium then
   names that heading's bookmark twice ("新人上手新人上手"). */
.hb-part { break-before: page; margin: 0 0 10mm; padding: 1mm 0 4mm; border-bottom: 1.5pt solid #3949ab; }
.md-typeset h1.hb-part-title { font-size: 22pt; font-weight: 700; color: #1a237e; margin: 0; line-height: 1.5; letter-spacing: normal; }
.hb-chapter { break-before: page; padding-top: 1mm; }
.hb-part + .hb-chapter { break-before: auto; }
.md-typeset h2.hb-chapter-title { font-size: 18pt; font-weight: 700; color: #1a237e; margin: 0 0 5mm; line-height: 1.5;
  border: 0; padding: 0; letter-spacing: normal; }
.md-typeset h3 { font-size: 13.5pt; font-weight: 700; margin: 7mm 0 2mm; color: #222; break-after: avoid; letter-spacing: normal; line-height: 1.5; }
.md-typeset h4 { font-size: 11.5pt; font-weight: 700; margin: 5mm 0 1.5mm; color: #222; break-after: avoid; letter-spacing: normal; line-height: 1.5; }
.md-typeset h5, .md-typeset h6 { font-size: 10.5pt; font-weight: 700; margin: 4mm 0 1mm; color: #222; text-transform: none; break-after: avoid; line-height: 1.5; }
.md-typeset h2 + *, .md-typeset h3 + *, .md-typeset h4 + * { break-before: avoid; }

/* Tables: header repeated on every page, rows never split */
.md-typeset .md-typeset__table, .md-typeset .md-typeset__scrollwrap { display: block; overflow: visible; padding: 0; margin: 3mm 0; }
.hb-book .md-typeset table { display: table; width: 100%; border-collapse: collapse; font-size: 8.8pt; line-height: 1.5;
  border: .5pt solid #bbb; border-radius: 0; box-shadow: none; overflow: visible; }
.md-typeset table thead { display: table-header-group; }
.md-typeset table tr { break-inside: avoid; page-break-inside: avoid; }
.md-typeset table th { background: #e8eaf6; color: #1a237e; font-weight: 700; text-align: left; }
.md-typeset table th, .md-typeset table td { border: .5pt solid #bbb; padding: 1.6mm 2.2mm; vertical-align: top; min-width: 0; }
.md-typeset table.hb-phrase-table td[lang="en"] { font-weight: 500; }
.md-typeset .hb-phrase-note { color: #444; }
.md-typeset table.hb-phrase-table td.hb-phrase-situation { width: 15%; color: #444; }
.md-typeset .hb-slot { color: #1f3a93; background: #eef0fa; }

/* Checklists: empty square boxes to tick with a pen */
.md-typeset .task-list-item { list-style: none; position: relative; }
.md-typeset .hb-box { display: inline-block; width: .8em; height: .8em; border: 1pt solid #333; border-radius: 1pt;
  vertical-align: -.05em; margin: 0 .5em 0 -1.4em; background: #fff; }

/* Callouts and collapsible blocks: kept whole where they fit, always open */
.md-typeset .admonition, .md-typeset details { break-inside: avoid; box-shadow: none; font-size: 9.5pt;
  border-width: 0 0 0 1.2mm; border-radius: 0; }
.md-typeset summary::after, .md-typeset summary::marker { display: none; content: none; }
.md-typeset summary { padding-right: .6rem; }
.md-typeset .tabbed-set > input, .md-typeset .tabbed-labels { display: none; }
.md-typeset .tabbed-content > .tabbed-block { display: block !important; }

/* Diagrams */
.hb-diagram { break-inside: avoid; margin: 4mm 0; text-align: center; }
.hb-diagram svg { max-width: 100% !important; max-height: 150mm; height: auto; }

/* Quizzes: options as a lettered list to mark with a pen; the answer prints under each question */
.md-typeset .hb-quiz form { margin: 3mm 0; break-inside: avoid; }
.md-typeset .hb-quiz fieldset { border: .5pt solid #bbb; border-radius: 1mm; padding: 2mm 4mm 2mm; margin: 0; }
.md-typeset .hb-quiz legend { float: left; width: 100%; font-weight: 700; padding: 0; margin: 0 0 1mm; }
.md-typeset .hb-quiz legend + * { clear: both; }
.md-typeset .hb-quiz-number { color: #1a237e; margin-right: .4em; }
.md-typeset .hb-quiz-options { margin: 1mm 0 2mm; break-inside: avoid; }
.md-typeset .hb-quiz-option { display: block; margin: 1.2mm 0; padding-left: 7mm; text-indent: -7mm; }
.md-typeset .hb-quiz-letter { display: inline-block; width: 4.6mm; height: 4.6mm; line-height: 4.3mm; text-indent: 0;
  border: .8pt solid #333; border-radius: 50%; text-align: center; font: 700 7.5pt __SANS__; margin-right: 2.4mm; }
.md-typeset .hb-quiz-answer { break-inside: avoid; }

/* Web-only: form controls, download buttons, tooltips */
.hb-book input, .hb-book button, .hb-quiz-feedback { display: none !important; }
.hb-downloads, .md-typeset .md-button, .hb-check-reset, .md-tags, .hb-web-only { display: none !important; }
.md-typeset pre > code { white-space: pre-wrap; word-break: break-word; }
.md-typeset img { max-width: 100%; break-inside: avoid; }
"""

BOOT_JS = """
async () => {
  const nodes = Array.from(document.querySelectorAll('.hb-diagram'));
  if (!nodes.length) return {};
  if (typeof mermaid === 'undefined') throw new Error('the vendored Mermaid script did not load');
  mermaid.initialize({
    startOnLoad: false, securityLevel: 'strict', theme: 'neutral', htmlLabels: false,
    flowchart: { htmlLabels: false, useMaxWidth: true, rankSpacing: 32, nodeSpacing: 28, padding: 10, wrappingWidth: 260 },
    fontFamily: __FONT__, themeVariables: { fontFamily: __FONT__, fontSize: '16px' },
  });
  const drawings = {};
  for (const [index, node] of nodes.entries()) {
    try {
      // Drawn under a placeholder id, kept for the site (see "Diagrams on the site"), then given
      // an id of its own in the book.
      const text = node.textContent;
      const { svg } = await mermaid.render('hb-predrawn', text);
      drawings[text] = svg;
      node.innerHTML = svg.split('hb-predrawn').join(`hb-diagram-${index}`);
    } catch (error) {
      const chapter = node.closest('.hb-chapter')?.querySelector('.hb-chapter-title')?.textContent ?? '?';
      const message = (error && (error.message || error.str)) || JSON.stringify(error);
      throw new Error(`diagram ${index + 1} (in "${chapter.trim()}"): ${String(message).split('\\n').slice(0, 4).join(' ')}`);
    }
  }
  const bad = nodes.filter((n) => !n.querySelector('svg'));
  if (bad.length) throw new Error(bad.length + ' diagram(s) were not drawn');
  return drawings;
}
"""


def _mermaid_script(site_dir: Path) -> str:
    found = sorted((site_dir / "assets" / "javascripts" / "vendor").glob("mermaid-*.min.js"))
    if not found:
        raise hb.HandbookError("PDF handbook: the vendored Mermaid script (assets/javascripts/vendor/mermaid-*.min.js) "
                               "is not in the built site; the diagrams cannot be drawn")
    return "/" + found[-1].relative_to(site_dir).as_posix()


def document(book: Language, language_name: str, today: dt.date, site_dir: Path, logo: str | None) -> tuple[str, list]:
    """The print document of one language, and its book structure."""
    items = outline(book)
    chapters = chapters_of(items)
    if not chapters:
        raise hb.HandbookError(f"PDF handbook ({book.lang}): the nav has no pages to print")
    by_url = {c.url: c for c in chapters}
    for chapter in chapters:
        prepare_chapter(chapter, book.content[chapter.url])
    for chapter in chapters:
        link_chapter(chapter, by_url)

    text = TEXT.get(book.lang)
    if text is None:
        raise hb.HandbookError(f"PDF handbook: no print texts for language {book.lang!r}; add it to TEXT in hooks/pdf_handbook.py")
    esc = html.escape
    edition = text["edition"].format(name=language_name)
    date = text["date"].format(date=_date(today, book.lang))

    def toc_entry(kind, anchor, title):
        return (f'<li class="hb-toc-{kind}"><a href="#{anchor}"><span class="hb-toc-text">{esc(title)}</span>'
                f'<span class="hb-toc-dots"></span><span class="hb-toc-page" data-for="{anchor}"></span></a>')

    toc, body = [], []
    for item in items:
        if isinstance(item, Part):
            toc.append(toc_entry("part", item.anchor, item.title))
            toc.append("<ol>" + "".join(toc_entry("chapter", c.anchor, c.title) + "</li>" for c in item.chapters) + "</ol></li>")
            body.append(f'<div class="hb-part"><h1 class="hb-part-title" id="{item.anchor}">{esc(item.title)}</h1></div>')
            body.extend(f'<section class="hb-chapter">{c.html}</section>' for c in item.chapters)
        else:
            toc.append(toc_entry("chapter hb-toc-single", item.anchor, item.title) + "</li>")
            body.append(f'<section class="hb-chapter">{item.html}</section>')

    css = (PRINT_CSS.replace("__TITLE__", book.site_name.replace('"', "'"))
           .replace("__EDITION__", f"{edition} · {date}".replace('"', "'"))
           .replace("__PAGE__", text["page"]).replace("__FONTS__", text["fonts"]).replace("__SANS__", text["sans"]))
    links = "".join(f'<link rel="stylesheet" href="{esc(href)}">' for href in stylesheets(site_dir, book.home_url))
    needs_mermaid = any("hb-diagram" in c.html for c in chapters)
    script = f'<script src="{_mermaid_script(site_dir)}"></script>' if needs_mermaid else ""
    logo_html = f'<img src="/{esc(logo)}" alt="">' if logo and (site_dir / logo).is_file() else ""
    page = f"""<!doctype html>
<html lang="{book.lang}" dir="ltr"><head><meta charset="utf-8"><title>{esc(book.site_name)}</title>
<meta name="author" content="{esc(book.copyright)}">{links}<style>{css}</style>{script}</head>
<body class="hb-book" dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo"><div class="md-typeset">
<div class="hb-cover">{logo_html}<div class="hb-cover-title">{esc(book.site_name)}</div>
<div class="hb-cover-lead">{esc(book.description)}</div><hr class="hb-cover-rule">
<div class="hb-cover-lang">{esc(edition)}</div><div class="hb-cover-date">{esc(date)}</div>
<div class="hb-cover-copyright">{esc(book.copyright)}</div></div>
<nav class="hb-toc"><div class="hb-toc-title">{esc(text["contents"])}</div><ol>{"".join(toc)}</ol></nav>
{"".join(body)}
</div></body></html>"""
    return page, items


# --------------------------------------------------------------------------- rendering


def _print_server(print_dir: str, site_dir: Path):
    """A local HTTP server for Chromium: the site, plus the assembled books under PRINT_PREFIX.
    (Imported here: a build without PDFs never loads the server modules.)"""
    import http.server
    import socketserver

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            clean = urlsplit(path).path
            if clean.startswith(PRINT_PREFIX):
                return os.path.join(print_dir, posixpath.basename(unquote(clean)))
            return super().translate_path(path)

        def log_message(self, *args):
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    return Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(site_dir)))


def _destinations(pdf: bytes) -> tuple[dict[str, int], int]:
    """Named destination -> 1-based page number, and the number of pages."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    result = {}
    for name, dest in reader.named_destinations.items():
        try:
            result[str(name).lstrip("/")] = reader.get_destination_page_number(dest) + 1
        except Exception:  # noqa: BLE001 - a destination pypdf cannot place is simply not used
            continue
    return result, len(reader.pages)


FILL_TOC_JS = """
(numbers) => {
  for (const slot of document.querySelectorAll('.hb-toc-page')) {
    slot.textContent = numbers[slot.dataset.for] ?? '';
  }
}
"""


PAGINATE_ONLY_JS = """
(on) => {
  let style = document.getElementById('hb-paginate-only');
  if (on && !style) {
    style = document.createElement('style');
    style.id = 'hb-paginate-only';
    style.textContent = 'body * { visibility: hidden !important; } '
      + '.hb-part-title, .hb-chapter-title { visibility: visible !important; }';
    document.head.append(style);
  } else if (!on && style) {
    style.remove();
  }
}
"""


async def _print(page, anchors: list[str], lang: str) -> tuple[bytes, int]:
    """Print, number the TOC from the printed PDF, print again; the numbers must then hold."""
    import asyncio

    numbers: dict[str, int] = {}
    for attempt in range(3):
        # The first pass only has to paginate: it skips tagging and the outline, and paints only
        # the headings the TOC points at (visibility does not change the layout, so the pages
        # break exactly as in the final print, at a fraction of the cost).
        final = attempt > 0
        await page.evaluate(PAGINATE_ONLY_JS, not final)
        pdf = await page.pdf(prefer_css_page_size=True, print_background=True, outline=final, tagged=final,
                             display_header_footer=False)
        found, pages = await asyncio.to_thread(_destinations, pdf)
        missing = [a for a in anchors if a not in found]
        if missing:
            raise hb.HandbookError(f"PDF handbook ({lang}): Chromium wrote no destination for {missing[:5]}; "
                                   "cannot number the table of contents")
        current = {a: found[a] for a in anchors}
        if final and current == numbers:
            return pdf, pages
        numbers = current
        await page.evaluate(FILL_TOC_JS, {a: str(n) for a, n in numbers.items()})
    raise hb.HandbookError(f"PDF handbook ({lang}): the table of contents page numbers did not settle "
                           "after three passes (a TOC entry changed the pagination)")


def render_books(site_dir: Path, books: list[Language], names: dict[str, str], today: dt.date) -> tuple[dict, int]:
    """Assemble and print every language's book, and draw the site's diagrams; returns (page
    count, fonts used) per language, and the number of diagrams drawn."""
    browser.start(_chromium_path())  # started at on_startup already, unless the build began elsewhere

    with tempfile.TemporaryDirectory(prefix="handbook-pdf-") as print_dir:
        jobs = []
        for book in books:
            source, items = document(book, names.get(book.lang, book.lang), today, site_dir, _logo(site_dir))
            Path(print_dir, f"{book.lang}.html").write_text(source, encoding="utf-8")
            anchors = [a for item in items for a in ([item.anchor] + [c.anchor for c in getattr(item, "chapters", [])])]
            jobs.append((book, anchors))
        if os.environ.get(KEEP_HTML):
            keep = Path(os.environ[KEEP_HTML])
            keep.mkdir(parents=True, exist_ok=True)
            for name in os.listdir(print_dir):
                shutil.copy2(Path(print_dir, name), keep / name)

        server = _print_server(print_dir, site_dir)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            pdfs, drawings = browser.run(lambda chromium: _render_all(chromium, base, jobs))
        finally:
            server.shutdown()
            server.server_close()
    report = {}
    for lang, ((pdf, pages), fonts) in pdfs.items():
        (site_dir / PDF_NAME.format(lang=lang)).write_bytes(pdf)
        report[lang] = (pages, fonts)
    return report, write_predrawn({path: texts for book in books for path, texts in book.diagrams.items()}, drawings)


# --------------------------------------------------------------------------- the site's diagrams

PREDRAWN_ID = "hb-predrawn-diagrams"  # overrides/main.html reads this element


def write_predrawn(diagrams: dict[Path, list[str]], drawings: dict[str, str]) -> int:
    """Write the drawings into each diagram page; returns how many diagrams the site got. A page
    whose diagram the books did not draw (a page left out of the books) keeps lazy Mermaid."""
    count = 0
    for path, sources in diagrams.items():
        if not all(source in drawings for source in sources):
            log.info("diagrams: %s is not in the books; its diagrams are drawn in the browser", path)
            continue
        count += len(sources)
        data = json.dumps({source: drawings[source] for source in sources}, ensure_ascii=False, sort_keys=True)
        data = data.replace("</", "<\\/")  # "<\/" is "</" to JSON and never ends the <script>
        text = path.read_text(encoding="utf-8")
        if text.count("</body>") != 1:
            raise hb.HandbookError(f"diagrams: cannot place the predrawn diagrams in {path} (no single </body>)")
        element = f'<script type="application/json" id="{PREDRAWN_ID}">{data}</script>'
        path.write_text(text.replace("</body>", element + "</body>"), encoding="utf-8")
    return count


def _chromium_path() -> str:
    return os.environ.get("HANDBOOK_CHROMIUM") or shutil.which("chromium") or CHROMIUM


class BackgroundChromium:
    """One headless Chromium, driven by Playwright on an event loop in a background thread.

    `start()` returns at once; the launch proceeds while MkDocs builds the site. `run(work)`
    waits for the launch, runs `work(browser)` (a coroutine function) on the loop and returns
    its result; launch failures surface there, as the build failure they are."""

    def __init__(self):
        self.loop = self.thread = self.launched = self.playwright = None

    def start(self, chromium: str) -> None:
        if self.thread is not None:
            return
        import asyncio  # here, not at the top: a build without PDFs never loads it

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="handbook-pdf", daemon=True)
        self.thread.start()
        self.launched = asyncio.run_coroutine_threadsafe(self._launch(chromium), self.loop)

    async def _launch(self, chromium: str):
        if not Path(chromium).is_file():
            raise hb.HandbookError(f"PDF handbook: Chromium is not installed ({chromium} is missing); {FIX}")
        try:
            from playwright.async_api import Error as PlaywrightError
            from playwright.async_api import async_playwright
        except ImportError as exc:
            raise hb.HandbookError(f"PDF handbook: Python Playwright is not installed ({exc}); "
                                   "pip install -r requirements.txt, or build with HANDBOOK_PDF=0") from exc
        self.playwright = await async_playwright().start()
        try:
            return await self.playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        except PlaywrightError as exc:
            raise hb.HandbookError(f"PDF handbook: Chromium ({chromium}) did not start: "
                                   f"{str(exc).splitlines()[0]}; {FIX}") from exc

    def run(self, work):
        import asyncio

        from playwright.async_api import Error as PlaywrightError

        chromium = self.launched.result()
        try:
            return asyncio.run_coroutine_threadsafe(work(chromium), self.loop).result()
        except PlaywrightError as exc:
            raise hb.HandbookError(f"PDF handbook: rendering failed: {str(exc).splitlines()[0]}; {FIX}") from exc

    def stop(self) -> None:
        if self.thread is None:
            return
        import asyncio

        async def close():
            if self.launched.done() and not self.launched.cancelled() and not self.launched.exception():
                await self.launched.result().close()
            if self.playwright is not None:
                await self.playwright.stop()

        try:
            self.launched.cancel()
            asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=60)
        except Exception as exc:  # noqa: BLE001 - closing after a failure must not hide that failure
            log.debug("PDF handbook: closing Chromium: %s", exc)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
            self.loop.close()
            self.loop = self.thread = self.launched = self.playwright = None


browser = BackgroundChromium()


async def _render_all(chromium, base: str, jobs: list) -> tuple[dict, dict]:
    """Both languages print side by side in one Chromium (one renderer process each). Returns
    ((pdf, page count), fonts) per language, and every diagram drawn (Mermaid text -> SVG) for the site."""
    import asyncio

    results = await asyncio.gather(*(_render_one(chromium, base, book, anchors) for book, anchors in jobs))
    drawings = {text: svg for _, _, drawn in results for text, svg in drawn.items()}
    return {book.lang: (pdf, fonts) for (book, _), (pdf, fonts, _) in zip(jobs, results)}, drawings


def _logo(site_dir: Path) -> str | None:
    logo = site_dir / "assets" / "images" / "logo.svg"
    return "assets/images/logo.svg" if logo.is_file() else None


async def _render_one(chromium, base: str, book: Language, anchors: list[str]) -> tuple[bytes, dict]:
    context = await chromium.new_context(locale=book.lang)
    page = await context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on("requestfailed", lambda request: problems.append(f"could not load {request.url}"))
    page.on("response", lambda response: problems.append(f"HTTP {response.status} for {response.url}")
            if response.status >= 400 else None)
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    try:
        await page.goto(f"{base}{PRINT_PREFIX}{book.lang}.html", wait_until="load")
        try:
            drawings = await page.evaluate(BOOT_JS.replace("__FONT__", json.dumps(TEXT[book.lang]["sans"])))
        except Exception as exc:  # noqa: BLE001 - reported with the cause
            detail = re.sub(r"^\w+\.evaluate: (Error: )?", "", str(exc).splitlines()[0])
            raise hb.HandbookError(f"PDF handbook ({book.lang}): Mermaid could not draw {detail}\n"
                                   "    Fix: correct the diagram's Mermaid syntax (the site shows the same error on that page)") from exc
        await page.evaluate("document.fonts.ready.then(() => true)")
        if problems:
            raise hb.HandbookError(f"PDF handbook ({book.lang}): the print document did not load cleanly: "
                                   + "; ".join(problems[:5]))
        fonts = await _fonts_used(page, book.lang)
        return await _print(page, anchors, book.lang), fonts, drawings
    finally:
        await context.close()


# Text whose fonts are checked: titles, the TOC, and a sample of paragraphs, list items and cells.
FONT_SAMPLE_JS = """
() => {
  const picked = [];
  const take = (selector, limit) => {
    const nodes = Array.from(document.querySelectorAll(selector)).filter((n) => n.textContent.trim());
    const step = Math.max(1, Math.floor(nodes.length / limit));
    for (let i = 0; i < nodes.length && picked.length < 400; i += step) picked.push(nodes[i]);
  };
  take('.hb-cover-title, .hb-toc-text, .hb-part-title, .hb-chapter-title', 20);
  take('.hb-chapter p', 24); take('.hb-chapter li', 12); take('.hb-chapter td', 24);
  take('.hb-chapter h3, .hb-chapter h4', 10);
  picked.forEach((node, i) => node.setAttribute('data-hb-font-sample', String(i)));
  return picked.length;
}
"""


async def _fonts_used(page, lang: str) -> dict[str, int]:
    """The fonts Chromium actually draws a sample of the book with (family -> glyphs). Chinese must
    come from a Traditional Chinese (TC) face: a JP/SC/KR/HK face draws some characters differently."""
    import asyncio

    count = await page.evaluate(FONT_SAMPLE_JS)
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("DOM.enable")
    await cdp.send("CSS.enable")
    root = (await cdp.send("DOM.getDocument", {"depth": 0}))["root"]["nodeId"]
    nodes = (await cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-hb-font-sample]"}))["nodeIds"]
    used: dict[str, int] = {}
    answers = await asyncio.gather(*(cdp.send("CSS.getPlatformFontsForNode", {"nodeId": n}) for n in nodes))
    for answer in answers:
        for font in answer["fonts"]:
            used[font["familyName"]] = used.get(font["familyName"], 0) + font["glyphCount"]
    await cdp.detach()
    if not count or not used:
        raise hb.HandbookError(f"PDF handbook ({lang}): could not read which fonts the book uses")
    wrong = sorted(f for f in used if "CJK" in f and not f.endswith("TC"))
    if wrong:
        raise hb.HandbookError(f"PDF handbook ({lang}): Chinese text is drawn with {', '.join(wrong)}, not the "
                               "Traditional Chinese face; name \"Noto Sans CJK TC\"/\"Noto Serif CJK TC\" in the "
                               "print CSS (hooks/pdf_handbook.py) and install fonts-noto-cjk")
    return used
