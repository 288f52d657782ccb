"""Printing the PDF books with Chromium (hooks/pdf_handbook.py calls `print_books`).

The print documents (book.py) are served with the built site by a throwaway HTTP server on
127.0.0.1 (so the site's CSS and images load, no network), and printed by the build's one
Chromium (chromium.py), both languages side by side.

Chromium has no `target-counter()`, so the table of contents' page numbers take two passes:
print once, read each chapter's page from the PDF's named destinations (the TOC links to every
chapter) with pypdf, write the numbers into fixed-width slots (pagination does not move) and
print again; the second print's destinations must equal the numbers written, or the book is
printed once more. The first pass only paginates (paints only the titles, no tagging).

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
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    result = {}
    for name, dest in reader.named_destinations.items():
        try:
            result[str(name).lstrip("/")] = reader.get_destination_page_number(dest) + 1
        except Exception:  # noqa: BLE001 - a destination pypdf cannot place is simply not used
            continue
    return result, len(reader.pages)


async def print_numbered(page, anchors: list[str], lang: str) -> tuple[bytes, int]:
    """Print, number the TOC from the printed PDF, print again; the numbers must then hold."""
    numbers: dict[str, int] = {}
    for attempt in range(3):
        final = attempt > 0
        await page.evaluate(_script("print-paginate-only.js"), not final)
        pdf = await page.pdf(prefer_css_page_size=True, print_background=True, outline=final, tagged=final,
                             display_header_footer=False)
        found, pages = await asyncio.to_thread(destinations, pdf)
        missing = [a for a in anchors if a not in found]
        if missing:
            raise HandbookError(f"PDF handbook ({lang}): Chromium wrote no destination for {missing[:5]}; "
                                "cannot number the table of contents")
        current = {a: found[a] for a in anchors}
        if final and current == numbers:
            return pdf, pages
        numbers = current
        await page.evaluate(_script("print-fill-toc.js"), {a: str(n) for a, n in numbers.items()})
    raise HandbookError(f"PDF handbook ({lang}): the table of contents page numbers did not settle "
                        "after three passes (a TOC entry changed the pagination)")


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


async def print_one(chromium, base: str, lang: str, anchors: list[str]):
    """One book: load its print document, check it loaded cleanly and its fonts, print it."""
    context = await chromium.new_context(locale=lang)
    page = await context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on("requestfailed", lambda request: problems.append(f"could not load {request.url}"))
    page.on("response", lambda response: problems.append(f"HTTP {response.status} for {response.url}")
            if response.status >= 400 else None)
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    try:
        await page.goto(f"{base}{PRINT_PREFIX}{lang}.html", wait_until="load")
        await page.evaluate("document.fonts.ready.then(() => true)")
        if problems:
            raise HandbookError(f"PDF handbook ({lang}): the print document did not load cleanly: " + "; ".join(problems[:5]))
        fonts = await fonts_used(page, lang)
        return await print_numbered(page, anchors, lang), fonts
    finally:
        await context.close()


def print_books(site_dir: Path, books: list, names: dict[str, str], today: dt.date, browser,
                keep_html: str | None = None) -> dict:
    """Assemble and print every language's book into site_dir with `browser` (chromium.py); returns
    (pages, fonts) per language. `keep_html`: a folder to keep the print documents in (pdf_html setting)."""
    started = time.monotonic()
    logo = "assets/images/logo.svg" if (site_dir / "assets" / "images" / "logo.svg").is_file() else None
    with tempfile.TemporaryDirectory(prefix="handbook-pdf-") as print_dir:
        jobs = []
        for one in books:
            home = site_dir / one.home_url / "index.html"
            if not home.is_file():
                raise HandbookError(f"PDF handbook: the built home page {home} is missing")
            sheets = book_html.stylesheets(home.read_text(encoding="utf-8"), one.home_url)
            source, items = book.document(one, names.get(one.lang, one.lang), today, sheets, logo)
            Path(print_dir, f"{one.lang}.html").write_text(source, encoding="utf-8")
            jobs.append((one.lang, book.anchors_of(items)))
        if keep_html:
            keep = Path(keep_html)
            keep.mkdir(parents=True, exist_ok=True)
            for name in os.listdir(print_dir):
                shutil.copy2(Path(print_dir, name), keep / name)

        assembled = time.monotonic()
        server = print_server(print_dir, site_dir)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"

        async def print_all(chromium):
            return await asyncio.gather(*(print_one(chromium, base, lang, anchors) for lang, anchors in jobs))

        try:
            results = browser.run(print_all, purpose="PDF handbook", extra_fix=EXTRA_FIX)
        finally:
            server.shutdown()
            server.server_close()
    report = {}
    for (lang, _), ((pdf, pages), fonts) in zip(jobs, results):
        (site_dir / PDF_NAME.format(lang=lang)).write_bytes(pdf)
        report[lang] = (pages, fonts)
    log.info("PDF handbooks: print documents assembled in %.1f s, printed in %.1f s",
             assembled - started, time.monotonic() - assembled)
    return report
