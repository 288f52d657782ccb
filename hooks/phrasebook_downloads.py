"""Downloads: writes the phrasebook CSV and Anki files (hooks/handbook/downloads.py) once per
build, after every language is built; the links to them are markers."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from handbook import downloads
from handbook.build import HANDBOOK


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    build = HANDBOOK.build
    if build.outer() and build.content.catalog is not None:
        downloads.write(build.content.catalog, Path(config.site_dir))
