"""Language switcher: links to the same page in the other language, relative to the current page,
the head's alternates, the 404 page's links and a sitemap per language (the logic and the why:
hooks/handbook/alternates.py); the heading permalinks' title in the page's language.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from handbook import alternates
from handbook.build import HANDBOOK
from handbook.languages import DEFAULT_LANGUAGE


def _names(config) -> dict[str, str]:
    return {language.locale: language.name for language in config.plugins["i18n"].config.languages}


def on_page_context(context, page, config, nav):
    context["hb_alternates"] = alternates.page_alternates(page.url or "", page.file.locale, page.is_homepage,
                                                          context.get("base_url") or ".", _names(config))
    # Set as an attribute: that is how mkdocs-static-i18n sets it (at a higher priority), and what
    # Jinja reads first.
    deployed = bool(HANDBOOK.build.settings.site_url) and bool(config.site_url)
    config.extra.alternate = alternates.head_alternates(config.site_url, deployed, _names(config))
    return context


def on_page_content(html_text, page, config, files):
    if page.file.locale != DEFAULT_LANGUAGE:
        html_text = alternates.permalink_titles(html_text, page.file.locale, page.file.src_uri)
    return html_text


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context["hb_site_root"], context["hb_alternates"] = alternates.not_found_links(config.site_url, _names(config))
    return context


@event_priority(-200)  # after mkdocs-static-i18n has built every language and written the sitemap
def on_post_build(config):
    if HANDBOOK.build.outer() and not config.plugins["i18n"].config.get("build_only_locale"):
        alternates.language_sitemaps(Path(config.site_dir), config.site_url)
