"""Valid markup: the Nu HTML Checker (vnu.jar from the npm package vnu-jar, pinned in
tests/package.json, run with Debian's Java) checks every HTML file of the full build, both
languages, the 404 page and any page added later, and finds no error in the project's own markup
(the Markdown, the hooks' templates in overrides/handbook/, the copied partials).

Material's own templates have a few patterns the checker rejects; these are ignored by their exact
message and only in Material's markup (`MATERIAL`), so the same message in the project's markup
still fails. A small page with known errors goes through the same run, so a checker that stopped
reporting would fail the test instead of passing it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.slow  # Java and the full build

VNU_JAR = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

# (exact message, the markup it must be found in): Material for MkDocs 9.x's base.html, header and
# nav partials. Nothing else is ignored.
MATERIAL = [
    # The drawer and search toggles: <input class="md-toggle" type="checkbox" autocomplete="off">.
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
     "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
     r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">'),
    # A section's label in the navigation: <label class="md-nav__link" … tabindex="">.
    ("Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
     r'<label class="md-nav__link[a-z_ -]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">'),
    # The table of contents' title on a page without headings (Material leaves out its toggle).
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     r'<label class="md-nav__title" for="__toc">'),
]

CANARY = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>canary</title></head>
<body><p id="twice">one</p><p id="twice">two</p><label for="nothing">x</label></body></html>
"""


def ignored(message: dict) -> bool:
    """Material's own pattern: the exact message, found in Material's markup."""
    extract = " ".join(message.get("extract", "").split())
    return any(message.get("message") == text and re.search(markup, extract) for text, markup in MATERIAL)


@dataclass
class Run:
    site: Path
    pages: list[Path]  # every HTML file of the build
    canary: Path
    errors: dict[Path, list[dict]]  # the checker's messages by file


@pytest.fixture(scope="module")
def checked(site, tmp_path_factory) -> Run:
    """One run of the checker over every HTML file of the build and the canary."""
    if JAVA is None:
        pytest.fail("Java is not installed (bash .ci/setup installs default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.fail("vnu-jar is not installed in tests/node_modules: run bash .ci/setup")
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = sorted(site.rglob("*.html"))
    done = subprocess.run([JAVA, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always",
                           *map(str, pages), str(canary)], capture_output=True, text=True, timeout=900)
    report = json.loads(done.stderr)  # vnu writes its report to stderr
    errors: dict[Path, list[dict]] = defaultdict(list)
    for message in report["messages"]:
        errors[Path(unquote(message.get("url", "").removeprefix("file:")))].append(message)
    return Run(site, pages, canary, errors)


def test_the_checker_reports_errors(checked):
    """The canary's duplicate id and dangling label are found: the run can fail."""
    messages = [m["message"] for m in checked.errors.get(checked.canary, [])]
    assert "Duplicate ID “twice”." in messages, messages
    assert any("“for” attribute of the “label” element" in m for m in messages), messages


def test_every_page_has_valid_markup(checked):
    site = checked.site
    assert {site / "index.html", site / "en" / "index.html", site / "404.html"} <= set(checked.pages)
    assert not [path for path in checked.errors if path not in checked.pages and path != checked.canary], \
        "the checker reported on a file it was not given"
    problems = []
    for page in checked.pages:
        for message in checked.errors.get(page, []):
            if message.get("type") == "info" or ignored(message):
                continue
            extract = " ".join(message.get("extract", "").split())
            problems.append(f"{page.relative_to(site)}:{message.get('lastLine')}: {message['message']}\n    {extract}")
    assert not problems, f"{len(problems)} markup error(s):\n" + "\n".join(problems[:60])
