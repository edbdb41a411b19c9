"""The catalogues: every message the code uses, translated in every language, placeholders
kept; plural forms and dates by each language's CLDR rules; a publisher's overrides win."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from catalogue import messages_in_code
from glossator.interface import CATALOGUE_LANGUAGES, LOCALES, Interface

FIELD = re.compile(r"\{(\w+)\}")
TRANSLATED = [lang for lang in CATALOGUE_LANGUAGES if lang != "en"]


def _catalogue(lang: str):
    with open(LOCALES / f"{lang}.po", "rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_with_its_fields(lang):
    used = messages_in_code()
    catalogue = _catalogue(lang)
    ids = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
    assert set(used) == set(ids), (
        f"{lang}.po: missing {set(used) - set(ids)}, unused {set(ids) - set(used)}"
    )
    for msgid, message in ids.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{lang}: {msgid!r} is not translated"
        assert not message.fuzzy, f"{lang}: {msgid!r} is fuzzy"
        wanted = set(FIELD.findall(msgid)) - {"n"}
        for form in forms:
            assert set(FIELD.findall(form)) - {"n"} == wanted, f"{lang}: {msgid!r} -> {form!r}"
        assert (used[msgid] is None) == isinstance(message.id, str), f"{lang}: {msgid!r} plural"


def test_plural_forms_follow_each_language():
    counted = ("{n} counterpoint", "{n} counterpoints")
    assert [Interface("en").tn(*counted, n) for n in (1, 2)] == [
        "1 counterpoint",
        "2 counterpoints",
    ]
    assert [Interface("fr").tn(*counted, n) for n in (0, 1, 2)] == [
        "0 contrepoint",
        "1 contrepoint",
        "2 contrepoints",
    ]
    arabic = [Interface("ar").tn(*counted, n) for n in (1, 2, 3, 11, 100)]
    assert arabic == [
        "رأي مخالف واحد",
        "رأيان مخالفان",
        "3 آراء مخالفة",
        "11 رأيًا مخالفًا",
        "100 رأي مخالف",
    ]
    assert Interface("ja").tn(*counted, 7) == "反論 7件"


def test_dates_in_each_language():
    assert Interface("en").date("2019-08-03") == "3 August 2019"
    assert Interface("fr").date("2025-10-06") == "6 octobre 2025"
    assert Interface("de").date("2019-08") == "August 2019"
    assert Interface("ja").date("2019-08-03") == "2019年8月3日"
    assert Interface("es").date("2019") == "2019"
    assert Interface("fr").date("not a date") == "not a date"


def test_overrides_win_and_a_language_without_catalogue_is_english():
    ui = Interface(
        "fr", {"Cite": "Référencer", "{n} source": {"one": "{n} réf.", "other": "{n} réfs"}}
    )
    assert ui.t("Cite") == "Référencer"
    assert ui.tn("{n} source", "{n} sources", 1) == "1 réf."
    assert ui.tn("{n} source", "{n} sources", 3) == "3 réfs"
    assert ui.t("Sources") == "Sources"
    assert Interface("sv").t("Cite") == "Cite"
    assert Interface("zh-Hant").t("Cite") == "Cite"  # the catalogue is Simplified
    assert Interface("zh-Hans").t("Cite") == "引用"
