"""The extension on real Python-Markdown, with the handbook's own extension settings."""

import markdown
import pytest

from handbook import build
from handbook.datafiles import parse_yaml
from handbook.markdown_ext import HandbookExtension
from handbook.markers import Content
from handbook.phrases import check_catalog
from handbook.problems import HandbookError

from .test_phrases import FIXTURE

HANDBOOK = build.Handbook()  # the extension reads the build under way through it, as in a real build
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc", "pymdownx.superfences", "pymdownx.tasklist",
              HandbookExtension(HANDBOOK)]
TERMS = [{"id": "quotation", "zh-TW": "報價單", "en": "quotation", "aliases": {"zh-TW": ["報價"], "en": ["quote"]},
          "definition": {"zh-TW": "正式的價格文件。", "en": "A formal price document."}}]


@pytest.fixture
def convert(monkeypatch):
    data, _ = parse_yaml(FIXTURE, "p.yml")
    catalog, _ = check_catalog(data, "p.yml")
    state = build.Build(content=Content(catalog=catalog, terms=TERMS, quizzes={}))
    monkeypatch.setattr(HANDBOOK, "build", state)

    def run(text, lang="en", checkbox=True):
        state.page.lang = lang
        md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"pymdownx.tasklist": {"custom_checkbox": checkbox}})
        return md.convert(text)

    return run


def test_marker_output_is_never_parsed_as_markdown(convert):
    html = convert("Say <!-- phrase send-samples --> today.\n\n<!-- phrases topic=samples -->\n")
    assert html.count("*today*") == 2 and "<em>" not in html and "&lt;samples&gt;" in html


def test_a_block_marker_inside_a_callout_stays_in_it(convert):
    html = convert('!!! tip "x"\n    <!-- phrases topic=samples -->\n')
    assert html.index('class="admonition tip"') < html.index('class="hb-phrases') < html.rindex("</div>")


def test_markers_in_code_are_text(convert):
    assert "&lt;!-- phrase send-samples --&gt;" in convert("`<!-- phrase send-samples -->`")


def test_the_full_listing_heading_reaches_the_toc(convert):
    md = markdown.Markdown(extensions=EXTENSIONS)
    convert("x")  # sets the page language
    md.convert("<!-- phrases all -->\n")
    assert [t["id"] for t in md.toc_tokens] == ["dont-say"]


def test_checklist_items_become_labelled_boxes_keyed_by_their_id(convert):
    html = convert("- [ ] Pen and *paper* ready {#pen-and-paper}\n    - nested\n- [x] Done {#done}\n")
    assert '<li class="task-list-item hb-check" data-check-id="pen-and-paper">' in html
    assert '<input type="checkbox" id="check-pen-and-paper" aria-label="Pen and paper ready"/>' in html
    assert "{#" not in html and "disabled" not in html


def test_unexpected_tasklist_markup_fails_instead_of_losing_ticks(convert):
    with pytest.raises(HandbookError, match="pymdownx.tasklist's markup is not what"):
        convert("- [ ] Pen ready {#pen}\n", checkbox=False)


def test_tooltips_and_language_tags_in_prose_only(convert):
    html = convert("# The quotation\n\nSend the quotation to 報價單 team. `quotation` [quote](x.md)\n")
    assert '<abbr title="報價單: A formal price document.">quotation</abbr> to' in html
    assert '<span lang="zh-TW">報價單</span>' in html
    assert "<h1 id=\"the-quotation\">The quotation</h1>" in html
    assert "<code>quotation</code>" in html and ">quote</a>" in html


def test_chinese_terms_inside_a_chinese_run_get_their_tooltip(convert):
    html = convert("請把報價單寄給客戶，Please send it now today.", lang="zh-TW")
    assert '<abbr title="quotation：正式的價格文件。">報價單</abbr>' in html
    assert '<span lang="en">Please send it now today.</span>' in html
