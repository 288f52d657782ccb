"""Shared plumbing for the handbook's build hooks (not a hook: mkdocs.yml does not list it).

Every hook module imports this one. It knows the project's languages, reads the sources
(pages and data files) once per build, and formats failures so that each names the file,
the line or id, and the fix. MkDocs loads each hook with the hooks folder on sys.path, so
`import _handbook` gives all hooks the same module object and the same per-build cache
(`sources(config).memo(...)`). MkDocs registers hooks under their path ("hooks/x.py"), so a
hook that imports another hook by name gets a separate module object: shared state lives here.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

import yaml
from mkdocs.exceptions import PluginError

# The languages of the handbook, default first. Adding a language starts here (see README).
LANGUAGES = ("zh-TW", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]

# Folders under docs/ that hold data or snippets, not pages.
NON_PAGE_DIRS = ("_data", "_snippets")

log = logging.getLogger("mkdocs.hooks.handbook")

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # a Chinese (Han) character
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # ids of phrases, terms, quizzes, checklist items
INLINE_CODE = re.compile(r"`[^`\n]*`")
PAGE_NAME = re.compile(r"^(?P<base>.+)\.(?P<lang>[A-Za-z]{2}(?:-[A-Za-z]{2,4})?)\.md$")
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n", re.S)
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


class HandbookError(PluginError):
    """A build failure caused by the handbook's own sources. The message is the whole report."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source file, and how to fix it."""

    path: str  # relative to the project root
    where: str  # "line 12", "phrase h16-repeat", …
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path} ({self.where}): {self.problem}\n    Fix: {self.fix}"


def id_problem(kind: str, item_id: str, line: int, seen: dict[str, int], example: str) -> tuple[str, str] | None:
    """What is wrong with an id, as (problem, fix), or None. A good id is recorded in `seen`
    (id -> line), so that its next use is reported as a duplicate. `kind` names it: "quiz id"."""
    if not ID_PATTERN.match(item_id):
        return f"{kind} {item_id!r} is not lowercase letters, digits and single hyphens", f"rename it, e.g. {example!r}"
    if item_id in seen:
        return f"duplicate {kind} {item_id!r} (first used on line {seen[item_id]})", "give one of them a new, unique id"
    seen[item_id] = line
    return None


def raise_problems(check: str, problems: list[Problem]) -> None:
    """Stop the build with every problem a check found, each naming its file, place and fix."""
    if not problems:
        return
    shown = problems[:60]
    more = f"\n… and {len(problems) - len(shown)} more." if len(problems) > len(shown) else ""
    body = "\n".join(f"  - {p}" for p in shown)
    raise HandbookError(f"[{check}] {len(problems)} problem(s):\n{body}{more}")


def warn_problems(check: str, problems: list[Problem], config) -> None:
    """Report problems that are warnings. A strict build fails now, before site/ is cleaned,
    so a rejected build leaves the previous site in place."""
    if not problems:
        return
    if config.get("strict"):
        raise_problems(check + ", a warning that fails the strict build", problems)
    for p in problems:
        log.warning("[%s] %s", check, p)


# --------------------------------------------------------------------------- YAML with lines


_FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 5x faster


class _LineLoader(_FastSafeLoader):
    """A safe YAML loader whose mappings remember the line they start on."""


class LineDict(dict):
    line: int = 0


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, root: Path):
    """Parse a data file. A malformed file fails the build with its line and what to do."""
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f"line {mark.line + 1}" if mark else "whole file"
        problem = getattr(exc, "problem", None) or str(exc)
        raise_problems(
            "data files",
            [
                Problem(
                    relpath(path, root),
                    line,
                    f"is not valid YAML: {problem}",
                    "correct the YAML syntax there (quote strings that contain ': ' or start with"
                    " a special character; indent with spaces)",
                )
            ],
        )


# --------------------------------------------------------------------------- sources


@dataclass
class PageSource:
    """One Markdown file of one language, as written."""

    path: Path
    rel: str  # relative to the project root, for messages
    base: str  # the page's name without language suffix, e.g. "phone/incoming-calls"
    lang: str
    text: str
    meta: dict
    body_start: int  # 1-based line number of the first line after the front matter

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def prose_lines(self):
        """(line number, line) for lines outside fenced code blocks, after the front matter.
        Mermaid fences count as code here; checks that want diagram text read them separately."""
        in_fence = None
        for number, line in enumerate(self.lines, start=1):
            if number < self.body_start:
                continue
            match = FENCE.match(line)
            if match:
                marker = match.group("fence")
                if in_fence is None:
                    in_fence = marker
                    continue
                if line.strip().startswith(in_fence[0] * len(in_fence)) and not match.group("info").strip():
                    in_fence = None
                    continue
            if in_fence is None:
                yield number, line


@dataclass
class Sources:
    root: Path
    docs_dir: Path
    pages: list[PageSource] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _data: dict = field(default_factory=dict)
    _memo: dict = field(default_factory=dict)

    def memo(self, key: str, compute):
        """Compute something once per build and share it between hooks. (A hook that imports
        another hook gets a second module object, so per-build state must live here.)"""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def data(self, name: str):
        """A data file under docs/_data, parsed once per build."""
        if name not in self._data:
            self._data[name] = load_yaml(self.docs_dir / "_data" / name, self.root)
        return self._data[name]

    def pages_by_base(self) -> dict[str, dict[str, PageSource]]:
        result: dict[str, dict[str, PageSource]] = {}
        for page in self.pages:
            result.setdefault(page.base, {})[page.lang] = page
        return result


_cache: dict = {"key": None, "sources": None, "refreshed_for": None}


@functools.lru_cache(maxsize=None)
def _resolved(path: str) -> Path:
    # Hooks ask for the project root and docs folder on every page event; resolving a path
    # stats every component, so do it once per path and process.
    return Path(path).resolve()


def relpath(path: Path, root: Path) -> str:
    try:
        return _resolved(str(path)).relative_to(_resolved(str(root))).as_posix()
    except ValueError:
        return str(path)


def project_root(config) -> Path:
    return _resolved(str(config.config_file_path)).parent


def docs_dir_of(config) -> Path:
    """The real docs folder (the i18n plugin may point config.docs_dir elsewhere per language)."""
    return _resolved(str(config.docs_dir))


def _source_files(docs_dir: Path) -> list[Path]:
    files = []
    for path in sorted(docs_dir.rglob("*")):
        if path.is_file() and not any(part in NON_PAGE_DIRS for part in path.relative_to(docs_dir).parts[:-1]):
            if path.suffix == ".md":
                files.append(path)
    data = sorted((docs_dir / "_data").glob("*")) if (docs_dir / "_data").is_dir() else []
    return files + data


def sources(config, *, refresh: bool = False) -> Sources:
    """All pages and data of this build, read once and shared by every hook.

    Hooks pass refresh=True in on_pre_build: the files are then listed and stat'ed again and
    re-read only if one changed (so `mkdocs serve` picks up edits). Every other call, once per
    page and event, returns the cached sources without touching the disk."""
    root = project_root(config)
    docs_dir = docs_dir_of(config)
    if not refresh and _cache["sources"] is not None and _cache["sources"].docs_dir == docs_dir:
        return _cache["sources"]
    files = _source_files(docs_dir)
    key = (str(docs_dir), tuple((str(p), stat.st_mtime_ns, stat.st_size) for p in files for stat in [p.stat()]))
    if _cache["key"] == key:
        return _cache["sources"]

    result = Sources(root=root, docs_dir=docs_dir)
    for path in files:
        if path.suffix != ".md":
            continue
        rel_to_docs = path.relative_to(docs_dir).as_posix()
        rel = relpath(path, root)
        match = PAGE_NAME.match(rel_to_docs)
        if not match or match.group("lang") not in LANGUAGES:
            result.problems.append(
                Problem(
                    rel,
                    "file name",
                    "has no language suffix this handbook knows"
                    f" (expected one of: {', '.join('.' + l + '.md' for l in LANGUAGES)})",
                    f"rename it to {rel_to_docs.removesuffix('.md')}.{DEFAULT_LANGUAGE}.md and add"
                    f" the other language's file beside it",
                )
            )
            continue
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        meta, body_start = {}, 1
        fm = FRONT_MATTER.match(text)
        if fm:
            body_start = fm.group(0).count("\n") + 1
            try:
                meta = yaml.load(fm.group("yaml"), Loader=_FastSafeLoader) or {}  # noqa: S506 - safe loader
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                result.problems.append(
                    Problem(
                        rel,
                        f"line {mark.line + 2}" if mark else "front matter",
                        f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
                        "correct the YAML between the two '---' lines",
                    )
                )
            if not isinstance(meta, dict):
                meta = {}
        result.pages.append(
            PageSource(path, rel, match.group("base"), match.group("lang"), text, meta, body_start)
        )
    _cache.update(key=key, sources=result)
    return result


# --------------------------------------------------------------------------- build phases


def is_outer_build(config) -> bool:
    """True in the default language's build, the one that starts and ends a whole build.

    mkdocs-static-i18n builds the default language, then, from its own on_post_build, builds
    every other language; while it does so its `building` flag is set."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


def single_language_build(config) -> bool:
    """True when mkdocs-static-i18n builds one language only (its build_only_locale option)."""
    i18n = config.plugins.get("i18n")
    return bool(i18n and i18n.config.get("build_only_locale"))


def starting_build(config) -> bool:
    """For on_pre_build: True once per whole build (the default language's), after re-reading
    any source file that changed since the last build."""
    if not is_outer_build(config):
        return False
    if _cache.get("refreshed_for") is not config:  # every hook asks; look at the disk once per build
        sources(config, refresh=True)
        _cache["refreshed_for"] = config
    return True


def page_language(page) -> str:
    lang = getattr(page.file, "locale", None)
    if lang not in LANGUAGES:
        raise HandbookError(
            f"{page.file.src_uri}: cannot tell the page's language (got {lang!r}); "
            "is the i18n plugin configured in mkdocs.yml?"
        )
    return lang


# --------------------------------------------------------------------------- rendered HTML

# Splits HTML into text and tags; each tag comes with its "/" (closing) and its name, if it has one.
HTML_TAG = re.compile(r"(<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)?[^>]*>)")
VOID_ELEMENTS = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class ProseRule(NamedTuple):
    """A decoration of rendered prose: `change(text)` rewrites a run of text between tags, except
    inside elements for which `skip(name, start_tag)` is true (and everything nested in them)."""

    change: Callable[[str], str]
    skip: Callable[[str, str], bool]


def transform_text(html_text: str, rules: Sequence[ProseRule]) -> str:
    """Apply every rule to the text between the tags of rendered HTML, in one walk (the walk,
    not the rules, is what costs time on a page). Rules apply in order; a later rule sees the
    markup an earlier one inserted (e.g. a tooltip's <abbr>) and honours its own skip inside it."""
    parts = HTML_TAG.split(html_text)  # text, (tag, slash, name, text)*
    out = [_change_text(parts[0], rules, [0] * len(rules))]
    stack = []  # (element name, one "skipped?" flag per rule)
    skipped_depth = [0] * len(rules)  # per rule: how many open elements on the stack it skips
    for i in range(1, len(parts), 4):
        tag, closing, name, text = parts[i], parts[i + 1], parts[i + 2], parts[i + 3]
        if name and not tag.startswith("<!"):
            name = name.lower()
            if closing:
                for index in range(len(stack) - 1, -1, -1):
                    if stack[index][0] == name:
                        for _, flags in stack[index:]:
                            for k, flag in enumerate(flags):
                                skipped_depth[k] -= flag
                        del stack[index:]
                        break
            elif name not in VOID_ELEMENTS and not tag.endswith("/>"):
                flags = [rule.skip(name, tag) for rule in rules]
                for k, flag in enumerate(flags):
                    skipped_depth[k] += flag
                stack.append((name, flags))
        out.append(tag)
        out.append(_change_text(text, rules, skipped_depth))
    return "".join(out)


def _change_text(text: str, rules: Sequence[ProseRule], skipped_depth: list[int]) -> str:
    if not text or text.isspace():
        return text
    for k, rule in enumerate(rules):
        if not skipped_depth[k]:
            # Markup from an earlier rule: walk it, so this rule's skip applies inside it.
            text = transform_text(text, [rule]) if "<" in text else rule.change(text)
    return text


@dataclass(frozen=True)
class SourceMarker:
    """An HTML-comment marker written in a page, e.g. `<!-- quiz five-taboos -->`."""

    page: PageSource
    line: int
    raw: str  # the whole comment as written
    body: str  # its text without the comment delimiters, whitespace folded
    alone: bool  # the marker is the whole line (a block marker)


def source_markers(pages, word: str):
    """Every comment marker whose text starts with the word `word` (a regex, e.g. "phrases?"),
    in prose lines, outside code blocks and inline code. The hook that owns the marker parses
    the body and reports anything it cannot parse."""
    pattern = re.compile(rf"<!--\s*(?:{word})\b.*?-->")
    for page in pages:
        for number, line in page.prose_lines():
            scrubbed = INLINE_CODE.sub("", line)
            for match in pattern.finditer(scrubbed):
                raw = match.group(0)
                body = re.sub(r"\s+", " ", raw[4:-3].strip())
                yield SourceMarker(page, number, raw, body, scrubbed.strip() == raw)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
