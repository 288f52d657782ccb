"""PDF handbook: one printable book per language (site/handbook-zh-TW.pdf, site/handbook-en.pdf).

Why: salespeople keep a printed handbook on the desk and mark it up before a meeting, and new
hires get it on paper. The PDF is made from the same build as the site, so it can never say
something the site does not; its diagrams are the site's own drawings (hooks/diagram_drawing.py).

What a book holds (hooks/handbook/book.py): a cover (title, language, edition = build date), a
table of contents with page numbers, then every page in nav order, nav sections as parts and
pages as chapters. Print-only treatment (hooks/handbook/book_html.py): checklists as empty
square boxes, collapsible blocks expanded, phrase tables repeating their header on every page,
tooltips as plain text, external links with their URL printed, internal links as links inside
the PDF, quiz options as a lettered list with the answers, form controls, download buttons and
anything marked `{.hb-web-only}` dropped. The footer carries the page number in the book's
language; the cover has none. Printing (hooks/handbook/book_print.py): Debian's Chromium
through Playwright, two passes to number the table of contents, a check of the fonts used.

Events: each language's build keeps every page's final HTML (on_page_content at priority -150,
after every other hook, so a hook that changes page content must run before that) and its nav
(on_nav, after mkdocs-static-i18n translated it). After the last language is built (outer
build, on_post_build at -300, after search_i18n and downloads), both books are printed in the
build's one Chromium, which on_config starts in the background so that its start-up overlaps
with MkDocs building the site.

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

from mkdocs.plugins import event_priority

from handbook.book import Language
from handbook.build import HANDBOOK
from handbook.problems import HandbookError
from handbook.languages import LANGUAGES, PDF_NAME

log = logging.getLogger("mkdocs.hooks.pdf_handbook")


def on_config(config):
    settings = HANDBOOK.build.settings
    if settings.books:
        HANDBOOK.browser.executable = settings.chromium
        HANDBOOK.browser.start()  # in the background: it starts while MkDocs builds the site
    return config


def on_build_error(error):
    HANDBOOK.browser.stop()


def on_shutdown():
    HANDBOOK.browser.stop()


@event_priority(-150)  # after mkdocs-static-i18n (-100) has translated the nav
def on_nav(nav, config, files):
    build = HANDBOOK.build
    if not build.settings.books or not nav.pages:
        return nav
    lang = nav.pages[0].file.locale
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
    return html_text


@event_priority(-300)  # after search_i18n and phrasebook_downloads (-200), i.e. after every language is built
def on_post_build(config):
    build = HANDBOOK.build
    if not (build.outer() and build.settings.books):
        return
    books = build.books
    missing = [lang for lang in LANGUAGES if lang not in books]
    if missing:
        raise HandbookError(f"PDF handbook: no pages were collected for {', '.join(missing)}; "
                            "is the language built (plugins.i18n.languages, build: true)?")
    from handbook.book_print import print_books  # here: a build without the books never loads it

    names = {language.locale: language.name for language in config.plugins["i18n"].config.languages}
    started = time.monotonic()
    results = print_books(Path(config.site_dir), [books[lang] for lang in LANGUAGES], names, dt.date.today(),
                          HANDBOOK.browser, build.settings.pdf_html)
    log.info("PDF handbooks written in %.1f s", time.monotonic() - started)
    for lang, (pages, fonts) in results.items():
        main = sorted(fonts, key=fonts.get, reverse=True)
        log.info("PDF handbook %s: %s, %d pages; fonts: %s", lang, PDF_NAME.format(lang=lang), pages, ", ".join(main))
