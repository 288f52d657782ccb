"""Reading the YAML data files under docs/_data/ with line numbers, and checking them against
their JSON Schemas (docs/_data/schemas/<name>.schema.json).

Every mapping comes back as a LineDict: `.line` is the 1-based line it starts on and
`.key_lines` the line of each key, so that a problem found in the data names the line to fix.
A malformed file or a schema error becomes a Problem, never an exception.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import jsonschema
import yaml

from dataclasses import dataclass

from .problems import Problem

FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 5x faster


@dataclass(frozen=True)
class DataFile:
    """One data file, docs/_data/<name>.yml, checked against docs/_data/schemas/<name>.schema.json."""

    name: str
    list_key: str  # the key of its list of entries
    definition: str  # the entries' $defs name in the schema
    reader_text: bool  # readers see its texts (the reader-text rules read them)


# The one list of data files. Adding one: a line here and its schema (README, "Adding a marker").
DATA_FILES = (DataFile("phrases", "phrases", "phrase", True), DataFile("glossary", "terms", "term", True),
              DataFile("quizzes", "quizzes", "quiz", True), DataFile("emails", "templates", "template", True),
              DataFile("wording", "allow", "exception", False), DataFile("drills", "drills", "drill", True),
              DataFile("changes", "changes", "change", True))


class KeepsDerived:
    """Something read from a source file and never changed afterwards (a page as written, a parsed
    data file) keeps what the checks derive from it. A file read again with the same text is the
    same object (parse_page and the data-file check are cached on the text), so in one process
    (mkdocs serve, the tests' bad-input cases) only edited files are checked afresh."""

    def derive(self, key, compute):
        """`compute()`, the first time it is asked for under `key` (the step and any input besides
        this object, e.g. the rules it checks against); kept for next time."""
        derived = self.__dict__.setdefault("derived", {})
        if key not in derived:
            derived[key] = compute()
        return derived[key]


class LineDict(KeepsDerived, dict):
    """A mapping from a data file that remembers the line it starts on and each key's line."""

    line: int = 0
    key_lines: dict = {}


class _LineLoader(FAST_SAFE_LOADER):
    """A safe YAML loader whose mappings are LineDicts; a duplicate key is an error."""


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_lines(text: str):
    """YAML text parsed with line numbers (mappings are LineDicts); raises yaml.YAMLError."""
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


def parse_yaml(text: str, path: str):
    """(data, problems): the parsed text, or None and the one problem that names the bad line."""
    try:
        return load_lines(text), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(path, mark.line + 1 if mark else None, f"is not valid YAML: {problem}",
                              "correct the YAML syntax there (quote text that contains ': ' or starts with"
                              " a special character; indent with spaces)")]


def load_schema(path: Path) -> dict:
    """A schema file, its local `$ref`s ("#/$defs/x") replaced by what they name (jsonschema
    resolves a $ref each time it meets one, which doubled the time a catalog took to check)."""
    return parse_schema(path.read_text(encoding="utf-8"))


def parse_schema(text: str) -> dict:
    """A schema's JSON text, its local `$ref`s replaced by what they name (see load_schema)."""
    schema = json.loads(text)
    defs = schema.get("$defs", {})

    def inline(node):
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        target = inline(defs[node["$ref"].removeprefix("#/$defs/")]) if "$ref" in node else {}
        return {**target, **{key: inline(value) for key, value in node.items() if key != "$ref"}}

    return inline(schema)


# The singular of a list's key, to name an item in a message: "phrase h16-repeat", "question 2".
ITEM_NAMES = {"phrases": "phrase", "terms": "term", "quizzes": "quiz", "questions": "question", "templates": "template",
              "options": "option", "allow": "exception", "situations": "situation", "drills": "drill", "steps": "step"}


def _locate(data, path) -> tuple[int | None, str]:
    """The line of the deepest mapping key on `path`, and a name for the place, such as
    "phrase h16-repeat, note"."""
    line = getattr(data, "line", None)
    names, node, parent_key = [], data, None
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
        elif isinstance(node, list) and isinstance(step, int) and getattr(node[step], "line", None):
            line = node[step].line
        if isinstance(step, int):
            item = node[step]
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else step + 1
            if names and names[-1] == str(parent_key):
                names.pop()  # "phrase h16-repeat", not "phrases, phrase h16-repeat"
            names.append(f"{ITEM_NAMES.get(parent_key, 'item')} {label}")
        else:
            names.append(str(step))
        parent_key, node = step, node[step]
    return line, ", ".join(names)


def _describe(error) -> tuple[str, str]:
    """(message, fix) for one jsonschema error, in the words of a handbook editor."""
    kind, value, schema = error.validator, error.instance, error.schema
    rule = schema.get("description", "")
    write_rule = f"write {rule}" if rule else "see the schema"
    if kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        return f"missing {', '.join(map(repr, missing))}", f"add {', '.join(repr(m + ': …') for m in missing)}"
    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        extra = sorted(set(value) - set(known), key=str)
        what = "top-level key" if not error.absolute_path else "field"
        return f"unknown {what} {', '.join(map(repr, extra))}", f"remove it or use one of: {', '.join(known)}"
    if isinstance(value, str) and not value.strip() and kind in ("pattern", "minLength"):
        return "is empty", "write the text, or remove the field if it is optional"
    if kind in ("pattern", "enum", "const", "propertyNames"):
        return f"{value!r} is not {rule or 'allowed'}", write_rule
    if kind == "type":
        return f"must be {error.validator_value}, got {type(value).__name__}", \
            f"write a {error.validator_value} there (quote text that YAML would read as something else)"
    return error.message, write_rule  # minItems, maxItems, minProperties and the rest


def _misspelt_keys(errors) -> dict[tuple, tuple[str, str]]:
    """A mapping with both an unknown key and a missing one is one fault, a misspelt key: (message,
    fix) per place, naming the key it should be ("did you mean"), instead of two problems."""
    by_place: dict[tuple, dict] = {}
    for error in errors:
        if error.validator in ("required", "additionalProperties") and isinstance(error.instance, dict):
            by_place.setdefault(tuple(error.absolute_path), {})[error.validator] = error
    merged = {}
    for place, found in by_place.items():
        if len(found) < 2:
            continue
        mapping, schema = found["required"].instance, found["additionalProperties"].schema
        missing = [name for name in found["required"].validator_value if name not in mapping]
        extra = [key for key in mapping if key not in schema.get("properties", {})]
        guesses = [(key, (difflib.get_close_matches(str(key), missing, n=1, cutoff=0.4)
                          or (missing if len(missing) == 1 and len(extra) == 1 else [None]))[0]) for key in extra]
        named = "; ".join(f"{key!r}" + (f" (did you mean {guess!r}?)" if guess else "") for key, guess in guesses)
        merged[place] = (f"unknown field {named}, and {', '.join(map(repr, missing))} is missing",
                         "; ".join(f"rename {key!r} to {guess!r}" if guess else f"remove {key!r}" for key, guess in guesses)
                         + (f"; add {', '.join(repr(m + ': …') for m in missing if m not in dict(guesses).values())}"
                            if set(missing) - set(dict(guesses).values()) else ""))
    return merged


def schema_problems(data, schema: dict, path: str) -> list[Problem]:
    """Every place where `data` breaks `schema`, with its line and a fix."""
    problems = []
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    merged = _misspelt_keys(errors)
    for error in errors:
        line, where = _locate(data, error.absolute_path)
        message, fix = _describe(error)
        if tuple(error.absolute_path) in merged and error.validator in ("required", "additionalProperties"):
            message, fix = merged[tuple(error.absolute_path)]
            extra = [key for key in error.instance if key not in error.schema.get("properties", {})]
            if error.validator == "required":
                extra = [key for key in error.instance if key not in (error.schema.get("properties") or {})]
            line = error.instance.key_lines.get(extra[0], line) if extra and isinstance(error.instance, LineDict) else line
            problems.append(Problem(path, line, f"{where}: {message}" if where else message, fix))
            continue
        if error.validator == "additionalProperties" and isinstance(error.instance, LineDict):
            extra = [key for key in error.instance if key not in error.schema.get("properties", {})]
            line = error.instance.key_lines.get(extra[0], line) if extra else line
        problems.append(Problem(path, line, f"{where}: {message}" if where else message, fix))
    return list(dict.fromkeys(problems))  # `required` reports each missing field; the message names all


def valid_items(items, schema: dict, definition: str) -> list:
    """The items of a list that are valid against `schema`'s $defs/<definition>, so that checks a
    schema cannot express still run on the good entries of a file that has a bad one."""
    if not isinstance(items, list):
        return []
    validator = jsonschema.Draft202012Validator(schema["$defs"][definition])
    return [item for item in items if validator.is_valid(item)]
