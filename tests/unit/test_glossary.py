import random
import re

from handbook import glossary
from handbook.datafiles import parse_yaml
from handbook.disk_cache import JsonCache

TERMS = """terms:
  - {id: quotation, zh-TW: 報價單, en: quotation, aliases: {zh-TW: [報價], en: [quote]},
     definition: {zh-TW: 正式的價格文件。, en: A formal price document.}}
  - {id: sample, zh-TW: 樣品, en: sample, definition: {zh-TW: 樣本。, en: A sample.}}
"""


def terms(text=TERMS):
    data, _ = parse_yaml(text, "g.yml")
    return data["terms"]


def test_a_word_under_two_terms_and_duplicate_ids_are_problems():
    text = TERMS + "  - {id: sample, zh-TW: 報價, en: other, definition: {zh-TW: 甲。, en: A.}}\n"
    messages = [p.message for p in glossary.check_terms(terms(text), "g.yml")]
    assert "duplicate term id 'sample' (first used on line 4)" in messages
    assert "term sample: zh-TW term '報價' is also listed under 'quotation'" in messages
    assert glossary.check_terms(terms(), "g.yml") == []


def test_english_matches_whole_words_and_plurals_chinese_matches_inside_runs():
    pattern, title = glossary.tooltip_rule(terms(), "en")
    assert [m.group(0) for m in pattern.finditer("Two quotations, a quote, no quotationing, samples")] == \
        ["quotations", "quote", "samples"]
    assert title("Quotations") == "報價單: A formal price document."
    pattern, title = glossary.tooltip_rule(terms(), "zh-TW")
    assert [m.group(0) for m in pattern.finditer("請寄報價單和樣品")] == ["報價單", "樣品"]  # longest first
    assert title("報價") == "quotation：正式的價格文件。"


def test_alternatives_as_a_trie_match_as_the_list_longest_first():
    words = ["報價單", "報價", "報", "price", "prices", "price too high", "price list", "l/c", "lc", "p"]
    assert glossary.alternatives(["報價單", "報價", "樣品"]) == "(?:報價(?:單)?|樣品)"
    assert glossary.alternatives(["s", "ſ"], re.I) == "s|ſ"  # ſ matches s: the plain list
    rng = random.Random(1)
    for flags in (0, re.I):
        flat = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")(?:e?s)?\\b", flags)
        trie = re.compile(f"(?:{glossary.alternatives(words, flags)})(?:e?s)?\\b", flags)
        for _ in range(300):
            text = rng.choice(["", " ", "x"]).join(rng.choice(words + ["Price", "es", " "]) for _ in range(5))
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], text


def test_glossary_table_is_sorted_and_escaped():
    text = TERMS.replace("A sample.", "A <b>sample</b>.")
    html = glossary.render_table(terms(text), "en")
    assert html.index('id="term-quotation"') < html.index('id="term-sample"')
    assert "A &lt;b&gt;sample&lt;/b&gt;." in html and '<td lang="zh-TW">報價單</td>' in html



def test_chinese_glossary_is_in_zhuyin_order_latin_first():
    words = ["報價單", "背景調查", "MOQ", "銀行", "交期", "長度", "付款條件"]
    ordered = [t["zh-TW"] for t in glossary.sort_terms([{"zh-TW": w} for w in words], "zh-TW")]
    # ㄅㄟˋ 背 < ㄅㄠˋ 報 < ㄈㄨˋ 付 < ㄐㄧㄠ 交 < ㄔㄤˊ 長 < ㄧㄣˊ 銀 (銀行 read háng, 長度 cháng)
    assert ordered == ["MOQ", "背景調查", "報價單", "付款條件", "交期", "長度", "銀行"]


def test_zhuyin_readings_are_kept_in_the_cache_folder(tmp_path):
    words = ["報價單", "銀行"]
    read = glossary.zhuyin_readings(words, JsonCache(tmp_path))
    assert read == glossary.zhuyin_readings(words)  # the same as without a cache
    [kept] = tmp_path.glob("*.json")
    kept.write_text('{"報價單": ["甲", "乙", "丙"], "銀行": ["丁", "戊"]}', encoding="utf-8")
    assert glossary.zhuyin_readings(words, JsonCache(tmp_path))["銀行"] == ["丁", "戊"]  # read from the folder
    assert glossary.zhuyin_readings(["銀行"], JsonCache(tmp_path)) == {"銀行": read["銀行"]}  # other words: other file
    kept.write_text("not json", encoding="utf-8")
    assert glossary.zhuyin_readings(words, JsonCache(tmp_path)) == read  # a broken file is read again
    assert glossary.zhuyin_readings(words, JsonCache(tmp_path / "missing" / "folder")) == read
