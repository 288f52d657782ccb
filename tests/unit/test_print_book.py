"""hooks/handbook/book.py and book_html.py: the PDF book's structure, table of contents and
print rewrites, on fixture HTML and a fake nav. No browser, no build."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS

import pytest

from handbook.problems import HandbookError
from handbook import book, book_html


def page(src, url, title="T"):
    return NS(file=NS(src_uri=src), url=url, title=title)


def section(title, *children):
    return NS(title=title, children=list(children))


NAV = [
    page("index.zh-TW.md", ""),
    section("電話", page("phone/calling.zh-TW.md", "phone/calling/"), page("phone/incoming.zh-TW.md", "phone/incoming/")),
    section("工具", page("tags.zh-TW.md", "tags/")),  # left out: an empty part disappears
    section("維護", page("maintainers/status.zh-TW.md", "maintainers/status/")),
]
RENDERED = {"", "phone/calling/", "phone/incoming/", "tags/", "maintainers/status/"}

CHAPTER = """<h1 id="calling">Calling <em>customers</em><a class="headerlink" href="#calling">&para;</a></h1>
<h2 id="before">Before<a class="headerlink" href="#before">&para;</a></h2>
<p><label for="q1">Q</label><input id="q1" type="radio" aria-describedby="q1-help ghost"></p>
<ul class="task-list"><li class="task-list-item"><label class="task-list-control"><input type="checkbox"><span class="task-list-indicator"></span></label> Pen</li></ul>
<details class="tip"><summary>More</summary><p>Hidden</p></details>
<p><abbr title="Minimum order quantity">MOQ</abbr> <a href="#before">up</a> <a href="../incoming/#steps" class="x">in</a>
<a href="../../tags/">tags</a> <a href="https://iccwbo.org/" title="t">https://iccwbo.org/</a>
<a href="https://iccwbo.org/rules">ICC</a> <img src="../../assets/a.png" alt=""></p>
<figure class="hb-diagram"><svg id="hb-diagram-1" aria-labelledby="hb-diagram-1-title"><title id="hb-diagram-1-title">F</title>
<marker id="hb-diagram-1_end"></marker><path marker-end="url(#hb-diagram-1_end)"></path></svg></figure>"""


def test_outline_numbers_parts_and_chapters_in_nav_order_and_leaves_pages_out():
    items = book.outline(NAV, RENDERED, "zh-TW")
    assert [(i.kind, i.anchor) for i in items] == [("chapter", "ch-1"), ("part", "part-1")]
    assert [c.anchor for c in items[1].chapters] == ["ch-2", "ch-3"]
    assert book.anchors_of(items) == ["ch-1", "part-1", "ch-2", "ch-3"]
    assert [c.url for c in book.chapters_of(items)] == ["", "phone/calling/", "phone/incoming/"]


def test_outline_fails_on_a_nav_page_that_was_not_rendered():
    with pytest.raises(HandbookError, match="phone/calling.zh-TW.md is in the nav but was not rendered"):
        book.outline(NAV, RENDERED - {"phone/calling/"}, "zh-TW")


def prepared():
    calling = book.Chapter(2, page("phone/calling.en.md", "phone/calling/"), "phone/calling/", "ch-2")
    incoming = book.Chapter(3, page("phone/incoming.en.md", "phone/incoming/"), "phone/incoming/", "ch-3")
    book_html.prepare_chapter(calling, CHAPTER)
    book_html.prepare_chapter(incoming, '<h1 id="in">In</h1><h2 id="steps">Steps</h2>')
    by_url = {c.url: c for c in (calling, incoming)}
    for c in by_url.values():
        book_html.link_chapter(c, by_url)
    return calling, incoming


def test_chapter_title_is_taken_out_and_headings_demoted():
    calling, _ = prepared()
    out = book_html.chapter_html(calling)
    assert calling.title == "Calling customers" and calling.title_html == "Calling <em>customers</em>"
    assert "<h1" not in out and '<h3 id="c2-1">Before</h3>' in out
    assert "¶" not in out and "headerlink" not in out


def test_ids_are_unique_per_chapter_and_references_follow():
    calling, _ = prepared()
    out = book_html.chapter_html(calling)
    assert calling.ids == {"calling": "ch-2", "before": "c2-1", "q1": "c2-2"}
    assert '<label for="c2-2">' in out and 'aria-describedby="c2-x-q1-help c2-x-ghost"' in out


def test_diagram_svg_keeps_its_ids_and_references():
    out = book_html.chapter_html(prepared()[0])
    assert '<svg aria-labelledby="hb-diagram-1-title" id="hb-diagram-1">' in out
    assert 'id="hb-diagram-1_end"' in out and 'url(#hb-diagram-1_end)' in out


def test_print_only_rewrites():
    out = book_html.chapter_html(prepared()[0])
    assert 'type="checkbox"' not in out and "task-list-control" not in out
    assert out.count('<span aria-hidden="true" class="hb-box"></span>') == 1
    assert "<details class=\"tip\" open=\"\">" in out
    assert "<abbr" not in out and "MOQ" in out


def test_links_inside_the_book_external_and_left_out():
    out = book_html.chapter_html(prepared()[0])
    assert '<a href="#c2-1">up</a>' in out  # same page, by its new id
    assert '<a href="#c3-1">in</a>' in out  # another chapter's section; other attributes dropped
    assert '<span class="hb-link-off">tags</span>' in out  # not in the book: the words stay
    assert '<a data-hb-bare="" href="https://iccwbo.org/">https://iccwbo.org/</a>' in out  # URL printed once
    assert '<a href="https://iccwbo.org/rules">ICC</a>' in out
    assert 'src="/assets/a.png"' in out


@pytest.mark.parametrize("href, expected", [
    ("#x", ("phone/calling/", "x")), ("../incoming/", ("phone/incoming/", "")),
    ("../../", ("", "")), ("../../index.html#top", ("", "top")), ("../../assets/a%20b.png", ("assets/a b.png", "")),
])
def test_resolve(href, expected):
    assert book_html.resolve("phone/calling/", href) == expected


def test_stylesheets_are_the_home_pages_own_root_relative():
    home = ('<link rel="stylesheet" href="assets/main.css"><link rel="icon" href="x.svg">'
            '<link rel="stylesheet" href="https://cdn.example/x.css"><link href="../assets/extra.css" rel="stylesheet">')
    assert book_html.stylesheets(home, "en/") == ["/en/assets/main.css", "/assets/extra.css"]


def test_css_string_is_safe_inside_a_style_element():
    assert book.css_string('A "B" \\ </style>') == '"A \\"B\\" \\\\ \\3c /style>"'


def test_print_document_has_cover_toc_and_chapters_in_order():
    language = book.Language("zh-TW", "國外業務溝通手冊", "描述 <b>", "內部文件", nav=NS(items=NAV))
    language.content = {"": "<h1>首頁</h1><p>歡迎</p>", "phone/calling/": CHAPTER,
                        "phone/incoming/": '<h1 id="in">In</h1>', "tags/": "", "maintainers/status/": ""}
    html, items = book.document(language, "繁體中文", dt.date(2026, 11, 26), ["/assets/main.css"], None)
    assert '<html lang="zh-TW"' in html and '<link rel="stylesheet" href="/assets/main.css">' in html
    assert "繁體中文版" in html and "2026年11月26日版" in html and "描述 &lt;b&gt;" in html
    assert 'content: "國外業務溝通手冊";' in html and '"第 " counter(page)' in html
    assert html.index('data-for="ch-1"') < html.index('data-for="part-1"') < html.index('data-for="ch-2"')
    assert html.index('id="ch-1">首頁') < html.index('id="part-1">電話') < html.index('id="ch-2">Calling')
    assert "hb-toc-single" in html and "維護" not in html and "tags" not in html.split("<nav")[1].split("</nav>")[0]


def test_print_document_needs_texts_for_its_language():
    language = book.Language("fr", "x", "", "", nav=NS(items=[]))
    with pytest.raises(HandbookError, match="no print texts for language 'fr'"):
        book.document(language, "Français", dt.date(2026, 1, 1), [], None)
