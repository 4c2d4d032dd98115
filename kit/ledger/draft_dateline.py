"""The dateline that opens a wire report ("ELSBRIDGE, Sept. 23, 2027 (Northfold Press) - ..."): where and when the
report was filed, not when its first figure applies.

The drafter reads a figure's date from the date phrases of its clause; the lead's clause starts with the dateline,
whose date is the publication day. Read as a date phrase, it dated the lead's figure to the publication day even
when the sentence says otherwise ("..., the authority said on Wednesday"). :func:`blank` hides it from the date
reading and keeps every offset.
"""

from __future__ import annotations

import re

#: A place in capitals, a comma, an optional state ("Calif."), a date with an optional time, the outlet in brackets
#: and a dash: the dateline of a wire report.
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]+,\s+(?:[A-Z][a-z]+\.,\s+)?[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}"
    r"(?:,\s+\d{1,2}:\d\d\s*(?:a\.m\.|p\.m\.|AM|PM))?\s+\([^)]*\)\s+[-–—]\s+"
)


def blank(clause: str) -> str:
    """The clause with its opening dateline (if any) turned to spaces, so that offsets into it still hold."""
    found = DATELINE.match(clause)
    return clause if found is None else " " * found.end() + clause[found.end() :]
