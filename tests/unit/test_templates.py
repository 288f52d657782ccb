from handbook.templates import render, slots


def test_slots_escape_text_and_mark_placeholders():
    assert str(slots('Dear [name], <b>"x"</b> & [not_a-slot]')) == \
        'Dear <var class="hb-slot">[name]</var>, &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; [not_a-slot]'


def test_templates_autoescape():
    html = render("phrasebook_links.html", words={"csv": "<CSV>", "anki": "A&B"}, csv="a.csv", anki="b.txt")
    assert "&lt;CSV&gt;" in html and "A&amp;B" in html
