"""hooks/handbook/book.py and book_html.py: the PDF book's structure, table of contents and
print rewrites, on fixture HTML and a fake nav. No browser, no build."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS

import pytest

from handbook.problems import HandbookError
from handbook import book, book_html, book_print, book_typography


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
    assert '<svg id="hb-diagram-1" aria-labelledby="hb-diagram-1-title">' in out
    assert 'id="hb-diagram-1_end"' in out and 'url(#hb-diagram-1_end)' in out


def test_print_only_rewrites():
    out = book_html.chapter_html(prepared()[0])
    assert 'type="checkbox"' not in out and "task-list-control" not in out
    assert out.count('<span class="hb-box" aria-hidden="true"></span>') == 1
    assert "<details class=\"tip\" open=\"\">" in out
    assert "<abbr" not in out and "MOQ" in out


def test_links_inside_the_book_external_and_left_out():
    out = book_html.chapter_html(prepared()[0])
    assert '<a href="#c2-1">up</a>' in out  # same page, by its new id
    assert '<a href="#c3-1">in</a>' in out  # another chapter's section; other attributes dropped
    assert '<span class="hb-link-off">tags</span>' in out  # not in the book: the words stay
    # The URL printed after an external link is data-hb-url (print-book.css); the bare one prints once.
    assert '<a href="https://iccwbo.org/" data-hb-url="https://iccwbo.org/" data-hb-bare="">https://iccwbo.org/</a>' in out
    assert '<a href="https://iccwbo.org/rules" data-hb-url="https://iccwbo.org/rules">ICC</a>' in out
    assert 'src="/assets/a.png"' in out


def test_an_external_url_prints_as_written_not_percent_encoded():
    chapter = book.Chapter(1, page("a.zh-TW.md", "a/"), "a/", "ch-1")
    book_html.prepare_chapter(chapter, '<h1>T</h1><p><a href="https://zh.wikipedia.org/wiki/國貿 條規">Incoterms</a></p>')
    book_html.link_chapter(chapter, {})
    assert 'data-hb-url="https://zh.wikipedia.org/wiki/國貿 條規"' in book_html.chapter_html(chapter)


def test_the_checklist_box_keeps_the_text_after_it():
    out = book_html.chapter_html(prepared()[0])
    assert '<li class="task-list-item"><span class="hb-box" aria-hidden="true"></span> Pen</li>' in out


def test_control_characters_and_a_huge_attribute_do_not_lose_the_rest_of_the_page():
    big = "x" * 10_000_001  # libxml2 stops at 10 MB without huge_tree
    root = book_html.parse(f'<p>a\x01b\x0cc</p><p><img src="data:{big}"></p><p>rest</p>')
    assert root.findall("p")[0].text == "ab c" and root.findall("p")[2].text == "rest"


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
    html, layout = book.document(language, "繁體中文", dt.date(2026, 11, 26), ["/assets/main.css"], None)
    assert '<html lang="zh-TW"' in html and '<link rel="stylesheet" href="/assets/main.css">' in html
    assert "繁體中文版" in html and "2026年11月26日版" in html and "描述 &lt;b&gt;" in html
    assert '"第 " counter(page)' in html
    # the running header of each chapter of the book is its title, on a named page of its own
    assert '@page hb-part-1:right { @top-right { content: "電話";' in html and 'style="page: hb-part-1"' in html
    assert html.index('data-for="ch-1"') < html.index('data-for="part-1"') < html.index('data-for="ch-2"')
    # the home page prints as the introduction, not as a second title page
    assert html.index('id="ch-1">關於這本手冊</h1>') < html.index('id="part-1">電話') < html.index('id="ch-2">Calling')
    assert "維護" not in html and "tags" not in html.split("<nav")[1].split("</nav>")[0]
    assert '<h1 class="hb-toc-title" id="contents">目錄</h1>' in html and '<h1 class="hb-cover-title" id="cover">' in html  # bookmarked
    assert layout.openings == ["ch-1", "part-1"] and layout.anchors == ["ch-1", "part-1", "ch-2", "ch-3"]
    assert layout.ref == "（見第 {n} 頁）"


def test_an_overview_page_titled_as_its_section_prints_under_the_section_title():
    nav = [section("電話", page("phone/index.zh-TW.md", "phone/"), page("phone/calling.zh-TW.md", "phone/calling/"))]
    language = book.Language("zh-TW", "手冊", "", "", nav=NS(items=nav))
    language.content = {"phone/": '<h1 id="p">電話</h1><p>總覽</p>', "phone/calling/": '<h1 id="c">打電話</h1>'}
    html, layout = book.document(language, "繁體中文", dt.date(2026, 1, 1), [], None)
    toc = html.split("<nav")[1].split("</nav>")[0]
    assert toc.count(">電話<") == 1 and "打電話" in toc  # no entry repeating the section's name
    assert '<section class="hb-chapter hb-chapter-merged" id="ch-1">' in html and 'id="ch-1">電話</h2>' not in html
    assert layout.anchors == ["part-1", "ch-2"]


def test_right_hand_openings_add_blank_pages_and_shift_the_numbers():
    first = {"ch-1": 4, "part-1": 6, "c2-1": 7, "part-2": 9, "c3-4": 12, "part-3": 13}
    blanks, final = book_print.right_hand(first, ["ch-1", "part-1", "part-2", "part-3"])
    # ch-1 on 4 (left): blank, -> 5; part-1 on 6+1 = 7 (right); part-2 on 9+1 = 10: blank, -> 11
    assert blanks == ["ch-1", "part-2"]
    assert final == {"ch-1": 5, "part-1": 7, "c2-1": 8, "part-2": 11, "c3-4": 14, "part-3": 15}
    assert all(final[a] % 2 == 1 for a in ("ch-1", "part-1", "part-2", "part-3"))


def _pdf_with_destinations(pages: int, dests: dict[str, int]) -> bytes:
    """A blank PDF of `pages` pages whose named destinations (as Chromium writes them, in the
    catalog's /Dests) point at the given 1-based pages."""
    import io

    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.Root.Dests = pikepdf.Dictionary({f"/{name}": pikepdf.Array([pdf.pages[n - 1].obj, pikepdf.Name.XYZ, 0, 800, 0])
                                         for name, n in dests.items()})
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_destinations_give_each_named_place_its_page():
    pdf = _pdf_with_destinations(5, {"ch-1": 2, "part-1": 3, "c2-1": 5})
    assert book_print.destinations(pdf) == ({"ch-1": 2, "part-1": 3, "c2-1": 5}, 5)


def test_outline_nests_headings_by_level_and_names_the_language():
    import io

    from pypdf import PdfReader

    pdf = _pdf_with_destinations(4, {"cover": 1, "contents": 2, "part-1": 3, "ch-2": 3, "c2-1": 4, "ch-3": 4})
    headings = [{"level": 1, "id": "cover", "title": "Handbook"}, {"level": 1, "id": "contents", "title": "Contents"},
                {"level": 1, "id": "part-1", "title": "Phone"}, {"level": 2, "id": "ch-2", "title": "Calling"},
                {"level": 4, "id": "c2-1", "title": "Before"}, {"level": 2, "id": "ch-3", "title": "Incoming"}]
    reader = PdfReader(io.BytesIO(book_print.with_outline(pdf, headings, "en")))

    def tree(items):
        result = []
        for item in items:
            if isinstance(item, list):
                result[-1] = (result[-1][0], result[-1][1], tree(item))
            else:
                result.append((item.title, reader.get_destination_page_number(item) + 1, []))
        return result

    # a level skipped (h2 -> h4) still nests under the nearest heading above it
    assert tree(reader.outline) == [("Handbook", 1, []), ("Contents", 2, []),
                                    ("Phone", 3, [("Calling", 3, [("Before", 4, [])]), ("Incoming", 4, [])])]
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_outline_without_a_heading_destination_fails_naming_the_heading():
    pdf = _pdf_with_destinations(2, {"cover": 1})
    with pytest.raises(HandbookError, match=r"PDF handbook \(zh-TW\).*'c3-9'"):
        book_print.with_outline(pdf, [{"level": 1, "id": "cover", "title": "封面"}, {"level": 2, "id": "c3-9", "title": "步驟"}], "zh-TW")


def test_links_inside_the_book_get_a_page_reference_slot_of_fixed_width():
    calling = book.Chapter(2, page("phone/calling.en.md", "phone/calling/"), "phone/calling/", "ch-2")
    incoming = book.Chapter(3, page("phone/incoming.en.md", "phone/incoming/"), "phone/incoming/", "ch-3")
    book_html.prepare_chapter(calling, CHAPTER)
    book_html.prepare_chapter(incoming, '<h1 id="in">In</h1><h2 id="steps">Steps</h2>')
    by_url = {c.url: c for c in (calling, incoming)}
    book_html.link_chapter(calling, by_url, "(see p. {n})")
    out = book_html.chapter_html(calling)
    slot = ('<span class="hb-ref" data-for="c3-1"><span class="hb-ref-ghost" aria-hidden="true">(see p. 888)</span>'
            '<span class="hb-ref-text"></span></span>')
    assert f'<a href="#c3-1">in</a> {slot}' in out
    assert 'ICC</a> <span class="hb-ref"' not in out and 'tags</span> <span class="hb-ref"' not in out  # outside: nothing


def test_quiz_answers_move_to_the_key_and_the_quiz_points_to_it():
    quiz = ('<h1>Q</h1><div class="hb-quiz"><form class="hb-quiz-question"><fieldset><legend>'
            '<span class="hb-quiz-number">Question 1</span> Why?</legend><div class="hb-quiz-options">A B</div>'
            '<details class="hb-quiz-answer"><summary>Answer and explanation</summary><p><strong>Answer B</strong>: Yes</p>'
            '<p class="hb-quiz-explanation">Because.</p></details></fieldset></form></div>')
    chapter = book.Chapter(4, page("a.en.md", "a/"), "a/", "ch-4")
    book_html.prepare_chapter(chapter, quiz)
    answers = book_html.take_answers(chapter, "key-ch-4", {"key_note": "Answers at the back", "key_end": "."}, "(see p. {n})")
    out = book_html.chapter_html(chapter)
    assert answers == [{"label": "Question 1", "html": '<p><strong>Answer B</strong>: Yes</p><p class="hb-quiz-explanation">Because.</p>'}]
    assert "hb-quiz-answer" not in out and "Because" not in out
    assert '<p class="hb-quiz-key"><a href="#key-ch-4">Answers at the back</a> <span class="hb-nowrap"><span class="hb-ref" data-for="key-ch-4">' in out
    assert out.endswith('<span class="hb-ref-text"></span></span>.</span></p>')  # the full stop stays on the reference's line


def test_the_answer_key_note_goes_right_after_its_quiz_before_the_text_that_followed():
    chapter = book.Chapter(4, page("a.zh-TW.md", "a/"), "a/", "ch-4")
    book_html.prepare_chapter(chapter, '<h1>T</h1><p>前</p><div class="hb-quiz"></div>後面的文字<p>下一段</p>')
    book_html.take_answers(chapter, "key-ch-4", {"key_note": "答案在書末", "key_end": "。"}, "（見第 {n} 頁）")
    out = book_html.chapter_html(chapter)
    assert '<div class="hb-quiz"></div><p class="hb-quiz-key"><a href="#key-ch-4">答案在書末</a><span class="hb-nowrap">' in out
    assert '</span>。</span></p>後面的文字<p>下一段</p>' in out


def test_screen_only_blocks_are_left_out_of_the_book():
    chapter = book.Chapter(1, page("a.en.md", "a/"), "a/", "ch-1")
    book_html.prepare_chapter(chapter, '<h1>A</h1><div class="hb-screen-only"><p>Use the search box</p></div>'
                                       '<div class="hb-print-only"><p>See the contents</p></div><p class="hb-web-only">x</p>')
    out = book_html.chapter_html(chapter)
    assert "search box" not in out and "See the contents" in out and "hb-web-only" not in out


@pytest.mark.parametrize("before, after", [
    ('He said "yes" and it\'s done.', "He said \u201cyes\u201d and it\u2019s done."),
    ('說「你好」時，英文是 "Hello"（你好）。', "說「你好」時，英文是 \u201cHello\u201d（你好）。"),
    ("句子結束。 下一句， 然後", "句子結束。下一句，然後"),
    ("'Quoted' word", "\u2018Quoted\u2019 word"),
])
def test_typeset_quotes_and_spaces(before, after):
    root = book_html.parse(f"<p>{before}</p><pre>\"raw\" 。 x</pre>")
    book_typography.typeset(root)
    assert root.find("p").text_content() == after
    assert root.find("pre").text_content() == '"raw" 。 x'  # code is left as written


def test_placeholders_in_the_text_after_an_element_and_at_the_start_of_a_text():
    root = book_html.parse("<p><b>x</b>[a] and [b]<i>y</i>[c]</p><p>[d] e</p>")
    book_typography.typeset(root)
    assert book_html.inner_html(root) == (
        '<p><b>x</b><span class="hb-nowrap">[a]</span> and <span class="hb-nowrap">[b]</span><i>y</i>'
        '<span class="hb-nowrap">[c]</span></p><p><span class="hb-nowrap">[d]</span> e</p>')


def test_an_english_page_reference_keeps_the_full_stop_after_it_on_its_line():
    root = book_html.parse('<p>See <a href="#x">the key</a>. More</p>')
    book_html.add_ref(root.find(".//a"), "x", "(see p. {n})")
    out = book_html.inner_html(root)
    assert '<a href="#x">the key</a> <span class="hb-nowrap"><span class="hb-ref" data-for="x">' in out
    assert out.endswith('<span class="hb-ref-text"></span></span>.</span> More</p>')


def test_typeset_keeps_placeholders_on_one_line():
    root = book_html.parse("<p>Dear [name], order [order-number] ships.</p>")
    book_typography.typeset(root)
    assert book_html.inner_html(root) == ('<p>Dear <span class="hb-nowrap">[name]</span>, order '
                                          '<span class="hb-nowrap">[order-number]</span> ships.</p>')


def test_a_placeholder_split_by_a_glossary_term_is_kept_on_one_line_once_the_tooltip_is_gone():
    # The glossary's tooltip (<abbr>) is unwrapped for paper first: the placeholder is then one text.
    chapter = book.Chapter(1, NS(title="T"), "a/", "ch-1")
    book_html.prepare_chapter(chapter, '<h1>T</h1><p>FOB [<abbr title="x">port</abbr>] and "after" it</p>')
    book_typography.typeset(chapter.body)
    assert book_html.chapter_html(chapter) == (
        '<p>FOB <span class="hb-nowrap">[port]</span> and \u201cafter\u201d it</p>')


@pytest.mark.parametrize("width, height", [(600, 700), (916, 1336), (828, 1504), (1600, 400), (300, 200)])
def test_diagram_labels_never_print_under_7_pt(width, height):
    scale = book_html.diagram_scale(width, height)
    assert book_html.LABEL_PX * scale >= book_html.MIN_LABEL_PT - 1e-6 or width * scale >= book_html.TYPE_WIDTH_PT - 1e-6
    assert width * scale <= book_html.TYPE_WIDTH_PT + 1e-6 and height * scale <= book_html.TYPE_HEIGHT_PT + 1e-6
    assert scale <= book_html.PT_PER_PX  # never larger than on screen


def test_print_document_needs_texts_for_its_language():
    language = book.Language("fr", "x", "", "", nav=NS(items=[]))
    with pytest.raises(HandbookError, match="no print texts for language 'fr'"):
        book.document(language, "Français", dt.date(2026, 1, 1), [], None)


def test_typeset_removes_a_space_after_a_full_width_mark_in_the_previous_element():
    root = book_html.parse("<p><strong>口語最容易聽錯。</strong> 口音、收訊</p>")
    book_typography.typeset(root)
    assert root.find("p").text_content() == "口語最容易聽錯。口音、收訊"


def test_titles_get_typographic_apostrophes():
    assert book_html.typeset_title("Earning the customer's trust", "Earning the <em>customer's</em> trust") == (
        "Earning the customer\u2019s trust", "Earning the <em>customer\u2019s</em> trust")


def test_a_quote_that_opens_a_paragraph_is_an_opening_quote():
    root = book_html.parse('<p>Is it “this?</p><p class="x">"That," she said.</p>')
    book_typography.typeset(root)
    assert root.find("p[@class='x']").text_content() == "\u201cThat,\u201d she said."


def test_punctuation_after_a_page_reference_stays_on_its_line():
    root = book_html.parse('<p>在<a href="#x">句型庫</a>。下一句</p>')
    book_html.add_ref(root.find(".//a"), "x", "（見第 {n} 頁）")
    out = book_html.inner_html(root)
    assert '<a href="#x">句型庫</a><span class="hb-nowrap"><span class="hb-ref" data-for="x">' in out
    assert "</span>。</span>下一句</p>" in out


def test_an_english_page_reference_follows_its_link_after_a_space_and_keeps_the_text_after_it():
    root = book_html.parse('<p>See <a href="#x">the phrasebook</a> for more. <em>Then</em> call.</p>')
    book_html.add_ref(root.find(".//a"), "x", "(see p. {n})")
    out = book_html.inner_html(root)
    assert out.startswith('<p>See <a href="#x">the phrasebook</a> <span class="hb-ref" data-for="x">')
    assert out.endswith('<span class="hb-ref-text"></span></span> for more. <em>Then</em> call.</p>')


def test_a_tall_narrow_diagram_stands_beside_the_text():
    root = book_html.parse('<figure class="hb-diagram"><svg viewBox="0 0 400 1400"></svg></figure>'
                           '<figure class="hb-diagram"><svg viewBox="0 0 900 600"></svg></figure>')
    sizes = book_html.size_diagrams(root)
    tall, wide = root.findall("figure")
    assert "hb-diagram-side" in tall.get("class") and "hb-diagram-side" not in wide.get("class")
    assert min(sizes) >= book_html.MIN_LABEL_PT
