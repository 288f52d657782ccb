/* Shared start-up and helpers for the handbook's page scripts (checklists, phrasebook, quizzes,
   email templates).
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
  /* The key of a script's words ({"zh-TW": {…}, en: {…}}) for the page's language: the page's
     own if the words have it, any other Chinese as zh-TW, anything else as English. */
  window.handbook.language = function (texts) {
    var lang = document.documentElement.getAttribute("lang") || "";
    return texts[lang] ? lang : (/^zh/i.test(lang) ? "zh-TW" : "en");
  };
})();
