"""The handbook's sources as plain data: its languages, and its pages as written.

A page is one Markdown file of one language (`docs/<base>.<lang>.md`). Pages are read once per
build, in the validation phase; checks work on PageSource objects, never on MkDocs' pages.

Reading a file whose text has not changed since the last validation in the same process (`mkdocs
serve`, the tests' bad-input cases) gives the same PageSource (parse_page is cached on the text),
and what the checks derive from a page is kept on it (`derive`, datafiles.KeepsDerived): only
edited files are checked afresh. The checks' results depend on nothing but their inputs, so reuse cannot go stale.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .datafiles import FAST_SAFE_LOADER, KeepsDerived, load_lines
from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .problems import Problem


NON_PAGE_DIRS = ("_data", "_snippets")  # folders under docs/ that hold data or snippets, not pages

PAGE_NAME = re.compile(r"^(?P<base>.+)\.(?P<lang>[A-Za-z]{2}(?:-[A-Za-z]{2,4})?)\.md$")
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n", re.S)
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
INLINE_CODE = re.compile(r"`[^`\n]*`")

# Spans that are not reader text, blanked before the rules look at a line (positions are kept).
NOT_READER_TEXT = re.compile(
    r"`[^`\n]*`"                      # inline code
    r"|<!--.*?-->"                    # HTML comments, including markers <!-- phrase id -->
    r"|</?[A-Za-z!][^>\n]*>"          # HTML tags with their attributes
    r"|\]\([^)\n]*\)"                 # Markdown link targets ](…)
    r"|^\s*\[[^\]\n]+\]:\s*\S+"       # reference link definitions [id]: url
    r"|<?https?://[^\s)>]+>?"         # bare URLs
    r"|\{\s*[#.:][^}\n]*\}"           # attribute lists {#id .class}
)
# Admonitions and content tabs: !!! tip "標題", ??? note "標題", === "標題" (the title is reader text).
TITLED_BLOCK = re.compile(r'^(\s*(?:!!!|\?\?\?\+?|===)(?:\s+[\w-]+)*\s*)"(.*)"(\s*)$')


@dataclass
class PageSource(KeepsDerived):
    """One Markdown file of one language, as written."""

    rel: str  # relative to the project root, for messages: "docs/phone/incoming-calls.en.md"
    base: str  # the page's name without language suffix: "phone/incoming-calls"
    lang: str
    text: str
    meta: dict
    body_start: int = 1  # 1-based line number of the first line after the front matter

    def meta_line(self, key: str) -> int | None:
        """The line of a front-matter key, as the YAML parser recorded it (None if absent)."""
        line = getattr(self.meta, "key_lines", {}).get(key)
        return line + 1 if line else None  # the front matter's YAML starts on the page's line 2

    @functools.cached_property  # split once: every check walks the page's lines
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def prose_lines(self):
        """(line number, line) for lines after the front matter and outside fenced code blocks."""
        in_fence = None
        for number, line in enumerate(self.lines[self.body_start - 1:], start=self.body_start):
            match = FENCE.match(line)
            if match:
                if in_fence is None:
                    in_fence = match.group("fence")
                    continue
                if line.strip().startswith(in_fence[0] * len(in_fence)) and not match.group("info").strip():
                    in_fence = None
                    continue
            if in_fence is None:
                yield number, line


@functools.lru_cache(maxsize=1024)  # the same text gives the same page (and what was derived from it)
def parse_page(rel: str, rel_to_docs: str, text: str) -> tuple[PageSource | None, tuple[Problem, ...]]:
    """The page in a file's text, or the problems with its name or front matter."""
    match = PAGE_NAME.match(rel_to_docs)
    if not match or match.group("lang") not in LANGUAGES:
        return None, (Problem(rel, None, "has no language suffix this handbook knows (expected one of:"
                              f" {', '.join('.' + lang + '.md' for lang in LANGUAGES)})",
                              f"rename it to {rel_to_docs.removesuffix('.md')}.{DEFAULT_LANGUAGE}.md and add"
                              " the other language's file beside it"),)
    text = text.replace("\r\n", "\n")
    meta, body_start, problems = {}, 1, []
    front = FRONT_MATTER.match(text)
    if front:
        body_start = front.group(0).count("\n") + 1
        try:
            meta = load_lines(front.group("yaml")) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(Problem(rel, mark.line + 2 if mark else 1,
                                    f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
                                    "correct the YAML between the two '---' lines"))
        if not isinstance(meta, dict):
            meta = {}
    return PageSource(rel, match.group("base"), match.group("lang"), text, meta, body_start), tuple(problems)


def read_pages(docs_dir: Path, root: Path) -> tuple[list[PageSource], list[Problem]]:
    """Every page under docs/ (outside the data and snippet folders), and the problems found."""
    pages, problems = [], []
    for path in sorted(docs_dir.rglob("*.md")):
        rel_to_docs = path.relative_to(docs_dir).as_posix()
        if any(part in NON_PAGE_DIRS for part in rel_to_docs.split("/")[:-1]):
            continue
        page, found = parse_page(path.relative_to(root).as_posix(), rel_to_docs, path.read_text(encoding="utf-8"))
        problems += found
        if page:
            pages.append(page)
    return pages, problems


def pages_by_base(pages: list[PageSource]) -> dict[str, dict[str, PageSource]]:
    """{page name without the language suffix: {language: its file}}: a page's versions side by side."""
    result: dict[str, dict[str, PageSource]] = {}
    for page in pages:
        result.setdefault(page.base, {})[page.lang] = page
    return result


@functools.lru_cache(maxsize=8192)  # every rule asks for the same line's view
def reader_view(line: str) -> str:
    """The line with everything that is not reader text blanked to spaces (same length)."""
    titled = TITLED_BLOCK.match(line)
    if titled:
        prefix, title, tail = titled.groups()
        line = " " * (len(prefix) + 1) + title + " " + tail
    return NOT_READER_TEXT.sub(lambda m: " " * len(m.group(0)), line)


FRONT_MATTER_TEXTS = ("title", "description")  # front-matter keys whose text readers see
FRONT_MATTER_LISTS = ("questions",)  # and lists of such texts (not tags)


def front_matter_lines(page: PageSource) -> list[tuple[int, str]]:
    """(line number, text) for the reader text in a page's front matter: title, description and the
    search questions, as YAML reads them (no key, no quotes), each at the line the YAML parser
    records for it."""
    if page.body_start == 1:  # no front matter
        return []
    try:
        root = yaml.compose("\n".join(page.lines[1:page.body_start - 2]), Loader=FAST_SAFE_LOADER)
    except yaml.YAMLError:
        return []  # the page's own check reports it
    if not isinstance(root, yaml.MappingNode):
        return []
    result = []
    for key, value in root.value:
        nodes = [value] if key.value in FRONT_MATTER_TEXTS else \
            value.value if key.value in FRONT_MATTER_LISTS and isinstance(value, yaml.SequenceNode) else []
        result += [(node.start_mark.line + 2, node.value) for node in nodes if isinstance(node, yaml.ScalarNode)]
    return result
