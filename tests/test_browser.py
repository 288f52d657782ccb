"""The built site in real Chromium (Debian's, through Playwright): search in both languages, the
language switcher, Mermaid diagrams that really render, a crawl of every page that must stay on
127.0.0.1 without script errors, and the whole site served under a sub-path.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import socketserver
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, mkdocs_build, serve, watched_page

# A real browser: search, language switcher, diagrams, a crawl and sub-path builds; not in the quick loop.
pytestmark = pytest.mark.slow


PAGES_ONLY = True  # reads pages, not the PDFs: the quick build (conftest `site`)

HAN = re.compile(r"[\u3400-\u9fff]")
PREFIX = {"zh-TW": "", "en": "en/"}
DEEP = "phone/incoming-calls/"

# Chinese queries: a word that stands inside a sentence of the expected page (checked below).
ZH_QUERIES = [
    ("語音信箱", "customers/quiet-customers/"),
    ("交期", "quoting/lead-times/"),
    ("樣品", "negotiation/preparing/"),
    ("報價單", "quoting/professional-quotation/"),
    ("量產貨", "quoting/lead-times/"),
    ("工廠", "quoting/earning-trust/"),
]
# English queries; the first ones need stemming (the expected page has only the singular).
EN_QUERIES = [
    ("quotations", "quoting/professional-quotation/"),
    ("samples", "channels/email-first/"),
    ("voicemail", "customers/quiet-customers/"),
    ("factory", "quoting/lead-times/"),
    ("deposit", "quoting/who-is-a-customer/"),
    ("concession", "quoting/pricing-room/"),
]


# --------------------------------------------------------------------------- helpers


def open_page(page, url):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '?'}"
    return response


def search(page, query: str) -> tuple[str, list[str]]:
    """Type `query` into Material's search box; returns (the count text, every result's URL)
    after loading all results (Material renders 10, then more as the list is scrolled)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the box on keyup; fill() sends no key event
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        """(q) => {
            const box = document.querySelector('input.md-search__input');
            const meta = document.querySelector('.md-search-result__meta');
            return box && box.value === q && meta && /\\d|沒有|No matching/.test(meta.textContent);
        }""",
        arg=query, timeout=20_000)
    page.wait_for_timeout(300)  # let a superseded query's results be replaced
    text = meta.inner_text().strip()
    numbers = re.findall(r"\d+", text)
    expected = int(numbers[0]) if numbers else 0
    items = page.locator(".md-search-result__item")
    stable = 0
    while items.count() < expected and stable < 25:
        before = items.count()
        wrap = page.locator(".md-search__scrollwrap")
        # Material adds results when the list *becomes* scrolled to the bottom: leave it first.
        wrap.evaluate("e => { e.scrollTop = 0; e.dispatchEvent(new Event('scroll')); }")
        page.wait_for_timeout(60)
        wrap.evaluate("e => { e.scrollTop = e.scrollHeight; e.dispatchEvent(new Event('scroll')); }")
        page.wait_for_timeout(120)
        stable = stable + 1 if items.count() == before else 0
    links = page.locator(".md-search-result__item > a.md-search-result__link:first-child")
    return text, [links.nth(i).get_attribute("href") for i in range(links.count())]


def path_of(url: str) -> str:
    return unquote(urlsplit(url).path)


def _visible_text(site: Path, lang: str, url: str) -> str:
    text = (site / PREFIX[lang] / url / "index.html").read_text(encoding="utf-8")
    body = text[text.index('<article class="md-content__inner'):]
    body = body[: body.index("</article>")]
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)
    return re.sub(r"<[^>]+>", "", body)


# --------------------------------------------------------------------------- (a) search


@pytest.mark.parametrize("query,expected", ZH_QUERIES)
def test_chinese_search_finds_a_word_inside_a_sentence(page, base_url, site, query, expected):
    # The word really stands inside running Chinese text on the expected page.
    assert re.search(rf"[\u3400-\u9fff]{re.escape(query)}|{re.escape(query)}[\u3400-\u9fff]",
                     _visible_text(site, "zh-TW", expected)), f"{query!r} is not inside a sentence of {expected}"
    open_page(page, base_url + DEEP)
    count_text, results = search(page, query)
    assert results, f"no results for {query!r} ({count_text!r})"
    paths = [path_of(r) for r in results]
    assert "/" + expected in paths, f"{query!r}: /{expected} not among {paths}"
    assert not [p for p in paths if p.startswith("/en/")], f"{query!r}: English results on the Chinese site: {paths}"
    match = re.search(r"找到 (\d+) 個", count_text)
    shown = 1 if "找到 1 個" in count_text else int(match.group(1)) if match else -1
    assert shown == len(results), f"{query!r}: the count says {count_text!r}, {len(results)} results are shown"


@pytest.mark.parametrize("query,expected", EN_QUERIES)
def test_english_search_finds_words_with_stemming(page, base_url, site, query, expected):
    text = _visible_text(site, "en", expected).lower()
    stem = re.sub(r"s$", "", query)
    assert stem in text, f"{expected} does not contain {stem!r}"
    open_page(page, base_url + "en/" + DEEP)
    count_text, results = search(page, query)
    paths = [path_of(r) for r in results]
    assert results, f"no results for {query!r} ({count_text!r})"
    assert all(p.startswith("/en/") for p in paths), f"{query!r}: Chinese-site results on the English site: {paths}"
    assert "/en/" + expected in paths, f"{query!r}: /en/{expected} (which contains {stem!r}) not among {paths}"
    match = re.search(r"(\d+) matching document", count_text)
    shown = int(match.group(1)) if match else -1
    assert shown == len(results), f"{query!r}: the count says {count_text!r}, {len(results)} results are shown"


def test_english_search_finds_every_page_that_has_the_word(page, base_url, site):
    """Every English page whose text contains 'factory' is found by searching 'factory'."""
    from test_site_build import NAV

    having = sorted("/en/" + url for url in NAV if re.search(r"\bfactory\b", _visible_text(site, "en", url), re.I))
    open_page(page, base_url + "en/")
    _, results = search(page, "factory")
    found = {path_of(r) for r in results}
    assert not [p for p in having if p not in found], f"pages with 'factory' not found: {[p for p in having if p not in found]}"


def test_search_only_tokens_never_show_as_missing_words(page, base_url):
    """A glossary phrase in a query is also searched as its index token (_late_payment, see
    hooks/handbook/search.py phrase_token); a result that lacks it lists the reader's own words
    under "Missing", never the token."""
    open_page(page, base_url + "en/")
    _, results = search(page, "how do I chase a late payment")
    assert results
    missing = page.locator(".md-search-result__terms").all_inner_texts()
    assert missing, "no result lists a missing word: the query no longer tests this"
    assert not [m for m in missing if "_" in m], f"search-only tokens shown to the reader: {missing}"


def test_search_with_no_match_says_so(page, base_url):
    open_page(page, base_url + "en/")
    count_text, results = search(page, "xylophonequartz")
    assert results == [] and "No matching" in count_text
    open_page(page, base_url)
    count_text, results = search(page, "鋼琴調音師")
    assert not [r for r in results if path_of(r).startswith("/en/")]


# --------------------------------------------------------------------------- (b) language switcher


def _switch(page, lang: str):
    if page.evaluate("() => document.getElementById('__search')?.checked"):
        page.keyboard.press("Escape")  # close the search dialog, which covers the header
        page.wait_for_function("() => !document.getElementById('__search').checked")
    page.locator(".md-header__option .md-select").first.hover()
    link = page.locator(f'a.md-select__link[hreflang="{lang}"]')
    link.wait_for(state="visible")
    with page.expect_navigation(wait_until="load"):
        link.click()


def test_language_switcher_keeps_the_deep_page(page, base_url):
    open_page(page, base_url + DEEP)
    assert page.evaluate("document.documentElement.lang") == "zh-TW"
    _switch(page, "en")
    assert path_of(page.url) == "/en/" + DEEP
    assert page.evaluate("document.documentElement.lang") == "en"
    assert not HAN.search(page.locator("h1").first.inner_text())
    _switch(page, "zh-TW")
    assert path_of(page.url) == "/" + DEEP
    assert page.evaluate("document.documentElement.lang") == "zh-TW"


def test_language_switcher_on_the_home_pages(page, base_url):
    open_page(page, base_url)
    _switch(page, "en")
    assert path_of(page.url) == "/en/"
    _switch(page, "zh-TW")
    assert path_of(page.url) == "/"


# --------------------------------------------------------------------------- light and dark

def _palette(page) -> tuple[str, list[bool], str]:
    """(the body's colour scheme, which toggle labels are hidden, the color-scheme meta)."""
    return tuple(page.evaluate("""() => [document.body.dataset.mdColorScheme,
        [...document.querySelectorAll('[data-hb-palette] label')].map(l => l.hidden),
        document.querySelector('meta[name=color-scheme]').content]"""))


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_light_dark_switch_follows_the_system_then_the_readers_choice(browser, base_url, system):
    """overrides/partials/palette.html replaces Material's palette component: the first visit
    follows the system setting, a click switches and is remembered on the next page (in either
    language), Enter on the focused switch switches back, and nothing else restyles the page."""
    light, dark = ("default", [False, True], "light"), ("slate", [True, False], "dark")
    first, other = (light, dark) if system == "light" else (dark, light)
    with watched_page(browser, color_scheme=system, viewport={"width": 1280, "height": 900}) as page:
        open_page(page, base_url + "en/" + DEEP)
        assert page.locator("[data-md-component=palette]").count() == 0  # Material's component stays off
        assert _palette(page) == first
        page.locator("[data-hb-palette] label:not([hidden])").click()
        assert _palette(page) == other
        open_page(page, base_url + DEEP)
        assert _palette(page) == other
        page.focus("[data-hb-palette] input:checked")
        page.keyboard.press("Enter")
        assert _palette(page) == first
        page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
        page.reload(wait_until="load")
        assert _palette(page) == first


def test_a_stored_choice_from_other_palette_options_is_corrected(browser, base_url):
    """A record saved under other options (mkdocs.yml's palette changed: an index out of range, a
    colour no option has) is kept within the options and rewritten before Material's own inline
    palette script reads it, so the page, the switch and the record agree."""
    with watched_page(browser, color_scheme="light", viewport={"width": 1280, "height": 900}) as page:
        open_page(page, base_url + DEEP)
        page.evaluate("""() => __md_set("__palette", {index: 7, color: {media: "(prefers-color-scheme: dark)",
                          scheme: "slate", primary: "teal", accent: "teal"}})""")
        page.reload(wait_until="load")
        assert _palette(page) == ("slate", [True, False], "dark")
        assert page.evaluate("document.body.dataset.mdColorPrimary") == "indigo"
        assert page.evaluate("__md_get('__palette')") == {"index": 1, "color": {
            "media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "indigo"}}


# --------------------------------------------------------------------------- (c) Mermaid renders

def _diagram_pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html") if 'class="hb-diagram"' in p.read_text(encoding="utf-8"))


def _labels(site: Path, url: str) -> list[str]:
    """Node labels written in the page's Mermaid source (docs/<page>.<lang>.md)."""
    lang = "en" if url.startswith("en/") else "zh-TW"
    source = ROOT / "docs" / f"{url.removeprefix('en/').rstrip('/') or 'index'}.{lang}.md"
    fence = re.search(r"```mermaid\n(.*?)```", source.read_text(encoding="utf-8"), re.S).group(1)
    return [m.strip('" ') for m in re.findall(r"\[\s*\"?([^\]\"]{2,})\"?\s*\]", fence)]


def scroll_to_first_diagram(page):
    page.evaluate("() => document.querySelector('figure.hb-diagram').scrollIntoView({block: 'center'})")


def test_mermaid_diagrams_render(browser, base_url, site):
    """Every diagram is inline SVG drawn at build time: nodes, edges, the source's labels, a real size."""
    pages = _diagram_pages(site)
    assert any(p.startswith("en/") for p in pages) and any(not p.startswith("en/") for p in pages), pages
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for url in pages:
            open_page(page, base_url + url)
            info = page.evaluate(
                """() => [...document.querySelectorAll('figure.hb-diagram > svg')].map(svg => {
                    const box = svg.getBoundingClientRect();
                    return { nodes: svg.querySelectorAll('g.node').length,
                             edges: svg.querySelectorAll('.edgePath, .flowchart-link, path[class*="flowchart"]').length,
                             text: [...svg.querySelectorAll('g.node, g.edgeLabel')].map(n => n.textContent).join(' '),
                             width: box.width, height: box.height };
                })""")
            assert info, f"{url}: no diagram was drawn"
            diagram = info[0]
            assert diagram["nodes"] >= 3 and diagram["edges"] >= 2, f"{url}: a diagram without nodes/edges: {diagram}"
            assert diagram["width"] > 100 and diagram["height"] > 100, f"{url}: diagram box {diagram}"
            labels = _labels(site, url)
            drawing_text = re.sub(r"\s+", "", diagram["text"])
            drawn = [label for label in labels if re.sub(r"\s+", "", label) in drawing_text]
            assert len(drawn) >= max(1, len(labels) // 2), f"{url}: labels {labels} not in the drawing {diagram['text'][:200]!r}"
            assert page.locator("pre.mermaid, .mermaid").count() == 0, f"{url}: Mermaid source left undrawn"
        assert not errors, errors
    finally:
        context.close()


def test_mermaid_diagram_is_not_blank(page, base_url):
    """A screenshot of the diagram host has real contrast (not one flat colour)."""
    open_page(page, base_url + DEEP)
    scroll_to_first_diagram(page)
    host = page.locator("figure.hb-diagram").first
    host.wait_for(state="visible", timeout=20_000)
    host.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    png = host.screenshot()
    pixels = page.evaluate(
        """async (b64) => {
            const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            const d = g.getImageData(0, 0, c.width, c.height).data;
            let n = 0, sum = 0, sq = 0, dark = 0;
            for (let i = 0; i < d.length; i += 4) {
                const v = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
                n++; sum += v; sq += v * v; if (v < 128) dark++;
            }
            const mean = sum / n;
            return { w: c.width, h: c.height, variance: sq / n - mean * mean, dark: dark / n };
        }""",
        __import__("base64").b64encode(png).decode())
    assert pixels["w"] > 100 and pixels["h"] > 100, pixels
    assert pixels["variance"] > 100, f"the diagram looks blank: {pixels}"
    assert 0.002 < pixels["dark"] < 0.5, f"no text or lines drawn: {pixels}"


# --------------------------------------------------------------------------- (d) crawl


def _all_pages(site: Path) -> list[str]:
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    return ["" if p == "./" else p for p in pages]


def _sitemap_pages(site: Path) -> set[str]:
    locs = set()
    for path in (site / "sitemap.xml", site / "en" / "sitemap.xml"):
        if path.is_file():
            locs.update(urlsplit(u).path.lstrip("/") for u in re.findall(r"<loc>([^<]+)</loc>", path.read_text(encoding="utf-8")))
    return locs


def test_sitemap_lists_every_page(site):
    from test_site_build import NAV

    expected = {u for u in NAV} | {"en/" + u for u in NAV}
    missing = sorted(expected - _sitemap_pages(site))
    assert not missing, f"pages missing from the sitemaps: {missing}"


def test_crawl_every_page_stays_local_and_error_free(browser, base_url, site):
    pages = _all_pages(site)
    assert len(pages) >= 50, pages
    host = urlsplit(base_url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests, problems = [], []
    current = {"url": ""}
    page.on("request", lambda r: requests.append((current["url"], r.url)))
    page.on("pageerror", lambda exc: problems.append(f"{current['url']}: script error {exc}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"{current['url']}: console error {m.text}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{current['url']}: HTTP {r.status} {r.url}"))
    page.on("requestfailed", lambda r: problems.append(f"{current['url']}: request failed {r.url} {r.failure}"))
    try:
        for url in pages + ["404.html"]:
            current["url"] = "/" + url
            page.goto(base_url + url, wait_until="load")
            page.wait_for_load_state("networkidle")
            if url == "phone/incoming-calls/":  # also exercise search once per language
                search(page, "交期")
            if url == "en/phone/incoming-calls/":
                search(page, "quotation")
    finally:
        context.close()
    outside = sorted({f"{origin}: {u}" for origin, u in requests
                      if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != host})
    assert len(requests) > len(pages), "the crawl recorded no requests"
    assert not outside, "requests that leave 127.0.0.1:\n" + "\n".join(outside)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- (e) under a sub-path


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Like nginx with `error_page 404 /handbook/404.html`: a missing URL gets the site's 404 page."""

    not_found_page: Path | None = None

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.not_found_page is not None and self.not_found_page.is_file():
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve_with_404(directory: Path, not_found: Path):
    handler_class = type("Handler", (_SubPathHandler,), {"not_found_page": not_found})
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="module")
def sub_path(site, tmp_path_factory):
    parent = tmp_path_factory.mktemp("subpath")
    shutil.copytree(site, parent / "handbook")
    url, server = serve(parent)
    yield url
    server.shutdown()


def _watch(page, host):
    seen = {"requests": [], "bad": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and seen["bad"].append(f"HTTP {r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and seen["bad"].append(f"console: {m.text}"))
    return seen


def _css_applied(page) -> bool:
    return page.evaluate(
        """() => {
            const sheets = [...document.styleSheets].filter(s => s.href);
            const loaded = sheets.length > 0 && sheets.every(s => { try { return s.cssRules.length > 0; } catch (e) { return false; } });
            const header = getComputedStyle(document.querySelector('.md-header'));
            return loaded && header.position !== 'static' && header.backgroundColor !== 'rgba(0, 0, 0, 0)';
        }""")


def test_site_under_a_sub_path(page, sub_path):
    root = sub_path + "handbook/"
    seen = _watch(page, urlsplit(sub_path).netloc)

    open_page(page, root)
    assert _css_applied(page), "the stylesheets did not load under /handbook/"
    _, results = search(page, "交期")
    assert results and all(path_of(r).startswith("/handbook/") and not path_of(r).startswith("/handbook/en/")
                           for r in results), results
    _switch(page, "en")
    assert path_of(page.url) == "/handbook/en/"

    open_page(page, root + "en/" + DEEP)
    assert _css_applied(page)
    _, results = search(page, "voicemail")
    assert results and all(path_of(r).startswith("/handbook/en/") for r in results), results
    # Clicking a result stays under the sub-path.
    with page.expect_navigation(wait_until="load"):
        page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    assert path_of(page.url).startswith("/handbook/en/")
    open_page(page, root + "en/" + DEEP)
    _switch(page, "zh-TW")
    assert path_of(page.url) == "/handbook/" + DEEP
    _switch(page, "en")
    assert path_of(page.url) == "/handbook/en/" + DEEP

    outside = [u for u in seen["requests"] if not urlsplit(u).path.startswith("/handbook/")
               and urlsplit(u).scheme in ("http", "https")]
    assert not outside, f"requests outside /handbook/: {outside}"
    assert not seen["bad"], seen["bad"]


def test_404_page_under_a_sub_path(browser, tmp_path):
    """Built with HANDBOOK_SITE_URL=http://127.0.0.1:PORT/handbook/, the 404 page (served for any
    missing URL, at any depth) loads its CSS and scripts from /handbook/ and links to both homes."""
    served = tmp_path / "www"
    served.mkdir()
    url, server = serve_with_404(served, served / "handbook" / "404.html")
    try:
        site_url = url + "handbook/"
        result = mkdocs_build(ROOT, served / "handbook", env={"HANDBOOK_SITE_URL": site_url, "HANDBOOK_PDF": "0"})
        assert result.returncode == 0, result.stderr[-3000:]
        text = (served / "handbook" / "404.html").read_text(encoding="utf-8")
        refs = re.findall(r'<(?:link|script|img)\b[^>]*?\s(?:href|src)="([^"]+)"', text)
        assert refs
        wrong = [r for r in refs if not (r.startswith("/handbook/") or r.startswith(site_url))]
        assert not wrong, f"404 page asset links not under /handbook/: {wrong}"

        context = browser.new_context()
        page = context.new_page()
        seen = _watch(page, urlsplit(url).netloc)
        try:
            for missing in ("handbook/no/such/page/", "handbook/en/phone/no-such-page/"):
                response = page.goto(url + missing, wait_until="load")
                assert response.status == 404
                page.wait_for_load_state("networkidle")
                assert _css_applied(page), f"/{missing}: the 404 page has no styles"
                homes = page.evaluate("() => [...document.querySelectorAll('article a')].map(a => new URL(a.href).pathname)")
                assert "/handbook/" in homes and "/handbook/en/" in homes, homes
            assets = [u for u in seen["requests"] if not u.endswith(("/no/such/page/", "/no-such-page/"))]
            assert assets and all(urlsplit(u).path.startswith("/handbook/") for u in assets), assets
            failed = [b for b in seen["bad"] if "no/such/page" not in b and "no-such-page" not in b
                      and "404 (File not found)" not in b and "404 (Not Found)" not in b]
            assert not failed, failed
        finally:
            context.close()
    finally:
        server.shutdown()
