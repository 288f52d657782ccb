"""A page's HTML rewritten for the PDF book, with a real HTML parser (BeautifulSoup).

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

Typography (`typeset`, text outside code and diagrams): typographic quotes and apostrophes,
no space after full-width punctuation, [placeholders] never broken across lines.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, SoupStrainer, Tag

from .print_marks import SCREEN_CLASSES, SCREEN_ATTRIBUTE

PARSER = "html.parser"  # Python's own: no C library, faithful enough for MkDocs output
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


def _tags_outside_svg(node) -> list[Tag]:
    """Every element under `node` in document order, except inline SVG and its inside: a diagram
    keeps its own ids and references (its id names it in its <style>)."""
    tags = []
    for child in node.children:
        if isinstance(child, Tag) and child.name != "svg":
            tags.append(child)
            tags.extend(_tags_outside_svg(child))
    return tags


def _screen_only(tag) -> bool:
    """Left out of the book (find_all with a function: much faster than a CSS select)."""
    return SCREEN_ATTRIBUTE in tag.attrs or not SCREEN_CLASSES.isdisjoint(tag.get("class") or ())


def _text(tag) -> str:
    return " ".join(tag.get_text().split())


def prepare_chapter(chapter, content: str) -> None:
    """Parse a page's HTML into `chapter.body`: title taken out, headings demoted, ids made
    unique in the book (`chapter.ids`: original -> new), print-only rewrites applied."""
    soup = BeautifulSoup(content, PARSER)
    for tag in soup.find_all(_screen_only):  # the print wording follows it (print_marks.py)
        tag.decompose()
    tags = _tags_outside_svg(soup)
    first = next((t for t in tags if t.name == "h1"), None)
    for tag in tags:
        if tag.name == "a" and "headerlink" in (tag.get("class") or []):
            tag.decompose()
    if first is not None:
        chapter.title_html = first.decode_contents()
        chapter.title = _text(first)
        if first.get("id"):
            chapter.ids[first["id"]] = chapter.anchor
        first.decompose()
    else:
        chapter.title = " ".join((chapter.page.title or "").split())
        chapter.title_html = html.escape(chapter.title)
    tags = _tags_outside_svg(soup)  # again, without what was removed (cheaper than asking each
    # tag `.decomposed`: BeautifulSoup answers a missing attribute by searching the tag's subtree)

    counter = 0
    for tag in tags:
        if tag.get("id") and tag["id"] not in chapter.ids:
            counter += 1
            chapter.ids[tag["id"]] = f"c{chapter.number}-{counter}"
    for tag in tags:
        if tag.name in HEADINGS:
            tag.name = f"h{min(int(tag.name[1]) + 1, 6)}"
        if tag.get("id"):
            tag["id"] = chapter.ids[tag["id"]]
        for name in ID_REFERENCES:
            if name in tag.attrs:
                tag[name] = " ".join(chapter.ids.get(v, f"c{chapter.number}-x-{v}") for v in tag[name].split())
        if tag.name == "details":
            tag["open"] = ""
        elif tag.name == "abbr":  # glossary tooltips: plain text on paper
            tag.unwrap()
        elif (tag.name == "label" and "task-list-control" in (tag.get("class") or [])) or (
                tag.name == "input" and tag.get("type") == "checkbox"):
            tag.replace_with(soup.new_tag("span", attrs={"class": "hb-box", "aria-hidden": "true"}))
    chapter.body = soup


def link_chapter(chapter, by_url: dict, ref: str | None = None) -> None:
    """Turn every link into a link inside the book (followed by a page reference slot when `ref`,
    the reference's wording with {n} for the number, is given), an external link, or plain text;
    make relative image paths root-relative (the print server serves the built site at /)."""
    for tag in _tags_outside_svg(chapter.body):
        if tag.name == "a" and tag.get("href") is not None:
            _relink(tag, chapter, by_url)
            if ref and tag.name == "a" and tag["href"].startswith("#"):
                add_ref(chapter.body, tag, tag["href"][1:], ref)
        for name in ("src", "data-src"):
            value = tag.get(name)
            if value and not (EXTERNAL.match(value) or value.startswith(("data:", "/"))):
                tag[name] = "/" + resolve(chapter.url, value)[0]


def _relink(link, chapter, by_url: dict) -> None:
    href = link["href"]
    if EXTERNAL.match(href):
        bare = _text(link).rstrip("/")
        link.attrs = {"href": href}
        if bare in (href.rstrip("/"), href.split(":", 1)[-1].strip("/")):
            link["data-hb-bare"] = ""  # the text is the URL: print it once
        return
    path, fragment = resolve(chapter.url, href)
    target = by_url.get(path)
    if target is None:  # a page that is not in the book (tags, maintainers): keep the words
        link.name = "span"
        link.attrs = {"class": "hb-link-off"}
        return
    link.attrs = {"href": "#" + (target.ids.get(fragment, target.anchor) if fragment else target.anchor)}


TRAILING_MARKS = re.compile(r"^[。，、；：？！）」』.,;:?!)\]]+")
REF_WIDEST = "888"  # the ghost's number: as wide as any page number of a book under 1000 pages


def ref_slot(soup, target: str, ref: str) -> Tag:
    """`(see p. N)` for the page of `target`, filled in after the first print (print-fill.js)."""
    slot = soup.new_tag("span", attrs={"class": "hb-ref", "data-for": target})
    ghost = soup.new_tag("span", attrs={"class": "hb-ref-ghost", "aria-hidden": "true"})
    ghost.string = ref.format(n=REF_WIDEST)
    slot.append(ghost)
    slot.append(soup.new_tag("span", attrs={"class": "hb-ref-text"}))
    return slot


def add_ref(soup, link: Tag, target: str, ref: str) -> None:
    """A page reference right after `link` (after a space when the wording starts with a Latin
    parenthesis, as in English)."""
    slot = ref_slot(soup, target, ref)
    link.insert_after(slot)
    if ref.startswith("("):
        link.insert_after(NavigableString(" "))
    after = slot.next_sibling
    if type(after) is NavigableString:  # punctuation right after stays on the slot's line: never a lone 。
        mark = TRAILING_MARKS.match(str(after))
        if mark:
            keep = soup.new_tag("span", attrs={"class": "hb-nowrap"})
            slot.replace_with(keep)
            keep.append(slot)
            keep.append(NavigableString(mark.group(0)))
            rest = str(after)[mark.end():]
            if rest:
                after.replace_with(NavigableString(rest))
            else:
                after.extract()


def take_answers(chapter, key_anchor: str, words: dict, ref: str) -> list[dict]:
    """Move every quiz answer of the chapter out of its question, for the answer key; each quiz
    ends with a reference to the key. Returns [{label, html}] in order."""
    soup = chapter.body
    answers = []
    for quiz in soup.find_all("div", class_="hb-quiz"):
        for form in quiz.find_all("form", class_="hb-quiz-question"):
            details = form.find("details", class_="hb-quiz-answer")
            if details is None:
                continue
            number = form.find(class_="hb-quiz-number")
            summary = details.find("summary")
            if summary is not None:
                summary.decompose()
            typeset(details)
            answers.append({"label": _text(number) if number else "", "html": details.decode_contents().strip()})
            details.decompose()
        note = soup.new_tag("p", attrs={"class": "hb-quiz-key"})
        link = soup.new_tag("a", attrs={"href": f"#{key_anchor}"})
        link.string = words["key_note"]
        note.append(link)
        add_ref(soup, link, key_anchor, ref)
        if words.get("key_end"):
            note.append(NavigableString(words["key_end"]))
        quiz.insert_after(note)
    return answers


# Typography ------------------------------------------------------------------------------------

NO_TYPESET = {"code", "pre", "kbd", "samp", "script", "style", "svg", "math"}
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
FULL_WIDTH_MARKS = "，。、；：？！「」『』（）《》〈〉"
SPACE_AFTER_MARK = re.compile(f"(?<=[{FULL_WIDTH_MARKS}])[ \u00a0\u3000]+")
SPACE_BEFORE_MARK = re.compile(f"[ \u00a0\u3000]+(?=[{FULL_WIDTH_MARKS}])")
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,40}\]")
OPENS_AFTER = re.compile(f"[\\s(\\[{{/\u2014\u2013{CJK}-]")


def _quotes(text: str, before: str) -> str:
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
    """The text nodes under `node` in document order, outside code, diagrams and email slots;
    None where a block (or a line) starts: quotes do not pair across it."""
    for child in node.children:
        if type(child) is NavigableString:
            yield child
        elif isinstance(child, Tag) and child.name not in NO_TYPESET and "hb-slot" not in (child.get("class") or ()):
            if child.name in BLOCKS:
                yield None
            yield from _texts(child)


def typeset(soup) -> None:
    """Typographic quotes, no space after (or before) full-width punctuation, and
    [placeholders] kept on one line, in every text of `soup` outside code and diagrams."""
    before = ""
    for node in list(_texts(soup)):
        if node is None:
            before = ""
            continue
        text = str(node)
        new = _quotes(text, before) if ('"' in text or "'" in text) else text
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
                    pieces.append(NavigableString(new[last:match.start()]))
                keep = soup.new_tag("span", attrs={"class": "hb-nowrap"})
                keep.string = match.group(0)
                pieces.append(keep)
                last = match.end()
            if last < len(new):
                pieces.append(NavigableString(new[last:]))
            node.replace_with(*pieces)
        elif new != text:
            node.replace_with(NavigableString(new))


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


def size_diagrams(soup) -> list[float]:
    """Give every diagram an explicit printed width; returns the label sizes (pt) it gives."""
    sizes = []
    for figure in soup.find_all("figure", class_="hb-diagram"):
        svg = figure.find("svg")
        if svg is None:
            continue
        match = VIEWBOX.match(svg.get("viewbox") or svg.get("viewBox") or "")
        if not match:
            continue
        width, height = float(match.group(1)), float(match.group(2))
        scale = diagram_scale(width, height)
        svg["style"] = f"width: {width * scale:.1f}pt; height: {height * scale:.1f}pt; max-width: none;"
        svg.attrs.pop("width", None)
        if width * scale <= SIDE_WIDTH * TYPE_WIDTH_PT and height * scale >= SIDE_HEIGHT * TYPE_HEIGHT_PT:
            # A tall, narrow drawing stands beside the text, as a float: where it does not fit
            # on the page, it moves to the next one and the text goes on filling this page.
            figure["class"] = [*(figure.get("class") or []), "hb-diagram-side"]
        sizes.append(round(LABEL_PX * scale, 2))
    return sizes


def typeset_title(text: str, html_text: str) -> tuple[str, str]:
    """A title (plain text and HTML) with the body's typography."""
    soup = BeautifulSoup(html_text, PARSER)
    typeset(soup)
    return _quotes(text, ""), soup.decode(formatter="minimal")


def chapter_html(chapter) -> str:
    """The chapter as HTML for the print template (its title is rendered there)."""
    return chapter.body.decode(formatter="minimal")


def stylesheets(home_html: str, home_url: str) -> list[str]:
    """The site's own stylesheets (theme, palette, extra_css) named by the built home page, as
    root-relative URLs."""
    links = BeautifulSoup(home_html, PARSER, parse_only=SoupStrainer("link"))
    result = []
    for link in links.find_all("link", href=True):
        if "stylesheet" in (link.get("rel") or []) and not EXTERNAL.match(link["href"]):
            path, _ = resolve(home_url + "index.html", link["href"])
            result.append("/" + path)
    return result
