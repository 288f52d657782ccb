import re
import xml.etree.ElementTree as etree

from handbook import prose


def run(xml, rule):
    root = etree.fromstring(xml)
    prose.apply(root, rule)
    return etree.tostring(root, encoding="unicode")


def test_language_tags_wrap_runs_in_text_and_tails_but_not_in_code_or_tagged_elements():
    rule = prose.language_tags("en")
    out = run('<div><p>Say 你好 now <code>中文</code> then 再見。</p><p lang="zh-TW">中文</p></div>', rule)
    assert out == ('<div><p>Say <span lang="zh-TW">你好</span> now <code>中文</code> then '
                   '<span lang="zh-TW">再見。</span></p><p lang="zh-TW">中文</p></div>')


def test_english_runs_need_three_words_on_chinese_pages():
    out = run("<p>請說 Thank you 或 Thank you very much。</p>", prose.language_tags("zh-TW"))
    assert out == '<p>請說 Thank you 或 <span lang="en">Thank you very much</span>。</p>'


def test_tooltips_skip_links_headings_and_quoted_phrases():
    rule = prose.tooltip(re.compile("quote"), lambda word: "報價")
    out = run('<div><h2>quote</h2><p>a quote <a href="x">quote</a> <q>quote</q></p></div>', rule)
    assert out == '<div><h2>quote</h2><p>a <abbr title="報價">quote</abbr> <a href="x">quote</a> <q>quote</q></p></div>'


def test_mark_runs_escapes_and_tags():
    assert str(prose.mark_runs("說 <b>Thank you so much</b>", "zh-TW")) == \
        '說 &lt;b&gt;<span lang="en">Thank you so much</span>&lt;/b&gt;'
