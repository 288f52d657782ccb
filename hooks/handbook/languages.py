"""The handbook's languages and the facts about each: one place, the first step of adding one.

- LANGUAGES: the locales, default first (the default language is built first, at `/`);
- LANGUAGE: each one's babel locale (dates are written by babel, already installed with MkDocs'
  dependencies) and its date pattern; PDF_NAME: the name of each one's PDF handbook;
- UI: the hooks' own interface words. The package's modules keep theirs next to the markup that
  shows them (a TEXT or LABELS table keyed by language in the module that renders it);
  tests/unit/test_languages.py finds every table keyed by language and names the one that lacks
  a language, so adding a language starts here and the test lists the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_date


@dataclass(frozen=True)
class Language:
    """The facts of one language the build needs beyond the i18n plugin's configuration."""
    locale: str  # the handbook's locale: file suffix, i18n plugin locale, data file key
    babel: str  # babel's locale for dates
    date_pattern: str  # babel's pattern (CLDR): 2026年12月2日, 2 December 2026


LANGUAGE = {
    "zh-TW": Language("zh-TW", "zh_Hant_TW", "y年M月d日"),
    "en": Language("en", "en_GB", "d MMMM y"),
}
# The hooks' own interface words (the package's modules keep theirs beside their templates).
# permalink_title: the heading permalinks' title; mkdocs.yml gives toc the default language's.
UI = {
    "zh-TW": {"last_updated": "最後更新：", "permalink_title": "連結到這一節", "print_page": "列印這一頁"},
    "en": {"last_updated": "Last updated: ", "permalink_title": "Link to this section", "print_page": "Print this page"},
}
# The languages of the handbook, default first. Adding a language starts here (see README).
LANGUAGES = tuple(LANGUAGE)
DEFAULT_LANGUAGE = LANGUAGES[0]
PDF_NAME = "handbook-{lang}.pdf"  # each language's PDF handbook, at the site's root


# Chinese (Han) characters: the CJK unified ideographs, extension A and the compatibility block.
# Every pattern about Chinese text is built from this one class.
HAN_CHARS = r"\u3400-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_CHARS}]")  # one Chinese character
HAN_RUN = re.compile(f"[{HAN_CHARS}]+")  # a run of them


def english_run(min_words: int) -> re.Pattern:
    """A run of at least `min_words` English words (letters, digits, apostrophes), joined by
    spaces or , ; : - and ending with its full stop, question or exclamation mark if it has one;
    never starting inside a word or an entity (&amp;, #id). The one definition of "English text"
    for the language tags (prose.py: 3 words) and the English-sentence check (wording.py: 4)."""
    return re.compile(r"(?<![&\w#])[A-Za-z][A-Za-z0-9'’]*(?:[ ,;:\-]+[A-Za-z0-9][A-Za-z0-9'’]*){%d,}[.?!]?"
                      % (min_words - 1))


def site_prefix(lang: str) -> str:
    """Where a language's site is, relative to the site root: '' for the default, 'en/' for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def other_languages(lang: str) -> list[str]:
    return [other for other in LANGUAGES if other != lang]


def date_text(day: dt.date, lang: str) -> str:
    """A date as readers of `lang` write it: 2026年12月2日, 2 December 2026 (pages' "last updated"
    and the books' edition line)."""
    facts = LANGUAGE[lang]
    return format_date(day, facts.date_pattern, locale=facts.babel)
