"""Diagrams: every ```mermaid block becomes an inline SVG at build time, in every kind of build.

Why: pages show their diagrams without any script (no page loads Mermaid), `mkdocs serve` shows
what the full build shows, and the PDF books print the same drawings. The logic is in
hooks/handbook/diagrams.py (draw_page); this module hands it MkDocs' events.

Events: on_page_content (priority -50: after the hooks that rewrite page content, before the PDF
book takes each page's HTML at -150) replaces the page's Mermaid blocks with drawings from the
cache, drawing the misses in the build's one Chromium (hooks/handbook/chromium.py). With a warm
cache no browser starts. A diagram Mermaid cannot draw, or a missing Chromium, stops the build
with the page, the cause and the fix. Chromium closes at on_shutdown (or on a failed build);
during `mkdocs serve` it stays open between rebuilds, so an edited diagram redraws in a moment.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from handbook import diagrams
from handbook.disk_cache import cache_dir
from handbook.build import HANDBOOK

log = logging.getLogger("mkdocs.hooks.diagram_drawing")


@event_priority(-50)
def on_page_content(html_text, page, config, files):
    return diagrams.draw_page(html_text, page.file.src_uri, page.file.locale, HANDBOOK)


def on_post_build(config):
    count = HANDBOOK.build.diagrams
    if count.drawn or count.reused:
        log.info("diagrams: %d drawn (%.1f s), %d from the cache (%s)", count.drawn, count.seconds, count.reused,
                 cache_dir(HANDBOOK.build.settings.cache, "diagrams"))
    HANDBOOK.build.diagrams = type(count)()


def on_build_error(error):
    HANDBOOK.browser.stop()


def on_shutdown():
    HANDBOOK.browser.stop()
