from pathlib import Path

from handbook import phrases
from handbook.datafiles import parse_yaml
from handbook.markers import find_markers

FIXTURE = (Path(__file__).parent / "fixtures/phrases.yml").read_text(encoding="utf-8")


def catalog():
    data, _ = parse_yaml(FIXTURE, "p.yml")
    result, problems = phrases.check_catalog(data, "p.yml")
    assert problems == []
    return result


def test_pair_checks():
    assert phrases.check_pair("Hello.", "Hello.", "phrase")[0][0] == "the zh-TW phrase is identical to the English (untranslated)"
    assert "has no Chinese characters" in phrases.check_pair("Hello.", "Hi.", "phrase")[0][0]
    assert "placeholders differ" in phrases.check_pair("Dear [name],", "您好，", "phrase")[0][0]
    assert "ellipses differ" in phrases.check_pair("As agreed, …", "如約定。", "phrase")[0][0]
    assert "three dots" in phrases.check_pair("As agreed...", "如約定……", "phrase")[0][0]
    assert "names a person" in phrases.check_pair("Mr. Lee is here.", "他在這裡。", "phrase")[0][0]
    assert phrases.check_pair("Dear [name],", "[name] 您好，", "phrase") == []


def test_chinese_ellipsis_counts_as_one():
    assert phrases.ellipses("如我們約定的……") == 1 and phrases.ellipses("…對您來說重要嗎？……") == 2
    assert phrases.check_pair("As agreed, …", "如我們約定的……", "phrase") == []
    assert phrases.check_pair("So you mean …, is that right?", "所以您的意思是……，對嗎？", "phrase") == []
    [(message, fix)] = phrases.check_pair("As agreed, … and …", "如我們約定的……", "phrase")
    assert message == "ellipses differ: en has 2, zh-TW has 1" and "…… in Chinese" in fix


def test_dont_say_instead_must_name_a_say_phrase():
    data, _ = parse_yaml(FIXTURE.replace("instead: understand", "instead: calm-down"), "p.yml")
    result, [problem] = phrases.check_catalog(data, "p.yml")
    assert result is None and "instead names 'calm-down', which is not a 'say' phrase" in problem.message
    assert problem.line == 10


def test_a_dont_say_row_is_followed_by_the_phrase_to_say_instead():
    rows = phrases.table_rows([catalog().by_id["calm-down"]], catalog(), "en")
    assert [(r["id"], r["kind"]) for r in rows] == [("calm-down", "dont-say"), ("understand", "say-instead")]


def test_table_escapes_text_marks_slots_and_never_shows_maintainer_fields():
    c = catalog()
    html = phrases.render_table(c.phrases, c, "zh-TW")
    assert "&lt;樣品&gt;" in html and "*today*" in html and "<samples>" not in html
    assert '<var class="hb-slot">[name]</var>' in html
    assert 'class="hb-dont-say"' in html and 'class="hb-say-instead"' in html and "不要這樣說" in html
    assert "CALM DOWN" not in html and "maintainers only" not in html
    assert html.index("<th") < html.index("中文") < html.index("英文")  # the page's language first
    assert html.count('id="phrase-understand"') == 1 and html.count('data-phrase-id="understand"') == 1  # shown once, as the pair


def test_the_full_listing_shows_dont_say_apart():
    c = catalog()
    [marker] = find_markers("<!-- phrases all -->")
    output = phrases.render_marker(marker, c, "en")
    main, heading, apart = output.partition("## Phrases not to use {#dont-say}")
    assert heading, "the don't-say phrases have their own section, headed in the page's language"
    assert 'data-phrase-id="calm-down"' not in main and 'id="phrase-calm-down"' in apart


def test_inline_phrase_on_a_chinese_page_has_its_translation():
    [marker] = find_markers("Say <!-- phrase understand --> now.")
    html = phrases.render_marker(marker, catalog(), "zh-TW")
    assert html.startswith('<q class="hb-phrase-inline" lang="en">I understand, <var class="hb-slot">[name]</var>')
    assert '<span class="hb-phrase-gloss" lang="zh-TW">（' in html


def test_marker_checks():
    c = catalog()
    check = lambda text: phrases.check_marker(next(find_markers(text)), c)
    assert check("<!-- phrases topic=anger -->") == [] and check("<!-- phrases all -->") == []
    assert "unknown phrase topic 'nope'" in check("<!-- phrases topic=nope -->")[0][0]
    assert "unknown phrase id 'nope'" in check("<!-- phrase nope -->")[0][0]
    assert "malformed phrase marker" in check("<!-- phrases topic=a b -->")[0][0]


def test_placing_a_dont_say_phrase_places_its_instead():
    assert phrases.placed_ids(next(find_markers("<!-- phrases ids=calm-down -->")), catalog()) == {"calm-down", "understand"}


def test_downloads_mark_the_kind_and_anki_never_teaches_a_dont_say_phrase():
    c = catalog()
    rows = phrases.csv_rows(c)
    assert phrases.CSV_COLUMNS[1] == "kind" and [r[1] for r in rows] == ["dont-say", "say", "say"]
    cards = phrases.anki_cards(c)
    assert cards[0][0] == "Don't say: Calm down. -> Say instead: I understand, [name]. Let me check."
    assert all(front != "Calm down." for front, *_ in cards)
    assert [card[3] for card in cards] == ["handbook-phrase-calm-down", "handbook-phrase-understand",
                                           "handbook-phrase-send-samples"]  # the note's id: the phrase's


def test_a_phrase_to_say_instead_of_two_dont_say_phrases_has_its_anchor_once():
    second = ('  - id: relax\n    situation: phone\n    topic: anger\n    kind: dont-say\n    instead: understand\n'
              '    en: "Relax."\n    zh-TW: "放輕鬆。"\n')
    data, _ = parse_yaml(FIXTURE.replace("  - id: understand\n", second + "  - id: understand\n"), "p.yml")
    c, problems = phrases.check_catalog(data, "p.yml")
    assert problems == []
    for chosen in (["calm-down", "relax"], ["calm-down", "relax", "understand"]):
        html = phrases.render_table([c.by_id[i] for i in chosen], c, "en")
        assert html.count('data-phrase-id="understand"') == 2  # after each don't-say phrase
        assert html.count('id="phrase-understand"') == ("understand" in chosen)  # an id is unique in a page
