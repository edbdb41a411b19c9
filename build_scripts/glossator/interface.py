"""Glossator's own words in the site's language: one gettext catalogue per language, read
with Babel, plural forms and dates by each language's CLDR rules.

Every string Glossator writes into a page, a feed, a citation or the search box is a message
of ``locales/<language>.po`` (the English text is the message id, as gettext has it). The
``.po`` files are the only copy: each is compiled to a ``.mo`` in memory the first time a
build needs it, so a clean clone builds with nothing generated. Scripts get their words from
here too (``script_messages``, written into the page as JSON).

The language is material's ``theme.language``, so that the theme's words and Glossator's never
disagree; ``messages:`` in the plugin's options overrides any message (a plural one with a
mapping of CLDR plural categories: ``{one: "…", other: "…"}``). A language with no catalogue
is written in English, with its own CLDR dates and plural rules still applied to numbers.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Mapping
from functools import cache, cached_property
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from glossator.language import DEFAULT, canonical, direction, primary

LOCALES = Path(__file__).parent / "locales"
CATALOGUE_LANGUAGES = ("en", "fr", "de", "es", "ja", "ar", "zh")
"""Languages with a complete catalogue (``zh`` is Simplified Chinese)."""
DATE_LOCALE = {"en": "en_GB"}
"""CLDR's bare ``en`` is US English ("August 3, 2019"); the house style is day month year."""
_TRADITIONAL = {"Hant", "TW", "HK", "MO"}
_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is translated later (``Interface.t``)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a counted message (its English singular and plural) for the catalogue."""
    return singular, plural


KIND_MESSAGES = {
    "context": N_("Context"),
    "counterpoint": N_("Counterpoint"),
    "source": N_("Source"),
}
"""Each kind's label (``model.KIND_LABELS`` in English), for the catalogue."""


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language with a ``.po`` file (else the English words)."""
    path = LOCALES / f"{language}.po"
    if not path.exists():
        return gettext.NullTranslations()
    with open(path, "rb") as f:
        messages = read_po(f, locale=language)
    compiled = BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return Translations(compiled)


def catalogue_language(tag: str) -> str:
    """Which catalogue serves ``tag``: ``fr-CA`` -> ``fr``; Traditional Chinese -> English
    (the Chinese catalogue is Simplified, and a Traditional reader is better served by the
    English than by the other script)."""
    code = primary(tag)
    if code == "zh" and _TRADITIONAL & set((tag or "").split("-")):
        return DEFAULT
    return code if code in CATALOGUE_LANGUAGES else DEFAULT


def babel_locale(tag: str) -> Locale:
    code = primary(tag)
    name = DATE_LOCALE.get(tag or DEFAULT, (tag or DEFAULT).replace("-", "_"))
    for candidate in (name, code, DEFAULT):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(DEFAULT)


class Interface:
    """The words of one site: ``t`` for a message, ``tn`` for a counted one, ``date``."""

    def __init__(self, language: str = DEFAULT, overrides: Mapping[str, object] | None = None):
        self.language = canonical(language or DEFAULT) or DEFAULT
        self.direction = direction(self.language)
        self.overrides = dict(overrides or {})
        self._catalogue = catalogue(catalogue_language(self.language))
        self._dates: dict[str, str] = {}  # a thousand articles cite the same few hundred days
        self._texts: dict[str, str] = {}  # a build asks for the same few messages a million times

    @cached_property
    def locale(self) -> Locale:
        return babel_locale(self.language)

    def t(self, message: str, **values: object) -> str:
        """The message in the site's language, with ``{name}`` filled in from ``values``."""
        text = self._texts.get(message)
        if text is None:
            text = self.overrides.get(message)
            if not isinstance(text, str):
                text = self._catalogue.gettext(message)
            self._texts[message] = text
        return text.format(**values) if values else text

    def tn(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form of a counted message that ``n`` takes in the site's language; ``{n}`` is
        the number."""
        return self.plural_template(singular, plural, n).format(n=n, **values)

    def plural_template(self, singular: str, plural: str, n: int) -> str:
        """The form ``n`` takes, its ``{n}`` and other fields not yet filled in."""
        override = self.overrides.get(singular)
        if isinstance(override, Mapping):
            text = override.get(self.locale.plural_form(n)) or override.get("other")
        else:
            text = override if isinstance(override, str) else None
        if not isinstance(text, str):
            text = self._catalogue.ngettext(singular, plural, n)
        return text

    def kind(self, kind: str) -> str:
        """A note kind's label: "Context", "Counterpoint", "Source"."""
        return self.t(KIND_MESSAGES[kind])

    def date(self, value: str) -> str:
        """A full or partial ISO date as the language writes it: '2019-08' -> 'August 2019',
        'août 2019', '2019年8月'; other text unchanged."""
        found = self._dates.get(value)
        if found is None:
            found = self._dates[value] = self._date(value)
        return found

    def _date(self, value: str) -> str:
        m = _ISO.fullmatch(value or "")
        if not m:
            return value or ""
        year, month, day = (int(p) if p else 0 for p in m.groups())
        try:
            when = dt.date(year, month or 1, day or 1)
        except ValueError:
            return value
        if day:
            return format_date(when, format="long", locale=self.locale)
        return format_skeleton("yMMMM" if month else "y", when, locale=self.locale)

    def script_messages(self, messages: Mapping[str, str]) -> dict[str, str]:
        """``{key: message}`` translated, for a script (plural forms: ``plural_messages``)."""
        return {key: self.t(message) for key, message in messages.items()}


ENGLISH = Interface()
"""The words when no site says otherwise (the CLI, tests, a page rendered alone)."""


__all__ = ["ENGLISH", "KIND_MESSAGES", "N_", "Interface", "Nn_", "catalogue", "catalogue_language"]
