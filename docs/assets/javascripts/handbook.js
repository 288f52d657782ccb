/* Shared start-up and helpers for the handbook's page scripts (checklists, phrasebook, quizzes,
   email templates, the calculator).
   Loaded first (extra_javascript order). Material's document$ emits on every page load, also
   with instant navigation off; without Material's bundle, fall back to the DOM being ready. */
(function () {
  "use strict";
  window.handbook = window.handbook || {};
  window.handbook.onPage = function (start) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(start);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  };
  /* A polite live region (role=status): what it says is read out once the reader's action is done. */
  window.handbook.statusElement = function (tagName, className) {
    var element = document.createElement(tagName);
    element.className = className;
    element.setAttribute("role", "status");
    element.setAttribute("aria-live", "polite");
    return element;
  };
  /* Copy plain text and call back with true or false: the Clipboard API where the page is a
     secure context, else a hidden textarea (plain HTTP on an intranet). The email templates,
     the phrasebook and the calculator copy through this one function. */
  function copyWithTextarea(text) {
    var active = document.activeElement;
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.tabIndex = -1;
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    area.setSelectionRange(0, text.length);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(area);
    if (active && typeof active.focus === "function") active.focus();
    return done;
  }

  window.handbook.copyText = function (text, done) {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function" && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () {
        done(copyWithTextarea(text));
      });
    } else {
      done(copyWithTextarea(text));
    }
  };
  /* The key of a script's words ({"zh-TW": {…}, en: {…}}) for the page's language: the page's
     own if the words have it, any other Chinese as zh-TW, anything else as English. */
  window.handbook.language = function (texts) {
    var lang = document.documentElement.getAttribute("lang") || "";
    return texts[lang] ? lang : (/^zh/i.test(lang) ? "zh-TW" : "en");
  };
})();
