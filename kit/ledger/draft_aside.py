"""The reporter's aside after an attribution: "..., the authority said on Wednesday, leaving 3,200 people cut off".

Curators credit a figure to who the article says states it (the data README's claimant rule). A clause the reporter
hangs on the attribution itself, after "X said (on DAY)," and opened by "leaving", "after", "as", "while",
"despite", "though" or "although" ("leaving some 3,200 people ...", "after riders took 2.1 million trips ..."), is
not what X said but the reporter's own background: the outlet's figure, and, with no date phrase of its own, it
stands at the publication day, not under the main clause's "will". What X goes on to say ("adding that ...", "citing
..."), a comparison set off after the attribution ("up from 170 a year earlier") and a clause opened by "when",
"before" or "taking the total to" stay X's. So is the reporter's comparison set off at the end of a sentence that
attributes ("X said on Tuesday it will close 42 branches, the deepest cut in the lender's 90-year history"; "...,
the authority said on Wednesday, in the worst outbreak the area has seen in two decades"): the outlet's.
"""

from __future__ import annotations

import re

#: "X said (on Wednesday), leaving ...", "X said, after ...": the attribution, then the reporter's clause.
_ASIDE = re.compile(
    r"\b(?:said|says|told reporters|announced)(?:\s+(?:on|in|late|early|last|this)(?:\s+[A-Za-z]+){1,2})?,\s+"
    r"(?P<opens>after|leaving|as|while|despite|though|although)\b"
)
#: "..., the deepest cut in the lender's 90-year history", "..., in the worst outbreak the area has seen in two
#: decades": the reporter's comparison set off after what a speaker says, its figures the outlet's.
_COMPARISON = re.compile(
    r",\s+(?P<opens>(?:in\s+)?the\s+(?:[a-z]+est|most|least|first|worst|best)\s+[a-z]+\b(?:(?!,\s).)*$)"
)
#: The draft note's words for the claimant of a figure in the aside.
_SAID = re.compile(r"\b(?:said|says|told|announced)\b")
RULE = "a reporter's aside after the attribution: the outlet's own reporting"


def aside(sentence: str, at: int) -> int | None:
    """Where the reporter's aside that holds the figure at ``at`` begins in the sentence, or None if the figure
    is not in one."""
    found = None
    for match in _ASIDE.finditer(sentence):
        if match.start("opens") <= at:
            found = match.start("opens")
    compared = _COMPARISON.search(sentence.rstrip(" ."))
    if found is None and compared and compared.start("opens") <= at and _SAID.search(sentence[: compared.start()]):
        found = compared.start("opens")
    return found
