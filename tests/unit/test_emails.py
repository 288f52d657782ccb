"""hooks/handbook/emails.py and docs/_data/schemas/emails.schema.json: every rule with a bad
input and a good one, and the rendering (escaping included). Milliseconds: no build, no browser."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest

from handbook import emails
from handbook.datafiles import parse_yaml
from handbook.markers import find_markers

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs/_data/schemas/emails.schema.json").read_text(encoding="utf-8"))
PATH = "docs/_data/emails.yml"

GOOD = """\
templates:
  - id: payment-reminder
    title: {zh-TW: 催款提醒, en: Payment reminder}
    when: {zh-TW: 款項逾期時寄出。, en: Send it when a payment is overdue.}
    watch:
      zh-TW: [先跟財務確認。]
      en: [Check with finance first.]
    fields:
      name: {zh-TW: 客戶姓名, en: Contact's name}
      invoice: {zh-TW: 發票號碼, en: Invoice number}
    subject: "Payment reminder: invoice [invoice]"
    body: |
      Dear [name],

      Invoice [invoice] is overdue.
"""


def load(text: str = GOOD):
    data, problems = parse_yaml(text, PATH)
    assert problems == [], problems
    return data


def schema_errors(data) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(data)]


def messages(problems) -> str:
    return "\n".join(f"{p.path}:{p.line}: {p.message} | fix: {p.fix}" for p in problems)


# --------------------------------------------------------------------------- placeholders


def test_placeholders_are_lowercase_words_in_order_of_first_use():
    assert emails.placeholders("Dear [name], invoice [invoice-no] for [name] on [date2]") == ["name", "invoice-no", "date2"]
    assert emails.placeholders("[Name] [first name] [a--b] [-x] [] no brackets") == []
    assert emails.placeholders("") == []


# --------------------------------------------------------------------------- the schema


def test_the_schema_is_a_valid_schema_and_accepts_good_data_and_the_project_file():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert schema_errors(load()) == []
    project, problems = parse_yaml((ROOT / PATH).read_text(encoding="utf-8"), PATH)
    assert problems == [] and schema_errors(project) == []
    assert emails.check_templates(project, PATH) == []


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.__setitem__("colour", "red"), "Additional properties are not allowed ('colour'"),
    (lambda t: t["title"].__setitem__("fr", "Rappel"), "Additional properties are not allowed ('fr'"),
    (lambda t: t["fields"]["name"].__setitem__("de", "Name"), "Additional properties are not allowed ('de'"),
    (lambda t: t["title"].pop("en"), "'en' is a required property"),
    (lambda t: t["watch"].pop("zh-TW"), "'zh-TW' is a required property"),
    (lambda t: t["fields"]["name"].pop("zh-TW"), "'zh-TW' is a required property"),
    (lambda t: t["when"].__setitem__("en", "  "), "does not match"),
    (lambda t: t["watch"].__setitem__("en", []), "should be non-empty"),
    (lambda t: t.pop("body"), "'body' is a required property"),
    (lambda t: t.__setitem__("id", "Payment_Reminder"), "does not match"),
    (lambda t: t["fields"].__setitem__("Bad Name", {"zh-TW": "甲", "en": "A"}), "does not match"),
    (lambda t: t.__setitem__("subject", "Two\nlines"), "does not match"),
])
def test_the_schema_rejects_unknown_fields_and_missing_languages(change, expected):
    data = copy.deepcopy(load())
    change(data["templates"][0])
    errors = schema_errors(data)
    assert any(expected in e for e in errors), errors


def test_the_schema_rejects_unknown_top_level_keys():
    data = copy.deepcopy(load())
    data["extra"] = []
    assert any("('extra' was unexpected)" in e for e in schema_errors(data))


# --------------------------------------------------------------------------- check_templates


def test_good_templates_pass():
    assert emails.check_templates(load(), PATH) == []


@pytest.mark.parametrize("old, new, expected", [
    # placeholders declared in fields, every field used
    ("invoice [invoice]\"", "invoice [invoice-no]\"", "the subject uses [invoice-no], which is not declared in fields"),
    ("Dear [name],", "Dear [contact],", "field 'name' is used in neither the subject nor the body"),
    ("Dear [name],", "Dear [Name],", "has '[Name]', which is not a placeholder"),
    # no "..." anywhere
    ("[invoice] is overdue.", "[invoice] is overdue...", "the body writes '...'"),
    ("en: Send it when a payment is overdue.", "en: Send it when...", "when (en) writes '...'"),
    ("zh-TW: [先跟財務確認。]", "zh-TW: [先跟財務確認...]", "watch (zh-TW) writes '...'"),
    # languages present and non-empty
    ("en: Payment reminder}", "en: ''}", "title has no en text"),
    ("en: [Check with finance first.]", "en: [Check with finance first., '']", "watch has no en text (or an empty point)"),
    ("invoice: {zh-TW: 發票號碼, en: Invoice number}", "invoice: {zh-TW: 發票號碼}", "the label of field 'invoice' has no en text"),
    # Chinese fields contain Chinese; the email is English
    ("{zh-TW: 催款提醒,", "{zh-TW: Payment reminder,", "title (zh-TW) has no Chinese"),
    ("name: {zh-TW: 客戶姓名,", "name: {zh-TW: Name,", "the label of field 'name' (zh-TW) has no Chinese"),
    ("[invoice] is overdue.", "[invoice] 已逾期。", "the body contains Chinese"),
])
def test_each_rule_finds_its_bad_input_with_line_and_fix(old, new, expected):
    assert old in GOOD
    problems = emails.check_templates(load(GOOD.replace(old, new, 1)), PATH)
    report = messages(problems)
    assert expected in report, report
    found = next(p for p in problems if expected in p.message)
    assert found.path == PATH and isinstance(found.line, int) and found.line >= 2 and found.fix


def test_unknown_placeholder_names_the_fields_line_and_suggests_the_close_one():
    problems = emails.check_templates(load(GOOD.replace("Dear [name]", "Dear [names]")), PATH)
    report = messages(problems)
    assert "(did you mean [name]?)" in report
    assert f"{PATH}:9: template payment-reminder: the body uses [names]" in report  # the fields: line


def test_duplicate_ids_name_the_first_line():
    text = GOOD + GOOD.split("templates:\n", 1)[1]
    problems = emails.check_templates(load(text), PATH)
    assert [p.message for p in problems] == [
        "template payment-reminder: duplicate id 'payment-reminder' (first used on line 2)"]
    assert problems[0].line == GOOD.count("\n") + 1  # the second "- id:" line


def test_check_templates_leaves_data_of_the_wrong_shape_to_the_schema():
    # no list of templates: nothing to check here (the schema's error names the file)
    for data in (None, [], {"templates": "x"}, {"templates": [None, 3]}):
        assert emails.check_templates(data, PATH) == []
    # entries of the wrong shape: no exception, and whatever is reported is a problem of this file
    for data in ({"templates": [None, 3, {"id": 5}]}, {"templates": [{"id": "a", "title": "x", "fields": []}]}):
        problems = emails.check_templates(data, PATH)
        assert all(p.path == PATH and p.message and p.fix for p in problems), problems


# --------------------------------------------------------------------------- markers


@pytest.mark.parametrize("args, expected", [
    ("", "email marker without a template id"),
    ("payment-reminder extra", "more than one argument"),
    ("Payment_Reminder", "is not lowercase letters"),
    ("payment-remind", "unknown email template 'payment-remind'"),
])
def test_bad_markers(args, expected):
    found = emails.check_marker(marker(args), {"payment-reminder", "confirm-phone-call"})
    assert len(found) == 1 and expected in found[0][0] and found[0][1]
    if args == "payment-remind":
        assert "(did you mean 'payment-reminder'?)" in found[0][0]


def test_good_marker():
    assert emails.check_marker(marker("payment-reminder"), ["payment-reminder"]) == []
    assert emails.check_marker(marker(" payment-reminder "), ["payment-reminder"]) == []
    assert emails.check_marker(marker("nope"), None) == []  # a broken emails.yml is reported on its own


def marker(args: str):
    """The marker `<!-- email ARGS -->`."""
    [found] = find_markers(f"<!-- email {args} -->")
    return found


# --------------------------------------------------------------------------- rendering


def template(**changes):
    data = load()["templates"][0]
    data.update(changes)
    return data


def test_render_gives_a_heading_with_the_id_then_one_html_block():
    for lang, title in (("zh-TW", "催款提醒"), ("en", "Payment reminder")):
        out = emails.render_email(template(), lang)
        heading, blank, block = out.split("\n", 2)
        assert heading == f"## {title} {{#payment-reminder}}" and blank == ""
        assert block.startswith('<div class="hb-email" ') and block.rstrip().endswith("</div>")
        assert "\n\n" not in block.strip(), "a blank line would end the raw HTML block in Markdown"
        assert f'lang="{lang}"' in block


def test_render_has_labelled_inputs_the_text_with_placeholders_and_actions():
    block = emails.render_email(template(), "zh-TW")
    for name, label in (("name", "客戶姓名"), ("invoice", "發票號碼")):
        assert re.search(rf'<label for="email-payment-reminder-{name}">{label}</label>'
                         rf'<input type="text" id="email-payment-reminder-{name}" name="{name}"', block)
    assert 'class="hb-email__form"' in block and re.search(r'<form [^>]*\bhidden\b', block)
    assert re.search(r'class="hb-email__actions" hidden', block)
    assert '<var class="hb-slot" data-slot="invoice">[invoice]</var>' in block
    assert 'role="status" aria-live="polite"' in block
    assert "款項逾期時寄出。" in block and "先跟財務確認。" in block and "複製郵件" in block
    # The email stays English on the Chinese page.
    assert re.search(r'<div class="hb-email__message" lang="en">', block)


def test_render_mailto_is_encoded_with_crlf():
    block = emails.render_email(template(), "en")
    href = re.search(r'class="md-button hb-email__mailto" href="([^"]+)"', block).group(1).replace("&amp;", "&")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == ""
    query = parse_qs(parts.query)
    assert query["subject"] == ["Payment reminder: invoice [invoice]"]
    assert query["body"] == ["Dear [name],\r\n\r\nInvoice [invoice] is overdue."]
    assert " " not in href and "\n" not in href
    assert emails.mailto("a&b", "x\ny") == "mailto:?subject=a%26b&body=x%0D%0Ay"


def test_render_escapes_data():
    evil = template(
        title={"zh-TW": "催款 <script>alert(1)</script>", "en": "Reminder <script>alert(1)</script>"},
        when={"zh-TW": "何時 <b>", "en": 'When "quoted" & <img src=x onerror=alert(1)>'},
        subject="Hi [name] <script>x</script>",
        body="Dear [name],\n\n</div><script>alert(2)</script> & [invoice]\n",
    )
    out = emails.render_email(evil, "en")
    block = out.split("\n", 2)[2]
    assert "<script" not in block and "<img" not in block and "<b>" not in block
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in block and "&lt;img src=x" in block
    assert block.count("<div") == block.count("</div>")
    # The data attribute carries the raw texts back to the script, escaped for the attribute.
    attr = re.search(r'data-email="([^"]*)"', block).group(1)
    import html
    data = json.loads(html.unescape(attr))
    assert data["body"].startswith("Dear [name],\n\n</div><script>") and data["fields"] == ["name", "invoice"]


def test_render_email_of_every_project_template():
    project, _ = parse_yaml((ROOT / PATH).read_text(encoding="utf-8"), PATH)
    ids = [t["id"] for t in project["templates"]]
    assert {"reply-first-inquiry", "payment-reminder", "confirm-phone-call"} <= set(ids)
    for t in project["templates"]:
        for lang in ("zh-TW", "en"):
            out = emails.render_email(t, lang)
            assert out.startswith(f"## {t['title'][lang]} {{#{t['id']}}}\n")
            assert out.count('<input type="text"') == len(t["fields"])
