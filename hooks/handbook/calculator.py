"""The quotation calculator: `<!-- price-calculator -->` on quoting/price-building.

Why: a new hire learns how a price is built (factory cost, margin, local charges, freight,
insurance, the exchange rate) fastest by changing one number and watching every Incoterms®
price move. The page must still read as its worked example where no script runs (the PDF
handbook, a browser without JavaScript), and nothing the reader types may leave the page.

So the marker renders overrides/handbook/price_calculator.html: the worked example's inputs and
its results as ordinary tables, plus a hidden form and copy button that
docs/assets/javascripts/price-calculator.js shows and drives (the script tag comes with the
block, so no other page loads it). The arithmetic lives only in that script; this module holds
the words and the worked example's numbers as text, and tests/unit/test_calculator.py
checks that the script, given EXAMPLE, computes exactly EXAMPLE_RESULT.
"""

from __future__ import annotations

import json
import re

from . import templates

SCRIPT = "assets/javascripts/price-calculator.js"

# The worked example, as typed into the form (the script's field names). The page's prose uses
# the same numbers: change them together.
EXAMPLE = {
    "unit-cost": "120",
    "quantity": "6,000",
    "cartons": "250",
    "carton-cbm": "0.096",
    "local-charges": "18,000",
    "freight": "1,800",
    "destination-charges": "900",
    "insurance-rate": "0.1",
    "margin": "20",
    "exchange-rate": "30",
}
# What price-calculator.js computes from EXAMPLE (checked by the unit test): unit price and order value.
EXAMPLE_RESULT = {
    "cbm": "24.00",
    "exw-unit": "5.00", "exw-total": "30,000.00",
    "fca-unit": "5.10", "fca-total": "30,600.00",
    "cpt-unit": "5.40", "cpt-total": "32,400.00",
    "cip-unit": "5.41", "cip-total": "32,460.00",
    "dap-unit": "5.56", "dap-total": "33,360.00",
    "insured": "35,706.00", "premium": "35.71",
}

# Per field: label, the unit shown after the input, a hint. Order = the form's order.
FIELDS = {
    "zh-TW": [
        ("unit-cost", "單位成本（新台幣）", "工廠成本，含出口包裝；以公司成本表為準。"),
        ("quantity", "數量（個）", "這次報價的數量。"),
        ("cartons", "箱數", "外箱數量。"),
        ("carton-cbm", "每箱材積（CBM）", "外箱長 × 寬 × 高，單位公尺。"),
        ("local-charges", "台灣的當地費用（新台幣，整批）", "拖車、報關、貨櫃場或集散站、文件費，依承攬業者報價。"),
        ("freight", "主運費（美元，整批）", "到目的港或目的地，依承攬業者報價。"),
        ("destination-charges", "目的地費用（美元，整批）", "DAP 才用：目的港費用和運到指定地點的內陸運費。"),
        ("insurance-rate", "保險費率（%）", "保險公司報的費率；投保金額為發票金額的 110%。"),
        ("margin", "利潤率（%，佔 EXW 售價）", "主管核定的利潤率，例如 20。"),
        ("exchange-rate", "報價匯率（1 美元兌新台幣）", "公司規定的報價匯率，不一定是當天的匯率。"),
    ],
    "en": [
        ("unit-cost", "Unit cost (TWD)", "Factory cost including export packing; the company's cost sheet decides."),
        ("quantity", "Quantity (units)", "The quantity you are quoting for."),
        ("cartons", "Cartons", "Number of export cartons."),
        ("carton-cbm", "CBM per carton", "Carton length × width × height, in metres."),
        ("local-charges", "Local charges in Taiwan (TWD, whole shipment)",
         "Trucking, customs clearance, CY or CFS charges, documents: the forwarder's quote."),
        ("freight", "Main freight (USD, whole shipment)", "To the port or place of destination: the forwarder's quote."),
        ("destination-charges", "Destination charges (USD, whole shipment)",
         "For DAP only: charges at the port of destination and delivery to the named place."),
        ("insurance-rate", "Insurance rate (%)", "The insurer's rate; the cover is 110% of the invoice value."),
        ("margin", "Margin (% of the EXW price)", "The margin your manager has approved, e.g. 20."),
        ("exchange-rate", "Quoting rate (TWD per USD)", "The rate the company sets for quoting, not necessarily today's rate."),
    ],
}

# Rows of the results: the rule (as the reader reads it) and where the price delivers.
RULES = {
    "zh-TW": [
        ("exw", "EXW", "本公司工廠交貨，不含出口報關"),
        ("fca", "FCA／FOB", "交給運送人（台灣的貨櫃場或集散站）／裝運港船上"),
        ("cpt", "CPT／CFR", "加主運費，到目的地／目的港"),
        ("cip", "CIP／CIF", "再加保險（發票金額的 110%）"),
        ("dap", "DAP", "運到買方國家的指定地點，不含進口稅費"),
    ],
    "en": [
        ("exw", "EXW", "At our factory, not cleared for export"),
        ("fca", "FCA / FOB", "Handed to the carrier (CY or CFS in Taiwan) / on board at the port of loading"),
        ("cpt", "CPT / CFR", "Plus main freight, to the place / port of destination"),
        ("cip", "CIP / CIF", "Plus insurance (110% of the invoice value)"),
        ("dap", "DAP", "Delivered to the named place in the buyer's country, import duties and taxes not included"),
    ],
}

TEXT = {
    "zh-TW": {
        "form": "輸入你的數字",
        "form_hint": "輸入的數字只留在這個頁面上，不會送到任何地方。",
        "example": "範例數字",
        "caption_example": "範例試算：每單位報價（美元）",
        "caption_live": "試算結果：每單位報價（美元）",
        "rule": "國貿條規",
        "unit": "每單位",
        "total": "整批金額",
        "cbm_total": "總材積",
        "insurance": "CIP／CIF 的投保金額 USD {insured}，保險費約 USD {premium}。",
        "simplification": ("簡化說明：貨櫃貨的 FCA 和 FOB、CPT 和 CFR、CIP 和 CIF 用同一個成本基礎；"
                           "實際上裝運港的碼頭費用由誰付、CIF 只需最低承保範圍（ICC C），"
                           "都可能讓價格略有不同。DAP 也加了保險，因為運到指定地點前風險都在我方。"
                           "運費和各項費用照成本轉給客戶，利潤只算在貨價上。這些都是範例數字，"
                           "實際報價以公司的成本表為準，並請主管核准。"),
        "copy_button": "複製試算結果",
        "copied": "已複製試算結果（純文字）。",
        "copy_failed": "無法自動複製：請選取表格的文字，再按 Ctrl+C（Mac 按 ⌘C）。",
        "invalid": "有欄位需要修正，修正後才會顯示試算結果。",
        "copy_title": "報價試算（範例工具；實際報價以公司成本表為準）",
        "copy_note": "FCA≈FOB、CPT≈CFR、CIP≈CIF 用同一成本基礎；單價四捨五入到美分。請主管核准後再報價。",
        "per_unit": "／單位",
        "order_value": "整批",
        "sep": "，",
        "colon": "：",
        "errors": {
            "empty": "請填入數字，例如 {example}。",
            "number": "這不是數字：請只填數字，例如 {example}。",
            "negative": "不能是負數。",
            "zero": "要大於 0。",
            "whole": "請填整數。",
            "max": "要小於 {max}。",
        },
    },
    "en": {
        "form": "Enter your numbers",
        "form_hint": "The numbers stay on this page; nothing is sent anywhere.",
        "example": "The example's numbers",
        "caption_example": "Worked example: price per unit (USD)",
        "caption_live": "Your result: price per unit (USD)",
        "rule": "Incoterms® rule",
        "unit": "Per unit",
        "total": "Order value",
        "cbm_total": "Total volume",
        "insurance": "CIP / CIF: insured value USD {insured}, premium about USD {premium}.",
        "simplification": ("Simplified: for container cargo, FCA and FOB, CPT and CFR, CIP and CIF are built on the "
                           "same costs. In practice, who pays the terminal charges at the port of loading, and the "
                           "minimum cover CIF needs (ICC C), can make them differ a little. DAP includes insurance "
                           "too, because the risk is ours until the named place. Freight and charges are passed on "
                           "at cost and the margin is on the goods only. The numbers are examples: the company's "
                           "cost sheet decides the real price, and your manager approves it."),
        "copy_button": "Copy as text",
        "copied": "Result copied as plain text.",
        "copy_failed": "Couldn't copy automatically: select the table's text and press Ctrl+C (⌘C on a Mac).",
        "invalid": "Correct the marked fields to see a result.",
        "copy_title": "Price calculation (a guide only; the company's cost sheet decides the real price)",
        "copy_note": ("FCA≈FOB, CPT≈CFR and CIP≈CIF are built on the same costs; unit prices rounded to the cent. "
                      "Get your manager's approval before you quote."),
        "per_unit": "per unit",
        "order_value": "order value",
        "sep": "; ",
        "colon": ": ",
        "errors": {
            "empty": "Enter a number, for example {example}.",
            "number": "That is not a number. Type digits only, for example {example}.",
            "negative": "This can't be negative.",
            "zero": "This must be more than 0.",
            "whole": "Enter a whole number.",
            "max": "This must be less than {max}.",
        },
    },
}


def check(marker, content) -> list[tuple[str, str]]:
    """(message, fix) for a use the marker cannot fill: it takes no arguments."""
    if marker.args:
        return [(f"price-calculator marker takes no arguments: {marker.raw!r}", "write '<!-- price-calculator -->'")]
    return []


def render_block(lang: str, root: str) -> str:
    """The calculator's HTML for a page in `lang` whose path to the site root is `root`."""
    words = TEXT[lang]
    fields = [{"name": name, "label": label, "hint": hint, "example": EXAMPLE[name], "id": f"calc-{name}"}
              for name, label, hint in FIELDS[lang]]
    rules = [{"id": rule, "name": name, "where": where} for rule, name, where in RULES[lang]]
    data = {
        "labels": {f["name"]: f["label"] for f in fields},
        "examples": dict(EXAMPLE),
        "rules": {r["id"]: r["name"] for r in rules},
        "errors": words["errors"],
        "invalid": words["invalid"],
        "captionLive": words["caption_live"],
        "copied": words["copied"],
        "copyFailed": words["copy_failed"],
        "copyTitle": words["copy_title"],
        "copyNote": words["copy_note"],
        "cbmTotal": words["cbm_total"],
        "insuranceLine": words["insurance"],
        "perUnit": words["per_unit"],
        "orderValue": words["order_value"],
        "sep": words["sep"],
        "colon": words["colon"],
    }
    # The insurance line as text and output slots: ["CIP / CIF: insured value USD ", "insured", ", premium …"].
    insurance = re.split(r"\{(insured|premium)\}", words["insurance"])
    return templates.render("price_calculator.html", lang=lang, words=words, fields=fields, rules=rules,
                            result=EXAMPLE_RESULT, data=json.dumps(data, ensure_ascii=False),
                            insurance=insurance, script=root + SCRIPT)


def render(marker, context) -> str:
    """The marker's HTML on the page being rendered (markers.Context: its language and root)."""
    return render_block(context.lang, context.root)
