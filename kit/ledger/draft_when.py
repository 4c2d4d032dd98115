"""When a drafted figure applies: the date phrase of its clause, resolved against the publication date.

A curator writes ``when_written`` as the article words it ("on Wednesday", "last week", "by November 1") and
``when`` as the ISO 8601 day, month, year or interval it means. The drafter does the same from the text alone:
it looks for a date phrase in the figure's clause (the nearest one to the figure), and resolves it from the
publication date. Days ("on Monday", "Aug. 12", "yesterday") go to ``dateparser`` with ``RELATIVE_BASE`` set to
the publication date; dateparser sends a weekday that falls on the publication day itself a week back ("on
Tuesday" in a Tuesday article), so that weekday is the publication day. Weeks, months and years ("last week",
"in October", "last year") are periods, resolved here as the whole period, as curators write them. With no
phrase in the clause the figure is read as of the publication day, and the draft note says so.

dateparser is handed the phrase alone, never the sentence: given a sentence it reads a percent or a sum of
money as a date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_DAY = rf"(?:{'|'.join(WEEKDAYS)})(?:\s+(?:night|morning|afternoon|evening))?"
_MONTH_NAMES = _MONTHS.replace(r"\.?", "")
_MONTH_DAY = rf"(?:{_MONTHS})\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?|\d{{1,2}}\s(?:{_MONTHS})(?:\s\d{{4}})?"
#: Date phrases, most specific first; each has the preposition a curator keeps in when_written.
_PHRASE = re.compile(
    rf"\b(?:(?:on|by|since|until|from|before|after|as of)\s+)?(?:{_MONTH_DAY})\b"
    rf"|\b(?:(?:on|by|since|until|from|before|after|as of|last|this|next)\s+)?{_DAY}\b"
    r"|\b(?:(?:since|until|by|before|after|as of)\s+)?(?:yesterday|today|tonight)\b"
    r"|\b(?:earlier|later)\s+this\s+(?:week|month|year)\b"
    r"|\b(?:(?:over|in|during|for)\s+)?(?:(?:the\s+)?(?:last|this|next|past)|the)\s+(?:week|month|year|weekend)"
    r"(?:\s+before)?\b"
    r"|\b(?:overnight|last night)\b|\b(?:a|one)\s+week\s+(?:earlier|before)\b"
    r"|\b(?:(?:in|during|over)\s+)?(?:this|last|next|the)\s+(?:spring|summer|autumn|fall|winter)\b"
    rf"|\b(?:(?:in|by|since|until|from|before|after|as of)\s+)(?:{_MONTH_NAMES})(?:\s\d{{4}})?\b"
    r"|\bin\s(?:19|20)\d\d\b",
)


#: Words that put a clause in the future: "by Friday" then is ahead of publication, not behind it.
FUTURE = re.compile(
    r"\b(?:will|would|could|is due|are due|expected|expects|plans?|aims?|should|set to|going to|as early as)\b", re.I
)
#: Seasons as months (northern hemisphere): a curator writes "this autumn" as 2025-09/2025-11.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


#: How far (in characters) a date phrase may stand from the figure and still govern it.
NEAR = 80


@dataclass(frozen=True)
class When:
    """A date phrase as written and the ISO 8601 period it resolves to ('' when it cannot be resolved)."""

    written: str
    when: str
    kind: str = ""  # "deadline" for "by ..." after publication, else empty (as_of)


def _month_number(name: str) -> int:
    key = name.rstrip(".")[:3].lower()
    return [calendar.month_abbr[number].lower() for number in range(1, 13)].index(key) + 1


def _week(day: date) -> str:
    monday = day - timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _period(words: str, published: date, future: bool = False) -> str | None:
    """Weeks, months and years as whole periods; None when the phrase names a day."""
    lower = re.sub(r"^(?:over|in|during|for)\s+", "", words.lower())
    lower = re.sub(r"^the\s+(?=last|this|next|past)", "", lower)
    if re.fullmatch(r"(?:the|a|one) week (?:before|earlier)", lower):
        return _week(published - timedelta(days=14))
    if lower in ("overnight", "last night"):
        return f"{(published - timedelta(days=1)).isoformat()}/{published.isoformat()}"
    if re.fullmatch(r"(?:the|last|this) weekend", lower):
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return f"{saturday.isoformat()}/{(saturday + timedelta(days=1)).isoformat()}"
    if lower == "the week":
        return _week(published)
    if lower == "past year":
        return f"{published.replace(year=published.year - 1).isoformat()}/{published.isoformat()}"
    if lower == "past week":
        return f"{(published - timedelta(days=7)).isoformat()}/{published.isoformat()}"
    if re.search(r"\blast week\b", lower):
        return _week(published - timedelta(days=7))
    if re.search(r"\bthis week\b", lower):
        return f"{(published - timedelta(days=published.weekday())).isoformat()}/{published.isoformat()}"
    if re.search(r"\b(?:last|past) month\b", lower):
        last = published.replace(day=1) - timedelta(days=1)
        return f"{last.year:04d}-{last.month:02d}"
    if re.search(r"\bthis month\b", lower):
        return f"{published.year:04d}-{published.month:02d}"
    if re.search(r"\b(?:last|past) year\b", lower):
        return f"{published.year - 1:04d}"
    season = re.fullmatch(r"(this|last|next|the) (spring|summer|autumn|fall|winter)", lower)
    if season:
        first, last = SEASONS[season.group(2)]
        year = published.year + {"last": -1, "next": 1}.get(season.group(1), 0)
        if season.group(1) == "the" and future and first < published.month:
            year += 1  # "in the spring" in a forecast is the next one
        end_year = year + 1 if last < first else year
        return f"{year:04d}-{first:02d}/{end_year:04d}-{last:02d}"
    if re.search(r"\bnext year\b", lower):
        return f"{published.year + 1:04d}"
    if re.search(r"\bnext month\b", lower):
        ahead = published.replace(day=28) + timedelta(days=4)
        return f"{ahead.year:04d}-{ahead.month:02d}"
    if re.search(r"\bnext week\b", lower):
        return _week(published + timedelta(days=7))
    if re.search(r"\bthis year\b", lower):
        return f"{published.year:04d}"
    year = re.fullmatch(r"(?:in\s)?((?:19|20)\d\d)", lower)
    if year:
        return year.group(1)
    month = re.fullmatch(rf"(?:in|by|since|until|from|before|after|as of)\s({_MONTHS})(?:\s(\d{{4}}))?", words, re.I)
    if month:
        number = _month_number(month.group(1))
        named_year = int(month.group(2)) if month.group(2) else None
        ahead = future and number >= published.month
        guess = published.year if ahead or number <= published.month else published.year - 1
        return f"{named_year or guess:04d}-{number:02d}"
    return None


def _day(words: str, published: date, future: bool = False) -> date | None:
    """A day phrase resolved with dateparser against the publication date, plus the publication-weekday rule."""
    import dateparser  # imported here: only kit draft needs it

    core = re.sub(r"^(?:on|by|since|until|from|before|after|as of|last|this|next)\s+", "", words, flags=re.I)
    core = re.sub(r"\s+(?:night|morning|afternoon|evening)$", "", core, flags=re.I)
    if core.capitalize() in WEEKDAYS and WEEKDAYS.index(core.capitalize()) == published.weekday():
        if not words.lower().startswith(("last", "next")):
            return published
    future = future or words.lower().startswith("next")
    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day, 12),
        "PREFER_DATES_FROM": "future" if future else "past",
        "STRICT_PARSING": False,
    }
    parsed = dateparser.parse(core, languages=["en"], settings=settings)
    return None if parsed is None else parsed.date()


def resolve(words: str, published: date | None, future: bool = False) -> When:
    """The period one date phrase means; an undated article keeps the words and leaves the period empty."""
    if published is None:
        return When(words, "")
    lower = words.lower()
    period = _period(words, published, future)
    if period is None:
        day = _day(words, published, future)
        period = day.isoformat() if day else ""
        if day and lower.startswith("since"):
            period = f"{day.isoformat()}/{published.isoformat()}" if day < published else period
    elif lower.startswith("since") and "/" not in period and period < published.isoformat()[: len(period)]:
        period = f"{period}/{published.isoformat()}"  # "since April": from April to publication
    ahead = bool(period) and period[:10] > published.isoformat()[: len(period[:10])]
    kind = ("deadline" if lower.startswith(("by", "until")) else "forecast") if ahead else ""
    return When(words, period, kind)


def phrases(text: str) -> list[tuple[int, int, str]]:
    """Every date phrase of a text: (start, end, words)."""
    return [(match.start(), match.end(), match.group()) for match in _PHRASE.finditer(text)]


def governing(clause: str, figure_at: int, published: date | None, future: bool = False) -> When | None:
    """The date phrase of a clause nearest the figure (after it first: "640 ... on Sunday"), resolved."""
    found = phrases(clause)
    if not found:
        return None
    found = [item for item in found if abs(item[0] - figure_at) <= NEAR]
    if not found:
        return None
    nearest = min(found, key=lambda item: (abs(item[0] - figure_at), item[0] < figure_at))
    return resolve(nearest[2], published, future)


_REPORTING = re.compile(r"\b(?:said|says|told|reported|announced|estimated|put|counted)\s*$", re.IGNORECASE)


def reported(before: str, clause: str, published: date | None, future: bool = False) -> When | None:
    """A date phrase outside the figure's clause that still governs it: the one right after the reporting verb
    ("said on Wednesday that ... 640 of them"), or, for a clause opening with "when", the day of the phrase just
    before it ("since Monday, when it covered 28,000 acres": Monday)."""
    found = phrases(before)
    if clause.lower().startswith("when ") and found and before.rstrip(" ,").endswith(found[-1][2]):
        day = re.sub(r"^(?:since|from|by|until)\s+", "", found[-1][2], flags=re.IGNORECASE)
        return resolve(day, published, future)
    for start, _end, words in found:
        if _REPORTING.search(before[:start]):
            return resolve(words, published, future)
    return None
