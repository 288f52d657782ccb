/* The handbook's search worker: Material's own search worker, with the handbook's query
 * preparation in front of it and its result clean-up behind it.
 *
 * How it is loaded (no patch of Material's code): overrides/main.html points Material's
 * configuration (`__config.search`, the URL Material's page script starts its worker from) at
 * this file, with Material's worker URL as `?material=`. This file registers its message
 * listener, then loads Material's worker with importScripts; Material's worker then answers
 * every message as usual, through the message protocol its page script speaks (SETUP with the
 * index, QUERY with the search box's text, RESULT with the grouped results):
 * - SETUP: keep the index's config and its vocabulary (every token of every field, as lunr's
 *   tokenizer cuts it: the index's own words) for the query preparation below;
 * - QUERY: replace the text with the prepared query (hbPrepareQuery) in lunr's query syntax
 *   (hbLunrQuery): every word searched as typed (stemmed like the index) and as a prefix, and a
 *   Chinese word written with a backslash between its characters (lunr's escape, removed by
 *   lunr's query lexer) so Material's own experimental Chinese segmentation leaves it whole;
 * - RESULT: drop the search-only tokens (`_price_too_high`, see phrase_token in
 *   hooks/handbook/search.py) from each result's matched words, so none is ever shown to the
 *   reader as "Missing".
 *
 * The query preparation:
 * 1. Each run of Chinese is split into the index's own words (every word jieba produced for the
 *    pages, glossary terms, synonyms, questions; not the tokens jieba only guessed,
 *    config.hb_not_words) by
 *    bidirectional maximum matching: forward and backward longest match; the split with fewer
 *    words wins, then the one with fewer single characters, then the backward one.
 * 2. Stop words (config.hb_stop_words: question words and words on nearly every page, computed
 *    by the build; and lunr's English stop words, which Material's prefix queries would
 *    otherwise bypass: "i*" matches every word starting with i) are searched in titles only,
 *    as typed ("How to say no": the index keeps every word). A word whose stem starts it is
 *    searched as its stem ("shipped": ship, ship*).
 * 3. In a longer query, a single Chinese character is searched exactly, not as a prefix, and
 *    a Chinese word weighs three times as much.
 * 3b. A single Latin letter (L/C, T/T, D/P split at the slash) is searched exactly, never as a prefix.
 * 4. A word typed with an apostrophe or hyphen is searched as its parts less stop words
 *    ("boss's" is boss, "didn't" nothing): as typed, Material would search "s*" and "t*", which
 *    match every word starting with s or t.
 * 5. A glossary phrase (config.hb_phrases: "price too high", "meet halfway") typed in the query,
 *    stop words aside and stemmed ("prices are too high"), adds its token ("_price_too_high"):
 *    the index holds glossary phrases only as such tokens, never as their everyday words.
 */
(function () {
  "use strict";
  var LONGEST = 8, WORD = 3, STEM = 4;
  var stopCache = { list: null, set: null }, notCache = { list: null, set: null };
  var phraseCache = { list: null, keys: null };

  function forward(run, known) {
    var out = [];
    for (var i = 0; i < run.length;) {
      var n = Math.min(LONGEST, run.length - i);
      while (n > 1 && !known(run.substr(i, n))) n--;
      out.push(run.substr(i, n));
      i += n;
    }
    return out;
  }

  function backward(run, known) {
    var out = [];
    for (var j = run.length; j > 0;) {
      var n = Math.min(LONGEST, j);
      while (n > 1 && !known(run.slice(j - n, j))) n--;
      out.unshift(run.slice(j - n, j));
      j -= n;
    }
    return out;
  }

  function singles(words) {
    return words.filter(function (w) { return w.length === 1; }).length;
  }

  function segment(run, known) {
    var f = forward(run, known), b = backward(run, known);
    if (f.length !== b.length) return f.length < b.length ? f : b;
    return singles(f) < singles(b) ? f : b;
  }

  function notWords(config) {
    var list = (config && config.hb_not_words) || [];
    if (notCache.list !== list) notCache = { list: list, set: new Set(list) };
    return notCache.set;
  }

  function stopSet(config) {
    var list = (config && config.hb_stop_words) || [];
    if (stopCache.list !== list) stopCache = { list: list, set: new Set(list) };
    return stopCache.set;
  }

  function englishStop(w) {
    var lunr = self.lunr;
    return !!(lunr && lunr.stopWordFilter && /^[a-z]+$/.test(w) && !lunr.stopWordFilter(new lunr.Token(w)));
  }

  function stem(w) {
    var lunr = self.lunr;
    return lunr && lunr.stemmer ? lunr.stemmer(new lunr.Token(w)).toString() : w;
  }

  // A phrase's key: its words less English stop words, stemmed ("price high"); a phrase with
  // fewer than two other words keeps all its words ("give in"), so one everyday word never
  // stands for it.
  function phraseKey(ws) {
    var content = ws.filter(function (w) { return !englishStop(w); });
    return (content.length > 1 ? content : ws).map(stem).join(" ");
  }

  function phraseKeys(config, separator) {
    var list = (config && config.hb_phrases) || [];
    if (phraseCache.list !== list) {
      var keys = new Map();
      list.forEach(function (phrase) {
        var ws = phrase.toLowerCase().split(separator).filter(Boolean);
        if (ws.length > 1) keys.set(phraseKey(ws), "_" + ws.join("_")); // as phrase_token (search.py)
      });
      phraseCache = { list: list, keys: keys };
    }
    return phraseCache.keys;
  }

  function phrasesIn(query, config, separator) {
    var keys = phraseKeys(config, separator);
    if (!keys.size) return [];
    var all = query.toLowerCase().split(separator).filter(function (w) { return /^[a-z0-9]+$/.test(w); });
    var content = all.filter(function (w) { return !englishStop(w); });
    var found = [];
    [all, content].forEach(function (ws) {
      var stems = ws.map(stem);
      for (var i = 0; i < stems.length; i++) {
        for (var n = 2; n <= 5 && i + n <= stems.length; n++) {
          var token = keys.get(stems.slice(i, i + n).join(" "));
          if (token && found.indexOf(token) < 0) found.push(token);
        }
      }
    });
    return found;
  }

  // A word whose stem starts it ("shipped": ship) is searched as its stem: as itself the stem
  // finds every form in the index ("shipped" is stemmed to it anyway), as a prefix every word
  // that starts with it (shipping, shipment; "shipped*" finds neither), and Material counts the
  // query's words a result matched by comparing them with the stems it found. A stem of fewer
  // than STEM letters ("using": us) or one the stemmer would cut again stays the word as typed.
  function stemFirst(w) {
    if (!/^[a-z]+$/i.test(w)) return w;
    var s = stem(w.toLowerCase());
    return s.length >= STEM && s !== w.toLowerCase() && w.toLowerCase().indexOf(s) === 0 && stem(s) === s ? s : w;
  }

  // `vocabulary`: a Set of the index's words (vocabularyOf).
  self.hbPrepareQuery = function (query, vocabulary, config) {
    var guessed = notWords(config);
    var known = function (word) { return vocabulary.has(word) && !guessed.has(word); };
    query = query.replace(/\p{sc=Han}+/gu, function (run) {
      return " " + segment(run, known).join(" ") + " ";
    });
    var stop = stopSet(config);
    var isStop = function (w) { return stop.has(w) || englishStop(w); };
    var separator = new RegExp((config && config.separator) || "[\\s\\-]+", "g");
    var parts = query.trim().split(/\s+/).filter(Boolean);
    var kept = [], inTitles = [];
    parts.forEach(function (part) {
      if (/^[+\-]|["*~^:]/.test(part)) { kept.push(part); return; } // lunr query syntax: as typed
      // A trade abbreviation of single letters (T/T, L/C, D/P, B/L): its letters, stop words or not.
      if (/^[a-z](\/[a-z])+$/i.test(part)) { kept.push(part.toLowerCase().split("/").join(" ")); return; }
      var all = part.toLowerCase().split(separator).filter(Boolean);
      var ws = all.filter(function (w) { return !isStop(w); });
      if (ws.length) kept.push(ws.length === 1 && ws[0] === part.toLowerCase() ? part : ws.join(" "));
      else if (all.length === 1 && /^[a-z]+$/.test(all[0]) && inTitles.indexOf(all[0]) < 0) inTitles.push(all[0]);
    });
    kept = kept.join(" ").split(/\s+/).filter(Boolean).map(stemFirst).concat(phrasesIn(query, config, separator));
    // A stop word typed as a word of its own is searched in titles only, as itself ("^1": no
    // prefix): a title is short and each of its words was chosen ("How to say no").
    var titles = inTitles.map(function (w) { return "title:" + w + "^1"; });
    kept = kept.concat(titles);
    // In a longer query, a single Chinese character (前, 問: what jieba leaves between words) is
    // searched as itself only, and a Chinese word weighs three times as much: as a prefix (問*)
    // a character would match every word that starts with it (問題, 問價, 問清楚, …) and, found in
    // a title, outweigh the query's real words. Boosted terms pass Material's query transform
    // as written, so the word is given both as typed and as a prefix here.
    // A single Latin letter ("L/C", "T/T", "D/P" are split at the slash) is searched as itself:
    // as a prefix, "l*" and "c*" would match nearly every word of the site.
    return (kept.length ? kept : parts).join(" ").split(/\s+/).filter(Boolean).map(function (part) {
      if (/^[a-z]$/i.test(part)) return part + "^1";
      if (parts.length < 2 || !/^\p{sc=Han}+$/u.test(part)) return part;
      return part.length === 1 ? part + "^1" : part + "^" + WORD + " " + part + "*^" + WORD;
    }).join(" ");
  };
  // The prepared query in lunr's syntax, as Material's worker must receive it: a plain word
  // both as typed (lunr stems it like the index) and as a prefix (lunr does not stem prefixes,
  // so "quotations*" alone would never find "quotation"); a word with lunr syntax (a boost, a
  // field, a wildcard, +/-) as it is, which Material passes through unchanged; and every Chinese
  // word with a backslash between its characters: lunr's query lexer removes the escapes, and
  // Material's own Chinese segmentation, which runs first, sees single characters it leaves
  // alone instead of a word it would cut into prefixes.
  self.hbLunrQuery = function (prepared) {
    return prepared.split(/\s+/).filter(Boolean).map(function (part) {
      return /^[+\-]|[*~^:]/.test(part) ? part : part + "^1 " + part + "*^1";
    }).join(" ").replace(/\p{sc=Han}{2,}/gu, function (word) {
      return word.split("").join("\\");
    });
  };

  // Every token of the index (each field of each entry, lowercased and split as lunr's
  // tokenizer splits it, config.separator) that has a Chinese character: the words a Chinese
  // query is split into.
  function vocabularyOf(docs, config) {
    var separator = new RegExp(config.separator || "[\\s\\-]+");
    var fields = Object.keys(config.fields || { title: 1, text: 1, tags: 1 });
    var words = new Set();
    docs.forEach(function (doc) {
      fields.forEach(function (field) {
        var value = doc[field];
        if (value === undefined || value === null) return;
        String(Array.isArray(value) ? value.join(" ") : value).toLowerCase().split(separator).forEach(function (w) {
          if (w && /\p{sc=Han}/u.test(w)) words.add(w);
        });
      });
    });
    return words;
  }

  // Material's worker protocol (its page script's messages): SETUP 0, READY 1, QUERY 2, RESULT 3.
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var index = null;

  function loadMaterial() {
    var material = self.location && new URL(self.location.href).searchParams.get("material");
    if (!material) return; // loaded on its own (the unit tests): the functions above only
    if (new URL(material, self.location.href).origin !== new URL(self.location.href).origin)
      throw new Error("handbook search: Material's worker must come from this site: " + material);
    self.addEventListener("message", function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        index = { config: message.data.config, vocabulary: vocabularyOf(message.data.docs, message.data.config) };
      } else if (message && message.type === QUERY && index && typeof message.data === "string") {
        message.data = self.hbLunrQuery(self.hbPrepareQuery(message.data, index.vocabulary, index.config));
      }
    });
    var post = self.postMessage;
    self.postMessage = function (message) { // Material answers with the global postMessage
      if (message && message.type === RESULT && message.data && message.data.items) {
        message.data.items.forEach(function (group) {
          group.forEach(function (item) {
            Object.keys(item.terms || {}).forEach(function (term) {
              if (term.charAt(0) === "_") delete item.terms[term];
            });
          });
        });
      }
      return post.apply(self, arguments);
    };
    self.importScripts(material); // Material's worker: registers its own message listener after ours
  }

  loadMaterial();
})();
