"""Internal links: every link to a page or an anchor of the handbook resolves.

MkDocs validates links too (mkdocs.yml `validation:`), but only while it writes the new site,
after the previous one was deleted; a wiki must never lose its last good build to a typo. So the
same question is asked here, from the Markdown sources, in the validation phase: does
`[text](../phone/x.md#y)` name a page that exists (in the link's language) and a heading or id on
it? Heading ids come from the slugify function configured for toc in mkdocs.yml. What cannot be
resolved with certainty (absolute URLs, assets, ids made by raw HTML) is left to MkDocs.
"""

from __future__ import annotations

import functools
import posixpath
import re

from .problems import Problem, did_you_mean
from .markers import MARKERS, page_markers
from .sources import INLINE_CODE, PageSource

LINK = re.compile(r"(?<!!)\[(?:[^\]\[]|\[[^\]]*\])*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
ATTR_ID = re.compile(r"\s*\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
ATTR_ANY = re.compile(r"\s*\{[^}]*\}\s*$")
EXPLICIT_ID = re.compile(r"""(?:\{[^}]*#|\bid=["'])(?P<id>[\w-]+)""")
INLINE_MARKUP = re.compile(r"`([^`]*)`|\*\*|__|\*|<[^>]+>")
MD_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def slugify_of(mdx_configs: dict):
    """The heading-id function MkDocs' toc will use, from mkdocs.yml's toc settings."""
    toc = (mdx_configs or {}).get("toc") or {}
    slugify = toc.get("slugify")
    if slugify is None:
        from markdown.extensions.toc import slugify
    return _slugify_with(slugify, toc.get("separator", "-"))


@functools.lru_cache(maxsize=8)
def _slugify_with(slugify, separator: str):
    """One function per setting, so that anchors derived with it are found again (PageSource.derive)."""
    return lambda text: slugify(text, separator)


def anchors_of(page: PageSource, slugify) -> set[str]:
    """A page's ids: its headings' slugs (de-duplicated as toc does) and explicit {#id} or id="…"."""
    return page.derive(("anchors", slugify), lambda: frozenset(_anchors_of(page, slugify)))


def _anchors_of(page: PageSource, slugify) -> set[str]:
    found: set[str] = set()
    for _, line in page.prose_lines():
        heading = HEADING.match(line)
        if heading:
            text = heading.group("text")
            explicit = ATTR_ID.search(text)
            if explicit:
                found.add(explicit.group("id"))
                continue
            text = INLINE_MARKUP.sub(lambda m: m.group(1) or "", MD_LINK_TEXT.sub(r"\1", ATTR_ANY.sub("", text)))
            slug = base = slugify(text.strip())
            counter = 1
            while slug in found:
                slug, counter = f"{base}_{counter}", counter + 1
            found.add(slug)
        found.update(m.group("id") for m in EXPLICIT_ID.finditer(line))
    for marker in page_markers(page):  # headings a marker renders, e.g. an email template's
        kind = MARKERS.get(marker.name)
        if kind and kind.anchors:
            found |= kind.anchors(marker)
    return found


def page_links(page: PageSource) -> list[tuple[int, str]]:
    """(line, target) of every Markdown link in a page's prose, found once per text."""
    return page.derive("links", lambda: [(number, match.group("target")) for number, line in page.prose_lines()
                                         for match in LINK.finditer(INLINE_CODE.sub("", line))])


def check_links(pages: list[PageSource], slugify) -> list[Problem]:
    """A problem for every link to a page of the handbook that does not exist in the link's language,
    or to an anchor the page lacks (with "did you mean"); external links, assets and absolute
    paths are left to MkDocs."""
    by_key = {(p.base, p.lang): p for p in pages}
    anchors: dict = {}
    problems = []
    for page in pages:
        folder = posixpath.dirname(page.base)
        for number, target in page_links(page):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("/"):
                    continue  # external, mailto: or absolute: MkDocs' validation reports those
                path, _, anchor = target.partition("#")
                if path and not path.endswith(".md"):
                    continue  # an asset or a download: left to MkDocs
                key = (posixpath.normpath(posixpath.join(folder, path))[:-3], page.lang) if path else (page.base, page.lang)
                if key not in by_key:
                    known = sorted(posixpath.relpath(base, folder or ".") + ".md" for base, lang in by_key if lang == page.lang)
                    problems.append(Problem(page.rel, number, f"link to a page that does not exist: {target}"
                                            f"{did_you_mean(path, known)}",
                                            "link to an existing page by its name without the language suffix, relative"
                                            " to this file (e.g. ../phone/incoming-calls.md)"))
                    continue
                if key not in anchors:
                    anchors[key] = anchors_of(by_key[key], slugify)
                if anchor and anchor not in anchors[key]:
                    problems.append(Problem(page.rel, number, f"link to an anchor that does not exist: {target}"
                                            f"{did_you_mean(anchor, anchors[key])}",
                                            f"use one of the headings' ids of {by_key[key].rel} (heading text, lowercased,"
                                            " spaces as hyphens), or give the heading an explicit id: ## Title {#my-id}"))
    return problems
