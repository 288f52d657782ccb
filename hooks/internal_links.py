"""Internal links: every link to a page or an anchor of the handbook resolves, checked before
MkDocs cleans site/.

Why: MkDocs validates links too (mkdocs.yml `validation:`), but it reports them while it writes
the new site, and a strict build stops only at the very end, after the previous site was
deleted. A wiki must never lose its last good build to a typo in a link. So the same question
is asked here first, from the Markdown sources, once per build: does `[text](../phone/x.md#y)`
name a page that exists (in the link's language) and a heading or id on it?

Heading ids are computed with the slugify function configured for the toc extension in
mkdocs.yml, so they match what MkDocs generates. The check is deliberately conservative: what
it cannot resolve with certainty (links into data files, absolute URLs, ids made by raw HTML
it does not see) it leaves to MkDocs' own validation, which still runs.
"""

from __future__ import annotations

import posixpath
import re

import _handbook as hb

LINK = re.compile(r"(?<!!)\[(?:[^\]\[]|\[[^\]]*\])*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
ATTR_ID = re.compile(r"\s*\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")
ATTR_ANY = re.compile(r"\s*\{[^}]*\}\s*$")
EXPLICIT_ID = re.compile(r"""(?:\{[^}]*#|\bid=["'])(?P<id>[\w-]+)""")
INLINE_MARKUP = re.compile(r"`([^`]*)`|\*\*|__|\*|<[^>]+>")
MD_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _slugify(config):
    toc = (config.get("mdx_configs") or {}).get("toc") or {}
    slugify = toc.get("slugify")
    if slugify is None:
        from markdown.extensions.toc import slugify  # MkDocs' default
    separator = toc.get("separator", "-")
    return lambda text: slugify(text, separator)


def anchors_of(page: hb.PageSource, slugify) -> set[str]:
    """The ids a page will have: its headings' slugs (de-duplicated the way toc does) and any
    explicit {#id} or id="…" in the source."""
    found: set[str] = set()
    for _, line in page.prose_lines():
        heading = HEADING.match(line)
        if heading:
            text = heading.group("text")
            explicit = ATTR_ID.search(text)
            if explicit:
                found.add(explicit.group("id"))
                continue
            text = ATTR_ANY.sub("", text)
            text = MD_LINK_TEXT.sub(r"\1", text)
            text = INLINE_MARKUP.sub(lambda m: m.group(1) or "", text)
            slug = base = slugify(text.strip())
            counter = 1
            while slug in found:
                slug = f"{base}_{counter}"
                counter += 1
            found.add(slug)
        for match in EXPLICIT_ID.finditer(line):
            found.add(match.group("id"))
    return found


def check(config) -> None:
    src = hb.sources(config)
    slugify = _slugify(config)
    pages = {(p.base, p.lang): p for p in src.pages}
    anchors: dict[tuple[str, str], set[str]] = {}

    def anchors_for(key):
        if key not in anchors:
            anchors[key] = anchors_of(pages[key], slugify)
        return anchors[key]

    problems = []
    for page in src.pages:
        folder = posixpath.dirname(page.base)
        for number, line in page.prose_lines():
            for match in LINK.finditer(re.sub(r"`[^`]*`", "", line)):
                target = match.group("target")
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("/"):
                    continue  # external, mailto:, or absolute: MkDocs' validation reports those
                path, _, anchor = target.partition("#")
                if path and not path.endswith(".md"):
                    continue  # an asset or a download: left to MkDocs
                if path:
                    key = (posixpath.normpath(posixpath.join(folder, path))[: -len(".md")], page.lang)
                    if key not in pages:
                        problems.append(hb.Problem(
                            page.rel, f"line {number}", f"link to a page that does not exist: {target}",
                            "link to an existing page by its name without the language suffix, relative to this"
                            " file (e.g. ../phone/incoming-calls.md)"))
                        continue
                else:
                    key = (page.base, page.lang)
                if anchor and anchor not in anchors_for(key):
                    problems.append(hb.Problem(
                        page.rel, f"line {number}", f"link to an anchor that does not exist: {target}",
                        f"use one of the headings' ids of {pages[key].rel} (heading text, lowercased, spaces as"
                        " hyphens), or give the heading an explicit id: ## Title {#my-id}"))
    hb.raise_problems("internal links", problems)


def on_pre_build(config):
    if hb.starting_build(config):
        check(config)
