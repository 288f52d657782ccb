"""The validation phase: every check of the sources, once per build, before anything is rendered.

It runs in the default language's on_pre_build (see the event table in build.py), before MkDocs
cleans site/: it reads every page and data file, runs every check, and fails once with every
problem grouped by file (HandbookError), so a rejected build leaves the previous site in place.
What it checked is kept in the build's `content` for the markers to render from.
`start_validation` runs every check but the Taiwan-wording one, whose answer (OpenCC, in a helper
process) `finish_validation` collects at the end of on_pre_build.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import drills, emails, glossary, links, offline, pages, phrases, print_marks, quizzes, reader_text, report, wording
from .disk_cache import JsonCache, cache_dir
from .datafiles import DATA_FILES, parse_schema, parse_yaml, schema_problems, valid_items
from .markers import Content, check_marker, page_markers
from .languages import DEFAULT_LANGUAGE
from .problems import HandbookError, Problem, did_you_mean, format_report
from .sources import PageSource, read_pages

if TYPE_CHECKING:
    from .build import Build

log = logging.getLogger("mkdocs.hooks.handbook")

def _data_file(rel: str, text: str | None, schema_path: Path, list_key: str, definition: str, problems: list):
    """(data, good entries, sound): a data file parsed and checked against its schema. data is None
    if the file is missing or not YAML; sound is False if it breaks the schema. The entries of
    `list_key` valid against $defs/<definition> are returned for the checks a schema cannot express."""
    if text is None:
        problems.append(Problem(rel, None, "the data file is missing", f"create {rel} (see README)"))
        return None, [], False
    data, good, sound, found = _checked_data_file(rel, text, schema_path.read_text(encoding="utf-8"), list_key, definition)
    problems += found
    return data, good, sound


@functools.lru_cache(maxsize=64)  # a file read again unchanged (mkdocs serve, the tests' cases) is not parsed again
def _checked_data_file(rel: str, text: str, schema_text: str, list_key: str, definition: str):
    """(data, good entries, sound, problems) of a data file's text against its schema's text."""
    data, found = parse_yaml(text, rel)
    if found:
        return None, [], False, tuple(found)
    schema = parse_schema(schema_text)
    found = schema_problems(data, schema, rel)
    entries = data.get(list_key) if isinstance(data, dict) else None
    good = valid_items(entries, schema, definition) if found else (entries or [])
    return data, good, not found, tuple(found)


def start_validation(build: Build, converter: wording.Converter, root: Path, docs_dir: Path, mdx_configs: dict,
                     strict: bool, nav=None) -> None:
    """Every check but the wording answer; the OpenCC helper (`converter`) converts meanwhile.
    `nav`: mkdocs.yml's nav as written (None: not checked)."""
    build.today, build.dates = dt.date.today(), report.git_dates(root)
    build.docs_rel = docs_dir.relative_to(root).as_posix()
    build.pages, problems = read_pages(docs_dir, root)
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted((docs_dir / "_data").glob("*.yml"))}
    rel = {file.name: f"{build.docs_rel}/_data/{file.name}.yml" for file in DATA_FILES}
    data, good, sound = {}, {}, {}
    for name in sorted(set(texts) - {file.name for file in DATA_FILES}):
        problems.append(Problem(f"{build.docs_rel}/_data/{name}.yml", None, "is not a data file the build reads",
                                "add it to DATA_FILES in hooks/handbook/datafiles.py with a schema in"
                                " docs/_data/schemas/, or move it out of docs/_data/"))
    for file in DATA_FILES:
        schema_path = docs_dir / "_data" / "schemas" / f"{file.name}.schema.json"
        data[file.name], good[file.name], sound[file.name] = _data_file(
            rel[file.name], texts.get(file.name), schema_path, file.list_key, file.definition, problems)

    files = [(p.rel, p.text) for p in build.pages]
    files += [(rel[file.name], texts[file.name]) for file in DATA_FILES if file.reader_text and file.name in texts]
    files.append(("mkdocs.yml", (root / "mkdocs.yml").read_text(encoding="utf-8")))
    build.wording_lines = wording.chinese_lines(files)
    converter.send([line for _, _, line in build.wording_lines])
    build.allowed = good["wording"]

    situations = data["phrases"].get("situations") if isinstance(data["phrases"], dict) else None
    situations = situations if isinstance(situations, dict) else {}
    catalog, found = phrases.check_catalog({"situations": situations, "phrases": good["phrases"]}, rel["phrases"])
    problems += found
    catalog_found = catalog
    catalog = catalog if sound["phrases"] else None  # a build renders only from a sound catalog
    terms = good["glossary"]
    problems += glossary.check_terms(terms, rel["glossary"])
    problems += quizzes.check_quizzes(good["quizzes"], rel["quizzes"])
    # After the schema, on the templates it accepted: one fault, one problem, naming the template.
    problems += emails.check_templates({"templates": good["emails"]}, rel["emails"])
    problems += drills.check_drills(good["drills"], catalog, rel["drills"])
    build.changes = good["changes"]  # What's new (offline.py): its pages must exist in docs/
    problems += offline.check_change_pages(good["changes"], docs_dir, texts.get("changes", ""), rel["changes"])
    build.content = Content(catalog=catalog, terms=terms,
                            drills={d["id"]: d for d in good["drills"]} if sound["drills"] and catalog else None,
                            quizzes={q["id"]: q for q in good["quizzes"]} if sound["quizzes"] else None,
                            emails={t["id"]: t for t in good["emails"]} if sound["emails"] else None,
                            pdf=build.settings.books, readings=JsonCache(cache_dir(build.settings.cache, "zhuyin")))
    build.content.report = functools.cache(lambda: report.collect(build.pages, catalog.phrases if catalog else [], terms,
                                                  build.allowed, build.updated))

    changed = report.changed_order(root, build.dates)
    problems += pages.check_pairs(build.pages, changed) + pages.check_front_matter(build.pages)
    problems += nav_problems(build.pages, nav, build.docs_rel)
    problems += pages.question_problems(pages.page_questions(build.pages))
    problems += reader_text.handbook_problems(build.pages, data, rel)
    problems += links.check_links(build.pages, links.slugify_of(mdx_configs))
    problems += print_marks.check_pages(build.pages)
    for page in build.pages:
        problems += pages.check_checklists(page)
    if catalog is not None:
        # Without end marks: english_sentence_problems tries each sentence with and without its own.
        catalog_en = {p["en"].strip().rstrip(".?!") for p in catalog.phrases}
        for page in build.pages:
            if page.lang == "zh-TW":
                problems += wording.english_sentence_problems(page, catalog_en)
    # Markers are checked against the entries the schema accepted, so a page's misspelt id is in the
    # same report as a data file's schema error; only markers naming a rejected entry wait for its fix.
    # A file that is missing, not YAML or without its list is not checked against (every marker would
    # be "unknown"); its own problem is in the report.
    listed = {file.name: isinstance(data[file.name], dict) and isinstance(data[file.name].get(file.list_key), list)
              for file in DATA_FILES}
    checkable = Content(catalog=catalog_found if listed["phrases"] else None, terms=terms,
                        quizzes={q["id"]: q for q in good["quizzes"]} if listed["quizzes"] else None,
                        emails={t["id"]: t for t in good["emails"]} if listed["emails"] else None,
                        drills={d["id"]: d for d in good["drills"]} if listed["drills"] and catalog_found else None,
                        pdf=build.settings.books)
    rejected = {name for file in DATA_FILES if not sound[file.name]
                for name in _entry_names(data[file.name], file.list_key, good[file.name])}
    # With a broken drills file (its problems reported), its phrases are not also reported unused.
    drill_phrases = set().union(*map(drills.phrase_ids, good["drills"])) if not sound["drills"] else set()
    problems += _marker_problems(build.pages, checkable, build.content, rel, strict, rejected, drill_phrases)
    build.pending = problems


def _entry_names(data, list_key: str, accepted: list) -> set[str]:
    """The ids, topics and other names of the entries of `data[list_key]` the schema rejected."""
    entries = data.get(list_key) if isinstance(data, dict) else None
    return {value for entry in entries or [] if isinstance(entry, dict) and entry not in accepted
            for value in entry.values() if isinstance(value, str)}


def _marker_problems(all_pages: list[PageSource], checkable: Content, content: Content, rel: dict, strict: bool,
                     rejected: set[str], drill_phrases: set = frozenset()) -> list[Problem]:
    """Every marker's problems, checked against `checkable` (the entries the schemas accepted);
    a marker that names an entry the schema `rejected` is left alone (that entry's problem is in the
    report). Content no page shows is reported only for a sound data file (`content`)."""
    problems, placed_phrases, placed_quizzes, placed_drills = [], set(drill_phrases), set(), set()
    for page in all_pages:
        placed_once: dict[tuple[str, str], int] = {}  # quizzes and email templates: once per page
        for marker in page_markers(page):
            found = check_marker(marker, checkable)
            if found and rejected & {word for arg in marker.args for word in re.split("[=,]", arg)}:
                found = []
            problems += [Problem(page.rel, marker.line, message, fix) for message, fix in found]
            if found or marker.foreign:
                continue
            if marker.name in ("phrase", "phrases") and content.catalog:
                placed_phrases |= phrases.placed_ids(marker, content.catalog)
            elif marker.name in ("quiz", "email", "drill"):
                if marker.name == "email" and page.base != emails.TEMPLATES_PAGE:
                    problems.append(Problem(page.rel, marker.line, f"email template {marker.args[0]!r} is placed"
                                            f" outside the templates page (docs/{emails.TEMPLATES_PAGE}.*.md)",
                                            f"place it on the templates page only; link to it from here:"
                                            f" [its title]({_relative(page.base, emails.TEMPLATES_PAGE)}.md#{marker.args[0]})"))
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


def _relative(base: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(base) or ".")


def nav_problems(pages_: list[PageSource], nav, docs_rel: str) -> list[Problem]:
    """Every page is in mkdocs.yml's nav (by its name without the language suffix), and every nav
    entry is a page: reported here, in the one report, before MkDocs cleans site/ (MkDocs' own
    warning comes after)."""
    if nav is None:
        return []
    listed: list[str] = []

    def walk(node):
        if isinstance(node, str):
            listed.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(nav)
    listed_bases = {entry.removesuffix(".md") for entry in listed if entry.endswith(".md")}
    bases = sorted({page.base for page in pages_})
    problems = [Problem(f"{docs_rel}/{base}.{DEFAULT_LANGUAGE}.md", None, "is not in the nav of mkdocs.yml",
                        f"add '{base}.md' under the right section of nav: in mkdocs.yml (readers find a page only"
                        " through the nav)") for base in bases if base not in listed_bases]
    problems += [Problem("mkdocs.yml", None, f"nav lists {entry!r}, which is not a page"
                         f"{did_you_mean(entry, [b + '.md' for b in bases])}",
                         f"create docs/{entry.removesuffix('.md')}.<language>.md for every language, or correct the"
                         " entry") for entry in listed if entry.endswith(".md") and entry.removesuffix(".md") not in bases]
    return problems


def finish_validation(build: Build, converter: wording.Converter) -> None:
    """Collect the wording answer and fail once with every problem, or log the summary."""
    conversions = converter.receive()
    problems = build.pending + wording.wording_problems(build.wording_lines, conversions,
                                                        [str(a["text"]) for a in build.allowed])
    build.pending = []
    if problems:
        raise HandbookError(format_report(problems))
    log.info(report.summary(build.content.report()))
