"""The quotation calculator: the arithmetic of docs/assets/javascripts/price-calculator.js, run in
Node (the code the reader's browser runs, loaded through its `module.exports`), with real numbers
worked out by hand; its input checks; and the marker's HTML (hooks/handbook/calculator.py), whose
printed worked example must be exactly what the script computes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook import calculator, markers

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "price-calculator.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is missing (run bash .ci/setup)")


# One Node process for the whole module (starting one per call would take most of the time): it
# reads one JSON request per line, {"expression", "values"}, and answers with one JSON line.
SERVER = r"""
const c = require(process.argv[1]);
const lines = require('readline').createInterface({input: process.stdin});
lines.on('line', line => {
  const {expression, values} = JSON.parse(line);
  let answer;
  try { answer = {value: new Function('c', ...Object.keys(values), 'return (' + expression + ');')(c, ...Object.values(values))}; }
  catch (e) { answer = {error: String(e)}; }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
"""
_process = None


def node(expression: str, **values):
    """The JSON value of a JavaScript `expression` in which `c` is the calculator module and each
    keyword is a variable holding its value."""
    global _process
    if _process is None or _process.poll() is not None:
        _process = subprocess.Popen([NODE, "-e", SERVER, str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    text=True, bufsize=1)
    _process.stdin.write(json.dumps({"expression": expression, "values": values}) + "\n")
    answer = json.loads(_process.stdout.readline())
    if "error" in answer:
        raise AssertionError(f"{expression}: {answer['error']}")
    return answer.get("value")


def teardown_module():
    if _process is not None:
        _process.stdin.close()
        _process.wait(timeout=10)


FORMATTED = """(() => {
  const checked = c.validate(texts);
  if (!checked.ok) return {errors: checked.errors};
  const r = c.quote(checked.values), out = {cbm: c.formatNumber(r.cbm), insured: c.formatNumber(r.insured),
                                            premium: c.formatNumber(r.premium)};
  r.rows.forEach(row => { out[row.rule + '-unit'] = c.formatNumber(row.unit);
                          out[row.rule + '-total'] = c.formatNumber(row.total); });
  return out;
})()"""


def test_the_printed_worked_example_is_what_the_script_computes():
    assert node(FORMATTED, texts=calculator.EXAMPLE) == calculator.EXAMPLE_RESULT


def test_the_worked_example_step_by_step():
    rows = node("c.quote(c.validate(texts).values)", texts=calculator.EXAMPLE)
    assert rows["costUsd"] == 4.0  # TWD 120 at 30
    exact = {row["rule"]: row["exact"] for row in rows["rows"]}
    assert exact["exw"] == pytest.approx(5.00)  # 4.00 / (1 - 20%): a margin, not a 20% markup (4.80)
    assert exact["fca"] == pytest.approx(5.10)  # + TWD 18,000 / 30 / 6,000
    assert exact["cpt"] == pytest.approx(5.40)  # + USD 1,800 / 6,000
    assert exact["cip"] == pytest.approx(5.40 / (1 - 1.1 * 0.001))  # 5.4059…: insured for 110% of itself
    assert exact["dap"] == pytest.approx(5.55 / (1 - 1.1 * 0.001))


def test_a_second_case_worked_out_by_hand():
    texts = {"unit-cost": "250", "quantity": "1000", "cartons": "40", "carton-cbm": "0.0625",
             "local-charges": "12000", "freight": "950", "destination-charges": "400",
             "insurance-rate": "0.15", "margin": "25", "exchange-rate": "32.5"}
    # By hand (decimal arithmetic): EXW 250 / 32.5 / 0.75 = 10.2564; FCA + 0.3692 = 10.6256;
    # CPT + 0.95 = 11.5756; CIP / (1 - 0.00165) = 11.5948; DAP (11.5756 + 0.40) / 0.99835 = 11.9954;
    # insured 11,590 x 1.1 = 12,749; premium 12,749 x 0.15% = 19.12.
    assert node(FORMATTED, texts=texts) == {
        "cbm": "2.50",
        "exw-unit": "10.26", "exw-total": "10,260.00",
        "fca-unit": "10.63", "fca-total": "10,630.00",
        "cpt-unit": "11.58", "cpt-total": "11,580.00",
        "cip-unit": "11.59", "cip-total": "11,590.00",
        "dap-unit": "12.00", "dap-total": "12,000.00",
        "insured": "12,749.00", "premium": "19.12",
    }


def test_no_margin_no_charges_no_insurance_is_the_cost():
    texts = {**calculator.EXAMPLE, "margin": "0", "local-charges": "0", "freight": "0",
             "destination-charges": "0", "insurance-rate": "0"}
    result = node(FORMATTED, texts=texts)
    assert {result[f"{rule}-unit"] for rule in ("exw", "fca", "cpt", "cip", "dap")} == {"4.00"}
    assert result["premium"] == "0.00"


@pytest.mark.parametrize("text, expected", [
    ("120", {"value": 120}),
    ("6,000", {"value": 6000}),
    ("18,000.50", {"value": 18000.5}),
    (" 0.096 ", {"value": 0.096}),
    (".5", {"value": 0.5}),
    ("１２０", {"value": 120}),          # full-width digits from a Chinese input method
    ("３０．５", {"value": 30.5}),
    ("", {"error": "empty"}),
    ("   ", {"error": "empty"}),
    ("abc", {"error": "number"}),
    ("12a", {"error": "number"}),
    ("1,5", {"error": "number"}),         # a decimal comma or a slip: never read as 15 or 1.5
    ("1e3", {"error": "number"}),
    ("Infinity", {"error": "number"}),
    ("NaN", {"error": "number"}),
    ("1.2.3", {"error": "number"}),
    ("20%", {"error": "number"}),         # % only in a percentage field
])
def test_parse_number(text, expected):
    assert node("c.parseNumber(text, false)", text=text) == expected


@pytest.mark.parametrize("name, text, error", [
    ("unit-cost", "-5", "negative"),
    ("unit-cost", "－5", "negative"),     # full-width minus
    ("unit-cost", "0", "zero"),
    ("quantity", "0", "zero"),
    ("quantity", "2.5", "whole"),
    ("cartons", "12.5", "whole"),
    ("carton-cbm", "0", "zero"),
    ("exchange-rate", "0", "zero"),
    ("exchange-rate", "thirty", "number"),
    ("freight", "-1", "negative"),
    ("freight", "", "empty"),
    ("margin", "100", "max"),
    ("margin", "120", "max"),
    ("insurance-rate", "10", "max"),
])
def test_a_bad_value_is_an_error_and_no_result(name, text, error):
    checked = node("c.validate(texts)", texts={**calculator.EXAMPLE, name: text})
    assert checked["ok"] is False
    assert checked["errors"] == {name: error}


@pytest.mark.parametrize("name, text, value", [
    ("freight", "0", 0), ("local-charges", "0", 0), ("margin", "20%", 20), ("margin", "２０％", 20),
    ("insurance-rate", "0.1%", 0.1), ("quantity", "6,000", 6000),
])
def test_allowed_values(name, text, value):
    checked = node("c.validate(texts)", texts={**calculator.EXAMPLE, name: text})
    key = next(f["key"] for f in node("c.FIELDS") if f["name"] == name)
    assert checked["ok"] is True and checked["values"][key] == value


def test_rounding_and_formatting():
    assert node("[c.round2(1.005), c.round2(2.675), c.round2(5.4059), c.round2(0)]") == [1.01, 2.68, 5.41, 0]
    assert node("[c.formatNumber(1234567.891), c.formatNumber(0), c.formatNumber(999.999), c.formatNumber(24, 2)]") == [
        "1,234,567.89", "0.00", "1,000.00", "24.00"]


def test_copied_text_lists_inputs_and_every_rule():
    words = json.loads(_data_calc(calculator.render_block("en", "../../")))
    text = node("c.asText(texts, c.quote(c.validate(texts).values), words)", texts=calculator.EXAMPLE, words=words)
    lines = text.split("\n")
    assert lines[0] == calculator.TEXT["en"]["copy_title"]
    assert "Unit cost (TWD): 120" in lines and "Total volume: 24.00 CBM" in lines
    assert "CIP / CIF: USD 5.41 per unit; order value USD 32,460.00" in lines
    assert "CIP / CIF: insured value USD 35,706.00, premium about USD 35.71." in lines
    assert "NaN" not in text and "undefined" not in text


# --------------------------------------------------------------------------- the marker


def _data_calc(html: str) -> str:
    import html as htmllib
    import re

    return htmllib.unescape(re.search(r'data-calc="([^"]*)"', html).group(1))


def test_the_fields_of_the_page_are_the_fields_of_the_script():
    script = [f["name"] for f in node("c.FIELDS")]
    for lang in calculator.FIELDS:
        assert [name for name, _, _ in calculator.FIELDS[lang]] == script
    assert list(calculator.EXAMPLE) == script
    assert [rule for rule, _, _ in calculator.RULES["en"]] == node("c.RULES")


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_the_block_reads_as_the_worked_example_and_loads_its_script(lang):
    html = calculator.render_block(lang, "../../")
    assert '<script defer src="../../assets/javascripts/price-calculator.js"></script>' in html
    assert '<form class="hb-calc__form" id="calc-form"' in html and "novalidate hidden>" in html
    for name, label, hint in calculator.FIELDS[lang]:
        assert f'<label for="calc-{name}">{label}</label>' in html.replace("&amp;", "&")
        assert f'aria-describedby="calc-{name}-hint calc-{name}-error"' in html
        assert f'id="calc-{name}-error"' in html
    for key, value in calculator.EXAMPLE_RESULT.items():
        assert f'data-out="{key}">{value}<' in html
    data = json.loads(_data_calc(html))
    assert set(data["errors"]) == {"empty", "number", "negative", "zero", "whole", "max"}
    assert set(data["labels"]) == set(calculator.EXAMPLE)


def test_the_marker_is_registered_and_takes_no_arguments():
    kind = markers.MARKERS["price-calculator"]
    found = list(markers.find_markers("<!-- price-calculator -->\n\n<!-- price-calculator extra -->\n"))
    assert kind.block and kind.check(found[0], markers.Content()) == []
    assert "takes no arguments" in kind.check(found[1], markers.Content())[0][0]
