"""Periods read from other periods of the article: "a year earlier" from the figure before, "the same period", a
change against a base period ("25% fewer than this year": from this year to the period compared), a season the
article names elsewhere in months, "the first year" of a scheme the article dates as a twelve-month span, and
"during that period" (the span the article named before).
:mod:`kit.ledger.draft_context` calls these once a figure's own phrase is found.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kit.ledger import draft_when
from kit.ledger.draft_calendar import shifted
from kit.ledger.draft_when import When

#: Phrases that name the period of the figure before, a year back ("up from 330 a year earlier") or the same
#: ("up 18% on the same period of 2025": the rise is of the period the figure before counts).
YEAR_BACK = re.compile(r"^(?:(?:a|one) year (?:earlier|before|ago)|the year before)$", re.IGNORECASE)
SAME_PERIOD = re.compile(r"^(?:on|from|over) the same ", re.IGNORECASE)


#: "in the first year of Dunmere's trial": the year-long period the article names elsewhere ("between June 2026 and
#: May", "in the year to March").
FIRST_YEAR = re.compile(r"\b(?:in\s+)?(?:the|its)\s+first\s+(?:full\s+)?year\b", re.IGNORECASE)


def year_spans(text: str, published: date) -> list[str]:
    """The twelve-month spans of months the article's date phrases name ("2026-06/2027-05"), in the text's order."""
    spans = []
    for _start, _end, words in draft_when.phrases(text):
        found = re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", draft_when.resolve(words, published).when)
        if found and int(found[3]) * 12 + int(found[4]) - int(found[1]) * 12 - int(found[2]) == 11:
            spans.append(found.group())
    return spans


#: A season named by its word ("this summer", "last winter"), which the article may have named in months.
SEASON = re.compile(r"\b(?:spring|summer|autumn|fall|winter)\b", re.IGNORECASE)


def _months(period: str) -> tuple[int, int] | None:
    found = re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", period)
    return (int(found[1]) * 12 + int(found[2]), int(found[3]) * 12 + int(found[4])) if found else None


def named_season(when: When, text: str, published: date) -> When:
    """A season the article names elsewhere in months ("between May and August" in a report of "this summer"):
    that span, when it holds the season and runs at most a month past either end; else the season as read."""
    season = _months(when.when)
    for _start, _end, words in draft_when.phrases(text):
        span = _months(draft_when.resolve(words, published).when)
        if (
            season
            and span
            and span != season
            and span[0] <= season[0] <= span[0] + 1
            and season[1] <= span[1] <= season[1] + 1
        ):
            return When(when.written, draft_when.resolve(words, published).when, when.kind)
    return when


def _year_back(period: str) -> str:
    """A period one year earlier, each ISO 8601 part moved ("2025-11" -> "2024-11"); 29 February keeps to 28."""
    parts = []
    for part in period.split("/"):
        year, rest = int(part[:4]) - 1, part[4:]
        parts.append(f"{year:04d}{'-02-28' if rest == '-02-29' else rest}")
    return "/".join(parts)


def relative(when: When, previous: dict | None, published: date | None) -> When:
    """A phrase that names the period of the figure before it ("a year earlier", "the same period of 2025") read
    from that figure's period; other phrases as they are."""
    if YEAR_BACK.match(when.written):
        base = (previous or {}).get("when") or (published.isoformat() if published else "")
        edge = re.search(r"\b(?:end|start|beginning) of\b", (previous or {}).get("when_written", ""))
        base = base[:7] if len(base) == 10 and not edge else base  # a weekday a year back: its month
        base = base[:4] if when.written.lower() == "the year before" else base  # the calendar year before
        return When(when.written, _year_back(base) if base else "")
    if SAME_PERIOD.match(when.written) and previous and previous.get("when"):
        return When(when.written, previous["when"], previous.get("when_kind", ""))
    return when


#: "25% less than this year": the phrase after "than" is the comparison's base, not the figure's own time.
THAN = re.compile(r"^\s*(?:[a-z]+\s+)?(?:less|more|fewer|lower|higher|below|above)\s+than\s+$", re.IGNORECASE)


def compared(when: When, after: str, previous: dict) -> When:
    """A change against a base period ("18,400 tonnes next year, 25% less than this year") runs from the base to the
    period of the figure it compares (2027/2028); a change against "a year earlier" ("82,000 trips in the year to
    February, 9% more than a year earlier") is of the period of the figure it compares; other phrases as they are."""
    at = after.find(when.written)
    later = previous.get("when", "")
    if at >= 0 and THAN.match(after[:at]) and YEAR_BACK.match(when.written) and later:
        return When("", later, previous.get("when_kind", ""))  # "in the year to February, 9% more than a year earlier"
    if at < 0 or not THAN.match(after[:at]) or not when.when or not later or later[:4] <= when.when[:4]:
        return when
    return When(when.written, f"{when.when.split('/')[0]}/{later.split('/')[-1]}", "")


#: "since the attack", "in the first week after the flood": a time counted from the event the article reports,
#: named by a bare noun (a noun with a verb after it, "since the border reopened", is a clause of its own).
SINCE_EVENT = re.compile(
    r"\b(?:since|(?:in|during)\s+the\s+first\s+(day|week|month)\s+after)\s+the\s+([a-z]+)(?=\s*(?:[,.;]|$|\band\b))",
    re.IGNORECASE,
)
#: "so far" on its own ("losses so far"), in a sentence that counted from an event before it.
SO_FAR = re.compile(r"\bso\s+far\b(?!\s+(?:this|in|since))", re.IGNORECASE)
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def since_event(clause: str, end: int, sentence: str, text: str, lead_day: str, published: date) -> When | None:
    """A period counted from the day of the event the article reports: "since the attack" from that day to
    publication, "in the first week after the flood" over the seven days after it; "losses so far" after "since the
    attack" in its sentence is the same span. The event's day is the lead's (``lead_day``), or so many days before it
    when the article says so ("on Tuesday, five days after a ransomware attack"). The phrase dates the figure that
    ends at ``end`` only after it, with no other figure between ("a poll of 820 found 57% ... since the attack": the
    57%), and not as a comparison ("the highest since the crash")."""
    found = SINCE_EVENT.search(clause, end)
    between = clause[end : found.start()] if found else ""
    found = None if re.search(r"\d", between) or draft_when.SINCE_COMPARED.search(between) else found
    if found is None and SO_FAR.search(clause):
        found = next((match for match in SINCE_EVENT.finditer(sentence) if match.group(1) is None), None)
    if found is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", lead_day):
        return None
    day = date.fromisoformat(lead_day)
    before = re.search(
        rf"\b(\d+|{'|'.join(_NUMBERS)})\s+(day|week)s?\s+after\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?{found.group(2)}\b",
        text,
        re.IGNORECASE,
    )
    if before:
        count = int(before[1]) if before[1].isdigit() else _NUMBERS.index(before[1].lower()) + 1
        day -= timedelta(days=count * (7 if before[2].lower() == "week" else 1))
    if found.group(1) is None:
        return When(found.group(), f"{day.isoformat()}/{published.isoformat()}") if day < published else None
    size = {"day": 1, "week": 7}.get(found.group(1).lower())
    last = day + timedelta(days=size) if size else shifted(day, "month", 1)
    return When(found.group(), f"{(day + timedelta(days=1)).isoformat()}/{last.isoformat()}")


#: A figure per period ("1.8 million litres a day", "12 to 15 patients a day", "$2 million a year"): a rate over
#: the days it runs, not a one-off event, so it does not take the date of the event the article leads with. (A yearly
#: figure with no date phrase once took the latest year-long period the article named before it; the data README
#: has no such step, and the curated ledgers date it by the steps: dropped in the fourteenth round.)
RATE = re.compile(r"^\s+(?:[\w'’-]+\s+){0,3}?(?:a|an|per|each)\s+(?:day|night|week|month|year)\b", re.IGNORECASE)


#: "Since then, the virus has reached 11 of the valley's 16 towns": from the day the sentence before names.
SINCE_THEN = re.compile(r"\bsince\s+then\b", re.IGNORECASE)


def since_then(clause: str, before: str, published: date | None) -> When | None:
    """A figure counted "since then": from the start of the last date phrase of the sentence before (``before``) to
    the publication day; None when the clause says no "since then" or the sentence before names no date."""
    found = SINCE_THEN.search(clause)
    phrases = draft_when.phrases(before) if found and published is not None else []
    start = draft_when.resolve(phrases[-1][2], published).when.split("/")[0] if phrases else ""
    if not start or start >= published.isoformat()[: len(start)]:
        return None
    return When(found.group(), f"{start}/{published.isoformat()}")


#: "during that period", "over the same period": a span the article named before (not "the same period of 2025").
THAT_PERIOD = re.compile(r"\b(?:during|in|over|for|across)\s+(?:that|this|the\s+same)\s+period\b(?!\s+of\b)", re.I)


#: "the same evening", "later that day": the day the article named last.
SAME_DAY = re.compile(r"\b(?:the\s+same|later\s+that|that)\s+(?:day|evening|night|morning|afternoon)\b", re.I)


def that_period(clause: str, before: str, published: date | None) -> When | None:
    """A figure "during that period": the last span of days, months or years the article named before (``before``:
    its text before the figure's sentence); "the same evening": the last day it named. Step 1 reads them as date words
    that govern the figure; None when the clause says no such thing or nothing fitting comes before."""
    found = THAT_PERIOD.search(clause) or SAME_DAY.search(clause)
    if found is None or published is None:
        return None
    for _, _, words in reversed(draft_when.phrases(before)):
        span = draft_when.resolve(words, published).when
        if ("/" in span) == (found.re is THAT_PERIOD) and (found.re is THAT_PERIOD or len(span) == 10):
            return When(found.group(), span)
    return None
