"""Conversation drills in real Chromium on the built site, both languages: every drill played to
its end along the best replies (feedback on the way, a remembered result), a wrong reply that
branches to a harder line and ends with phrases to review linked to the phrasebook, the result
in the practice list and the onboarding progress, keyboard only, speech (hidden without an English
voice; normal and slow with a stand-in voice), listening mode, and the script without JavaScript
and in print.

Expected values come from docs/_data/drills.yml and the phrase catalog (and the hook's own
best_path), not from the built pages.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, data_file

pytestmark = pytest.mark.slow  # a real browser

PAGES_ONLY = True  # reads pages, not the PDFs: the quick build (conftest `site`)

from handbook.drills import best_path  # noqa: E402

LANGS = ("zh-TW", "en")
PREFIX = {"zh-TW": "", "en": "en/"}
KEY = "handbook.drills.v1:"
DRILLS = data_file("drills")["drills"]
BY_ID = {d["id"]: d for d in DRILLS}
PHRASES = {p["id"]: p for p in data_file("phrases")["phrases"]}
DONE = {"zh-TW": "練習完成", "en": "Drill complete"}
SCORE = {"zh-TW": "得分 {s} / {m}", "en": "Score {s} / {m}"}
START = {"zh-TW": "開始練習", "en": "Start the drill"}


def reply_text(option: dict) -> str:
    return PHRASES[option["phrase"]]["en"] if "phrase" in option else option["say"]


def drill(page, drill_id: str):
    return page.locator(f'[data-drill="{drill_id}"]')


def choose(section, option: dict):
    """Click the reply whose English is the option's (the page shows the replies in its own order)."""
    text = reply_text(option)
    buttons = section.locator(".hb-drill__choice")
    texts = buttons.locator(".hb-drill__reply").all_inner_texts()
    assert text in texts, f"{text!r} is not among the replies {texts}"
    buttons.nth(texts.index(text)).click()


def play(page, drill_id: str, lang: str, pick) -> list[dict]:
    """Play a drill to its end choosing pick(step) each time; checks the caller's line and the
    feedback at every step; returns the options chosen."""
    data = BY_ID[drill_id]
    steps = {s["id"]: s for s in data["steps"]}
    section = drill(page, drill_id)
    section.get_by_role("button", name=START[lang]).click()
    chosen, step = [], data["steps"][0]
    while True:
        expect(section.locator(".hb-drill__turn--caller").last.locator(".hb-drill__line")).to_have_text(step["says"])
        option = pick(step)
        choose(section, option)
        feedback = section.locator('.hb-drill__feedback[role="status"]')
        expect(feedback).to_contain_text(option["feedback"][lang])
        chosen.append(option)
        section.locator(".hb-drill__next").click()
        if option["next"] == "end":
            break
        step = steps[option["next"]]
    expect(section).to_have_attribute("data-drill-state", "done")
    return chosen


def best(step):
    return next(o for o in step["options"] if o["grade"] == "best")


def stored(page, drill_id: str) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY + drill_id)
    return json.loads(raw) if raw else None


@pytest.mark.parametrize("lang", LANGS)
def test_every_drill_plays_to_its_end_and_is_remembered(page, base_url, lang):
    page.goto(f"{base_url}{PREFIX[lang]}practice/")
    for data in DRILLS:
        chosen = play(page, data["id"], lang, best)
        steps = len(best_path(data))
        assert len(chosen) == steps
        section = drill(page, data["id"])
        result = section.locator(".hb-drill__result")
        expect(result).to_contain_text(DONE[lang])
        expect(result.locator(".hb-drill__score")).to_have_text(SCORE[lang].format(s=2 * steps, m=2 * steps))
        expect(result).to_be_focused()
        remembered = stored(page, data["id"])
        assert remembered and remembered["score"] == remembered["max"] == 2 * steps and remembered["best"] == steps
        expect(page.locator(f'[data-drill-result="{data["id"]}"]')).to_have_attribute("data-drill-done", "true")
    page.reload()
    expect(page.locator("[data-drill-done]")).to_have_count(len(DRILLS))
    expect(drill(page, DRILLS[0]["id"]).locator(".hb-drill__last")).not_to_be_empty()


def test_a_wrong_reply_branches_and_the_result_lists_phrases_to_review(page, base_url):
    data = BY_ID["call-not-understood"]
    page.goto(f"{base_url}phone/incoming-calls/")
    wrong = lambda step: next(o for o in step["options"] if o["grade"] == "wrong")  # noqa: E731
    chosen = play(page, "call-not-understood", "zh-TW", wrong)
    assert chosen[0]["next"] == "s1b"  # the rude reply gets a harder line
    section = drill(page, "call-not-understood")
    expect(section.locator(".hb-drill__turn--you.hb-drill__turn--wrong")).to_have_count(len(chosen))
    review = section.locator(".hb-drill__review li")
    steps = {s["id"]: s for s in data["steps"]}
    path, step = [], data["steps"][0]
    for option in chosen:
        path.append(best(step))
        step = steps.get(option["next"])
    expected = list(dict.fromkeys(reply_text(o) for o in path))
    expect(review).to_have_count(len(expected))
    first = review.first.locator("a.hb-drill__book")
    phrase_id = path[0]["phrase"]
    assert first.get_attribute("href").endswith(f"phrasebook/#phrase-{phrase_id}")
    first.click()
    expect(page.locator(f"#phrase-{phrase_id}")).to_be_visible()
    remembered = stored(page, "call-not-understood")
    assert remembered["score"] == 0 and remembered["steps"] == len(chosen)
    # The onboarding path counts it, in both languages.
    for lang in LANGS:
        page.goto(f"{base_url}{PREFIX[lang]}onboarding/")
        expect(page.locator("[data-hb-progress]")).to_have_attribute("data-drills-done", "1")


def test_a_drill_by_keyboard_alone(page, base_url):
    page.goto(f"{base_url}en/negotiation/closing/")
    section = drill(page, "price-objection")
    section.get_by_role("button", name=START["en"]).focus()
    page.keyboard.press("Enter")
    expect(section.locator(".hb-drill__turn--caller").last).to_be_focused()  # the caller's line is read first
    for _ in range(len(best_path(BY_ID["price-objection"])) + 3):
        if section.get_attribute("data-drill-state") == "done":
            break
        for _ in range(6):  # Tab to the first reply
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('hb-drill__choice')"):
                break
        page.keyboard.press("Enter")
        expect(section.locator(".hb-drill__next")).to_be_focused()
        page.keyboard.press("Enter")
    expect(section).to_have_attribute("data-drill-state", "done")
    assert stored(page, "price-objection")


def test_speech_is_hidden_without_an_english_voice(page, base_url):
    page.goto(f"{base_url}practice/")
    section = drill(page, "colleague-out")
    section.get_by_role("button", name=START["zh-TW"]).click()
    expect(section.locator(".hb-drill__speak")).to_have_count(2)
    expect(section.locator(".hb-drill__speak").first).to_be_hidden()
    expect(section.locator(".hb-drill__hide")).to_be_hidden()


FAKE_VOICE = """(() => {
  window.__spoken = [];
  const synth = {getVoices: () => [{lang: 'en-US', localService: true, name: 'Test English'}],
                 speak: u => window.__spoken.push({text: u.text, rate: u.rate, lang: u.lang}),
                 cancel: () => {}, addEventListener: () => {}};
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();"""


def test_speech_normal_and_slow_and_listening_mode_with_an_english_voice(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(FAKE_VOICE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}en/practice/")
    data = BY_ID["late-shipment"]
    section = drill(page, data["id"])
    section.locator(".hb-drill__hide input").check()
    section.get_by_role("button", name=START["en"]).click()
    line = section.locator(".hb-drill__turn--caller .hb-drill__line").first
    expect(line).to_be_hidden()  # listening mode: the line is heard first
    spoken = page.evaluate("window.__spoken")
    assert spoken == [{"text": data["steps"][0]["says"], "rate": 1, "lang": "en-US"}]
    section.get_by_role("button", name="Play this line slowly").click()
    assert page.evaluate("window.__spoken")[-1]["rate"] < 1
    section.get_by_role("button", name="Show this line").click()
    expect(line).to_be_visible()
    assert not errors
    context.close()


def test_without_javascript_and_in_print_a_drill_reads_as_a_script(browser, base_url):
    data = BY_ID["quality-complaint"]
    path = best_path(data)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for lang in LANGS:
        page.goto(f"{base_url}{PREFIX[lang]}negotiation/when-things-go-wrong/")
        script = drill(page, data["id"]).locator(".hb-drill__script")
        expect(script).to_be_visible()
        expect(script.locator(".hb-drill__turn")).to_have_count(len(path))
        for n, step in enumerate(path):
            turn = script.locator(".hb-drill__turn").nth(n)
            expect(turn.locator(".hb-drill__says q")).to_have_text(step["says"])
            expect(turn.locator(".hb-drill__best q")).to_have_text(re.sub(r"\s+", " ", reply_text(best(step))))
            expect(turn.locator(".hb-drill__why")).to_contain_text(best(step)["feedback"][lang])
    context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}en/negotiation/when-things-go-wrong/")
    section = drill(page, data["id"])
    expect(section.locator(".hb-drill__script")).to_be_hidden()
    page.emulate_media(media="print")
    expect(section.locator(".hb-drill__script")).to_be_visible()
    expect(section.locator(".hb-drill__app")).to_be_hidden()
    context.close()
