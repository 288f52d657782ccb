"""Reading the YAML data files under docs/_data/ with line numbers.

Every mapping comes back as a LineDict whose `.line` is the 1-based line it starts on, so that a
problem found in the data can name the line to fix. A malformed file becomes a Problem, never an
exception.
"""

from __future__ import annotations

import yaml

from .problems import Problem

_FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 5x faster


class LineDict(dict):
    """A mapping from a data file that remembers the line it starts on."""

    line: int = 0


class _LineLoader(_FastSafeLoader):
    """A safe YAML loader whose mappings are LineDicts; a duplicate key is an error."""


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, path: str):
    """(data, problems): the parsed text, or None and the one problem that names the bad line."""
    try:
        return yaml.load(text, Loader=_LineLoader), []  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(path, mark.line + 1 if mark else None, f"is not valid YAML: {problem}",
                              "correct the YAML syntax there (quote text that contains ': ' or starts with"
                              " a special character; indent with spaces)")]
