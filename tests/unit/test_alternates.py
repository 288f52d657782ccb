"""hooks/handbook/alternates.py: links between the languages, under any sub-path."""

import pytest

from handbook import alternates
from handbook.problems import HandbookError

NAMES = {"zh-TW": "繁體中文", "en": "English"}


def test_the_switcher_links_the_same_page_relative_to_it():
    links = alternates.page_alternates("en/phone/calls/", "en", False, "../..", NAMES)
    assert [(a["lang"], a["href"], a["current"]) for a in links] == [
        ("zh-TW", "../../phone/calls/", False), ("en", "../../en/phone/calls/", True)]
    assert alternates.page_alternates("404.html", "zh-TW", False, ".", NAMES)[1]["href"] == "./en/"


def test_head_and_404_links():
    assert [a["link"] for a in alternates.head_alternates("http://i/handbook/", True, NAMES)] == [
        "http://i/handbook/", "http://i/handbook/en/"]
    assert [a["link"] for a in alternates.head_alternates("http://127.0.0.1:8000/", False, NAMES)] == ["./", "en/"]
    root, links = alternates.not_found_links("http://i/handbook", NAMES)
    assert root == "/handbook/" and [a["href"] for a in links] == ["/handbook/", "/handbook/en/"]


def test_each_language_gets_its_own_sitemap(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?>\n<urlset>\n<url><loc>http://i/a/</loc></url>\n'
                                          "<url><loc>http://i/en/a/</loc></url>\n</urlset>\n", encoding="utf-8")
    alternates.language_sitemaps(tmp_path, "http://i/")
    own = (tmp_path / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "http://i/en/a/" in own and "http://i/a/" not in own
    (tmp_path / "sitemap.xml").write_text("<urlset></urlset>", encoding="utf-8")
    with pytest.raises(HandbookError, match="no <url> entry"):
        alternates.language_sitemaps(tmp_path, "http://i/")
