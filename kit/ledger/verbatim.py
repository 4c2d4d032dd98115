"""Whether cells occur verbatim in an article, found without scanning the whole article for each cell.

``cell in article`` reads the article from the start: with the article growing with the ledger (every quote is
in it), checking every quote took time that grows with the square of the claims (30,000 claims, a minute). The
index here files the article's token starts (each position not preceded by a letter or digit) by the next
``KEY`` characters, once per article; a quote that long is then looked up and confirmed where it may start. A
cell that begins inside a word, a shorter one, or one not in the article, is searched for as before, and every
answer is remembered, so repeated cells (the same "on Monday" in many rows) cost one search. An article shorter
than ``INDEXED_FROM`` characters is not filed: a search through it takes about a microsecond, and filing it cost
more than all its cells' searches (a corpus's every ledger paid it).
"""

from __future__ import annotations

import functools
import re

#: characters of a cell used to look it up; cells at least this long are looked up, shorter ones searched
KEY = 24
#: an article shorter than this is searched for every cell: one search costs less than indexing it (most articles)
INDEXED_FROM = 20_000
_TOKEN_START = re.compile(r"(?<![^\W_])(?=\S)")


class Verbatim:
    """One article's text, asked many times whether a cell occurs in it (``cell in verbatim``)."""

    def __init__(self, text: str):
        self.text = text
        self._starts: dict[str, list[int]] | None = None
        self._answers: dict[str, bool] = {}

    def __contains__(self, cell: object) -> bool:
        if not isinstance(cell, str):
            return False
        answer = self._answers.get(cell)
        if answer is None:
            answer = self._answers[cell] = self._find(cell)
        return answer

    def _find(self, cell: str) -> bool:
        if len(cell) >= KEY and len(self.text) >= INDEXED_FROM:
            text = self.text
            if any(text.startswith(cell, start) for start in self._index().get(cell[:KEY], ())):
                return True
        return cell in self.text

    def _index(self) -> dict[str, list[int]]:
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            text = self.text
            for match in _TOKEN_START.finditer(text):
                start = match.start()
                starts.setdefault(text[start : start + KEY], []).append(start)
            self._starts = starts
        return self._starts


@functools.lru_cache(maxsize=2)
def verbatim(text: str) -> Verbatim:
    """The article's index, built once however many tables and rows ask (a str keeps its hash: a cheap key)."""
    return Verbatim(text)
