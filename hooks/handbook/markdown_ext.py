"""The handbook's Python-Markdown extension: markers, checklists and prose decorations, each at
the Markdown stage of a page, with Python-Markdown's own mechanisms.

- MarkerPreprocessor expands every marker through the dispatch table (markers.py) before
  Markdown parses the page. HTML output goes into Python-Markdown's HTML stash, as raw HTML does:
  it is never parsed as Markdown again (a `*` in a phrase stays a `*`) and never decorated.
  Markdown output (headings) is parsed with the page, so it reaches the TOC and search.
- ChecklistTreeprocessor turns `- [ ] item {#id}` (pymdownx.tasklist's markup) into a tickable,
  labelled box keyed by the id, and fails the build if tasklist's markup is not what it expects:
  a silent mismatch would lose every reader's remembered ticks.
- ProseTreeprocessor adds glossary tooltips and language tags to the text of the parsed page.

MkDocs renders one page at a time: hooks/page_rendering.py tells the extension which page
(the build's `page`) in on_page_markdown, just before MkDocs converts it; the extension reads
it through the object it was registered with (build.HANDBOOK, or a test's own).
"""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from . import glossary, prose
from .markers import MARKERS, Context, find_markers
from .problems import HandbookError

CHECK_ID_SUFFIX = re.compile(r"\s*\{#(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$")
NESTED_BLOCKS = {"ul", "ol", "p", "div", "pre", "blockquote", "table", "dl"}
# The box pymdownx.tasklist (custom_checkbox) writes for "- [ ]" and "- [x]".
TASKLIST_BOX = re.compile(r'<label class="task-list-control"><input type="checkbox" disabled(?: checked)?/>'
                          r'(?P<indicator><span class="task-list-indicator"></span>)</label>(?P<space>\s*)')


class MarkerPreprocessor(Preprocessor):
    """Replaces each marker by what it renders (through markers.MARKERS), before Python-Markdown
    parses the page, so that rendered Markdown (phrase tables, email templates) is converted with
    the page and its headings reach the table of contents."""
    def __init__(self, md, handbook):
        super().__init__(md)
        self.handbook = handbook

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        build = self.handbook.build
        context = Context(build.page.lang, build.page.root, build.content)
        out = list(lines)
        # Replace from the end, so the earlier markers' offsets stay valid.
        for marker in reversed(list(find_markers(text))):
            if marker.foreign:
                continue
            kind = MARKERS[marker.name]
            output = kind.render(marker, context)
            line = out[marker.line - 1]
            if not output.strip():  # e.g. the PDF links in a build without PDFs
                out[marker.line - 1] = line[: marker.start] + line[marker.end:]
            elif marker.alone:
                indent = line[: len(line) - len(line.lstrip())]
                out[marker.line - 1] = "\n".join(indent + part for part in self._chunks(output, kind.markdown))
            else:
                out[marker.line - 1] = line[: marker.start] + self.md.htmlStash.store(output) + line[marker.end:]
        return "\n".join(out).split("\n")

    def _chunks(self, output: str, is_markdown: bool) -> list[str]:
        """The lines a block marker becomes: HTML as one stashed block, Markdown as it is."""
        if not is_markdown:
            return ["", self.md.htmlStash.store(output), ""]
        lines = [""]
        for chunk in output.strip().split("\n\n"):
            lines += [self.md.htmlStash.store(chunk)] if chunk.lstrip().startswith("<") else chunk.split("\n")
            lines.append("")
        return lines


class ChecklistTreeprocessor(Treeprocessor):
    """`- [ ] item {#id}` -> a box with id check-ID, named by the item text, keyed by the id.

    pymdownx.tasklist stashes each item's box as raw HTML and leaves a placeholder at the start
    of the item's text; the box is rewritten in the stash, the id taken off the item's end."""

    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for item in root.iter("li"):
            if "task-list-item" not in item.get("class", "").split():
                continue
            holder = item.find("p") if item.find("p") is not None else item  # a loose list wraps it in <p>
            placeholder = HTML_PLACEHOLDER_RE.match(holder.text or "")
            box = stash[int(placeholder.group(1))] if placeholder else ""
            expected = TASKLIST_BOX.fullmatch(box if isinstance(box, str) else "")
            if not expected:
                raise HandbookError(
                    f"checklists: pymdownx.tasklist's markup is not what hooks/handbook/markdown_ext.py expects: got"
                    f" {box!r}, expected {TASKLIST_BOX.pattern!r}. Readers' remembered ticks would be lost."
                    " Fix: update ChecklistTreeprocessor (and TASKLIST_BOX) for the new markup.")
            own = list(itertools.takewhile(lambda child: child.tag not in NESTED_BLOCKS, holder))
            last = own[-1] if own else None  # the item's own text ends here; a nested list may follow
            tail = (last.tail if last is not None else holder.text) or ""
            found = CHECK_ID_SUFFIX.search(tail)
            if found is None:
                raise HandbookError(f"checklists: a checklist item has no {{#id}} at its end: {tail.strip()!r}."
                                    " Fix: end the item with a stable id, e.g. ' {#pen-and-paper}'")
            tail = tail[: found.start()] + " "
            if last is not None:
                last.tail = tail
            else:
                holder.text = tail
            item_id = found.group("id")
            text = holder.text[placeholder.end():] + "".join("".join(c.itertext()) + (c.tail or "") for c in own)
            label = " ".join(self.md.treeprocessors["unescape"].unescape(text).split())
            stash[int(placeholder.group(1))] = (
                f'<label class="task-list-control"><input type="checkbox" id="check-{item_id}"'
                f' aria-label="{html.escape(label, quote=True)}"/>{expected["indicator"]}</label>{expected["space"]}')
            item.set("class", item.get("class") + " hb-check")
            item.set("data-check-id", item_id)


class ProseTreeprocessor(Treeprocessor):
    """Glossary tooltips and `lang` on text in the other language, on the parsed page (prose.py)."""
    def __init__(self, md, handbook):
        super().__init__(md)
        self.handbook = handbook

    def run(self, root: etree.Element) -> None:
        build = self.handbook.build
        lang = build.page.lang
        tooltips = build.content.tooltips
        if lang not in tooltips:
            made = glossary.tooltip_rule(build.content.terms, lang)
            tooltips[lang] = prose.tooltip(*made) if made else None
        if build.page.tooltips and tooltips[lang]:  # tooltips first: a language tag never splits a term's <abbr>
            prose.apply(root, tooltips[lang])
        prose.apply(root, prose.language_tags(lang))


class HandbookExtension(Extension):
    """`handbook`: what holds the build under way (`.build`: its content and current page)."""

    def __init__(self, handbook, **kwargs):
        super().__init__(**kwargs)
        self.handbook = handbook

    def extendMarkdown(self, md):
        # After the fenced code is stashed (25: markers in code are text), before raw HTML (20).
        md.preprocessors.register(MarkerPreprocessor(md, self.handbook), "handbook-markers", 22)
        # After tasklist (25) and inline parsing (20), before attr_list (8) reads `{…}`.
        md.treeprocessors.register(ChecklistTreeprocessor(md), "handbook-checklists", 9)
        # After the TOC (5) was made from the headings; before unescaping (0).
        md.treeprocessors.register(ProseTreeprocessor(md, self.handbook), "handbook-prose", 4)
