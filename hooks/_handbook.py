"""Compatibility shim (not a hook): what hooks/pdf_handbook.py and hooks/search_i18n.py import
from the old shared module, now served by the hooks/handbook/ package. Remove it once those two
hooks import from the package directly."""

from __future__ import annotations

from handbook.build import BUILD
from handbook.problems import HandbookError  # noqa: F401
from handbook.sources import DEFAULT_LANGUAGE, LANGUAGES, PAGE_NAME  # noqa: F401


def is_outer_build(config) -> bool:
    """True in the default language's build, the one that starts and ends a whole build."""
    return BUILD.outer()


def starting_build(config) -> bool:
    """For on_pre_build: True once per whole build (the default language's)."""
    return BUILD.outer()


def single_language_build(config) -> bool:
    """True when mkdocs-static-i18n builds one language only (its build_only_locale option)."""
    i18n = config.plugins.get("i18n")
    return bool(i18n and i18n.config.get("build_only_locale"))


def page_language(page) -> str:
    lang = getattr(page.file, "locale", None)
    if lang not in LANGUAGES:
        raise HandbookError(f"{page.file.src_uri}: cannot tell the page's language (got {lang!r}); "
                            "is the i18n plugin configured in mkdocs.yml?")
    return lang
