"""A page's HTML rewritten for the PDF book, with a real HTML parser (BeautifulSoup).

Each chapter is one site page: its H1 becomes the chapter title and every other heading moves
down one level (the PDF outline reads part > chapter > section); every id gets a prefix per
chapter, so ids stay unique in the one document, and the attributes that point at ids follow;
links become links inside the book, external links (whose URL is printed after them), or plain
text; relative image paths become root-relative for the print server. Print-only treatment:
checklists print as empty square boxes, collapsible blocks are open, glossary tooltips are plain
text. Inline SVG (the diagrams) is left as drawn: its ids are already unique per diagram
(hooks/handbook/diagrams.py) and its internal references must not change.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, SoupStrainer, Tag

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


def _text(tag) -> str:
    return " ".join(tag.get_text().split())


def prepare_chapter(chapter, content: str) -> None:
    """Parse a page's HTML into `chapter.body`: title taken out, headings demoted, ids made
    unique in the book (`chapter.ids`: original -> new), print-only rewrites applied."""
    soup = BeautifulSoup(content, PARSER)
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
    tags = [t for t in tags if not t.decomposed]

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


def link_chapter(chapter, by_url: dict) -> None:
    """Turn every link into a link inside the book, an external link, or plain text; make
    relative image paths root-relative (the print server serves the built site at /)."""
    for tag in _tags_outside_svg(chapter.body):
        if tag.name == "a" and tag.get("href") is not None:
            _relink(tag, chapter, by_url)
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
