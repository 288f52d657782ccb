"""Inline language tags: Chinese inside English pages and English inside Chinese pages say so.

Not a hook itself: hooks/prose_decorations.py applies this rule, in the same walk over the
page's HTML as the glossary tooltips.

Why: screen readers switch voice on `lang`, and browsers pick glyphs by it: Chinese text on an
English page without lang="zh-TW" may be drawn with Japanese glyph shapes and read with an
English voice. Phrase tables and inline phrases already carry `lang` (hooks/phrase_catalog.py);
this hook covers the prose around them, after rendering:
- on non-Chinese pages, every run of Chinese characters (with its Chinese punctuation) gets
  <span lang="zh-TW">;
- on zh-TW pages, every English run of three or more words gets <span lang="en">.
Text already inside an element with a `lang` attribute, code, diagrams and tooltips is left alone.
"""

from __future__ import annotations

import re

import _handbook as hb

CHINESE_RUN = re.compile(r"[「『（]?[\u3400-\u9fff\uf900-\ufaff](?:[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20…—]*[\u3400-\u9fff\uf900-\ufaff」』）。！？])?")
ENGLISH_RUN = re.compile(r"(?<![&\w#])[A-Za-z][A-Za-z0-9'’]*(?:[ ,;:\-]+[A-Za-z0-9][A-Za-z0-9'’]*){2,}[.?!]?")
SKIP_TAGS = {"code", "pre", "script", "style", "svg", "abbr", "kbd", "title", "textarea"}


def _skip(name: str, tag: str) -> bool:
    return name in SKIP_TAGS or " lang=" in tag


def language_rule(page, config) -> hb.ProseRule:
    """The language-tag decoration for this page (applied by hooks/prose_decorations.py)."""
    if hb.page_language(page).startswith("zh"):
        return hb.ProseRule(lambda text: ENGLISH_RUN.sub(r'<span lang="en">\g<0></span>', text), _skip)
    return hb.ProseRule(lambda text: CHINESE_RUN.sub(r'<span lang="zh-TW">\g<0></span>', text), _skip)
