"""Dates in a ledger: when a figure applies (an ISO 8601 day, month, year or interval) and when the article
was published (an ISO 8601 date or date-time).

Each reader raises ``ValueError`` with a message that names the text and says what to write instead, so the
validator, ``kit new`` and ``kit migrate`` explain a bad date in the same words.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

_PERIOD = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
_PUBLISHED = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,6})?)?(?P<zone>Z|[+-]\d{2}:\d{2})?)?"
)
#: The years a date may fall in: every chart, pandas' datetime64[ns] (1677 to 2262) and every time zone's
#: conversion to UTC hold these, so a year 1 or 9999 is caught here instead of crashing a page or a batch.
FIRST_YEAR, LAST_YEAR = 1800, 2199
PERIOD_FORMS = "2025, 2025-08, 2025-08-14, or an interval like 2025-08-11/2025-08-14"
PUBLISHED_FORMS = "an ISO 8601 date (2025-08-14) or date-time (2025-08-14T06:05:00-07:00)"


def _real_day(text: str, year: int, month: int, day: int) -> date:
    """The day, or a ValueError that says which part does not exist."""
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a real date: there is no month {month:02d}")
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if year < 1 or not 1 <= day <= last:
        where = f"year {year:04d}" if year < 1 else f"{calendar.month_name[month]} {year} has {last} days"
        raise ValueError(f"{text!r} is not a real date: {where}")
    return date(year, month, day)


def _in_range(text: str, year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"{text!r} is outside the years the kit can draw ({FIRST_YEAR} to {LAST_YEAR}); check the year"
        )


def _span(text: str, whole: str) -> tuple[date, date]:
    """The first and last day of one ISO 8601 year, month or day."""
    match = _PERIOD.fullmatch(text)
    if match is None:
        raise ValueError(f"{whole!r} is not an ISO 8601 date or period; write {PERIOD_FORMS}")
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    if 1 <= year and (month is None or 1 <= month <= 12):
        _in_range(whole, year)
    if match["day"]:
        day = _real_day(whole, year, month, int(match["day"]))
        return day, day
    if month is not None:
        first = _real_day(whole, year, month, 1)
        return first, first.replace(day=calendar.monthrange(year, month)[1])
    _real_day(whole, year, 1, 1)
    return date(year, 1, 1), date(year, 12, 31)


def period(text: str) -> tuple[date, date]:
    """The first and last day a ``when`` cell covers: '2025-08' -> (2025-08-01, 2025-08-31).

    An interval START/END covers from the first day of START to the last day of END, and may not end before
    it begins.
    """
    parts = text.split("/")
    if len(parts) > 2 or not all(parts):
        raise ValueError(f"{text!r} is not an ISO 8601 date or period; write {PERIOD_FORMS}")
    spans = [_span(part, text) for part in parts]
    start, end = spans[0][0], spans[-1][1]
    if end < start:
        raise ValueError(f"{text!r} ends before it begins; write the interval as START/END")
    return start, end


def canonical(text: str) -> str:
    """The one way of writing the days a ``when`` cell covers, so that two cells naming the same days are one date:
    '2027-01-01/2027-12-31' is '2027', '2027/2029-05-05' is '2027-01-01/2029-05-05', '2027-01-01/2027-03-31' is
    '2027-01/2027-03'. Both ends take the coarsest precision that keeps the span exact (years when it runs from
    1 January to 31 December, months when from a first to a last day, else days); a span of one year, month or day
    is written as that one."""
    first, last = period(text)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        width = 4
    elif first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        width = 7
    else:
        width = 10
    start, end = first.isoformat()[:width], last.isoformat()[:width]
    return start if start == end else f"{start}/{end}"


def published(text: str) -> datetime:
    """The publication date-time an ISO 8601 text states; a date alone is midnight of that day, without a zone."""
    match = _PUBLISHED.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not {PUBLISHED_FORMS}")
    year, month, day = (int(part) for part in match["date"].split("-"))
    _real_day(text, year, month, day)
    _in_range(text, year)
    hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
    second = int(match["second"] or 0)
    zone = match["zone"] if match["zone"] not in (None, "Z") else "+00:00"
    if hour > 23 or minute > 59 or second > 59 or int(zone[1:3]) > 23 or int(zone[-2:]) > 59:
        raise ValueError(f"{text!r} is not a real time of day")
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def published_day(text: str) -> date:
    """The calendar day of publication, in the article's own time zone."""
    return published(text).date()
