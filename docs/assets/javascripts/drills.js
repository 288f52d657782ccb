/* Conversation drills: the other side says a line, the reader picks a reply, and sees why.
 *
 * hooks/handbook/drills.py (templates overrides/handbook/drill.html, drill_list.html) renders each
 * drill as <section class="hb-drill" data-drill="ID" data-drill-steps="{json}"> holding a static
 * script (each line, the best reply and why): what readers without JavaScript and the PDFs get.
 * This script is loaded only by pages with a drill (the drill's own <script> tag); it hides the
 * script on screen (print CSS shows it again) and plays the drill from the JSON, in the page's
 * language: {id, title, who, len, book, steps: [{s: line, o: [{t: reply, g: best|ok|wrong,
 * f: feedback, n: next step index or -1, p: phrase id, z: its Chinese}]}]}.
 *
 * Listening: speechSynthesis with an English voice, normal and slow; the buttons and the "hide the
 * line" switch appear only when the browser has an English voice (offline voices only: nothing is
 * sent anywhere). Without one, the drill works the same, silently.
 *
 * Results (decided deliberately; change the version if the format changes):
 *   localStorage key  "handbook.drills.v1:" + drill id (the same in both languages)
 *   value             {"score": 10, "max": 12, "best": 4, "steps": 6, "top": 12, "plays": 2,
 *                      "date": "2026-12-06"}   (the last play; top = the best score so far)
 * checklists.js counts these keys on the onboarding page; the practice page's list shows them.
 */
(function () {
  "use strict";
  if (window.hbDrillsLoaded) return; // one <script> per drill on the page: run once
  window.hbDrillsLoaded = true;

  var PREFIX = "handbook.drills.v1:";
  var POINTS = { best: 2, ok: 1, wrong: 0 };
  var TEXT = {
    "zh-TW": {
      start: "開始練習", again: "再練一次", next: "下一句", finish: "看結果",
      play: "播放", slow: "慢速", playLabel: "播放這句英文", slowLabel: "慢速播放這句英文",
      hide: "隱藏對方的話（聽力練習）", show: "顯示這句", hidden: "（這句已隱藏，先用聽的）",
      prompt: "你要怎麼回？", you: "你", step: "第 {n} 步",
      grade: { best: "最佳回答", ok: "可以，但不是最好", wrong: "不建議這樣說" },
      bestWas: "最佳回答：", done: "練習完成", score: "得分 {s} / {m}",
      bestCount: "{n} 步裡有 {b} 步選了最佳回答。",
      rating: ["多練幾次就會順了。先看看下面要複習的句型，再練一次。", "不錯！再練一次，把不妥的回答換掉。", "很好！這通電話你處理得很專業。"],
      review: "要複習的句型", reviewNone: "每一步都選了最佳回答，沒有要複習的句型。",
      inBook: "到句型庫看", last: "上次成績 {s} / {m}（{d}）", cell: "上次 {s} / {m}，最佳 {t} / {m}",
      stored: "成績只存在這個瀏覽器裡。", summary: "已做完 {n} / {t} 個練習。", colon: "："
    },
    en: {
      start: "Start the drill", again: "Try again", next: "Next line", finish: "See your result",
      play: "Play", slow: "Slow", playLabel: "Play this line", slowLabel: "Play this line slowly",
      hide: "Hide the caller's words (listening practice)", show: "Show this line",
      hidden: "(Line hidden: listen first)", prompt: "What do you say?", you: "You", step: "Step {n}",
      grade: { best: "Best reply", ok: "Acceptable, not the best", wrong: "Better not" },
      bestWas: "Best reply: ", done: "Drill complete", score: "Score {s} / {m}",
      bestCount: "Best reply in {b} of {n} steps.",
      rating: ["It gets easier with practice. Look at the phrases below, then try again.",
        "Good! Try again and replace the weaker replies.", "Excellent! You handled this call like a professional."],
      review: "Phrases to review", reviewNone: "The best reply every time: nothing to review.",
      inBook: "in the phrasebook", last: "Last result {s} / {m} ({d})", cell: "Last {s} / {m}, best {t} / {m}",
      stored: "Results are kept in this browser only.", summary: "{n} of {t} drills done.", colon: ": "
    }
  };
  var words = TEXT[/^zh/i.test(document.documentElement.getAttribute("lang") || "") ? "zh-TW" : "en"];

  function fill(template, values) {
    return template.replace(/\{(\w)\}/g, function (_, key) { return values[key]; });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* An element holding English (the caller's lines, the replies): marked so, for speech and screen readers. */
  function english(tag, className, text) {
    var node = el(tag, className, text);
    node.lang = "en";
    return node;
  }

  function button(className, text, onClick) {
    var node = el("button", "md-button " + className, text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  /* ------------------------------------------------------------------ results */

  function read(id) {
    try {
      var value = JSON.parse(window.localStorage.getItem(PREFIX + id) || "null");
      return value && typeof value === "object" && typeof value.score === "number" ? value : null;
    } catch (e) {
      return null;
    }
  }

  function save(id, result) {
    var before = read(id);
    result.top = Math.max(result.score, before ? before.top || before.score : 0);
    result.plays = (before ? before.plays || 1 : 0) + 1;
    result.date = new Date().toISOString().slice(0, 10);
    try { window.localStorage.setItem(PREFIX + id, JSON.stringify(result)); } catch (e) { /* kept for this view only */ }
    return result;
  }

  function fillList() {
    var cells = document.querySelectorAll("[data-drill-result]");
    var done = 0;
    for (var i = 0; i < cells.length; i++) {
      var result = read(cells[i].getAttribute("data-drill-result"));
      if (!result) continue;
      done += 1;
      cells[i].textContent = fill(words.cell, { s: result.score, m: result.max, t: result.top || result.score });
      cells[i].setAttribute("data-drill-done", "true");
    }
    var lists = document.querySelectorAll("[data-drill-list]");
    for (var j = 0; j < lists.length; j++) {
      var line = lists[j].hbSummary;
      if (!line) {
        line = lists[j].hbSummary = el("p", "hb-drill-list__summary");
        line.setAttribute("role", "status");
        lists[j].insertBefore(line, lists[j].firstChild);
      }
      line.textContent = fill(words.summary, { n: done, t: cells.length }) + (words === TEXT.en ? " " : "") + words.stored;
    }
  }

  /* ------------------------------------------------------------------ speech */

  function englishVoice() {
    var synth = window.speechSynthesis;
    if (!synth || typeof synth.getVoices !== "function" || typeof window.SpeechSynthesisUtterance !== "function") return null;
    var voices = (synth.getVoices() || []).filter(function (v) { return /^en([-_]|$)/i.test(v.lang || ""); });
    return voices.filter(function (v) { return /^en[-_](US|GB)$/i.test(v.lang) && v.localService; })[0] ||
      voices.filter(function (v) { return v.localService; })[0] || voices[0] || null;
  }

  function speak(text, rate) {
    var voice = englishVoice();
    if (!voice) return;
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = voice.lang;
    try { utterance.voice = voice; } catch (e) { /* the lang still picks English */ }
    utterance.rate = rate;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }

  /* Elements that exist only with an English voice: shown now, or when the voices arrive. */
  var voiceOnly = [];
  function needsVoice(node) {
    node.hidden = !englishVoice();
    voiceOnly.push(node);
    return node;
  }
  if (window.speechSynthesis && typeof window.speechSynthesis.addEventListener === "function") {
    window.speechSynthesis.addEventListener("voiceschanged", function () {
      var has = !!englishVoice();
      voiceOnly.forEach(function (node) { node.hidden = !has; });
    });
  }

  /* ------------------------------------------------------------------ one drill */

  function setup(section) {
    var data;
    try { data = JSON.parse(section.getAttribute("data-drill-steps")); } catch (e) { return; }
    var script = section.querySelector(".hb-drill__script");
    if (script) script.hidden = true; // print CSS shows it again
    var app = el("div", "hb-drill__app");
    var bar = el("div", "hb-drill__bar");
    var startButton = button("md-button--primary hb-drill__start", words.start, play);
    var hideLabel = needsVoice(el("label", "hb-drill__hide"));
    var hideBox = el("input");
    hideBox.type = "checkbox";
    hideLabel.appendChild(hideBox);
    hideLabel.appendChild(document.createTextNode(" " + words.hide));
    var last = el("p", "hb-drill__last");
    bar.appendChild(startButton);
    bar.appendChild(hideLabel);
    bar.appendChild(last);
    var log = el("ol", "hb-drill__log");
    log.setAttribute("aria-label", data.title);
    var choices = el("div", "hb-drill__choices");
    choices.setAttribute("role", "group");
    var prompt = el("p", "hb-drill__prompt", words.prompt);
    prompt.id = "drill-" + data.id + "-prompt";
    choices.setAttribute("aria-labelledby", prompt.id);
    var feedback = el("div", "hb-drill__feedback");
    feedback.setAttribute("role", "status");
    feedback.setAttribute("aria-live", "polite");
    var result = el("div", "hb-drill__result");
    result.tabIndex = -1;
    result.hidden = true;
    [bar, log, choices, feedback, result].forEach(function (node) { app.appendChild(node); });
    section.appendChild(app);
    section.setAttribute("data-drill-state", "ready");

    var run;

    function showLast() {
      var stored = read(data.id);
      last.textContent = stored ? fill(words.last, { s: stored.score, m: stored.max, d: stored.date }) : "";
    }

    function play() {
      run = { step: 0, n: 0, score: 0, max: 0, best: 0, review: [] };
      log.textContent = "";
      result.textContent = "";
      result.hidden = true;
      startButton.hidden = true;
      section.setAttribute("data-drill-state", "playing");
      show(0);
    }

    function callerLine(step) {
      var item = el("li", "hb-drill__turn hb-drill__turn--caller");
      item.tabIndex = -1;
      var head = el("p", "hb-drill__meta");
      head.appendChild(el("span", "hb-drill__who", data.who.split(",")[0]));
      head.appendChild(el("span", "hb-drill__stepno", fill(words.step, { n: run.n })));
      var line = english("q", "hb-drill__line", step.s);
      var tools = el("span", "hb-drill__tools");
      tools.appendChild(needsVoice(button("hb-drill__speak", words.play, function () { speak(step.s, 1); })));
      tools.appendChild(needsVoice(button("hb-drill__speak hb-drill__speak--slow", words.slow, function () { speak(step.s, 0.6); })));
      tools.children[0].setAttribute("aria-label", words.playLabel);
      tools.children[1].setAttribute("aria-label", words.slowLabel);
      var text = el("p", "hb-drill__bubble");
      text.appendChild(line);
      if (hideBox.checked && englishVoice()) {
        line.hidden = true;
        var mask = el("span", "hb-drill__mask", words.hidden);
        text.appendChild(mask);
        var reveal = button("hb-drill__reveal", words.show, function () {
          line.hidden = false;
          mask.remove();
          reveal.remove();
          item.focus();
        });
        tools.appendChild(reveal);
        speak(step.s, 1);
      }
      item.appendChild(head);
      item.appendChild(text);
      item.appendChild(tools);
      return item;
    }

    function show(index) {
      var step = data.steps[index];
      run.step = index;
      run.n += 1;
      var item = callerLine(step);
      log.appendChild(item);
      choices.textContent = "";
      choices.appendChild(prompt);
      step.o.forEach(function (option, i) {
        var choice = button("hb-drill__choice", "", function () { choose(option, step); });
        choice.appendChild(el("span", "hb-drill__letter", "ABCD".charAt(i)));
        var reply = english("span", "hb-drill__reply", option.t);
        choice.appendChild(reply);
        choices.appendChild(choice);
      });
      choices.hidden = false;
      feedback.textContent = "";
      item.focus();
    }

    function choose(option, step) {
      var best = step.o.filter(function (o) { return o.g === "best"; })[0];
      run.score += POINTS[option.g];
      run.max += 2;
      if (option.g === "best") run.best += 1;
      else if (best && run.review.every(function (r) { return r.t !== best.t; })) run.review.push(best);
      var mine = el("li", "hb-drill__turn hb-drill__turn--you hb-drill__turn--" + option.g);
      var head = el("p", "hb-drill__meta");
      head.appendChild(el("span", "hb-drill__who", words.you));
      head.appendChild(el("span", "hb-drill__grade", words.grade[option.g]));
      var said = el("p", "hb-drill__bubble");
      said.appendChild(english("q", "hb-drill__line", option.t));
      var why = el("p", "hb-drill__why", option.f);
      mine.appendChild(head);
      mine.appendChild(said);
      var better = null;
      if (option.g !== "best" && best) {
        better = el("p", "hb-drill__better", words.bestWas);
        var q = english("q", "", best.t);
        better.appendChild(q);
      }
      log.appendChild(mine);
      choices.hidden = true;
      choices.textContent = "";
      var last = option.n < 0;
      var go = button("md-button--primary hb-drill__next", last ? words.finish : words.next, function () {
        // The feedback moves into the conversation, which keeps it on screen to the end.
        mine.appendChild(why);
        if (better) mine.appendChild(better);
        if (last) finish(); else show(option.n);
      });
      // The live region says the verdict, the reason and the best reply once.
      var verdict = el("div", "hb-drill__verdict hb-drill__verdict--" + option.g);
      var reason = el("p");
      reason.appendChild(el("strong", "", words.grade[option.g] + words.colon));
      reason.appendChild(document.createTextNode(option.f));
      verdict.appendChild(reason);
      if (better) verdict.appendChild(better.cloneNode(true));
      feedback.textContent = "";
      feedback.appendChild(verdict);
      feedback.appendChild(go);
      section.setAttribute("data-drill-last-grade", option.g);
      go.focus();
    }

    function finish() {
      feedback.textContent = "";
      var saved = save(data.id, { score: run.score, max: run.max, best: run.best, steps: run.n });
      result.textContent = "";
      result.appendChild(el("p", "hb-drill__done", words.done));
      result.appendChild(el("p", "hb-drill__score", fill(words.score, { s: run.score, m: run.max })));
      var ratio = run.score / run.max;
      result.appendChild(el("p", "", fill(words.bestCount, { b: run.best, n: run.n }) + (words === TEXT.en ? " " : "") +
        words.rating[ratio >= 0.85 ? 2 : ratio >= 0.6 ? 1 : 0]));
      result.appendChild(el("p", "hb-drill__review-title", run.review.length ? words.review : words.reviewNone));
      if (run.review.length) {
        var list = el("ul", "hb-drill__review");
        run.review.forEach(function (option) {
          var item = el("li");
          var q = english("q", "", option.t);
          item.appendChild(q);
          if (option.z) item.appendChild(document.createTextNode("（" + option.z + "）"));
          if (option.p) {
            var link = el("a", "hb-drill__book", words.inBook);
            link.href = data.book + "#phrase-" + option.p;
            item.appendChild(document.createTextNode(" "));
            item.appendChild(link);
          }
          list.appendChild(item);
        });
        result.appendChild(list);
      }
      result.appendChild(button("hb-drill__again", words.again, play));
      result.hidden = false;
      section.setAttribute("data-drill-state", "done");
      section.setAttribute("data-drill-score", saved.score + "/" + saved.max);
      showLast();
      fillList();
      result.focus();
    }

    showLast();
  }

  function start() {
    var sections = document.querySelectorAll(".hb-drill[data-drill]");
    for (var i = 0; i < sections.length; i++) {
      if (!sections[i].hbDrill) {
        sections[i].hbDrill = true;
        setup(sections[i]);
      }
    }
    fillList();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
