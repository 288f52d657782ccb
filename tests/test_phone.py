"""The handbook on a phone (issue 24): every page of both languages in Chromium at 390 x 844 (a
phone's viewport, touch, mobile layout): nothing wider than the screen, and every visible control
at least 24 x 24 CSS pixels (WCAG 2.2, 2.5.8 target size; links inside running text are the
standard's inline exception). Plus the phone findings one by one: phrase tables as cards, a
flowchart that opens full-screen, a checklist item ticked by its text, the templates' list and
the preview in sight while typing, an empty filter without empty table headings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import email_template, phrase_row, watched_page

pytestmark = pytest.mark.slow

PAGES_ONLY = True  # the quick build

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 1, "service_workers": "block"}

# Every visible control on the page, with its size; the hit area of a control inside a label
# (a quiz option, the checkbox of a checklist item) is the label's. Off-screen (the closed drawer)
# and invisible (closed search, opacity 0 apart from a checklist's covering checkbox) are skipped.
MEASURE = """() => {
  const width = window.innerWidth, small = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button]';
  for (const el of document.querySelectorAll(selector)) {
    const checkbox = el.matches('.task-list-control input');
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: !checkbox})) continue;
    let r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= 0 || r.left >= width) continue;
    const style = getComputedStyle(el);
    if (el.tagName === 'A' && style.display === 'inline' &&
        el.parentElement.closest('p, li, td, dd, dt, blockquote, figcaption, .admonition') &&
        !el.closest('nav, .md-nav, .md-header, .md-footer, .md-search')) continue;  // inline in text
    const label = el.closest('label');
    if (label && label !== el) {
      const l = label.getBoundingClientRect();
      if (l.width * l.height > r.width * r.height) r = l;
    }
    if (r.width < 23.5 || r.height < 23.5) {
      small.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, small};
}"""


def _pages(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


@pytest.fixture(scope="module")
def phone(browser):
    with watched_page(browser, **PHONE) as page:
        yield page


def test_every_page_fits_a_phone_and_its_controls_are_big_enough(phone, site, base_url):
    pages = _pages(site)
    assert len(pages) > 60 and "en/phrasebook/" in pages
    problems = []
    for url in pages:
        phone.goto(base_url + url, wait_until="load")
        found = phone.evaluate(MEASURE)
        if found["scroll"] > found["width"]:
            problems.append(f"/{url}: {found['scroll']} px wide on a {found['width']} px screen")
        problems += [f"/{url}: {control} (under 24 x 24 px)" for control in found["small"]]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_phrase_tables_are_cards_and_an_empty_filter_hides_the_headings(phone, base_url, prefix):
    phone.goto(base_url + prefix + "phrasebook/")
    row = phone.locator("table.hb-phrase-table tr[data-phrase-id]").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    note = phone.locator("table.hb-phrase-table td.hb-phrase-note").nth(3)
    assert note.bounding_box()["width"] > 300, "the note is squeezed into a narrow column"
    box = phone.locator("input.hb-filter__text").first
    box.fill("zzzz-nothing-matches")
    box.press("End")
    phone.wait_for_function("() => document.querySelector('.hb-filter__none') && !document.querySelector('.hb-filter__none').hidden")
    assert phone.locator("table.hb-phrase-table thead th:visible").count() == 0
    assert phone.locator(".hb-phrases:visible").count() == 0


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_flowchart_opens_full_screen_with_zoom(phone, base_url, prefix):
    phone.goto(base_url + prefix + "customers/quiet-customers/")
    figure = phone.locator("figure.hb-diagram").first
    inline = figure.locator("svg").bounding_box()["width"]
    figure.locator(".hb-zoom__open").click()
    dialog = phone.locator("dialog.hb-zoom")
    assert dialog.evaluate("d => d.open")
    svg = dialog.locator("svg")
    opened = svg.bounding_box()["width"]
    assert opened > inline * 1.2, (inline, opened)
    dialog.get_by_role("button", name="Zoom in" if prefix else "放大", exact=True).click()
    assert svg.bounding_box()["width"] > opened * 1.4
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.keyboard.press("Escape")
    # The dialog's close event moves the drawing back after the key press returns: wait for it.
    figure.locator("svg").first.wait_for(state="attached", timeout=10_000)
    assert figure.locator("svg").count() == 1, "the diagram went back to its place"
    assert not dialog.evaluate("d => d.open")


def test_the_text_of_a_checklist_item_ticks_it(phone, base_url):
    phone.goto(base_url + "phone/incoming-calls/")
    item = phone.locator("li.hb-check").first
    item.scroll_into_view_if_needed()
    box = item.bounding_box()
    phone.mouse.click(box["x"] + box["width"] * 0.7, box["y"] + box["height"] / 2)
    assert item.locator("input[type=checkbox]").is_checked()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_templates_page_lists_its_templates_and_keeps_the_preview_in_sight(phone, base_url, prefix):
    phone.goto(base_url + prefix + "emails/")
    listing = phone.locator(".hb-template-list a")
    assert listing.count() == phone.locator(".hb-email").count() >= 16
    assert listing.first.bounding_box()["y"] < 1200, "the list is near the top"
    block = email_template(phone, "payment-reminder")
    inputs = block.locator("input")
    inputs.last.fill("ACME Trading Co.")
    inputs.last.press("End")
    preview = block.locator(".hb-email__preview").bounding_box()
    field = inputs.last.bounding_box()
    assert preview["y"] >= 0 and preview["y"] + 40 < 844, "the preview is on screen while typing"
    assert 0 <= field["y"] < 844 and field["y"] > preview["y"]
    assert "Co.." not in block.locator(".hb-email__message").inner_text()
    name = inputs.last.get_attribute("name")
    slot = block.locator(f'.hb-email__preview [data-slot="{name}"]').first.bounding_box()
    box = block.locator(".hb-email__preview").bounding_box()
    assert box["y"] <= slot["y"] and slot["y"] + slot["height"] <= box["y"] + box["height"], "the typed value is in sight"


def test_chinese_fill_in_labels_say_what_to_type(phone, base_url):
    phone.goto(base_url + "phone/calling-customers/")
    phone.locator("table.hb-phrase-table").first.scroll_into_view_if_needed()
    phone.locator(".hb-fill-toggle").first.click()
    labels = phone.locator(".hb-fill__field label").all_inner_texts()
    assert labels and all(re.match(r"[\u3400-\u9fff].* \[[a-z-]+\]$", label) for label in labels), labels


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_phrase_cards_are_laid_out_only_near_the_screen_and_links_still_land(phone, base_url, prefix):
    """The phrasebook's cards are laid out only near the screen (content-visibility: auto):
    off-screen ones are skipped at load, and a link to one far down the page still brings it on
    screen."""
    # A card whose content the browser skips: its first cell is hidden by content-visibility only.
    skipped = """sel => Array.from(document.querySelectorAll(sel)).map(e => e.firstElementChild).filter(
        c => c && c.checkVisibility() && !c.checkVisibility({contentVisibilityAuto: true})).length"""
    selector = "table.hb-phrase-table tr[data-phrase-id]"
    phone.goto(base_url + prefix + "phrasebook/", wait_until="load")
    cards = phone.locator(selector)
    assert cards.count() > 200
    assert phone.evaluate(skipped, selector) > cards.count() // 2, "most cards are laid out at load"
    anchor = phone.locator(selector + "[id]").last.get_attribute("id")
    phone.goto(base_url + prefix + "phrasebook/#" + anchor, wait_until="load")
    phone.wait_for_timeout(300)
    top = phone.locator(f"#{anchor}").bounding_box()["y"]
    assert 0 <= top < 844, f"phrasebook/#{anchor} is at y={top}, not on the screen"
