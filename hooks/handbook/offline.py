"""Offline and installable: the service worker's precache list, the web app manifests, and the
What's new data (docs/_data/changes.yml).

Why at build time: the worker (template `assets/sw.template.js`, written to `site/sw.js`) must
know every file of this build and its content hash, so that a reader's phone downloads only what
changed and a cache always holds one whole build. The list is everything a reader may need
offline: the pages of both languages, CSS, JavaScript, both search indexes, the sitemaps Material
fetches, the phrasebook downloads and images. Left out: the PDFs (cached when first opened: too
large to prefetch on a phone), source maps, gzip copies and lunr's language packs (the indexes
are `lang: en`, which needs none). The version is the hash of the list: a new build that changes
any file is a new version; a build that changes nothing keeps the same worker byte for byte.

`mkdocs serve` gets a worker that removes itself and its caches, so a worker installed by an
earlier build at the same address never hides the live preview.

The manifests (one per language, at each language's root) use relative URLs only, so the site
installs under any sub-path; icons are committed PNGs drawn from the logo (`python -m
handbook.offline icons` redraws them with the build's Chromium).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

from .languages import LANGUAGES
from .problems import Problem

ASSETS = Path(__file__).parent / "assets"
WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
THEME_COLOUR = "#3f51b5"  # Material's indigo, the header colour (mkdocs.yml palette)
SHORT_NAMES = {"zh-TW": "業務手冊", "en": "Sales Handbook"}
ICONS = (("icon.svg", "any", "image/svg+xml"), ("icon-192.png", "192x192", "image/png"),
         ("icon-512.png", "512x512", "image/png"))
SKIP = re.compile(r"(\.map|\.pdf|\.gz)$|^assets/javascripts/lunr/|^sw\.js$|^\.|/\.")

KILL_SWITCH = """/* mkdocs serve: no offline cache during the live preview; remove any earlier worker. */
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("handbook:") === 0; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.registration.unregister(); }));
});
"""


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def url_of(rel: str) -> str:
    """The URL a reader uses for a file, relative to the site root: folders end in '/'."""
    if rel == "index.html":
        return "./"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def precache_entries(site: Path) -> list[list[str]]:
    """[url, hash] of every file the worker caches on install, in a stable order."""
    entries = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not SKIP.search(rel):
            entries.append([url_of(rel), file_hash(path)])
    return entries


def version_of(entries: list[list[str]]) -> str:
    return hashlib.sha256(json.dumps(entries).encode()).hexdigest()[:12]


def worker_source(entries: list[list[str]]) -> str:
    template = (ASSETS / "sw.template.js").read_text(encoding="utf-8")
    listing = "[\n" + ",\n".join(json.dumps(entry) for entry in entries) + "\n]"
    return template.replace("__VERSION__", version_of(entries)).replace("__FILES__", listing)


def write_worker(site: Path, serve: bool = False) -> dict:
    """Writes site/sw.js; returns what it cached (files, bytes, version) for the build log."""
    if serve:
        (site / WORKER).write_text(KILL_SWITCH, encoding="utf-8")
        return {}
    entries = precache_entries(site)
    (site / WORKER).write_text(worker_source(entries), encoding="utf-8")
    size = sum((site / ("index.html" if u == "./" else u + "index.html" if u.endswith("/") else u)).stat().st_size
               for u, _ in entries)
    return {"files": len(entries), "bytes": size, "version": version_of(entries)}


def manifest(lang: str, name: str, default: bool) -> dict:
    """The web app manifest of one language, written at that language's root (all URLs relative)."""
    up = "" if default else "../"
    return {
        "id": "./",
        "name": name,
        "short_name": SHORT_NAMES.get(lang, name),
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": up or "./",  # the whole site: switching language stays in the installed app
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": f"{up}assets/images/{file}", "sizes": sizes, "type": kind, "purpose": purpose}
                  for file, sizes, kind in ICONS for purpose in ("any", "maskable")],
    }


def write_manifest(language_root: Path, lang: str, name: str, default: bool) -> None:
    language_root.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest(lang, name, default), ensure_ascii=False, indent=1)
    (language_root / MANIFEST).write_text(text + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- What's new

CHANGES = "_data/changes.yml"
KIND_LABELS = {
    "new-page": {"zh-TW": "新頁面", "en": "New page"},
    "template": {"zh-TW": "郵件範本", "en": "Email template"},
    "advice": {"zh-TW": "建議更新", "en": "Changed advice"},
    "print": {"zh-TW": "列印版", "en": "Print handbook"},
    "app": {"zh-TW": "網站功能", "en": "Site feature"},
}


def page_file(docs: Path, page: str, lang: str) -> Path:
    """docs/<page without .md>.<lang>.md for a page named as in the nav (`customers/index.md`)."""
    return docs / (page.split("#", 1)[0][: -len(".md")] + f".{lang}.md")


def day_of(entry) -> str:
    """The entry's date as 2026-12-06 (YAML reads an unquoted date as a date)."""
    day = entry["date"]
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def check_change_pages(entries: list, docs: Path, text: str, rel: str = "docs/" + CHANGES,
                       languages: tuple[str, ...] = LANGUAGES) -> list[Problem]:
    """Every page the entries of changes.yml name (those its schema accepted) must exist in every
    language in the docs tree; a problem names the line to fix."""
    lines = text.splitlines()
    problems = []
    for entry in entries:
        at = entry.key_lines.get("pages", entry.line)
        block = at <= len(lines) and not lines[at - 1].split(":", 1)[-1].strip()  # one page a line
        for index, page in enumerate(entry["pages"]):
            missing = [lang for lang in languages if not page_file(docs, page, lang).exists()]
            if missing:
                names = ", ".join(f"{rel.split('/_data/')[0]}/{page_file(docs, page, lang).relative_to(docs).as_posix()}"
                                  for lang in missing)
                problems.append(Problem(
                    rel, at + (index + 1 if block else 0), f"names the page {page!r}, which is not in the docs (missing: {names})",
                    "name a page as in the nav of mkdocs.yml (e.g. customers/first-contact.md, optionally "
                    "with #anchor), or remove it from the entry"))
    return problems


def _title(docs: Path, page: str, lang: str) -> str:
    for line in page_file(docs, page, lang).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page


def whats_new_markdown(entries: list, docs: Path, lang: str, page_dir: str = "") -> str:
    """The What's new list for a page in `lang`: newest first, one heading per date, each change
    in the reader's language with links to the pages it touched (relative to `page_dir`)."""
    up = "../" * page_dir.count("/") if page_dir else ""
    by_date: dict[str, list] = {}
    for entry in entries:
        by_date.setdefault(day_of(entry), []).append(entry)
    out = []
    for day in sorted(by_date, reverse=True):
        out.append(f"## {day} {{#changes-{day}}}\n")  # an anchor with words (the anchor check)
        for entry in by_date[day]:
            label = KIND_LABELS[entry["kind"]][lang]
            links = ("、" if lang == "zh-TW" else ", ").join(
                f"[{_title(docs, page, lang)}]({up}{page})" for page in entry["pages"])
            sep = "：" if lang == "zh-TW" else ": "
            see = "（" + links + "）" if lang == "zh-TW" else f" ({links})"
            out.append(f"- **{label}**{sep}{entry[lang].strip()}{see if links else ''}")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- the templates page

TEMPLATE_LIST_TITLE = {"zh-TW": "本頁的 {n} 個範本", "en": "The {n} templates on this page"}
_EMAIL_ID = re.compile(r'<div class="hb-email" id="email-[^"]+-block" data-email-id="([^"]+)"')


def template_list(page_html: str, toc, lang: str) -> str:
    """The templates page with a list of its templates after its first paragraph (a phone shows
    no table of contents beside the page), grouped under the section headings between them."""
    ids = set(_EMAIL_ID.findall(page_html))
    heading = page_html.find("</h1>")
    start = page_html.find("</p>", heading) + len("</p>") if heading >= 0 else -1  # after the first paragraph
    if not ids or heading < 0 or start < len("</p>"):
        return page_html
    items, count, group = [], 0, ""

    def walk(entries):
        nonlocal count, group
        for entry in entries:
            if entry.id in ids:
                if group:
                    items.append(f'<li class="hb-template-list__group">{group}</li>')
                    group = ""
                items.append(f'<li><a href="#{entry.id}">{entry.title}</a></li>')
                count += 1
            elif entry.level == 2:
                group = entry.title  # a section heading: the templates after it are its
            walk(entry.children)

    walk(toc)
    title = TEMPLATE_LIST_TITLE.get(lang, TEMPLATE_LIST_TITLE["en"]).format(n=count)
    block = (f'<nav class="hb-template-list" aria-labelledby="hb-template-list-title">'
             f'<p class="hb-template-list__title" id="hb-template-list-title">{title}</p>'
             f'<ul>{"".join(items)}</ul></nav>\n')
    return page_html[:start] + block + page_html[start:]


def draw_icons(target: Path) -> None:
    """Redraws icon.svg and the PNG icons from the logo (white on the header's indigo, inside
    the maskable safe zone) with Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    from .chromium import CHROMIUM, CHROMIUM_ARGS

    logo = (target / "logo.svg").read_text(encoding="utf-8")
    path = re.search(r'<path[^>]*\bd="([^"]+)"', logo).group(1)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48" '
           f'fill="{THEME_COLOUR}"/><g transform="translate(12 12)"><path fill="#fff" d="{path}"/></g></svg>\n')
    (target / "icon.svg").write_text(svg, encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in (192, 512):
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f'<style>html,body{{margin:0}}svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}')
            page.screenshot(path=str(target / f"icon-{size}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["icons"]:
        draw_icons(Path(__file__).resolve().parents[2] / "docs/assets/images")
    else:
        sys.exit("usage (from hooks/): python -m handbook.offline icons")
