"""hooks/handbook/languages.py: the languages, their facts, and every interface table keyed by
language. Adding a language to LANGUAGE makes the last test name each table that still lacks it."""

import datetime as dt
import importlib
import pkgutil
from pathlib import Path

import handbook
from handbook.languages import DEFAULT_LANGUAGE, HAN, HAN_RUN, LANGUAGES, date_text, english_run

HOOKS = Path(__file__).resolve().parents[2] / "hooks"


def test_dates_are_written_as_each_language_writes_them():
    day = dt.date(2026, 12, 2)
    assert date_text(day, "zh-TW") == "2026年12月2日"
    assert date_text(day, "en") == "2 December 2026"


def test_the_script_patterns():
    assert HAN.search("報價單 ok") and not HAN.search("ok")
    assert HAN_RUN.findall("FOB 報價單、交期") == ["報價單", "交期"]
    assert english_run(3).search("說 Could you repeat that? 吧").group(0) == "Could you repeat that?"
    assert not english_run(4).search("Could you repeat?")


def _language_tables():
    """(module, name, table) of every module-level dict keyed by the default language, in the
    package and the hooks: the interface words and facts a new language needs."""
    modules = [importlib.import_module(f"handbook.{m.name}") for m in pkgutil.iter_modules(handbook.__path__)]
    modules += [importlib.import_module(path.stem) for path in sorted(HOOKS.glob("*.py"))]
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, dict) and DEFAULT_LANGUAGE in value and not name.startswith("_"):
                yield module.__name__, name, value


def test_every_table_keyed_by_language_has_every_language():
    tables = list(_language_tables())
    assert len(tables) >= 8  # the test still finds the tables (TEXT, LABELS, UI, LANGUAGE, ...)
    missing = [f"{module}.{name} lacks {lang}" for module, name, table in tables for lang in LANGUAGES
               if lang not in table]
    assert not missing, "add the language to: " + "; ".join(missing)


ROOT = HOOKS.parent


def test_the_pages_scripts_and_the_404_page_speak_every_language():
    """The words the browser scripts show (a TEXT table per script) and the bilingual 404 page."""
    import re

    missing = []
    for script in sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js")):
        text = script.read_text(encoding="utf-8")
        if '"zh-TW": {' in text:
            missing += [f"{script.name} lacks {lang}" for lang in LANGUAGES
                        if not re.search(rf'(?:"{re.escape(lang)}"|\b{re.escape(lang)}): \{{', text)]
    not_found = (ROOT / "overrides" / "404.html").read_text(encoding="utf-8")
    missing += [f"overrides/404.html lacks a section in {lang}" for lang in LANGUAGES if f'lang="{lang}"' not in not_found]
    assert not missing, "add the language to: " + "; ".join(missing)
