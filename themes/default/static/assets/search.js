/* dossier search: runs in the browser, offline, from disk or from any server.
   The index is cut into small shards written as scripts (search/*.js) that call back into
   window.dossierSearch; only the shards a query needs are loaded (a file:// page cannot fetch()).
   Words are folded exactly as src/render/search.rs folds them. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("q");
  var statusEl = document.getElementById("search-status");
  var resultsEl = document.getElementById("search-results");
  var indexBase = form.dataset.index;
  var root = form.dataset.root;
  var PER_KIND = 8;
  var KIND_LABELS = {
    source: ["Sources", "source"], quote: ["Quotes", "quote"], entity: ["People, organisations and places", "entity"],
    note: ["Notes", "note"], event: ["Events", "event"]
  };

  // Shards arrive through these callbacks; each load is a promise keyed by file name.
  var waiting = {};
  var loaded = {};
  function arrive(name, data) {
    loaded[name] = data;
    if (waiting[name]) { waiting[name].resolve(data); delete waiting[name]; }
  }
  window.dossierSearch = {
    m: function (m) { arrive("manifest", m); },
    t: function (k, terms) { arrive("t" + k, terms); },
    d: function (k, docs) { arrive("d" + k, docs); }
  };
  var pending = {};
  function load(name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (pending[name]) return pending[name];
    pending[name] = new Promise(function (resolve, reject) {
      waiting[name] = { resolve: resolve };
      var s = document.createElement("script");
      s.src = indexBase + name + ".js";
      s.async = true;
      s.onerror = function () { delete pending[name]; reject(new Error("cannot load " + s.src)); };
      document.head.appendChild(s);
    });
    return pending[name];
  }

  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x1100 && n <= 0x11FF) || (n >= 0x3040 && n <= 0x30FF) || (n >= 0x3400 && n <= 0x4DBF) ||
      (n >= 0x4E00 && n <= 0x9FFF) || (n >= 0xAC00 && n <= 0xD7AF) || (n >= 0xF900 && n <= 0xFAFF) ||
      (n >= 0x20000 && n <= 0x2FA1F);
  }
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  function tokenize(text) {
    var folded = text.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(/\p{M}/gu, "");
    var out = [], word = "", cjk = [];
    function flushWord() {
      var n = Array.from(word).length;
      if (n > 0 && n <= 40 && (n > 1 || /^\p{N}+$/u.test(word))) out.push(word);
      word = "";
    }
    function flushCjk() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    Array.from(folded).forEach(function (c) {
      if (isCjk(c)) { flushWord(); cjk.push(c); }
      else if (WORD.test(c)) { flushCjk(); word += c; }
      else { flushWord(); flushCjk(); }
    });
    flushWord(); flushCjk();
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }

  // Term shards to load for a token: the one its position falls in, and for a prefix the
  // following shards whose first term still starts with it (at most 3).
  function shardsFor(manifest, token, prefix) {
    var firsts = manifest.shards, lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= token) lo = mid; else hi = mid - 1;
    }
    var list = [lo];
    if (prefix) {
      for (var k = lo + 1; k < firsts.length && list.length < 3 && firsts[k].indexOf(token) === 0; k++) list.push(k);
    }
    return list;
  }

  function decode(postings, into, weight) {
    var doc = 0, num = "";
    for (var i = 0; i < postings.length; i++) {
      var c = postings.charCodeAt(i);
      if (c >= 65 && c <= 90) {
        doc += parseInt(num, 36);
        num = "";
        var w = (c - 64) * weight;
        if (!(into[doc] >= w)) into[doc] = w;
      } else num += postings[i];
    }
  }

  function search(query) {
    return load("manifest").then(function (manifest) {
      var tokens = tokenize(query);
      var ignored = tokens.filter(function (t) { return manifest.common.indexOf(t) !== -1; });
      tokens = tokens.filter(function (t) { return manifest.common.indexOf(t) === -1; });
      if (!tokens.length) return { hits: [], ignored: ignored, manifest: manifest, all: true };
      // Every word matches as a prefix within its shard; only the last one (still being
      // typed) reaches into the following shards, which keeps the download small.
      var needed = {};
      tokens.forEach(function (t, i) {
        var last = i === tokens.length - 1;
        shardsFor(manifest, t, last && Array.from(t).length >= 3).forEach(function (k) { needed["t" + k] = true; });
      });
      return Promise.all(Object.keys(needed).map(load)).then(function () {
        var perToken = tokens.map(function (t) {
          var scores = {};
          var prefix = Array.from(t).length >= 3;
          Object.keys(needed).forEach(function (name) {
            var terms = loaded[name];
            Object.keys(terms).forEach(function (term) {
              if (term === t) decode(terms[term], scores, 1);
              else if (prefix && term.indexOf(t) === 0) decode(terms[term], scores, 0.6);
            });
          });
          var df = Object.keys(scores).length;
          var idf = Math.log(1 + manifest.docs / (1 + df));
          Object.keys(scores).forEach(function (d) { scores[d] *= idf; });
          return scores;
        });
        var total = {};
        perToken.forEach(function (scores) {
          Object.keys(scores).forEach(function (d) { total[d] = (total[d] || 0) + scores[d]; });
        });
        var docs = Object.keys(total);
        var all = docs.filter(function (d) { return perToken.every(function (s) { return d in s; }); });
        var hits = (all.length ? all : docs).map(function (d) { return { doc: +d, score: total[d] }; });
        hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return { hits: hits, ignored: ignored, manifest: manifest, all: all.length > 0 || !docs.length, tokens: tokens };
      });
    });
  }

  function kindOf(manifest, doc) {
    var starts = manifest.kindStarts, k = 0;
    while (k + 1 < starts.length && doc >= starts[k + 1]) k++;
    return manifest.kinds[k];
  }

  function rowsFor(manifest, hits) {
    return hits.map(function (h) {
      var row = loaded["d" + Math.floor(h.doc / manifest.docsPerShard)][h.doc % manifest.docsPerShard];
      return { kind: manifest.kinds[row[0]], url: row[1], title: row[2], sub: row[3], lang: row[4] || "" };
    });
  }

  // Loads the document shards holding `hits`; resolves to their rows.
  function docsFor(manifest, hits) {
    var shards = {};
    hits.forEach(function (h) { shards["d" + Math.floor(h.doc / manifest.docsPerShard)] = true; });
    return Promise.all(Object.keys(shards).map(load)).then(function () { return rowsFor(manifest, hits); });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The title with the query's words marked, built from text nodes (never innerHTML).
  function marked(text, tokens) {
    var span = el("span");
    var foldedChars = [];
    var chars = Array.from(text);
    chars.forEach(function (c) { foldedChars.push(c.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(/\p{M}/gu, "")); });
    var hit = new Array(chars.length).fill(false);
    (tokens || []).forEach(function (t) {
      var joined = "", starts = [];
      foldedChars.forEach(function (f, i) { starts.push(joined.length); joined += f; });
      var from = 0, at;
      while ((at = joined.indexOf(t, from)) !== -1) {
        for (var i = 0; i < chars.length; i++) {
          if (starts[i] >= at && starts[i] < at + t.length) hit[i] = true;
        }
        from = at + t.length;
      }
    });
    var buf = "", state = false;
    function flush() {
      if (!buf) return;
      span.appendChild(state ? el("mark", "", buf) : document.createTextNode(buf));
      buf = "";
    }
    chars.forEach(function (c, i) {
      if (hit[i] !== state) { flush(); state = hit[i]; }
      buf += c;
    });
    flush();
    return span;
  }

  var current = 0;
  function show(query) {
    var ticket = ++current;
    resultsEl.textContent = "";
    if (!query.trim()) { statusEl.textContent = ""; return; }
    statusEl.textContent = "Searching…";
    var started = performance.now();
    search(query).then(function (r) {
      if (ticket !== current) return;
      var groups = {};
      // Grouped by kind (known from the document number); rows are loaded only for the
      // results shown, the rest when asked for.
      r.hits.forEach(function (h) { (groups[kindOf(r.manifest, h.doc)] = groups[kindOf(r.manifest, h.doc)] || []).push(h); });
      var shown = [];
      Object.keys(groups).forEach(function (k) { shown = shown.concat(groups[k].slice(0, PER_KIND)); });
      return docsFor(r.manifest, shown).then(function () {
        if (ticket !== current) return;
        var ms = Math.round(performance.now() - started);
        var n = r.hits.length;
        var msg = n === 0 ? "Nothing found for “" + query + "”." :
          n + " result" + (n === 1 ? "" : "s") + " for “" + query + "”" + (r.all ? "" : " (no result has every word: showing partial matches)") + ".";
        if (r.ignored.length) msg += " Too common to search: " + r.ignored.join(", ") + ".";
        statusEl.textContent = msg;
        statusEl.dataset.ms = ms;
        r.manifest.kinds.forEach(function (kind) {
          var list = groups[kind];
          if (!list) return;
          var section = el("section", "result-group");
          var id = "results-" + kind;
          var h = el("h2", "", KIND_LABELS[kind][0] + " ");
          h.id = id;
          h.appendChild(el("span", "count", "(" + list.length + ")"));
          section.setAttribute("aria-labelledby", id);
          section.appendChild(h);
          var ol = el("ol", "results results-" + kind);
          section.appendChild(ol);
          var drawn = 0;
          function draw(rows) {
            rows.forEach(function (row) {
              var li = el("li", "result");
              var a = el("a", "result-title");
              a.href = root + row.url;
              if (row.lang) a.lang = row.lang;
              var title = marked(row.title, r.tokens);
              if (kind === "quote") { a.appendChild(document.createTextNode("“")); a.appendChild(title); a.appendChild(document.createTextNode("”")); }
              else a.appendChild(title);
              li.appendChild(a);
              if (row.sub) li.appendChild(el("p", "result-sub", row.sub));
              ol.appendChild(li);
            });
            drawn += rows.length;
          }
          draw(rowsFor(r.manifest, list.slice(0, PER_KIND)));
          if (list.length > PER_KIND) {
            var more = el("button", "button-quiet show-more", "Show more " + KIND_LABELS[kind][0].toLowerCase());
            more.type = "button";
            more.addEventListener("click", function () {
              var next = list.slice(drawn, drawn + 50);
              docsFor(r.manifest, next).then(function (rows) {
                var first = drawn;
                draw(rows);
                if (drawn >= list.length) more.remove();
                var a = ol.children[first] && ol.children[first].querySelector("a");
                if (a) a.focus();
              });
            });
            section.appendChild(more);
          }
          resultsEl.appendChild(section);
        });
      });
    }).catch(function (e) {
      if (ticket === current) statusEl.textContent = "Search is unavailable: " + e.message + ".";
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    show(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (err) { /* file:// */ }
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
  // For benchmarks and the console: dossierSearch.query("…") resolves to the number of results.
  window.dossierSearch.query = function (q) { return search(q).then(function (r) { return r.hits.length; }); };
})();
