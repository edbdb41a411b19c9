"""Glossator: annotated editions of articles, with sourced notes beside each passage.

The core (article, annotations, anchoring, render) has no MkDocs imports, so another
front end needs only a thin adapter like ``plugin.py``.
"""

from .anchoring import Match, Selector, locate
from .annotations import Annotation, Source
from .article import Article, parse_article
from .edition import AnchoredNote, Edition, load_edition
from .problems import Problem
from .render import render_article

__version__ = "0.1.0"
__all__ = [
    "AnchoredNote",
    "Annotation",
    "Article",
    "Edition",
    "Match",
    "Problem",
    "Selector",
    "Source",
    "load_edition",
    "locate",
    "parse_article",
    "render_article",
]
