"""Email templates (temporary thin hook; the lead moves this into the marker dispatch).

on_pre_build: docs/_data/emails.yml against docs/_data/schemas/emails.schema.json, then
handbook.emails.check_templates, then every `<!-- email ID -->` on the pages; any problem fails
the build with file, line and fix. on_page_markdown: each marker line becomes
handbook.emails.render_email(template, page language).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from mkdocs.exceptions import PluginError

from handbook import emails
from handbook.datafiles import parse_yaml
from handbook.problems import Problem, format_report

DATA, SCHEMA = "_data/emails.yml", "_data/schemas/emails.schema.json"
_templates: dict[str, dict] = {}


def _line(data, path) -> int | None:
    """The line of the deepest mapping on a schema error's path."""
    line = getattr(data, "line", None)
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(data, "line", None) or line
    return line


def schema_problems(data, schema: dict, rel: str) -> list[Problem]:
    def where(path) -> str:  # "template payment-reminder, title" rather than "templates/1/title"
        path = list(path)
        if len(path) >= 2 and path[0] == "templates":
            entry = data["templates"][path[1]]
            name = entry.get("id") if isinstance(entry, dict) else None
            return ", ".join([f"template {name or '#' + str(path[1] + 1)}", *map(str, path[2:])])
        return "/".join(map(str, path)) or "the file"

    validator = jsonschema.Draft202012Validator(schema)
    return [Problem(rel, _line(data, e.absolute_path), f"{where(e.absolute_path)}: {e.message}",
                    f"follow the format in docs/{SCHEMA} (and the file's header)")
            for e in validator.iter_errors(data)]


def on_pre_build(config):
    docs = Path(config["docs_dir"])
    root = docs.parent
    path = docs / DATA
    rel = path.relative_to(root).as_posix()
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), rel) if path.is_file() else ({"templates": []}, [])
    if data is not None and not problems:
        schema = json.loads((docs / SCHEMA).read_text(encoding="utf-8"))
        problems = schema_problems(data, schema, rel) + emails.check_templates(data, rel)
    known = {t.get("id"): t for t in (data or {}).get("templates") or [] if isinstance(t, dict)}
    for page in sorted(docs.rglob("*.md")):
        if "_data" in page.parts or "_snippets" in page.parts:
            continue
        placed: dict[str, int] = {}
        page_rel = page.relative_to(root).as_posix()
        for line, args, alone in emails.find_email_markers(page.read_text(encoding="utf-8")):
            found = emails.check_email_marker(args, known) if alone else [
                ("email marker shares its line with other text", "put <!-- email ID --> on a line of its own")]
            if not found and args in placed:
                found = [(f"email template {args!r} is placed twice (also line {placed[args]})",
                          "place each template once per page; link to it elsewhere")]
            placed.setdefault(args, line)
            problems += [Problem(page_rel, line, message, fix) for message, fix in found]
    if problems:
        raise PluginError(format_report(problems))
    _templates.clear()
    _templates.update(known)


def on_page_markdown(markdown, page, config, files):
    if "<!--" not in markdown:
        return markdown
    lang = getattr(page.file, "locale", None) or config["theme"]["language"]
    lines = markdown.split("\n")
    for line, args, alone in reversed(emails.find_email_markers(markdown)):
        if alone and args in _templates:
            lines[line - 1] = emails.render_email(_templates[args], lang)
    return "\n".join(lines)
