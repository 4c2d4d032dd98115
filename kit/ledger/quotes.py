"""Cells copied from the article, checked against it character for character, and how a copy went wrong.

A quote that is "nearly" in the article is the commonest curation slip: autocorrect swapped an apostrophe,
a web page pasted a no-break space, a spreadsheet re-read the file as Windows-1252. Saying only "not in the
article" sends the curator hunting, so each mismatch is explained: which character differs, or where the
quote stops matching.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from kit.ledger.cells import QUOTE_MARKS, char_name
from kit.ledger.problems import Checker
from kit.ledger.verbatim import verbatim

#: Columns whose cells are copied from the article, so they may hold any character the article has.
ARTICLE_COLUMNS = {
    "claims": ("quote", "as_written", "when_written"),
    "places": ("as_written",),
    "nonfigures": ("text",),
}
#: The column of each table that must occur in the article verbatim (a claim's as_written must be in its quote).
IN_ARTICLE = {"claims": "quote", "places": "as_written", "nonfigures": "text"}
_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
#: Look-alike characters mapped one to one onto what a keyboard types, to explain a quote that differs.
_LOOKALIKE = str.maketrans(
    {
        **{"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'},
        **{"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2013": "-", "\u2014": "-", "\u2212": "-"},
    }
)


def check_in_article(checker: Checker, path: Path, column: str, rows: list[tuple[int, dict]], article: str) -> None:
    """Every non-empty cell of the column occurs in the article verbatim, or the mismatch is explained."""
    found = verbatim(article)  # one index for every row: a search per row grew with the square of the claims
    for number, row in rows:
        cell = row.get(column, "")
        if cell and cell not in found:
            checker.add(path, number, column, locate_mismatch(cell, article))


def check_claim(checker: Checker, path: Path, number: int, row: dict, article: str) -> None:
    """A claim's figure as written is in its quote, and the words that say when it applies are in the article."""
    quote, written = row.get("quote", ""), row.get("as_written", "")
    if quote and written and written not in quote:
        checker.add(path, number, "as_written", f"the quote does not contain the figure as written ({written!r})")
    when = row.get("when_written", "")
    if when and when.strip() == when and when not in verbatim(article):
        looks_like_date = re.search(r"\d[-/.]|[-/.]\d|^\d{4}-", when) is not None
        checker.add(
            path,
            number,
            "when_written",
            f"{when!r} is not in the article; write when the figure applies as the article does"
            + (" (a spreadsheet may have turned it into a date)" if looks_like_date else ""),
        )


def locate_mismatch(quote: str, text: str) -> str:
    """Explain how a quote that is not in the article differs from it."""
    try:
        repaired = quote.encode("cp1252").decode("utf-8")
    except UnicodeError:
        repaired = quote
    if repaired != quote and repaired in text:
        return (
            f"quote is not verbatim in the article: it reads {quote!r} where the article has {repaired!r}; "
            "the file was opened as Windows-1252 and saved again: copy the quote from the article"
        )
    if unicodedata.normalize("NFC", quote) in unicodedata.normalize("NFC", text):
        return (
            "quote is not verbatim in the article: it has the same letters in another Unicode normalisation "
            f"(the quote is {_form(quote)}, the article {_form(text)}: accents stored as one character or as "
            "a letter and a combining mark); copy the quote from the article"
        )
    for table in (_CURLY, _LOOKALIKE):
        if quote.translate(table) in text.translate(table):
            return _lookalike(quote, text, table)
    longest = 0
    for size in range(1, len(quote) + 1):
        if quote[:size] in text:
            longest = size
        else:
            break
    if longest == 0:
        return "quote is not in the article; copy it from the article, verbatim"
    tail = next((size for size in range(len(quote) - 1, 0, -1) if quote[-size:] in text), 0)
    if longest < 4 and tail >= 4:
        return (
            f"quote is not verbatim in the article: it starts differently ({quote[: len(quote) - tail][-20:]!r}) "
            f"and matches only from {quote[-tail:][:20]!r} on; copy the quote from the article"
        )
    return (
        f"quote is not verbatim in the article: it matches as far as {quote[max(0, longest - 20) : longest]!r} "
        f"and then differs at {quote[longest : longest + 20]!r}"
    )


def _form(text: str) -> str:
    """Which Unicode normalisation a text is in, as a message names it."""
    for form in ("NFC", "NFD"):
        if unicodedata.is_normalized(form, text):
            return form
    return "mixed NFC and NFD"


def _lookalike(quote: str, text: str, table: dict) -> str:
    """Name the first character of a quote that differs from the article only by a look-alike."""
    start = text.translate(table).index(quote.translate(table))
    original = text[start : start + len(quote)]
    mine, theirs = next(pair for pair in zip(quote, original, strict=True) if pair[0] != pair[1])
    if mine in QUOTE_MARKS and theirs in QUOTE_MARKS:
        return (
            f"quote is not verbatim in the article: it has {mine!r} where the article has {theirs!r} "
            "(straight and curly quotation marks and apostrophes differ; copy them from the article)"
        )
    return (
        f"quote is not verbatim in the article: it has {mine!r} ({char_name(mine)}) where the article "
        f"has {theirs!r} ({char_name(theirs)}); copy the quote from the article"
    )
