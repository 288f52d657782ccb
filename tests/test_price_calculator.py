"""The quotation calculator on quoting/price-building in real Chromium (Debian's, through
Playwright) on the quick build: filled by keyboard, the prices read back, a bad value marked beside
its field with no result (never NaN), the copied text, no request leaving the page while typing,
a 390 px phone, the page without JavaScript (the worked example), and axe-core (WCAG 2.1 AA).

Expected numbers come from hooks/handbook/calculator.py (the worked example) and from a case
worked out by hand (the same one as tests/unit/test_calculator.py).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT, axe_violations

# A real browser on both language sites: not in the quick loop.
pytestmark = pytest.mark.slow

from handbook import calculator  # noqa: E402

PAGES_ONLY = True
PREFIX = {"zh-TW": "", "en": "en/"}
HAND_CASE = {"unit-cost": "250", "quantity": "1000", "cartons": "40", "carton-cbm": "0.0625",
             "local-charges": "12000", "freight": "950", "destination-charges": "400",
             "insurance-rate": "0.15", "margin": "25", "exchange-rate": "32.5"}
HAND_RESULT = {"exw-unit": "10.26", "fca-unit": "10.63", "cpt-unit": "11.58", "cip-unit": "11.59",
               "dap-unit": "12.00", "dap-total": "12,000.00", "cbm": "2.50", "premium": "19.12"}


def outputs(page) -> dict:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.hb-calc [data-out]')]
        .map(cell => [cell.dataset.out, cell.textContent]))""")


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_fill_in_read_the_prices_a_bad_value_and_copy(context, quick_url, lang):
    page = context.new_page()
    page.goto(f"{quick_url}{PREFIX[lang]}quoting/price-building/", wait_until="load")
    block = page.locator(".hb-calc")
    expect(block.locator(".hb-calc__form")).to_be_visible()
    expect(block.locator(".hb-calc__example")).to_be_hidden()
    assert outputs(page) == calculator.EXAMPLE_RESULT  # the form starts with the worked example

    # Nothing typed may leave the page: no fetch, XHR, beacon or form submission, nothing off this host.
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.resource_type} {request.method} {request.url}")
            if request.resource_type in ("fetch", "xhr", "ping", "websocket", "eventsource", "document")
            or request.method != "GET" or not request.url.startswith(quick_url) else None)

    # Keyboard only: each field is found by its label, its text replaced by typing.
    for name, label, _ in calculator.FIELDS[lang]:
        field = block.get_by_label(label, exact=True)
        field.focus()
        page.keyboard.press("Control+A")
        page.keyboard.type(HAND_CASE[name])
    values = outputs(page)
    assert {key: values[key] for key in HAND_RESULT} == HAND_RESULT

    # A bad value: a message beside the field, the field marked, and no result anywhere.
    freight = block.locator("#calc-freight")
    freight.fill("")
    freight.type("12a")
    error = block.locator("#calc-freight-error")
    message = calculator.TEXT[lang]["errors"]["number"].format(example=calculator.EXAMPLE["freight"])
    expect(error).to_have_text(message)
    expect(error).to_be_visible()
    expect(freight).to_have_attribute("aria-invalid", "true")
    assert "calc-freight-error" in freight.get_attribute("aria-describedby").split()
    expect(block.locator(".hb-calc__status")).to_have_text(calculator.TEXT[lang]["invalid"])
    assert set(outputs(page).values()) == {"—"}
    assert "NaN" not in block.inner_text() and "Infinity" not in block.inner_text()
    expect(block.locator(".hb-calc__copy")).to_be_disabled()
    assert block.locator("[aria-invalid]").count() == 1  # only the bad field

    # A negative number is an error too; a good value brings the result back.
    freight.fill("-950")
    expect(error).to_have_text(calculator.TEXT[lang]["errors"]["negative"])
    freight.fill("950")
    expect(error).to_have_text("")
    expect(freight).not_to_have_attribute("aria-invalid", "true")
    assert outputs(page)["cip-unit"] == "11.59"

    copy = block.locator(".hb-calc__copy")
    copy.focus()
    page.keyboard.press("Enter")
    expect(block.locator(".hb-calc__copy-status")).to_have_text(calculator.TEXT[lang]["copied"])
    text = page.evaluate("() => navigator.clipboard.readText()")
    assert text.startswith(calculator.TEXT[lang]["copy_title"])
    assert "USD 11.59" in text and "NaN" not in text
    page.keyboard.press("Enter")  # Enter in a field submits nothing
    block.locator("#calc-margin").press("Enter")
    assert urlsplit(page.url).path.endswith("/quoting/price-building/") and not urlsplit(page.url).query
    assert requests == [], f"the calculator made requests: {requests}"


def test_a_390_px_phone(browser, quick_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{quick_url}quoting/price-building/", wait_until="load")
    block = page.locator(".hb-calc")
    block.locator("#calc-margin").fill("abc")
    expect(block.locator("#calc-margin-error")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = block.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    for name in calculator.EXAMPLE:
        field = block.locator(f"#calc-{name}").bounding_box()
        assert field["x"] >= 0 and field["x"] + field["width"] <= 390 and field["height"] >= 30
    context.close()


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_without_javascript_it_reads_as_the_worked_example(browser, quick_url, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{quick_url}{PREFIX[lang]}quoting/price-building/")
    block = page.locator(".hb-calc")
    expect(block.locator(".hb-calc__form")).to_be_hidden()
    expect(block.locator(".hb-calc__actions")).to_be_hidden()
    expect(block.locator(".hb-calc__example")).to_be_visible()
    expect(block.locator(".hb-calc__caption")).to_have_text(calculator.TEXT[lang]["caption_example"])
    assert outputs(page) == calculator.EXAMPLE_RESULT
    for name, label, _ in calculator.FIELDS[lang]:
        expect(block.locator(".hb-calc__example")).to_contain_text(label)
    context.close()


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_no_wcag_aa_violation_with_a_bad_value(context, quick_url, lang):
    for scheme in ("light", "dark"):
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{quick_url}{PREFIX[lang]}quoting/price-building/")
        page.locator("#calc-quantity").fill("-1")
        expect(page.locator("#calc-quantity-error")).not_to_be_empty()
        violations = axe_violations(page, ".hb-calc")
        assert violations == [], f"{lang} {scheme}: {json.dumps(violations, ensure_ascii=False)}"
