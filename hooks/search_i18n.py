"""Search in both languages: Chinese word segmentation, and one search index per language.

Hands MkDocs' events to hooks/handbook/: segmenter.py (jieba with a Traditional Chinese
dictionary and the glossary's words; each run of Chinese cut once per build), search_index.py
(Material's search options; one enriched index per language after the last language is built)
and search.py (the pure parts: search-only fields, boosts, stop words; its docstring explains the
design). The site's search worker (docs/assets/javascripts/search-worker.js, which
overrides/main.html gives Material as its worker) prepares each query and runs Material's own
worker unchanged.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from handbook import search, search_index, segmenter
from handbook.build import HANDBOOK
from handbook.languages import DEFAULT_LANGUAGE, site_prefix


def on_startup(command, dirty):
    segmenter.set_up(HANDBOOK)


@event_priority(100)  # before Material's search plugin reads its options (its on_config)
def on_config(config):
    search_index.material_options(config.plugins["material/search"].config)
    return config


def on_pre_build(config):
    # The validation phase (hooks/validation.py, earlier) checked the glossary: its terms become
    # jieba's words, so every term, alias and synonym stays whole.
    if HANDBOOK.build.outer():
        segmenter.add_glossary_words(HANDBOOK, HANDBOOK.build.content.terms)


def on_page_context(context, page, config, nav):
    # English pages search the English index (overrides/main.html reads hb_search_root).
    lang = page.file.locale
    context["hb_search_root"] = root = site_prefix(lang)
    location = page.url[len(root):] if page.url.startswith(root) else page.url
    text = search.questions_text(page.meta.get("questions"), lang, segmenter.cut)
    if text:
        HANDBOOK.build.questions[(lang, location)] = text
    return context


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and written the index
def on_post_build(config):
    if HANDBOOK.build.outer():
        only = config.plugins["i18n"].config.get("build_only_locale")
        single = (config.theme.get("language") or DEFAULT_LANGUAGE) if only else None
        search_index.write_indexes(Path(config.site_dir), HANDBOOK.build, single)
