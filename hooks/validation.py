"""Validation: every check of the handbook's sources, once per build, before anything is rendered.

Why here and once: mkdocs-static-i18n runs every event once per language, and MkDocs cleans
site/ right after on_pre_build. So the default language's on_pre_build reads every page and data
file, checks them all (schemas, translations, markers, links, page pairs, checklists, wording) and
fails once, listing every problem grouped by file with its line and fix; a failed build leaves
the previous site in place. The checks live in hooks/handbook/ (build.start_validation).

This hook also keeps the build's phase (which language build is running) in handbook.build.BUILD,
and runs the OpenCC helper process for the wording check from start-up to shut-down.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from handbook.build import BUILD, finish_validation, start_validation


def on_startup(command, dirty):
    BUILD.command = command
    BUILD.converter.start()  # loads OpenCC while MkDocs loads the theme and plugins


@event_priority(1000)  # before every other hook's on_pre_build: they ask BUILD.outer()
def _begin(config):
    if BUILD.begin_language():
        root = Path(config.config_file_path).resolve().parent
        start_validation(root, Path(config.docs_dir).resolve(), config.mdx_configs, bool(config.strict))


@event_priority(-1000)  # last: the other hooks' on_pre_build overlapped the OpenCC conversion
def _finish(config):
    if BUILD.outer():
        finish_validation()


on_pre_build = CombinedEvent(_begin, _finish)


@event_priority(-1000)  # after every other on_post_build: this language's build is over
def on_post_build(config):
    BUILD.end_language()


def on_build_error(error):
    BUILD.reset()


def on_shutdown():
    BUILD.converter.stop()
