"""Which of a sentence's attributions governs a figure: the nearest one in the figure's own clause.

"Its chief executive, Tomas Reyna, said the damage could cost growers 60 million euros; the union put the loss at
up to 85 million euros": each figure is its own clause's speaker's (the data README's claimant rule 5, "who the
article says states the figure"). A semicolon ends a clause, so an attribution across it comes only after every
attribution on the figure's side; among those, the nearest wins ("..., according to the weather office, and the
board said ...").
"""

from __future__ import annotations

import re


def nearest(found: list[tuple[re.Match[str], str]], sentence: str, at: int) -> list[tuple[re.Match[str], str]]:
    """The (match, rule) attributions of a sentence, those in the figure's clause first, each group nearest first."""

    def key(item: tuple[re.Match[str], str]) -> tuple[bool, int]:
        match = item[0]
        apart = ";" in sentence[min(match.end(), at) : max(match.start(), at)]
        return apart, min(abs(match.start() - at), abs(match.end() - at))

    return sorted(found, key=key)
