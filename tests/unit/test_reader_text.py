"""The reader-text rules (hooks/handbook/reader_text.py): each rule flags a bad input at the right
line with the right fix, and leaves good Taiwan-style text alone."""

from handbook import reader_text as rt
from handbook.datafiles import parse_yaml
from handbook.sources import parse_page

PAGE = "docs/x/page.zh-TW.md"
GLOSSARY = {"terms": [
    {"id": "inquiry", "zh-TW": "詢價", "en": "inquiry", "avoid": {"zh-TW": ["詢盤"], "en": ["enquiry"]}},
    {"id": "moq", "zh-TW": "最低訂購量", "en": "MOQ", "avoid": {"zh-TW": ["最小起訂量", "起訂量"]}},
    {"id": "quotation", "zh-TW": "報價單", "en": "quotation", "avoid": {"en": ["offer sheet"]}},
    {"id": "bulk-production", "zh-TW": "量產貨", "en": "bulk production", "avoid": {"zh-TW": ["大貨"]}},
]}
AVOIDED = rt.avoided_variants(GLOSSARY, house={"zh-TW": {"你方": "貴公司"}})
ALLOWED = rt.allowed_texts({"terms": [{"text": "業界也稱「大貨」", "reason": "explains the jargon"}]})


def page(text, rel=PAGE):
    """The PageSource of a Markdown text, as the build reads it."""
    source, problems = parse_page(rel, rel.removeprefix("docs/"), text)
    assert not problems
    return source


def lines(*texts, start=1):
    return list(enumerate(texts, start=start))


# --------------------------------------------------------------------------- source talk


def test_source_talk_flags_both_languages_at_their_line():
    found = rt.source_talk(PAGE, lines("第一行沒問題。", "原文把這句寫錯了。", "原始資料建議先寄信。",
                                       "句型庫已更正。", start=10))
    assert [p.line for p in found] == [11, 12, 13]
    assert all("Don't say X (why); say Y" in p.fix for p in found)
    english = rt.source_talk("docs/a.en.md", lines(
        "The source gives this phrase.", "More natural than the source's wording.",
        "The numbers follow the original list.", "Corrected the verb and the dots."))
    assert [p.line for p in english] == [1, 2, 3, 4]


def test_source_talk_leaves_ordinary_text_and_allowed_texts_alone():
    good = lines("Find where the delay comes from before you answer.",
                 "Send a corrected invoice the same day.",
                 "客戶說原料漲價了，報價要更新。",
                 "Note the source and the date of every check.")
    assert rt.source_talk("docs/a.en.md", good, ["Note the source and the date"]) == []


def test_source_talk_does_not_apply_to_maintainer_pages():
    text = "# 翻譯狀態\n\n原文與譯文的對照。\n"
    assert rt.page_problems(page(text, "docs/maintainers/status.zh-TW.md"), AVOIDED, ALLOWED) == []
    assert [p.line for p in rt.page_problems(page(text, "docs/guide.zh-TW.md"), AVOIDED, ALLOWED)] == [3]


# --------------------------------------------------------------------------- avoided terms


def test_avoided_chinese_variant_names_the_headword():
    found = rt.avoided_terms(PAGE, lines("收到客戶的詢盤後，先查背景。", "最小起訂量是 500 件。"), "zh-TW", AVOIDED)
    assert [(p.line, p.fix.split(" instead")[0]) for p in found] == [(1, "write 「詢價」"), (2, "write 「最低訂購量」")]
    assert "「最小起訂量」" in found[1].message  # the longest variant, reported once


def test_avoided_english_variant_is_whole_word_and_any_case():
    found = rt.avoided_terms("docs/a.en.md", lines("Answer every Enquiry within a day.", "Send the offer sheets.",
                                                   "The enquiryform is a made-up word."), "en", AVOIDED)
    assert [(p.line, p.fix.split(" instead")[0]) for p in found] == [(1, "write 「inquiry」"), (2, "write 「quotation」")]


def test_avoided_terms_skip_allowed_texts_code_and_links():
    good = lines("量產貨（業界也稱「大貨」）要等樣品確認。", "設定值 `詢盤` 只在程式碼裡。",
                 "見[說明](../inquiry/詢盤.md)。", "您方便的時間再談。")
    assert rt.avoided_terms(PAGE, good, "zh-TW", AVOIDED, ALLOWED) == []
    assert len(rt.avoided_terms(PAGE, lines("大貨和樣品一起出。"), "zh-TW", AVOIDED, ALLOWED)) == 1


def test_avoided_variants_merge_glossary_and_house_wording():
    assert AVOIDED["zh-TW"]["詢盤"] == "詢價" and AVOIDED["zh-TW"]["你方"] == "貴公司"
    assert AVOIDED["en"]["enquiry"] == "inquiry"


def test_avoided_term_names_where_its_rule_lives():
    glossary = rt.avoided_terms(PAGE, lines("收到詢盤。"), "zh-TW", AVOIDED)
    house = rt.avoided_terms(PAGE, lines("你方的報價。"), "zh-TW", AVOIDED)
    assert "`avoid:` of the term inquiry in docs/_data/glossary.yml" in glossary[0].message
    assert "the house wording avoids" in house[0].message
    assert "HOUSE_WORDING in hooks/handbook/reader_text.py" in house[0].message


def test_house_wording_taiwan_trade_words():
    """The house words of the trade (conventions): 國外業務/出口, 承攬業者, 全部回覆, 高階款 …"""
    avoided = rt.avoided_variants({"terms": [
        {"id": "telex-release", "zh-TW": "電放", "en": "telex release", "avoid": {"zh-TW": ["電報放貨"]}}]})
    found = rt.avoided_terms(PAGE, lines(
        "我做外貿業務三年了。", "先問貨代船期。", "提單已經電報放貨了。", "不要按回覆全部。", "高階款和進階款。",
        "查證公司是否真實存在。", "寫一封有針對性的信。", "雙方進行討論。", "這件事要升級處理。"), "zh-TW", avoided)
    assert [(p.line, p.fix.split(" instead")[0]) for p in found] == [
        (1, "write 「國際貿易、出口（行業）或國外業務（職務）」"), (2, "write 「承攬業者」"), (3, "write 「電放」"),
        (4, "write 「全部回覆（Outlook 的按鈕名稱）」"), (5, "write 「高階款」"),
        (6, "write 「確實存在（或：是不是真的有這家公司）」"), (7, "write 「具體、量身打造的（依句意改寫）」"),
        (8, "write 「討論」"), (9, "write 「交給主管處理、往上呈報」")]
    assert "glossary.yml" in found[2].message and "HOUSE_WORDING" in found[0].message
    good = lines("我是國外業務，做出口三年了。", "先問承攬業者船期。", "尾款到了才電放。", "按全部回覆前先想一想。",
                 "討論進行中。", "外貿協會辦的展覽。")
    assert rt.avoided_terms(PAGE, good, "zh-TW", avoided, ["外貿協會"]) == []


# --------------------------------------------------------------------------- Chinese punctuation


def test_half_width_marks_next_to_han():
    found = rt.chinese_punctuation(PAGE, lines("先確認交期,再報價。", "注意:價格含運費。", "最低訂購量(MOQ)是多少？",
                                               "**重點**:先問清楚。"))
    assert [p.line for p in found] == [1, 2, 3, 3, 4]
    assert "「，」" in found[0].fix and "「：」" in found[1].fix and "「（」" in found[2].fix and "「）」" in found[3].fix


def test_western_quotes_around_chinese():
    found = rt.chinese_punctuation(PAGE, lines('他說"好的"就掛了。', "他說“好的”就掛了。"))
    assert [(p.line, p.fix.split(" (")[0]) for p in found] == [(1, "write 「好的」"), (2, "write 「好的」")]


def test_western_quotes_around_english_in_chinese_text():
    found = rt.chinese_punctuation(PAGE, lines('開頭寫 "As discussed" 就好。', "改說 “Thanks for your call”。",
                                               '用 「As discussed」 開頭。'))
    assert [(p.line, p.fix.split(":")[0]) for p in found] == [(1, "write 「As discussed」"),
                                                           (2, "write 「Thanks for your call」")]
    assert "Western quotation marks in Chinese text" in found[0].message
    english = rt.check_lines("docs/a.en.md", lines('Say "As discussed" first.'), "en", AVOIDED, [])
    assert english == []


def test_space_between_chinese_and_latin_digits_or_placeholders():
    found = rt.chinese_punctuation(PAGE, lines("報FCA [place]。", "收到30%訂金後3個工作天。", "我是[company]的[name]。",
                                               "我是 [company] 的 [name]，報 FCA [place]、30% 訂金、3 個工作天。",
                                               "見[報價單](../q.md)，PI單", "用 `FOB基隆` 報價。"), allowed=["PI單"])
    assert [(p.line, p.message.split("「")[1].split("」")[0]) for p in found] == [
        (1, "報F"), (2, "到3"), (2, "%訂"), (2, "後3"), (2, "3個"), (3, "是[company]"), (3, "[company]的"),
        (3, "的[name]")]
    assert all("half-width space" in p.fix for p in found)


def test_ellipsis_in_chinese_text():
    found = rt.chinese_punctuation(PAGE, lines("我們的立場是...", "您必須…否則", "您必須……否則"))
    assert [p.line for p in found] == [1, 2]
    assert all("「……」" in p.fix for p in found)


def test_catalog_phrases_write_the_chinese_ellipsis_too():
    text = ('phrases:\n  - id: a\n    situation: s\n    en: "Our position is …"\n    zh-TW: "我們的立場是…"\n'
            '  - id: b\n    situation: s\n    en: "So you mean …?"\n    zh-TW: "所以您的意思是……？"\n')
    data, _ = parse_yaml(text, "docs/_data/phrases.yml")
    found = rt.data_problems("docs/_data/phrases.yml", data, AVOIDED, ALLOWED)
    assert [(p.line, p.fix) for p in found] == [(5, "write the Chinese ellipsis 「……」 (two …, no dots)")]


def test_doubled_closing_marks():
    found = rt.chinese_punctuation(PAGE, lines("寫上一句「Valid until [date].」（有效期限至 [date]。）。",
                                               "他說：「好。」。", "真的嗎？。", "他問：「可以嗎？」"))
    assert [p.line for p in found] == [1, 2, 3]
    assert "「。）」" in found[0].fix and "「）。」" in found[0].fix
    assert "「？」" in found[2].fix


def test_good_taiwan_text_with_english_code_links_and_ids():
    good = lines(
        "客戶問「Can you do better?」（能再便宜一點嗎？）時，先問目標價。",
        "用 `FOB Keelung` 報價，見[報價單](../quoting/professional-quotation.md#validity)。",
        "## 報價的有效期限 {#validity}",
        '!!! tip "先問清楚"',
        "<!-- phrase h11-clarify -->",
        '<span class="hb-note" title="x">說明</span>',
        "網址是 https://example.com/a,b:c 。",
        "例如：FOB, CIF, DAP。",
        "英文說「You must … otherwise …」（您必須……否則……）。",
        "報 FCA [place] 或 CIP [destination]，30% 訂金，3 個工作天內回覆 [name]。",
        "時間是 10:00，地點在台北。",
    )
    assert rt.chinese_punctuation(PAGE, good) == []
    assert rt.source_talk(PAGE, good) == []


def test_english_pages_get_no_chinese_punctuation_rules():
    problems = rt.check_lines("docs/a.en.md", lines("Say (politely) what you need: a date, a price..."), "en", AVOIDED, [])
    assert problems == []


# --------------------------------------------------------------------------- pages and data files


def test_page_lines_skip_fenced_code_and_front_matter_keys():
    text = "---\ntags: [原文]\n---\n# 標題\n\n```text\n原文, 詢盤\n```\n收到詢盤,先回覆。\n"
    found = rt.page_problems(page(text), AVOIDED, ALLOWED)
    assert {(p.line, p.message.split(" ")[0]) for p in found} == {(9, "「詢盤」"), (9, "half-width")}


def test_front_matter_title_description_and_questions_are_reader_text():
    text = ('---\ntitle: 報價\ndescription: "收到詢盤怎麼回？"\ntags:\n  - 原文\nquestions:\n'
            '  - 客戶要 "報價單" 怎麼辦？\n  - 客戶嫌太貴怎麼辦？\n---\n正文。\n')
    assert rt.front_matter_lines(page(text)) == [(2, "報價"), (3, "收到詢盤怎麼回？"), (7, '客戶要 "報價單" 怎麼辦？'),
                                           (8, "客戶嫌太貴怎麼辦？")]
    found = rt.page_problems(page(text), AVOIDED, ALLOWED)
    assert sorted((p.line, p.message.split(" ")[0]) for p in found) == [(3, "「詢盤」"), (7, "Western")]
    # Without front matter, a line that looks like a key is body text, read once.
    assert rt.front_matter_lines(page("# 標題\ndescription: 詢盤\n")) == []


def test_data_file_texts_report_the_key_line():
    text = (
        "phrases:\n"
        "  - id: h1-ask\n"
        "    situation: quoting\n"
        "    en: \"Could you send the enquiry form?\"\n"
        "    zh-TW: \"能請您把詢價表寄來嗎？我們的價格是……\"\n"
        "    note:\n"
        "      en: \"More natural than the source's wording.\"\n"
        "      zh-TW: \"收到詢盤,當天回覆。\"\n"
        "    source: \"原文 enquiry\"\n"
    )
    data, problems = parse_yaml(text, "docs/_data/phrases.yml")
    assert problems == []
    found = rt.data_problems("docs/_data/phrases.yml", data, AVOIDED, ALLOWED)
    assert sorted((p.line, p.message.split(" ")[0]) for p in found) == [
        (4, "「enquiry」"), (7, "talks"), (8, "half-width"), (8, "「詢盤」")]
    # The phrase's …… is the Chinese ellipsis; the maintainers' `source` is not reader text.


def test_real_docs_run_without_error():
    from pathlib import Path
    docs = Path(__file__).resolve().parents[2] / "docs"
    problems = rt.docs_problems(docs)
    assert all(p.path.startswith("docs/") and p.fix for p in problems)
