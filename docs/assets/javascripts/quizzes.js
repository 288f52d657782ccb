/* Self-check quizzes: right/wrong feedback with the explanation, entirely in the browser.
 *
 * hooks/handbook/quizzes.py (template overrides/handbook/quiz.html) renders each question as <form class="hb-quiz-question" data-correct="N">
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


  function start() {
    if (!document.querySelector(".hb-quiz")) return;
    setup();
  }

  window.handbook.onPage(start);
})();
