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


# --------------------------------------------------------------------------- guarded rewrites

from pathlib import Path  # noqa: E402

import jinja2  # noqa: E402
import pytest  # noqa: E402

from handbook import alternates  # noqa: E402
import page_rendering  # noqa: E402
from handbook.problems import HandbookError  # noqa: E402
from handbook.templates import replace_exactly  # noqa: E402


def test_replace_exactly_replaces_or_names_the_target_and_the_fix():
    assert replace_exactly("a x b x", "x", "y", 2, "here", "fix it") == "a y b y"
    with pytest.raises(HandbookError, match=r"here: expected 'x' 3 time\(s\), found it 2 time\(s\)\n    Fix: fix it"):
        replace_exactly("a x b x", "x", "y", 3, "here", "fix it")


def test_the_defer_rewrite_of_materials_scripts_fails_when_a_script_tag_is_not_found():
    """overrides/main.html defers Material's bundle and every extra_javascript through the filter
    page_rendering.on_env registers: a block whose tags changed stops the build."""
    env = page_rendering.on_env(jinja2.Environment(), None, None)
    main = (Path(__file__).resolve().parents[2] / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "super() | hb_replace_exactly('<script src=', '<script defer src=', 1 + config.extra_javascript | length)" in main
    template = env.from_string("{{ block | hb_replace_exactly('<script src=', '<script defer src=', 1 + extra | length) }}")
    scripts = '<script src="bundle.js"></script><script src="a.js"></script>'
    assert template.render(block=scripts, extra=["a.js"]).count("<script defer src=") == 2
    with pytest.raises(HandbookError, match="overrides/main.html"):
        template.render(block='<script type="module" src="bundle.js"></script><script src="a.js"></script>', extra=["a.js"])


def test_permalink_titles_are_translated_or_the_build_stops():
    zh = alternates.PERMALINK_TITLE["zh-TW"]
    page = f'<h2 id="a">A<a class="headerlink" href="#a" title="{zh}">&para;</a></h2>'
    assert 'title="Link to this section"' in alternates.permalink_titles(page, "en", "p.en.md")
    changed = page.replace(zh, "Permanent link")  # toc's permalink_title no longer the one translated
    with pytest.raises(HandbookError, match="p.en.md: heading permalinks"):
        alternates.permalink_titles(changed, "en", "p.en.md")
