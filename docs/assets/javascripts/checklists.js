/* Checklists: remember the reader's ticks in this browser, and show onboarding progress.
 *
 * hooks/handbook/markdown_ext.py renders every `- [ ] text {#id}` as
 *   <li class="task-list-item hb-check" data-check-id="id"><label><input type="checkbox" …>…
 * This script makes those real checkboxes persistent, adds a "clear ticks" button under each
 * checklist, and fills progress views (<div data-hb-progress>, on the onboarding page).
 *
 * Storage (decided deliberately; change the version if the format changes):
 *   localStorage key   "handbook.checklists.v1:" + page path, e.g.
 *                      "handbook.checklists.v1:/phone/incoming-calls/" (home page: ":/")
 *   value              JSON object of the ticked item ids, e.g. {"pen-and-paper": true}
 * - The page path is relative to the site root AND without the language folder ("en/"), so a
 *   page's ticks are the same in both languages: item ids are identical in every language
 *   (hooks/handbook/pages.py enforces it), and a reader who switches language keeps their progress.
 * - It is relative to the site root, not to the host, so the ticks survive the handbook being
 *   served under a sub-path (http://intranet/handbook/) or moved to another one. The site root
 *   comes from Material's __config "base" (a path relative to the page; overrides/main.html
 *   appends the language folder on non-default languages, which is removed here either way).
 * - Items are keyed by their authored id, never by position, so reordering or rewording a
 *   checklist keeps the ticks; an id that disappears from a page is simply ignored.
 * If localStorage is unavailable (privacy settings), the boxes still tick, just not remembered.
 */
(function () {
  "use strict";

  var PREFIX = "handbook.checklists.v1:";
  var TEXT = {
    "zh-TW": {
      reset: "清除勾選",
      progress: function (done, total) { return "已完成 " + done + " / " + total + " 步"; },
      label: "學習進度",
      allDone: "恭喜你走完全程！",
      sep: "，",
      stored: "勾選只存在這個瀏覽器裡，換電腦或清除瀏覽資料後就不見了。",
      drills: ["對話練習", "：已做完 ", " 個"]
    },
    en: {
      reset: "Clear ticks",
      progress: function (done, total) { return done + " of " + total + " steps done"; },
      label: "Progress",
      allDone: "well done!",
      sep: " — ",
      stored: "Your ticks are kept in this browser only; another computer or clearing your browsing data loses them.",
      drills: ["Conversation drills", ": ", " done"]
    }
  };

  function text() { return TEXT[window.handbook.language(TEXT)]; }

  /* ------------------------------------------------------------------ the storage key */

  function siteRootPath() {
    var base = ".";
    var node = document.getElementById("__config");
    if (node) {
      try { base = JSON.parse(node.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href).pathname;
  }

  function languageFolders() {
    var folders = [document.documentElement.getAttribute("lang") || ""];
    var links = document.querySelectorAll("a[hreflang]");
    for (var i = 0; i < links.length; i++) folders.push(links[i].getAttribute("hreflang"));
    return folders.filter(Boolean).map(function (l) { return l.toLowerCase(); });
  }

  function decode(path) {
    try { return decodeURIComponent(path); } catch (e) { return path; }
  }

  /* "/phone/incoming-calls/" for /handbook/en/phone/incoming-calls/ and /handbook/phone/incoming-calls/ */
  function pagePath() {
    var root = decode(siteRootPath());
    var path = decode(window.location.pathname).replace(/index\.html?$/, "");
    var relative = path.indexOf(root) === 0 ? path.slice(root.length) : path.replace(/^\//, "");
    var first = relative.split("/")[0].toLowerCase();
    if (first && relative.indexOf("/") > 0 && languageFolders().indexOf(first) >= 0) {
      relative = relative.slice(first.length + 1);
    }
    return "/" + relative;
  }

  function storageKey() { return PREFIX + pagePath(); }

  function read(key) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (e) {
      return {};
    }
  }

  function write(key, ticks) {
    try {
      if (Object.keys(ticks).length) window.localStorage.setItem(key, JSON.stringify(ticks));
      else window.localStorage.removeItem(key);
    } catch (e) { /* storage unavailable or full: ticks last for this page view */ }
  }

  /* ------------------------------------------------------------------ the page */

  function items(root) {
    return Array.prototype.slice.call((root || document).querySelectorAll("li.hb-check[data-check-id]"));
  }

  function box(item) {
    return item.querySelector('input[type="checkbox"]');
  }

  /* The lists that hold checklist items directly: one reset button each. */
  function lists() {
    var found = [];
    items().forEach(function (item) {
      var list = item.parentElement;
      if (list && found.indexOf(list) < 0) found.push(list);
    });
    return found;
  }

  function ownItems(list) {
    return items(list).filter(function (item) { return item.parentElement === list; });
  }

  function render(key) {
    var ticks = read(key);
    items().forEach(function (item) {
      var input = box(item);
      if (input) input.checked = ticks[item.getAttribute("data-check-id")] === true;
    });
    lists().forEach(function (list) {
      var button = list.hbResetButton;
      if (button) {
        button.hidden = !ownItems(list).some(function (item) {
          return ticks[item.getAttribute("data-check-id")] === true;
        });
      }
    });
    renderProgress(ticks);
  }

  function renderProgress(ticks) {
    var views = document.querySelectorAll("[data-hb-progress]");
    if (!views.length) return;
    var all = items();
    var done = all.filter(function (item) { return ticks[item.getAttribute("data-check-id")] === true; }).length;
    var words = text();
    for (var i = 0; i < views.length; i++) {
      var view = views[i];
      if (!view.hbBuilt) buildProgress(view, i);
      view.hbBar.max = all.length || 1;
      view.hbBar.value = done;
      view.hbBar.setAttribute("aria-valuetext", words.progress(done, all.length));
      view.hbCount.textContent = words.progress(done, all.length) +
        (all.length && done === all.length ? words.sep + words.allDone : "");
      view.setAttribute("data-done", String(done));
      view.setAttribute("data-total", String(all.length));
      var drills = drillsDone();
      view.hbDrills.lastChild.textContent = words.drills[1] + drills + words.drills[2];
      view.setAttribute("data-drills-done", String(drills));
    }
  }

  /* Conversation drills finished in this browser: drills.js keeps one result per drill under
     "handbook.drills.v1:<drill id>" (the same in both languages); the progress view counts them. */
  var DRILLS_PREFIX = "handbook.drills.v1:";
  function drillsDone() {
    var count = 0;
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        if ((window.localStorage.key(i) || "").indexOf(DRILLS_PREFIX) === 0) count += 1;
      }
    } catch (e) { /* storage unavailable: none remembered */ }
    return count;
  }

  function buildProgress(view, index) {
    var words = text();
    var id = "hb-progress-" + index;
    view.classList.add("hb-progress");
    view.innerHTML = "";
    var label = window.handbook.statusElement("p", "hb-progress__count");
    label.id = id + "-label";
    var bar = document.createElement("progress");
    bar.className = "hb-progress__bar";
    bar.setAttribute("aria-label", words.label);
    bar.setAttribute("aria-describedby", id + "-label");
    var note = document.createElement("p");
    note.className = "hb-progress__note";
    note.textContent = words.stored;
    var drills = document.createElement("p");
    drills.className = "hb-progress__drills";
    var practice = document.createElement("a");
    practice.href = siteRootPath() + "practice/"; // the practice page (docs/practice.*.md), this language's
    practice.textContent = words.drills[0];
    drills.appendChild(practice);
    drills.appendChild(document.createTextNode(""));
    view.appendChild(label);
    view.appendChild(bar);
    view.appendChild(drills);
    view.appendChild(note);
    view.hbDrills = drills;
    view.hbCount = label;
    view.hbBar = bar;
    view.hbBuilt = true;
  }

  function setup() {
    var all = items();
    if (!all.length) return;
    var key = storageKey();
    var words = text();

    all.forEach(function (item) {
      var input = box(item);
      if (!input || input.hbBound) return;
      input.hbBound = true;
      input.disabled = false;
      input.addEventListener("change", function () {
        var ticks = read(key); // re-read: another tab may have changed other items
        var id = item.getAttribute("data-check-id");
        if (input.checked) ticks[id] = true; else delete ticks[id];
        write(key, ticks);
        render(key);
      });
    });

    lists().forEach(function (list) {
      if (list.hbResetButton) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-check-reset";
      button.textContent = words.reset;
      button.addEventListener("click", function () {
        var ticks = read(key);
        var own = ownItems(list);
        own.forEach(function (item) { delete ticks[item.getAttribute("data-check-id")]; });
        write(key, ticks);
        render(key);
        var first = own.length && box(own[0]);
        if (first) first.focus(); // the button hides itself now: keep keyboard focus in the list
      });
      list.hbResetButton = button;
      list.parentNode.insertBefore(button, list.nextSibling);
    });

    render(key);

    if (!window.hbChecklistStorageListener) {
      // Ticks made in another tab (or in the other language's page) show up here too.
      window.hbChecklistStorageListener = true;
      window.addEventListener("storage", function (event) {
        if (event.key === null || event.key === storageKey()) render(storageKey());
      });
    }
  }

  /* ------------------------------------------------------------------ styles */


  function start() {
    setup();
  }

  window.handbook.onPage(start);
})();
