/* Self-check quizzes: right/wrong feedback with the explanation, entirely in the browser.
 *
 * hooks/quizzes.py renders each question as <form class="hb-quiz-question" data-correct="N">
 * (N counts from 1) with a fieldset of radio buttons, a hidden "check answer" button, an empty
 * feedback region (role=status, aria-live=polite) and a <details> block with the answer and
 * explanation for readers without JavaScript. The feedback words come from data attributes on
 * the quiz (data-text-right, -wrong, -choose, -colon), so this script holds no language strings.
 * Nothing is sent anywhere and nothing is stored: a quiz starts fresh on every visit.
 */
(function () {
  "use strict";

  function setupQuestion(form, quiz) {
    if (form.hbBound) return;
    form.hbBound = true;
    var feedback = form.querySelector(".hb-quiz-feedback");
    var answer = form.querySelector(".hb-quiz-answer");
    var correct = parseInt(form.getAttribute("data-correct"), 10);
    var words = {
      right: quiz.getAttribute("data-text-right"),
      wrong: quiz.getAttribute("data-text-wrong"),
      choose: quiz.getAttribute("data-text-choose"),
      colon: quiz.getAttribute("data-text-colon")
    };
    // With the script, the feedback region gives the answer (the static block stays for print),
    // and the "check answer" button, hidden in the HTML, is shown.
    if (answer) answer.hidden = true;
    var button = form.querySelector(".hb-quiz-check");
    if (button) {
      button.classList.add("md-button");
      button.hidden = false;
    }

    function options() {
      return Array.prototype.slice.call(form.querySelectorAll(".hb-quiz-option"));
    }

    function clearMarks() {
      options().forEach(function (label) {
        label.classList.remove("hb-quiz-option--correct", "hb-quiz-option--wrong");
        var mark = label.querySelector(".hb-quiz-mark");
        if (mark) mark.remove();
      });
      form.removeAttribute("data-result");
    }

    /* A visual mark only: the feedback region says it in words, and a CSS ::after mark would
       become part of the radio button's accessible name. */
    function mark(label, kind, symbol) {
      if (!label) return;
      label.classList.add("hb-quiz-option--" + kind);
      var span = document.createElement("span");
      span.className = "hb-quiz-mark";
      span.setAttribute("aria-hidden", "true");
      span.textContent = symbol;
      label.appendChild(span);
    }

    function show(nodes, result) {
      var fragment = document.createDocumentFragment();
      nodes.forEach(function (node) { fragment.appendChild(node); });
      feedback.textContent = "";
      feedback.appendChild(fragment); // one change, so screen readers announce it once
      if (result) form.setAttribute("data-result", result);
    }

    form.addEventListener("change", function () {
      clearMarks();
      feedback.textContent = "";
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearMarks();
      var chosen = form.querySelector('input[type="radio"]:checked');
      if (!chosen) {
        var hint = document.createElement("p");
        hint.textContent = words.choose;
        show([hint], "");
        var first = form.querySelector('input[type="radio"]');
        if (first) first.focus();
        return;
      }
      var right = parseInt(chosen.value, 10) === correct;
      var correctInput = form.querySelector('input[type="radio"][value="' + correct + '"]');
      var correctLabel = correctInput && correctInput.closest(".hb-quiz-option");
      mark(correctLabel, "correct", "\u2713");
      if (!right) mark(chosen.closest(".hb-quiz-option"), "wrong", "\u2717");

      var verdict = document.createElement("p");
      verdict.className = "hb-quiz-verdict";
      var strong = document.createElement("strong");
      if (right) {
        strong.textContent = words.right;
        verdict.appendChild(strong);
      } else {
        var letter = correctLabel ? correctLabel.querySelector(".hb-quiz-letter").textContent : String(correct);
        strong.textContent = words.wrong + " " + letter + words.colon.replace(/\s+$/, "");
        verdict.appendChild(strong);
        verdict.appendChild(document.createTextNode(/\s$/.test(words.colon) ? " " : ""));
        var text = correctLabel && correctLabel.querySelector(".hb-quiz-text");
        if (text) verdict.appendChild(text.cloneNode(true));
      }
      var explanation = answer && answer.querySelector(".hb-quiz-explanation");
      show(explanation ? [verdict, explanation.cloneNode(true)] : [verdict], right ? "right" : "wrong");
    });
  }

  function setup() {
    var quizzes = document.querySelectorAll(".hb-quiz");
    for (var i = 0; i < quizzes.length; i++) {
      var forms = quizzes[i].querySelectorAll("form.hb-quiz-question");
      for (var j = 0; j < forms.length; j++) setupQuestion(forms[j], quizzes[i]);
    }
  }

  // Printing (also the PDF handbook, printed by Chromium): show every answer under its question.
  window.addEventListener("beforeprint", function () {
    var answers = document.querySelectorAll(".hb-quiz-answer");
    for (var i = 0; i < answers.length; i++) answers[i].open = true;
  });

  function addStyles() {
    if (document.getElementById("hb-quizzes-style")) return;
    var style = document.createElement("style");
    style.id = "hb-quizzes-style";
    style.textContent = [
      ".md-typeset .hb-quiz-question{margin:0 0 1.2em}",
      ".md-typeset .hb-quiz-question fieldset{margin:0;padding:.6em 1em 1em;border:1px solid var(--md-default-fg-color--lightest);border-radius:.2rem}",
      ".md-typeset .hb-quiz-question legend{padding:0 .3em;font-weight:700}",
      ".md-typeset .hb-quiz-number{display:inline-block;margin-right:.4em;padding:0 .4em;font-size:.8em;color:var(--md-primary-bg-color);background:var(--md-primary-fg-color);border-radius:.2rem}",
      ".md-typeset .hb-quiz-example{margin:.4em 0 .8em}",
      ".md-typeset .hb-quiz-options{display:grid;gap:.4em;margin:.4em 0 .8em}",
      ".md-typeset .hb-quiz-option{display:flex;align-items:flex-start;gap:.6em;padding:.45em .7em;border:1px solid var(--md-default-fg-color--lightest);border-radius:.2rem;cursor:pointer}",
      ".md-typeset .hb-quiz-option:hover{border-color:var(--md-accent-fg-color)}",
      ".md-typeset .hb-quiz-option input{margin:.3em 0 0;flex:none;accent-color:var(--md-primary-fg-color)}",
      ".md-typeset .hb-quiz-option:has(input:focus-visible){outline:2px solid var(--md-accent-fg-color);outline-offset:1px}",
      ".md-typeset .hb-quiz-letter{flex:none;font-weight:700;min-width:1.2em}",
      ".md-typeset .hb-quiz-option--correct{border-color:#2e7d32;background:rgba(46,125,50,.1)}",
      ".md-typeset .hb-quiz-option--wrong{border-color:#c62828;background:rgba(198,40,40,.08)}",
      ".md-typeset .hb-quiz-mark{margin-left:auto;font-weight:700}",
      ".md-typeset .hb-quiz-option--correct .hb-quiz-mark{color:#2e7d32}",
      ".md-typeset .hb-quiz-option--wrong .hb-quiz-mark{color:#c62828}",
      ".md-typeset .hb-quiz-check{margin:0;padding:.35em 1.2em;font-size:.75rem;cursor:pointer}",
      ".md-typeset .hb-quiz-feedback:empty,.md-typeset .hb-quiz-answer[hidden]{display:none}",
      ".md-typeset .hb-quiz-feedback{margin-top:.8em;padding:.5em .9em;border-left:.2rem solid var(--md-default-fg-color--light);background:var(--md-code-bg-color)}",
      ".md-typeset [data-result=right] .hb-quiz-feedback{border-left-color:#2e7d32}",
      ".md-typeset [data-result=wrong] .hb-quiz-feedback{border-left-color:#c62828}",
      ".md-typeset .hb-quiz-feedback p{margin:.3em 0}",
      "[data-md-color-scheme=slate] .md-typeset .hb-quiz-option--correct .hb-quiz-mark{color:#81c784}",
      "[data-md-color-scheme=slate] .md-typeset .hb-quiz-option--wrong .hb-quiz-mark{color:#ef9a9a}",
      "@media print{.md-typeset .hb-quiz-check,.md-typeset .hb-quiz-feedback{display:none !important}" +
        ".md-typeset .hb-quiz-answer[hidden]{display:block !important}" +
        ".md-typeset .hb-quiz-option{break-inside:avoid}.md-typeset .hb-quiz-question{break-inside:avoid}}"
    ].join("\n");
    document.head.appendChild(style);
  }

  function start() {
    if (!document.querySelector(".hb-quiz")) return;
    addStyles();
    setup();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
