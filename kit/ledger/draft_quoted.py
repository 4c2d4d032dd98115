"""A quotation that goes on from the sentence before: its speaker's words (the data README's claimant rule 5, "who the
article says states the figure").

'"People have voted with their thumbs," Ambler said. "We are keeping every branch that handles more than 400 visits
a week."': the second sentence names no speaker, yet it is the same quotation going on. A sentence that is a
quotation from its first word, with no attribution of its own, right after a sentence of the same paragraph that
quotes a named speaker, is that speaker's. A sentence outside quotation marks stays the outlet's own reporting.
"""

from __future__ import annotations

import re

from kit.ledger import draft_who

#: A sentence that is a quotation from its first word.
_OPENS_QUOTED = re.compile(r"^\s*[\"“]")
#: A sentence that quotes someone: a quotation mark in it.
_QUOTES = re.compile(r"[\"“”]")
RULE = "a quotation that goes on from the sentence before, its speaker's"
#: "The broadcaster quoted Maria Lopes, the agency's director, as saying 1,200 ...": the person quoted says the figure,
#: not the outlet that quotes them.
AS_SAYING = re.compile(
    r"\b(?:quoted|cited)\s+(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|(?:the|a|an|its|their)\s+[^,;\"“”]+?)"
    r"(?:,\s+(?P<role>[^,;\"“”]+?),)?\s+as\s+(?:saying|telling)\b"
)


def continued(sentence: str, earlier: list[str]) -> draft_who.Speaker | None:
    """The speaker of the quotation a quoted sentence goes on with, or None."""
    if not earlier or not _OPENS_QUOTED.match(sentence) or draft_who.in_sentence(sentence) is not None:
        return None
    before = earlier[-1]
    named = draft_who.in_sentence(before)
    if named is None or not named.name or not _QUOTES.search(before):
        return None
    return draft_who.Speaker(named.name, named.role, RULE)
