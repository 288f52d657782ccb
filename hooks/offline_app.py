"""Offline, installable, What's new (hooks/handbook/offline.py does the work; README "Offline").

docs/_data/changes.yml is checked in the validation phase like every data file (its schema, and
every page it names must exist: hooks/handbook/checks.py); here:

- on_page_markdown: `<!-- handbook/whats-new -->` on the What's new pages becomes the list.
- on_post_page: the templates page gets a list of its templates at the top (for phones), after
  search has read the page (the list repeats every title: it would lift the page's introduction).
- on_post_build: after every language is built (and the downloads are written): each language's
  web app manifest, then the service worker with this build's precache list.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from handbook import offline
from handbook.build import HANDBOOK
from handbook.languages import DEFAULT_LANGUAGE

log = logging.getLogger("mkdocs.hooks.offline_app")
MARKER = "<!-- handbook/whats-new -->"


def on_page_markdown(markdown, page, config, files):
    if MARKER in markdown:
        page_dir = page.file.src_uri.rpartition("/")[0]
        markdown = markdown.replace(MARKER, offline.whats_new_markdown(
            HANDBOOK.build.changes, Path(config.docs_dir), page.file.locale, page_dir + "/" if page_dir else ""))
    return markdown


def on_post_page(output, page, config):
    if page.file.src_uri.startswith("emails/index."):
        output = offline.template_list(output, page.toc, page.file.locale)
    return output


@event_priority(-300)  # after mkdocs-static-i18n (-100) built every language, the downloads (-200)
def on_post_build(config):
    """Once, at the end of the whole build: each language's manifest (from its i18n settings:
    `config` may still hold the last built language's), then the worker over every file."""
    if not HANDBOOK.build.outer():
        return
    site = Path(config.site_dir)  # the default language's build: the whole site's root
    for language in config.plugins["i18n"].config.languages:
        default = language.locale == DEFAULT_LANGUAGE
        offline.write_manifest(site if default else site / language.locale, language.locale,
                               language.site_name or config.site_name, default)
    done = offline.write_worker(site, serve=HANDBOOK.command == "serve")
    if done:
        log.info("offline: %d files (%.1f MB) precached, version %s",
                 done["files"], done["bytes"] / 1e6, done["version"])
