"""Who a headline's figures are credited to: the outlet, unless the headline names its speaker.

The data README's claimant rule: the headline is the outlet's own words, and its figures are the outlet's even when
they restate a body figure of someone else's, unless the headline names its speaker ("Wolves Killed 300 Sheep,
Farmers Say"). A headline names its speaker in title case with a verb of saying, last ("..., Farmers Say", "...,
Says Union") or first ("Union Says Port Will Cut 40 Jobs"); a document's finding ("..., Survey Finds") stays the
outlet's, as curators credit it. :mod:`kit.ledger.draft_who` reads these with its other attributions.
"""

from __future__ import annotations

import re

#: The draft note's words for a speaker a headline names ("..., Farmers Say"), whom the body may name in full.
HEADLINE = "a headline's 'X Says'"
#: A headline's trailing attribution ("Wolves Killed 300 Sheep, Farmers Say"): title case, at the line's end.
_SAYS = re.compile(r",\s+(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}?)\s+(?:Says?|Said|Warns?|Claims?)\s*$")
#: A headline that names its speaker first or last the other way round ("Union Says Port Will Cut 40 Jobs", "Port
#: Will Cut 40 Jobs, Says Union"); a verb before a small word ("Fishermen Warn of Lay-offs") names no figure's speaker.
_OPENS = re.compile(
    r"^\s*(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}?)\s+(?:Says?|Warns?|Claims?)\s+(?=[A-Z0-9$£€])"
)
_SAYS_AFTER = re.compile(r",\s+(?:Says?|Said|Warns?|Claims?)\s+(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s*$")
#: The three ways, in order of preference.
HEADLINE_SAYS = (_SAYS, _OPENS, _SAYS_AFTER)
