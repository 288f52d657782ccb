"""Markup lives in Jinja templates under overrides/handbook/; Python passes data to them.

Autoescaping is on: text from the data files is escaped unless a template marks it `|safe`
(only for HTML the handbook itself produced, such as rendered Markdown).
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "overrides" / "handbook"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt variable fails instead of rendering empty
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context) -> str:
    """Render overrides/handbook/<template> with `context`."""
    return environment().get_template(template).render(**context)
