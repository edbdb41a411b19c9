/* Glossator reader: margin layout, filters, keyboard, deep links. No dependencies.
   Markup contract: docs/page-contract.md. Safe on pages without glossator markup and re-run on
   every mkdocs-material instant navigation (document$). */
(function () {
  "use strict";
  if (window.__glossator) return;
  window.__glossator = true;

  // the kinds and every word shown come from Python (pages/scripts.py), never from here
  var D = readData();
  var KINDS = D.kinds || [];
  var STORE = "glossator.hide";
  var WIDE = window.matchMedia("(min-width: 60em)");
  var GAP = 8;
  var hidden = [];
  var S = null; // state of the current article page

  function readData() {
    var node = document.getElementById("glossator-data");
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return { kinds: [], messages: {}, toggle: {}, lang: "", dir: "ltr" };
    }
  }

  function t(key) {
    return (D.messages && D.messages[key]) || key;
  }

  function all(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function parseKinds(s) {
    return (s || "").split(",").filter(function (k, i, a) {
      return KINDS.indexOf(k) >= 0 && a.indexOf(k) === i;
    });
  }

  function readHidden() {
    var q = new URLSearchParams(location.search);
    if (q.has("hide")) return parseKinds(q.get("hide"));
    try {
      return parseKinds(localStorage.getItem(STORE));
    } catch (e) {
      return [];
    }
  }

  function saveHidden(store) {
    if (store) {
      try {
        localStorage.setItem(STORE, hidden.join(","));
      } catch (e) {
        /* storage may be blocked */
      }
    }
    var url = new URL(location.href);
    if (hidden.length) url.searchParams.set("hide", hidden.join(","));
    else url.searchParams.delete("hide");
    var s = url.search.replace(/%2C/gi, ",");
    if (s !== location.search) history.replaceState(history.state, "", url.pathname + s + url.hash);
  }

  function reduced() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /* ---- set-up ------------------------------------------------------------------------------ */

  function init() {
    if (S && S.ro) S.ro.disconnect();
    S = null;
    var article = document.querySelector(".glossator-article");
    if (!article || article.__glossator) return;
    article.__glossator = true;
    hidden = readHidden();
    var byline = document.querySelector(".glossator-byline a[href^='http']");
    S = { article: article, notes: [], byId: {}, active: null, original: byline && byline.href };
    all(".glossator-note", article).forEach(function (note) {
      var id = note.id;
      var marks = all('mark.glossator-mark[data-annotation="' + id + '"]', article);
      var para = document.getElementById(note.getAttribute("data-paragraph") || "");
      var entry = { id: id, note: note, kind: note.getAttribute("data-kind"), marks: marks };
      entry.anchor = marks[0] || para || note; // a note whose passage was not marked: its paragraph
      S.notes.push(entry);
      S.byId[id] = entry;
      marks.forEach(function (m) {
        m.setAttribute("aria-describedby", id + "-label");
      });
      addTools(entry);
    });
    article.classList.add("is-js");
    S.live = el("p", { class: "glossator-sr", "aria-live": "polite" });
    article.appendChild(S.live);
    S.link = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    S.link.setAttribute("class", "glossator-link");
    S.link.setAttribute("aria-hidden", "true");
    S.link.innerHTML = "<path/><circle r='2.5'/>";
    article.appendChild(S.link);
    buildFilters();
    applyHidden(false);
    setMode();
    if (window.ResizeObserver) {
      S.ro = new ResizeObserver(function () {
        schedule();
      });
      S.ro.observe(article);
    }
    fromHash(true);
  }

  function addTools(entry) {
    var tools = el("p", { class: "glossator-tools" });
    tools.appendChild(el("button", { type: "button", class: "glossator-copy" }, t("copyLink")));
    var frag = entry.note.getAttribute("data-text-fragment");
    if (frag && S.original) {
      var a = el(
        "a",
        { class: "glossator-fragment", href: S.original.split("#")[0] + "#" + frag },
        t("findInOriginal")
      );
      a.setAttribute("rel", "noopener noreferrer nofollow");
      a.title = t("findInOriginalTitle");
      tools.appendChild(a);
    }
    tools.appendChild(el("button", { type: "button", class: "glossator-close" }, t("close")));
    if (D.lang && entry.note.closest("[lang]") && entry.note.closest("[lang]").lang !== D.lang) {
      tools.setAttribute("lang", D.lang); // Glossator's words, in an article of another language
    }
    entry.note.appendChild(tools);
  }

  function buildFilters() {
    var box = document.querySelector(".glossator-counts");
    if (!box || box.querySelector("button")) return;
    if (!box.querySelector(".glossator-count")) return; // no notes yet: nothing to show or hide
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", t("filterGroup"));
    box.insertBefore(el("span", { class: "glossator-filter-label" }, t("show")), box.firstChild);
    all(".glossator-count", box).forEach(function (span) {
      var kind = span.getAttribute("data-kind");
      var b = el("button", { type: "button", class: "glossator-count", "data-kind": kind });
      b.appendChild(el("span", { class: "glossator-icon", "aria-hidden": "true" }));
      b.appendChild(document.createTextNode(span.textContent.trim()));
      b.title = (D.toggle && D.toggle[kind]) || kind;
      span.replaceWith(b);
    });
    var keys = el("span", { class: "glossator-keys" });
    var names = { j: "j", k: "k", esc: "Esc" };
    t("keys").split(/\{(j|k|esc)\}/).forEach(function (part, i) {
      keys.appendChild(i % 2 ? el("kbd", {}, names[part]) : document.createTextNode(part));
    });
    keys.setAttribute("aria-hidden", "true");
    box.appendChild(keys);
  }

  function applyHidden(save) {
    if (!S) return;
    KINDS.forEach(function (k) {
      S.article.classList.toggle("hide-" + k, hidden.indexOf(k) >= 0);
    });
    all("button.glossator-count").forEach(function (b) {
      b.setAttribute("aria-pressed", String(hidden.indexOf(b.getAttribute("data-kind")) < 0));
    });
    var n = 0;
    S.notes.forEach(function (e) {
      var on = hidden.indexOf(e.kind) < 0;
      e.marks.forEach(function (m, i) {
        m.removeAttribute("tabindex");
        m.removeAttribute("data-n");
        if (on && i === 0) {
          m.setAttribute("tabindex", "0");
          m.setAttribute("data-n", String(++n));
        }
      });
    });
    if (S.active && hidden.indexOf(S.byId[S.active].kind) >= 0) close(false);
    saveHidden(save);
    layout();
  }

  function visible() {
    return S.notes.filter(function (e) {
      return hidden.indexOf(e.kind) < 0;
    });
  }

  /* ---- layout -------------------------------------------------------------------------------- */

  function setMode() {
    if (!S) return;
    var wide = WIDE.matches;
    S.article.classList.toggle("is-margin", wide);
    S.article.classList.toggle("is-inline", !wide);
    if (!wide) {
      S.article.style.minHeight = "";
      S.notes.forEach(function (e) {
        e.note.style.top = "";
      });
    }
    layout();
  }

  var pending = 0;
  function schedule() {
    if (!pending) pending = requestAnimationFrame(layout);
  }

  function compact(it) {
    if (it.e.id === S.active || it.c >= it.h) return;
    it.h = it.c;
    it.gap = GAP / 2;
    it.clamped = false;
    it.e.note.classList.add("is-compact");
  }

  // Tops for notes in reading order: each at its passage if it can be, else pushed down; with an
  // active note, that one sits at its passage and the others make room above and below it.
  function place(items, start, min) {
    var i;
    var edge = -Infinity;
    for (i = start; i < items.length; i++) {
      items[i].top = Math.max(items[i].want, edge);
      edge = items[i].top + items[i].h + (items[i].gap || GAP);
    }
    for (i = start - 1; i >= 0; i--) {
      items[i].top = Math.min(items[i].want, items[i + 1].top - (items[i].gap || GAP) - items[i].h);
    }
    return items.length && items[0].top < min;
  }

  function layout() {
    pending = 0;
    if (!S) return;
    var a = S.article;
    if (!a.classList.contains("is-margin")) return drawLink();
    var base = a.getBoundingClientRect().top;
    // notes may rise beside the title (kept to the text's width) to make room for an active
    // one; not in a right-to-left article on a left-to-right page, whose margin is on the side
    // of the byline and the counts
    var h1 = document.querySelector(".md-content h1");
    var mirrored = getComputedStyle(a).direction !== getComputedStyle(a.parentNode).direction;
    var min = h1 && !mirrored ? Math.min(0, h1.getBoundingClientRect().top - base) : 0;
    var items = visible().map(function (e) {
      var r = e.anchor.getClientRects()[0] || e.anchor.getBoundingClientRect();
      var n = e.note;
      n.classList.remove("is-clamped", "is-compact");
      var h = n.offsetHeight;
      var clamped = n.scrollHeight > n.clientHeight + 1;
      n.classList.add("is-compact");
      var c = n.offsetHeight;
      n.classList.remove("is-compact");
      return { e: e, want: Math.max(0, r.top - base - 6), h: h, c: c, clamped: clamped };
    });
    // Where notes crowd, an inactive note shows its heading only (its full text stays in the
    // accessibility tree and opens on click, on focus or from its passage).
    var edge = -Infinity;
    var start = 0;
    items.forEach(function (it, k) {
      var top = Math.max(it.want, edge);
      if (items[k + 1] && top + it.h + GAP > items[k + 1].want) compact(it);
      edge = top + it.h + (it.gap || GAP);
      if (it.e.id === S.active) start = k;
    });
    if (place(items, start, min)) {
      items.forEach(compact);
      if (place(items, start, min)) place(items, 0, min);
    }
    var end = 0;
    items.forEach(function (it) {
      if (it.clamped) it.e.note.classList.add("is-clamped");
      it.e.note.style.top = Math.round(Math.max(min, it.top)) + "px";
      end = Math.max(end, it.top + it.h);
    });
    a.style.minHeight = Math.ceil(end) + "px";
    if (!a.classList.contains("is-laid-out")) {
      a.classList.add("is-laid-out");
      requestAnimationFrame(function () {
        a.classList.add("is-animated");
      });
    }
    drawLink();
  }

  function drawLink() {
    var svg = S && S.link;
    if (!svg) return;
    var e = S.active && S.byId[S.active];
    var path = svg.firstChild;
    if (!e || !S.article.classList.contains("is-margin")) {
      svg.style.display = "none";
      return;
    }
    svg.style.display = "";
    svg.setAttribute("data-kind", e.kind);
    var ar = S.article.getBoundingClientRect();
    var r = e.anchor.getClientRects()[0];
    if (!r) return;
    // only in the gutter, level with the middle of the passage's first line: a line along
    // the text's baseline would read as one more underline
    var style = getComputedStyle(S.article);
    var rtl = style.direction === "rtl"; // notes in the left margin: the line mirrors
    var nx = e.note.offsetLeft + (rtl ? e.note.offsetWidth : 0);
    var ny = parseFloat(e.note.style.top) + 14;
    var mid = rtl ? nx + 8 : nx - 8;
    var para = (e.anchor.closest("p, li, blockquote, td, th, h2, h3, h4, h5, h6") || e.anchor).getBoundingClientRect();
    var x0 = rtl
      ? Math.max(para.left - ar.left - 4, mid)
      : Math.min(para.right - ar.left + 4, mid);
    var y0 = (r.top + r.bottom) / 2 - ar.top;
    path.setAttribute(
      "d",
      "M" + x0 + " " + y0 + "H" + mid + "V" + ny + "H" + nx
    );
    var c = svg.lastChild;
    c.setAttribute("cx", x0);
    c.setAttribute("cy", y0);
  }

  /* ---- open / close -------------------------------------------------------------------------- */

  function open(id, opts) {
    opts = opts || {};
    var e = S && S.byId[id];
    if (!e) return;
    if (hidden.indexOf(e.kind) >= 0) {
      hidden.splice(hidden.indexOf(e.kind), 1);
      applyHidden(true);
    }
    if (S.active && S.active !== id) close(false);
    S.active = id;
    e.note.classList.add("is-active");
    e.marks.forEach(function (m) {
      m.classList.add("is-active");
    });
    layout();
    var smooth = reduced() || opts.instant ? "auto" : "smooth";
    if (opts.scroll) e.anchor.scrollIntoView({ block: "center", behavior: smooth });
    if (opts.flash) {
      e.note.classList.remove("is-target");
      void e.note.offsetWidth;
      e.note.classList.add("is-target");
    }
    if (opts.focusNote) {
      e.note.setAttribute("tabindex", "-1");
      e.note.focus({ preventScroll: true });
      if (!S.article.classList.contains("is-margin")) {
        e.note.scrollIntoView({ block: "nearest", behavior: smooth });
      }
    } else if (opts.focusMark && e.anchor.tabIndex === 0) {
      e.anchor.focus({ preventScroll: !!opts.scroll });
    }
  }

  function close(returnFocus) {
    var e = S && S.active && S.byId[S.active];
    if (!e) return;
    S.active = null;
    e.note.classList.remove("is-active", "is-target");
    e.marks.forEach(function (m) {
      m.classList.remove("is-active");
    });
    layout();
    if (returnFocus && e.anchor.tabIndex === 0) e.anchor.focus();
  }

  function step(dir) {
    var list = visible();
    if (!list.length) return;
    var i = -1;
    var cur = S.active;
    var f = document.activeElement && document.activeElement.closest(".glossator-mark, .glossator-note");
    if (!cur && f) cur = f.id || f.getAttribute("data-annotation");
    for (var n = 0; n < list.length; n++) if (list[n].id === cur) i = n;
    if (i < 0) {
      // nothing current: the first passage below the top of the window (or the last above it)
      var top = 80;
      i = dir > 0 ? -1 : list.length;
      for (n = 0; n < list.length; n++) {
        var y = list[n].anchor.getBoundingClientRect().top;
        if (dir > 0 && y < top) i = n;
        if (dir < 0 && y > window.innerHeight / 2 && i === list.length) i = n;
      }
    }
    var next = list[Math.max(0, Math.min(list.length - 1, i + dir))];
    open(next.id, { scroll: true, focusMark: true });
  }

  function fromHash(first) {
    if (!S) return;
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    if (S.byId[id]) {
      open(id, { scroll: true, flash: true, instant: first });
    } else if (/^p\d+$/.test(id)) {
      var p = document.getElementById(id);
      if (p && S.article.contains(p)) p.scrollIntoView({ block: "start" });
    }
  }

  function copyLink(e, button) {
    var url = location.origin + location.pathname + "#" + e.id;
    copyText(url, function (ok) {
      if (!ok) {
        window.prompt(t("copyThisLink"), url);
        return;
      }
      button.textContent = t("copied");
      if (S) S.live.textContent = t("linkCopied");
      setTimeout(function () {
        button.textContent = t("copyLink");
        if (S) S.live.textContent = "";
      }, 2000);
    });
  }

  /* The one clipboard helper (note links and citations): the async API where the page is a
     secure context, else a hidden textarea; done(ok) either way, focus given back. */
  function copyText(text, done) {
    function fallback() {
      var back = document.activeElement;
      var area = el("textarea", { readonly: "", "aria-hidden": "true" });
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (err) {
        ok = false;
      }
      area.remove();
      if (back && back.focus) back.focus();
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        done(true);
      }, fallback);
    } else {
      fallback();
    }
  }

  /* ---- "Cite": a Copy button beside each citation (text, BibTeX, CSL-JSON) ------------------ */

  function addCopyButtons() {
    all("[data-glossator-copy]").forEach(function (block) {
      if (block.__copy) return;
      block.__copy = true;
      var what = block.getAttribute("data-glossator-copy");
      var button = el("button", { type: "button", class: "glossator-copy-citation" }, t("copy"));
      button.setAttribute("aria-label", what ? t("copyFormat").replace("{format}", what) : t("copyCitation"));
      var status = el("span", { class: "glossator-sr", role: "status" });
      block.parentNode.insertBefore(button, block.nextSibling);
      block.parentNode.insertBefore(status, button.nextSibling);
      button.addEventListener("click", function () {
        copyText(block.textContent, function (ok) {
          button.textContent = ok ? t("copied") : t("selectAndCopy");
          status.textContent = ok ? t("copiedToClipboard") : t("couldNotCopy");
          if (!ok) selectAll(block);
          setTimeout(function () {
            button.textContent = t("copy");
            status.textContent = "";
          }, 2500);
        });
      });
    });
  }

  /* "All of them at once": every citation on the page as one BibTeX or CSL-JSON file, gathered
     from the blocks of the article and its notes (each CSL-JSON block is a one-item array). */
  function everyCitation(format) {
    var blocks = all('[data-glossator-copy="' + format + '"]').map(function (b) {
      return b.textContent;
    });
    if (format === "BibTeX") return blocks.join("\n\n") + "\n";
    var items = [];
    blocks.forEach(function (text) {
      items = items.concat(JSON.parse(text));
    });
    return JSON.stringify(items, null, 2) + "\n";
  }

  function offerEveryCitation() {
    all(".glossator-cite-all[hidden]").forEach(function (p) {
      p.hidden = false;
    });
    all("a[data-glossator-all]").forEach(function (a) {
      if (a.__all) return;
      a.__all = true;
      a.addEventListener("click", function () {
        var format = a.getAttribute("data-glossator-all");
        var type = format === "BibTeX" ? "application/x-bibtex" : "application/vnd.citationstyles.csl+json";
        a.href = "data:" + type + ";charset=utf-8," + encodeURIComponent(everyCitation(format));
      });
    });
  }

  function selectAll(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  /* ---- events (bound once; they act on the current page's state) ------------------------------ */

  document.addEventListener("click", function (ev) {
    if (!S || !ev.target.closest) return;
    var t = ev.target;
    var filter = t.closest("button.glossator-count");
    if (filter) {
      var k = filter.getAttribute("data-kind");
      var at = hidden.indexOf(k);
      if (at >= 0) hidden.splice(at, 1);
      else hidden.push(k);
      applyHidden(true);
      return;
    }
    if (!S.article.contains(t)) return;
    var note = t.closest(".glossator-note");
    if (note) {
      var entry = S.byId[note.id];
      if (t.closest(".glossator-copy")) return copyLink(entry, t.closest("button"));
      if (t.closest(".glossator-close")) return close(true);
      if (!t.closest("a, button") && S.active !== note.id) open(note.id);
      return;
    }
    var mark = t.closest("mark.glossator-mark");
    while (mark && hidden.indexOf(mark.getAttribute("data-kind")) >= 0) {
      mark = mark.parentElement.closest("mark.glossator-mark");
    }
    if (!mark || (window.getSelection && String(window.getSelection()).length)) return;
    var id = mark.getAttribute("data-annotation");
    if (S.active === id) close(false);
    else open(id);
  });

  document.addEventListener("keydown", function (ev) {
    if (!S || ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t.closest && t.closest("input, textarea, select, [contenteditable], .md-search")) return;
    if (document.getElementById("__search") && document.getElementById("__search").checked) return;
    var mark = t.closest && t.closest("mark.glossator-mark");
    if (mark && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      open(mark.getAttribute("data-annotation"), { focusNote: true });
    } else if (ev.key === "Escape" && S.active) {
      ev.preventDefault();
      close(true);
    } else if ((ev.key === "j" || ev.key === "k") && !ev.shiftKey) {
      ev.preventDefault();
      step(ev.key === "j" ? 1 : -1);
    }
  });

  document.addEventListener("focusin", function (ev) {
    if (!S || !S.article.classList.contains("is-margin")) return;
    var note = ev.target.closest && ev.target.closest(".glossator-note");
    if (note && S.article.contains(note) && S.active !== note.id) open(note.id);
  });

  document.addEventListener("mouseover", function (ev) {
    if (!S) return;
    var m = ev.target.closest && ev.target.closest("mark.glossator-mark");
    var id = m && m.getAttribute("data-annotation");
    if (S.hover === id) return;
    if (S.hover && S.byId[S.hover]) S.byId[S.hover].note.classList.remove("is-hover");
    S.hover = id;
    if (id && S.byId[id]) S.byId[id].note.classList.add("is-hover");
  });

  window.addEventListener("hashchange", function () {
    fromHash(false);
  });
  if (WIDE.addEventListener) WIDE.addEventListener("change", setMode);
  window.addEventListener("load", schedule);

  function boot() {
    document.documentElement.classList.add("glossator-js");
    init();
    addCopyButtons();
    offerEveryCitation();
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(boot);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
