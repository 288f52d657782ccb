"""Downloads: writes the phrasebook CSV and Anki files (hooks/handbook/downloads.py) once per
build, after every language is built; the links to them are markers."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from handbook import downloads
from handbook.build import BUILD


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    if BUILD.outer() and BUILD.content.catalog is not None:
        downloads.write(BUILD.content.catalog, Path(config.site_dir))
