"""The handbook's languages and the facts about each: one place, the first step of adding one.

- LANGUAGES: the locales, default first (the default language is built first, at `/`);
- LANGUAGE: each one's babel locale (dates are written by babel, already installed with MkDocs'
  dependencies), its date pattern and the name of its PDF handbook;
- UI strings live next to the markup that shows them (a TEXT or LABELS table keyed by language
  in the module that renders it); tests/unit/test_languages.py finds every such table and names
  the one that lacks a language, so adding a language starts here and the test lists the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date


@dataclass(frozen=True)
class Language:
    locale: str  # the handbook's locale: file suffix, i18n plugin locale, data file key
    babel: str  # babel's locale for dates
    date_pattern: str  # babel's pattern (CLDR): 2026年12月2日, 2 December 2026


LANGUAGE = {
    "zh-TW": Language("zh-TW", "zh_Hant_TW", "y年M月d日"),
    "en": Language("en", "en_GB", "d MMMM y"),
}
# The languages of the handbook, default first. Adding a language starts here (see README).
LANGUAGES = tuple(LANGUAGE)
DEFAULT_LANGUAGE = LANGUAGES[0]
PDF_NAME = "handbook-{lang}.pdf"  # each language's PDF handbook, at the site's root


def other_languages(lang: str) -> list[str]:
    return [other for other in LANGUAGES if other != lang]


def date_text(day: dt.date, lang: str) -> str:
    """A date as readers of `lang` write it: 2026年12月2日, 2 December 2026 (pages' "last updated"
    and the books' edition line)."""
    facts = LANGUAGE[lang]
    return format_date(day, facts.date_pattern, locale=facts.babel)
