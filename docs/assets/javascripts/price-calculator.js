/* Quotation calculator on quoting/price-building (`<!-- price-calculator -->`).
 *
 * hooks/handbook/calculator.py renders overrides/handbook/price_calculator.html: a hidden
 * <form class="hb-calc__form"> (one text input per field, each with a hint and an error line it
 * names in aria-describedby), the worked example's inputs (.hb-calc__example) and a results
 * table already filled with the worked example, so that without this script, and in print, the
 * block reads as the worked example. This script shows the form, recomputes the table as the
 * reader types, marks a field that is not a usable number (aria-invalid and a message beside it)
 * and then shows no result at all, and copies the result as plain text.
 *
 * The arithmetic is the pure functions below (no DOM): tests/unit/test_price_calculator.py runs
 * them in Node, which loads this file through `module.exports`. Nothing is sent or stored.
 *
 * The price ladder (every amount per unit, in USD):
 *   cost  = unit cost (TWD) / exchange rate (TWD per USD)
 *   EXW   = cost / (1 - margin)              margin is a share of the EXW price, not a markup
 *   FCA   = EXW + local charges (TWD) / rate / quantity          FOB taken as the same
 *   CPT   = FCA + freight (USD) / quantity                        CFR taken as the same
 *   CIP   = CPT / (1 - 1.1 * insurance rate)  insured for 110% of the price that includes the
 *                                             premium itself; CIF taken as the same
 *   DAP   = (CPT + destination charges / quantity) / (1 - 1.1 * rate)   our risk to the place
 * Unit prices are rounded to the cent; an order value is the rounded unit price x quantity.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.hbPriceCalculator = api;
    if (typeof document !== "undefined") api.start(document);
  }
})(this, function () {
  "use strict";

  var INSURED_SHARE = 1.1; // cover for 110% of the invoice value

  /* The fields: name (the input's name), what a usable value is. */
  var FIELDS = [
    {name: "unit-cost", key: "unitCost", positive: true},
    {name: "quantity", key: "quantity", positive: true, whole: true},
    {name: "cartons", key: "cartons", positive: true, whole: true},
    {name: "carton-cbm", key: "cartonCbm", positive: true},
    {name: "local-charges", key: "localCharges"},
    {name: "freight", key: "freight"},
    {name: "destination-charges", key: "destinationCharges"},
    {name: "insurance-rate", key: "insuranceRate", percent: true, below: 10},
    {name: "margin", key: "margin", percent: true, below: 100},
    {name: "exchange-rate", key: "exchangeRate", positive: true}
  ];
  var RULES = ["exw", "fca", "cpt", "cip", "dap"];

  var PLAIN = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
  var GROUPED = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/; // 6,000 or 18,000.50

  /* What the reader typed, as ASCII: full-width digits and marks from a Chinese input method
   * become their ASCII forms, spaces go. */
  function normalize(text) {
    return String(text == null ? "" : text)
      .replace(/[\uff10-\uff19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/\uff0e/g, ".")
      .replace(/\uff0c/g, ",")
      .replace(/[\uff0d\u2212]/g, "-")
      .replace(/\uff05/g, "%")
      .replace(/[\s\u3000]+/g, "");
  }

  /* A typed number -> {value} or {error: "empty" | "number"}. `percent` allows a trailing %. */
  function parseNumber(text, percent) {
    var s = normalize(text);
    if (percent && s.charAt(s.length - 1) === "%") s = s.slice(0, -1);
    if (s === "") return {error: "empty"};
    if (!PLAIN.test(s) && !GROUPED.test(s)) return {error: "number"};
    var value = Number(s.replace(/,/g, ""));
    return isFinite(value) ? {value: value} : {error: "number"};
  }

  /* One field's text -> {value} or {error: "empty" | "number" | "negative" | "zero" | "whole" | "max"}. */
  function checkField(field, text) {
    var parsed = parseNumber(text, field.percent);
    if (parsed.error) return parsed;
    var v = parsed.value;
    if (v < 0) return {error: "negative"};
    if (field.positive && v === 0) return {error: "zero"};
    if (field.whole && Math.floor(v) !== v) return {error: "whole"};
    if (field.below !== undefined && v >= field.below) return {error: "max"};
    return {value: v};
  }

  /* texts: {field name: typed text} -> {ok, values: {key: number}, errors: {field name: code}}. */
  function validate(texts) {
    var values = {}, errors = {}, ok = true;
    FIELDS.forEach(function (field) {
      var result = checkField(field, texts[field.name]);
      if (result.error) { errors[field.name] = result.error; ok = false; }
      else values[field.key] = result.value;
    });
    return {ok: ok, values: values, errors: errors};
  }

  /* To the cent (half up), robust to binary fractions such as 1.005. */
  function round2(n) {
    return Math.round(n * 100 * (1 + 1e-12)) / 100;
  }

  /* 30600 -> "30,600.00"; `decimals` 2 unless given. */
  function formatNumber(n, decimals) {
    var d = decimals === undefined ? 2 : decimals;
    var factor = Math.pow(10, d);
    var fixed = (Math.round(n * factor * (1 + 1e-12)) / factor).toFixed(d);
    var parts = fixed.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  /* The prices for checked values (validate().values). Every amount in USD. */
  function quote(v) {
    var q = v.quantity, rate = v.exchangeRate;
    var keep = 1 - INSURED_SHARE * v.insuranceRate / 100; // what is left of a price after the premium
    var cost = v.unitCost / rate;
    var exact = {};
    exact.exw = cost / (1 - v.margin / 100);
    exact.fca = exact.exw + v.localCharges / rate / q;
    exact.cpt = exact.fca + v.freight / q;
    exact.cip = exact.cpt / keep;
    exact.dap = (exact.cpt + v.destinationCharges / q) / keep;
    var rows = RULES.map(function (rule) {
      var unit = round2(exact[rule]);
      return {rule: rule, exact: exact[rule], unit: unit, total: round2(unit * q)};
    });
    var cip = rows[3];
    var insured = round2(cip.total * INSURED_SHARE);
    return {
      costUsd: cost,
      cbm: v.cartons * v.cartonCbm,
      rows: rows,
      insured: insured,
      premium: round2(insured * v.insuranceRate / 100)
    };
  }

  /* The result as plain text, in the words of the page (data-calc of the block). */
  function asText(texts, result, words) {
    var lines = [words.copyTitle];
    FIELDS.forEach(function (field) {
      lines.push(words.labels[field.name] + words.colon + normalize(texts[field.name]));
    });
    lines.push(words.cbmTotal + words.colon + formatNumber(result.cbm) + " CBM");
    lines.push("");
    result.rows.forEach(function (row) {
      lines.push(words.rules[row.rule] + words.colon + "USD " + formatNumber(row.unit) + " " + words.perUnit +
        words.sep + words.orderValue + " USD " + formatNumber(row.total));
    });
    lines.push(words.insuranceLine.replace("{insured}", formatNumber(result.insured))
      .replace("{premium}", formatNumber(result.premium)));
    lines.push("");
    lines.push(words.copyNote);
    return lines.join("\n");
  }

  /* ------------------------------------------------------------------ the page */

  function copyText(text, done) { window.handbook.copyText(text, done); }

  function setup(block) {
    var words = JSON.parse(block.getAttribute("data-calc"));
    var form = block.querySelector(".hb-calc__form");
    var status = block.querySelector(".hb-calc__status");
    var copyStatus = block.querySelector(".hb-calc__copy-status");
    var copy = block.querySelector(".hb-calc__copy");
    var caption = block.querySelector(".hb-calc__caption");
    var last = null;

    function texts() {
      var out = {};
      FIELDS.forEach(function (field) { out[field.name] = form.elements[field.name].value; });
      return out;
    }

    function message(field, code) {
      return words.errors[code].replace("{example}", words.examples[field.name]).replace("{max}", field.below + "%");
    }

    function update() {
      var typed = texts(), checked = validate(typed);
      FIELDS.forEach(function (field) {
        var input = form.elements[field.name];
        var error = block.querySelector("#" + input.id + "-error");
        var code = checked.errors[field.name];
        if (code) {
          input.setAttribute("aria-invalid", "true");
          error.textContent = message(field, code);
        } else {
          input.removeAttribute("aria-invalid");
          error.textContent = "";
        }
      });
      copyStatus.textContent = "";
      if (!checked.ok) {
        last = null;
        block.querySelectorAll("[data-out]").forEach(function (cell) { cell.textContent = "—"; });
        block.classList.add("hb-calc--invalid");
        status.textContent = words.invalid;
        copy.disabled = true;
        return;
      }
      var result = quote(checked.values);
      last = {texts: typed, result: result};
      block.classList.remove("hb-calc--invalid");
      status.textContent = "";
      copy.disabled = false;
      var out = {cbm: formatNumber(result.cbm), insured: formatNumber(result.insured),
                 premium: formatNumber(result.premium)};
      result.rows.forEach(function (row) {
        out[row.rule + "-unit"] = formatNumber(row.unit);
        out[row.rule + "-total"] = formatNumber(row.total);
      });
      block.querySelectorAll("[data-out]").forEach(function (cell) {
        cell.textContent = out[cell.getAttribute("data-out")];
      });
    }

    form.hidden = false;
    copy.parentNode.hidden = false;
    block.querySelectorAll(".hb-calc__example").forEach(function (node) { node.hidden = true; });
    caption.textContent = words.captionLive;
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    copy.addEventListener("click", function () {
      if (!last) return;
      copyText(asText(last.texts, last.result, words), function (done) {
        copyStatus.textContent = "";
        window.setTimeout(function () { copyStatus.textContent = done ? words.copied : words.copyFailed; }, 50);
      });
    });
    update();
  }

  function start(doc) {
    // The PDF's print document (body.hb-book) shows the worked example as rendered.
    if (doc.body && doc.body.classList.contains("hb-book")) return;
    var run = function () { doc.querySelectorAll(".hb-calc[data-calc]").forEach(setup); };
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", run);
    else run();
  }

  return {
    FIELDS: FIELDS,
    RULES: RULES,
    normalize: normalize,
    parseNumber: parseNumber,
    checkField: checkField,
    validate: validate,
    round2: round2,
    formatNumber: formatNumber,
    quote: quote,
    asText: asText,
    start: start
  };
});
