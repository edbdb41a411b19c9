"""The reader in a real browser: margin layout, phone layout, keyboard, deep links, filters,
instant navigation, dark scheme, print and no-JavaScript fallbacks."""

from __future__ import annotations

import itertools
import re

import pytest
from glossator_browser import ARTICLE, PHONE, WIDE, Tab

ARTICLE_PATH = f"/{ARTICLE}/"

# Geometry of every displayed note and the first line of its passage, in page coordinates.
GEOMETRY = """() => {
  const a = document.querySelector('.glossator-article');
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right};
  };
  const paras = [...a.querySelectorAll(':scope > p[id]')].map((p) => ({id: p.id, ...box(p)}));
  const notes = [...a.querySelectorAll('.glossator-note')]
    .filter((n) => getComputedStyle(n).display !== 'none')
    .map((n) => {
      const m = a.querySelector(`mark[data-annotation="${n.id}"]`).getClientRects()[0];
      return {id: n.id, paragraph: n.dataset.paragraph, active: n.classList.contains('is-active'),
              markTop: m.top + scrollY, markBottom: m.bottom + scrollY, ...box(n)};
    });
  return {paras, notes, scrollWidth: document.documentElement.scrollWidth,
          innerWidth: innerWidth};
}"""

# Characters on each line of a paragraph (to check the measure).
LINE_LENGTHS = """(id) => {
  const p = document.getElementById(id);
  const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const lines = [];
  let last = -1e9, node;
  while ((node = walk.nextNode())) {
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getClientRects()[0];
      if (!r) continue;
      if (r.top > last + r.height / 2) { lines.push(0); last = r.top; }
      lines[lines.length - 1] += 1;
    }
  }
  return lines;
}"""

ACTIVE = "document.querySelector('.glossator-note.is-active')?.id ?? null"
FOCUSED = """(() => { const e = document.activeElement;
  return e ? (e.dataset.annotation ? 'mark:' + e.dataset.annotation : e.id ? 'id:' + e.id
              : e.tagName) : null; })()"""


def note_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        ".glossator-article .glossator-note",
        "ns => ns.filter(n => !n.closest('.hide-' + n.dataset.kind)).map(n => n.id)",
    )


def assert_clean(t: Tab) -> None:
    assert t.errors == [], f"console errors: {t.errors}"
    assert t.outside == [], f"requests beyond 127.0.0.1: {t.outside}"


def assert_no_overlap(notes: list[dict]) -> None:
    ordered = sorted(notes, key=lambda n: n["top"])
    for upper, lower in itertools.pairwise(ordered):
        assert lower["top"] >= upper["bottom"] - 0.5, f"{upper['id']} overlaps {lower['id']}"


def in_band(note: dict, slack: float = 16) -> bool:
    return note["markTop"] - slack <= note["top"] <= note["markBottom"]


# ---- wide screens -------------------------------------------------------------------------------


def test_margin_notes_sit_beside_their_passage_at_1280(tab):
    t = tab(**WIDE)
    page = t.open()
    page.wait_for_selector(".glossator-article.is-margin.is-laid-out")
    g = page.evaluate(GEOMETRY)
    notes = g["notes"]
    assert len(notes) == len(note_ids(page)) > 0
    text_right = max(p["right"] for p in g["paras"])
    text_left = min(p["left"] for p in g["paras"])
    for n in notes:
        assert n["left"] >= text_right + 8, f"{n['id']} overlaps the text column"
        assert n["right"] <= g["innerWidth"], f"{n['id']} runs off the screen"
        # never above its passage; below it only when pushed by the note before
        assert n["top"] >= n["markTop"] - 16, f"{n['id']} sits above its passage"
    assert in_band(notes[0]), "the first note is not level with its passage"
    ordered = sorted(notes, key=lambda n: n["top"])
    assert [n["id"] for n in ordered] == [n["id"] for n in notes], "notes out of reading order"
    for prev, n in itertools.pairwise(notes):
        if not in_band(n):
            assert n["top"] - prev["bottom"] <= 10, f"{n['id']} is low without being pushed"
    assert_no_overlap(notes)
    assert sum(in_band(n) for n in notes) >= len(notes) // 3
    assert g["scrollWidth"] <= g["innerWidth"]
    # a comfortable measure: about 60 to 75 characters a line
    longest = max(g["paras"], key=lambda p: p["bottom"] - p["top"])["id"]
    full_lines = page.evaluate(LINE_LENGTHS, longest)[:-1]
    assert full_lines, "the longest paragraph has one line"
    average = sum(full_lines) / len(full_lines)
    assert 58 <= average <= 80, f"{average:.0f} characters a line"
    assert 500 <= text_right - text_left <= 700
    assert_clean(t)


def test_clicking_a_passage_activates_its_note_beside_it(tab):
    t = tab(**WIDE)
    page = t.open()
    ids = note_ids(page)
    target = ids[len(ids) // 2]
    mark = page.locator(f'mark[data-annotation="{target}"]').first
    mark.scroll_into_view_if_needed()
    mark.click()
    assert page.evaluate(ACTIVE) == target
    page.wait_for_timeout(300)  # notes glide into place
    g = page.evaluate(GEOMETRY)
    active = next(n for n in g["notes"] if n["id"] == target)
    assert in_band(active), "the active note is not level with its passage"
    assert_no_overlap(g["notes"])
    link = page.evaluate(
        """() => { const s = document.querySelector('.glossator-link');
        return {shown: getComputedStyle(s).display !== 'none',
                d: s.querySelector('path').getAttribute('d'), kind: s.dataset.kind}; }"""
    )
    assert link["shown"] and link["d"].startswith("M")
    assert page.evaluate(f"document.getElementById('{target}').dataset.kind") == link["kind"]
    mark.click()
    assert page.evaluate(ACTIVE) is None
    assert page.evaluate("getComputedStyle(document.querySelector('.glossator-link')).display") == (
        "none"
    )
    assert_clean(t)


def test_medium_screens_get_a_narrower_margin(tab):
    wide = tab(**WIDE).open()
    medium_tab = tab(width=1000, height=800)
    medium = medium_tab.open()
    width_at = {
        p: p.evaluate("document.querySelector('.glossator-note').getBoundingClientRect().width")
        for p in (wide, medium)
    }
    assert width_at[medium] < width_at[wide]
    g = medium.evaluate(GEOMETRY)
    text_right = max(p["right"] for p in g["paras"])
    assert all(n["left"] >= text_right for n in g["notes"])
    assert_no_overlap(g["notes"])
    assert g["scrollWidth"] <= g["innerWidth"]
    assert_clean(medium_tab)


def test_resizing_across_the_breakpoint_switches_layouts(tab):
    t = tab(**WIDE)
    page = t.open()
    first = note_ids(page)[0]
    page.click(f"mark[data-annotation='{first}']")
    page.set_viewport_size(PHONE)
    page.wait_for_function("document.querySelector('.glossator-article.is-inline')")
    page.wait_for_timeout(100)
    g = page.evaluate(GEOMETRY)
    assert [n["id"] for n in g["notes"]] == [first], "only the open note shows on a phone"
    assert g["scrollWidth"] <= PHONE["width"]
    page.set_viewport_size(WIDE)
    page.wait_for_function("document.querySelector('.glossator-article.is-margin')")
    page.wait_for_timeout(300)
    g = page.evaluate(GEOMETRY)
    assert len(g["notes"]) == len(note_ids(page))
    assert in_band(next(n for n in g["notes"] if n["id"] == first))
    assert_no_overlap(g["notes"])
    assert_clean(t)


# ---- phones -------------------------------------------------------------------------------------


def test_phone_has_no_horizontal_scrolling_and_taps_open_notes(tab):
    t = tab(**PHONE, has_touch=True, is_mobile=True)
    page = t.open()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(GEOMETRY)["notes"] == [], "notes should wait for a tap"
    first = note_ids(page)[0]
    mark = page.locator(f'mark[data-annotation="{first}"]').first
    mark.tap()
    g = page.evaluate(GEOMETRY)
    assert [n["id"] for n in g["notes"]] == [first]
    note = g["notes"][0]
    paras = {p["id"]: p for p in g["paras"]}
    order = [p["id"] for p in g["paras"]]
    para = paras[note["paragraph"]]
    following = paras[order[order.index(note["paragraph"]) + 1]]
    assert para["bottom"] - 1 <= note["top"] and note["bottom"] <= following["top"] + 1
    assert note["left"] >= 0 and note["right"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    mark.tap()
    assert page.evaluate(ACTIVE) is None
    assert page.evaluate(GEOMETRY)["notes"] == []
    mark.tap()
    assert page.evaluate(ACTIVE) == first
    page.keyboard.press("Escape")
    assert page.evaluate(ACTIVE) is None
    page.locator(f'mark[data-annotation="{first}"]').first.tap()
    page.locator(f"#{first} .glossator-close").tap()
    assert page.evaluate(ACTIVE) is None
    assert_clean(t)


def test_tab_reaches_every_passage_in_reading_order(tab):
    t = tab(**PHONE)  # notes closed, so the tab order is the passages themselves
    page = t.open()
    expected = note_ids(page)
    page.click(".glossator-byline", position={"x": 2, "y": 2})
    seen: list[str] = []
    for _ in range(len(expected) + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED) or ""
        if focused.startswith("mark:"):
            seen.append(focused[5:])
        elif seen:
            break
    assert seen == expected
    assert_clean(t)


# ---- keyboard -----------------------------------------------------------------------------------


def test_keyboard_opens_closes_and_moves_between_notes(tab):
    t = tab(**WIDE)
    page = t.open()
    ids = note_ids(page)
    page.click(".glossator-byline", position={"x": 2, "y": 2})
    for _ in range(20):
        page.keyboard.press("Tab")
        if (page.evaluate(FOCUSED) or "").startswith("mark:"):
            break
    assert page.evaluate(FOCUSED) == f"mark:{ids[0]}"
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2, "focus is not visible"
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE) == ids[0]
    assert page.evaluate(FOCUSED) == f"id:{ids[0]}", "focus should move into the note"
    page.keyboard.press("Escape")
    assert page.evaluate(ACTIVE) is None
    assert page.evaluate(FOCUSED) == f"mark:{ids[0]}", "focus should return to the passage"
    page.keyboard.press(" ")
    assert page.evaluate(ACTIVE) == ids[0]
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    assert page.evaluate(ACTIVE) == ids[1]
    assert page.evaluate(FOCUSED) == f"mark:{ids[1]}"
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate(ACTIVE) == ids[1]
    page.keyboard.press("k")
    assert page.evaluate(ACTIVE) == ids[0]
    # typing in the search box is left alone
    page.keyboard.press("Escape")
    page.click(".md-search__input")
    page.keyboard.type("jk")
    assert page.evaluate(ACTIVE) is None
    assert_clean(t)


# ---- deep links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_deep_link_to_a_note_scrolls_opens_and_highlights_it(tab, size):
    t = tab(**size)
    ids = note_ids(t.open())
    target = ids[len(ids) // 2]
    page = t.open(f"{ARTICLE_PATH}#{target}")
    page.wait_for_function(f"document.getElementById('{target}').classList.contains('is-active')")
    page.wait_for_timeout(400)
    view = page.evaluate(
        """(id) => { const m = document.querySelector(`mark[data-annotation="${id}"]`)
          .getBoundingClientRect(); const n = document.getElementById(id);
          return {mark: m.top, height: innerHeight, note: n.getBoundingClientRect().top,
                  flash: n.classList.contains('is-target'),
                  shown: getComputedStyle(n).display !== 'none'}; }""",
        target,
    )
    assert 0 <= view["mark"] <= view["height"], "the passage is not on screen"
    assert view["shown"] and view["flash"]
    if size is WIDE:
        assert abs(view["note"] - view["mark"]) <= 16, "the note is not beside its passage"
    assert_clean(t)


def test_paragraph_links_and_in_page_note_links_work(tab):
    t = tab(**WIDE)
    page = t.open(f"{ARTICLE_PATH}#p5")
    page.wait_for_timeout(300)
    top = page.evaluate("document.getElementById('p5').getBoundingClientRect().top")
    assert 40 <= top <= 200
    cited = page.locator(".glossator-sources-index li > a").last
    target = cited.get_attribute("href").split("#")[1]
    cited.click()
    page.wait_for_function(f"document.getElementById('{target}').classList.contains('is-active')")
    assert page.url.endswith(f"#{target}")
    assert_clean(t)


def test_copy_link_and_text_fragment_link(tab):
    t = tab(**WIDE, permissions=["clipboard-read", "clipboard-write"])
    page = t.open()
    target = note_ids(page)[2]
    page.click(f"mark[data-annotation='{target}']")
    button = page.locator(f"#{target} .glossator-copy")
    button.click()
    page.wait_for_function(
        f"document.querySelector('#{target} .glossator-copy').textContent === 'Copied'"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{t.base}{ARTICLE_PATH}#{target}"
    fragment = page.get_attribute(f"#{target} .glossator-fragment", "href")
    original = page.get_attribute(".glossator-byline a", "href")
    text = page.get_attribute(f"#{target}", "data-text-fragment")
    assert fragment == original.split("#")[0] + "#" + text
    assert text.startswith(":~:text=")
    assert_clean(t)


# ---- filters ------------------------------------------------------------------------------------


def test_filters_hide_a_kind_and_the_choice_persists(tab):
    t = tab(**WIDE)
    page = t.open()
    button = page.locator("button.glossator-count[data-kind='source']")
    assert re.fullmatch(r"\d+ sources?", button.inner_text().strip())
    assert button.get_attribute("aria-pressed") == "true"
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert "hide=source" in page.url
    shown = page.evaluate(GEOMETRY)["notes"]
    kinds = {n["id"]: page.get_attribute(f"#{n['id']}", "data-kind") for n in shown}
    assert shown and "source" not in kinds.values()
    assert (
        page.evaluate("[...document.querySelectorAll('mark[data-kind=source][tabindex]')].length")
        == 0
    )
    # kept across reloads and pages, and put back in the URL
    page = t.open()
    assert "hide=source" in page.url
    assert page.get_attribute("button.glossator-count[data-kind='source']", "aria-pressed") == (
        "false"
    )
    # the URL wins when it says otherwise
    page = t.open(f"{ARTICLE_PATH}?hide=context,counterpoint")
    pressed = page.eval_on_selector_all(
        "button.glossator-count", "bs => bs.map(b => b.dataset.kind + ':' + b.ariaPressed)"
    )
    assert pressed == ["context:false", "counterpoint:false", "source:true"]
    for kind in ("context", "counterpoint"):
        page.click(f"button.glossator-count[data-kind='{kind}']")
    assert "hide=" not in page.url
    assert len(page.evaluate(GEOMETRY)["notes"]) == len(note_ids(page))
    assert_clean(t)


# ---- navigation, schemes, pages without notes ----------------------------------------------------


def test_instant_navigation_reinitialises_the_reader(tab):
    t = tab(**WIDE)
    page = t.open("/")
    page.keyboard.press("j")  # no notes here: nothing happens, nothing breaks
    page.click(f".glossator-articles a[href*='{ARTICLE}']")
    page.wait_for_selector(".glossator-article.is-js.is-laid-out")
    assert page.evaluate("document.querySelectorAll('.glossator-tools').length") == len(
        note_ids(page)
    )
    page.click("a.md-nav__link[href$='about/']")
    page.wait_for_function("!document.querySelector('.glossator-article')")
    page.go_back()
    page.wait_for_selector(".glossator-article.is-js.is-laid-out")
    page.keyboard.press("j")
    assert page.evaluate(ACTIVE) == note_ids(page)[0]
    assert page.evaluate("document.querySelectorAll('.glossator-tools').length") == len(
        note_ids(page)
    )
    assert_clean(t)


def test_dark_scheme_and_palette_toggle(tab):
    t = tab(**WIDE, scheme="dark")
    page = t.open()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    luminance = """(sel) => { const c = getComputedStyle(document.querySelector(sel)).color
      .match(/[\\d.]+/g).map(Number).slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]; }"""
    assert page.evaluate(luminance, ".glossator-kind") > 0.35
    before = page.evaluate(GEOMETRY)["notes"][0]["top"]
    page.click("form[data-md-component=palette] label:not([hidden])")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert page.evaluate(luminance, ".glossator-kind") < 0.2
    assert page.evaluate(GEOMETRY)["notes"][0]["top"] == before
    assert_clean(t)


def test_pages_without_notes_and_no_outside_requests(tab):
    t = tab(**WIDE)
    for path in ("/", "/about/", ARTICLE_PATH, "/404.html"):
        page = t.open(path)
        page.keyboard.press("j")
        page.keyboard.press("Escape")
    assert t.outside == [], f"requests beyond 127.0.0.1: {t.outside}"
    assert [e for e in t.errors if "404" not in e] == []


# ---- without JavaScript, and in print ------------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_without_javascript_notes_follow_their_paragraph(tab, size):
    t = tab(**size, java_script_enabled=False)
    page = t.open("/")
    page = t.page
    page.goto(t.base + ARTICLE_PATH)
    g = page.evaluate(GEOMETRY)
    assert len(g["notes"]) == page.locator(".glossator-note").count() > 0
    paras = {p["id"]: p for p in g["paras"]}
    for n in g["notes"]:
        assert n["top"] >= paras[n["paragraph"]]["bottom"] - 1
    assert_no_overlap(g["notes"])
    assert g["scrollWidth"] <= g["innerWidth"]


def test_print_turns_notes_into_numbered_footnotes(tab):
    t = tab(**WIDE)
    page = t.open()
    page.emulate_media(media="print")
    page.wait_for_timeout(100)
    g = page.evaluate(GEOMETRY)
    paras = {p["id"]: p for p in g["paras"]}
    assert len(g["notes"]) == len(note_ids(page))
    for n in g["notes"]:
        assert n["top"] >= paras[n["paragraph"]]["bottom"] - 1, f"{n['id']} not after its text"
    styles = page.evaluate(
        """() => {
        const head = document.querySelector('.glossator-note-head');
        const mark = document.querySelector('mark[data-n]');
        const link = document.querySelector('.glossator-note a[href^="http"]');
        return {head: getComputedStyle(head, '::before').content,
                mark: getComputedStyle(mark, '::after').content, n: mark.dataset.n,
                link: getComputedStyle(link, '::after').content,
                position: getComputedStyle(head.parentElement).position,
                tools: getComputedStyle(document.querySelector('.glossator-tools')).display,
                clamped: [...document.querySelectorAll('.glossator-note')].filter(
                  (n) => getComputedStyle(n).maxHeight !== 'none' || n.scrollHeight >
                  n.clientHeight + 1).map((n) => n.id)};
        }"""
    )
    assert "counter(glossator-note)" in styles["head"]
    assert styles["n"] == "1"
    assert "attr(data-n)" in styles["mark"] or styles["mark"] == '"1"'
    assert "attr(href)" in styles["link"] or "http" in styles["link"]
    assert styles["position"] != "absolute" and styles["tools"] == "none"
    assert styles["clamped"] == [], "notes cut short in print"
    numbers = page.eval_on_selector_all(
        "mark[data-n]", "ms => ms.map(m => [m.dataset.annotation, +m.dataset.n])"
    )
    assert numbers == [[id_, i + 1] for i, id_ in enumerate(note_ids(page))]
    assert_clean(t)
