"""One build of the handbook: its state, its phase, and the validation phase.

mkdocs-static-i18n builds the default language, then each other language from inside the
default language's on_post_build, and every hook event fires once per language. The project
keeps its own account of that: `begin_language()` in on_pre_build and `end_language()` at the
very end of on_post_build, so `outer()` is true in the default language's build, the one that
starts and ends the whole build (no reliance on the i18n plugin's internals).

The validation phase runs once per whole build, in the default language's on_pre_build, before
MkDocs cleans site/: it reads every source, runs every check, and fails once with every problem
grouped by file (HandbookError), so a rejected build leaves the previous site in place. What it
checked is kept in `BUILD.content` for the markers to render from.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import drills, emails, glossary, links, pages, phrases, quizzes, reader_text, report, search, wording
from .datafiles import load_schema, parse_yaml, schema_problems, valid_items
from .downloads import pdf_wanted
from .markers import Content, check_marker, find_markers
from .problems import HandbookError, Problem, format_report
from .sources import PageSource, read_pages

log = logging.getLogger("mkdocs.hooks.handbook")

# docs/_data/<name>.yml, each with a schema: (name, its list of entries, the entries' $defs name)
DATA_FILES = (("phrases", "phrases", "phrase"), ("glossary", "terms", "term"), ("quizzes", "quizzes", "quiz"),
              ("emails", "templates", "template"), ("wording", "allow", "exception"), ("drills", "drills", "drill"))


@dataclass
class BuildState:
    """Everything one build knows, in one object (hooks are separate modules: no globals)."""

    command: str | None = None  # "build" or "serve"
    depth: int = 0  # how many language builds are under way (i18n nests the others in the first)
    pages: list = field(default_factory=list)
    content: Content = field(default_factory=Content)
    converter: wording.Converter = field(default_factory=wording.Converter)
    pending: list = field(default_factory=list)  # problems found before the wording answer arrives
    wording_lines: list = field(default_factory=list)
    allowed: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)  # file (relative to the project) -> last commit time
    docs_rel: str = "docs"  # the docs folder, relative to the project
    today: dt.date = field(default_factory=dt.date.today)
    page_lang: str = ""  # the page being rendered (markdown_ext.py reads it)
    page_root: str = ""
    page_tooltips: bool = True

    def begin_language(self) -> bool:
        """Called first in every language's on_pre_build; True for the outer (default) one."""
        self.depth += 1
        return self.outer()

    def end_language(self) -> None:
        self.depth = max(0, self.depth - 1)

    def outer(self) -> bool:
        return self.depth == 1

    def reset(self) -> None:
        self.depth = 0

    def updated(self, rel: str) -> dt.date:
        return report.day_of(self.dates, rel, self.today)


BUILD = BuildState()


def _data_file(rel: str, text: str | None, schema_path: Path, list_key: str, definition: str, problems: list):
    """(data, good entries, sound): a data file parsed and checked against its schema. data is None
    if the file is missing or not YAML; sound is False if it breaks the schema. The entries of
    `list_key` valid against $defs/<definition> are returned for the checks a schema cannot express."""
    if text is None:
        problems.append(Problem(rel, None, "the data file is missing", f"create {rel} (see README)"))
        return None, [], False
    data, found = parse_yaml(text, rel)
    if found:
        problems += found
        return None, [], False
    schema = load_schema(schema_path)
    found = schema_problems(data, schema, rel)
    problems += found
    entries = data.get(list_key) if isinstance(data, dict) else None
    good = valid_items(entries, schema, definition) if found else (entries or [])
    return data, good, not found


def start_validation(root: Path, docs_dir: Path, mdx_configs: dict, strict: bool) -> None:
    """Every check but the wording answer; the OpenCC helper converts meanwhile."""
    state = BUILD
    state.today, state.dates = dt.date.today(), report.git_dates(root)
    state.docs_rel = docs_dir.relative_to(root).as_posix()
    state.pages, problems = read_pages(docs_dir, root)
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted((docs_dir / "_data").glob("*.yml"))}
    rel = {name: f"{state.docs_rel}/_data/{name}.yml" for name, _, _ in DATA_FILES}
    data, good, sound = {}, {}, {}
    for name, list_key, definition in DATA_FILES:
        schema_path = docs_dir / "_data" / "schemas" / f"{name}.schema.json"
        data[name], good[name], sound[name] = _data_file(rel[name], texts.get(name), schema_path, list_key, definition,
                                                         problems)

    files = [(p.rel, p.text) for p in state.pages]
    files += [(f"{state.docs_rel}/_data/{name}.yml", text) for name, text in texts.items() if name != "wording"]
    files.append(("mkdocs.yml", (root / "mkdocs.yml").read_text(encoding="utf-8")))
    state.wording_lines = wording.chinese_lines(files)
    state.converter.send([line for _, _, line in state.wording_lines])
    state.allowed = good["wording"]

    situations = data["phrases"].get("situations") if isinstance(data["phrases"], dict) else None
    situations = situations if isinstance(situations, dict) else {}
    catalog, found = phrases.check_catalog({"situations": situations, "phrases": good["phrases"]}, rel["phrases"])
    problems += found
    catalog = catalog if sound["phrases"] else None  # markers are checked only against a sound catalog
    terms = good["glossary"]
    problems += glossary.check_terms(terms, rel["glossary"])
    problems += quizzes.check_quizzes(good["quizzes"], rel["quizzes"])
    if data["emails"] is not None:
        problems += emails.check_templates(data["emails"], rel["emails"])
    problems += drills.check_drills(good["drills"], catalog, rel["drills"])
    state.content = Content(catalog=catalog, terms=terms,
                            drills={d["id"]: d for d in good["drills"]} if sound["drills"] and catalog else None,
                            quizzes={q["id"]: q for q in good["quizzes"]} if sound["quizzes"] else None,
                            emails={t["id"]: t for t in good["emails"]} if sound["emails"] else None,
                            pdf=pdf_wanted(state.command))
    state.content.report = functools.cache(lambda: report.collect(state.pages, catalog.phrases if catalog else [], terms,
                                                  state.allowed, state.updated))

    problems += pages.check_pairs(state.pages) + pages.check_front_matter(state.pages)
    problems += search.question_problems(search.page_questions(state.pages))
    problems += reader_text.handbook_problems(state.pages, data, texts, rel)
    problems += links.check_links(state.pages, links.slugify_of(mdx_configs))
    for page in state.pages:
        problems += pages.check_checklists(page)
    if catalog is not None:
        # Without end marks: english_sentence_problems tries each sentence with and without its own.
        catalog_en = {p["en"].strip().rstrip(".?!") for p in catalog.phrases}
        for page in state.pages:
            if page.lang == "zh-TW":
                problems += wording.english_sentence_problems(page, catalog_en)
    problems += _marker_problems(state.pages, state.content, rel, strict)
    state.pending = problems


def _marker_problems(all_pages: list[PageSource], content: Content, rel: dict, strict: bool) -> list[Problem]:
    problems, placed_phrases, placed_quizzes, placed_drills = [], set(), set(), set()
    for page in all_pages:
        placed_once: dict[tuple[str, str], int] = {}  # quizzes and email templates: once per page
        for marker in find_markers(page.text, page.body_start):
            found = check_marker(marker, content)
            problems += [Problem(page.rel, marker.line, message, fix) for message, fix in found]
            if found or marker.foreign:
                continue
            if marker.name in ("phrase", "phrases") and content.catalog:
                placed_phrases |= phrases.placed_ids(marker, content.catalog)
            elif marker.name in ("quiz", "email", "drill"):
                key = (marker.name, marker.args[0])
                if key in placed_once:
                    problems.append(Problem(page.rel, marker.line, f"{marker.name} {key[1]!r} is placed twice (also"
                                            f" line {placed_once[key]})", f"place each {marker.name} at most once per"
                                            " page; link to it elsewhere"))
                placed_once.setdefault(key, marker.line)
                if marker.name == "quiz":
                    placed_quizzes.add(key[1])
                elif marker.name == "drill":
                    placed_drills.add(key[1])
                    placed_phrases |= drills.phrase_ids(content.drills[key[1]]) if content.drills else set()
    problems += drills.unused(content.drills, placed_drills, rel["drills"]) if content.drills else []
    # Content no page shows is a warning; a strict build fails on warnings, so it joins the report.
    warnings = phrases.unused(content.catalog, placed_phrases, rel["phrases"]) if content.catalog else []
    warnings += quizzes.unused(content.quizzes, placed_quizzes, rel["quizzes"]) if content.quizzes else []
    if strict:
        return problems + warnings
    for warning in warnings:
        log.warning("%s (line %s): %s", warning.path, warning.line, warning.message)
    return problems


def finish_validation() -> None:
    """Collect the wording answer and fail once with every problem, or log the summary."""
    state = BUILD
    conversions = state.converter.receive()
    problems = state.pending + wording.wording_problems(state.wording_lines, conversions,
                                                        [str(a["text"]) for a in state.allowed])
    state.pending = []
    if problems:
        raise HandbookError(format_report(problems))
    log.info(report.summary(state.content.report()))
