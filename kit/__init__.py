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


def __getattr__(name: str) -> object:
    """``kit.find_figures`` and ``kit.uncovered`` load the figure finder on first use: compiling its patterns
    costs about 0.1 s, which every kernel and every ``python -m kit`` would otherwise pay for nothing."""
    if name in ("find_figures", "uncovered"):
        from kit.ledger import coverage

        return getattr(coverage, name)
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
