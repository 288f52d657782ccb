"""Email templates and fill-in phrases, in real Chromium on a quick build (no PDFs): filled by
keyboard on both language sites, the live preview, the copied text (read back from the clipboard),
the mailto URL, the copy fallback for plain-http intranets, the phrasebook's fill-in rows (with the
filter and listen buttons unharmed), axe-core (WCAG 2.1 AA) on the templates page, the page
without JavaScript; and bad data or markers failing the build with file, line and fix.

Expected values come from the sources (docs/_data/emails.yml, docs/_data/phrases.yml), so a
broken renderer or script makes these tests fail.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT, axe_violations, copy_project, data_file, email_template, mkdocs_build, phrase_row, scroll_through

# A real browser on both language sites (about 50 s): not in the quick loop.
pytestmark = pytest.mark.slow

from handbook.emails import TEXT  # noqa: E402  (the interface words the block carries)

LANGS = ("zh-TW", "en")
PREFIX = {"zh-TW": "", "en": "en/"}
TEMPLATES = {t["id"]: t for t in data_file("emails")["templates"]}
PHRASES = data_file("phrases")["phrases"]
SLOT = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
PHRASE_COPIED = {"zh-TW": "已複製句子。", "en": "Phrase copied."}
FILL = {"zh-TW": "填入", "en": "Fill in"}


def fill(text: str, values: dict) -> str:
    return SLOT.sub(lambda m: values.get(m.group(1)) or m.group(0), text)


def clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


# --------------------------------------------------------------------------- templates


@pytest.mark.parametrize("lang", LANGS)
def test_fill_a_template_by_keyboard_preview_copy_and_mailto(context, quick_url, lang):
    tid = "payment-reminder"
    template = TEMPLATES[tid]
    fields = list(template["fields"])
    values = {name: f"Value {n} of {name}" for n, name in enumerate(fields[:-1])}  # the last stays empty
    values[fields[0]] = "Ms Chen & <Co>"  # characters that must stay text
    page = context.new_page()
    page.goto(f"{quick_url}{PREFIX[lang]}emails/")
    block = email_template(page, tid)
    expect(page.locator(f"h2#{tid}")).to_have_text(re.compile(re.escape(template["title"][lang])))

    # Keyboard only: focus the first field, type, Tab to the next …
    first = block.get_by_label(template["fields"][fields[0]][lang], exact=True)
    first.focus()
    for n, name in enumerate(fields):
        expect(block.locator(f'input[name="{name}"]')).to_be_focused()
        if name in values:
            page.keyboard.type(values[name])
        page.keyboard.press("Tab")
    copy = block.locator(".hb-email__copy")
    expect(copy).to_be_focused()  # after the last field comes the copy button

    subject, body = fill(template["subject"], values), fill(template["body"], values).strip()
    expect(block.locator(".hb-email__subject-text")).to_have_text(subject)
    assert block.locator(".hb-email__body").inner_text().strip() == body
    empty = fields[-1]
    expect(block.locator(f'.hb-email__message var.hb-slot[data-slot="{empty}"]').first).to_have_text(f"[{empty}]")

    page.keyboard.press("Enter")
    status = block.locator(".hb-email__status")
    words = TEXT[lang]
    expect(status).to_have_text(words["copied"] + words["sep"] + words["missing_one"])  # one field left empty
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert clipboard(page) == f"Subject: {subject}\n\n{body}"

    href = block.locator(".hb-email__mailto").get_attribute("href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == ""
    query = parse_qs(parts.query)
    assert query["subject"] == [subject]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert "%0D%0A" in href and "\n" not in href


def test_templates_are_set_up_as_they_come_near_the_screen(context, quick_url):
    """emails.js shows a template's form and buttons only when the template nears the viewport
    (setting up all of them at once made the page slow on a phone); scrolling there sets it up."""
    page = context.new_page()
    page.goto(f"{quick_url}en/emails/")
    last = page.locator(".hb-email").last
    page.wait_for_load_state("load")
    expect(last.locator(".hb-email__form")).to_be_hidden()
    assert page.locator(".hb-email__form:visible").count() < page.locator(".hb-email").count() / 2
    block = email_template(page, last.get_attribute("id").removeprefix("email-").removesuffix("-block"))
    expect(block.locator(".hb-email__form")).to_be_visible()
    block.locator("input").first.fill("Ms Chen")
    expect(block.locator(".hb-email__message")).to_contain_text("Ms Chen")


def test_copy_falls_back_to_exec_command_without_the_clipboard_api(context, quick_url):
    """On a plain-http intranet navigator.clipboard is missing: the textarea fallback copies."""
    page = context.new_page()
    page.add_init_script("""
        Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});
        window.__copied = [];
        const original = document.execCommand.bind(document);
        document.execCommand = (command, ...rest) => {
          if (command === 'copy') window.__copied.push(document.activeElement.value);
          return original(command, ...rest);
        };
    """)
    tid = "confirm-phone-call"
    template = TEMPLATES[tid]
    page.goto(f"{quick_url}en/emails/")
    block = email_template(page, tid)
    block.locator('input[name="name"]').fill("Mr Brown")
    copy = block.locator(".hb-email__copy")
    copy.click()
    expected = f"Subject: {template['subject']}\n\n" + fill(template["body"], {"name": "Mr Brown"}).strip()
    expect(block.locator(".hb-email__status")).to_contain_text(TEXT["en"]["copied"] + " ")
    expect(block.locator(".hb-email__status")).to_contain_text(" fields are still empty")
    assert page.evaluate("window.__copied") == [expected]
    expect(copy).to_be_focused()  # focus comes back from the hidden textarea
    assert page.locator("textarea").count() == 0
    reader = context.new_page()  # the system clipboard really holds it
    reader.goto(f"{quick_url}en/")
    assert clipboard(reader) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_templates_page_has_no_wcag_aa_violation(context, quick_url, lang):
    for scheme in ("light", "dark"):
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{quick_url}{PREFIX[lang]}emails/")
        block = email_template(page, "payment-reminder")
        block.locator('input[name="name"]').fill("Ms Chen")
        block.locator(".hb-email__copy").click()
        expect(block.locator(".hb-email__status")).not_to_be_empty()
        violations = axe_violations(page)
        assert violations == [], f"{lang} {scheme}: {violations}"


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_template_reads_as_text(browser, quick_url, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{quick_url}{PREFIX[lang]}emails/")
    for tid, template in TEMPLATES.items():
        block = page.locator(f"#email-{tid}-block")
        expect(block).to_be_visible()
        expect(block.locator(".hb-email__form")).to_be_hidden()
        expect(block.locator(".hb-email__actions")).to_be_hidden()
        expect(block.locator(".hb-email__when")).to_contain_text(template["when"][lang])
        for point in template["watch"][lang]:
            expect(block.locator(".hb-email__watch")).to_contain_text(point)
        expect(block.locator(".hb-email__subject-text")).to_have_text(template["subject"])
        text = block.locator(".hb-email__body").inner_text()
        assert " ".join(text.split()) == " ".join(template["body"].split())
        for name in template["fields"]:
            assert f"[{name}]" in text or f"[{name}]" in template["subject"]
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_text_is_marked_with_its_language(context, quick_url, lang):
    """The quality suite's rule (tests/test_quality.py): Chinese marked zh-TW, English sentences en,
    here with the forms filled and a phrase's fill-in row open."""
    from test_quality import LANG_CHECK

    page = context.new_page()
    page.goto(f"{quick_url}{PREFIX[lang]}emails/")
    email_template(page, "payment-reminder").locator(".hb-email__copy").click()
    expect(page.locator("#email-payment-reminder-block .hb-email__status")).not_to_be_empty()
    result = page.evaluate(LANG_CHECK)
    assert result["lang"] == lang and result["problems"] == []
    page.goto(f"{quick_url}{PREFIX[lang]}phrasebook/")
    phrase_row(page, _phrase_with_placeholders()["id"]).locator(".hb-fill-toggle").click()
    page.locator("tr.hb-fill-row:visible .hb-fill__copy").click()
    result = page.evaluate(LANG_CHECK)
    assert result["problems"] == []


# --------------------------------------------------------------------------- phrases


def _phrase_with_placeholders() -> dict:
    return next(p for p in PHRASES if len(set(SLOT.findall(p["en"]))) >= 2)


FAKE_SPEECH = """
window.__spoken = [];
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
  getVoices: () => [{name: 'Test English', lang: 'en-US', localService: true}],
  speak: (u) => window.__spoken.push(u.text), cancel: () => {}, addEventListener: () => {}}});
"""


@pytest.mark.parametrize("lang", LANGS)
def test_fill_in_a_phrase_in_the_phrasebook(context, quick_url, lang):
    phrase = _phrase_with_placeholders()
    names = list(dict.fromkeys(SLOT.findall(phrase["en"])))
    values = {name: f"My {name}" for name in names}
    page = context.new_page()
    page.add_init_script(FAKE_SPEECH)
    page.goto(f"{quick_url}{PREFIX[lang]}phrasebook/")
    row = phrase_row(page, phrase["id"])
    toggle = row.get_by_role("button", name=re.compile("^" + re.escape(FILL[lang])))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = page.locator(f'#{toggle.get_attribute("aria-controls")}')
    expect(panel).to_be_visible()
    for name in names:
        # English pages label a field "[date]"; Chinese ones say it in Chinese first: "日期 [date]".
        label = f"[{name}]" if lang == "en" else re.compile(rf"^[\u3400-\u9fff].* \[{re.escape(name)}\]$")
        expect(panel.get_by_label(label, exact=True) if lang == "en" else panel.get_by_label(label)).to_be_focused()
        page.keyboard.type(values[name])
        page.keyboard.press("Tab")
    expect(panel.locator(".hb-fill__copy")).to_be_focused()
    expect(panel.locator(".hb-fill__preview")).to_have_text(fill(phrase["en"], values))
    page.keyboard.press("Enter")
    expect(panel.locator(".hb-fill__status")).to_have_text(PHRASE_COPIED[lang])
    assert clipboard(page) == fill(phrase["en"], values)

    # The listen button still says the phrase only; Escape closes the row, focus goes back.
    row.locator(".hb-listen").click()
    assert page.evaluate("window.__spoken") == [SLOT.sub(lambda m: m.group(1).replace("-", " "), phrase["en"])]
    panel.locator("input").first.focus()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("lang", LANGS)
def test_phrasebook_with_a_fill_in_row_open_has_no_wcag_aa_violation(context, quick_url, lang):
    phrase = _phrase_with_placeholders()
    for scheme in ("light", "dark"):
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{quick_url}{PREFIX[lang]}phrasebook/")
        row = phrase_row(page, phrase["id"])
        row.locator(".hb-fill-toggle").click()
        panel = page.locator("tr.hb-fill-row:visible .hb-fill")
        panel.locator("input").first.fill("Amy")
        panel.locator(".hb-fill__copy").click()  # focused, with the status shown
        expect(panel.locator(".hb-fill__status")).not_to_be_empty()
        violations = axe_violations(page, "table.hb-phrase-table")
        assert violations == [], f"{lang} {scheme}: {violations}"


def test_fill_in_rows_follow_the_phrasebook_filter(context, quick_url):
    phrase = _phrase_with_placeholders()
    total = len(PHRASES)
    page = context.new_page()
    page.goto(f"{quick_url}en/phrasebook/")
    # A Fill in button on every phrase to say that has placeholders (a don't-say phrase has none;
    # its pair's "say instead" row, a repeat of a phrase to say, has one) ...
    by_id = {p["id"]: p for p in PHRASES}
    to_say = [p for p in PHRASES if p.get("kind") != "dont-say"]
    said_instead = [by_id[p["instead"]] for p in PHRASES if p.get("kind") == "dont-say"]
    buttons = sum(1 for p in to_say + said_instead if SLOT.search(p["en"]))
    # ... given as the reader comes near it: far down the page, not yet
    page.wait_for_load_state("load")
    assert page.locator(".hb-fill-toggle").count() < buttons / 2
    scroll_through(page)
    expect(page.locator(".hb-fill-toggle")).to_have_count(buttons)
    expect(page.locator("tr.hb-dont-say .hb-fill-toggle")).to_have_count(0)
    row = phrase_row(page, phrase["id"])
    row.locator(".hb-fill-toggle").click()
    panel_row = page.locator("tr.hb-fill-row:visible")
    expect(panel_row).to_have_count(1)
    field = page.get_by_label("Search phrases (English or Chinese)")
    field.fill("zzqqxx")
    expect(page.locator(".hb-filter__count")).to_have_text(f"Showing 0 of {total} phrases")
    expect(panel_row).to_have_count(0)  # hidden with its phrase
    field.fill("fill in")  # the button's label is not part of the searchable text
    expect(page.locator(".hb-filter__count")).to_have_text(f"Showing 0 of {total} phrases")
    field.fill("")
    expect(page.locator(".hb-filter__count")).to_have_text(f"Showing {total} of {total} phrases")
    expect(panel_row).to_have_count(1)


# --------------------------------------------------------------------------- bad inputs fail the build


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _break(project: Path, rel: str, old: str, new: str) -> int:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return _line_of(text, old)


@pytest.mark.parametrize("rule, rel, old, new, line_of, message", [
    ("missing text", "docs/_data/emails.yml", "title: {zh-TW: 催款提醒（發票逾期，第一次）, en: Payment reminder}",
     "title: {zh-TW: 催款提醒（發票逾期，第一次）}", "title: {zh-TW: 催款提醒", "missing 'en'"),
    ("placeholder mismatch", "docs/_data/emails.yml", 'subject: "Payment reminder: invoice [invoice]"',
     'subject: "Payment reminder: invoice [invoice-no]"', None, "uses [invoice-no], which is not declared in fields"),
    ("unknown field", "docs/_data/emails.yml", "  - id: payment-reminder\n",
     "  - id: payment-reminder\n    colour: red\n", "    colour: red", "unknown field 'colour'"),
    ("unknown template", "docs/emails/index.en.md", "<!-- email payment-reminder -->",
     "<!-- email payment-remind -->", "<!-- email payment-remind -->", "unknown email template 'payment-remind'"),
])
def test_bad_email_data_or_marker_fails_the_build_naming_file_line_and_fix(tmp_path, rule, rel, old, new, line_of, message):
    project = copy_project(tmp_path / "project")
    _break(project, rel, old, new)
    broken = (project / rel).read_text(encoding="utf-8")
    line = _line_of(broken, line_of) if line_of else None  # where the report must point, in the broken file
    if line is None:  # a placeholder problem points at the template's fields (their first line)
        fields_at = broken.index("    fields:\n", broken.index("  - id: payment-reminder"))
        line = broken[:fields_at].count("\n") + 2
    result = mkdocs_build(project, tmp_path / "site", env={"HANDBOOK_PDF": "0"})
    log = result.stdout + result.stderr
    assert result.returncode != 0, f"{rule}: the build passed"
    assert message in log, log[-3000:]
    report = log[log.index(rel):]
    assert re.search(rf"^{re.escape(rel)}$", log, re.M), log[-3000:]
    entry = next(chunk for chunk in report.split("\n  line ") if message in chunk)
    assert entry.startswith(f"{line}: "), f"{rule}: expected line {line}: {entry}"
    assert "\n      fix: " in entry
