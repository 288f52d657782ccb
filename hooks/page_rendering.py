"""Page rendering: markers, checklists, glossary tooltips and language tags, at the Markdown stage.

Why at the Markdown stage: what a marker produces (a phrase table, a quiz, the maintainers'
report with its headings) then flows through MkDocs' TOC and search like any Markdown, and no
regular expression ever searches rendered HTML. The work is done by the Python-Markdown extension
in hooks/handbook/markdown_ext.py; this hook registers it and tells the build which page MkDocs
is about to convert.
"""

from __future__ import annotations

from markupsafe import Markup

from handbook.build import HANDBOOK
from handbook.markdown_ext import HandbookExtension
from handbook.templates import replace_exactly


def on_config(config):
    # on_config fires once per language on the same extension list: add the extension once.
    if not any(isinstance(ext, HandbookExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(HandbookExtension(HANDBOOK))
    return config


def on_env(env, config, files):
    """The guarded string rewrite overrides/main.html uses on Material's blocks."""
    env.filters["hb_replace_exactly"] = lambda text, old, new, count: Markup(replace_exactly(
        str(text), old, new, count, "overrides/main.html, block scripts (Material's script tags)",
        "Material changed how it writes its script tags: update the rewrite in overrides/main.html"))
    return env


def on_page_markdown(markdown, page, config, files):
    HANDBOOK.build.page.lang = page.file.locale
    HANDBOOK.build.page.root = "../" * (page.url or "").count("/")
    HANDBOOK.build.page.tooltips = page.meta.get("glossary_tooltips", True)
    return markdown
