"""Language switcher: links to the same page in the other language, relative to the current page.

Why: mkdocs-static-i18n builds the switcher from absolute links (/en/…), which break when the
handbook is served under a sub-path (http://intranet/handbook/), and Material's default links
to the other language's home page. A reader on a deep page must land on the same page in the
other language, wherever the site is hosted. overrides/partials/alternate.html renders the
list this hook puts into the page context.
"""

from __future__ import annotations

import _handbook as hb

NAMES = {}


def on_config(config):
    for language in config.plugins["i18n"].config.languages:
        NAMES[language.locale] = language.name


def _prefix(lang: str) -> str:
    return "" if lang == hb.DEFAULT_LANGUAGE else f"{lang}/"


def on_page_context(context, page, config, nav):
    lang = hb.page_language(page)
    url = page.url or ""
    own = _prefix(lang)
    if own and (url == own.rstrip("/") or url.startswith(own)):
        url = url[len(own):]
    if page.is_homepage or url in ("", "./", "."):
        url = ""
    if url.endswith(".html") and "404" in url:  # the 404 page: offer the other language's home
        url = ""
    base = context.get("base_url") or "."
    context["hb_alternates"] = [
        {
            "lang": other,
            "name": NAMES.get(other, other),
            "href": f"{base}/{_prefix(other)}{url}" if base != "." else f"./{_prefix(other)}{url}",
            "current": other == lang,
        }
        for other in hb.LANGUAGES
    ]
    return context
