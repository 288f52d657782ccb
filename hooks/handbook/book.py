"""The PDF handbook's structure and its print document (hooks/pdf_handbook.py prints it).

A book is one language's site in nav order: nav sections become parts, pages become chapters
(pages outside any section stand alone), each chapter's HTML rewritten for paper
(book_html.py). The print document is rendered from overrides/handbook/print-book.html with the
print stylesheet hooks/handbook/assets/print-book.css. Those build-time files live outside
overrides/ except the template: MkDocs copies every non-HTML file of a theme folder into the
site, and these are inputs of the build, not files for readers.

Left out of the book: the maintainers' section (translation status is for the people who edit
the handbook, and stale the moment it is printed) and the tags page (links to web pages; on
paper the table of contents and the PDF outline do that job).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .problems import HandbookError
from .languages import date_text
from .sources import PAGE_NAME
from .templates import render

ASSETS = Path(__file__).resolve().parent / "assets"
PRINT_CSS = ASSETS / "print-book.css"
TEMPLATE = "print-book.html"
SKIP_PAGES = ("tags",)  # by source path without language suffix
SKIP_FOLDERS = ("maintainers/",)

TEXT = {
    "zh-TW": {
        "edition": "{name}版", "date": "{date}版", "contents": "目錄",
        "page": '"第 " counter(page) " 頁，共 " counter(pages) " 頁"',
        "intro": "關於這本手冊",  # the home page's title in print (on the site it is the handbook's name)
        "ref": "（見第 {n} 頁）",
        "answers": "自我檢測解答", "key_note": "本章自我檢測的答案與解說在書末", "key_end": "。",
        # Body: Ming (serif) for Chinese, as Taiwanese books are set; Latin first: the CJK fonts' own
        # Latin letters are wide and loosely spaced, and the zh book quotes a lot of English.
        "body": '"Liberation Serif", "Noto Serif CJK TC", "Noto Serif TC", serif',
        "sans": '"Liberation Sans", "Noto Sans CJK TC", "Noto Sans TC", sans-serif',
        "line_height": "1.75",
    },
    "en": {
        "edition": "{name} edition", "date": "Edition of {date}", "contents": "Contents",
        "page": '"Page " counter(page) " of " counter(pages)',
        "intro": "About this handbook",
        "ref": "(see p. {n})",
        "answers": "Answers to the self-checks", "key_note": "Answers and explanations at the back of the book",
        "key_end": ".",
        # Body: the site's sans-serif (Arial's metrics), the face the handbook is designed in.
        "body": '"Liberation Sans", "Noto Sans CJK TC", sans-serif',
        "sans": '"Liberation Sans", "Noto Sans CJK TC", sans-serif',
        "line_height": "1.45",
    },
}


def css_string(text: str) -> str:
    """A CSS string literal for `content:`; never ends the <style> element it sits in."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return f'"{escaped}"'


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


@dataclass
class Chapter:
    number: int
    page: object  # mkdocs Page (url, title, file.src_uri)
    url: str
    anchor: str
    kind: str = "chapter"
    title: str = ""
    title_html: str = ""
    body: object = None  # the chapter's parsed HTML (book_html)
    ids: dict = field(default_factory=dict)  # original id -> id in the book
    merged: bool = False  # a section's overview page titled as its section: printed under the part title
    answers: list = field(default_factory=list)  # its quizzes' answers, for the answer key


@dataclass
class Part:
    number: int
    title: str
    anchor: str
    kind: str = "part"
    chapters: list = field(default_factory=list)


def base_of(src_uri: str) -> str:
    match = PAGE_NAME.match(src_uri)
    return match.group("base") if match else src_uri.removesuffix(".md")


def skipped(src_uri: str) -> bool:
    base = base_of(src_uri)
    return base in SKIP_PAGES or base.startswith(SKIP_FOLDERS)


def outline(nav_items, rendered: set[str], lang: str) -> list:
    """Parts and Chapters in nav order, numbered. `nav_items` are MkDocs nav entries: a Section
    has `children`, a Page has `url` and `file` (duck-typed, so tests pass plain objects)."""
    items: list = []
    count = {"part": 0, "chapter": 0}

    def walk(entries, part):
        for entry in entries:
            if getattr(entry, "children", None) is not None:
                count["part"] += 1
                new = Part(count["part"], entry.title, f"part-{count['part']}")
                walk(entry.children, new)
                if new.chapters:
                    items.append(new)
            elif getattr(entry, "file", None) is not None and not skipped(entry.file.src_uri):
                if entry.url not in rendered:
                    raise HandbookError(f"PDF handbook ({lang}): {entry.file.src_uri} is in the nav but "
                                        "was not rendered; is it excluded from the build?")
                count["chapter"] += 1
                chapter = Chapter(count["chapter"], entry, entry.url, f"ch-{count['chapter']}")
                (part.chapters if part else items).append(chapter)

    walk(nav_items, None)
    return items


def chapters_of(items) -> list[Chapter]:
    result = []
    for item in items:
        result.extend(item.chapters if item.kind == "part" else [item])
    return result


def anchors_of(items) -> list[str]:
    """Every anchor the table of contents gives a page number: parts and chapters."""
    anchors = []
    for item in items:
        anchors.append(item.anchor)
        anchors.extend(c.anchor for c in getattr(item, "chapters", []))
    return anchors


def squashed(text: str) -> str:
    return "".join(str(text).split()).casefold()


@dataclass
class AnswerKey:
    """The answers of every quiz, at the back of the book, by chapter."""

    title: str
    anchor: str = "answers"
    kind: str = "answers"
    number: int = 0
    chapters: list = field(default_factory=list)  # chapters with answers


@dataclass
class Layout:
    """What printing needs besides the HTML: the anchors of the items that open on a right-hand
    page (in order) and every anchor whose page number the book prints."""

    openings: list
    anchors: list
    ref: str


def document(book: Language, language_name: str, today: dt.date, stylesheets: list[str], logo: str | None) -> tuple[str, Layout]:
    """The print document of one language (HTML), and what printing needs to number it."""
    from . import book_html, book_typography  # here: lxml is loaded only by builds that print
    from .quizzes import TEXT as QUIZ_TEXT

    text = TEXT.get(book.lang)
    if text is None:
        raise HandbookError(f"PDF handbook: no print texts for language {book.lang!r}; add it to TEXT in hooks/handbook/book.py")
    items = outline(book.nav.items, set(book.content), book.lang)
    chapters = chapters_of(items)
    if not chapters:
        raise HandbookError(f"PDF handbook ({book.lang}): the nav has no pages to print")
    for chapter in chapters:
        book_html.prepare_chapter(chapter, book.content[chapter.url])
        if chapter.url == book.home_url:
            chapter.title = chapter.title_html = text["intro"]
        chapter.title, chapter.title_html = book_html.typeset_title(chapter.title, chapter.title_html)
    for item in items:
        if item.kind == "part":
            item.title = book_html.typeset_title(item.title, "")[0]
    for item in items:  # an overview page titled as its section is the section's opening text
        if item.kind == "part" and item.chapters and squashed(item.chapters[0].title) == squashed(item.title):
            item.chapters[0].merged = True
    by_url = {c.url: c for c in chapters}
    key = AnswerKey(text["answers"])
    words = {**QUIZ_TEXT.get(book.lang, {}), **text}
    for chapter in chapters:
        book_html.link_chapter(chapter, by_url, text["ref"])
        chapter.answers = book_html.take_answers(chapter, f"key-{chapter.anchor}", words, text["ref"])
        if chapter.answers:
            key.chapters.append(chapter)
        book_typography.typeset(chapter.body)
        book_html.size_diagrams(chapter.body)
    top = items + ([key] if key.chapters else [])
    key_refs = {}
    for chapter in key.chapters:
        space = " " if text["ref"].startswith("(") else ""
        key_refs[chapter.anchor] = space + book_html.ref_html(chapter.anchor, text["ref"])

    edition = text["edition"].format(name=language_name)
    date = text["date"].format(date=date_text(today, book.lang))
    css = {  # values for the template's <style>: already CSS, never HTML-escaped
        "title": css_string(book.site_name), "page": text["page"], "body": text["body"], "sans": text["sans"],
        "line_height": text["line_height"],
        "headers": {item.anchor: css_string(item.title) for item in top},
    }
    html = render(
        TEMPLATE, book=book, edition=edition, date=date, contents=text["contents"], items=top,
        css={k: (Markup(v) if isinstance(v, str) else {a: Markup(t) for a, t in v.items()}) for k, v in css.items()},
        book_css=Markup(PRINT_CSS.read_text(encoding="utf-8")), stylesheets=stylesheets, logo=logo,
        chapter_html={c.anchor: Markup(book_html.chapter_html(c)) for c in chapters},
        key=key, key_refs={a: Markup(r) for a, r in key_refs.items()},
        answer_html=lambda a: Markup(a["html"]),
    )
    anchors = [a for item in top for a in ([item.anchor] + [c.anchor for c in getattr(item, "chapters", [])
                                                             if item.kind != "answers" and not c.merged])]
    return html, Layout(openings=[item.anchor for item in top], anchors=anchors, ref=text["ref"])
