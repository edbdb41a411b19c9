/* Glossator search: Pagefind's chunked index, loaded when the reader first types a query.
 *
 * Each article is indexed as one record (see search/records.py): its text, then every note as
 * a heading whose id is the note's id; the record's "notes" metadata gives each note's kind.
 * A note hit is a Pagefind sub-result; it is shown as a result of its own (kind, title,
 * article) linking to <page>#<note id>, which opens the note. The kind radios are a Pagefind
 * filter (an article's record lists "article" and each kind it has notes of) and then choose
 * the sub-results of that kind. Other shards of the publication (data-shards) are merged into
 * each language's index (docs/shards.md). Result text is put into the page as text nodes and
 * <mark> elements only, never as HTML.
 */
(function () {
  "use strict";
  var box = document.getElementById("glossator-search");
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";
  var data = box.dataset;
  var toggle = document.getElementById("__search");
  var input = box.querySelector("input[name=query]");
  var kinds = box.querySelector(".glossator-search-kinds");
  var status = document.getElementById("glossator-search-status");
  var list = box.querySelector(".md-search-result__list");
  var form = box.querySelector("form");
  var D = readData(); // the words and kinds, from Python (pages/scripts.py)
  var LABELS = D.labels || {};
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(D.lang || undefined) : null;
  var PER_PAGE = 8; // records whose text is fetched at a time
  var PER_RECORD = 4; // note results shown per article
  var BUNDLES = JSON.parse(data.bundles || "{}"); // one Pagefind bundle per language
  var PARTS = JSON.parse(data.parts || "{}"); // bundle name -> the parts it was indexed in
  var engine = null;
  var current = null; // { results, shown, kind }
  var generation = 0;
  var timer = 0;

  kinds.hidden = false;

  function readData() {
    try {
      return JSON.parse(document.getElementById("glossator-data").textContent);
    } catch (e) {
      return { messages: {}, plurals: {}, labels: {} };
    }
  }

  function t(key, values) {
    var text = (D.messages && D.messages[key]) || key;
    for (var name in values || {}) text = text.split("{" + name + "}").join(values[name]);
    return text;
  }

  function tn(key, n, values) {
    var forms = (D.plurals && D.plurals[key]) || {};
    var text = forms[plural ? plural.select(n) : "other"] || forms.other || key;
    values = values || {};
    values.n = String(n); // as the pages write numbers (Python's str.format)
    for (var name in values) text = text.split("{" + name + "}").join(values[name]);
    return text;
  }

  /* Every language's bundle is its own Pagefind (its own word rules for the query); a search
     asks them all and merges their results by score. */
  function pagefind() {
    if (!engine) {
      var names = Object.keys(BUNDLES).map(function (code) { return BUNDLES[code]; });
      if (!names.length) names = ["pagefind"];
      engine = Promise.all(names.map(function (name) {
        return import(new URL(name + "/pagefind.js", data.root).href).then(function (pf) {
          return Promise.resolve(pf.options({ baseUrl: new URL(data.root).pathname, excerptLength: 24 }))
            .then(function () { return mergeParts(pf, new URL(name + "/", data.root).href, PARTS[name]); })
            .then(function () { return mergeShards(pf, name); })
            .then(function () { return pf; });
        }).catch(function () { return null; }); // a language with nothing to index has none
      })).then(function (all) {
        var found = all.filter(Boolean);
        if (!found.length) throw new Error("no search index");
        return found;
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* a big bundle is indexed in parts (part-1/, part-2/ … beside part 0): one search of all */
  function mergeParts(pf, base, count) {
    var merges = [];
    for (var k = 1; k < (count || 1); k++) merges.push(pf.mergeIndex(base + "part-" + k + "/"));
    return Promise.all(merges);
  }

  /* the same language's index of every other shard (and its parts, from its parts.json): one
     search across the publication */
  function mergeShards(pf, name) {
    var shards = data.shards ? JSON.parse(data.shards) : [];
    return Promise.all(shards.map(function (root) {
      var base = new URL(name + "/", new URL(root, data.root)).href;
      return Promise.resolve(pf.mergeIndex(base))
        .then(function () { return fetch(base + "parts.json"); })
        .then(function (r) { return r.ok ? r.json() : { parts: 1 }; })
        .then(function (found) { return mergeParts(pf, base, found.parts); })
        .catch(function () { return null; }); // a shard without this language has no index
    }));
  }

  function searchAll(engines, query, options) {
    return Promise.all(engines.map(function (pf) { return pf.search(query, options); }))
      .then(function (found) {
        var results = [];
        found.forEach(function (f) { if (f) results = results.concat(f.results); });
        results.sort(function (a, b) { return b.score - a.score; });
        return { results: results };
      });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* Pagefind's excerpt is HTML with <mark> around hits: keep exactly that, as text and marks. */
  function excerpt(html) {
    var p = el("p", "glossator-search-excerpt");
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    doc.body.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") p.appendChild(el("mark", null, n.textContent));
      else p.appendChild(document.createTextNode(n.textContent));
    });
    return p;
  }

  /* a result of another shard names that shard's root; this site's results name none */
  function pageUrl(meta) {
    return new URL(meta.page || "", new URL(meta.root || data.root, data.root)).href;
  }

  function hit(kind, title, where, href, text, lang) {
    var li = el("li", "md-search-result__item glossator-search-hit");
    li.setAttribute("data-kind", kind);
    var a = el("a", "md-search-result__link");
    a.href = href;
    var art = el("article", "md-search-result__article md-typeset");
    if (lang && lang !== D.lang) { // a result in another language than the site's
      art.lang = lang;
      art.dir = "auto";
    }
    var head = el("p", "glossator-search-head");
    var badge = el("span", "glossator-search-kind", LABELS[kind] || kind);
    if (art.lang) badge.lang = D.lang; // Glossator's word, in the site's language
    badge.setAttribute("data-kind", kind);
    head.appendChild(badge);
    if (where) head.appendChild(el("span", "glossator-search-where", where));
    art.appendChild(head);
    art.appendChild(el("h2", "glossator-search-title", title));
    if (text) art.appendChild(excerpt(text));
    a.appendChild(art);
    li.appendChild(a);
    return li;
  }

  /* "id:kind id:kind" (the record's notes metadata) as { id: kind } */
  function noteKinds(meta) {
    var map = {};
    (meta.notes || "").split(" ").forEach(function (pair) {
      var at = pair.lastIndexOf(":");
      if (at > 0) map[pair.slice(0, at)] = pair.slice(at + 1);
    });
    return map;
  }

  function rows(result, wanted) {
    var filters = (result.filters && result.filters.kind) || [];
    var meta = result.meta || {};
    var page = pageUrl(meta);
    var out = [];
    var subs = result.sub_results || [];
    if (filters.indexOf("page") >= 0) { // a hand-written page: its sections with ids
      var sections = subs.filter(function (s) { return s.anchor && s.anchor.id; });
      if (!sections.length) return [hit("page", meta.title || "", "", page, result.excerpt, meta.lang)];
      return sections.slice(0, 3).map(function (s) {
        return hit("page", s.title, meta.title, page + "#" + s.anchor.id, s.excerpt, meta.lang);
      });
    }
    var kindOf = noteKinds(meta);
    var text = null;
    var notes = [];
    subs.forEach(function (s) {
      var id = s.anchor && s.anchor.id;
      if (id && kindOf[id]) {
        if (!wanted || wanted === kindOf[id]) notes.push(s);
      } else if (!text) {
        text = s;
      }
    });
    if (filters.indexOf("article") >= 0 && (!wanted || wanted === "article")) {
      var excerptOf = text ? text.excerpt : (!subs.length ? result.excerpt : null);
      if (excerptOf != null) out.push(hit("article", meta.title || "", "", page, excerptOf, meta.lang));
    }
    if (wanted === "article") return out;
    // the notes with most hits first; a few per article, so one article cannot fill the list
    notes.sort(function (a, b) {
      return (b.locations || []).length - (a.locations || []).length;
    });
    notes.slice(0, PER_RECORD).forEach(function (s) {
      out.push(hit(kindOf[s.anchor.id], s.title, meta.title,
        page + "#" + encodeURIComponent(s.anchor.id), s.excerpt, meta.lang));
    });
    if (notes.length > PER_RECORD) {
      var rest = notes.length - PER_RECORD;
      var li = el("li", "glossator-search-rest");
      var a = el("a", null, tn("moreNotes", rest, { title: meta.title || t("thisArticle") }));
      a.href = page;
      li.appendChild(a);
      out.push(li);
    }
    return out;
  }

  function say(text) {
    status.textContent = text;
  }

  function more() {
    var mine = current;
    var slice = mine.results.slice(mine.shown, mine.shown + PER_PAGE);
    mine.shown += slice.length;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (all) {
      if (mine !== current) return;
      var old = list.querySelector(".glossator-search-more");
      if (old) old.remove();
      all.forEach(function (r) {
        rows(r, mine.kind).forEach(function (li) { list.appendChild(li); });
      });
      var count = list.querySelectorAll(".glossator-search-hit").length;
      var rest = mine.results.length - mine.shown;
      if (!count && rest <= 0) { // records of the kind, none of whose notes of it matched
        say(mine.kind ? t("noResultsFor", { kind: LABELS[mine.kind] || mine.kind }) : t("noResults"));
        return;
      }
      say(tn(rest > 0 ? "resultsMore" : "results", count));
      if (rest > 0) {
        var li = el("li", "glossator-search-more");
        var b = el("button", "md-button", t("moreResults"));
        b.type = "button";
        b.addEventListener("click", function () {
          var at = list.querySelectorAll(".glossator-search-hit").length;
          more().then(function () {
            var next = list.querySelectorAll(".glossator-search-hit a")[at];
            if (next) next.focus();
          });
        });
        li.appendChild(b);
        list.appendChild(li);
      }
    });
  }

  function kind() {
    var checked = kinds.querySelector("input:checked");
    return checked ? checked.value : "";
  }

  function run() {
    var query = input.value.trim();
    var k = kind();
    var mine = ++generation;
    if (!query) {
      current = null;
      list.textContent = "";
      say(t("typeToSearch"));
      return;
    }
    say(t("searching"));
    pagefind().then(function (engines) {
      var options = k ? { filters: { kind: k } } : {};
      return searchAll(engines, query, options);
    }).then(function (search) {
      if (!search || mine !== generation) return;
      list.textContent = "";
      current = { results: search.results, shown: 0, kind: k };
      if (!search.results.length) {
        say(k ? t("noResultsFor", { kind: LABELS[k] || k }) : t("noResults"));
        return;
      }
      return more();
    }).catch(function () {
      if (mine === generation) say(t("unavailable"));
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  }

  input.addEventListener("input", schedule);
  kinds.addEventListener("change", run);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector(".glossator-search-hit a");
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      run();
      input.focus();
    });
  });

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a, button"));
  }

  box.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var all = links();
    if (!all.length) return;
    var at = all.indexOf(document.activeElement);
    if (e.target === input) at = -1;
    else if (at < 0) return;
    e.preventDefault();
    var next = at + (e.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else all[Math.min(next, all.length - 1)].focus();
  });

  list.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("a") && toggle) toggle.checked = false;
  });

  // the box is open: fetch Pagefind's code and its small entry files while the reader types
  pagefind().then(function (engines) {
    return Promise.all(engines.map(function (pf) { return pf.init && pf.init(); }));
  }).catch(function () {});
  if (input.value.trim()) run();
})();
