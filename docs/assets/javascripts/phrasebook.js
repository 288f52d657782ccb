/* Phrase tables: a filter on the phrasebook page, and "listen" buttons on every phrase table.
 *
 * hooks/handbook/phrases.py (template overrides/handbook/phrase_table.html) renders phrase tables as <table class="hb-phrase-table"> with one
 * <tr data-phrase-id data-situation> per phrase and cells <td lang class="hb-phrase-en|zh-tw|
 * note|situation">. The phrasebook's full table (<!-- phrases all -->) has a situation column.
 *
 * Filter (the phrasebook: the tables with a situation column, i.e. every phrase, and the "don't
 * say" pairs apart): one filter above the first table works on all of them. A situation <select>
 * built from the situations present (labelled by the visible situation text) and a text box that filters as
 * the reader types, in Chinese or English, ignoring case and full-/half-width differences.
 * It reacts to `input` events (not key events), so Chinese IME input works; while an IME is
 * composing, it waits for the composition to end. A live count says how many phrases show (a
 * "say instead" row of a don't-say pair shows and hides with its pair, and is not counted). The
 * filter is reflected in the address (?situation=…&phrase=…) so a filtered view can be shared
 * (not ?q=, which Material's search reads and would open the search dialog).
 *
 * Listen: each English cell (but a "don't say" phrase's) gets a small button that reads the phrase with the browser's own
 * speech synthesis (speechSynthesis, offline), with an English voice. No button is added when
 * the browser has no speechSynthesis or no English voice; voices may arrive later
 * (`voiceschanged`), and the buttons are added then. Placeholders are read as their word
 * without brackets ("[order-number]" → "order number"), so the sentence still sounds whole
 * and the learner hears where their own detail goes.
 */
(function () {
  "use strict";

  var TEXT = {
    "zh-TW": {
      situation: "情境",
      allSituations: "全部情境",
      search: "搜尋句型（中文或英文）",
      placeholder: "例如：報價、confirm",
      count: function (shown, total) { return "顯示 " + shown + " / " + total + " 句"; },
      none: "沒有符合的句型。換個字詞，或把情境改回「全部情境」。",
      listen: "朗讀英文",
      filterName: "篩選句型"
    },
    en: {
      situation: "Situation",
      allSituations: "All situations",
      search: "Search phrases (English or Chinese)",
      placeholder: "e.g. quotation",
      count: function (shown, total) { return "Showing " + shown + " of " + total + " phrases"; },
      none: "No phrases match. Try another word, or set the situation back to “All situations”.",
      listen: "Listen",
      filterName: "Filter phrases"
    }
  };

  function text() { return TEXT[window.handbook.language(TEXT)]; }

  function normalize(value) {
    return (value || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* ------------------------------------------------------------------ filter */

  var filterCount = 0;

  /* A form field: the control with its visible label, in a wrapper with the given class. */
  function labelled(control, id, labelText, className) {
    var field = document.createElement("div");
    field.className = className;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = labelText;
    control.id = id;
    field.appendChild(label);
    field.appendChild(control);
    return field;
  }

  function buildFilter(tables) {
    var wrapper = tables[0].closest(".hb-phrases") || tables[0];
    var last = tables[tables.length - 1].closest(".hb-phrases") || tables[tables.length - 1];
    if (wrapper.hbFilter) return;
    var rows = [];
    tables.forEach(function (table) {
      rows = rows.concat(Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-phrase-id]:not(.hb-say-instead)")));
    });
    if (!rows.length) return;
    var words = text();
    var n = ++filterCount;

    rows.forEach(function (row) {
      // Searchable text of the phrase, its translation, note and situation (not the buttons).
      var cells = row.querySelectorAll("td");
      var parts = [];
      for (var i = 0; i < cells.length; i++) parts.push(cells[i].textContent);
      row.hbSearch = normalize(parts.join(" "));
    });

    var situations = [];
    var names = {};
    rows.forEach(function (row) {
      var id = row.getAttribute("data-situation");
      if (!id || names[id]) return;
      var cell = row.querySelector(".hb-phrase-situation");
      names[id] = cell ? cell.textContent.trim() : id;
      situations.push(id);
    });

    var form = document.createElement("form");
    form.className = "hb-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", words.filterName);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var select = document.createElement("select");
    select.className = "hb-filter__situation";
    var all = document.createElement("option");
    all.value = "";
    all.textContent = words.allSituations;
    select.appendChild(all);
    situations.forEach(function (id) {
      var option = document.createElement("option");
      option.value = id;
      option.textContent = names[id];
      select.appendChild(option);
    });

    var input = document.createElement("input");
    input.type = "search";
    input.className = "hb-filter__text";
    input.placeholder = words.placeholder;
    input.autocomplete = "off";
    input.spellcheck = false;

    var count = window.handbook.statusElement("p", "hb-filter__count");

    var none = document.createElement("p");
    none.className = "hb-filter__none";
    none.hidden = true;
    none.textContent = words.none;

    form.appendChild(labelled(select, "hb-filter-situation-" + n, words.situation, "hb-filter__field"));
    form.appendChild(labelled(input, "hb-filter-text-" + n, words.search, "hb-filter__field hb-filter__field--grow"));
    form.appendChild(count);
    wrapper.parentNode.insertBefore(form, wrapper);
    last.parentNode.insertBefore(none, last.nextSibling);
    wrapper.hbFilter = form;

    var composing = false;
    var tables = [];
    rows.forEach(function (row) {
      var table = row.closest(".hb-phrases") || row.closest("table");
      if (tables.indexOf(table) < 0) tables.push(table);
    });

    function apply(updateAddress) {
      var situation = select.value;
      var terms = normalize(input.value).split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!situation || row.getAttribute("data-situation") === situation) &&
          terms.every(function (term) { return row.hbSearch.indexOf(term) >= 0; });
        row.hidden = !visible;
        var pair = row.nextElementSibling;  // a don't-say row's "say instead" row goes with it
        if (pair && pair.classList.contains("hb-say-instead")) pair.hidden = !visible;
        if (visible) shown++;
      });
      /* A table none of whose phrases match is hidden whole (no empty column headings). */
      tables.forEach(function (table) {
        table.hidden = !table.querySelector("tr[data-phrase-id]:not([hidden])");
      });
      count.textContent = words.count(shown, rows.length);
      none.hidden = shown > 0;
      form.setAttribute("data-shown", String(shown));
      if (updateAddress && window.history && window.history.replaceState) {
        var url = new URL(window.location.href);
        if (situation) url.searchParams.set("situation", situation); else url.searchParams.delete("situation");
        if (input.value.trim()) url.searchParams.set("phrase", input.value.trim()); else url.searchParams.delete("phrase");
        window.history.replaceState(window.history.state, "", url.toString());
      }
    }

    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; apply(true); });
    input.addEventListener("input", function (event) {
      if (composing || event.isComposing) return; // wait for the IME to finish the word
      apply(true);
    });
    input.addEventListener("search", function () { apply(true); }); // the clear (×) button, Esc
    select.addEventListener("change", function () { apply(true); });

    var params = new URLSearchParams(window.location.search);
    if (params.get("situation") && names[params.get("situation")]) select.value = params.get("situation");
    if (params.get("phrase")) input.value = params.get("phrase");
    apply(false);
  }

  /* ------------------------------------------------------------------ listen */

  var state = { voice: null, waiting: false };

  function englishVoice() {
    var synth = window.speechSynthesis;
    if (!synth || typeof synth.getVoices !== "function" || typeof window.SpeechSynthesisUtterance !== "function") return null;
    var voices = (synth.getVoices() || []).filter(function (voice) {
      return /^en([-_]|$)/i.test(voice.lang || "");
    });
    if (!voices.length) return null;
    function pick(test) { return voices.filter(test)[0]; }
    return pick(function (v) { return /^en[-_]US$/i.test(v.lang) && v.localService; }) ||
      pick(function (v) { return /^en[-_](US|GB)$/i.test(v.lang); }) ||
      pick(function (v) { return v.localService; }) || voices[0];
  }

  /* The words to say for an English cell: placeholders as plain words, no button text. */
  function spokenText(cell) {
    var copy = cell.cloneNode(true);
    var buttons = copy.querySelectorAll(".hb-listen");
    for (var i = 0; i < buttons.length; i++) buttons[i].remove();
    var slots = copy.querySelectorAll("var");
    for (var j = 0; j < slots.length; j++) {
      slots[j].textContent = slots[j].textContent.replace(/[\[\]]/g, "").replace(/-/g, " ");
    }
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  var ICON = '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 7.97v8.05c1.48-.73 2.5-2.25 2.5-4.02zM14 3.23v2.06c2.89.86 5 3.54 5 6.71s-2.11 5.85-5 6.71v2.06c4.01-.91 7-4.49 7-8.77s-2.99-7.86-7-8.77z"/></svg>';

  function speak(cell, button) {
    var synth = window.speechSynthesis;
    var voice = state.voice || englishVoice();
    if (!synth || !voice) return;
    synth.cancel();
    var utterance = new window.SpeechSynthesisUtterance(spokenText(cell));
    utterance.lang = voice.lang;
    try { utterance.voice = voice; } catch (e) { /* not a native voice object: the lang still picks English */ }
    utterance.rate = 0.9; // a little slower than normal: the reader is learning the phrase
    button.classList.add("hb-listen--speaking");
    utterance.onend = utterance.onerror = function () { button.classList.remove("hb-listen--speaking"); };
    synth.speak(utterance);
  }

  function addListenButtons() {
    state.voice = englishVoice();
    if (!state.voice) {
      waitForVoices();
      return;
    }
    var words = text();
    // Not on a "don't say" phrase: it is there to recognise, never to practise aloud.
    var cells = document.querySelectorAll("table.hb-phrase-table tr[data-phrase-id]:not(.hb-dont-say) td.hb-phrase-en");
    for (var i = 0; i < cells.length; i++) {
      var cell = cells[i];
      if (cell.querySelector(".hb-listen")) continue;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-listen";
      button.setAttribute("aria-label", words.listen);
      button.title = words.listen;
      button.innerHTML = ICON;
      button.addEventListener("click", (function (c, b) { return function () { speak(c, b); }; })(cell, button));
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(button);
    }
  }

  function waitForVoices() {
    var synth = window.speechSynthesis;
    if (state.waiting || !synth || typeof synth.addEventListener !== "function") return;
    state.waiting = true;
    synth.addEventListener("voiceschanged", function () {
      if (englishVoice()) addListenButtons();
    });
  }

  /* ------------------------------------------------------------------ styles, start */


  function start() {
    var tables = document.querySelectorAll("table.hb-phrase-table");
    if (!tables.length) return;
    var listed = Array.prototype.filter.call(tables, function (table) {
      return table.querySelector("td.hb-phrase-situation");
    });
    if (listed.length) buildFilter(listed);
    addListenButtons();
  }

  window.handbook.onPage(start);
})();
