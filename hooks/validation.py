"""Validation: the build's object and every check of the sources, once per build.

Creates the build (handbook.build.HANDBOOK.build) from its settings in the default language's
first on_config, keeps its phase (which language build is running), and runs the validation
phase (handbook/checks.py) in the default language's on_pre_build, before MkDocs cleans site/:
it fails once, listing every problem grouped by file with its line and fix, and a failed build
leaves the previous site in place. It runs the OpenCC helper for the wording check from start-up
to shut-down. The order of every hook's events: handbook/build.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from handbook.build import HANDBOOK
from handbook.checks import finish_validation, start_validation
from handbook.settings import Settings


def on_startup(command, dirty):
    HANDBOOK.command = command
    HANDBOOK.converter.start()  # loads OpenCC while MkDocs loads the theme and plugins


@event_priority(1000)  # first: every other hook reads the build's settings
def on_config(config):
    build = HANDBOOK.new_build(Settings.read(config.extra, command=HANDBOOK.command))
    if build.settings.site_url:  # the deployed address replaces mkdocs.yml's local one
        config.site_url = build.settings.site_url.rstrip("/") + "/"
    return config


@event_priority(1000)  # before every other hook's on_pre_build: they ask build.outer()
def _begin(config):
    build = HANDBOOK.build
    if build.begin_language():
        root = Path(config.config_file_path).resolve().parent
        start_validation(build, HANDBOOK.converter, root, Path(config.docs_dir).resolve(), config.mdx_configs,
                         bool(config.strict), config.nav)


@event_priority(-1000)  # last: the other hooks' on_pre_build overlapped the OpenCC conversion
def _finish(config):
    if HANDBOOK.build.outer():
        finish_validation(HANDBOOK.build, HANDBOOK.converter)


on_pre_build = CombinedEvent(_begin, _finish)


@event_priority(-1000)  # after every other on_post_build: this language's build is over
def on_post_build(config):
    HANDBOOK.build.end_language()


def on_build_error(error):
    HANDBOOK.forget_build()


def on_shutdown():
    HANDBOOK.converter.stop()
