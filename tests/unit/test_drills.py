"""Conversation drills (hooks/handbook/drills.py): each check with a bad input and the good one,
the schema, the markers and what a drill renders."""

import json
import re
from pathlib import Path

import pytest

from handbook import drills
from handbook.datafiles import load_schema, parse_yaml, schema_problems
from handbook.markers import find_markers
from handbook.phrases import Catalog

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = load_schema(ROOT / "docs/_data/schemas/drills.schema.json")
CATALOG = Catalog({"phone-incoming": {"en": "Calls", "zh-TW": "來電"}}, [
    {"id": "g-say-again", "situation": "phone-incoming", "topic": "t", "en": "Sorry, could you say it again?",
     "zh-TW": "不好意思，可以再說一次嗎？"},
    {"id": "g-glad", "situation": "phone-incoming", "topic": "t", "en": "Glad to speak with you.",
     "zh-TW": "很高興跟您說話。", "kind": "dont-say", "instead": "g-say-again"},
    {"id": "g-slot", "situation": "phone-incoming", "topic": "t", "en": "Hello, [name] <speaking>.",
     "zh-TW": "您好，我是 [name]。"},
])


def option(reply: str, grade: str, nxt: str) -> str:
    return (f"          - {reply}\n            grade: {grade}\n            next: {nxt}\n"
            f"            feedback: {{zh-TW: 因為這樣比較好。, en: Because it works.}}\n")


def step(sid: str, nxt: str, says: str = "Hello?") -> str:
    return (f"      - id: {sid}\n        says: \"{says}\"\n        options:\n"
            + option("phrase: g-say-again", "best", nxt) + option("say: \"What?\"", "wrong", nxt)
            + option("phrase: g-slot", "ok", nxt))


def drill_text(steps=None) -> str:
    steps = steps or [step("s1", "s2"), step("s2", "s3"), step("s3", "s4"), step("s4", "s5"), step("s5", "end")]
    return ("drills:\n  - id: d\n    title: {zh-TW: 練習, en: Drill}\n    situation: {zh-TW: 有人來電。, en: A call.}\n"
            "    caller: \"Ann, buyer in Oslo\"\n    steps:\n" + "".join(steps))


def load(text: str):
    data, problems = parse_yaml(text, "d.yml")
    assert not problems, problems
    return data


def check(text: str) -> list:
    data = load(text)
    assert schema_problems(data, SCHEMA, "d.yml") == []
    return drills.check_drills(data["drills"], CATALOG, "d.yml")


def messages(text: str) -> list[str]:
    return [p.message for p in check(text)]


def test_a_good_drill_passes():
    assert check(drill_text()) == []
    assert [s["id"] for s in drills.best_path(load(drill_text())["drills"][0])] == ["s1", "s2", "s3", "s4", "s5"]


def test_the_schema_asks_for_feedback_in_both_languages_and_three_options():
    text = drill_text().replace("feedback: {zh-TW: 因為這樣比較好。, en: Because it works.}", "feedback: {en: Because.}", 1)
    found = schema_problems(load(text), SCHEMA, "d.yml")
    assert any("missing 'zh-TW'" in p.message and "drill d, step s1" in p.message for p in found)
    text = drill_text().replace(option("phrase: g-slot", "ok", "s2"), "", 1)
    assert any("is too short" in p.message for p in schema_problems(load(text), SCHEMA, "d.yml"))


def test_unknown_next_step_with_did_you_mean():
    [problem] = check(drill_text().replace("next: s3", "next: s33", 1))
    assert problem.message == "drill d, step s2: next 's33' is no step (did you mean 's3'?)"


def test_a_step_nothing_reaches():
    steps = [step("s1", "s2"), step("s2", "s3"), step("s3", "s4"), step("s4", "s5"), step("s5", "end"), step("lost", "end")]
    [problem] = check(drill_text(steps))
    assert problem.message == "drill d, step lost: no path from the first step (s1) reaches it"


def test_a_path_that_never_ends():
    steps = [step("s1", "s2"), step("s2", "s3"), step("s3", "s4"), step("s4", "s5"), step("s5", "s3")]
    found = messages(drill_text(steps))
    assert any("a path never ends (loop s3 -> s4 -> s5 -> s3)" in m for m in found), found


def test_a_step_without_a_best_reply():
    text = drill_text().replace("grade: best", "grade: ok", 1)
    assert messages(text) == ["drill d, step s1: no best reply"]


def test_unknown_phrase_id_with_did_you_mean():
    [problem] = check(drill_text().replace("phrase: g-say-again", "phrase: g-say-agian", 1))
    assert problem.message == "drill d, step s1: unknown phrase id 'g-say-agian' (did you mean 'g-say-again'?)"


def test_a_dont_say_phrase_only_as_a_wrong_reply():
    best = drill_text().replace("phrase: g-say-again", "phrase: g-glad", 1)
    found = check(best)
    assert [p.message for p in found] == ["drill d, step s1: 'g-glad' is a don't-say phrase graded 'best'"]
    assert "'g-say-again'" in found[0].fix
    wrong = drill_text().replace('say: "What?"', "phrase: g-glad", 1)
    assert check(wrong) == []


def test_reply_is_phrase_or_say_and_a_catalog_phrase_uses_its_id():
    both = drill_text().replace("- phrase: g-say-again", "- phrase: g-say-again\n            say: Hi", 1)
    assert "a reply needs exactly one of 'phrase' or 'say'" in messages(both)[0]
    same = drill_text().replace('say: "What?"', 'say: "Sorry, could you say it again?"', 1)
    [problem] = check(same)
    assert "catalog phrase 'g-say-again' word for word" in problem.message


def test_feedback_in_the_right_language():
    text = drill_text().replace("{zh-TW: 因為這樣比較好。, en: Because it works.}", "{zh-TW: Because., en: 因為。}", 1)
    assert messages(text) == ["drill d, step s1: the Chinese feedback has no Chinese",
                              "drill d, step s1: the English feedback has Chinese"]


def test_best_path_length():
    short = [step("s1", "s2"), step("s2", "s3"), step("s3", "s4"), step("s4", "end"), step("s5", "end")]
    first = short[0]
    wrong = first.index("next: s2", first.index("next: s2") + 1)
    short[0] = first[:wrong] + "next: s5" + first[wrong + len("next: s2"):]  # a wrong reply's branch reaches s5
    found = messages(drill_text(short))
    assert found == ["drill d: the best path has 4 steps"], found


def test_duplicate_drill_and_step_ids():
    text = drill_text()
    two = text + text.split("drills:\n", 1)[1]
    assert any("duplicate drill id 'd'" in m for m in messages(two))
    dup = drill_text([step("s1", "s2"), step("s2", "s3"), step("s3", "s4"), step("s4", "s5"), step("s5", "end"),
                      step("s2", "end")])
    assert any("step s2: duplicate step id" in m for m in messages(dup))


def test_markers():
    known = {"d": {}}
    [unknown] = find_markers("<!-- drill dd -->")
    [(message, fix)] = drills.check_marker(unknown, known)
    assert message == "unknown drill 'dd' in <!-- drill dd --> (did you mean 'd'?)" and "docs/_data/drills.yml" in fix
    [bare] = find_markers("<!-- drill -->")
    assert "malformed drill marker" in drills.check_marker(bare, known)[0][0]
    [listed] = find_markers("<!-- drill-list x -->")
    assert "takes no arguments" in drills.check_marker(listed, known)[0][0]
    [good] = find_markers("<!-- drill d -->")
    assert drills.check_marker(good, known) == [] and drills.check_marker(unknown, None) == []


def test_unused_drill():
    drill = load(drill_text())["drills"][0]
    [problem] = drills.unused({"d": drill}, set(), "d.yml")
    assert problem.message == "drill d: placed on no page" and problem.line == drill.line
    assert drills.unused({"d": drill}, {"d"}, "d.yml") == []
    assert drills.phrase_ids(drill) == {"g-say-again", "g-slot"}


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_a_drill_renders_a_script_and_its_game_data(lang):
    drill = load(drill_text())["drills"][0]
    html = drills.render_drill(drill, CATALOG, lang, "../../")
    assert 'data-drill="d"' in html and 'id="drill-d"' in html
    assert '<script src="../../assets/javascripts/drills.js" defer></script>' in html
    assert html.count('class="hb-drill__turn"') == 5  # the best path, as a script
    assert html.count("<q lang=\"en\">Sorry, could you say it again?</q>") == 5
    match = re.search(r'data-drill-steps="([^"]*)"', html)
    data = json.loads(match.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&lt;", "<")
                      .replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&"))
    assert data["id"] == "d" and data["len"] == 5 and len(data["steps"]) == 5
    assert data["book"] == "../../" + ("phrasebook/" if lang == "zh-TW" else "en/phrasebook/")
    first = data["steps"][0]["o"]
    assert sorted(o["g"] for o in first) == ["best", "ok", "wrong"]
    assert {o["f"] for o in first} == {"因為這樣比較好。" if lang == "zh-TW" else "Because it works."}
    assert [o["n"] for o in first] == [1, 1, 1] and data["steps"][4]["o"][0]["n"] == -1
    best = next(o for o in first if o["g"] == "best")
    assert best["p"] == "g-say-again" and ("z" in best) == (lang == "zh-TW")
    assert "<speaking>" not in html  # phrase text is escaped
