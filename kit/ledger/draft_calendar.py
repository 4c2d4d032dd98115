"""Calendar arithmetic for the drafter's dates: the When a phrase resolves to, weekdays, seasons as months, a
month's number, a day's week, a day shifted by days, weeks, months or years, and a period's last day. Kept apart
from :mod:`kit.ledger.draft_when`, which reads the phrases.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: A month or a weekday opening a phrase ("September last year"); "May" only before a time word or a day, as a name.
DATE_FIRST = re.compile(
    rf"(?:{'|'.join(WEEKDAYS)}|{'|'.join(calendar.month_name[1:5] + calendar.month_name[6:])}"
    r"|May(?=\s+(?:last|this|next|\d)|$))\b"
)
#: Seasons as months (northern hemisphere): a curator writes "this autumn" as 2025-09/2025-11.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


@dataclass(frozen=True)
class When:
    """A date phrase as written and the ISO 8601 period it resolves to ('' when it cannot be resolved)."""

    written: str
    when: str
    kind: str = ""  # "deadline" for "by ..." after publication, else empty (as_of)


def month_number(name: str) -> int:
    """The number of a month from its name or abbreviation ("Sept." is 9)."""
    key = name.rstrip(".")[:3].lower()
    return [calendar.month_abbr[number].lower() for number in range(1, 13)].index(key) + 1


def week(day: date) -> str:
    """The Monday-to-Sunday week a day falls in, as an ISO 8601 interval."""
    monday = day - timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def shifted(day: date, unit: str, count: int) -> date:
    """The day ``count`` days, weeks, months or years from ``day`` (the month's last day when it has fewer)."""
    if unit in ("day", "week"):
        return day + timedelta(days=count * (7 if unit == "week" else 1))
    months = day.year * 12 + day.month - 1 + count * (12 if unit == "year" else 1)
    year, month = months // 12, months % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_day(period: str) -> date:
    """The last day of an ISO 8601 year, month or day."""
    if len(period) == 4:
        return date(int(period), 12, 31)
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:7])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date.fromisoformat(period[:10])
