"""The way off MkDocs if it is ever needed: ProperDocs builds the same sources into the same pages.

MkDocs 2 drops plugins, and Material for MkDocs is in maintenance mode (security fixes until
2027-05-05). ProperDocs (pinned in tests/requirements.txt) is a maintained fork of the MkDocs 1.x
line that runs this project's plugins and hooks unchanged; README.md says how to switch. This test
builds the handbook with both runners (no PDFs: the books come from the same hook either way) and
checks that they produce the same set of pages with the same article text and the same search
entries, in both languages.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

# A build with a second runner: not in the quick loop.
pytestmark = pytest.mark.slow


class _ArticleText(HTMLParser):
    """The text inside <article>, the part of a page a reader reads."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1 if tag not in {"br", "img", "input", "meta", "link", "hr", "wbr", "source"} else 0

    def handle_endtag(self, tag):
        if self.depth and tag not in {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def article_text(path: Path) -> str:
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): article_text(p) for p in sorted(site.rglob("index.html"))}


def search_entries(site: Path) -> dict[str, list[str]]:
    result = {}
    for index in sorted(site.rglob("search/search_index.json")):
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        result[index.relative_to(site).as_posix()] = sorted(d["location"] + "|" + d["title"] for d in docs)
    return result


@pytest.fixture(scope="module")
def both_sites(quick_site, tmp_path_factory):
    """The session's quick MkDocs build (conftest `quick_site`, HANDBOOK_PDF=0) and the same
    sources built by ProperDocs with the same settings."""
    properdocs_site = tmp_path_factory.mktemp("properdocs-site")
    result = mkdocs_build(ROOT, properdocs_site, env={"HANDBOOK_PDF": "0"}, timeout=600, runner="properdocs")
    assert result.returncode == 0, f"ProperDocs could not build the handbook:\n{result.stderr[-4000:]}"
    return quick_site, properdocs_site


def test_properdocs_builds_the_same_pages_with_the_same_text(both_sites):
    mkdocs_site, properdocs_site = both_sites
    ours, theirs = pages(mkdocs_site), pages(properdocs_site)
    assert len(ours) > 50 and any(p.startswith("en/") for p in ours), "the MkDocs build has too few pages"
    assert sorted(ours) == sorted(theirs), "the two runners wrote different pages"
    different = [p for p in ours if ours[p] != theirs[p]]
    assert not different, f"article text differs between MkDocs and ProperDocs on: {different[:10]}"


def test_properdocs_builds_the_same_search_indexes(both_sites):
    mkdocs_site, properdocs_site = both_sites
    ours = search_entries(mkdocs_site)
    assert set(ours) == {"search/search_index.json", "en/search/search_index.json"}
    assert ours == search_entries(properdocs_site)
