"""Anchoring: a note's quote found in an article's text. Strings in, offsets out.

Imports nothing of Glossator's but the model, so every rule of matching can be read and
tested on plain strings. The modules, in the order a quote meets them: ``normalise`` (what is
forgiven), ``locate`` (exact and forgiven search, the verdict), ``evidence`` (prefix/suffix and
last known paragraph, every threshold), ``approximate`` (after an edit), ``words`` (word
alignment), ``spaceless`` (character-wise search for text without spaces between words),
``context`` (the least context that makes a passage unique), ``messages`` (what a contributor
is told).
"""

from glossator.anchoring.approximate import min_similarity
from glossator.anchoring.context import suggest_context, unique_context
from glossator.anchoring.locate import last_known_range, locate, locate_note
from glossator.anchoring.normalise import CHAR_MAP, SPACE_RUN, NormalisedText, normalise
from glossator.anchoring.spaceless import is_spaceless

__all__ = [
    "CHAR_MAP",
    "SPACE_RUN",
    "NormalisedText",
    "is_spaceless",
    "last_known_range",
    "locate",
    "locate_note",
    "min_similarity",
    "normalise",
    "suggest_context",
    "unique_context",
]
