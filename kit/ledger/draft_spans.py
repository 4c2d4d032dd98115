"""Date phrases that name a span by its years or its length from publication, read for ``kit draft``.

Each is a date phrase of the figure's own clause (the data README's curation rule 7: "when a figure applies goes
to ``when_written`` as the article words it"), resolved as a curator resolves it:

- "between 2010 and 2020": the years from the first to the last (``2010/2020``);
- "for 2027" ("a profit of 410 million euros for 2027"): the year;
- "within three years" ("move the first 40 households within three years"): a deadline, that long after the
  publication day (``2032-06-02`` for an article of 2 June 2029);
- "at the end of last year" and "by the end of the third quarter": the last day of that year or quarter (a level
  counted on that day), as "at the end of February" is;
- "by next September": the next September after the publication day;
- "for the year to March 2028": the twelve months that end with March 2028, as "in the year to" is (read by
  :mod:`kit.ledger.draft_when`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from kit.ledger.draft_calendar import last_day, shifted

_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
#: The phrases, with the words a curator keeps in when_written.
PHRASE = (
    r"\bbetween\s+(?:19|20)\d\d\s+and\s+(?:19|20)\d\d\b"
    r"|\bfor\s+(?:19|20)\d\d\b(?!\s*(?:[-–]|to\b))"
    rf"|\bwithin\s+(?:the\s+next\s+)?{_COUNT}\s+(?:days?|weeks?|months?|years?)\b"
    r"|\bat\s+the\s+end\s+of\s+(?:last|this)\s+year\b"
    rf"|\b(?:by|in|until|from)\s+next\s+(?:{'|'.join(calendar.month_name[1:])})\b"
    r"|\b(?:at|by)\s+the\s+end\s+of\s+the\s+(?:first|second|third|fourth)\s+(?:quarter|half)\b"
    r"|\bfor\s+the\s+(?:year|\w+\s+months)\s+to\s+[A-Z][a-z]+\.?(?:\s\d{4})?\b"
)
_ORDINALS = ("first", "second", "third", "fourth")
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def period(words: str, published: date, future: bool = False) -> str | None:
    """The period one of these phrases means, or None for any other phrase (a quarter's end in a clause about what
    happened is the last one before publication)."""
    lower = words.lower()
    years = re.fullmatch(r"between ((?:19|20)\d\d) and ((?:19|20)\d\d)", lower)
    if years:
        return f"{years[1]}/{years[2]}"
    year = re.fullmatch(r"for ((?:19|20)\d\d)", lower)
    if year:
        return year[1]
    year_end = re.fullmatch(r"at the end of (last|this) year", lower)
    if year_end:
        return f"{published.year - (year_end[1] == 'last'):04d}-12-31"
    part_end = re.fullmatch(r"(?:at|by) the end of the (\w+) (quarter|half)", lower)
    if part_end:
        month = (_ORDINALS.index(part_end[1]) + 1) * (3 if part_end[2] == "quarter" else 6)
        end = last_day(f"{published.year:04d}-{month:02d}")
        return (end if future or end <= published else last_day(f"{published.year - 1:04d}-{month:02d}")).isoformat()
    ahead = re.fullmatch(r"(?:by|in|until|from) next (\w+)", lower)
    if ahead:  # "by next September": the next September after publication
        month = [name.lower() for name in calendar.month_name].index(ahead[1])
        return f"{published.year + (month <= published.month):04d}-{month:02d}"
    within = re.fullmatch(r"within (?:the next )?(\w+) (day|week|month|year)s?", lower)
    if within:
        count = within[1]
        count = int(count) if count.isdigit() else 1 if count in ("a", "an", "one") else _WORDS.index(count) + 1
        return shifted(published, within[2], count).isoformat()
    return None
