/* Offline after one visit: registers the handbook's service worker (site/sw.js, written by
   hooks/handbook/offline.py) once the page has loaded, so nothing waits for it. Where service
   workers cannot run (plain HTTP on an intranet, an old browser) this does nothing and the site
   works as before. When a new build has been cached in the background, a quiet notice in the
   page's language offers to reload (the new version takes over only then: a page is never a mix
   of two builds) and links to What's new.
   <html data-hb-offline="ready"> says the handbook is cached (tests and the benchmark read it). */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  /* This file is <root>/assets/javascripts/offline.js: the worker and its scope are the root. */
  var root = new URL("../../", document.currentScript.src).href;
  var en = !/^zh/i.test(document.documentElement.getAttribute("lang") || "");
  var TEXT = en
    ? {updated: "The handbook has been updated.", reload: "Reload", news: "What's new", page: "en/whats-new/"}
    : {updated: "手冊已更新。", reload: "重新載入", news: "看看更新了什麼", page: "whats-new/"};
  var asked = false;

  function takeOver(registration, target) {
    asked = true;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      window.location.href = target;
    });
    if (registration.waiting) registration.waiting.postMessage("skip-waiting");
    else window.location.href = target;
  }

  function notice(registration) {
    if (document.querySelector(".hb-update")) return;
    var box = document.createElement("div");
    box.className = "hb-update";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = TEXT.updated + " ";
    var reload = document.createElement("button");
    reload.type = "button";
    reload.className = "hb-update__reload";
    reload.textContent = TEXT.reload;
    reload.addEventListener("click", function () { takeOver(registration, window.location.href); });
    var news = document.createElement("a");
    news.className = "hb-update__news";
    news.href = root + TEXT.page;
    news.textContent = TEXT.news;
    news.addEventListener("click", function (event) {
      event.preventDefault();
      takeOver(registration, news.href);
    });
    box.append(text, reload, " ", news);
    document.body.appendChild(box);
  }

  function watch(registration, worker) {
    if (!worker) return;
    worker.addEventListener("statechange", function () {
      if (worker.state === "installed" && navigator.serviceWorker.controller) notice(registration);
      if (worker.state === "activated") document.documentElement.setAttribute("data-hb-offline", "ready");
    });
  }

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js", {scope: root}).then(function (registration) {
      if (registration.active && !registration.installing && !registration.waiting) {
        document.documentElement.setAttribute("data-hb-offline", "ready");
      }
      if (registration.waiting && navigator.serviceWorker.controller) notice(registration);
      watch(registration, registration.installing);
      registration.addEventListener("updatefound", function () { watch(registration, registration.installing); });
      /* Another tab took the new version: this page stays as it is until the reader reloads. */
      var controlled = Boolean(navigator.serviceWorker.controller);  /* false on the first visit */
      navigator.serviceWorker.addEventListener("controllerchange", function () {
        if (controlled && !asked) notice(registration);
      });
      window.addEventListener("online", function () { registration.update().catch(function () {}); });
    }).catch(function () { /* no worker (e.g. plain HTTP): the site works as before */ });
  });
})();
