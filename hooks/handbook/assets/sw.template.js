/* The handbook's service worker (written to site/sw.js by hooks/handbook/offline.py).
 * Offline after one visit: on install it caches every page of both languages, the styles,
 * scripts, search indexes, sitemaps and downloads listed below (built with content hashes), and
 * checks each file's hash, so a cache is one build, never a mix. Files whose hash did not change
 * are copied from the previous cache instead of downloaded again. The PDFs (too large to prefetch
 * on a phone) are kept when a reader first opens one. A new build is a new version: it waits until
 * the page asks for it (the update notice, docs/assets/javascripts/offline.js), then removes the
 * old caches. Scope: the folder this file is in (the site's root, under any sub-path). */
"use strict";
var VERSION = "__VERSION__";
var FILES = __FILES__; /* [path relative to this file, first 16 hex digits of its SHA-256] */
var SCOPE = self.registration.scope;
var PREFIX = "handbook:" + SCOPE + ":";
var CACHE = PREFIX + VERSION;
var RUNTIME = CACHE + ":opened";
var MANIFEST = SCOPE + "__precache.json";

function hex(buffer) {
  return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
    return ("0" + b.toString(16)).slice(-2);
  }).join("");
}

/* The copy a page gets: the same bytes and headers, but never marked "redirected". */
function fresh(response, body) {
  return new Response(body, {status: response.status, statusText: response.statusText, headers: response.headers});
}

async function previousHashes() {
  var found = [];
  for (var name of await caches.keys()) {
    if (name.indexOf(PREFIX) !== 0 || name === CACHE || /:opened$/.test(name)) continue;
    var cache = await caches.open(name);
    var list = await cache.match(MANIFEST);
    if (list) found.push({cache: cache, hashes: await list.json()});
  }
  return found;
}

async function store(cache, old, entry) {
  var url = new URL(entry[0], SCOPE).href;
  for (var previous of old) {
    if (previous.hashes[entry[0]] !== entry[1]) continue;
    var kept = await previous.cache.match(url);
    if (kept) return cache.put(url, kept);
  }
  var response = await fetch(url, {cache: "no-cache", credentials: "same-origin"});
  if (!response.ok) throw new Error(url + ": HTTP " + response.status);
  var body = await response.arrayBuffer();
  var hash = hex(await crypto.subtle.digest("SHA-256", body)).slice(0, 16);
  /* Another build was published while this one installed: give up, the next visit gets it whole. */
  if (hash !== entry[1]) throw new Error(url + ": not the file of build " + VERSION);
  return cache.put(url, fresh(response, body));
}

self.addEventListener("install", function (event) {
  event.waitUntil((async function () {
    var cache = await caches.open(CACHE);
    var old = await previousHashes();
    var queue = FILES.slice();
    async function worker() {
      while (queue.length) await store(cache, old, queue.shift());
    }
    await Promise.all([worker(), worker(), worker(), worker()]);
    var hashes = {};
    FILES.forEach(function (entry) { hashes[entry[0]] = entry[1]; });
    await cache.put(MANIFEST, new Response(JSON.stringify(hashes), {headers: {"Content-Type": "application/json"}}));
  })());
});

self.addEventListener("activate", function (event) {
  event.waitUntil((async function () {
    for (var name of await caches.keys()) {
      if (name.indexOf(PREFIX) === 0 && name !== CACHE && name !== RUNTIME) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", function (event) {
  if (event.data === "skip-waiting") self.skipWaiting();
});

/* The cache key of a URL in the scope: folders are their index.html, the query is ignored. */
function keyOf(url) {
  var path = url.pathname.replace(/\/index\.html$/, "/");
  return url.origin + path;
}

async function answer(request) {
  var url = new URL(request.url);
  var cache = await caches.open(CACHE);
  var hit = await cache.match(keyOf(url), {ignoreSearch: true});
  if (hit) return hit;
  if (request.mode === "navigate" && !/\/$|\.[a-z0-9]+$/i.test(url.pathname) &&
      await cache.match(keyOf(url) + "/")) {
    return Response.redirect(url.origin + url.pathname + "/" + url.search, 301);  /* /en -> /en/, as the server does */
  }
  var opened = await caches.open(RUNTIME);
  hit = await opened.match(request, {ignoreSearch: true});
  if (hit) return hit;
  try {
    var response = await fetch(request);
    /* A PDF (or another file not listed) is kept for this version once it has been opened. */
    if (response.status === 200 && response.type === "basic" && !request.headers.has("range")) {
      await opened.put(request, response.clone());
    }
    return response;
  } catch (error) {
    if (request.mode === "navigate") {
      var missing = await cache.match(SCOPE + "404.html");
      if (missing) {
        return new Response(await missing.arrayBuffer(), {status: 404, headers: missing.headers});
      }
    }
    throw error;
  }
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  event.respondWith(answer(request));
});
