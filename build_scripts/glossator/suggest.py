"""'Did you mean' suggestions, from rapidfuzz rather than a hand-rolled distance."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process


def closest(word: str, choices: Iterable[str], cutoff: float = 60) -> str | None:
    match = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    best = closest(word, choices)
    return f" (did you mean '{best}'?)" if best else ""
