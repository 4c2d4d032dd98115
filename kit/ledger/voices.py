"""Whose words a claim's figure is in: the speaker's own quoted words, a body sentence, or the headline.

A statement said several times (kit.analysis.statements) is read from its claims by their voice, and the voice of
a claim depends on the article around its quote: "at least 10,000 people," said the director, is quoted speech
even when the curator copied only the words inside the quotation marks. A corpus (kit.corpus) does not carry the
articles' text, so the voice is worked out here, where a ledger's claims are typed beside its article, and kept as
the claims column ``voice``: a page and the whole-story tracker then read one statement the same way.

Pandas only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported where a table is built, not here: checking a ledger (``python -m kit validate``) needs none.

#: The ranks of :func:`voice`, the first outranking the rest (kit.analysis.statements.VOICES words them).
SPEECH, BODY, HEADLINE = 0, 1, 2


def inside_quotation(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` lies inside quotation marks opened before it in the same paragraph."""
    before = text[:at].rsplit("\n", 1)[-1]
    curly = before.count("\u201c") - before.count("\u201d")
    straight = before.count('"')
    return curly > 0 or straight % 2 == 1


def voice(quote: str, written: str, text: str | None = None, headline: str | None = None) -> int:
    """A claim's rank: :data:`SPEECH` when its figure (``written`` within ``quote``) stands inside quotation marks,
    in the quote or in ``text`` around it; :data:`HEADLINE` when the quote is found only in the headline
    (``headline``, else the article's first line); else :data:`BODY`."""
    return _rank(quote, written, text, *_head_and_body(text, headline))


def _head_and_body(text: str | None, headline: str | None) -> tuple[str, str]:
    """The headline (given, else the article's first line) and the article without it."""
    head = headline if headline is not None else (text.split("\n", 1)[0] if text else "")
    return head, (text.replace(head, "", 1) if text and head else (text or ""))


def _rank(quote: str, written: str, text: str | None, head: str, body: str) -> int:
    at = max(quote.find(written), 0) if written else 0
    if inside_quotation(quote, at):
        return SPEECH
    if text and (where := text.find(quote)) >= 0 and inside_quotation(text, where + at):
        return SPEECH
    if head and quote in head and quote not in body:
        return HEADLINE
    return BODY


def voices(claims: pd.DataFrame, text: str | None, headline: str | None) -> list[int]:
    """The voice of each claim of one article (its ``quote`` and ``as_written`` columns)."""
    import pandas as pd

    written = claims["as_written"] if "as_written" in claims else pd.Series("", index=claims.index)
    head, body = _head_and_body(text, headline)  # once per article, not once per claim
    return [
        _rank(str(quote), shown if isinstance(shown, str) else "", text, head, body)
        for quote, shown in zip(claims["quote"], written, strict=True)
    ]


def column(claims: pd.DataFrame, owner: str, articles: list) -> pd.Series:
    """The ``voice`` column of the claims of several ledgers typed together: each row's ledger is its position in
    ``articles`` (each an article with ``text`` and ``title``, or None), given by the column ``owner``. Plain Python
    over the rows: a pandas group per ledger cost a millisecond each, most of a thousand-article corpus's typing."""
    import pandas as pd

    parts: dict[int, tuple[str | None, str, str]] = {}
    written = claims["as_written"] if "as_written" in claims else pd.Series("", index=claims.index)
    ranks = []
    for position, quote, shown in zip(claims[owner].tolist(), claims["quote"].tolist(), written.tolist(), strict=True):
        if position not in parts:
            seed = articles[int(position)]
            text, title = (seed.text, seed.title) if seed is not None else (None, None)
            parts[position] = (text, *_head_and_body(text, title))
        ranks.append(_rank(str(quote), shown if isinstance(shown, str) else "", *parts[position]))
    return pd.Series(ranks, index=claims.index, dtype="int64")
