"""When a drafted figure applies: the date phrase of its clause, resolved against the publication date.

A curator writes ``when_written`` as the article words it ("on Wednesday", "last week", "by November 1") and
``when`` as the ISO 8601 day, month, year or interval it means. The drafter does the same from the text alone:
it looks for a date phrase in the figure's clause (the nearest one to the figure), and resolves it from the
publication date. Days ("on Monday", "Aug. 12", "yesterday") go to ``dateparser`` with ``RELATIVE_BASE`` set to
the publication date; dateparser sends a weekday that falls on the publication day itself a week back ("on
Tuesday" in a Tuesday article), so that weekday is the publication day. Weeks, months and years ("last week",
"in October", "last year") are periods, resolved here as the whole period, as curators write them. With no
phrase in the clause, :mod:`kit.ledger.draft_context` dates the figure from its context.

How phrases are read where a reading is a choice: a capitalised opening word ("Last year 10,400 started") is read as
lowercase; a season or a weekend in a clause about what happened is the one under way or just past ("over the
winter" in an April report: December to February before it), in a forecast or after "by" the next one; "this season"
(of a harvest, a league) is its year; "over the next two years" runs from publication to the same day two years on;
a phrase inside a since-clause ("the hottest day since the race was first run in 1998") dates the comparison, not
the figure; a phrase before the figure that ends the words before a comma ("500 queens next month, paid for by a
$40,000 grant") does not reach past the comma unless commas set it off (", in March,"); "between June 2026 and May"
ends the next May; "so far this winter" and "until Friday" (ahead) run from the period's start, or publication, to
publication, or Friday; "last winter" is the latest one over before publication (in January, the one before the
winter under way); two days or months joined ("on Saturday and Sunday", "in January and February", "from Sunday to
Tuesday") are one span, a year after the second one the year of both; "in the past 24 hours" is the day before
publication to publication, and a month's edge may be a deadline ("by the end of March"); spans of years and a
length from publication are read by :mod:`kit.ledger.draft_spans`. dateparser is handed the phrase alone, never the
sentence (it reads a percent or a sum of money as a date).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from kit.ledger import draft_spans
from kit.ledger.draft_calendar import SEASONS, WEEKDAYS, When, last_day, month_number, shifted, week

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
_DAY = rf"(?:{'|'.join(WEEKDAYS)})(?:\s+(?:night|morning|afternoon|evening))?"
_MONTH_NAMES = _MONTHS.replace(r"\.?", "")
_DATE = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"  # a day of the month: "February 40" is no date
_MONTH_DAY = rf"(?:{_MONTHS})\s{_DATE}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?|{_DATE}\s(?:{_MONTHS})(?:\s\d{{4}})?"
_COUNT = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
#: Date phrases, most specific first; each has the preposition a curator keeps in when_written.
_PHRASE = re.compile(
    rf"{draft_spans.PHRASE}"
    rf"|\b(?:(?:in|over)\s+)?the\s+(?:year|{_COUNT}\s+months)\s+to\s+(?:{_MONTH_NAMES})(?:\s\d{{4}})?\b"
    r"|\b(?:by|until|before|at)\s+the\s+end\s+of\s+(?:19|20)\d\d\b|\bin\s+(?:early|mid|late)-?\s*(?:19|20)\d\d\b"
    rf"|\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:(?:the|this)\s+(?:year|month)|{_MONTH_NAMES})\b"
    rf"|\bbetween\s+(?:{_MONTH_NAMES})(?:\s\d{{4}})?\s+and\s+(?:{_MONTH_NAMES})(?:\s\d{{4}})?\b"
    r"|\bso\s+far\s+this\s+(?:year|month|week|spring|summer|autumn|fall|winter)\b"
    rf"|\b(?:(?:at|by|until|before)\s+the\s+(?:end|start|beginning)\s+of|in\s+(?:early|mid|late)-?)\s*"
    rf"(?:{_MONTH_NAMES})(?:\s\d{{4}})?\b"
    rf"|\b(?:a|{_COUNT})\s+(?:days?|weeks?|months?|years?)\s+ago\b"
    r"|\bthe\s+previous\s+(?:day|week|month|year)\b|\bthis\s+(?:morning|afternoon|evening)\b"
    r"|\b(?:in|over)\s+the\s+(?:coming|next\s+few)\s+(?:days|weeks|months|years)\b"
    rf"|\b(?:in|over|during)\s+the\s+(?:next|past|last)\s+(?:{_COUNT}|24|48|72)\s+(?:hours|days|weeks|months|years)\b"
    r"|\ball\s+(?:spring|summer|autumn|fall|winter)\b"
    r"|\b(?:until|by|before)\s+the\s+end\s+of\s+(?:the|this|next)\s+(?:week|month|year)\b|"
    rf"\b(?:(?:on|by|since|until|from|before|after|as of)\s+)?(?:{_MONTH_DAY})\b"
    rf"|\b(?:(?:on|by|since|until|from|before|after|as of|last|this|next)\s+)?{_DAY}\b"
    r"|\b(?:(?:since|until|by|before|after|as of)\s+)?(?:yesterday|today|tonight)\b"
    r"|\b(?:earlier|later)\s+this\s+(?:week|month|year)\b"
    r"|\b(?:(?:over|in|during|for)\s+|by\s+(?=the\s+weekend))?(?:(?:the\s+)?(?:last|this|next|past)|the)\s+(?:week|month|year|weekend)"
    r"(?:\s+before)?\b"
    r"|\b(?:overnight|last night)\b|\b(?:a|one)\s+week\s+(?:earlier|before)\b"
    r"|\b(?:(?:in|during|over)\s+)?(?:this|last|next|the)\s+(?:spring|summer|autumn|fall|winter)\b"
    r"(?!\s+of\s+(?!(?:19|20)\d\d))"  # "the fall of roughly 2,300 pupils" is no season
    r"|\b(?:(?:in|during|over)\s+)?(?:this|last|next)\s+season\b(?!['’])"  # not "this season's vaccine"
    rf"|\b(?:(?:in|by|since|until|from|before|after|as of)\s+)(?:{_MONTH_NAMES})(?:\s\d{{4}})?\b"
    r"|\b(?:in\s+)?the\s+(?:first|last|final)\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months"
    r"\s+of\s+(?:the|this|last)\s+year\b"
    r"|\b(?:in\s+)?the\s+(?:first|second|third|fourth|final|last)\s+(?:quarter|half)"
    r"(?:\s+of\s+(?:(?:the|this|last)\s+year|(?:19|20)\d\d))?\b"
    r"|\b(?:on|from|over)\s+the\s+same\s+(?:period|time|quarter|month)\s+(?:of\s+(?:19|20)\d\d|a\s+year\s+(?:earlier|ago|before)"
    r"|last\s+year)\b"
    r"|\b(?:a|one)\s+year\s+(?:earlier|before|ago)\b"
    r"|\b(?:in|by|since|until|from|before|after|as of)\s(?:19|20)\d\d\b",
)
_COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_PARTS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
#: "the lowest since 2012", "the first time since May": a comparison with a past period, not the figure's period.
SINCE_COMPARED = re.compile(
    r"\b(?:lowest|highest|most|least|fewest|biggest|largest|smallest|steepest|sharpest|worst|best|first time"
    r"|level|levels)\s*$",
    re.IGNORECASE,
)

#: "the hottest day since the race was first run in 1998": a phrase inside a since-clause dates the comparison.
SINCE_CLAUSE = re.compile(r"\bsince\s+(?:the|it|they|he|she|we|records|its)\b[^,;]*$", re.IGNORECASE)


#: Words that put a clause in the future: "by Friday" then is ahead of publication; a hope ("hoped to raise"), an
#: arrangement ("two are to go") and a target set ("a target of cutting it by December") too, "the plan" not.
FUTURE = re.compile(
    r"\b(?:will|would|could|is due|are due|(?<!the )(?<!its )(?<!['’]s )expected|expects?|plans?(?=\s+to\b)"
    r"|planned to|aims?|should|set to|going to|as early as|intends?|hope[sd]? to|(?:is|are) to [a-z]+|likely to"
    r"|(?:set|sets|setting) a target|targets? (?:of|to))\b",
    re.I,
)


#: How far (in characters) a date phrase may stand from the figure and still govern it.
NEAR = 80


def _period(words: str, published: date, future: bool = False) -> str | None:
    """Weeks, months and years as whole periods; None when the phrase names a day."""
    lower = re.sub(r"^(?:over|in|during|for)\s+", "", words.lower())
    lower = re.sub(r"^the\s+(?=last|this|next|past)", "", lower)
    ending = re.fullmatch(rf"the (year|\w+ months) to ({_MONTH_NAMES})(?: (\d{{4}}))?", lower, re.I)
    if ending:  # "the year to March", "the three months to February": the months that end with the one named
        last = _period(f"in {ending.group(2)}" + (f" {ending.group(3)}" if ending.group(3) else ""), published)
        size = ending.group(1).split()[0]
        count = 12 if size == "year" else int(size) if size.isdigit() else ("one", *_COUNT_WORDS).index(size) + 1
        start = int(last[:4]) * 12 + int(last[5:7]) - count
        return f"{start // 12:04d}-{start % 12 + 1:02d}/{last}"
    year_edge = re.fullmatch(r"(?:(?:by|until|before|at) the end of|(?:in )?(early|mid|late)-?\s*) ?(\d{4})", lower)
    if year_edge:  # "by the end of 2027", "in late 2026": the year
        return year_edge.group(2)
    if re.fullmatch(rf"since the (?:start|beginning) of (?:{_MONTH_NAMES})", lower, re.I):  # its first day on
        return (
            f"{_period(re.sub(r'since the (?:start|beginning) of', 'in', words, flags=re.I), published)}-01/{published}"
        )
    if re.fullmatch(r"since the (?:start|beginning) of (?:the|this) (?:year|month)", lower):
        first = published.replace(month=1, day=1) if lower.endswith("year") else published.replace(day=1)
        return f"{first.isoformat()}/{published.isoformat()}"
    opened = re.fullmatch(rf"between ({_MONTH_NAMES}) (\d{{4}}) and ({_MONTH_NAMES})(?: (\d{{4}}))?", lower, re.I)
    if opened:  # "between June 2026 and May": the months from the first to the next May after it
        first_month, last_month = month_number(opened.group(1)), month_number(opened.group(3))
        end_year = int(opened.group(4) or int(opened.group(2)) + (last_month < first_month))
        return f"{opened.group(2)}-{first_month:02d}/{end_year:04d}-{last_month:02d}"
    so_far = re.fullmatch(r"so far this (\w+)", lower)
    if so_far:  # "so far this winter": from the start of the period under way to publication
        whole = _period(f"this {so_far.group(1)}", published)
        start = whole.split("/")[0] if whole else ""
        return f"{(start + '-01-01')[:10]}/{published.isoformat()}" if whole else None
    between = re.fullmatch(rf"between ({_MONTH_NAMES}) and ({_MONTH_NAMES})(?: (\d{{4}}))?", lower, re.I)
    if between:  # "between May and July": the months from the first to the last, both read as "in"
        year = f" {between.group(3)}" if between.group(3) else ""
        last = _period(f"in {between.group(2)}{year}", published, future)
        first = _period(f"in {between.group(1)}{year}", published, future)
        first = first if first <= last else f"{int(last[:4]) - (not year):04d}{first[4:]}"
        return f"{first}/{last}"
    edge = re.fullmatch(rf"(?:at|by|until|before) the (end|start|beginning) of ((?:{_MONTH_NAMES}).*)", lower, re.I)
    if edge:
        month = _period(f"in {edge.group(2)}", published, future)
        if month and len(month) == 7:
            day = last_day(month) if edge.group(1) == "end" else date(int(month[:4]), int(month[5:]), 1)
            return day.isoformat()
    within = re.fullmatch(
        rf"(?:at the (?:end|start|beginning) of|(?:in )?(?:early|mid|late)-?)\s*((?:{_MONTH_NAMES}).*)", lower, re.I
    )
    if within:
        return _period(f"in {within.group(1)}", published, future)
    ago = re.fullmatch(r"(\w+) (day|week|month|year)s? ago", lower)
    if ago:
        words = ("a", "one", *_COUNT_WORDS)
        count = int(ago.group(1)) if ago.group(1).isdigit() else max(1, words.index(ago.group(1)))
        if ago.group(2) == "day":
            return (published - timedelta(days=count)).isoformat()
        if ago.group(2) == "week":
            return week(published - timedelta(days=7 * count))
        if ago.group(2) == "year":
            return f"{published.year - count:04d}"
        month = published.year * 12 + published.month - 1 - count
        return f"{month // 12:04d}-{month % 12 + 1:02d}"
    previous = re.fullmatch(r"the previous (day|week|month|year)", lower)
    if previous:  # "the previous week" is last week; "the previous day", yesterday
        named = {"day": "yesterday", "week": "last week", "month": "last month", "year": "last year"}[previous[1]]
        return _period(named, published) or (published - timedelta(days=1)).isoformat()
    if re.fullmatch(r"this (?:morning|afternoon|evening)", lower):
        return published.isoformat()
    span = re.fullmatch(r"(?:the )?(next|past|last) (\w+) (hour|day|week|month|year)s", lower)
    if span:  # "over the next two years": from publication to the same day N years on (or back)
        count = int(span.group(2)) if span.group(2).isdigit() else _COUNT_WORDS.index(span.group(2)) + 2
        unit, count = ("day", -(-count // 24)) if span.group(3) == "hour" else (span.group(3), count)  # 24 hours
        other = shifted(published, unit, count if span.group(1) == "next" else -count)
        first, last = sorted((published, other))
        return f"{first.isoformat()}/{last.isoformat()}"
    if re.fullmatch(r"the (?:coming|next few) \w+", lower):
        return ""  # a time ahead no day or month names: the curator leaves when empty
    season = re.fullmatch(r"all (spring|summer|autumn|fall|winter)", lower)
    if season:  # the season under way or just past: "all winter" in March is the winter that ended
        first, last = SEASONS[season.group(1)]
        year = published.year if first <= published.month else published.year - 1
        return f"{year:04d}-{first:02d}/{year + (last < first):04d}-{last:02d}"
    end = re.fullmatch(r"(until|by|before) the end of (?:the|this|next) (week|month|year)", lower)
    if end:
        whole = _period({"week": "this week", "month": "this month", "year": "this year"}[end.group(2)], published)
        if "next" in lower:
            whole = _period(f"next {end.group(2)}", published)
        if end.group(1) != "until":
            return whole
        last = last_day(whole.split("/")[-1])
        return f"{published.isoformat()}/{last.isoformat()}"
    months = re.fullmatch(r"(?:the )?(?:first|last|final) (\w+) months of (the|this|last) year", lower)
    part = re.fullmatch(
        r"the (first|second|third|fourth|final|last) (quarter|half)"
        r"(?: of (?:(the|this|last) year|((?:19|20)\d\d)))?",
        lower,
    )
    if months or part:
        year = published.year - ((months or part).group(months.lastindex if months else 3) == "last")
        year = int(part.group(4)) if part and part.group(4) else year
        if months:
            count = _COUNT_WORDS.index(months.group(1)) + 2
            first = 1 if " first " in lower else 13 - count
            last = first + count - 1
        else:
            size = 3 if part.group(2) == "quarter" else 6
            first = (_PARTS[part.group(1)] - 1) * size + 1 if part.group(1) not in ("final", "last") else 13 - size
            last = first + size - 1
        return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"
    if re.fullmatch(r"(?:the|a|one) week (?:before|earlier)", lower):
        return week(published - timedelta(days=14))
    if lower in ("overnight", "last night"):
        return f"{(published - timedelta(days=1)).isoformat()}/{published.isoformat()}"
    weekend = re.fullmatch(r"(by )?(the|last|this) weekend", lower)
    if weekend:  # the one ahead after "by" or in a plan ("expect ... by the weekend"), else the one just past
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)  # today on a Saturday
        saturday += timedelta(days=7 * ((future or bool(weekend[1])) and weekend[2] != "last" and saturday < published))
        return f"{saturday.isoformat()}/{(saturday + timedelta(days=1)).isoformat()}"
    if lower == "the week":
        return week(published)
    if lower == "past year":
        return f"{published.replace(year=published.year - 1).isoformat()}/{published.isoformat()}"
    if lower == "past week":
        return f"{(published - timedelta(days=7)).isoformat()}/{published.isoformat()}"
    if re.search(r"\blast week\b", lower):
        return week(published - timedelta(days=7))
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
        if season.group(1) == "last":  # the latest one over before publication
            year = published.year
            while (year + (last < first), last) >= (published.year, published.month):
                year -= 1
        if season.group(1) == "the" and future and first < published.month:
            year += 1  # "in the spring" in a forecast is the next one
        if season.group(1) in ("the", "this") and not future and first > published.month:
            year -= 1  # "over the winter" in an April report of what happened: the winter just past
        end_year = year + 1 if last < first else year
        return f"{year:04d}-{first:02d}/{end_year:04d}-{last:02d}"
    named = re.fullmatch(r"(this|last|next) season", lower)
    if named:  # a season of the subject (a harvest, a league, a flu season) is read as its year
        return f"{published.year + {'last': -1, 'next': 1}.get(named.group(1), 0):04d}"
    if re.search(r"\bnext year\b", lower):
        return f"{published.year + 1:04d}"
    if re.search(r"\bnext month\b", lower):
        ahead = published.replace(day=28) + timedelta(days=4)
        return f"{ahead.year:04d}-{ahead.month:02d}"
    if re.search(r"\bnext week\b", lower):
        return week(published + timedelta(days=7))
    if re.search(r"\bthis year\b", lower) or lower == "the year":
        return f"{published.year:04d}"
    year = re.fullmatch(r"(?:(?:in|by|since|until|from|before|after|as of)\s)?((?:19|20)\d\d)", lower)
    if year:
        return year.group(1)
    future = future and not lower.startswith(("since", "after"))  # "from April" in a plan is the April ahead
    month = re.fullmatch(rf"(?:in|by|since|until|from|before|after|as of)\s({_MONTHS})(?:\s(\d{{4}}))?", words, re.I)
    if month:
        number = month_number(month.group(1))
        named_year = int(month.group(2)) if month.group(2) else None
        if future:
            guess = published.year if number >= published.month else published.year + 1
        else:
            guess = published.year if number <= published.month else published.year - 1
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


def _joined(words: str, published: date, future: bool) -> str | None:
    """Two days or months joined into one span ("on Saturday and Sunday", "in January and February", "from Sunday
    to Tuesday", "in March and April 2026": the year of both), or None."""
    joined = _JOINED.fullmatch(words)
    if joined is None:
        return None
    year = re.search(r"\s(\d{4})$", joined[2])
    head = f"{joined[1]} {year[1]}" if year and not re.search(r"\d{4}$", joined[1]) else joined[1]
    tail = f"{'on' if re.match(_DAY, joined[2]) else 'in'} {joined[2]}"  # a bare month is the whole month
    first, last = resolve(head, published, future).when, resolve(tail, published, future).when
    span = f"{first.split('/')[0]}/{last.split('/')[-1]}" if first and last else ""
    return span if span and span.split("/")[0] < span.split("/")[1] else None


def resolve(words: str, published: date | None, future: bool = False) -> When:
    """The period one date phrase means; an undated article keeps the words and leaves the period empty."""
    if published is None:
        return When(words, "")
    lower = words.lower()
    spans = draft_spans.period(words, published, future)  # "between 2010 and 2020", "for 2027", "within three years"
    period = spans or _joined(words, published, future) or _period(words, published, future)
    if period is None:
        day = _day(words, published, future)
        period = day.isoformat() if day else ""
        if day and lower.startswith("since"):
            period = f"{day.isoformat()}/{published.isoformat()}" if day < published else period
        if day and lower.startswith("until") and day > published:  # "closed until Friday": from now to Friday
            return When(words, f"{published.isoformat()}/{day.isoformat()}", "forecast")
    elif lower.startswith("since") and "/" not in period and period < published.isoformat()[: len(period)]:
        period = f"{period}/{published.isoformat()}"  # "since April": from April to publication
    ahead = bool(period) and period[:10] > published.isoformat()[: len(period[:10])]
    kind = ("deadline" if lower.startswith(("by", "until", "within")) else "forecast") if ahead else ""
    return When(words, period, kind)


#: Words that open a date phrase and are capitalised when they open a sentence ("Last year 10,400 started"): read
#: in lower case (same length, so the phrase's place in the text holds); month and day names keep their capital.
_OPENING = re.compile(
    r"\b(?:Last|This|Next|Past|In|On|Over|During|For|By|Since|Until|From|Before|After|Between|At|All|The|Earlier"
    r"|Later|Yesterday|Today|Tonight|Overnight|A|One|As|So)\b"
)


#: Two days or months joined into one span ("on Saturday and Sunday", "from Sunday to Tuesday").
_ENDS_NAMED = rf"(?:{_DAY}|{_MONTH_NAMES}|(?:{_MONTHS})\s{_DATE})"
_NAMED = rf"(?:{_DAY}|(?:{_MONTHS})\s{_DATE}|{_MONTH_NAMES})(?:\s\d{{4}})?"
_AND_NAMED = re.compile(rf"\s+(?:and|to|through|until)\s+{_NAMED}\b")
_JOINED = re.compile(rf"(.*?\b{_ENDS_NAMED})\s+(?:and|to|through|until)\s+({_NAMED})")


def phrases(text: str) -> list[tuple[int, int, str]]:
    """Every date phrase of a text: (start, end, words), a sentence's capitalised opening word read as lowercase;
    two days or months joined by "and" or "to" are one phrase."""
    lowered = _OPENING.sub(lambda match: match.group().lower(), text)
    found, joined_to = [], -1
    for match in _PHRASE.finditer(lowered):
        start, end = match.start(), match.end()
        if start < joined_to:
            continue  # the second day or month of a joined phrase
        more = _AND_NAMED.match(text, end) if re.search(rf"{_ENDS_NAMED}$", text[start:end]) else None
        end = joined_to = more.end() if more else end
        found.append((start, end, text[start:end]))
    return found


def governing(clause: str, figure_at: int, published: date | None, future: bool = False) -> When | None:
    """The date phrase of a clause nearest the figure (after it first: "640 ... on Sunday"), resolved."""
    found = [
        item
        for item in phrases(clause)
        if not (item[2].lower().startswith("since") and SINCE_COMPARED.search(clause[: item[0]]))
        and not (not item[2].lower().startswith("since") and SINCE_CLAUSE.search(clause[: item[0]]))
        and not (
            item[1] < figure_at
            and clause[: item[0]].strip()
            and not clause[: item[0]].rstrip().endswith(",")  # ", in March," set off by commas still governs
            and ", " in clause[item[1] : figure_at]
        )
    ]  # "hand out 500 queens next month, paid for by a $40,000 grant": the phrase ends the words before the comma
    if not found:
        return None
    ending = [item for item in found if item[0] > figure_at and not clause[item[1] :].strip(" .,;")]
    found = [item for item in found if abs(item[0] - figure_at) <= NEAR] or ending  # "... since Oct. 1." ends it
    if not found:
        return None
    nearest = min(found, key=lambda item: (abs(item[0] - figure_at), item[0] < figure_at))
    if SAID_AT_END.search(clause[: nearest[0]].rstrip()):
        future = False  # "said on June 2 that ... could": the day of saying, which is past
    return resolve(nearest[2], published, future)


#: A reporting verb right before a date phrase: the phrase is the day of saying.
SAID_AT_END = re.compile(r"\b(?:said|says|told|reported|announced|estimated|put|counted)\s*$", re.IGNORECASE)
