"""A page's HTML rewritten for the PDF book, with a real HTML parser (lxml, over libxml2).

Each chapter is one site page: its H1 becomes the chapter title and every other heading moves
down one level (the PDF outline reads part > chapter > section); every id gets a prefix per
chapter, so ids stay unique in the one document, and the attributes that point at ids follow;
links become links inside the book, external links (whose URL is printed after them), or plain
text; relative image paths become root-relative for the print server. Print-only treatment:
checklists print as empty square boxes, collapsible blocks are open, glossary tooltips are plain
text, screen-only blocks are left out (hooks/handbook/print_marks.py). Inline SVG (the diagrams)
keeps its ids (already unique per diagram, hooks/handbook/diagrams.py) and its internal
references, and is given a printed size whose labels stay readable (`size_diagrams`).

Page references: every link to a place in the book gets a slot after it, `(see p. 23)` /
`（見第 23 頁）`, whose width is fixed by an invisible copy of the widest text (`(see p. 888)`),
so that writing the numbers after the first print moves nothing (book_print.py).

Quizzes as a book does them: each question keeps its options; its answer and explanation move to
the answer key at the back of the book (`take_answers`), and the quiz ends with a reference to it.

Typography (book_typography.py, text outside code and diagrams): typographic quotes and
apostrophes, no space after full-width punctuation, [placeholders] never broken across lines.

Why lxml: the build parses and writes out every page of both languages for the books, on the
build's own thread; with BeautifulSoup over Python's own parser that took about 2 s of CPU, with
lxml about 0.45 s. In lxml's tree, text is not a node: the text before an element's first child
is its `.text`, the text after an element is its `.tail`; the helpers below (`insert_after`,
`replace`) and book_typography's `_texts` keep that straight.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml.html import HtmlElement

from .book_typography import quotes, typeset
from .print_marks import SCREEN_CLASSES, SCREEN_ATTRIBUTE

ID_REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """A relative link of a page -> (site path without leading slash, fragment)."""
    parts = urlsplit(href)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page_url, fragment
    path = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), unquote(parts.path))).lstrip("/")
    if parts.path.endswith("/") and path:
        path += "/"
    return path.removesuffix("index.html"), fragment


# The tree ----------------------------------------------------------------------------------------

# lxml refuses C0 control characters in a text; HTML allows none but the form feed (whitespace).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# huge_tree: libxml2 otherwise stops, silently, at a text or attribute over 10 MB or nesting over
# 256 levels (a page with a large inline image), and the rest of the page would be missing.
PARSER = lxml.html.HTMLParser(huge_tree=True)


def parse(fragment: str) -> HtmlElement:
    """An HTML fragment (a page body, a title) as the children of one <div>."""
    fragment = CONTROL_CHARACTERS.sub("", fragment).replace("\x0c", " ")
    if not fragment.strip():
        root = lxml.html.Element("div")
        root.text = fragment or None
        return root
    return lxml.html.fragment_fromstring(fragment, create_parent="div", parser=PARSER)


def inner_html(element: HtmlElement) -> str:
    """What is inside `element`, as HTML (its own tag and tail left out)."""
    text = html.escape(element.text, quote=False) if element.text else ""
    return text + "".join(lxml.html.tostring(child, encoding="unicode") for child in element)


def new_tag(name: str, attributes: dict | None = None, text: str | None = None) -> HtmlElement:
    tag = lxml.html.Element(name, attributes or {})
    tag.text = text
    return tag


def classes(tag) -> list[str]:
    return (tag.get("class") or "").split()


def insert_after(tag: HtmlElement, new: HtmlElement) -> None:
    """`new` right after `tag`, before the text that followed `tag` (which now follows `new`)."""
    new.tail = (new.tail or "") + (tag.tail or "") or None
    tag.tail = None
    tag.addnext(new)


def replace(tag: HtmlElement, new: HtmlElement) -> None:
    """`new` where `tag` was; the text after `tag` stays where it was."""
    new.tail = tag.tail
    tag.getparent().replace(tag, new)


def _elements(node) -> list[HtmlElement]:
    """Every element under `node` in document order, except inline SVG and its inside: a diagram
    keeps its own ids and references (its id names it in its <style>)."""
    tags = []
    for child in node:
        if isinstance(child.tag, str) and child.tag != "svg":  # comments' tag is not a string
            tags.append(child)
            tags.extend(_elements(child))
    return tags


def _screen_only(tag) -> bool:
    """Left out of the book (print_marks.py)."""
    return SCREEN_ATTRIBUTE in tag.attrib or not SCREEN_CLASSES.isdisjoint(classes(tag))


def _text(tag) -> str:
    return " ".join(tag.text_content().split())


def _with_class(root, name: str, css_class: str) -> list[HtmlElement]:
    return [tag for tag in root.iter(name) if css_class in classes(tag)]


def prepare_chapter(chapter, content: str) -> None:
    """Parse a page's HTML into `chapter.body`: title taken out, headings demoted, ids made
    unique in the book (`chapter.ids`: original -> new), print-only rewrites applied."""
    root = parse(content)
    for tag in [t for t in root.iter() if isinstance(t.tag, str) and _screen_only(t)]:
        tag.drop_tree()  # the print wording follows it (print_marks.py)
    tags = _elements(root)
    first = next((t for t in tags if t.tag == "h1"), None)
    for tag in tags:
        if tag.tag == "a" and "headerlink" in classes(tag):
            tag.drop_tree()
    if first is not None:
        chapter.title_html = inner_html(first)
        chapter.title = _text(first)
        if first.get("id"):
            chapter.ids[first.get("id")] = chapter.anchor
        first.drop_tree()
    else:
        chapter.title = " ".join((chapter.page.title or "").split())
        chapter.title_html = html.escape(chapter.title)
    tags = _elements(root)  # again, without what was removed

    counter = 0
    for tag in tags:
        if tag.get("id") and tag.get("id") not in chapter.ids:
            counter += 1
            chapter.ids[tag.get("id")] = f"c{chapter.number}-{counter}"
    for tag in tags:
        if tag.tag in HEADINGS:
            tag.tag = f"h{min(int(tag.tag[1]) + 1, 6)}"
        if tag.get("id"):
            tag.set("id", chapter.ids[tag.get("id")])
        for name in ID_REFERENCES:
            if name in tag.attrib:
                tag.set(name, " ".join(chapter.ids.get(v, f"c{chapter.number}-x-{v}") for v in tag.get(name).split()))
        if tag.tag == "details":
            tag.set("open", "")
        elif tag.tag == "abbr":  # glossary tooltips: plain text on paper
            tag.drop_tag()
        elif (tag.tag == "label" and "task-list-control" in classes(tag)) or (
                tag.tag == "input" and tag.get("type") == "checkbox"):
            replace(tag, new_tag("span", {"class": "hb-box", "aria-hidden": "true"}))
    chapter.body = root


def link_chapter(chapter, by_url: dict, ref: str | None = None) -> None:
    """Turn every link into a link inside the book (followed by a page reference slot when `ref`,
    the reference's wording with {n} for the number, is given), an external link, or plain text;
    make relative image paths root-relative (the print server serves the built site at /)."""
    for tag in _elements(chapter.body):
        if tag.tag == "a" and tag.get("href") is not None:
            _relink(tag, chapter, by_url)
            if ref and tag.tag == "a" and tag.get("href").startswith("#"):
                add_ref(tag, tag.get("href")[1:], ref)
        for name in ("src", "data-src"):
            value = tag.get(name)
            if value and not (EXTERNAL.match(value) or value.startswith(("data:", "/"))):
                tag.set(name, "/" + resolve(chapter.url, value)[0])


def _relink(link, chapter, by_url: dict) -> None:
    href = link.get("href")
    if EXTERNAL.match(href):
        bare = _text(link).rstrip("/")
        link.attrib.clear()
        link.set("href", href)
        # The URL the book prints after the link (print-book.css): lxml writes href out
        # percent-encoded (國 as %E5%9C%8B, a space as %20), a data-* attribute as it is.
        link.set("data-hb-url", href)
        if bare in (href.rstrip("/"), href.split(":", 1)[-1].strip("/")):
            link.set("data-hb-bare", "")  # the text is the URL: print it once
        return
    path, fragment = resolve(chapter.url, href)
    target = by_url.get(path)
    link.attrib.clear()
    if target is None:  # a page that is not in the book (tags, maintainers): keep the words
        link.tag = "span"
        link.set("class", "hb-link-off")
        return
    link.set("href", "#" + (target.ids.get(fragment, target.anchor) if fragment else target.anchor))


TRAILING_MARKS = re.compile(r"^[。，、；：？！）」』.,;:?!)\]]+")
REF_WIDEST = "888"  # the ghost's number: as wide as any page number of a book under 1000 pages


def ref_slot(target: str, ref: str) -> HtmlElement:
    """`(see p. N)` for the page of `target`, filled in after the first print (print-fill.js)."""
    slot = new_tag("span", {"class": "hb-ref", "data-for": target})
    slot.append(new_tag("span", {"class": "hb-ref-ghost", "aria-hidden": "true"}, ref.format(n=REF_WIDEST)))
    slot.append(new_tag("span", {"class": "hb-ref-text"}))
    return slot


def ref_html(target: str, ref: str) -> str:
    """A page reference slot as HTML (the answer key's, in the print template)."""
    return lxml.html.tostring(ref_slot(target, ref), encoding="unicode")


def add_ref(link: HtmlElement, target: str, ref: str) -> None:
    """A page reference right after `link` (after a space when the wording starts with a Latin
    parenthesis, as in English)."""
    slot = ref_slot(target, ref)
    after = link.tail or ""
    link.tail = " " if ref.startswith("(") else None
    mark = TRAILING_MARKS.match(after)
    if mark:  # punctuation right after stays on the slot's line: never a lone 。
        keep = new_tag("span", {"class": "hb-nowrap"})
        keep.append(slot)
        slot.tail = mark.group(0)
        keep.tail = after[mark.end():] or None
        link.addnext(keep)
    else:
        slot.tail = after or None
        link.addnext(slot)


def take_answers(chapter, key_anchor: str, words: dict, ref: str) -> list[dict]:
    """Move every quiz answer of the chapter out of its question, for the answer key; each quiz
    ends with a reference to the key. Returns [{label, html}] in order."""
    answers = []
    for quiz in _with_class(chapter.body, "div", "hb-quiz"):
        for form in _with_class(quiz, "form", "hb-quiz-question"):
            details = next(iter(_with_class(form, "details", "hb-quiz-answer")), None)
            if details is None:
                continue
            number = next((t for t in form.iter() if isinstance(t.tag, str) and "hb-quiz-number" in classes(t)), None)
            summary = next(details.iter("summary"), None)
            if summary is not None:
                summary.drop_tree()
            typeset(details)
            answers.append({"label": _text(number) if number is not None else "", "html": inner_html(details).strip()})
            details.drop_tree()
        note = new_tag("p", {"class": "hb-quiz-key"})
        link = new_tag("a", {"href": f"#{key_anchor}"}, words["key_note"])
        link.tail = words.get("key_end") or None  # before the reference: add_ref keeps a 。 on its line
        note.append(link)
        add_ref(link, key_anchor, ref)
        insert_after(quiz, note)
    return answers


# Diagrams --------------------------------------------------------------------------------------

PT_PER_PX = 0.75
TYPE_WIDTH_PT = 493.0   # A4 (595 pt) less 2 x 18 mm margins (print-book.html)
TYPE_HEIGHT_PT = 690.0  # A4 (842 pt) less 2 x 20 mm margins, less a caption's height
MIN_LABEL_PT = 7.0
LABEL_PX = 16.0         # Mermaid's label size (draw-diagrams.js: fontSize)
SIDE_WIDTH, SIDE_HEIGHT = 0.62, 0.35  # a drawing at most this share of the type width and at least
                                      # this share of its height stands beside the text
VIEWBOX = re.compile(r"^\s*[-\d.]+[ ,]+[-\d.]+[ ,]+([\d.]+)[ ,]+([\d.]+)\s*$")


def diagram_scale(width: float, height: float, label_px: float = LABEL_PX) -> float:
    """Points per drawing unit for a diagram of width x height units: its screen size at most,
    fitted to the type area and to about half a page (so it does not push a page's text away),
    but never so small that a label prints under MIN_LABEL_PT (then it takes the page it needs)."""
    fit = min(PT_PER_PX, TYPE_WIDTH_PT / width, TYPE_HEIGHT_PT * 0.55 / height)
    floor = min(MIN_LABEL_PT / label_px, TYPE_WIDTH_PT / width, TYPE_HEIGHT_PT / height)
    return max(fit, floor)


def size_diagrams(root) -> list[float]:
    """Give every diagram an explicit printed width; returns the label sizes (pt) it gives."""
    sizes = []
    for figure in _with_class(root, "figure", "hb-diagram"):
        svg = next(figure.iter("svg"), None)
        if svg is None:
            continue
        match = VIEWBOX.match(svg.get("viewbox") or svg.get("viewBox") or "")  # HTML parsers lower-case it
        if not match:
            continue
        width, height = float(match.group(1)), float(match.group(2))
        scale = diagram_scale(width, height)
        svg.set("style", f"width: {width * scale:.1f}pt; height: {height * scale:.1f}pt; max-width: none;")
        svg.attrib.pop("width", None)
        if width * scale <= SIDE_WIDTH * TYPE_WIDTH_PT and height * scale >= SIDE_HEIGHT * TYPE_HEIGHT_PT:
            # A tall, narrow drawing stands beside the text, as a float: where it does not fit
            # on the page, it moves to the next one and the text goes on filling this page.
            figure.set("class", " ".join([*classes(figure), "hb-diagram-side"]))
        sizes.append(round(LABEL_PX * scale, 2))
    return sizes


def typeset_title(text: str, html_text: str) -> tuple[str, str]:
    """A title (plain text and HTML) with the body's typography."""
    root = parse(html_text)
    typeset(root)
    return quotes(text, ""), inner_html(root)


def chapter_html(chapter) -> str:
    """The chapter as HTML for the print template (its title is rendered there)."""
    return inner_html(chapter.body)


def stylesheets(home_html: str, home_url: str) -> list[str]:
    """The site's own stylesheets (theme, palette, extra_css) named by the built home page, as
    root-relative URLs."""
    result = []
    for link in lxml.html.document_fromstring(home_html).iter("link"):
        href = link.get("href")
        if href and "stylesheet" in (link.get("rel") or "").split() and not EXTERNAL.match(href):
            path, _ = resolve(home_url + "index.html", href)
            result.append("/" + path)
    return result
