"""Mermaid diagrams drawn to SVG at build time, cached, and written into the page's HTML.

Why: a page shows its diagrams with no script at all (Mermaid is 3.5 MB, about a second of a
phone's main thread), the drawing is the same in every kind of build (`mkdocs serve`, quick and
full builds), and the PDF books print exactly what the site shows.

How: each page's `<pre class="mermaid">` blocks (pymdownx.superfences' custom fence) are found
with Python's HTML parser; each diagram's text is looked up in a cache on disk, keyed by the text,
the Mermaid version and the drawing settings; the misses of a page are drawn in one call on one
Chromium page kept open for the whole build (hooks/handbook/chromium.py), with the vendored
Mermaid. Each block is replaced by `<figure class="hb-diagram">` holding the SVG, which has an
accessible name (`<title>`: the diagram's accTitle, else "Flowchart: <the heading above it>") and
a text alternative (`<desc>`: every step of the flowchart as "from → to").

Light and dark: the drawing's colours are Material's own Mermaid variables
(--md-mermaid-node-bg-color, ...), so the diagram follows the reader's colour scheme; the
fallbacks after them are a neutral print look for any page without Material's CSS.

The cache (disk_cache.py) lives outside the source tree: <the cache setting>/diagrams, else
~/.cache/handbook/diagrams. One JSON file per drawing, written atomically; deleting the folder is
always safe.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import subprocess
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .disk_cache import JsonCache, cache_dir
from .problems import HandbookError

log = logging.getLogger("mkdocs.hooks.diagrams")

ASSETS = Path(__file__).resolve().parent / "assets"
DRAW_SCRIPT = ASSETS / "draw-diagrams.js"
VENDORED = ASSETS / "vendor"  # mermaid-<version>.min.js: used at build time only, never shipped to readers
PLACEHOLDER_ID = "hb-diagram-drawing"  # the id Mermaid draws with; each page gives its own
# Bump when the cached record's fields change, or when drawings made before must not be reused:
# 2 = drawn with Liberation Sans present (earlier drawings may have measured a fallback font).
CACHE_FORMAT = 2

# Liberation Sans has Arial's metrics and every CJK face draws full-width glyphs, so labels keep
# the width they were measured with on a reader's machine that has Arial and any CJK font.
MEASURING_FONT = "Liberation Sans"  # FONT's first face; drawing without it fails (font_installed)
FONT = '"Liberation Sans", Arial, "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", "PingFang TC", sans-serif'

# Material's Mermaid colours (defined for both schemes), with a neutral print look as fallback.
THEME_CSS = """
.node rect, .node circle, .node ellipse, .node polygon, .node path {
  fill: var(--md-mermaid-node-bg-color, #eef0fa); stroke: var(--md-mermaid-node-fg-color, #3f51b5); }
.nodeLabel, .nodeLabel p, .label, .label text, .node text { fill: var(--md-mermaid-label-fg-color, #263238);
  color: var(--md-mermaid-label-fg-color, #263238); }
.edgePath .path, .flowchart-link { stroke: var(--md-mermaid-edge-color, #546e7a); }
marker, marker path, .arrowheadPath, .arrowMarkerPath { fill: var(--md-mermaid-edge-color, #546e7a) !important;
  stroke: var(--md-mermaid-edge-color, #546e7a) !important; }
.edgeLabel, .edgeLabel p, .edgeLabel rect, .labelBkg { background-color: var(--md-mermaid-label-bg-color, #fff);
  fill: var(--md-mermaid-label-bg-color, #fff); }
.edgeLabel text, .edgeLabel tspan { fill: var(--md-mermaid-edge-color, #37474f); }
text { font-family: FONT; }
""".replace("FONT", FONT)

SETTINGS = {
    "startOnLoad": False, "securityLevel": "strict", "theme": "neutral", "htmlLabels": False,
    "flowchart": {"htmlLabels": False, "useMaxWidth": True, "rankSpacing": 32, "nodeSpacing": 28,
                  "padding": 10, "wrappingWidth": 260},
    "fontFamily": FONT, "themeVariables": {"fontFamily": FONT, "fontSize": "16px"},
    "themeCSS": THEME_CSS,
}

TEXT = {
    "zh-TW": {"kind": "流程圖", "colon": "：", "step": "{a} → {b}", "labelled": "{a} →（{label}）{b}",
              "join": "；", "end": "。"},
    "en": {"kind": "Flowchart", "colon": ": ", "step": "{a} → {b}", "labelled": "{a} → ({label}) {b}",
           "join": "; ", "end": "."},
}


# --------------------------------------------------------------------------- cache


def mermaid_version(script: Path) -> str:
    """The version in the vendored file's name (mermaid-11.17.2.min.js -> 11.17.2)."""
    match = re.fullmatch(r"mermaid-(\d+(?:\.\d+)*)\.min\.js", script.name)
    if not match:
        raise ValueError(f"{script.name} does not name a Mermaid version (mermaid-<version>.min.js)")
    return match.group(1)


def vendored_mermaid() -> Path:
    """The one vendored Mermaid script (hooks/handbook/assets/vendor/mermaid-<version>.min.js)."""
    found = sorted(VENDORED.glob("mermaid-*.min.js"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one mermaid-<version>.min.js in {VENDORED}, found {len(found)}")
    return found[0]


def settings_fingerprint(settings: dict = SETTINGS, draw_script: str | None = None) -> str:
    """What else decides a drawing besides its text and Mermaid: the settings and the draw script."""
    script = DRAW_SCRIPT.read_text(encoding="utf-8") if draw_script is None else draw_script
    blob = json.dumps({"format": CACHE_FORMAT, "settings": settings, "script": script}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def font_installed(family: str, run=subprocess.run) -> bool:
    """Whether fontconfig, where Chromium on Linux finds its fonts, has `family`. Mermaid measures
    every label with the first face of FONT it finds: without MEASURING_FONT a drawing would
    silently take other widths, and the cache would keep them."""
    try:
        found = run(["fc-list", f":family={family}", "family"], capture_output=True, text=True, timeout=60)
    except FileNotFoundError:  # no fontconfig: no fonts for Chromium either
        return False
    return bool(found.stdout.strip())


def cache_key(text: str, version: str, fingerprint: str) -> str:
    """The cache key of one drawing: the diagram's text, the Mermaid version, the settings."""
    blob = json.dumps([version, fingerprint, text], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- the page's HTML


@dataclass
class Diagram:
    """One `<pre class="mermaid">` of a page: where it is, its Mermaid text, the heading above it."""

    start: int
    end: int
    text: str
    heading: str


PRE_END = re.compile(r"</\s*pre", re.I)  # how an end tag </pre> starts, as HTMLParser reads one


class _DiagramFinder(HTMLParser):
    """Finds `<pre class="mermaid">` elements (offsets into the source) and the last heading
    before each. Offsets let the page be edited by splicing: everything else stays byte for byte."""

    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.found: list[Diagram] = []
        self.heading = ""
        self._heading_parts: list[str] | None = None
        self._skip_depth = 0  # inside a permalink <a class="headerlink">
        self._diagram: tuple[int, list[str]] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "pre" and "mermaid" in classes and self._diagram is None:
            self._diagram = (self._offset(), [])
        elif tag in self.HEADINGS:
            self._heading_parts = []
        elif tag == "a" and "headerlink" in classes and self._heading_parts is not None:
            self._skip_depth += 1

    def handle_endtag(self, tag):
        if tag == "pre" and self._diagram is not None:
            start, parts = self._diagram
            end = self.source.index(">", self._offset()) + 1
            self.found.append(Diagram(start, end, "".join(parts), self.heading))
            self._diagram = None
        elif tag in self.HEADINGS and self._heading_parts is not None:
            self.heading = " ".join("".join(self._heading_parts).split())
            self._heading_parts = None
        elif tag == "a" and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data):
        if self._diagram is not None:
            self._diagram[1].append(data)
        elif self._heading_parts is not None and not self._skip_depth:
            self._heading_parts.append(data)


def find_diagrams(page_html: str) -> list[Diagram]:
    """Every Mermaid block of a page, in order. The text is what Mermaid would be given (the
    element's textContent)."""
    if 'class="mermaid"' not in page_html:  # most pages: no parse at all
        return []
    finder = _DiagramFinder(page_html)
    # A diagram ends at an end tag </pre>: after the last one nothing can add a diagram, so the
    # parse stops there (diagrams come early: a quarter of the page's HTML, not all of it).
    last = None
    for last in PRE_END.finditer(page_html):
        pass
    end = page_html.find(">", last.end()) if last else -1
    finder.feed(page_html[:end + 1] if end != -1 else page_html)
    finder.close()
    return finder.found


def text_alternative(drawing: dict, lang: str) -> str:
    """The diagram in words: the author's accDescr, else every step "from → to", else its labels."""
    words = TEXT.get(lang, TEXT["en"])
    if drawing.get("description"):
        return drawing["description"]
    steps = []
    for start, label, end in drawing.get("steps") or []:
        pattern = words["labelled"] if label else words["step"]
        steps.append(pattern.format(a=start, b=end, label=label))
    if steps:
        return words["join"].join(steps) + words["end"]
    labels = re.sub(r"<style\b.*?</style>", " ", drawing.get("svg", ""), flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", labels).split()))


def accessible_name(drawing: dict, lang: str, heading: str) -> str:
    """The diagram's name: the author's accTitle, else "Flowchart: <heading above it>"."""
    if drawing.get("title"):
        return drawing["title"]
    words = TEXT.get(lang, TEXT["en"])
    return f"{words['kind']}{words['colon']}{heading}" if heading else words["kind"]


def figure(drawing: dict, element_id: str, lang: str, heading: str) -> str:
    """The `<figure>` that replaces a Mermaid block: the SVG under its own id, as one image whose
    name is its <title> and whose description is its <desc> (screen readers read those, not the
    scattered labels). Mermaid's role and "flowchart-v2" role description are replaced."""
    svg = drawing["svg"].replace(PLACEHOLDER_ID, element_id)
    opening = re.match(r"<svg\b[^>]*>", svg)
    if not opening:
        raise ValueError("the drawing does not start with <svg>")
    tag = re.sub(r'\s(?:role|aria-roledescription|aria-labelledby|aria-describedby)="[^"]*"', "", opening.group(0))
    tag = tag[:-1] + f' role="img" aria-labelledby="{element_id}-title" aria-describedby="{element_id}-desc">'
    # Mermaid writes an empty <title>/<desc> only for accTitle/accDescr; the build's own come first.
    body = re.sub(r'<(title|desc)\b[^>]*>.*?</\1>', "", svg[opening.end():], flags=re.S)
    name = html.escape(accessible_name(drawing, lang, heading))
    description = html.escape(text_alternative(drawing, lang))
    return (f'<figure class="hb-diagram" style="display:block;width:auto;margin:1em 0;text-align:center">{tag}'
            f'<title id="{element_id}-title">{name}</title><desc id="{element_id}-desc">{description}</desc>'
            f"{body}</figure>")


def replace_diagrams(page_html: str, diagrams: list[Diagram], drawings: list[dict], keys: list[str], lang: str) -> str:
    """The page with each Mermaid block replaced by its drawing (spliced: the rest is unchanged).

    Each drawing's id comes from its cache key: the same in every build and page, so the PDF book,
    which puts every page in one document, rarely needs to rename one. The same diagram twice on a
    page gets -2, -3."""
    parts, position, seen = [], 0, {}
    for diagram, drawing, key in zip(diagrams, drawings, keys):
        base = f"hb-diagram-{key[:10]}"
        seen[base] = seen.get(base, 0) + 1
        element_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        parts.append(page_html[position:diagram.start])
        parts.append(figure(drawing, element_id, lang, diagram.heading))
        position = diagram.end
    parts.append(page_html[position:])
    return "".join(parts)


# --------------------------------------------------------------------------- drawing


class DiagramDrawer:
    """Draws on one Chromium page for the whole build: Mermaid is loaded once, then each page's
    missing drawings are drawn in one call. The page belongs to the browser it was opened in:
    once that browser is closed (a failed build during `mkdocs serve`) and another started, the
    next drawing opens a new page in the new one."""

    def __init__(self, browser):
        self.browser = browser
        self.page = None

    def draw(self, texts: list[str], mermaid_script: Path) -> list[dict]:
        """One result per text: {svg, title, description, steps} or {error}."""
        script = DRAW_SCRIPT.read_text(encoding="utf-8")

        async def work(chromium):
            if self.page is None or self.page.context.browser is not chromium:
                context = await chromium.new_context()
                page = await context.new_page()
                await page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
                await page.add_script_tag(path=str(mermaid_script))
                self.page = page
            return await self.page.evaluate(script, {"texts": texts, "id": PLACEHOLDER_ID, "settings": SETTINGS})

        return self.browser.run(work, purpose="diagrams: drawing the Mermaid diagrams at build time needs Chromium")


# --------------------------------------------------------------------------- one page of a build


def _tools(handbook) -> dict:
    """The vendored Mermaid (script, version, settings fingerprint) and the drawing cache of the
    build's cache setting: looked up once per process, on the first page that has a diagram (a
    build without diagrams never looks), not again for every page."""
    tools = handbook.diagram_tools
    if "mermaid" not in tools:
        try:
            script = vendored_mermaid()
            version = mermaid_version(script)
        except (FileNotFoundError, ValueError) as exc:
            raise HandbookError(f"diagrams: {exc}\n    Fix: keep exactly one hooks/handbook/assets/vendor/"
                                "mermaid-<version>.min.js (npm pack mermaid@11: package/dist/mermaid.min.js)") from exc
        tools["mermaid"] = (script, version, settings_fingerprint())
    folder = cache_dir(handbook.build.settings.cache, "diagrams")
    if getattr(tools.get("cache"), "folder", None) != folder:
        tools["cache"] = JsonCache(folder)
    return tools


def draw_page(page_html: str, src_uri: str, lang: str, handbook) -> str:
    """The page's HTML with every Mermaid block drawn (from the cache, or in the build's Chromium:
    handbook.browser); the build's `diagrams` count how many were drawn and reused."""
    found = find_diagrams(page_html)
    if not found:
        return page_html
    tools = _tools(handbook)
    (script, version, fingerprint), cache, count = tools["mermaid"], tools["cache"], handbook.build.diagrams
    keys = [cache_key(d.text, version, fingerprint) for d in found]
    missing = {key: d.text for key, d in zip(keys, found) if cache.get(key) is None}  # each distinct one once
    if missing:
        if "drawer" not in tools:
            if not font_installed(MEASURING_FONT):
                raise HandbookError(
                    f"diagrams: the font {MEASURING_FONT} is not installed, and Mermaid measures every label"
                    " with it\n    Fix: install the Debian package fonts-liberation (bash .ci/setup does)")
            tools["drawer"] = DiagramDrawer(handbook.browser)
        handbook.browser.executable = handbook.build.settings.chromium
        started = time.monotonic()
        results = tools["drawer"].draw(list(missing.values()), script)
        count.seconds += time.monotonic() - started
        for key, result in zip(missing, results):
            if "error" in result:
                raise HandbookError(
                    f"diagrams: {src_uri}, diagram {keys.index(key) + 1}: Mermaid cannot draw it: {result['error']}\n"
                    "    Fix: correct the diagram's Mermaid syntax (https://mermaid.js.org/syntax/flowchart.html)")
            cache.put(key, {**result, "mermaid": version})
        count.drawn += len(missing)
    count.reused += len(keys) - len(missing)
    return replace_diagrams(page_html, found, [cache.get(k) for k in keys], keys, lang)
