from handbook.templates import render, slots


def test_slots_escape_text_and_mark_placeholders():
    assert str(slots('Dear [name], <b>"x"</b> & [not_a-slot]')) == \
        'Dear <var class="hb-slot">[name]</var>, &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; [not_a-slot]'
    # The one placeholder grammar of phrases and emails (emails.js fills in the same): words and single hyphens.
    assert str(slots("[a--b] [-x] [2nd] [due-date]")) == \
        '[a--b] [-x] <var class="hb-slot">[2nd]</var> <var class="hb-slot">[due-date]</var>'


def test_templates_autoescape():
    html = render("phrasebook_links.html", words={"csv": "<CSV>", "anki": "A&B"}, csv="a.csv", anki="b.txt")
    assert "&lt;CSV&gt;" in html and "A&amp;B" in html
