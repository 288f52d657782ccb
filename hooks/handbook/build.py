"""One build of the handbook, in one object, and the order of every event it answers.

`HANDBOOK` (a `Handbook`) is the process: what outlives one build (`mkdocs serve` rebuilds in the
same process): the OpenCC helper of the wording check, the one Chromium, jieba's dictionary and
the diagram cache. `HANDBOOK.build` (a `Build`) is the build under way, created once per build
from typed settings (settings.py: mkdocs.yml `extra.handbook`, HANDBOOK_* overrides) in the
first on_config of the default language. It holds

- the phase: mkdocs-static-i18n builds the default language, then every other language from
  inside the default language's on_post_build, and every hook event but on_startup/on_shutdown
  fires once per language. `begin_language()` (first in on_pre_build) and `end_language()` (last
  in on_post_build) count them, so `outer()` is true in the default language's build, the one
  that starts and ends the whole build (no reliance on the i18n plugin's internals);
- the checked data (`content`, `pages`, the pages' git dates), filled by the validation phase
  (checks.py);
- what the current page needs (`page`: language, path to the site root, tooltips), set in
  on_page_markdown just before MkDocs converts the page;
- what the hooks collect during the build: the pages' search questions, jieba's segmentations,
  the books' pages and nav, the diagram counts.

The hooks in hooks/ are thin entry points: each hands MkDocs events to the package. No module
keeps state of its own: everything a build changes is in HANDBOOK.

Every event, in the order MkDocs runs them (higher priority first within an event; equal
priorities in the order of `hooks:` in mkdocs.yml; a plugin's row where the hooks' order depends
on it). MkDocs reads and converts every page (on_page_markdown, on_page_content) before it
writes any (on_env, the static templates' on_template_context, then each page's
on_page_context); i18n then builds the next language from inside on_post_build. `EVENTS` below is the same table as data;
tests/unit/test_build.py checks it against the hooks' real priorities.

| event | priority | who | why |
| --- | --- | --- | --- |
| on_startup | 0 | validation | start the OpenCC helper while MkDocs loads the theme and plugins |
| on_startup | 0 | search_i18n | jieba: the Traditional Chinese dictionary, read in one piece; segment each run once |
| on_config | 1000 | validation | a new Build from the settings (not in a nested language build) |
| on_config | 100 | search_i18n | Material's search options (search.MATERIAL_OPTIONS), before its plugin reads them |
| on_config | 0 | search plugin (Material) | reads its options, creates this language's index |
| on_config | 0 | page_rendering | register the Markdown extension (once: the list is shared by the languages) |
| on_config | 0 | pdf_handbook | start Chromium in the background when this build writes the books |
| on_config | -100 | i18n plugin | the language's config |
| on_pre_build | 1000 | validation | begin_language(); the outer one runs every check but the wording answer |
| on_pre_build | 0 | search_i18n | the glossary's words into jieba's dictionary (outer) |
| on_pre_build | -1000 | validation | the wording answer; fail once with every problem (before MkDocs cleans site/) |
| on_nav | -100 | i18n plugin | translates the nav |
| on_nav | -150 | pdf_handbook | keep the translated nav of the book |
| on_page_markdown | 50 | i18n plugin | the page's language |
| on_page_markdown | 0 | page_rendering | tell the Markdown extension which page it converts |
| on_page_markdown | 0 | offline_app | What's new: `<!-- handbook/whats-new -->` becomes the list of changes.yml |
| on_page_content | 0 | language_switcher | permalink titles in the page's language |
| on_page_content | -50 | diagram_drawing | Mermaid blocks to inline SVG, after the other rewrites |
| on_page_content | -150 | pdf_handbook | keep the page's final HTML for the book, after every rewrite |
| on_env | 0 | page_rendering | the guarded string rewrite (hb_replace_exactly) overrides/main.html uses |
| on_template_context | 0 | language_switcher | the 404 page's links to each language's home |
| on_page_context | 50 | i18n plugin | the page's alternates |
| on_page_context | 0 | page_meta | the last-updated date; an escaped description |
| on_page_context | 0 | search_i18n | the language's search index; the page's questions for the index |
| on_page_context | 0 | language_switcher | same-page links to the other language |
| on_post_page | 0 | offline_app | the templates page's list of templates (after search has read the page) |
| on_post_build | 0 | search plugin (Material) | writes this language's index into site/search/ |
| on_post_build | 0 | diagram_drawing | log how many diagrams were drawn and reused |
| on_post_build | -90 | pdf_handbook | start printing this language's book, before i18n (-100) builds the next language |
| on_post_build | -100 | i18n plugin | builds every other language (nested), then merges the search index |
| on_post_build | -200 | search_i18n | one index per language with the search-only fields (outer) |
| on_post_build | -200 | language_switcher | a sitemap per language (outer) |
| on_post_build | -200 | phrasebook_downloads | the phrasebook CSV and Anki files (outer) |
| on_post_build | -300 | offline_app | each language's manifest, then sw.js over every file of the site (outer; PDFs are not precached) |
| on_post_build | -900 | pdf_handbook | wait for the books and write them (outer): everything else is written meanwhile |
| on_post_build | -1000 | validation | end_language(): this language's build is over |
| on_build_error | 0 | validation, diagram_drawing, pdf_handbook | forget the failed build; close Chromium |
| on_shutdown | 0 | validation, diagram_drawing, pdf_handbook | stop the OpenCC helper and Chromium |
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import report, wording
from .chromium import BackgroundChromium
from .markers import Content
from .settings import Settings

# (event, priority, hook module) of every hook event, in the order they run; see the table above.
EVENTS = (
    ("on_startup", 0, "validation"), ("on_startup", 0, "search_i18n"),
    ("on_config", 1000, "validation"), ("on_config", 100, "search_i18n"), ("on_config", 0, "page_rendering"),
    ("on_config", 0, "pdf_handbook"),
    ("on_pre_build", 1000, "validation"), ("on_pre_build", 0, "search_i18n"), ("on_pre_build", -1000, "validation"),
    ("on_nav", -150, "pdf_handbook"),
    ("on_page_markdown", 0, "page_rendering"), ("on_page_markdown", 0, "offline_app"),
    ("on_page_content", 0, "language_switcher"), ("on_page_content", -50, "diagram_drawing"),
    ("on_page_content", -150, "pdf_handbook"),
    ("on_env", 0, "page_rendering"), ("on_template_context", 0, "language_switcher"),
    ("on_page_context", 0, "page_meta"), ("on_page_context", 0, "search_i18n"),
    ("on_page_context", 0, "language_switcher"), ("on_post_page", 0, "offline_app"),
    ("on_post_build", 0, "diagram_drawing"), ("on_post_build", -90, "pdf_handbook"),
    ("on_post_build", -200, "search_i18n"),
    ("on_post_build", -200, "language_switcher"), ("on_post_build", -200, "phrasebook_downloads"),
    ("on_post_build", -300, "offline_app"), ("on_post_build", -900, "pdf_handbook"), ("on_post_build", -1000, "validation"),
    ("on_build_error", 0, "validation"), ("on_build_error", 0, "diagram_drawing"), ("on_build_error", 0, "pdf_handbook"),
    ("on_shutdown", 0, "validation"), ("on_shutdown", 0, "diagram_drawing"), ("on_shutdown", 0, "pdf_handbook"),
)


@dataclass
class Page:
    """What the Markdown extension needs of the page MkDocs is converting."""

    lang: str = ""
    root: str = ""  # "../../" from the page to the site root
    tooltips: bool = True  # front matter `glossary_tooltips: false` turns them off


@dataclass
class DiagramCount:
    """How many diagrams this build drew and took from the cache (logged at its end)."""
    drawn: int = 0
    reused: int = 0
    seconds: float = 0.0


@dataclass
class Build:
    """Everything one build knows (see the module docstring)."""

    settings: Settings = field(default_factory=Settings)
    depth: int = 0  # how many language builds are under way (i18n nests the others in the first)
    # the checked data (checks.py)
    pages: list = field(default_factory=list)
    content: Content = field(default_factory=Content)
    pending: list = field(default_factory=list)  # problems found before the wording answer arrives
    wording_lines: list = field(default_factory=list)
    allowed: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)  # file (relative to the project) -> last commit time
    docs_rel: str = "docs"  # the docs folder, relative to the project
    today: dt.date = field(default_factory=dt.date.today)
    # the page being converted
    page: Page = field(default_factory=Page)
    # what the hooks collect
    questions: dict = field(default_factory=dict)  # (language, page location) -> its questions, as indexed
    segments: dict = field(default_factory=dict)  # (text, options) -> jieba's tokens
    books: dict = field(default_factory=dict)  # language -> book.Language (pages and nav of its PDF)
    book_lang: str = ""  # the language whose nav came last, i.e. the language being built
    printer: object = None  # book_print.Printer while the books print
    diagrams: DiagramCount = field(default_factory=DiagramCount)
    changes: list = field(default_factory=list)  # What's new: the checked entries of changes.yml

    def begin_language(self) -> bool:
        """Called first in every language's on_pre_build; True for the outer (default) one."""
        self.depth += 1
        return self.outer()

    def end_language(self) -> None:
        self.depth = max(0, self.depth - 1)

    def outer(self) -> bool:
        return self.depth == 1

    def under_way(self) -> bool:
        return self.depth > 0

    def updated(self, rel: str) -> dt.date:
        return report.day_of(self.dates, rel, self.today)


@dataclass
class Handbook:
    """The process (see the module docstring): the build under way and what outlives it."""

    command: str = "build"
    build: Build = field(default_factory=Build)
    converter: wording.Converter = field(default_factory=wording.Converter)
    browser: BackgroundChromium = field(default_factory=BackgroundChromium)
    jieba_words: set = field(default_factory=set)  # glossary words already added to jieba's dictionary
    jieba_ready: bool = False
    diagram_tools: dict = field(default_factory=dict)  # the vendored Mermaid, the drawing cache, the drawer

    def new_build(self, settings: Settings) -> Build:
        """A fresh Build, unless a language build is under way (i18n's nested on_config)."""
        if not self.build.under_way():
            self.build = Build(settings=settings)
        return self.build

    def forget_build(self) -> None:
        """A failed build: the next on_config starts afresh."""
        self.build.depth = 0


HANDBOOK = Handbook()
