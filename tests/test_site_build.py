"""Checks on the built site (the session's real strict build, `site` fixture): both languages,
their metadata and navigation, readable anchors, no CDN or external resource, Mermaid only where
it is needed, one search index per language with segmented Chinese, the language switcher, the
phrase tables, the glossary tooltips, and a build log without warnings.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, data_file, i18n_settings, load_yaml, mkdocs_settings


PAGES_ONLY = True  # reads pages, not the PDFs: the quick build (conftest `site`)

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LANGS = ("zh-TW", "en")
PREFIX = {"zh-TW": "", "en": "en/"}
SITE_NAME = {"zh-TW": "國外業務溝通手冊", "en": "Sales Communication Handbook"}
# Hosts of the usual CDNs and web-font services: none may appear in what the site loads.
CDN = re.compile(r"unpkg\.com|jsdelivr|googleapis|gstatic|cdnjs|cloudflare|bootstrapcdn|fontawesome\.com/kit|typekit",
                 re.I)
ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)


# --------------------------------------------------------------------------- a small HTML tree


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if cls and cls not in (node.attrs.get("class") or "").split():
                continue
            if any(node.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            yield node

    def find(self, *args, **kwargs):
        return next(self.find_all(*args, **kwargs), None)

    def text(self) -> str:
        out = []
        for child in self.children:
            out.append(child.text() if isinstance(child, Node) else child)
        return "".join(out)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# --------------------------------------------------------------------------- the project's nav


def nav_entries(items=None, section=None):
    """(section title or None, 'phone/incoming-calls.md') for every page in the nav, in order."""
    if items is None:
        items = mkdocs_settings()["nav"]
    for item in items:
        if isinstance(item, str):
            yield section, item
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield section, value
                else:
                    yield from nav_entries(value, title)


def page_url(md: str) -> str:
    """'phone/incoming-calls.md' -> 'phone/incoming-calls/', 'customers/index.md' -> 'customers/'."""
    base = md[: -len(".md")]
    if base == "index":
        return ""
    if base.endswith("/index"):
        return base[: -len("index")]
    return base + "/"


def section_titles() -> list[str]:
    return [t for item in mkdocs_settings()["nav"] if isinstance(item, dict) for t, v in item.items() if not isinstance(v, str)]


def nav_translations() -> dict[str, str]:
    en = next(l for l in i18n_settings(mkdocs_settings())["languages"] if l["locale"] == "en")
    return en["nav_translations"]


NAV = [page_url(md) for _, md in nav_entries()]


def source_of(url: str, lang: str) -> Path:
    md = next(md for _, md in nav_entries() if page_url(md) == url)
    return ROOT / "docs" / (md[: -len(".md")] + f".{lang}.md")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"\A---\n(.*?\n)---\n", text, re.S)
    return load_yaml(match.group(1)) if match else {}


# --------------------------------------------------------------------------- fixtures


class Built:
    def __init__(self, site: Path):
        self.site = site
        self._cache: dict = {}

    def path(self, lang: str, url: str) -> Path:
        return self.site / PREFIX[lang] / url / "index.html"

    def html(self, lang: str, url: str) -> str:
        key = ("html", lang, url)
        if key not in self._cache:
            self._cache[key] = self.path(lang, url).read_text(encoding="utf-8")
        return self._cache[key]

    def tree(self, lang: str, url: str) -> Node:
        return self.tree_of(self.path(lang, url))

    def tree_of(self, path: Path) -> Node:
        """Any HTML file of the site, parsed once for all the tests of the module."""
        key = ("tree", path)
        if key not in self._cache:
            self._cache[key] = parse(path.read_text(encoding="utf-8"))
        return self._cache[key]

    def all_pages(self):
        for lang in LANGS:
            for url in NAV:
                yield lang, url


@pytest.fixture(scope="module")
def built(site) -> Built:
    return Built(site)


def article(tree: Node) -> Node:
    node = tree.find("article", cls="md-content__inner")
    assert node is not None, "no <article class=md-content__inner> in the page"
    return node


# --------------------------------------------------------------------------- pages and languages


def test_nav_is_not_empty():
    assert len(NAV) >= 20, NAV
    assert len(set(NAV)) == len(NAV), "a page is listed twice in the nav"


@pytest.mark.parametrize("lang", LANGS)
def test_every_nav_page_exists_in_both_languages(built, lang):
    missing = [PREFIX[lang] + url for url in NAV if not built.path(lang, url).is_file()]
    assert not missing, f"pages missing from the {lang} site: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_attribute(built, lang):
    wrong = {}
    for url in NAV:
        html_tag = built.tree(lang, url).find("html")
        if html_tag is None or html_tag.attrs.get("lang") != lang:
            wrong[PREFIX[lang] + url] = html_tag.attrs.get("lang") if html_tag else None
    assert not wrong, f"<html lang> is not {lang!r} on: {wrong}"


@pytest.mark.parametrize("lang", LANGS)
def test_meta_description_is_the_pages_own_in_its_language(built, lang):
    problems = []
    for url in NAV:
        metas = list(built.tree(lang, url).find_all("meta", name="description"))
        if len(metas) != 1:
            problems.append(f"{PREFIX[lang]}{url}: {len(metas)} meta descriptions")
            continue
        content = metas[0].attrs.get("content", "").strip()
        expected = str(front_matter(source_of(url, lang)).get("description", "")).strip()
        if not content:
            problems.append(f"{PREFIX[lang]}{url}: empty meta description")
        elif " ".join(content.split()) != " ".join(expected.split()):
            problems.append(f"{PREFIX[lang]}{url}: meta description {content!r} is not the page's own {expected!r}")
        if lang == "zh-TW" and not HAN.search(content):
            problems.append(f"{url}: the zh-TW description has no Chinese: {content!r}")
        if lang == "en" and HAN.search(content):
            problems.append(f"en/{url}: the English description contains Chinese: {content!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_titles_are_in_the_pages_language(built, lang):
    problems = []
    for url in NAV:
        tree = built.tree(lang, url)
        title = " ".join(tree.find("title").text().split())
        h1 = article(tree).find("h1")
        h1_text = " ".join(h1.text().replace("¶", "").split()) if h1 is not None else ""
        if not title.endswith(SITE_NAME[lang]):
            problems.append(f"{PREFIX[lang]}{url}: <title> {title!r} does not end with {SITE_NAME[lang]!r}")
        if not h1_text:
            problems.append(f"{PREFIX[lang]}{url}: no H1")
        if lang == "en" and (HAN.search(title) or HAN.search(h1_text)):
            problems.append(f"en/{url}: Chinese in the English title or H1: {title!r} / {h1_text!r}")
        if lang == "zh-TW" and not (HAN.search(title) and HAN.search(h1_text)):
            problems.append(f"{url}: the zh-TW title or H1 has no Chinese: {title!r} / {h1_text!r}")
    assert not problems, "\n".join(problems)


def primary_nav_text(tree: Node) -> str:
    nav = tree.find("nav", cls="md-nav--primary")
    assert nav is not None, "no primary navigation"
    return " ".join(nav.text().split())


def test_english_nav_shows_english_section_names(built):
    translations = nav_translations()
    sections = section_titles()
    untranslated = [s for s in sections if s not in translations]
    assert not untranslated, f"nav sections without an English name in nav_translations: {untranslated}"
    for url in NAV:
        text = primary_nav_text(built.tree("en", url))
        missing = [translations[s] for s in sections if translations[s] not in text]
        assert not missing, f"en/{url}: English section names missing from the nav: {missing}"
        chinese = HAN.findall(text)
        assert not chinese, f"en/{url}: Chinese in the English nav: {''.join(chinese)!r} in {text[:300]!r}"


def test_chinese_nav_shows_chinese_section_names(built):
    translations = nav_translations()
    for url in NAV:
        text = primary_nav_text(built.tree("zh-TW", url))
        missing = [s for s in section_titles() if s not in text]
        assert not missing, f"{url}: Chinese section names missing from the nav: {missing}"
        leaked = [v for v in translations.values() if v in text]
        assert not leaked, f"{url}: English section names in the Chinese nav: {leaked}"


def test_english_pages_mark_every_piece_of_chinese_with_lang(built):
    """On the English site, Chinese text only appears inside an element marked lang="zh-…"
    (phrase columns, glossary), so screen readers and fonts treat it as Chinese."""
    problems = []
    for url in NAV:
        body = article(built.tree("en", url))

        def walk(node, marked):
            marked = marked or node.attrs.get("lang", "").startswith("zh")
            for child in node.children:
                if isinstance(child, Node):
                    if child.tag not in ("script", "style"):
                        walk(child, marked)
                elif not marked and HAN.search(child):
                    problems.append(f"en/{url}: unmarked Chinese {child.strip()[:60]!r} in <{node.tag}>")

        walk(body, False)
    assert not problems, "\n".join(problems[:40])


# --------------------------------------------------------------------------- anchors


READABLE_ASCII_ID = re.compile(r"^(?:tag:)?(?=(?:[0-9-]*[a-z]){3})[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_chinese_heading_anchors_are_readable(built):
    """pymdownx's slugify keeps Chinese in anchors (Python-Markdown's default makes them #_1, #_2).
    An id written explicitly in English ({#technique-01}) is readable too; `_1` never is."""
    problems, checked, chinese_ids = [], 0, 0
    for lang, url in built.all_pages():
        for level in range(1, 7):
            for heading in article(built.tree(lang, url)).find_all(f"h{level}"):
                anchor = heading.attrs.get("id")
                if not anchor:
                    continue
                checked += 1
                text = heading.text().replace("¶", "").strip()
                if HAN.search(anchor):
                    chinese_ids += 1
                    if lang == "en":
                        problems.append(f"en/{url}: English heading {text!r} has a Chinese anchor #{anchor}")
                elif not READABLE_ASCII_ID.match(anchor):
                    problems.append(f"{PREFIX[lang]}{url}: heading {text!r} has an unreadable anchor #{anchor}")
    assert checked > 100, f"only {checked} heading anchors found"
    assert chinese_ids > 50, f"only {chinese_ids} Chinese anchors: is toc's slugify pymdownx.slugs.slugify?"
    assert not problems, "\n".join(problems)


def test_chinese_heading_without_explicit_id_gets_a_chinese_anchor(built):
    source = source_of("phone/incoming-calls/", "zh-TW").read_text(encoding="utf-8")
    headings = [h for h in re.findall(r"^#{2,6} (.+)$", source, re.M) if "{#" not in h]
    assert headings
    ids = [h.attrs.get("id") for lvl in range(2, 7) for h in article(built.tree("zh-TW", "phone/incoming-calls/")).find_all(f"h{lvl}")]
    for text in headings:
        assert any(i and HAN.search(i) and HAN.findall(text)[0] in i for i in ids), f"{text!r}: no Chinese anchor in {ids}"


def test_permalinks_point_at_their_heading(built):
    for url in ("phone/incoming-calls/", "quoting/lead-times/"):
        for heading in article(built.tree("zh-TW", url)).find_all("h2"):
            link = heading.find("a", cls="headerlink")
            assert link is not None, f"{url}: no permalink on {heading.text()!r}"
            assert unquote(link.attrs["href"]) == "#" + heading.attrs["id"]


# --------------------------------------------------------------------------- offline: nothing external


def site_files(site: Path, *suffixes):
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in suffixes:
            yield path


def rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


# Attributes that make a browser fetch something.
RESOURCE_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",), "object": ("data",),
    "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)


def _css_references(css: str):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for match in CSS_URL.finditer(css):
        yield (match.group(2) if match.group(2) is not None else match.group(4)).strip()


def test_no_external_resource_in_html(built, site):
    """Every <script src>, <link href>, image, inline style url() or @import is local."""
    problems = []
    for path in site_files(site, ".html"):
        tree = built.tree_of(path)
        for node in tree.iter():
            refs = []
            if node.tag == "link":
                rels = (node.attrs.get("rel") or "").lower().split()
                href = node.attrs.get("href", "")
                if "canonical" in rels:
                    # site_url feeds only the canonical link (mkdocs.yml); it is the site itself.
                    if ABSOLUTE.match(href) and urlsplit(href).hostname not in ("127.0.0.1", "localhost"):
                        problems.append(f"{rel(site, path)}: canonical link to another host: {href}")
                    continue
                refs.append(href)
            for attr in RESOURCE_ATTRS.get(node.tag, ()):
                if attr in node.attrs:
                    refs.extend(part.strip().split(" ")[0] for part in node.attrs[attr].split(","))
            if "style" in node.attrs:
                refs.extend(_css_references(node.attrs["style"]))
            if node.tag == "style":
                refs.extend(_css_references(node.text()))
            for ref in refs:
                if ABSOLUTE.match(ref):
                    problems.append(f"{rel(site, path)}: <{node.tag}> loads {ref}")
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_no_link_to_any_external_host(built, site):
    """Offline handbook: no <a href> leads to the internet (it would be a dead link on the
    intranet, and a CDN or font host must never appear at all)."""
    problems = []
    for path in site_files(site, ".html"):
        for node in built.tree_of(path).find_all("a"):
            href = node.attrs.get("href", "")
            if ABSOLUTE.match(href) and urlsplit(href).hostname not in ("127.0.0.1", "localhost"):
                problems.append(f"{rel(site, path)}: <a href={href!r}> ({' '.join(node.text().split())[:40]!r})")
    summary = sorted({p.split(": ", 1)[1] for p in problems})
    assert not problems, f"{len(problems)} external links, e.g. {problems[:3]}; distinct: {summary}"


def test_no_external_reference_in_css(site):
    problems = []
    for path in site_files(site, ".css"):
        for ref in _css_references(path.read_text(encoding="utf-8")):
            if ABSOLUTE.match(ref):
                problems.append(f"{rel(site, path)}: {ref}")
    assert not problems, "\n".join(problems)


# Material's bundle carries two fallbacks to unpkg that never run in this site: a ResizeObserver
# polyfill (every supported browser has ResizeObserver) and Mermaid, fetched only when no global
# `mermaid` exists (test_mermaid_is_defined_before_materials_bundle guarantees it does;
# test_browser's crawl proves that no request leaves 127.0.0.1).
MATERIAL_FALLBACKS = {
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
}


URL_IN_TEXT = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s\"'`)\\<>]*")


def test_no_cdn_in_any_file(site):
    problems = []
    # Source maps (.map) are read only by developer tools, never by the site: not checked.
    for path in site_files(site, ".html", ".css", ".js", ".json", ".xml", ".txt", ".svg"):
        name = rel(site, path)
        text = path.read_text(encoding="utf-8", errors="replace")
        allowed_spans = []
        for match in URL_IN_TEXT.finditer(text):
            if name.startswith("assets/javascripts/bundle.") and match.group(0) in MATERIAL_FALLBACKS:
                allowed_spans.append(match.span())
        for match in CDN.finditer(text):
            if any(a <= match.start() < b for a, b in allowed_spans):
                continue
            problems.append(f"{name}: ...{text[max(0, match.start() - 40):match.end() + 40]}...")
    assert not problems, "\n".join(sorted(set(problems)))


def test_no_google_fonts(built):
    for lang, url in built.all_pages():
        text = built.html(lang, url)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, f"{PREFIX[lang]}{url} loads Google Fonts"


def test_no_external_script_in_javascript(site):
    """Our own and Material's scripts never build a request to another host (besides the two
    documented, unreachable fallbacks)."""
    problems = []
    for path in site_files(site, ".js"):
        name = rel(site, path)
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"""(?:import\s*\(|importScripts\s*\(|\.src\s*=|fetch\s*\()\s*['"`](https?:)?//""", text):
            problems.append(f"{name}: {text[match.start():match.start() + 80]!r}")
        if name.startswith("assets/javascripts/bundle."):
            continue
        for match in re.finditer(r"""['"`]https?://(?!127\.0\.0\.1|localhost|www\.w3\.org)[^'"`\s]+""", text):
            problems.append(f"{name}: {match.group(0)[1:]}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- Mermaid


MERMAID_PATH = re.compile(r"""["']([^"']*vendor/mermaid[^"']*\.js)["']""")


def _mermaid_references(tree: Node) -> list[tuple[int, str]]:
    """(position among the page's scripts, path) of every reference to the vendored Mermaid:
    a <script src>, or a path in an inline script that loads it (lazily)."""
    refs = []
    for position, node in enumerate(tree.find_all("script")):
        if "src" in node.attrs:
            if "mermaid" in node.attrs["src"].lower():
                refs.append((position, node.attrs["src"]))
        else:
            refs.extend((position, path.replace("\\/", "/")) for path in MERMAID_PATH.findall(node.text()))
    return refs


def test_mermaid_script_only_where_there_is_a_diagram(built):
    """Diagrams are drawn at build time (hooks/diagram_drawing.py): no page references Mermaid at all,
    and every diagram page has its drawings inline."""
    with_diagram, problems = [], []
    for lang, url in built.all_pages():
        tree = built.tree(lang, url)
        if any(True for _ in tree.find_all(cls="hb-diagram")):
            with_diagram.append(PREFIX[lang] + url)
        if any(True for _ in tree.find_all(cls="mermaid")):
            problems.append(f"{PREFIX[lang]}{url}: a Mermaid block was left for the browser")
        loads = [path for _, path in _mermaid_references(tree)]
        if loads:
            problems.append(f"{PREFIX[lang]}{url}: references Mermaid: {loads}")
    assert not problems, "\n".join(problems)
    zh = [u for u in with_diagram if not u.startswith("en/")]
    assert zh, "no page has a diagram (expected at least phone/incoming-calls/)"
    assert sorted("en/" + u for u in zh) == sorted(u for u in with_diagram if u.startswith("en/")), \
        "diagrams differ between the languages"
    assert "phone/incoming-calls/" in zh


def test_mermaid_is_defined_before_materials_bundle(built):
    """Material loads Mermaid from unpkg unless a global `mermaid` exists when it looks for one:
    whatever provides it (the script, or a lazy stand-in) comes before Material's bundle."""
    for lang, url in built.all_pages():
        tree = built.tree(lang, url)
        refs = _mermaid_references(tree)
        if not refs:
            continue
        scripts = list(tree.find_all("script"))
        bundle = [i for i, n in enumerate(scripts) if re.search(r"(^|/)bundle\.[0-9a-f]+\.min\.js$", n.attrs.get("src", ""))]
        assert bundle and refs[0][0] < bundle[0], f"{PREFIX[lang]}{url}: Mermaid comes after Material's bundle"
        if not any("src" in scripts[i].attrs for i, _ in refs):
            assert "window.mermaid" in scripts[refs[0][0]].text(), \
                f"{PREFIX[lang]}{url}: the inline Mermaid loader defines no global mermaid"


def test_mermaid_is_used_at_build_time_only(site):
    """The vendored Mermaid draws the diagrams during the build; readers never download it."""
    vendored = list((ROOT / "hooks" / "handbook" / "assets" / "vendor").glob("mermaid-*.min.js"))
    assert len(vendored) == 1 and vendored[0].stat().st_size > 1_000_000, vendored
    shipped = [p.relative_to(site).as_posix() for p in site.rglob("*mermaid*")]
    assert not shipped, f"the site ships Mermaid files nobody loads: {shipped}"


# --------------------------------------------------------------------------- search index


def _index(site: Path, lang: str) -> dict:
    return json.loads((site / PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_holds_exactly_its_languages_pages(site, lang):
    index = _index(site, lang)
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert locations == set(NAV), (
        f"{PREFIX[lang]}search/search_index.json: pages not in the nav {sorted(locations - set(NAV))}, "
        f"nav pages missing {sorted(set(NAV) - locations)}")
    assert not any(doc["location"].startswith("en/") for doc in index["docs"]), "locations into /en/ in an index"
    pages = [doc for doc in index["docs"] if "#" not in doc["location"]]
    assert len(pages) == len(NAV)
    for doc in pages:
        if lang == "en":
            assert not HAN.search(doc["title"]), f"Chinese page title in the English index: {doc}"
        else:
            assert HAN.search(doc["title"].replace("\u200b", "")), f"non-Chinese page title in the zh-TW index: {doc}"


def test_search_indexes_match_the_pages_titles(built, site):
    for lang in LANGS:
        titles = {doc["location"]: doc["title"].replace("\u200b", "") for doc in _index(site, lang)["docs"]
                  if "#" not in doc["location"]}
        for url in NAV:
            h1 = article(built.tree(lang, url)).find("h1")
            expected = " ".join(h1.text().replace("¶", "").split())
            assert " ".join(titles[url].split()) == expected, f"{PREFIX[lang]}{url}: index title {titles[url]!r} vs H1"


def test_english_index_is_not_the_combined_one(site):
    zh, en = _index(site, "zh-TW"), _index(site, "en")
    zh_text = {doc["location"]: doc["text"] for doc in zh["docs"]}
    same = [loc for loc, text in ((d["location"], d["text"]) for d in en["docs"]) if zh_text.get(loc) == text and text]
    assert not same, f"identical entries in both indexes: {same[:5]}"


def _tokens(index: dict) -> set[str]:
    separator = re.compile(index["config"]["separator"])
    tokens = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
        tokens.update(t for t in separator.split(html.unescape(text)) if t)
    return tokens


def test_chinese_index_is_segmented_with_trade_terms_whole(site):
    index = _index(site, "zh-TW")
    assert re.compile(index["config"]["separator"]).search("\u200b"), "the zh-TW separator does not split on U+200B"
    assert "trimmer" not in index["config"].get("pipeline", []), "lunr's trimmer strips CJK tokens"
    assert any("\u200b" in doc["text"] for doc in index["docs"]), "no U+200B: Chinese text is not segmented"
    tokens = _tokens(index)
    for term in ("報價單", "交期", "樣品", "量產貨", "業務員", "語音信箱"):
        assert term in tokens, f"{term!r} is not a whole token of the zh-TW index"
    # A long sentence must not survive as one token.
    longest = max((t for t in tokens if HAN.search(t)), key=len)
    assert len(longest) <= 12, f"unsegmented Chinese in the index: {longest!r}"


def test_glossary_terms_are_whole_tokens(site):
    tokens = _tokens(_index(site, "zh-TW"))
    terms = data_file("glossary")["terms"]
    text = "".join(doc["text"] for doc in _index(site, "zh-TW")["docs"]).replace("\u200b", "")
    broken = [t["zh-TW"] for t in terms if HAN.search(t["zh-TW"]) and t["zh-TW"] in text and t["zh-TW"] not in tokens]
    assert not broken, f"glossary terms cut apart by the segmenter: {broken}"


# --------------------------------------------------------------------------- language switcher


def _switcher(tree: Node) -> dict[str, str]:
    links = {}
    for a in tree.find_all("a", cls="md-select__link"):
        links[a.attrs.get("hreflang")] = a.attrs.get("href")
    return links


def test_language_switcher_links_to_the_same_page_relatively(built):
    problems = []
    for lang, url in built.all_pages():
        links = _switcher(built.tree(lang, url))
        if set(links) != set(LANGS):
            problems.append(f"{PREFIX[lang]}{url}: switcher languages {sorted(links)}")
            continue
        here = "http://host/sub/" + PREFIX[lang] + url
        for other, href in links.items():
            if ABSOLUTE.match(href) or href.startswith("/"):
                problems.append(f"{PREFIX[lang]}{url}: switcher link {href!r} is not relative")
                continue
            landed = urljoin(here, href)
            expected = "http://host/sub/" + PREFIX[other] + url
            if landed != expected:
                problems.append(f"{PREFIX[lang]}{url}: {other} link {href!r} lands on {landed}, not {expected}")
    assert not problems, "\n".join(problems)


def test_language_switcher_marks_the_current_language(built):
    for lang in LANGS:
        tree = built.tree(lang, "phone/incoming-calls/")
        current = [a.attrs.get("hreflang") for a in tree.find_all("a", cls="md-select__link") if "aria-current" in a.attrs]
        assert current == [lang]


def test_head_alternates_point_at_language_homes_that_have_a_sitemap(built):
    """Material fetches sitemap.xml next to every <link rel=alternate>; each must exist."""
    for lang, url in built.all_pages():
        here = "/" + PREFIX[lang] + url
        for link in built.tree(lang, url).find_all("link", rel="alternate"):
            if link.attrs.get("type"):
                continue
            target = urljoin("http://h" + here, link.attrs["href"])
            sitemap = urlsplit(urljoin(target, "sitemap.xml")).path.lstrip("/")
            assert (built.site / sitemap).is_file(), f"{here}: alternate {link.attrs['href']} has no {sitemap}"


def test_404_page_speaks_both_languages(site):
    tree = parse((site / "404.html").read_text(encoding="utf-8"))
    main = article(tree)
    langs = {n.attrs.get("lang") for n in main.find_all(lang="zh-TW")} | {n.attrs.get("lang") for n in main.find_all(lang="en")}
    assert langs == {"zh-TW", "en"}, "the 404 page should address readers of both languages"
    links = {a.attrs.get("href") for a in tree.find_all("a", cls="md-select__link")}
    assert links == {"/", "/en/"}, f"404 switcher links: {links}"


# --------------------------------------------------------------------------- phrase tables and glossary


@pytest.mark.parametrize("lang", LANGS)
def test_phrase_tables_put_the_pages_language_first(built, lang):
    other = [l for l in LANGS if l != lang][0]
    tables = 0
    for url in NAV:
        for table in built.tree(lang, url).find_all("table", cls="hb-phrase-table"):
            tables += 1
            for row in table.find("tbody").find_all("tr"):
                cells = list(row.find_all("td"))
                assert len(cells) >= 2, f"{PREFIX[lang]}{url}: a phrase row with {len(cells)} cells"
                assert [c.attrs.get("lang") for c in cells[:2]] == [lang, other], \
                    f"{PREFIX[lang]}{url}: row {row.attrs.get('id')} columns {[c.attrs.get('lang') for c in cells]}"
                phrase_cells = [c for c in cells if re.search(r"\bhb-phrase-(?!situation)", c.attrs.get("class", ""))]
                assert len(phrase_cells) >= 2, f"{PREFIX[lang]}{url}: row {row.attrs.get('id')} has no phrase cells"
                missing = [c.attrs.get("class") for c in phrase_cells if not c.attrs.get("lang")]
                assert not missing, f"{PREFIX[lang]}{url}: cells without lang in row {row.attrs.get('id')}"
                zh_cell = cells[0] if lang == "zh-TW" else cells[1]
                en_cell = cells[1] if lang == "zh-TW" else cells[0]
                assert HAN.search(zh_cell.text()), f"{row.attrs.get('id')}: the zh-TW cell has no Chinese"
                assert not HAN.search(en_cell.text()), f"{row.attrs.get('id')}: Chinese in the English cell"
            headers = [" ".join(th.text().split()) for th in table.find("thead").find_all("th")]
            if lang == "en":
                assert headers[:2] == ["English", "Chinese"], headers
                assert not any(HAN.search(h) for h in headers)
            else:
                assert headers[:2] == ["中文", "英文"], headers
    assert tables >= 10, f"only {tables} phrase tables on the {lang} site"


def test_inline_phrases_on_chinese_pages_carry_their_chinese(built):
    found = 0
    for url in NAV:
        for q in built.tree("zh-TW", url).find_all("q", cls="hb-phrase-inline"):
            found += 1
            assert q.attrs.get("lang") == "en"
            siblings = q.parent.children
            after = siblings[siblings.index(q) + 1:]
            gloss = next((n for n in after if isinstance(n, Node)), None)
            assert gloss is not None and "hb-phrase-gloss" in gloss.attrs.get("class", "") and HAN.search(gloss.text()), \
                f"{url}: inline phrase {q.text()!r} without its Chinese"
    assert found, "no inline phrase on any zh-TW page (channels/email-first uses one): the marker is not rendered"


def _glossary():
    return data_file("glossary")["terms"]


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_are_tooltips(built, lang):
    other = [l for l in LANGS if l != lang][0]
    terms = _glossary()
    by_word = {}
    for term in terms:
        for word in [term[lang], *((term.get("aliases") or {}).get(lang) or [])]:
            by_word[str(word).lower()] = term
    seen: dict[str, int] = {}
    for url in NAV:
        for abbr in article(built.tree(lang, url)).find_all("abbr"):
            title = abbr.attrs.get("title", "")
            word = abbr.text().strip().lower()
            term = by_word.get(word) or by_word.get(re.sub(r"e?s$", "", word))
            assert term is not None, f"{PREFIX[lang]}{url}: <abbr>{word}</abbr> is no glossary term"
            assert title.startswith(str(term[other])), f"{PREFIX[lang]}{url}: tooltip {title!r} lacks {term[other]!r}"
            assert term["definition"][lang].strip()[:10] in title, f"{PREFIX[lang]}{url}: tooltip without definition"
            seen[term["id"]] = seen.get(term["id"], 0) + 1
    for core in ("quotation", "lead-time", "sample"):
        assert seen.get(core), f"the term {core!r} is never shown as a tooltip on the {lang} site"
    assert len(seen) >= len(terms) // 2, f"only {len(seen)} of {len(terms)} terms appear as tooltips on the {lang} site"


def test_glossary_page_lists_every_term(built):
    terms = _glossary()
    for lang in LANGS:
        table = built.tree(lang, "glossary/").find("table", cls="hb-glossary")
        assert table is not None
        rows = {tr.attrs.get("id") for tr in table.find("tbody").find_all("tr")}
        assert rows == {f"term-{t['id']}" for t in terms}


def test_no_tooltips_inside_headings_links_or_phrase_tables(built):
    for lang, url in built.all_pages():
        for abbr in article(built.tree(lang, url)).find_all("abbr"):
            bad = [a.tag for a in abbr.ancestors() if a.tag in ("a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre")
                   or (a.tag == "table" and "hb-" in a.attrs.get("class", ""))]
            assert not bad, f"{PREFIX[lang]}{url}: tooltip {abbr.text()!r} inside <{bad[0]}>"


# --------------------------------------------------------------------------- checklists, downloads


def test_checklist_items_are_labelled_and_keyed(built):
    found = 0
    for lang, url in built.all_pages():
        for item in built.tree(lang, url).find_all("li", cls="task-list-item"):
            found += 1
            box = item.find("input", type="checkbox")
            assert item.attrs.get("data-check-id"), f"{PREFIX[lang]}{url}: checklist item without data-check-id"
            assert box is not None and box.attrs.get("aria-label", "").strip(), f"{PREFIX[lang]}{url}: unlabelled box"
            assert "disabled" not in box.attrs, f"{PREFIX[lang]}{url}: disabled checkbox"
    assert found >= 10


def test_checklist_ids_are_the_same_in_both_languages(built):
    for url in NAV:
        ids = [[i.attrs.get("data-check-id") for i in built.tree(lang, url).find_all("li", cls="task-list-item")]
               for lang in LANGS]
        assert ids[0] == ids[1], f"{url}: checklist ids differ between languages: {ids}"


def test_phrasebook_downloads_exist(site):
    csv = (site / "downloads" / "phrasebook.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf"), "the CSV has no BOM (Excel would garble the Chinese)"
    assert "報價".encode() in csv
    anki = (site / "downloads" / "phrasebook-anki.txt").read_text(encoding="utf-8")
    assert anki.startswith("#separator:tab")


# --------------------------------------------------------------------------- the build log


def test_build_log_has_no_warning(site):
    log = (site / ".build-log.txt").read_text(encoding="utf-8")
    warnings = [line for line in log.splitlines() if "WARNING" in line or "DeprecationWarning" in line]
    assert not warnings, "\n".join(warnings)
