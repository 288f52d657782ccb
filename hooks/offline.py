"""Offline, installable, What's new (hooks/handbook/offline.py does the work; README "Offline").

- on_pre_build (once, before MkDocs cleans site/): checks docs/_data/changes.yml against its
  schema and the docs tree; a problem fails the build naming file, line and fix.
- on_page_markdown: `<!-- handbook/whats-new -->` on the What's new pages becomes the list.
- on_post_page: the templates page gets a list of its templates at the top (for phones).
- on_post_build: after every language is built (and the downloads are written): each language's
  web app manifest, then the service worker with this build's precache list.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from handbook import offline
from handbook.build import BUILD
from handbook.problems import HandbookError, format_report
from handbook.sources import DEFAULT_LANGUAGE, LANGUAGES

log = logging.getLogger("mkdocs.hooks.offline")
MARKER = "<!-- handbook/whats-new -->"
_changes: list = []


def on_pre_build(config):
    global _changes
    if BUILD.outer():
        entries, problems = offline.check_changes(Path(config.docs_dir), tuple(LANGUAGES))
        if problems:
            raise HandbookError(format_report(problems))
        _changes = entries


def on_page_markdown(markdown, page, config, files):
    if MARKER in markdown:
        docs = Path(config.docs_dir)
        page_dir = page.file.src_uri.rpartition("/")[0]
        markdown = markdown.replace(MARKER, offline.whats_new_markdown(
            _changes, docs, page.file.locale, page_dir + "/" if page_dir else ""))
    return markdown


def on_post_page(output, page, config):
    """After search has read the page: the list repeats every template title, and would otherwise
    make the page's introduction outrank the templates themselves."""
    if page.file.src_uri.startswith("emails/index."):
        output = offline.template_list(output, page.toc, page.file.locale)
    return output


@event_priority(-300)  # after mkdocs-static-i18n (-100) built every language, the downloads (-200)
def on_post_build(config):
    """Once, at the end of the whole build: each language's manifest (from its i18n settings:
    `config` may still hold the last built language's), then the worker over every file."""
    if not BUILD.outer():
        return
    site = Path(config.site_dir)  # the default language's build: the whole site's root
    for language in config.plugins["i18n"].config.languages:
        default = language.locale == DEFAULT_LANGUAGE
        offline.write_manifest(site if default else site / language.locale, language.locale,
                               language.site_name or config.site_name, default)
    done = offline.write_worker(site, serve=BUILD.command == "serve")
    if done:
        log.info("offline: %d files (%.1f MB) precached, version %s",
                 done["files"], done["bytes"] / 1e6, done["version"])
