/* Glossator: "Propose a note" from a selection in the article.
 *
 * A reader selects a passage; a "Propose a note" button appears beside it. It computes the
 * quote (and a prefix/suffix only if the passage is not unique), exactly as `glossator new`
 * does, from the article's own text (the paragraphs of .glossator-article, notes excluded),
 * and opens the repository's "new file" page prefilled with a note to complete. Independent
 * of glossator.js; no dependencies; works with mkdocs-material's instant navigation because
 * it only listens on the document and reads the page when asked.
 */
(function () {
  "use strict";
  if (window.__glossatorPropose) return;
  window.__glossatorPropose = true;

  var SCHEMA = "../../build_scripts/glossator/schema/annotation.json";
  var MAX_CONTEXT_WORDS = 8;
  var STOP = ("a an and are as at be but by for from had has have he her his i in into is it its of " +
    "on or our she so that the their them then there these they this to was we were which who will with")
    .split(" ");
  var CHAR_MAP = {};
  "\u2018\u2019\u201a\u201b\u2032\u00b4`".split("").forEach(function (c) { CHAR_MAP[c] = "'"; });
  "\u201c\u201d\u201e\u201f\u2033".split("").forEach(function (c) { CHAR_MAP[c] = '"'; });
  "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d".split("").forEach(function (c) { CHAR_MAP[c] = "-"; });
  "\u200b\u200c\u200d\u2060\ufeff\u00ad".split("").forEach(function (c) { CHAR_MAP[c] = ""; });
  CHAR_MAP["\u2026"] = "...";

  /* The same forgiving normalisation as anchoring.NormalisedText, with the map back. */
  function normalised(text) {
    var out = [], origin = [], inSpace = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (/\s/.test(ch) || ch === "\u00a0" || ch === "\u202f" || ch === "\u2007") {
        if (!inSpace) { out.push(" "); origin.push(i); }
        inSpace = true;
        continue;
      }
      inSpace = false;
      var mapped = Object.prototype.hasOwnProperty.call(CHAR_MAP, ch) ? CHAR_MAP[ch] : ch;
      for (var k = 0; k < mapped.length; k++) { out.push(mapped[k]); origin.push(i); }
    }
    return { text: out.join(""), origin: origin };
  }
  function norm(text) { return normalised(text).text; }
  function firstIndexAtOrAfter(origin, offset) {
    var lo = 0, hi = origin.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (origin[mid] < offset) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function occurrences(hay, needle) {
    var found = [], i = hay.indexOf(needle);
    while (i !== -1) { found.push(i); i = hay.indexOf(needle, i + 1); }
    return found;
  }

  /* The article as the build sees it: paragraphs joined by one blank line. */
  function articleText(article) {
    var paras = Array.prototype.filter.call(article.children, function (el) {
      return el.tagName === "P" && /^p\d+$/.test(el.id);
    });
    var starts = [], body = "";
    paras.forEach(function (p, i) {
      if (i) body += "\n\n";
      starts.push(body.length);
      body += p.textContent;
    });
    return { paras: paras, starts: starts, body: body };
  }

  /* A range boundary as an offset into the body; outside a paragraph it snaps forward
   * (start) or back (end) to the nearest paragraph text. */
  function boundaryOffset(doc, node, offset, isStart) {
    for (var i = 0; i < doc.paras.length; i++) {
      var p = doc.paras[i];
      if (p.contains(node)) {
        var r = document.createRange();
        r.setStart(p, 0);
        r.setEnd(node, offset);
        return doc.starts[i] + r.toString().length;
      }
    }
    var probe = document.createRange();
    probe.setStart(node, offset);
    for (var j = 0; j < doc.paras.length; j++) {
      var before = probe.comparePoint(doc.paras[j], 0) > 0; // paragraph j starts after the point
      if (before) return isStart ? doc.starts[j] : (j ? doc.starts[j - 1] + doc.paras[j - 1].textContent.length : 0);
    }
    return isStart ? doc.body.length : doc.body.length;
  }

  function wordsBefore(body, pos, n, cross) {
    var chunk = body.slice(Math.max(0, pos - 300), pos);
    var cut = chunk.lastIndexOf("\n\n");
    if (!cross && cut !== -1) chunk = chunk.slice(cut + 2);
    if (cross) chunk = chunk.split(/\s+/).join(" ");
    var parts = chunk.split(" ");
    return parts.length > n ? parts.slice(-(n + 1)).join(" ") : chunk;
  }
  function wordsAfter(body, pos, n, cross) {
    var chunk = body.slice(pos, pos + 300);
    var cut = chunk.indexOf("\n\n");
    if (!cross && cut !== -1) chunk = chunk.slice(0, cut);
    if (cross) chunk = chunk.split(/\s+/).join(" ");
    var parts = chunk.split(" ");
    return parts.length > n ? parts.slice(0, n + 1).join(" ") : chunk;
  }

  /* Does prefix/suffix pick out exactly the occurrence at normalised index `mine`? */
  function singlesOut(nt, q, hits, mine, prefix, suffix) {
    var p = norm(prefix).trim(), s = norm(suffix).trim();
    var fitting = hits.filter(function (h) {
      if (p) {
        var before = nt.text.slice(Math.max(0, h - p.length - 2), h).replace(/\s+$/, "");
        if (before.slice(-p.length) !== p) return false;
      }
      if (s) {
        var after = nt.text.slice(h + q.length, h + q.length + s.length + 2).replace(/^\s+/, "");
        if (after.slice(0, s.length) !== s) return false;
      }
      return true;
    });
    return fitting.length === 1 && fitting[0] === mine;
  }

  /* quote, prefix and suffix for body[start:end], as `glossator new` writes them. */
  function selectorFor(body, start, end) {
    var quote = body.slice(start, end);
    var nt = normalised(body);
    var q = norm(quote).trim();
    var hits = occurrences(nt.text, q);
    var mine = firstIndexAtOrAfter(nt.origin, start);
    if (hits.length <= 1) return { quote: quote, prefix: "", suffix: "" };
    var passes = [false, true];
    for (var c = 0; c < passes.length; c++) {
      for (var n = 1; n <= MAX_CONTEXT_WORDS; n++) {
        var prefix = wordsBefore(body, start, n, passes[c]);
        var suffix = wordsAfter(body, end, n, passes[c]);
        var options = [[prefix, ""], ["", suffix], [prefix, suffix]];
        for (var o = 0; o < options.length; o++) {
          if ((options[o][0] || options[o][1]) && singlesOut(nt, q, hits, mine, options[o][0], options[o][1])) {
            return { quote: quote, prefix: options[o][0], suffix: options[o][1] };
          }
        }
      }
    }
    return { quote: quote, prefix: wordsBefore(body, start, MAX_CONTEXT_WORDS, true), suffix: "" };
  }

  function makeId(quote, taken) {
    var ascii = quote.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    var words = ascii.match(/[a-z0-9]+/g) || [];
    var keep = words.filter(function (w) { return STOP.indexOf(w) === -1; });
    if (!keep.length) keep = words;
    var base = "";
    for (var i = 0; i < Math.min(5, keep.length); i++) {
      var next = base ? base + "-" + keep[i] : keep[i];
      if (next.length > 48) break;
      base = next;
    }
    base = base || "note";
    if (/^p\d+$/.test(base)) base = "note-" + base;
    var id = base, n = 2;
    while (taken.indexOf(id) !== -1) { id = base + "-" + n; n++; }
    return id;
  }

  function yamlString(value) {
    return JSON.stringify(value).replace(/[\u0085\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function noteYaml(slug, sel, paragraph) {
    var lines = [
      "# yaml-language-server: $schema=" + SCHEMA,
      "# A note proposed from the page, on paragraph " + paragraph + " of '" + slug + "'.",
      "# Replace every TODO; kind is context, counterpoint or source. See CONTRIBUTING.md.",
      "quote: " + yamlString(sel.quote)
    ];
    if (sel.prefix) lines.push("prefix: " + yamlString(sel.prefix) + "  # the quote occurs more than once");
    if (sel.suffix) lines.push("suffix: " + yamlString(sel.suffix) + "  # the quote occurs more than once");
    lines.push(
      "paragraph: " + paragraph,
      "kind: context",
      'title: "TODO: one line, the gist of the note"',
      "body: |",
      "  TODO: a few neutral sentences: what the reader needs to know, and what the record",
      "  shows. Quote sources exactly and cite them below.",
      "sources:  # required for counterpoint and source notes",
      "  - title: \"TODO: the document's own title\"",
      '    publisher: "TODO: who published it"',
      '    date: "TODO: YYYY-MM-DD, or YYYY-MM / YYYY"',
      '    url: "TODO: https://... the page you read; delete this line if it is not online"',
      "created: " + today()
    );
    return lines.join("\n") + "\n";
  }

  function repoUrl() {
    var link = document.querySelector("a.md-source");
    return link ? link.href.replace(/\/+$/, "") : "";
  }

  /* Everything the button needs, computed from the current selection; null if not usable. */
  function proposal() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentNode;
    var article = start && start.closest ? start.closest(".glossator-article") : null;
    if (!article || !article.contains(range.endContainer)) return null;
    var doc = articleText(article);
    var s = boundaryOffset(doc, range.startContainer, range.startOffset, true);
    var e = boundaryOffset(doc, range.endContainer, range.endOffset, false);
    while (s < e && /\s/.test(doc.body[s])) s++;
    while (e > s && /\s/.test(doc.body[e - 1])) e--;
    if (e - s < 2) return null;
    var paragraph = 1;
    for (var i = 0; i < doc.starts.length; i++) if (doc.starts[i] <= s) paragraph = i + 1;
    var slug = article.getAttribute("data-article");
    var taken = Array.prototype.map.call(article.querySelectorAll(".glossator-note[id]"), function (a) { return a.id; });
    var sel = selectorFor(doc.body, s, e);
    var id = makeId(sel.quote, taken);
    var yaml = noteYaml(slug, sel, paragraph);
    var repo = repoUrl();
    var filename = "annotations/" + slug + "/" + id + ".yml";
    var url = repo + "/new/main?filename=" + encodeURIComponent(filename) + "&value=" + encodeURIComponent(yaml);
    return { url: url, yaml: yaml, filename: filename, rect: range.getBoundingClientRect() };
  }

  var button = null, current = null;

  function ensureButton() {
    if (button && document.body.contains(button)) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "glossator-propose";
    button.textContent = "Propose a note";
    button.setAttribute("aria-keyshortcuts", "Alt+N");
    button.title = "Propose a note on the selected passage (Alt+N): opens the repository's new-file page";
    button.hidden = true;
    button.style.cssText = "position:absolute;z-index:10;font:inherit;font-size:.7rem;padding:.3em .7em;" +
      "border-radius:.3em;border:1px solid currentColor;background:var(--md-default-bg-color,#fff);" +
      "color:var(--md-primary-fg-color,#3f51b5);cursor:pointer;box-shadow:0 1px 4px rgba(0,0,0,.2)";
    // keep the selection when the button is pressed with a mouse
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", open);
    button.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
    document.body.appendChild(button);
    return button;
  }

  function open() {
    var p = current || proposal();
    if (!p) return;
    window.open(p.url, "_blank", "noopener");
    hide();
  }

  function hide() {
    if (button) button.hidden = true;
    current = null;
  }

  function update() {
    if (!repoUrl()) return;
    var p = proposal();
    if (!p) {
      // a keyboard user moving to the button collapses nothing; focus on it keeps the proposal
      if (button && document.activeElement !== button) hide();
      return;
    }
    current = p;
    var b = ensureButton();
    b.hidden = false;
    b.style.top = (window.scrollY + p.rect.bottom + 6) + "px";
    b.style.left = (window.scrollX + Math.max(4, p.rect.left)) + "px";
  }

  var timer = null;
  document.addEventListener("selectionchange", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 120);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
    // Alt+N: propose a note on a selection made with the keyboard (caret browsing, F7)
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyN" && repoUrl()) {
      var p = proposal();
      if (p) { event.preventDefault(); current = p; open(); }
    }
  });

  // for tests and for other scripts: the same computation, without the UI
  window.glossatorPropose = { proposal: proposal, selectorFor: selectorFor, makeId: makeId };
})();
