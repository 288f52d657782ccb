"""Markup lives in Jinja templates under overrides/handbook/; Python passes data to them.

Autoescaping is on: text from the data files is escaped unless a template marks it `|safe`
(only for HTML the handbook itself produced, such as rendered Markdown).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .problems import HandbookError
from .prose import mark_runs

# A [placeholder] in a phrase or an email: lowercase words joined by single hyphens. The same
# pattern is SLOT in docs/assets/javascripts/emails.js, which fills them in in the browser.
PLACEHOLDER = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "overrides" / "handbook"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja environment of overrides/handbook/, made on first use: autoescaped, strict
    about undefined variables, with the `slots` and `lang_runs` filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt variable fails instead of rendering empty
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["slots"] = slots
    env.filters["lang_runs"] = mark_runs
    return env


def slots(text: str) -> Markup:
    """Escaped text in which each [placeholder] is marked <var class="hb-slot">[placeholder]</var>."""
    return Markup(PLACEHOLDER.sub(r'<var class="hb-slot">[\1]</var>', str(escape(text))))


def replace_exactly(text: str, old: str, new: str, count: int, where: str, fix: str) -> str:
    """`text` with each `old` replaced by `new`, when `old` is there exactly `count` times; else
    the build stops naming the place and the fix. Every rewrite of markup the handbook does not
    write itself (Material's templates, Python-Markdown's permalinks) goes through here, so an
    upgrade that changes the target fails loudly instead of silently doing nothing."""
    found = text.count(old)
    if found != count:
        raise HandbookError(f"{where}: expected {old!r} {count} time(s), found it {found} time(s)\n    Fix: {fix}")
    return text.replace(old, new)


def render(template: str, **context) -> str:
    """Render overrides/handbook/<template> with `context`."""
    return environment().get_template(template).render(**context)
