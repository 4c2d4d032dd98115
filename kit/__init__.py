"""Notebook analysis kit for news figures: every figure in an article, sourced and checked.

>>> import kit
>>> kit.claims()            # one row per figure, validated against the article
>>> kit.claims_with_sources()
"""

from kit.figures import format_figure, format_with_unit, parse_written
from kit.ledger import (
    Article,
    LedgerError,
    Problem,
    article,
    claims,
    claims_with_sources,
    corpus,
    corpus_sources,
    ledger_version,
    nonfigures,
    package,
    places,
    sources,
    validate,
)
from kit.ledger.coverage import find_figures, uncovered

__all__ = [
    "Article",
    "LedgerError",
    "Problem",
    "article",
    "claims",
    "claims_with_sources",
    "corpus",
    "corpus_sources",
    "find_figures",
    "format_figure",
    "format_with_unit",
    "ledger_version",
    "nonfigures",
    "package",
    "parse_written",
    "places",
    "sources",
    "uncovered",
    "validate",
]
