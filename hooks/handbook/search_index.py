"""The search index, per language: Material's options in, one enriched index per language out.

mkdocs-static-i18n writes one combined index for all languages, so a reader would get results
from both sites. After the last language is built, `write_indexes` splits it: site/search/ gets
the zh-TW pages, site/en/search/ the English pages (locations relative to /en/), each entry with
its search-only fields and each language with its stop words (search.py explains them), and
keeps the options Material wrote into it (`material_options` gave Material its options in
on_config). overrides/main.html points English pages' search at their own index.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import search, segmenter
from .languages import DEFAULT_LANGUAGE, LANGUAGES, site_prefix
from .problems import HandbookError


def material_options(options) -> None:
    """Material's search plugin options (its `config`) set to search.MATERIAL_OPTIONS, the same for
    every language; an option set in mkdocs.yml would be overridden, so it fails the build."""
    for name, value in search.MATERIAL_OPTIONS.items():
        if options.get(name) not in (None, {}, value):
            raise HandbookError(
                f"mkdocs.yml: plugins.search.{name} is set, but the handbook's search sets it "
                f"(hooks/handbook/search.py MATERIAL_OPTIONS)\n    Fix: remove {name} under plugins.search "
                "in mkdocs.yml and change MATERIAL_OPTIONS if it must change")
        options[name] = value


def write_indexes(site_dir: Path, build, single_language: str | None = None) -> dict[str, int]:
    """Rewrite the combined index as one enriched index per language, with the options Material
    wrote into it (`build`: its checked glossary and the pages' questions). Returns entries per language."""
    combined_path = site_dir / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    if single_language:  # one language built: the index is already its own
        per_language = {single_language: combined["docs"]}
    else:
        per_language = search.split_index(combined["docs"], LANGUAGES, DEFAULT_LANGUAGE)
    terms = build.content.terms
    protected = [w for t in terms for lang in LANGUAGES for w in search.words_of(t, lang)]
    for lang, docs in per_language.items():
        if not docs:
            raise HandbookError(f"search index: no {lang} entries found in {combined_path}")
        questions = {loc: text for (l, loc), text in build.questions.items() if l == lang}
        stop = search.stop_words(docs, lang, protected)
        enriched = search.enrich(docs, lang, questions, terms)
        data = search.index_data(enriched, stop, search.guessed_words(enriched, segmenter.is_dictionary_word),
                                 phrase_list=search.phrases(terms, lang), options=combined["config"])
        target = site_dir / site_prefix(lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {lang: len(docs) for lang, docs in per_language.items()}
