/* Glossator: "Propose a note" from a selection in the article.
 *
 * A reader selects a passage; a "Propose a note" button appears beside it. It drafts the file
 * `glossator new` would write for that passage (the quote, and a prefix/suffix only if the
 * passage is not unique), from the article's own text (the text of .glossator-article, notes
 * excluded), and opens the repository's "new file" page prefilled with it.
 *
 * The rules are Python's, not a copy: the build writes propose.json beside this script
 * (tools/propose_rules.py) with the character map, white space, stop words, id limits, the note
 * template, the repository, branch and annotations folder. Only the search for a unique
 * context runs here, a port of anchoring.unique_context that the browser tests hold equal to
 * it. Independent of glossator.js; no dependencies; works with mkdocs-material's instant
 * navigation because it only listens on the document and reads the page when asked.
 */
(function () {
  "use strict";
  if (window.__glossatorPropose) return;
  window.__glossatorPropose = true;

  var FORMAT = 1; // browser_rules.FORMAT this script understands
  var own = document.currentScript;
  var rules = null; // propose.json, once loaded; no button before
  var SPACE = {}, CHAR_MAP = {}, STOP = {}, SPACE_RUN = null, ID_RE = null, RESERVED_ID_RE = null;

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function use(data) {
    if (!data || data.format !== FORMAT) return;
    data.whiteSpace.split("").forEach(function (c) { SPACE[c] = true; });
    CHAR_MAP = data.charMap;
    data.stopWords.forEach(function (w) { STOP[w] = true; });
    var cls = data.whiteSpace.split("").map(function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    }).join("");
    SPACE_RUN = new RegExp("[" + cls + "]+");
    ID_RE = new RegExp(data.idPattern);
    RESERVED_ID_RE = new RegExp(data.reservedIdPattern);
    rules = data;
    update(); // a selection made while the rules were on their way
  }

  if (own && own.src && window.fetch) {
    fetch(new URL("propose.json", own.src).href)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(use)
      .catch(function () {});
  }

  /* --- anchoring.NormalisedText and friends ------------------------------------------- */

  function isSpace(ch) { return ch !== undefined && has(SPACE, ch); }
  function lstrip(text) { var i = 0; while (i < text.length && isSpace(text[i])) i++; return text.slice(i); }
  function rstrip(text) { var j = text.length; while (j > 0 && isSpace(text[j - 1])) j--; return text.slice(0, j); }
  function strip(text) { return lstrip(rstrip(text)); }
  function words(text) { // str.split()
    return text.split(SPACE_RUN).filter(function (w) { return w !== ""; });
  }

  /* Runs of white space become one space; mapped characters their replacement; with the
   * map back to original offsets. */
  function normalised(text) {
    var out = [], origin = [], inSpace = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (isSpace(ch)) {
        if (!inSpace) { out.push(" "); origin.push(i); }
        inSpace = true;
        continue;
      }
      inSpace = false;
      var mapped = has(CHAR_MAP, ch) ? CHAR_MAP[ch] : ch;
      for (var k = 0; k < mapped.length; k++) { out.push(mapped[k]); origin.push(i); }
    }
    return { text: out.join(""), origin: origin, length: text.length };
  }
  function norm(text) { return normalised(text).text; }
  function toOriginal(nt, start, end) {
    if (end <= start) {
      var pos = start < nt.origin.length ? nt.origin[start] : nt.length;
      return [pos, pos];
    }
    return [nt.origin[start], nt.origin[end - 1] + 1];
  }
  function occurrences(hay, needle) {
    var found = [], i = hay.indexOf(needle);
    while (i !== -1) { found.push(i); i = hay.indexOf(needle, i + 1); }
    return found;
  }

  /* Python slices count code points, JavaScript's UTF-16 units: step over pairs as one. */
  function isPair(text, i) {
    var a = text.charCodeAt(i), b = text.charCodeAt(i + 1);
    return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
  }
  function back(text, pos, n) {
    var i = pos;
    for (; n > 0 && i > 0; n--) i -= i > 1 && isPair(text, i - 2) ? 2 : 1;
    return i;
  }
  function forward(text, pos, n) {
    var i = pos;
    for (; n > 0 && i < text.length; n--) i += isPair(text, i) ? 2 : 1;
    return i;
  }

  /* --- anchoring.unique_context -------------------------------------------------------- */

  function wordsBefore(text, pos, n, cross) {
    var chunk = text.slice(back(text, pos, 300), pos);
    var cut = chunk.lastIndexOf(rules.paragraphSeparator);
    if (cut !== -1 && !cross) chunk = chunk.slice(cut + rules.paragraphSeparator.length);
    if (cross) chunk = words(chunk).join(" ") + (isSpace(chunk[chunk.length - 1]) ? " " : "");
    var parts = chunk.split(" ");
    return parts.length > n ? parts.slice(-(n + 1)).join(" ") : chunk;
  }
  function wordsAfter(text, pos, n, cross) {
    var chunk = text.slice(pos, forward(text, pos, 300));
    var cut = chunk.indexOf(rules.paragraphSeparator);
    if (cut !== -1 && !cross) chunk = chunk.slice(0, cut);
    if (cross) chunk = (isSpace(chunk[0]) ? " " : "") + words(chunk).join(" ");
    var parts = chunk.split(" ");
    return parts.length > n ? parts.slice(0, n + 1).join(" ") : chunk;
  }

  /* anchoring._context_ok: do prefix/suffix sit just before/after normalised [start, end)? */
  function contextOk(nt, start, end, prefix, suffix) {
    if (prefix) {
      var p = strip(norm(prefix));
      var before = rstrip(nt.text.slice(Math.max(0, start - p.length - 2), start));
      if (p && before.slice(before.length - p.length) !== p) return false;
    }
    if (suffix) {
      var s = strip(norm(suffix));
      var after = lstrip(nt.text.slice(end, end + s.length + 2));
      if (s && after.slice(0, s.length) !== s) return false;
    }
    return true;
  }

  /* Where anchoring.locate puts a quote without context; null when it finds several places.
   * (A passage of the text itself always occurs, so its approximate search never runs.) */
  function locateAlone(text, nt, quote) {
    var raw = occurrences(text, quote);
    if (raw.length === 1) return [raw[0], raw[0] + quote.length];
    var q = strip(norm(quote));
    var hits = occurrences(nt.text, q);
    return hits.length === 1 ? toOriginal(nt, hits[0], hits[0] + q.length) : null;
  }

  /* Does locate, given this prefix/suffix, land on [start, end) by the context alone? */
  function lands(text, nt, start, end, prefix, suffix) {
    var q = strip(norm(text.slice(start, end)));
    var hits = occurrences(nt.text, q);
    if (hits.length < 2) return false; // one place is found without the context
    var fitting = hits.filter(function (h) { return contextOk(nt, h, h + q.length, prefix, suffix); });
    if (fitting.length !== 1) return false;
    var found = toOriginal(nt, fitting[0], fitting[0] + q.length);
    return found[0] === start && found[1] === end;
  }

  /* quote, prefix and suffix for text[start:end], as `glossator new` writes them. */
  function selectorFor(text, start, end) {
    var quote = text.slice(start, end), nt = normalised(text), most = rules.contextWords;
    var alone = locateAlone(text, nt, quote);
    if (alone && alone[0] === start && alone[1] === end) return { quote: quote, prefix: "", suffix: "" };
    for (var pass = 0; pass < 2; pass++) { // words from the passage's own paragraph first
      for (var n = 1; n <= most; n++) {
        var prefix = wordsBefore(text, start, n, pass === 1);
        var suffix = wordsAfter(text, end, n, pass === 1);
        var options = [[prefix, ""], ["", suffix], [prefix, suffix]];
        for (var o = 0; o < options.length; o++) {
          var p = options[o][0], s = options[o][1];
          if ((p || s) && lands(text, nt, start, end, p, s)) return { quote: quote, prefix: p, suffix: s };
        }
      }
    }
    return { quote: quote, prefix: wordsBefore(text, start, most, true), suffix: wordsAfter(text, end, most, true) };
  }

  /* --- newnote.make_id, yaml_string and the template ---------------------------------- */

  function makeId(quote, taken, paragraph) {
    var ascii = quote.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    // no Latin word (Japanese, Chinese, Arabic…): name it by its paragraph, to be renamed
    if (!/[a-z]{2,}/.test(ascii) && paragraph) ascii = "note p" + paragraph;
    var all = ascii.match(/[a-z0-9]+/g) || [];
    var keep = all.filter(function (w) { return !has(STOP, w); });
    if (!keep.length) keep = all;
    var base = "";
    for (var i = 0; i < Math.min(rules.idWords, keep.length); i++) {
      var next = base ? base + "-" + keep[i] : keep[i];
      if (next.length > rules.idLength) break;
      base = next;
    }
    base = base || "note";
    if (RESERVED_ID_RE.test(base) || !ID_RE.test(base)) base = "note-" + base;
    var id = base, n = 2;
    while (taken.indexOf(id) !== -1) { id = base + "-" + n; n++; }
    return id;
  }

  function yamlString(value) {
    var text = JSON.stringify(value);
    rules.yamlEscaped.split("").forEach(function (c) {
      text = text.split(c).join("\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4));
    });
    return text;
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* browser_rules.fill: lines holding an empty optional value are left out. */
  function fill(values) {
    var lines = rules.template.filter(function (line) {
      return !rules.optional.some(function (name) {
        return line.indexOf("{" + name + "}") !== -1 && !values[name];
      });
    });
    return (lines.join("\n") + "\n").replace(/\{([a-z]+)\}/g, function (token, name) {
      return has(values, name) ? values[name] : token;
    });
  }

  function noteYaml(slug, sel, paragraph) {
    return fill({
      slug: slug,
      paragraph: String(paragraph),
      quote: yamlString(sel.quote),
      prefix: sel.prefix ? yamlString(sel.prefix) : "",
      suffix: sel.suffix ? yamlString(sel.suffix) : "",
      created: today()
    });
  }

  /* The article as the build sees it: the text nodes of .glossator-article in order, the
   * notes (and what the page's scripts add) left out. That is Article.body, for a plain text
   * (its paragraphs and the blank lines between them) as for Markdown (headings, lists,
   * emphasis: the text a reader sees). Each block holding text counts as a paragraph. */
  var SKIP = ".glossator-notes, .glossator-sr, .glossator-propose, svg";
  function articleText(article) {
    var nodes = [], starts = [], body = "", blocks = [], blockStarts = [];
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var block = blockOf(n, article);
      if (block && /\S/.test(n.data) && blocks.indexOf(block) < 0) {
        blocks.push(block);
        blockStarts.push(body.length);
      }
      nodes.push(n);
      starts.push(body.length);
      body += n.data;
    }
    return { nodes: nodes, starts: starts, body: body, blockStarts: blockStarts };
  }

  function blockOf(node, article) {
    for (var el = node.parentNode; el && el !== article; el = el.parentNode) {
      if (rules.blockTags.indexOf(el.tagName.toLowerCase()) >= 0) return el;
    }
    return null;
  }

  /* A letter or digit of a script that puts spaces between words (Chinese and Japanese do
   * not: a selection there is taken as it is, character by character). */
  var WORD = /[\p{L}\p{N}\p{M}]/u, UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
  function inWord(ch) { return ch !== undefined && WORD.test(ch) && !UNSPACED.test(ch); }

  /* A range boundary as an offset into the body; a point outside the article's text (in a
   * note) snaps forward to the next article text. */
  function boundaryOffset(doc, node, offset) {
    if (node.nodeType === 3) {
      var i = doc.nodes.indexOf(node);
      if (i >= 0) return doc.starts[i] + offset;
    }
    var probe = document.createRange();
    probe.setStart(node, offset);
    for (var j = 0; j < doc.nodes.length; j++) {
      if (probe.comparePoint(doc.nodes[j], 0) >= 0) return doc.starts[j];
    }
    return doc.body.length;
  }

  /* Everything the button needs, computed from the current selection; null if not usable. */
  function proposal() {
    var selection = window.getSelection();
    if (!rules || !rules.repository) return null;
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentNode;
    var article = start && start.closest ? start.closest(".glossator-article") : null;
    if (!article || !article.contains(range.endContainer)) return null;
    var doc = articleText(article);
    var s = boundaryOffset(doc, range.startContainer, range.startOffset);
    var e = boundaryOffset(doc, range.endContainer, range.endOffset);
    while (s < e && isSpace(doc.body[s])) s++;
    while (e > s && isSpace(doc.body[e - 1])) e--;
    // a selection that starts or ends inside a word ("…attack Ira") takes the whole word
    while (s > 0 && inWord(doc.body[s - 1]) && inWord(doc.body[s])) s--;
    while (e < doc.body.length && inWord(doc.body[e - 1]) && inWord(doc.body[e])) e++;
    if (e - s < 2) return null;
    var paragraph = 1;
    for (var i = 0; i < doc.blockStarts.length; i++) if (doc.blockStarts[i] <= s) paragraph = i + 1;
    var slug = article.getAttribute("data-article");
    var taken = Array.prototype.map.call(article.querySelectorAll(".glossator-note[id]"), function (a) { return a.id; });
    var sel = selectorFor(doc.body, s, e);
    var id = makeId(sel.quote, taken, paragraph);
    var yaml = noteYaml(slug, sel, paragraph);
    var filename = rules.annotationsDir + "/" + slug + "/" + id + ".yml";
    var branch = rules.branch.split("/").map(encodeURIComponent).join("/");
    var url = rules.repository + "/new/" + branch + "?filename=" + encodeURIComponent(filename) +
      "&value=" + encodeURIComponent(yaml);
    var lines = range.getClientRects();
    return { url: url, yaml: yaml, filename: filename, quote: sel.quote,
      rect: lines.length ? lines[0] : range.getBoundingClientRect() };
  }

  var button = null, current = null;

  function say(key) { // the site's words (pages/scripts.py), read when the button is made
    try {
      return JSON.parse(document.getElementById("glossator-data").textContent).messages[key] || key;
    } catch (e) {
      return key;
    }
  }

  function ensureButton() {
    if (button && document.body.contains(button)) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "glossator-propose";
    button.textContent = say("propose");
    button.setAttribute("aria-keyshortcuts", "Alt+N");
    button.title = say("proposeTitle");
    button.hidden = true;
    button.style.cssText = "position:absolute;z-index:10;font:inherit;font-size:.7rem;padding:.3em .7em;" +
      "border-radius:.3em;border:1px solid currentColor;background:var(--md-default-bg-color,#fff);" +
      "color:var(--md-typeset-a-color,#3f51b5);cursor:pointer;box-shadow:0 1px 4px rgba(0,0,0,.2)";
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
    var p = proposal();
    if (!p) {
      // a keyboard user moving to the button collapses nothing; focus on it keeps the proposal
      if (button && document.activeElement !== button) hide();
      return;
    }
    current = p;
    var b = ensureButton();
    b.hidden = false;
    // above the selection's first line, never over the line the reader goes on to; below it
    // only where the header would hide it
    var above = p.rect.top - b.offsetHeight - 4;
    var header = document.querySelector(".md-header");
    var top = above >= (header ? header.getBoundingClientRect().bottom : 0) ? above : p.rect.bottom + 4;
    b.style.top = (window.scrollY + top) + "px";
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
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyN") {
      var p = proposal();
      if (p) { event.preventDefault(); current = p; open(); }
    }
  });

  // for tests and for other scripts: the same computation, without the UI
  window.glossatorPropose = {
    ready: function () { return rules !== null; },
    text: function () { // the article's text as the build sees it
      var article = document.querySelector(".glossator-article");
      return article ? articleText(article).body : "";
    },
    proposal: proposal,
    selectorFor: selectorFor,
    makeId: makeId
  };
})();
