/* Email templates and phrases with placeholders: fill in, preview, copy, open in email.
 *
 * Email templates: hooks/handbook/emails.py renders each `<!-- email ID -->` as
 *   <div class="hb-email" data-email-id data-email='{"subject","body","fields"}' data-text-*>
 * with a hidden <form class="hb-email__form"> (one <input name=FIELD> per placeholder), the
 * message (.hb-email__subject-text, .hb-email__body, placeholders as <var class="hb-slot">)
 * and hidden actions (.hb-email__copy, .hb-email__mailto, .hb-email__status). Without this
 * script (and in print) the block reads as text with its [placeholders]. This script shows the
 * form and actions, redraws the message as the reader types (a field left empty keeps its
 * [placeholder]), copies "Subject: …\n\n<body>" as plain text and keeps the mailto link current.
 * Each template, and each phrase's Fill in button, is set up when it comes near the screen (half a
 * screen ahead): setting up all of them at once was a third of the templates page's blocking time
 * on a phone, and of the zh-TW phrasebook's.
 *
 * Phrases: in phrase tables (overrides/handbook/phrase_table.html: tr[data-phrase-id] > td.hb-phrase-en with
 * <var class="hb-slot">[name]</var>), each English phrase with placeholders gets a "Fill in"
 * button that opens a row below it with one input per placeholder, a preview and a copy button.
 * A "don't say" phrase (tr.hb-dont-say) gets none: it is there to recognise, never to send.
 * The button has no text content (its visible label is drawn by CSS from data-label), so the
 * listen button's spoken text and the phrasebook filter's search text stay the phrase itself;
 * the row hides with its phrase when the filter hides it (CSS: tr[hidden] + .hb-fill-row).
 *
 * Nothing is sent anywhere and nothing is stored. Copying uses navigator.clipboard where the
 * page is a secure context (https, localhost) and falls back to a selected <textarea> and
 * document.execCommand("copy") elsewhere (an intranet served over plain http).
 */
(function () {
  "use strict";

  var SLOT = /\[([a-z0-9]+(?:-[a-z0-9]+)*)\]/g;
  var TEXT = {
    "zh-TW": {
      fill: "填入",
      fillName: function (phrase) { return "填入句子：" + phrase; },
      preview: "預覽",
      copy: "複製句子",
      copied: "已複製句子。",
      copyFailed: "無法自動複製：請選取預覽的文字，再按 Ctrl+C（Mac 按 ⌘C）。",
      slots: {
        date: "日期", dates: "日期", product: "產品", name: "姓名", "your-name": "你的名字", company: "公司名稱",
        number: "數字", market: "市場", price: "價格", amount: "金額", topic: "主題", time: "時間",
        "time-taiwan": "台灣時間", place: "地點", "order-number": "訂單號碼", invoice: "發票號碼", fair: "展覽",
        detail: "細節", destination: "目的地", city: "城市", weight: "重量", stand: "攤位", region: "地區",
        reason: "原因", quantity: "數量", "phone-number": "電話號碼", percent: "百分比", need: "需求",
        month: "月份", model: "型號", material: "材料", load: "裝載量", figure: "數字", event: "活動",
        "email-address": "Email 地址", condition: "條件", alternative: "替代方案"
      }
    },
    en: {
      fill: "Fill in",
      fillName: function (phrase) { return "Fill in: " + phrase; },
      preview: "Preview",
      copy: "Copy phrase",
      copied: "Phrase copied.",
      copyFailed: "Couldn't copy automatically: select the preview text and press Ctrl+C (⌘C on a Mac)."
    }
  };

  /* ------------------------------------------------------------------ shared */

  /* What the reader typed for a placeholder, on one line ("" for nothing). */
  function typed(values, name) {
    return (values[name] || "").replace(/\s+/g, " ").trim();
  }

  /* What goes into the placeholder that ends at `end` of `text`: the typed value, without its
     own full stop when the text goes on with one ("ACME Co." + "." is "ACME Co.", not "Co.."). */
  function valueAt(values, name, text, end) {
    var value = typed(values, name);
    return text.charAt(end) === "." ? value.replace(/\.+$/, "") : value;
  }

  /* The text with every placeholder that has a value replaced by it. */
  function fill(text, values) {
    return text.replace(SLOT, function (whole, name, offset) {
      return valueAt(values, name, text, offset + whole.length) || whole;
    });
  }

  /* Append `text` to `parent`: placeholders without a value as <var class="hb-slot">,
     filled ones as <span class="hb-filled">, the rest as text. */
  function appendPieces(parent, text, values) {
    var last = 0;
    text.replace(SLOT, function (whole, name, offset) {
      if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var value = valueAt(values, name, text, offset + whole.length);
      var node;
      if (value) {
        node = document.createElement("span");
        node.className = "hb-filled";
        node.setAttribute("data-slot", name);
        node.textContent = value;
      } else {
        node = document.createElement("var");
        node.className = "hb-slot";
        node.setAttribute("data-slot", name);
        node.textContent = whole;
      }
      parent.appendChild(node);
      last = offset + whole.length;
      return whole;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function values(inputs) {
    var found = {};
    inputs.forEach(function (input) { found[input.name] = input.value; });
    return found;
  }

  function copyText(text, done) { window.handbook.copyText(text, done); }

  /* Say a message through a live region, again even when it is the same message as before. */
  function announce(status, message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function mailto(subject, body) {
    return "mailto:?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body.replace(/\r?\n/g, "\r\n"));
  }

  /* ------------------------------------------------------------------ email templates */

  function setupEmail(block) {
    if (block.hbEmail) return;
    var data;
    try { data = JSON.parse(block.getAttribute("data-email")); } catch (e) { return; }
    block.hbEmail = true;
    var form = block.querySelector(".hb-email__form");
    var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input[name]")) : [];
    var subjectNode = block.querySelector(".hb-email__subject-text");
    var bodyNode = block.querySelector(".hb-email__body");
    var actions = block.querySelector(".hb-email__actions");
    var copyButton = block.querySelector(".hb-email__copy");
    var link = block.querySelector(".hb-email__mailto");
    var status = block.querySelector(".hb-email__status");

    function emptyFields() {
      return inputs.filter(function (input) { return !input.value.trim(); }).length;
    }

    function draw() {
      var given = values(inputs);
      subjectNode.textContent = "";
      appendPieces(subjectNode, data.subject, given);
      bodyNode.textContent = "";
      data.body.split(/\n[ \t]*\n/).forEach(function (paragraph) {
        if (!paragraph.trim()) return;
        var p = document.createElement("p");
        paragraph.split("\n").forEach(function (line, i) {
          if (i) p.appendChild(document.createElement("br"));
          appendPieces(p, line, given);
        });
        bodyNode.appendChild(p);
      });
      link.href = mailto(fill(data.subject, given), fill(data.body, given));
      block.setAttribute("data-empty-fields", String(emptyFields()));
    }

    if (form) {
      form.hidden = false;
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("input", draw);
      /* On a phone the preview is a small scrolling box above the fields (phone.css): bring the
         placeholder being typed into its view. */
      var preview = block.querySelector(".hb-email__preview");
      form.addEventListener("input", function (event) {
        var slot = preview && event.target.name && preview.querySelector('[data-slot="' + event.target.name + '"]');
        if (slot && preview.scrollHeight > preview.clientHeight) {
          var top = slot.getBoundingClientRect().top - preview.getBoundingClientRect().top + preview.scrollTop;
          preview.scrollTop = Math.max(0, top - preview.clientHeight / 3);
        }
      });
    }
    actions.hidden = false;
    copyButton.addEventListener("click", function () {
      var given = values(inputs);
      var text = "Subject: " + fill(data.subject, given) + "\n\n" + fill(data.body, given);
      var empty = emptyFields();
      copyText(text, function (ok) {
        var message = ok ? block.getAttribute("data-text-copied") : block.getAttribute("data-text-copy-failed");
        if (ok && empty) {
          message += (block.getAttribute("data-text-sep") || "") +
            block.getAttribute(empty === 1 ? "data-text-missing-one" : "data-text-missing").replace("{n}", String(empty));
        }
        block.setAttribute("data-copied", ok ? "true" : "false");
        announce(status, message);
      });
    });
    draw();
  }

  /* ------------------------------------------------------------------ phrases */

  var fillCount = 0;

  /* The English phrase of a cell as written, without the buttons scripts added. */
  function phraseText(cell) {
    var copy = cell.cloneNode(true);
    var extra = copy.querySelectorAll("button");
    for (var i = 0; i < extra.length; i++) extra[i].remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  var PENCIL = '<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z"/></svg>';

  function setupPhrase(row, words, lang) {
    var cell = row.querySelector("td.hb-phrase-en");
    if (!cell || row.hbFill || !cell.querySelector("var.hb-slot")) return;
    row.hbFill = true;
    var phrase = phraseText(cell);
    var names = [];
    phrase.replace(SLOT, function (whole, name) { if (names.indexOf(name) < 0) names.push(name); return whole; });
    if (!names.length) return;
    var n = ++fillCount;
    var panelId = "hb-fill-" + n;

    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "hb-fill-toggle";
    toggle.setAttribute("lang", lang);
    toggle.setAttribute("data-label", words.fill);
    toggle.setAttribute("aria-label", words.fillName(phrase));
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", panelId);
    toggle.innerHTML = PENCIL;

    var panelRow = document.createElement("tr");
    panelRow.className = "hb-fill-row";
    panelRow.hidden = true;
    var panelCell = document.createElement("td");
    panelCell.colSpan = row.cells.length;
    var panel = document.createElement("div");
    panel.className = "hb-fill";
    panel.id = panelId;
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", words.fillName(phrase));
    panel.setAttribute("data-phrase-id", row.getAttribute("data-phrase-id"));

    var fields = document.createElement("div");
    fields.className = "hb-fill__fields";
    var inputs = names.map(function (name) {
      var field = document.createElement("div");
      field.className = "hb-fill__field";
      var label = document.createElement("label");
      label.htmlFor = panelId + "-" + name;
      var slot = document.createElement("span");
      slot.setAttribute("lang", "en");
      slot.textContent = "[" + name + "]";
      /* On a Chinese page the field says what to type in Chinese too: 日期 [date]. */
      if (words.slots && words.slots[name]) label.textContent = words.slots[name] + " ";
      label.appendChild(slot);
      var input = document.createElement("input");
      input.type = "text";
      input.id = panelId + "-" + name;
      input.name = name;
      input.autocomplete = "off";
      input.setAttribute("lang", "en");
      field.appendChild(label);
      field.appendChild(input);
      fields.appendChild(field);
      return input;
    });

    var previewLabel = document.createElement("span");
    previewLabel.className = "hb-fill__preview-label";
    previewLabel.id = panelId + "-preview-label";
    previewLabel.textContent = words.preview;
    var preview = document.createElement("p");
    preview.className = "hb-fill__preview";
    preview.setAttribute("lang", "en");
    preview.setAttribute("aria-labelledby", previewLabel.id);

    var copyButton = document.createElement("button");
    copyButton.type = "button";
    copyButton.className = "md-button hb-fill__copy";
    copyButton.textContent = words.copy;
    var status = window.handbook.statusElement("span", "hb-fill__status");
    var actions = document.createElement("div");
    actions.className = "hb-fill__actions";
    actions.appendChild(copyButton);
    actions.appendChild(status);

    var previewBox = document.createElement("div");
    previewBox.className = "hb-fill__preview-box";
    previewBox.appendChild(previewLabel);
    previewBox.appendChild(preview);

    panel.appendChild(fields);
    panel.appendChild(previewBox);
    panel.appendChild(actions);
    panelCell.appendChild(panel);
    panelRow.appendChild(panelCell);
    row.parentNode.insertBefore(panelRow, row.nextSibling);

    function draw() {
      preview.textContent = "";
      appendPieces(preview, phrase, values(inputs));
    }
    panel.addEventListener("input", draw);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        open(false);
        toggle.focus();
      }
    });
    copyButton.addEventListener("click", function () {
      copyText(fill(phrase, values(inputs)), function (ok) {
        panel.setAttribute("data-copied", ok ? "true" : "false");
        announce(status, ok ? words.copied : words.copyFailed);
      });
    });

    function open(state) {
      panelRow.hidden = !state;
      toggle.setAttribute("aria-expanded", state ? "true" : "false");
    }
    toggle.addEventListener("click", function () {
      var opening = panelRow.hidden;
      open(opening);
      if (opening) inputs[0].focus();
    });

    cell.appendChild(document.createTextNode(" "));
    cell.appendChild(toggle);
    draw();
  }

  /* ------------------------------------------------------------------ start */

  /* setup(element) for each element once it comes within half a screen of the viewport. */
  function whenNear(elements, setup) {
    if (!("IntersectionObserver" in window)) {
      for (var i = 0; i < elements.length; i++) setup(elements[i]);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        setup(entry.target);
      });
    }, { rootMargin: "50% 0px" });
    for (var j = 0; j < elements.length; j++) observer.observe(elements[j]);
  }

  function start() {
    whenNear(document.querySelectorAll(".hb-email[data-email]"), setupEmail);
    var rows = document.querySelectorAll("table.hb-phrase-table tr[data-phrase-id]:not(.hb-dont-say)");
    if (rows.length) {
      var lang = window.handbook.language(TEXT);
      whenNear(rows, function (row) { setupPhrase(row, TEXT[lang], lang); });
    }
  }

  window.handbook.onPage(start);
})();
