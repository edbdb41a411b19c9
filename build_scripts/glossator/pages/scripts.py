"""What the page's scripts need from Python: the note kinds and every word they show.

``glossator.js`` and ``search.js`` hold no words and no list of kinds of their own: they read
one JSON blob written into each page (``<script type="application/json"
id="glossator-data">``), so the interface is translated in one catalogue and a fourth kind
would reach the scripts with no change to them. Counted messages travel with every CLDR
plural form of the site's language; the script picks one with ``Intl.PluralRules``.
"""

from __future__ import annotations

import json
from weakref import WeakKeyDictionary

from glossator.interface import N_, Interface, Nn_
from glossator.model import KINDS

DATA_ID = "glossator-data"
TEXT_KIND = "article"
"""The search filter's value for an article's own text (beside the note kinds)."""
PAGE_KIND = "page"
"""…and for the site's hand-written pages."""

MESSAGES = {
    # the reader (glossator.js)
    "copyLink": N_("Copy link"),
    "copied": N_("Copied"),
    "linkCopied": N_("Link copied"),
    "copyThisLink": N_("Copy this link"),
    "findInOriginal": N_("Find in original"),
    "findInOriginalTitle": N_("The original article, scrolled to this passage"),
    "close": N_("Close"),
    "filterGroup": N_("Show notes by kind"),
    "show": N_("Show:"),
    "keys": N_("Keys: {j} next note, {k} previous, {esc} close"),
    "copy": N_("Copy"),
    "copyCitation": N_("Copy citation"),
    "copyFormat": N_("Copy {format} citation"),
    "selectAndCopy": N_("Select and copy"),
    "copiedToClipboard": N_("Copied to the clipboard"),
    "couldNotCopy": N_("Could not copy: select the text"),
    # "Propose a note" (propose.js)
    "propose": N_("Propose a note"),
    "proposeTitle": N_(
        "Propose a note on the selected passage (Alt+N): opens the repository's new-file page"
    ),
    # the search box (search.js)
    "typeToSearch": N_("Type to start searching"),
    "searching": N_("Searching…"),
    "noResults": N_("No results"),
    "noResultsFor": N_("No results for {kind}"),
    "moreResults": N_("More results"),
    "unavailable": N_("Search is unavailable right now"),
    "thisArticle": N_("this article"),
}
PLURALS = {
    "results": Nn_("{n} result", "{n} results"),
    "resultsMore": Nn_("{n} result, more below", "{n} results, more below"),
    "moreNotes": Nn_("{n} more note in {title}", "{n} more notes in {title}"),
}
TOGGLE = {
    "context": N_("Show or hide context notes"),
    "counterpoint": N_("Show or hide counterpoint notes"),
    "source": N_("Show or hide source notes"),
}
TEXT_LABELS = {TEXT_KIND: N_("Article text"), PAGE_KIND: N_("Page")}


def plural_forms(ui: Interface, singular: str, plural: str) -> dict[str, str]:
    """``{CLDR category: text}`` for the site's language (``{n}`` left for the script)."""
    forms: dict[str, str] = {}
    for n in range(0, 200):  # every category has an example below 200 in every language
        category = ui.locale.plural_form(n)
        if category not in forms:
            forms[category] = ui.plural_template(singular, plural, n)
    return forms


def search_kinds(ui: Interface) -> list[tuple[str, str]]:
    """The search filter's choices after "All": the article text, then each note kind."""
    return [(TEXT_KIND, ui.t(TEXT_LABELS[TEXT_KIND]))] + [(k, ui.kind(k)) for k in KINDS]


def script_data(ui: Interface) -> dict:
    return {
        "lang": ui.language,
        "dir": ui.direction,
        "kinds": list(KINDS),
        "labels": {
            **{k: ui.t(v) for k, v in TEXT_LABELS.items()},
            **{k: ui.kind(k) for k in KINDS},
        },
        "toggle": {k: ui.t(TOGGLE[k]) for k in KINDS},
        "messages": ui.script_messages(MESSAGES),
        "plurals": {key: plural_forms(ui, *forms) for key, forms in PLURALS.items()},
    }


SCRIPTED = (
    '<script>document.documentElement.classList.add("glossator-js"),setTimeout(function(){'
    'window.__glossator||document.documentElement.classList.remove("glossator-js")},3e3)'
    "</script>"
)
"""Marks the page as scripted before the body is drawn, so that an article opens in its final
layout (notes in the margin on wide screens) with no shift when glossator.js takes over; if
glossator.js has not run within 3 s (blocked, failed), the static layout comes back."""


_TAGS: WeakKeyDictionary[Interface, str] = WeakKeyDictionary()
"""One blob per interface: every page of a site carries the same one, and working out each
language's plural categories takes milliseconds (milliseconds a page, at a thousand pages)."""


def data_tag(ui: Interface) -> str:
    """The blob as a ``<script>`` that is data, never run (``<`` escaped inside strings), and
    the mark that the page is scripted."""
    found = _TAGS.get(ui)
    if found is None:
        found = _TAGS[ui] = _data_tag(ui)
    return found


def _data_tag(ui: Interface) -> str:
    text = json.dumps(script_data(ui), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c")
    return f'<script type="application/json" id="{DATA_ID}">{text}</script>' + SCRIPTED
