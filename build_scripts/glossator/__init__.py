"""Glossator: annotated editions of articles, with sourced notes beside each passage.

The core (article, annotations, anchoring, render) has no MkDocs imports, so another
front end needs only a thin adapter like ``plugin/``.
"""

from glossator.anchoring import locate
from glossator.load.notes import Annotation, Source
from glossator.load.seeds import Article, parse_article
from glossator.model import AnchoredNote, Edition, Match, Selector
from glossator.pages.article import render_article
from glossator.pipeline.edition import load_edition
from glossator.problems import Problem
from glossator.version import __version__

__all__ = [
    "AnchoredNote",
    "Annotation",
    "Article",
    "Edition",
    "Match",
    "Problem",
    "Selector",
    "Source",
    "__version__",
    "load_edition",
    "locate",
    "parse_article",
    "render_article",
]
