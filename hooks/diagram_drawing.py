"""Diagrams: every ```mermaid block becomes an inline SVG at build time, in every kind of build.

Why: pages show their diagrams without any script (no page loads Mermaid), `mkdocs serve` shows
what the full build shows, and the PDF books print the same drawings. The logic is in
hooks/handbook/diagrams.py; this module connects it to MkDocs.

Events: on_page_content (priority -50: after the hooks that rewrite page content, before the PDF
book takes each page's HTML at -150) replaces the page's Mermaid blocks with drawings from the
cache, drawing the misses in the build's one Chromium (hooks/handbook/chromium.py). With a warm
cache no browser starts. A diagram Mermaid cannot draw, or a missing Chromium, stops the build
with the page, the cause and the fix. Chromium closes at on_shutdown (or on a failed build);
during `mkdocs serve` it stays open between rebuilds, so an edited diagram redraws in a moment.
"""

from __future__ import annotations

import logging
import time

from mkdocs.plugins import event_priority

from handbook import diagrams
from handbook.build import HANDBOOK
from handbook.problems import HandbookError

log = logging.getLogger("mkdocs.hooks.diagram_drawing")


def _mermaid() -> tuple:
    """The vendored Mermaid script, its version and the settings fingerprint, and the drawing
    cache: looked up once per process, on the first page that has a diagram (a build without
    diagrams never looks), not again for every page."""
    tools = HANDBOOK.diagram_tools
    if "mermaid" not in tools:
        try:
            script = diagrams.vendored_mermaid()
            version = diagrams.mermaid_version(script)
        except (FileNotFoundError, ValueError) as exc:
            raise HandbookError(f"diagrams: {exc}\n    Fix: keep exactly one hooks/handbook/assets/vendor/mermaid-<version>.min.js (npm pack mermaid@11: package/dist/mermaid.min.js)") from exc
        tools["mermaid"] = (script, version, diagrams.settings_fingerprint())
    folder = diagrams.cache_dir(HANDBOOK.build.settings.cache)
    if getattr(tools.get("cache"), "folder", None) != folder:
        tools["cache"] = diagrams.DrawingCache(folder)
    return tools["mermaid"]


@event_priority(-50)
def on_page_content(html_text, page, config, files):
    found = diagrams.find_diagrams(html_text)
    if not found:
        return html_text
    script, version, fingerprint = _mermaid()
    cache = HANDBOOK.diagram_tools["cache"]
    count = HANDBOOK.build.diagrams
    keys = [diagrams.cache_key(d.text, version, fingerprint) for d in found]
    missing = {key: d.text for key, d in zip(keys, found) if cache.get(key) is None}  # each distinct one once
    if missing:
        if "drawer" not in HANDBOOK.diagram_tools:
            if not diagrams.font_installed(diagrams.MEASURING_FONT):
                raise HandbookError(
                    f"diagrams: the font {diagrams.MEASURING_FONT} is not installed, and Mermaid measures every label"
                    " with it\n    Fix: install the Debian package fonts-liberation (bash .ci/setup does)")
            HANDBOOK.diagram_tools["drawer"] = diagrams.DiagramDrawer(HANDBOOK.browser)
        HANDBOOK.browser.executable = HANDBOOK.build.settings.chromium
        started = time.monotonic()
        results = HANDBOOK.diagram_tools["drawer"].draw(list(missing.values()), script)
        count.seconds += time.monotonic() - started
        for key, result in zip(missing, results):
            if "error" in result:
                number = keys.index(key) + 1
                raise HandbookError(
                    f"diagrams: {page.file.src_uri}, diagram {number}: Mermaid cannot draw it: {result['error']}\n"
                    "    Fix: correct the diagram's Mermaid syntax (https://mermaid.js.org/syntax/flowchart.html)")
            cache.put(key, {**result, "mermaid": version})
        count.drawn += len(missing)
    count.reused += len(keys) - len(missing)
    return diagrams.replace_diagrams(html_text, found, [cache.get(k) for k in keys], keys, page.file.locale)


def on_post_build(config):
    count = HANDBOOK.build.diagrams
    if count.drawn or count.reused:
        log.info("diagrams: %d drawn (%.1f s), %d from the cache (%s)", count.drawn, count.seconds, count.reused,
                 diagrams.cache_dir(HANDBOOK.build.settings.cache))
    HANDBOOK.build.diagrams = type(count)()


def on_build_error(error):
    HANDBOOK.browser.stop()


def on_shutdown():
    HANDBOOK.browser.stop()
