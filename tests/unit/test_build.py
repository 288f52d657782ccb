"""hooks/handbook/build.py: the build's phase, one Build per build, and the event table that
tells a reader the order of every hook event (checked against the hooks' real priorities)."""

import importlib
from pathlib import Path

import yaml

from handbook.build import EVENTS, Build, Handbook
from handbook.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_the_outer_build_is_known_from_the_language_stack():
    state = Build()
    assert state.begin_language()  # the default language starts the build
    assert state.outer()
    assert not state.begin_language()  # i18n builds the next language from inside the first
    state.end_language()
    assert state.outer()  # back in the default language's on_post_build
    state.end_language()
    assert not state.outer()


def test_one_build_object_per_build_not_per_language():
    handbook = Handbook()
    first = handbook.new_build(Settings(pdf=False))
    first.begin_language()
    assert handbook.new_build(Settings()) is first  # i18n's nested on_config: the same build
    first.end_language()
    second = handbook.new_build(Settings())
    assert second is not first and second.settings.pdf
    second.begin_language()
    handbook.forget_build()  # a failed build: the next on_config starts afresh
    assert handbook.new_build(Settings()) is not second


def _hook_events() -> set[tuple[str, int, str]]:
    """(event, priority, hook) of every event the hooks listed in mkdocs.yml answer."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    found = set()
    for path in config["hooks"]:
        name = Path(path).stem
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if not attribute.startswith("on_"):
                continue
            parts = getattr(value, "methods", None) or [value]  # a CombinedEvent holds its parts
            for part in parts:
                found.add((attribute, getattr(part, "mkdocs_priority", 0), name))
    return found


def test_the_event_table_is_the_hooks_real_order():
    assert set(EVENTS) == _hook_events()
    order = ["on_startup", "on_config", "on_pre_build", "on_nav", "on_page_markdown", "on_page_content", "on_env",
             "on_template_context", "on_page_context", "on_post_build", "on_build_error", "on_shutdown"]
    keys = [(order.index(event), -priority) for event, priority, _ in EVENTS]
    assert keys == sorted(keys), "EVENTS lists the events in the order MkDocs runs them"


def test_the_table_in_the_docstring_lists_every_event():
    import handbook.build

    rows = {(line.split("|")[1].strip(), int(line.split("|")[2])) for line in handbook.build.__doc__.splitlines()
            if line.startswith("| on_")}
    assert {(event, priority) for event, priority, _ in EVENTS} <= rows
