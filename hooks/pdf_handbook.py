"""PDF handbook: one printable book per language (site/handbook-zh-TW.pdf, site/handbook-en.pdf).

Why: salespeople keep a printed handbook on the desk and mark it up before a meeting, and new
hires get it on paper. The PDF is made from the same build as the site, so it can never say
something the site does not; its diagrams are the site's own drawings (hooks/diagram_drawing.py).

What a book holds (hooks/handbook/book.py): a cover (title, language, edition = build date), a
table of contents with page numbers, then every page in nav order: nav sections as chapters that
open on a right-hand page, their pages following on as sections, pages outside a section as
chapters of their own, and an answer key at the back. Print-only treatment
(hooks/handbook/book_html.py): checklists as empty square boxes, collapsible blocks expanded,
phrase tables repeating their header on every page, tooltips as plain text, external links with
their URL printed, internal links as links inside the PDF with the page they lead to
("(see p. 23)"), quiz options as a lettered list (the answers in the key), form controls and
download buttons dropped, screen-only text replaced by its print wording (print_marks.py). The
running header names the chapter; the footer carries the page number in the book's language;
the cover and blank pages have neither. Printing (hooks/handbook/book_print.py): Debian's
Chromium through Playwright, a first print that numbers the book, a second that is the book,
a check of the fonts used.

Events: each language's build keeps every page's final HTML (on_page_content at priority -150,
after every other hook, so a hook that changes page content must run before that; it also drops
the print-only text from the site's page) and its nav (on_nav, after mkdocs-static-i18n
translated it). When a language's build ends (on_post_build at -90, before mkdocs-static-i18n
builds the next language from the same event), its book is assembled and starts printing in the
build's one Chromium, in the background: the default language's book prints while the other
languages build. The build waits for both books only at its very end (on_post_build at -900, in
the default language's build), so the search indexes, sitemaps, downloads and sw.js are written
while the books print. on_config starts Chromium
in the background so that its start-up overlaps with MkDocs building the site.

Settings (extra.handbook in mkdocs.yml, handbook/settings.py): `pdf: false` or `HANDBOOK_PDF=0`
skips the books (quick builds); `mkdocs serve` always skips them. `chromium` (HANDBOOK_CHROMIUM)
uses another Chromium than Debian's /usr/bin/chromium. `pdf_html` (HANDBOOK_PDF_HTML) also keeps
the print documents in that folder (to work on the print CSS).
A missing Chromium or a failed print stops the build with the cause and the fix.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from handbook.book import Language
from handbook.build import HANDBOOK
from handbook.problems import HandbookError
from handbook.languages import LANGUAGES, PDF_NAME
from handbook.print_marks import strip_print_only

log = logging.getLogger("mkdocs.hooks.pdf_handbook")


def on_config(config):
    settings = HANDBOOK.build.settings
    if settings.books:
        HANDBOOK.browser.executable = settings.chromium
        HANDBOOK.browser.start()  # in the background: it starts while MkDocs builds the site
    return config


def on_build_error(error):
    printer, HANDBOOK.build.printer = HANDBOOK.build.printer, None
    if printer is not None:
        printer.close()
    HANDBOOK.browser.stop()


def on_shutdown():
    HANDBOOK.browser.stop()


@event_priority(-150)  # after mkdocs-static-i18n (-100) has translated the nav
def on_nav(nav, config, files):
    build = HANDBOOK.build
    if not build.settings.books or not nav.pages:
        return nav
    lang = nav.pages[0].file.locale
    build.book_lang = lang
    build.books[lang] = Language(
        lang=lang, site_name=config.site_name or "", description=config.site_description or "",
        copyright=config.copyright or "", nav=nav,
        home_url=(nav.homepage.url if nav.homepage else nav.pages[0].url) or "",
    )
    return nav


@event_priority(-150)  # after every other hook has rewritten the page (diagrams: -50)
def on_page_content(html_text, page, config, files):
    book = HANDBOOK.build.books.get(page.file.locale)
    if book is not None:
        book.content[page.url] = html_text
    # Print-only wording is for the books: the site (and its search index, made after this
    # event) never has it (hooks/handbook/print_marks.py).
    return strip_print_only(html_text)


@event_priority(-90)  # before mkdocs-static-i18n (-100) builds the other languages from this event
def _start_book(config):
    """The language just built has its pages: start printing its book now, so the default
    language's book prints while the other languages build."""
    build = HANDBOOK.build
    if not build.settings.books:
        return
    from handbook.book_print import Printer  # here: a build without the books never loads it

    if build.outer():
        languages = config.plugins["i18n"].config.languages
        built = {language.locale for language in languages if getattr(language, "build", True)}
        missing = [locale for locale in LANGUAGES if locale not in built]
        if missing:
            raise HandbookError(f"PDF handbook: no pages are built for {', '.join(missing)}; "
                                "is the language built (plugins.i18n.languages, build: true)?")
        names = {language.locale: language.name for language in languages}
        build.printer = Printer(Path(config.site_dir), names, dt.date.today(), HANDBOOK.browser,
                                build.settings.pdf_html)
    book = build.books.get(build.book_lang)  # the language this (outer or inner) build built: its nav came last
    if build.printer is not None and book is not None:
        build.printer.add(book)


@event_priority(-900)  # last but validation's end: the indexes, downloads and sw.js are written meanwhile
def _write_books(config):
    """After every language and the outer build's own last steps: wait for the books, write them."""
    build = HANDBOOK.build
    printer = build.printer
    if not build.outer() or printer is None:
        return
    build.printer = None
    if len(printer.jobs) < len(LANGUAGES):
        printer.close()
        raise HandbookError(f"PDF handbook: {len(printer.jobs)} of {len(LANGUAGES)} books were started; "
                            "is every language built (plugins.i18n.languages, build: true)?")
    waited = time.monotonic()
    results = printer.finish()
    log.info("PDF handbooks written in %.1f s (%.1f s of it waiting after the site was built)",
             time.monotonic() - printer.started, time.monotonic() - waited)
    for lang, (pages, fonts) in results.items():
        main = sorted(fonts, key=fonts.get, reverse=True)
        log.info("PDF handbook %s: %s, %d pages; fonts: %s", lang, PDF_NAME.format(lang=lang), pages, ", ".join(main))


# Two handlers of one event, each at its own priority (MkDocs' CombinedEvent).
on_post_build = CombinedEvent(_start_book, _write_books)
