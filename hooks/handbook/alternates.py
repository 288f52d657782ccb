"""Links between the languages: the switcher's same-page links, the head's alternates, the 404
page's links, each language's sitemap, and the heading permalinks' title in each language.

Why: mkdocs-static-i18n builds the switcher from absolute links (/en/…), which break when the
handbook is served under a sub-path (http://intranet/handbook/), and Material's default links
to the other language's home page. A reader on a deep page must land on the same page in the
other language, wherever the site is hosted. overrides/partials/alternate.html renders the list.

The `<link rel="alternate">` tags in the page head point at each language's home instead:
Material fetches `sitemap.xml` next to each of them (a deep link makes it request a sitemap that
does not exist), so after the build each language also gets a sitemap of its own pages at its root.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .languages import DEFAULT_LANGUAGE, LANGUAGES, UI, site_prefix
from .problems import HandbookError
from .templates import replace_exactly

# Markdown extensions are configured once for all languages; the heading permalinks' title is
# written in the default language in mkdocs.yml and translated here (languages.UI).
PERMALINK_TITLE = {lang: words["permalink_title"] for lang, words in UI.items()}


def page_alternates(url: str, lang: str, home: bool, base: str, names: dict[str, str]) -> list[dict]:
    """The switcher's links from a page (`url` as MkDocs gives it) to the same page in every
    language, relative to the page (`base`: its path to the site root)."""
    own = site_prefix(lang)
    if own and (url == own.rstrip("/") or url.startswith(own)):
        url = url[len(own):]
    if home or url in ("", "./", ".") or url.endswith("404.html"):
        url = ""  # the home page, or the 404 page: offer the other language's home
    return [{"lang": other, "name": names.get(other, other), "href": f"{base}/{site_prefix(other)}{url}",
             "current": other == lang} for other in LANGUAGES]


def head_alternates(site_url: str | None, deployed: bool, names: dict[str, str]) -> list[dict]:
    """The head's alternates: absolute when the deployment URL is set (search engines require it
    for hreflang); otherwise site-root-relative (Material's `url` filter makes them page-relative),
    so a local preview on any port works."""
    return [{"name": names.get(lang, lang), "lang": lang,
             "link": urljoin(site_url, site_prefix(lang)) if deployed else (site_prefix(lang) or "./")}
            for lang in LANGUAGES]


def not_found_links(site_url: str | None, names: dict[str, str]) -> tuple[str, list[dict]]:
    """The 404 page is one page for the whole site (served for any missing URL, in any language):
    the site's root path (e.g. /handbook/) and absolute links to each language's home."""
    root = urlsplit(site_url or "/").path or "/"
    root = root if root.endswith("/") else root + "/"
    return root, [{"lang": lang, "name": names.get(lang, lang), "href": root + site_prefix(lang), "current": False}
                  for lang in LANGUAGES]


def permalink_titles(html_text: str, lang: str, where: str) -> str:
    """The page's heading permalinks titled in `lang`: every one (class="headerlink") must carry
    the default language's title that mkdocs.yml gives toc, or the build stops."""
    return replace_exactly(
        html_text, f'title="{PERMALINK_TITLE[DEFAULT_LANGUAGE]}"', f'title="{PERMALINK_TITLE[lang]}"',
        html_text.count('class="headerlink"'), f"{where}: heading permalinks",
        f"keep toc's permalink_title in mkdocs.yml as {PERMALINK_TITLE[DEFAULT_LANGUAGE]!r}, the title"
        " hooks/handbook/alternates.py (PERMALINK_TITLE, from languages.UI) translates")


def language_sitemaps(site: Path, site_url: str | None) -> None:
    """Every non-default language a sitemap of its own pages at its root, from the combined one."""
    combined = (site / "sitemap.xml").read_text(encoding="utf-8")
    head, _, rest = combined.partition("<url>")
    if not rest:
        raise HandbookError(f"sitemaps: {site / 'sitemap.xml'} has no <url> entry\n    Fix: MkDocs changed how it"
                            " writes the sitemap: update language_sitemaps in hooks/handbook/alternates.py")
    entries = ["<url>" + chunk.replace("</urlset>", "").rstrip() for chunk in rest.split("<url>")]
    root = (site_url or "").rstrip("/")
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            own = [entry for entry in entries if f"<loc>{root}/{lang}/" in entry]
            (site / lang / "sitemap.xml").write_text(head + "\n".join(own) + "\n</urlset>\n", encoding="utf-8")
