"""Language tags: canonical case, direction, and where a lang attribute is needed."""

from __future__ import annotations

from glossator.language import attributes, canonical, direction


def test_tags_are_checked_and_written_in_canonical_case():
    assert canonical("zh-hans") == "zh-Hans"
    assert canonical("pt-br") == "pt-BR"
    assert canonical("FR") == "fr"
    assert canonical("Japanese") is None
    assert canonical("en_GB") is None
    assert canonical("") is None


def test_right_to_left_languages_and_scripts():
    assert [direction(t) for t in ("ar", "he", "fa", "ur", "en", "ja")] == ["rtl"] * 4 + ["ltr"] * 2
    assert direction("az-Arab") == "rtl" and direction("ku-Latn") == "ltr"


def test_attributes_only_where_the_language_or_direction_changes():
    assert attributes("en", "en") == ""
    assert attributes("fr", "en") == ' lang="fr"'
    assert attributes("ar", "en") == ' lang="ar" dir="rtl"'
    assert attributes("en", "ar") == ' lang="en" dir="ltr"'
