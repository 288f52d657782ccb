"""Printing the PDF books with Chromium (hooks/pdf_handbook.py drives a `Printer`).

The print documents (book.py) are served with the built site by a throwaway HTTP server on
127.0.0.1 (so the site's CSS and images load, no network), and printed by the build's one
Chromium (chromium.py), both languages side by side.

Chromium has no `target-counter()` and ignores `break-before: right`, so the book is numbered
from a first print: each chapter's and each link target's page is read from that PDF's named
destinations (every numbered place is a link target) with pikepdf; the numbers go into
fixed-width slots (the contents, the page references "(see p. 23)"), and a blank page goes before
each chapter that would open on a left-hand page (`right_hand` shifts the numbers after it), so
that the second print, the book, needs no third: its destinations must equal the numbers
written, or the book is numbered and printed once more. The first pass only paginates (paints
only the titles). The outline (bookmarks) is written into the book afterwards (`with_outline`),
from its headings and their destinations: Chromium writes one only into a tagged PDF, which
costs a second per book.

Fonts: the build asks Chromium (DevTools CSS.getPlatformFontsForNode) which faces it drew a
sample of the text with, fails on any non-TC CJK face, and reports them: Chromium embeds these
CFF-flavoured fonts as Type 3 fonts, which `pdffonts` lists without names.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import io
import logging
import os
import posixpath
import shutil
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import HandbookError

from . import book, book_html
from .languages import PDF_NAME

PRINT_PREFIX = "/__handbook_print__/"
RENDER_TIMEOUT_MS = 120_000
PRINT_VIEWPORT = {"width": 658, "height": 971}  # A4's type area (174 x 257 mm) in CSS pixels
EXTRA_FIX = "or build without the books: HANDBOOK_PDF=0"

log = logging.getLogger("mkdocs.hooks.pdf_handbook")


def _script(name: str) -> str:
    return (book.ASSETS / name).read_text(encoding="utf-8")


def print_server(print_dir: str, site_dir: Path):
    """A local HTTP server for Chromium: the site, plus the print documents under PRINT_PREFIX."""
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


def destinations(pdf: bytes) -> tuple[dict[str, int], int]:
    """Named destination -> 1-based page number, and the number of pages."""
    import pikepdf

    with pikepdf.Pdf.open(io.BytesIO(pdf)) as document:
        pages = {page.objgen: number for number, page in enumerate(document.pages, 1)}
        named = document.Root.get("/Dests") or {}
        found = {str(name)[1:]: pages.get(dest[0].objgen) for name, dest in named.items()
                 if isinstance(dest, pikepdf.Array) and len(dest)}
        return {name: page for name, page in found.items() if page is not None}, len(pages)


def with_outline(pdf: bytes, headings: list[dict], lang: str) -> bytes:
    """The book with its PDF outline (bookmarks) and its language: one bookmark per printed
    heading, nested by heading level (part > chapter > section), each at its heading's named
    destination. Chromium can write an outline only with a tagged PDF, whose structure tree
    made the book's print about a second longer per language and its file 30–40% larger."""
    import pikepdf

    with pikepdf.Pdf.open(io.BytesIO(pdf)) as document:
        named = document.Root.get("/Dests") or {}
        missing = [h["id"] for h in headings if f"/{h['id']}" not in named]
        if missing:
            raise HandbookError(f"PDF handbook ({lang}): Chromium wrote no destination for the headings "
                                f"{missing[:5]}; cannot write the PDF outline")
        with document.open_outline() as outline:
            open_items: list[tuple[int, pikepdf.OutlineItem]] = []  # (level, item) of the headings above
            for heading in headings:
                item = pikepdf.OutlineItem(heading["title"], pikepdf.Array(named[f"/{heading['id']}"]))
                while open_items and open_items[-1][0] >= heading["level"]:
                    open_items.pop()
                (open_items[-1][1].children if open_items else outline.root).append(item)
                open_items.append((heading["level"], item))
        document.Root.Lang = pikepdf.String(lang)
        result = io.BytesIO()
        document.save(result)
        return result.getvalue()


def right_hand(first: dict[str, int], openings: list[str]) -> tuple[list[str], dict[str, int]]:
    """From the first print's pages (anchor -> page): the openings that need a blank page before
    them to start on a right-hand (odd) page, and every anchor's page once those are added. Every
    opening starts a new page, so a blank page before it moves it and everything after it by one
    page and changes no line inside: the numbers are known without printing again."""
    starts = sorted((first[a], a) for a in openings)
    blanks, shifts, offset = [], [], 0
    for page, anchor in starts:
        if (page + offset) % 2 == 0:
            blanks.append(anchor)
            offset += 1
        shifts.append((page, offset))
    final = {}
    for anchor, page in first.items():
        shift = 0
        for start, offset in shifts:
            if start <= page:
                shift = offset
        final[anchor] = page + shift
    return blanks, final


async def print_numbered(page, layout, lang: str) -> tuple[bytes, int]:
    """Print once (paginating only), number the contents and the page references and add the
    blank pages from that print, print the book; the second print's pages must equal the numbers
    written. Should they not (a number changed a line), the book is numbered and printed again."""
    headings = await page.evaluate(_script("print-outline.js"))
    wanted = sorted(set(layout.anchors) | set(await page.evaluate(
        "Array.from(document.querySelectorAll('.hb-ref[data-for]'), e => e.dataset.for)")))
    numbers: dict[str, int] = {}
    blanks: list[str] = []
    for attempt in range(3):
        final = attempt > 0
        await page.evaluate(_script("print-paginate-only.js"), not final)
        started = time.monotonic()
        pdf = await page.pdf(prefer_css_page_size=True, print_background=True, display_header_footer=False)
        found, pages = await asyncio.to_thread(destinations, pdf)
        log.debug("PDF handbook (%s): print %d in %.1f s", lang, attempt + 1, time.monotonic() - started)
        missing = [a for a in wanted if a not in found]
        if missing:
            raise HandbookError(f"PDF handbook ({lang}): Chromium wrote no destination for {missing[:5]}; "
                                "cannot number the table of contents and the page references")
        current = {a: found[a] for a in wanted}
        if final and current == numbers:
            return await asyncio.to_thread(with_outline, pdf, headings, lang), pages
        if attempt == 0:
            blanks, numbers = right_hand(current, layout.openings)
        else:
            numbers = current
            log.info("PDF handbook (%s): a page number moved the pagination; numbered again", lang)
        await page.evaluate(_script("print-fill.js"), {"numbers": {a: str(n) for a, n in numbers.items()},
                                                       "ref": layout.ref, "blanks": blanks})
    raise HandbookError(f"PDF handbook ({lang}): the page numbers did not settle after three prints "
                        "(a number written into the book changed the pagination)")


async def fonts_used(page, lang: str) -> dict[str, int]:
    """The fonts Chromium draws a sample of the book with (family -> glyphs). Chinese must come
    from a Traditional Chinese (TC) face: a JP/SC/KR/HK face draws some characters differently."""
    count = await page.evaluate(_script("print-font-sample.js"))
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
        raise HandbookError(f"PDF handbook ({lang}): could not read which fonts the book uses")
    wrong = sorted(f for f in used if "CJK" in f and not f.endswith("TC"))
    if wrong:
        raise HandbookError(f"PDF handbook ({lang}): Chinese text is drawn with {', '.join(wrong)}, not the "
                            "Traditional Chinese face; name \"Noto Sans CJK TC\"/\"Noto Serif CJK TC\" in "
                            "hooks/handbook/book.py (TEXT) and install fonts-noto-cjk (bash .ci/setup)")
    return used


async def print_one(chromium, base: str, lang: str, layout):
    """One book: load its print document, check it loaded cleanly, print it, check its fonts."""
    # Laid out for print from the start (print media, a viewport of the type area's size): each
    # print then reuses the styles instead of recomputing them for print (measured: about a fifth
    # less time per book).
    context = await chromium.new_context(locale=lang, viewport=PRINT_VIEWPORT)
    page = await context.new_page()
    await page.emulate_media(media="print")
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on("requestfailed", lambda request: problems.append(f"could not load {request.url}"))
    page.on("response", lambda response: problems.append(f"HTTP {response.status} for {response.url}")
            if response.status >= 400 else None)
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    try:
        started = time.monotonic()
        await page.goto(f"{base}{PRINT_PREFIX}{lang}.html", wait_until="load")
        await page.evaluate("document.fonts.ready.then(() => true)")
        log.debug("PDF handbook (%s): print document loaded in %.1f s", lang, time.monotonic() - started)
        if problems:
            raise HandbookError(f"PDF handbook ({lang}): the print document did not load cleanly: " + "; ".join(problems[:5]))
        printed = await print_numbered(page, layout, lang)
        # The font check last: marking its sample and enabling DevTools' CSS agent before the
        # prints made each print about a second slower (measured per book).
        return printed, await fonts_used(page, lang)
    finally:
        await context.close()


class Printer:
    """Prints the books of one build, each as soon as its language is built: `add(book)` assembles
    its print document and starts printing it in the background (the build's Chromium runs on its
    own thread), so the default language's book prints while the other languages build; `finish()`
    waits for every book and writes the PDFs into site_dir."""

    def __init__(self, site_dir: Path, names: dict[str, str], today: dt.date, browser, keep_html: str | None = None):
        """`browser`: the build's Chromium (chromium.py); `keep_html`: a folder to keep the print
        documents in (the pdf_html setting)."""
        self.site_dir, self.names, self.today = site_dir, names, today
        self.browser, self.keep_html = browser, keep_html
        self.logo = "assets/images/logo.svg" if (site_dir / "assets" / "images" / "logo.svg").is_file() else None
        self.print_dir = tempfile.TemporaryDirectory(prefix="handbook-pdf-")
        self.server = print_server(self.print_dir.name, site_dir)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.jobs: list = []  # (lang, future)
        self.assembly = 0.0
        self.started = time.monotonic()

    def add(self, one) -> None:
        started = time.monotonic()
        home = self.site_dir / one.home_url / "index.html"
        if not home.is_file():
            raise HandbookError(f"PDF handbook: the built home page {home} is missing")
        sheets = book_html.stylesheets(home.read_text(encoding="utf-8"), one.home_url)
        source, layout = book.document(one, self.names.get(one.lang, one.lang), self.today, sheets, self.logo)
        Path(self.print_dir.name, f"{one.lang}.html").write_text(source, encoding="utf-8")
        if self.keep_html:
            keep = Path(self.keep_html)
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(self.print_dir.name, f"{one.lang}.html"), keep / f"{one.lang}.html")
        self.assembly += time.monotonic() - started

        async def work(chromium, lang=one.lang, layout=layout):
            return await print_one(chromium, self.base, lang, layout)

        self.jobs.append((one.lang, self.browser.submit(work, purpose="PDF handbook", extra_fix=EXTRA_FIX)))

    def finish(self) -> dict:
        """Wait for every book, write the PDFs; returns (pages, fonts) per language."""
        try:
            results = [(lang, self.browser.result(future, purpose="PDF handbook", extra_fix=EXTRA_FIX))
                       for lang, future in self.jobs]
        finally:
            self.close()
        report = {}
        for lang, ((pdf, pages), fonts) in results:
            (self.site_dir / PDF_NAME.format(lang=lang)).write_bytes(pdf)
            report[lang] = (pages, fonts)
        log.info("PDF handbooks: print documents assembled in %.1f s, all printed %.1f s after the first was started",
                 self.assembly, time.monotonic() - self.started)
        return report

    def close(self) -> None:
        """Stop the print server and remove the print documents (also after a failed build)."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
            self.print_dir.cleanup()

