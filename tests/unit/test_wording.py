from handbook import wording
from handbook.sources import PageSource


def test_suggestions_show_the_word_in_context_and_honour_exceptions():
    line = "請與客戶聯系確認。"
    assert wording.suggest(line, [], [line, "請與客戶聯繫確認。"]) == [("戶聯系確認", "戶聯繫確認")]  # two characters of context
    assert wording.suggest(line, ["聯系"], [line, "請與客戶聯繫確認。"]) == []


def test_wording_problems_name_file_and_line():
    lines = wording.chinese_lines([("docs/a.md", "English only\n請聯系客戶")])
    assert lines == [("docs/a.md", 2, "請聯系客戶")]
    [problem] = wording.wording_problems(lines, (["請聯系客戶"], ["請聯繫客戶"]), [])
    assert (problem.path, problem.line) == ("docs/a.md", 2) and "聯繫" in problem.fix


def test_english_sentences_on_chinese_pages_need_their_chinese():
    page = PageSource("docs/p.zh-TW.md", "p", "zh-TW",
                      "說 Please send the price list.\n說 Please send the price list.（請寄價目表。）\n說 We will call you back.", {})
    problems = wording.english_sentence_problems(page, {"We will call you back."})
    assert [p.line for p in problems] == [1]


def test_one_change_is_one_suggestion_of_whole_words():
    # s2twp writes 打開 as 開啟: one change (delete 打, insert 啟), never 「開型」 or 「打開啟型錄」
    line = "請打開型錄第三頁"
    assert wording.suggest(line, [], ["請開啟型錄第三頁", line]) == [("請打開型錄", "請開啟型錄")]
    # both conversions changing the same place: reported once
    assert len(wording.suggest("這個信息", [], ["這個資訊", "這個資訊"])) == 1
    # an allowed word next to a change stays out of it
    assert wording.suggest("文件平台", ["文件"], ["檔案平臺"]) == [("件平台", "件平臺")]


def test_the_converter_asks_opencc_only_for_lines_it_has_not_converted_before():
    converter = wording.Converter()
    try:
        converter.send(["這個軟件很好用", "資訊"])
        assert converter.sent == ["這個軟件很好用", "資訊"]
        direct, _ = converter.receive()
        assert direct == ["這個軟體很好用", "資訊"]  # OpenCC's Taiwan phrases (s2twp)
        converter.send(["資訊", "請聯系客戶", "這個軟件很好用"])
        assert converter.sent == ["請聯系客戶"]  # the other two are remembered
        direct, round_trip = converter.receive()
        assert direct[0::2] == ["資訊", "這個軟體很好用"] and round_trip[1] == "請聯繫客戶"  # through Simplified and back
        converter.send(["資訊"])  # nothing new: no request at all
        assert converter.sent == [] and converter.writer is None
        assert converter.receive() == (["資訊"], ["資訊"])
    finally:
        converter.stop()
