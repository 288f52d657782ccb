"""Language switcher: links to the same page in the other language, relative to the current page.

Why: mkdocs-static-i18n builds the switcher from absolute links (/en/…), which break when the
handbook is served under a sub-path (http://intranet/handbook/), and Material's default links
to the other language's home page. A reader on a deep page must land on the same page in the
other language, wherever the site is hosted. overrides/partials/alternate.html renders the
list this hook puts into the page context.

The `<link rel="alternate">` tags in the page head point at each language's home instead:
Material fetches `sitemap.xml` next to each of them (a deep link makes it request a sitemap that
does not exist), so after the build each language also gets a sitemap of its own pages at its root.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.plugins import event_priority

from handbook.build import HANDBOOK
from handbook.templates import replace_exactly
from handbook.languages import DEFAULT_LANGUAGE, LANGUAGES, UI

def _names(config) -> dict[str, str]:
    return {language.locale: language.name for language in config.plugins["i18n"].config.languages}


def _prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def on_page_context(context, page, config, nav):
    lang = page.file.locale
    url = page.url or ""
    own = _prefix(lang)
    if own and (url == own.rstrip("/") or url.startswith(own)):
        url = url[len(own):]
    if page.is_homepage or url in ("", "./", ".") or url.endswith("404.html"):
        url = ""  # the home page, or the 404 page: offer the other language's home
    base = context.get("base_url") or "."
    context["hb_alternates"] = [
        {"lang": other, "name": _names(config).get(other, other), "href": f"{base}/{_prefix(other)}{url}",
         "current": other == lang}
        for other in LANGUAGES
    ]
    # Set as an attribute: that is how mkdocs-static-i18n sets it (at a higher priority), and what
    # Jinja reads first. When the deployment URL is configured (the site_url setting), the links are
    # absolute, as search engines require for hreflang; otherwise they are site-root-relative
    # (Material's `url` filter makes them page-relative), so a local preview on any port works.
    deployed = bool(HANDBOOK.build.settings.site_url) and bool(config.site_url)
    config.extra.alternate = [
        {"name": _names(config).get(other, other), "lang": other,
         "link": urljoin(config.site_url, _prefix(other)) if deployed else (_prefix(other) or "./")}
        for other in LANGUAGES
    ]
    return context


# Markdown extensions are configured once for all languages; the heading permalinks' title is
# written in the default language in mkdocs.yml and translated here (languages.UI).
PERMALINK_TITLE = {lang: words["permalink_title"] for lang, words in UI.items()}


def on_page_content(html_text, page, config, files):
    lang = page.file.locale
    if lang != DEFAULT_LANGUAGE:
        html_text = permalink_titles(html_text, lang, page.file.src_uri)
    return html_text


def permalink_titles(html_text: str, lang: str, where: str) -> str:
    """The page's heading permalinks titled in `lang`: every one (class="headerlink") must carry
    the default language's title that mkdocs.yml gives toc, or the build stops."""
    return replace_exactly(
        html_text, f'title="{PERMALINK_TITLE[DEFAULT_LANGUAGE]}"', f'title="{PERMALINK_TITLE[lang]}"',
        html_text.count('class="headerlink"'), f"{where}: heading permalinks",
        f"keep toc's permalink_title in mkdocs.yml as {PERMALINK_TITLE[DEFAULT_LANGUAGE]!r}, the title"
        " hooks/language_switcher.py (PERMALINK_TITLE) translates")


def on_template_context(context, template_name, config):
    """The 404 page is one page for the whole site (served for any missing URL, in any language):
    it gets absolute links to each language's home, from the site_url's path (e.g. /handbook/)."""
    if template_name == "404.html":
        root = urlsplit(config.site_url or "/").path or "/"
        root = root if root.endswith("/") else root + "/"
        context["hb_site_root"] = root
        context["hb_alternates"] = [
            {"lang": lang, "name": _names(config).get(lang, lang), "href": root + _prefix(lang), "current": False}
            for lang in LANGUAGES
        ]
    return context


@event_priority(-200)  # after mkdocs-static-i18n has built every language and written the sitemap
def on_post_build(config):
    """Give every non-default language a sitemap of its own pages at its root."""
    if not HANDBOOK.build.outer() or config.plugins['i18n'].config.get('build_only_locale'):
        return
    site = Path(config.site_dir)
    combined = (site / "sitemap.xml").read_text(encoding="utf-8")
    head, _, rest = combined.partition("<url>")
    entries = ["<url>" + chunk.replace("</urlset>", "").rstrip() for chunk in rest.split("<url>")] if rest else []
    root = (config.site_url or "").rstrip("/")
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            own = [entry for entry in entries if f"<loc>{root}/{lang}/" in entry]
            (site / lang / "sitemap.xml").write_text(head + "\n".join(own) + "\n</urlset>\n", encoding="utf-8")
