"""The onboarding path and the wiki features, in real Chromium on the built site: checklist ticks
(remembered, cleared, keyboard, accessible names, shared between languages, under a sub-path),
the onboarding progress view, the self-check quizzes (and their hook's checks of bad data), the
phrasebook filter and listen buttons, and the phrasebook CSV and Anki downloads.

Expected values come from the sources (the page files, docs/_data/*.yml), not from the built
pages, so a broken renderer or script makes these tests fail.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, copy_project, data_file, mkdocs_build, report_entries, serve

# A real browser on many pages (about 40 s): not in the quick loop.
pytestmark = pytest.mark.slow


PAGES_ONLY = True  # reads pages, not the PDFs: the quick build (conftest `site`)

from handbook import quizzes as quiz_hook  # noqa: E402
from handbook.datafiles import load_schema, parse_yaml, schema_problems  # noqa: E402

LANGS = ("zh-TW", "en")
PREFIX = {"zh-TW": "", "en": "en/"}
KEY_PREFIX = "handbook.checklists.v1:"
CATALOG = data_file("phrases")
PHRASES = CATALOG["phrases"]
SITUATIONS = CATALOG["situations"]
QUIZZES = {q["id"]: q for q in data_file("quizzes")["quizzes"]}
TASK = re.compile(r"^\s*[-*+] \[[ xX]\] (?P<text>.*?)\s*\{#(?P<id>[a-z0-9-]+)\}\s*$")
PROGRESS = {
    "zh-TW": lambda done, total: f"已完成 {done} / {total} 步",
    "en": lambda done, total: f"{done} of {total} steps done",
}
RESET = {"zh-TW": "清除勾選", "en": "Clear ticks"}
LISTEN = {"zh-TW": "朗讀英文", "en": "Listen"}
COUNT = {
    "zh-TW": lambda shown, total: f"顯示 {shown} / {total} 句",
    "en": lambda shown, total: f"Showing {shown} of {total} phrases",
}


def url(base_url: str, lang: str, path: str) -> str:
    return f"{base_url}{PREFIX[lang]}{path}"


def checklist_items(page_base: str, lang: str) -> list[tuple[str, str]]:
    """(id, text) of the checklist items of a page source, in order."""
    text = (ROOT / "docs" / f"{page_base}.{lang}.md").read_text(encoding="utf-8")
    return [(m.group("id"), m.group("text")) for m in map(TASK.match, text.split("\n")) if m]


def stored(page, path: str) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY_PREFIX + path)
    return json.loads(raw) if raw is not None else None


def tick_by_click(page, item_id: str):
    """Click where the reader sees the box: Material draws it over the (transparent) input."""
    target = box(page, item_id)
    target.scroll_into_view_if_needed()
    area = target.bounding_box()
    assert area, f"checklist item {item_id} is not on the page"
    page.mouse.click(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)


def box(page, item_id: str):
    return page.locator(f'li.hb-check[data-check-id="{item_id}"] input[type="checkbox"]')


# --------------------------------------------------------------------------- checklists


@pytest.mark.parametrize("lang", LANGS)
def test_ticks_survive_a_reload_and_reset_clears_them(page, base_url, lang):
    first, second = [item_id for item_id, _ in checklist_items("phone/incoming-calls", lang)][:2]
    page.goto(url(base_url, lang, "phone/incoming-calls/"))
    expect(box(page, first)).not_to_be_checked()
    reset = page.locator(f'ul:has(> li[data-check-id="{first}"]) + button.hb-check-reset')
    expect(reset).to_be_hidden()  # nothing ticked yet

    tick_by_click(page, first)
    expect(box(page, first)).to_be_checked()
    assert stored(page, "/phone/incoming-calls/") == {first: True}

    page.reload()
    expect(box(page, first)).to_be_checked()
    expect(box(page, second)).not_to_be_checked()
    expect(reset).to_be_visible()
    expect(reset).to_have_text(RESET[lang])

    reset.click()
    expect(box(page, first)).not_to_be_checked()
    assert stored(page, "/phone/incoming-calls/") is None
    page.reload()
    expect(box(page, first)).not_to_be_checked()
    expect(reset).to_be_hidden()


def test_reset_clears_only_its_own_checklist(page, base_url):
    page.goto(url(base_url, "zh-TW", "phone/incoming-calls/"))
    lists = page.locator("ul:has(> li.hb-check)")
    assert lists.count() >= 2, "the page should have two checklists"
    a = lists.nth(0).locator(":scope > li.hb-check").first.get_attribute("data-check-id")
    b = lists.nth(1).locator(":scope > li.hb-check").first.get_attribute("data-check-id")
    tick_by_click(page, a)
    tick_by_click(page, b)
    lists.nth(0).locator("xpath=following-sibling::*[1][self::button]").click()
    expect(box(page, a)).not_to_be_checked()
    expect(box(page, b)).to_be_checked()
    assert stored(page, "/phone/incoming-calls/") == {b: True}


def test_ticks_are_shared_between_the_languages(page, base_url):
    item_id = checklist_items("phone/incoming-calls", "zh-TW")[-1][0]
    page.goto(url(base_url, "zh-TW", "phone/incoming-calls/"))
    tick_by_click(page, item_id)
    page.goto(url(base_url, "en", "phone/incoming-calls/"))
    expect(box(page, item_id)).to_be_checked()
    assert stored(page, "/phone/incoming-calls/") == {item_id: True}


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_space_ticks_a_box(page, base_url, lang):
    item_id = checklist_items("quoting/professional-quotation", lang)[0][0]
    page.goto(url(base_url, lang, "quoting/professional-quotation/"))
    target = box(page, item_id)
    target.focus()
    expect(target).to_be_focused()
    page.keyboard.press("Space")
    expect(target).to_be_checked()
    assert stored(page, "/quoting/professional-quotation/") == {item_id: True}
    page.keyboard.press("Space")
    expect(target).not_to_be_checked()


@pytest.mark.parametrize("lang", LANGS)
def test_checkboxes_have_accessible_names(page, base_url, lang):
    items = checklist_items("phone/incoming-calls", lang)
    page.goto(url(base_url, lang, "phone/incoming-calls/"))
    item_id, text = items[0]
    named = page.get_by_role("checkbox", name=text, exact=True)
    expect(named).to_have_count(1)
    assert named.get_attribute("id") == f"check-{item_id}"
    # Every tickable box on the page has a non-empty name.
    expect(page.get_by_role("checkbox", name=re.compile(r"\S"))).to_have_count(len(items))


def test_ticks_work_under_a_sub_path(page, site, tmp_path):
    """Served as http://host/handbook/, the key is still relative to the site root."""
    (tmp_path / "handbook").symlink_to(site, target_is_directory=True)
    root_url, server = serve(tmp_path)
    try:
        item_id = checklist_items("phone/incoming-calls", "en")[0][0]
        page.goto(f"{root_url}handbook/en/phone/incoming-calls/")
        tick_by_click(page, item_id)
        assert stored(page, "/phone/incoming-calls/") == {item_id: True}
        page.goto(f"{root_url}handbook/phone/incoming-calls/")
        expect(box(page, item_id)).to_be_checked()
        page.goto(f"{root_url}handbook/onboarding/")
        keys = [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith(KEY_PREFIX)]
        assert keys == [KEY_PREFIX + "/phone/incoming-calls/"]
    finally:
        server.shutdown()


# --------------------------------------------------------------------------- onboarding


def test_onboarding_pages_have_the_same_steps_with_links():
    steps = {lang: checklist_items("onboarding/index", lang) for lang in LANGS}
    ids = [item_id for item_id, _ in steps["zh-TW"]]
    assert ids == [item_id for item_id, _ in steps["en"]]
    assert ids[:5] == [f"w1-d{n}" for n in range(1, 6)]
    assert {item_id.split("-")[0] for item_id in ids} == {"w1", "w2", "w3", "w4"}
    # Ticks are stored by id in readers' browsers: a published step keeps its id (new steps get new ids).
    published = {f"w1-d{n}" for n in range(1, 6)} | {f"w2-s{n}" for n in range(1, 6)} | \
        {f"w3-s{n}" for n in range(1, 6)} | {f"w4-s{n}" for n in range(1, 4)} | \
        {"w1-chat", "w3-quality", "w4-objections", "w4-after-order"}
    assert published <= set(ids), sorted(published - set(ids))
    for lang in LANGS:
        text = (ROOT / f"docs/onboarding/index.{lang}.md").read_text(encoding="utf-8")
        assert 'data-hb-progress' in text.split("{#w1-d1}")[0], "the progress view comes before the path"
        for item_id, _ in steps[lang]:
            block = text.split(f"{{#{item_id}}}")[1].split("\n- [ ]")[0]
            assert re.search(r"\]\(\.\./[^)]+\.md\)", block), f"{lang} step {item_id} links no page"


def test_onboarding_progress_counts_the_ticks(page, base_url):
    steps = [item_id for item_id, _ in checklist_items("onboarding/index", "zh-TW")]
    total = len(steps)
    page.goto(url(base_url, "zh-TW", "onboarding/"))
    view = page.locator("[data-hb-progress]")
    count = view.locator(".hb-progress__count")
    bar = view.locator("progress")
    expect(count).to_have_text(PROGRESS["zh-TW"](0, total))
    expect(bar).to_have_attribute("max", str(total))

    for item_id in (steps[0], steps[1], steps[6]):
        tick_by_click(page, item_id)
    expect(count).to_have_text(PROGRESS["zh-TW"](3, total))
    assert bar.evaluate("el => el.value") == 3
    assert count.get_attribute("aria-live") == "polite"

    page.reload()
    expect(count).to_have_text(PROGRESS["zh-TW"](3, total))

    page.goto(url(base_url, "en", "onboarding/"))
    count = page.locator("[data-hb-progress] .hb-progress__count")
    expect(count).to_have_text(PROGRESS["en"](3, total))
    tick_by_click(page, steps[1])  # untick
    expect(count).to_have_text(PROGRESS["en"](2, total))
    # The week-1 list's reset clears week 1 only (days 1-5 and the chat step); the week-2 tick stays.
    page.locator(f'ul:has(> li[data-check-id="{steps[0]}"]) + button.hb-check-reset').click()
    expect(count).to_have_text(PROGRESS["en"](1, total))
    assert stored(page, "/onboarding/") == {steps[6]: True}


# --------------------------------------------------------------------------- quizzes


def quiz_pages() -> dict[str, list[str]]:
    """quiz id -> page bases that place it (from the zh-TW sources)."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "docs").rglob("*.zh-TW.md")):
        for qid in re.findall(r"^<!--\s*quiz\s+([a-z0-9-]+)\s*-->\s*$", path.read_text(encoding="utf-8"), re.M):
            base = path.relative_to(ROOT / "docs").as_posix().removesuffix(".zh-TW.md")
            found.setdefault(qid, []).append(base)
    return found


def test_the_required_quizzes_are_placed():
    placed = quiz_pages()
    for base in ("talking/five-taboos", "phone/incoming-calls", "quoting/professional-quotation"):
        assert any(base in bases for bases in placed.values()), f"{base} has no quiz"
    assert any(b in bases for bases in placed.values()
               for b in ("negotiation/closing", "negotiation/when-things-go-wrong"))
    assert set(placed) == set(QUIZZES), "every quiz is placed on a page"


@pytest.mark.parametrize("lang", LANGS)
def test_every_quiz_is_rendered_accessibly(site, lang):
    for qid, bases in quiz_pages().items():
        for base in bases:
            html_text = (site / PREFIX[lang] / base / "index.html").read_text(encoding="utf-8")
            block = html_text.split(f'data-quiz-id="{qid}"', 1)[1]
            questions = QUIZZES[qid]["questions"]
            assert block.count("<fieldset") >= len(questions)
            for n, question in enumerate(questions, start=1):
                form = block.split(f'id="quiz-{qid}-{n}"', 1)[1].split("</form>", 1)[0]
                assert "<legend>" in form and 'role="status"' in form and 'aria-live="polite"' in form
                assert form.count('type="radio"') == len(question["options"])
                assert form.count("<label") == len(question["options"])
                # Without the script (and in the PDF) the button is hidden: the <details> answers.
                assert re.search(r'<button type="submit"[^>]*\bhidden\b', form)
                assert '<details class="hb-quiz-answer">' in form


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_gives_right_and_wrong_feedback_with_the_explanation(page, base_url, lang):
    qid, base = "five-taboos", "talking/five-taboos"
    question = QUIZZES[qid]["questions"][0]
    words = quiz_hook.TEXT[lang]
    explanation = " ".join(question["explanation"][lang].split())
    page.goto(url(base_url, lang, base + "/"))
    form = page.locator(f"#quiz-{qid}-1")
    feedback = form.locator(".hb-quiz-feedback")
    expect(form.locator(".hb-quiz-answer")).to_be_hidden()  # the script gives the answer

    form.locator(".hb-quiz-check").click()
    expect(feedback).to_have_text(words["choose"])

    wrong = 1 if question["correct"] != 1 else 2
    form.get_by_role("radio", name=question["options"][wrong - 1][lang], exact=True).check()
    form.locator(".hb-quiz-check").click()
    expect(feedback).to_contain_text(words["wrong"])
    expect(feedback).to_contain_text(question["options"][question["correct"] - 1][lang])
    assert " ".join(feedback.inner_text().split()).endswith(explanation)
    expect(form).to_have_attribute("data-result", "wrong")

    correct = form.get_by_role("radio", name=question["options"][question["correct"] - 1][lang], exact=True)
    correct.focus()
    page.keyboard.press("Space")  # keyboard only: choose the answer, Tab to the button, press Enter
    expect(correct).to_be_checked()
    expect(feedback).to_be_empty()  # a new choice clears the old verdict
    page.keyboard.press("Tab")
    expect(form.locator(".hb-quiz-check")).to_be_focused()
    page.keyboard.press("Enter")
    expect(feedback).to_contain_text(words["right"])
    expect(feedback).to_contain_text(explanation[:20])
    expect(form).to_have_attribute("data-result", "right")


QUIZ_SCHEMA = load_schema(ROOT / "docs/_data/schemas/quizzes.schema.json")


def _validate(text: str, path: str = "docs/_data/quizzes.yml"):
    """The problems the build reports for a quizzes.yml text: its schema, then the checks a schema
    cannot express."""
    data, problems = parse_yaml(text, path)
    problems = problems or schema_problems(data, QUIZ_SCHEMA, path)
    return problems or quiz_hook.check_quizzes(data["quizzes"], path)


GOOD_QUESTION = """
      - prompt: {zh-TW: 哪一句合適？, en: Which fits?}
        options:
          - {zh-TW: 甲, en: A}
          - {zh-TW: 乙, en: B}
        correct: 2
        explanation: {zh-TW: 因為乙比較好。, en: Because B is better.}
"""


@pytest.mark.parametrize("broken, message", [
    ("- id: a\n    questions:" + GOOD_QUESTION.replace("en: Which fits?", "en: ''"), "question 1, prompt, en: is empty"),
    ("- id: a\n    questions:" + GOOD_QUESTION.replace("{zh-TW: 乙, en: B}", "{en: B}"), "option 2: missing 'zh-TW'"),
    ("- id: a\n    questions:" + GOOD_QUESTION.replace("correct: 2", "correct: 3"), "correct is 3, but there are only 2"),
    ("- id: a\n    questions:" + GOOD_QUESTION.replace("correct: 2", "correct: 0"), "0 is less than the minimum of 1"),
    ("- id: a\n    questions:" + GOOD_QUESTION.replace("correct: 2", "correct: true"), "correct: must be integer"),
    ("- id: a\n    questions:" + GOOD_QUESTION.replace("correct: 2", "correct: 2\n        hint: x"), "unknown field 'hint'"),
    ("- id: a\n    colour: red\n    questions:" + GOOD_QUESTION, "unknown field 'colour'"),
    ("- id: a\n    questions:" + GOOD_QUESTION + "  - id: a\n    questions:" + GOOD_QUESTION, "duplicate quiz id 'a'"),
    ("- id: Bad_Id\n    questions:" + GOOD_QUESTION, "not lowercase"),
    ("- id: a\n    questions: []\n", "quiz a, questions: [] should be non-empty"),
    ("- id: a\n    questions:" + GOOD_QUESTION.replace("en: Because B is better.", "fr: Parce que."), "unknown field 'fr'"),
])
def test_quiz_data_problems_name_file_line_and_fix(broken, message):
    problems = _validate("quizzes:\n  " + broken)
    assert problems, f"not detected: {message}"
    found = [p for p in problems if message in p.message]
    assert found, f"{message!r} not in {[p.message for p in problems]}"
    assert all(p.path == "docs/_data/quizzes.yml" and p.line and p.fix for p in found)


def test_valid_quiz_data_passes():
    assert _validate("quizzes:\n  - id: a\n    questions:" + GOOD_QUESTION) == []
    # And the project's own file is valid.
    assert _validate((ROOT / "docs/_data/quizzes.yml").read_text(encoding="utf-8")) == []


def test_quiz_chinese_is_checked_for_taiwan_wording(tmp_path):
    """The wording check (hooks/handbook/wording.py) reads every data file, the quizzes included."""
    project = copy_project(tmp_path / "project")
    quizzes = project / "docs/_data/quizzes.yml"
    text = quizzes.read_text(encoding="utf-8")
    first_chinese = re.search(r"zh-TW: (.*[\u4e00-\u9fff].*)", text)
    assert first_chinese, "no Chinese text found in quizzes.yml"
    line = text[: first_chinese.start()].count("\n") + 1
    quizzes.write_text(text[: first_chinese.start(1)] + "請聯系客戶。" + text[first_chinese.end(1):], encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", env={"HANDBOOK_PDF": "0"})
    assert result.returncode != 0
    log = result.stdout + result.stderr
    entries = [e for e in report_entries(log) if e[0] == "docs/_data/quizzes.yml" and e[1] == line]
    assert entries, log[-2000:]
    assert "聯系" in entries[0][2] and "聯繫" in entries[0][3]


def test_unknown_quiz_marker_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/talking/five-taboos.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- quiz five-taboos -->", "<!-- quiz five-taboo -->"),
                    encoding="utf-8")
    zh = project / "docs/talking/five-taboos.zh-TW.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("<!-- quiz five-taboos -->", "<!-- quiz five-taboo -->"),
                  encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site", env={"HANDBOOK_PDF": "0"})
    assert result.returncode != 0
    log = result.stdout + result.stderr
    entries = [e for e in report_entries(log) if "unknown quiz 'five-taboo'" in e[2]]
    assert {e[0] for e in entries} == {"docs/talking/five-taboos.en.md", "docs/talking/five-taboos.zh-TW.md"}, log[-2000:]
    assert all(e[1] and e[3] for e in entries)


# --------------------------------------------------------------------------- phrasebook


def expected_rows(lang: str, term: str = "", situation: str = "") -> int:
    """How many phrasebook rows show for a filter, computed from the catalog."""
    term = term.lower()
    count = 0
    for p in PHRASES:
        texts = [p["en"], p["zh-TW"], (p.get("note") or {}).get(lang, ""), SITUATIONS[p["situation"]][lang]]
        if situation and p["situation"] != situation:
            continue
        if term and not any(term in t.lower() for t in texts):
            continue
        count += 1
    return count


def visible_rows(page):
    """The phrases the filter shows (a don't-say pair's "say instead" row repeats a phrase listed
    with the others: it shows with its pair and is not a row of its own)."""
    return page.locator("table.hb-phrase-table tbody tr[data-phrase-id]:not(.hb-say-instead):visible")


@pytest.mark.parametrize("lang", LANGS)
def test_phrasebook_filter_narrows_rows_as_you_type(page, base_url, lang):
    total = len(PHRASES)
    page.goto(url(base_url, lang, "phrasebook/"))
    field = page.get_by_label(re.compile("搜尋句型|Search phrases"))
    counter = page.locator(".hb-filter__count")
    expect(counter).to_have_text(COUNT[lang](total, total))
    assert counter.get_attribute("aria-live") == "polite"

    for term in ("報價", "QUOTATION", "[date]"):
        want = expected_rows(lang, term)
        assert 0 < want < total, f"pick another sample term than {term!r}"
        field.fill(term)
        field.dispatch_event("input")
        expect(visible_rows(page)).to_have_count(want)
        expect(counter).to_have_text(COUNT[lang](want, total))
        for text in visible_rows(page).all_inner_texts():
            assert term.lower() in text.lower()

    field.fill("zzqqxx")
    expect(visible_rows(page)).to_have_count(0)
    expect(page.locator(".hb-filter__none")).to_be_visible()
    field.fill("")
    expect(visible_rows(page)).to_have_count(total)
    expect(page.locator(".hb-filter__none")).to_be_hidden()


@pytest.mark.parametrize("lang", LANGS)
def test_phrasebook_situation_select_narrows_rows(page, base_url, lang):
    total = len(PHRASES)
    page.goto(url(base_url, lang, "phrasebook/"))
    select = page.get_by_label(re.compile("^(情境|Situation)$"))
    used = [s for s in SITUATIONS if any(p["situation"] == s for p in PHRASES)]
    options = select.locator("option")
    expect(options).to_have_count(len(used) + 1)
    assert options.all_inner_texts()[1:] == [SITUATIONS[s][lang] for s in used]

    situation = "phone-incoming"
    select.select_option(situation)
    want = expected_rows(lang, situation=situation)
    expect(visible_rows(page)).to_have_count(want)
    expect(page.locator(".hb-filter__count")).to_have_text(COUNT[lang](want, total))
    assert set(visible_rows(page).evaluate_all("rows => rows.map(r => r.dataset.situation)")) == {situation}

    # Both filters together.
    page.get_by_label(re.compile("搜尋句型|Search phrases")).fill("email")
    expect(visible_rows(page)).to_have_count(expected_rows(lang, "email", situation))
    select.select_option("")
    expect(visible_rows(page)).to_have_count(expected_rows(lang, "email"))


FAKE_SPEECH = """
(() => {
  const voices = %s;
  const listeners = [];
  let available = %s;
  window.__spoken = [];
  const fake = {
    getVoices: () => (available ? voices : []),
    speak: (u) => window.__spoken.push({text: u.text, lang: u.lang}),
    cancel: () => {},
    addEventListener: (type, f) => { if (type === "voiceschanged") listeners.push(f); },
  };
  window.__loadVoices = () => { available = true; listeners.forEach((f) => f(new Event("voiceschanged"))); };
  Object.defineProperty(window, "speechSynthesis", {value: fake, configurable: true});
})();
"""
ENGLISH = '[{name: "Test English", lang: "en-US", localService: true}]'
CHINESE_ONLY = '[{name: "Test Chinese", lang: "zh-TW", localService: true}]'


def spoken_form(text: str) -> str:
    return re.sub(r"\[([a-z0-9-]+)\]", lambda m: m.group(1).replace("-", " "), text)


@pytest.mark.parametrize("lang", LANGS)
def test_listen_buttons_speak_english_without_brackets(page, base_url, lang):
    page.add_init_script(FAKE_SPEECH % (ENGLISH, "true"))
    page.goto(url(base_url, lang, "phone/incoming-calls/"))
    cells = page.locator("table.hb-phrase-table tr:not(.hb-dont-say) td.hb-phrase-en")
    buttons = page.get_by_role("button", name=LISTEN[lang], exact=True)
    expect(buttons).to_have_count(cells.count())
    assert page.locator("tr.hb-dont-say").count() > 0, "the page has a don't-say phrase (it gets no button)"
    assert cells.count() > 0
    phrase = next(p for p in PHRASES if p["topic"] == "incoming-answer" and "[" in p["en"])
    page.locator(f'tr[data-phrase-id="{phrase["id"]}"] .hb-listen').click()
    spoken = page.evaluate("window.__spoken")
    assert spoken == [{"text": spoken_form(phrase["en"]), "lang": "en-US"}]
    assert "[" not in spoken[0]["text"]


def test_listen_buttons_on_the_phrasebook_appear_when_voices_load_late(page, base_url):
    page.add_init_script(FAKE_SPEECH % (ENGLISH, "false"))
    page.goto(url(base_url, "en", "phrasebook/"))
    expect(page.locator(".hb-listen")).to_have_count(0)
    page.evaluate("window.__loadVoices()")
    # One per phrase to say: the phrasebook's phrases and each don't-say pair's "say instead"
    # row; none on a phrase not to say.
    pairs = sum(1 for p in PHRASES if p.get("kind") == "dont-say")
    say_phrases = len(PHRASES) - pairs
    expect(page.locator(".hb-listen")).to_have_count(say_phrases + pairs)
    expect(page.locator("tr.hb-dont-say .hb-listen")).to_have_count(0)


@pytest.mark.parametrize("voices", [CHINESE_ONLY, None])
def test_no_listen_buttons_without_an_english_voice(page, base_url, voices):
    if voices is None:
        page.add_init_script("Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true})")
    else:
        page.add_init_script(FAKE_SPEECH % (voices, "true"))
    page.goto(url(base_url, "zh-TW", "phrasebook/"))
    expect(page.locator(".hb-filter")).to_be_visible()  # the rest of the page still works
    expect(page.locator(".hb-listen")).to_have_count(0)


# --------------------------------------------------------------------------- downloads


def download(page, pattern: str) -> bytes:
    link = page.locator(f'a[href$="{pattern}"]').first
    expect(link).to_be_visible()
    href = link.evaluate("a => a.href")  # resolved against the page, as a browser would
    with urllib.request.urlopen(href, timeout=30) as response:
        assert response.status == 200
        return response.read()


@pytest.mark.parametrize("lang", LANGS)
def test_phrasebook_csv_download_parses(page, base_url, lang):
    page.goto(url(base_url, lang, "phrasebook/"))
    data = download(page, "phrasebook.csv")
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel shows the Chinese"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[0] == "id" and "en" in header and "zh-TW" in header
    assert len(body) == len(PHRASES)
    by_id = {row[0]: dict(zip(header, row)) for row in body}
    assert set(by_id) == {p["id"] for p in PHRASES}
    for p in PHRASES:
        assert by_id[p["id"]]["en"] == p["en"] and by_id[p["id"]]["zh-TW"] == p["zh-TW"]


@pytest.mark.parametrize("lang", LANGS)
def test_phrasebook_anki_download_has_headers_and_one_line_per_phrase(page, base_url, lang):
    page.goto(url(base_url, lang, "phrasebook/"))
    lines = download(page, "phrasebook-anki.txt").decode("utf-8").splitlines()
    headers = [line for line in lines if line.startswith("#")]
    notes = [line for line in lines if line and not line.startswith("#")]
    assert "#separator:tab" in headers and "#html:false" in headers
    assert lines[: len(headers)] == headers, "header lines come first"
    assert len(notes) == len(PHRASES)
    fronts = [line.split("\t")[0] for line in notes]
    assert all(len(line.split("\t")) >= 2 for line in notes)
    by_id = {p["id"]: p for p in PHRASES}
    say = [" ".join(p["en"].split()) for p in PHRASES if p.get("kind", "say") == "say"]
    dont = [p for p in PHRASES if p.get("kind") == "dont-say"]
    assert dont, "the catalog has don't-say phrases"
    # A don't-say phrase is never a card to learn: it comes as "Don't say X -> Say instead Y".
    cards = [f"Don't say: {' '.join(p['en'].split())} -> Say instead: {' '.join(by_id[p['instead']]['en'].split())}"
             for p in dont]
    assert sorted(fronts) == sorted(say + cards)
    assert not {" ".join(p["en"].split()) for p in dont} & set(fronts), "a don't-say phrase is drilled as a card"
