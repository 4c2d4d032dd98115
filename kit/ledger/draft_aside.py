"""The reporter's aside after an attribution: "..., the authority said on Wednesday, leaving 3,200 people cut off".

Curators credit a figure to who the article says states it (the data README's claimant rule). A clause the reporter
hangs on the attribution itself, after "X said (on DAY)," and opened by "leaving", "after", "as", "while",
"despite", "though" or "although" ("leaving some 3,200 people ...", "after riders took 2.1 million trips ..."), is
not what X said but the reporter's own background: the outlet's figure, and, with no date phrase of its own, it
stands at the publication day, not under the main clause's "will". What X goes on to say ("adding that ...", "citing
..."), a comparison set off after the attribution ("up from 170 a year earlier") and a clause opened by "when",
"before" or "taking the total to" stay X's.
"""

from __future__ import annotations

import re

#: "X said (on Wednesday), leaving ...", "X said, after ...": the attribution, then the reporter's clause.
_ASIDE = re.compile(
    r"\b(?:said|says|told reporters|announced)(?:\s+(?:on|in|late|early|last|this)(?:\s+[A-Za-z]+){1,2})?,\s+"
    r"(?P<opens>after|leaving|as|while|despite|though|although)\b"
)
#: The draft note's words for the claimant of a figure in the aside.
RULE = "a reporter's aside after the attribution: the outlet's own reporting"


def aside(sentence: str, at: int) -> int | None:
    """Where the reporter's aside that holds the figure at ``at`` begins in the sentence, or None if the figure
    is not in one."""
    found = None
    for match in _ASIDE.finditer(sentence):
        if match.start("opens") <= at:
            found = match.start("opens")
    return found
