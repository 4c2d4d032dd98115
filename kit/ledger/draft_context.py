"""When a drafted figure applies, read as a curator reads it: its own date phrase first, then its context.

The order, each step only when the ones before say nothing:

1. the date phrase of the figure's clause (:func:`kit.ledger.draft_when.governing`), unless the figure holds at no
   time (:func:`timeless`: a limit, target, cap, distance, typical value or length); a span up to now ("since 2025",
   "so far this year") ends on the day its speaker spoke, named in its sentence or, for a pronoun's "she said",
   earlier in the paragraph (README step 1: what a speaker says holds when said);
2. the date phrase of the clause "when" refers to ("since Monday, when it covered 28,000 acres"); a dateline's date
   (:mod:`kit.ledger.draft_dateline`) is no phrase, and the day of saying is the figure's ("8,650 finished,
   organisers said on Monday": Monday, as the data README's step 1 reads it);
3. a part ("58 of them") at the time of its whole;
4. the day its speaker spoke, named in its sentence ("143 people, the authority said on Wednesday";
   :mod:`kit.ledger.draft_said`); else a figure in the present tense ("Tickets are $16") is at the publication day;
5. a figure with no phrase of its own takes the date of its sentence (the first figure of the sentence dated by a
   phrase: "$4.6 million last year, and a further $1.2 million"), then of the sentence before it in the same
   paragraph ("... visitors in 2026. He said about a quarter of visitors came from outside the region"; a past
   state too: "... engines were at the scene"). A level reached ("rose 9% in the year to September, to $1,840")
   stands at the end of its sentence's period;
6. a one-off event in the simple past or a past passive ("12 were taken to hospital", "The race raised £1.9
   million") with no date in its sentence or the one before takes the date of the article's lead (:func:`lead`: the
   article's first body figure, when a phrase dates it in the past): a report is about the event its lead dates. A
   rate ("1.8 million litres a day") is no one-off event, nor a state in -ed ("belonged", "received") or a perfect
   ("had applied"), nor an undated survey's finding ("A survey of 1,600 renters ... found that ...") or a count its
   owner holds ("Its four monitoring stations recorded ..."): those are read as of the publication day;
7. a forecast or plan that names no time stays undated; anything else is read as of the publication day. (Leaving
   a past-tense figure with no date empty instead was measured: on the 25 tuning articles it lost 43 rows, since
   curators date such figures to the publication day.)

What holds at no time (:func:`timeless`): a limit, target or cap ("a limit of 25", "a cap limiting rises to 5%"),
what a plan calls for ("the 4,500 a year its housing plan calls for"), a length ("two years of", "for two years"),
a distance, and a typical value before or after the figure ("a normal winter costs", "about 120 on a normal winter
weekend").

The whole a part is taken from ("only 4,200 of an estimated 90,000 homes applied") is a standing count, as of the
publication day. "In the first year of the trial" with no date of its own is the first twelve-month span the
article names elsewhere ("between June 2026 and May").

"A year earlier" is the period of the figure before, a year back; a weekday a year back is its month (a curator
does not claim the day), a month's edge ("at the end of February") stays a day (:mod:`kit.ledger.draft_periods`).
A headline figure with no phrase of its own takes the date of the article's lead (:func:`headline`).

A headline figure that restates a body figure (the same number in the same unit, or the same share: "Cut by a
Quarter" and "25% fewer") takes that figure's date when a phrase or its context gave one. A change against a base
period ("300 buses next year, 25% fewer than this year") runs from the base, the phrase after "than", to the period
of the figure it compares ("2027/2028"). The whole of a part whose date phrase follows the verb ("60 of the
association's 145 boats could be tied up next year") stands at the publication day; a phrase inside the whole's
relative clause ("the 317 kills that farmers reported this summer") still dates it. A share set off after a count
("more than 112,000 customers on Sunday night, roughly a third of the 340,000") is of that count's time. "It takes
up to eight months" is the present tense.

A figure asked for ("asked fishermen for at least 300 crates", "said on Monday she would ask the state for a grant of
up to £20 million", "had been asked to save 4%") names no time unless a phrase after the request dates
it: a request, like an undated forecast, is left empty. The whole of a part stands at the publication day only in a
forecast; the whole of a past part ("4 of its 30 ploughs broke down during the frost in February") is of the
part's time. A whole after a number in words ("two of the town's 9 bridges") is read as one after digits. The
day a speaker spoke ("chief executive Mira Sand told reporters on Monday") dates, with no phrase of their own, the
figures of the next sentences that go on with their words ("He said the harbour normally holds about 200
boats"; "Of its 60 moorings, 45 were damaged, he said"), present tense or not: what a speaker says holds when said.

A poll's or survey's figures hold when it was taken: a "would" in its finding ("40% said they would ...") is what
those asked said, not a forecast, so a date phrase there is read as past and its undated figures take the survey's
date, else the publication day. A headline figure that restates a plan or forecast ("Town to Add 40 Buses" for the
body's "by 2029") has no date: an undated pledge is left empty. A time counted from the event the article leads with
("since the attack", "in the first week after the flood", "losses so far" after "since the attack") runs from that
event's day (:func:`kit.ledger.draft_periods.since_event`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kit.ledger import draft_dateline, draft_periods, draft_said, draft_steps, draft_timeless, draft_when, draft_who
from kit.ledger.draft_found import published as document_day
from kit.ledger.draft_periods import FIRST_YEAR, RATE, compared, named_season, relative, since_event, year_spans
from kit.ledger.draft_timeless import timeless
from kit.ledger.draft_when import When

#: A clause in the present tense: a figure that holds now, at the publication day.
PRESENT = re.compile(
    r"\b(?:is|are|remains?|stands?|employs|costs|owns|runs|serves|holds|has|have|takes)\b"
    r"(?!\s+(?:been|had|risen|fallen))",
    re.IGNORECASE,
)
#: A clause that tells an event in the simple past ("booked 1,150 visits", "were treated", "came from"): it happened
#: when its context says. A state ("were off sick") or a perfect ("had applied", "has risen") holds at publication.
EVENT = re.compile(
    r"\b(?:came|went|took|made|rose|fell|grew|paid|spent|brought|sold|bought|left|won|lost|gave|began|ran|met|held"
    r"|kept|drew|hit|voted|sent|struck|sank|fled|swept|broke|stole|fought|caught|drove|threw|built"
    r"|[a-z]{2,}(?<!need)(?<!hundr)(?<!spe)(?<!inde)ed)\b",
    re.IGNORECASE,
)
#: A passive in the past ("12 were taken to hospital", "bank details ... were also taken"): an event too.
PASSIVE = re.compile(
    r"\b(?:was|were)\s+(?:(?:also|then|later|first|all)\s+)?(?:[a-z]+ed|taken|given|seen|shown|driven|stolen"
    r"|written|beaten|chosen|broken|spoken|frozen|hidden|fallen|thrown|known|drawn|flown|torn|eaten|found|sent"
    r"|spent|sold|paid|held|kept|left|lost|built|hit|cut|put|shut|struck|brought|bought|caught|told|made|led|run)\b",
    re.IGNORECASE,
)
#: An undated study's finding ("A study of 1,600 renters by the union found that ...") and a count a possessive
#: owns ("Its four monitoring stations recorded ..."): they hold as of publication, not at the lead's event. (A
#: survey's or poll's finding is SURVEYED's.)
FINDING = re.compile(
    r"^\s*(?:A|An|The|Its|Their)\s+(?:[\w'’-]+\s+){0,2}?(?:study|report|analysis|census|audit|review)\b"
    r"(?=.*\b(?:found|finds|shows|showed|suggests|suggested)\b)"
)
#: A survey's or poll's finding, wherever the sentence names it ("In a poll of 900 drivers taken in May, 40% said they
#: would ..."): a "would" there is what those asked said, not a forecast, and its figures hold when the survey was
#: taken (its date phrase, else the publication day).
SURVEYED = re.compile(r"\b(?:survey|poll)\b[^.;]*?\b(?:found|finds|showed|shows|said|says)\b", re.IGNORECASE)
#: The whole a part is taken from ("only 4,200 of an estimated 90,000 homes"): a standing count, not the part's event.
WHOLE = re.compile(
    r"(?:\d|\b(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+of\s+"  # "three of the city's 17"
    r"(?:(?:an?\s+estimated|the|some|about|its|their)\s+)?(?:[A-Za-z][\w-]*['’]s\s+)?$(?<=\s)(?<!of\s)"
)
OWNED = re.compile(r"(?:^|\s)(?i:its|their|our)\s+$")
#: "rose 9% in the year to September, to $1,840": the level reached stands at the end of the period.
LEVEL_REACHED = re.compile(r"(?:^|,\s*)to\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?$", re.IGNORECASE)
#: A past state ("were off sick", "were at the scene"): it holds when the paragraph's dated sentence before says.
WAS = re.compile(r"\b(?:was|were)\b", re.IGNORECASE)
PERFECT = re.compile(r"\b(?:had|has|have|now)\b", re.IGNORECASE)
#: A date phrase right after a reporting verb ("organisers said on Monday"): the day of saying.
SAID = r"\b(?:said|says|told|reported|announced|confirmed|added)\s+"
#: A clause that compares with an earlier figure ("up from 330 a year earlier"): its date is not its sentence's.
COMPARING = re.compile(r"^(?:up|down)\s+from\b|^compared\s+with\b|^from\b", re.IGNORECASE)

#: A figure asked for ("asked fishermen for 300 crates", "would ask the state for a grant of £20 million", "had been
#: asked to save 4%"): a request holds at no time until it is granted; curators leave its when empty.
ASKED = re.compile(
    r"\b(?:ask|asks|asked|asking|request|requests|requested|requesting)\b(?:\s+[\w'’-]+){0,6}?\s+"
    r"(?:for|to\s+(?:find|cut|save|raise|pay|provide|fund))\b(?:[^,.;]|[,.]\d)*$",
    re.IGNORECASE,
)
#: A figure wanted, demanded or advised ("the union wanted 7.5% over two years", "scientists had advised a cut of
#: 30%"): a request, as the data README's rule 7 and step 3 read it ("a plan, hope, request or forecast that names
#: no time").
WANTED = re.compile(
    r"\b(?:wants?|wanted|demands?|demanded|seeks?|sought|advised|recommended|urged)\b(?:[^,.;]|[,.]\d)*$",
    re.IGNORECASE,
)
#: How each step's date is said in the draft note, with the data README's step it follows
#: (:mod:`kit.ledger.draft_steps`); the steps that read a date phrase can date other figures.
NOTES = draft_steps.numbered(
    {
        "reported": "when: the date phrase of the clause 'when' refers to",
        "timeless": "when: a limit, target, distance, typical value or length, which holds at no time",
        "part": "when: a part, at the time of its whole",
        "present": "when: no date phrase, present tense: as of the publication day",
        "sentence": "when: no date phrase of its own; the date of its sentence's first dated figure",
        "before": "when: no date phrase of its own; the date of the sentence before, in the same paragraph",
        "future": "when: a forecast or plan that names no time, left empty",
        "requested": "when: a figure asked for that names no time, left empty",
        "spoke": "when: no date phrase of its own; the day its speaker spoke, named in the sentence before",
        "default": "when: no date phrase in the clause, read as of the publication day",
        "headline": "when: a headline figure with no date phrase; the date of the article's lead",
        "planned": "when: a headline figure that restates a plan or forecast, which has no date of its own, left empty",
        "lead": "when: an event with no date phrase of its own; the date of the event the article's lead reports",
        "said": "when: no date phrase of its own; the day its speaker spoke, named in its sentence",
        "reached": "when: a level reached over its sentence's period, at the period's end",
        "standing": "when: an undated survey's finding, an owned count or the whole of a part, as of publication",
    }
)
DATING = frozenset({"phrase", "reported", "sentence", "before"})


@dataclass(frozen=True)
class Place:
    """Where a figure stands: its clause, the clause's offset in the sentence, the figure's offset in the clause and
    length, the sentence and its start in the text, and the start of the sentence before in the same paragraph."""

    quote: str
    clause_at: int
    at: int
    length: int
    sentence: str
    sentence_at: int
    before_at: int | None
    body_at: int = 0  # where the article's body starts (after its headline)
    text: str = ""  # the whole article, for a period it names elsewhere


def _dated(rows: list[dict], sentence_at: int | None, future: bool) -> dict | None:
    """The first figure of a sentence whose date may date others (for a plan, a figure of the same plan)."""
    if sentence_at is None:
        return None
    found = (row for row in rows if row.get("_sentence") == sentence_at and row.get("_dates"))
    return next((row for row in found if not future or row.get("_future")), None)


def lead(rows: list[dict], body_at: int) -> dict | None:
    """The figure of the article's lead: the first figure of the body, if a phrase dates it in the past (a report of
    a race, a storm, a breach dates the figures that report the same event without a date of their own)."""
    first = next((row for row in rows if row["_at"] >= body_at), None)
    if first is None or not first.get("_dates") or first["when_kind"] or first.get("_future") or not first["when"]:
        return None
    return first


#: Verbs in -ed that tell a state, not an event ("two-thirds belonged to local boats", "150 jobs depended on it").
STATE = re.compile(
    r"\b(?:belonged|depended|used|owned|contained|included|employed|lived|numbered|totall?ed|remained|consisted"
    r"|housed|received|represented|accounted|required|lacked|counted)\b",
    re.IGNORECASE,
)


#: Reporting verbs in -ed tell the saying, not the event the figure counts ("Shelter Corrin estimated that ...").
REPORTING = re.compile(
    r"\b(?:estimated|reported|announced|warned|added|stated|claimed|noted|explained|confirmed|predicted|calculated)\b",
    re.IGNORECASE,
)


#: A one-off event told in the past perfect passive ("hundreds of tonnes of rock had been dumped"): step 6's event.
HAD_BEEN = re.compile(r"\bhad\s+been\s+[a-z]+(?:ed|en)\b", re.IGNORECASE)


def _event(quote: str, future: bool, passive: bool = False) -> bool:
    """Whether a clause tells a one-off event in the simple past (with ``passive``, a passive past too: "12 were
    taken to hospital"), not a state, a perfect or the reporting verb."""
    told = REPORTING.sub("", quote)
    found = EVENT.search(told) is not None or (passive and PASSIVE.search(told) is not None)
    found = found and not PERFECT.search(told)
    return (found or (passive and HAD_BEEN.search(told) is not None)) and not future


def _spoke(place: Place, rows: list[dict]) -> When | None:
    """The day a speaker spoke ("told reporters on Monday"), for the figures of the sentences that go on with their
    words ("He said the harbour normally holds about 200 boats"): the sentence before's, in the paragraph."""
    found = draft_who.in_sentence(place.sentence)
    if found is None or found.name or place.before_at is None:
        return None
    before = place.text[place.before_at : place.sentence_at]
    said = (row for row in rows if row.get("_sentence") == place.before_at and row.get("when_written"))
    said = (row for row in said if re.search(SAID + r"(?:[\w'’-]+\s+){0,6}?" + re.escape(row["when_written"]), before))
    source = next(
        (row for row in rows if row.get("_sentence") == place.before_at and row.get("_step") == "spoke"), None
    )
    source = next(said, source)
    return None if source is None or not source["when"] else When("", source["when"], source["when_kind"])


def when_of(place: Place, published, kind: str, previous: dict | None, rows: list[dict]) -> tuple[When, str]:
    """The figure's When and the step that gave it (a key of NOTES, or "phrase")."""
    quote, at = place.quote, place.at
    poll = SURVEYED.search(place.sentence) if place.sentence_at >= place.body_at else None  # not the headline
    surveyed = poll is not None and poll.start() <= place.clause_at + at  # the poll's own figures: no forecast
    future = draft_when.FUTURE.search(quote) is not None and not surveyed
    when = draft_when.governing(draft_dateline.blank(quote), at, published, future)  # a dateline dates no figure
    if timeless(quote[:at], quote[at + place.length :]) and not (when and when.kind == "deadline"):
        return When("", ""), "timeless"
    if when is None and draft_timeless.length(quote[:at], quote[at + place.length :]):  # "for up to 22 hours"
        return When("", ""), "timeless"
    step = "phrase"
    asked = ASKED.search(quote[:at]) or WANTED.search(quote[:at])  # "asked fishermen for 300 crates", "wanted 7.5%"
    if asked and (when is None or 0 <= quote.find(when.written) < asked.start()):
        return When("", ""), "requested"
    if when is None:
        when = reported(place.sentence[: place.clause_at], quote, published, future)
        step = "reported"
    first_year = FIRST_YEAR.search(quote)
    if when is None and first_year and published is not None:
        when = next((When(first_year.group(), span) for span in year_spans(place.text, published)), None)
        step = "phrase"
    event, first = _event(quote, future, passive=True), lead(rows, place.body_at)
    if when is None and first and published is not None:  # "since the attack": from the lead's event on
        when = since_event(quote, at + place.length, place.sentence, place.text, first["when"], published)
    if when is None and place.before_at is not None and not WHOLE.search(quote[:at]):  # "Since then, ..."
        when = draft_periods.since_then(quote, place.text[place.before_at : place.sentence_at], published)
    when = when or draft_periods.that_period(quote, place.text[: place.sentence_at], published)  # "that period"
    if when is not None and draft_periods.SEASON.search(when.written) and published is not None:
        when = named_season(when, place.text, published)
    if when is not None and previous and previous.get("_sentence") == place.sentence_at:
        when = compared(when, quote[at + place.length :], previous)
    if when is not None and future and WHOLE.search(quote[:at]) and published is not None:
        after = quote[at + place.length :]
        if 0 <= after.find(when.written) and not RELATIVE_BEFORE.search(after[: after.find(when.written)]):
            return When("", published.isoformat()), "standing"  # "60 of its 145 boats could ... next year": 145 now
    if when is not None and published is not None and when.when.endswith("/" + published.isoformat()):
        day = draft_said.said_on(place.sentence, place.clause_at + at, published) or draft_said.spoke_on(
            place.text, place.sentence_at, place.sentence, published
        )
        if day is not None and len(day.when) in (7, 10) and when.when.split("/")[0] <= day.when < published.isoformat():
            when = When(when.written, f"{when.when.split('/')[0]}/{day.when}", when.kind)
    if when is not None:
        related = relative(when, previous, published)
        return related, ("relative" if related is not when else step)
    said = None if future else draft_said.said_on(place.sentence, place.clause_at + at, published)
    if said is not None:  # "143 people, the authority said on Wednesday": step 1 before the present tense
        return said, "said"
    finding = document_day(place.sentence, place.text[: place.sentence_at], published)  # "The report found"
    spoke = None if future else _spoke(place, rows) or finding
    if spoke is not None:
        return spoke, "spoke"
    opening = quote[:at].rsplit(", ", 1)  # the words between the comma that sets the share off and the share
    restated = len(opening) == 2 and kind == "share" and SHARE_OF.match(opening[1])
    restated = restated and quote[at + place.length :].startswith(" of ")
    if restated and previous and previous.get("_sentence") == place.sentence_at and previous.get("_dates"):
        return When("", previous["when"], previous["when_kind"]), "part"  # "112,000 ..., roughly a third of the ..."
    if kind == "part" and previous and previous.get("when"):
        return When(previous["when_written"], previous["when"], previous["when_kind"]), "part"
    if WHOLE.search(quote[:at]) and not future and published is not None:
        return When("", published.isoformat()), "standing"
    if PRESENT.search(quote) and not future and published is not None:
        return When("", published.isoformat()), "present"
    for step, sentence_at in (("sentence", place.sentence_at), ("before", place.before_at)):
        source = _dated(rows, sentence_at, future)
        went_on = step == "before" and not future and WAS.search(quote)  # "were at the scene", after a dated one
        if source is not None and (_event(quote, future) or ((future or surveyed) and step == "sentence") or went_on):
            if step == "sentence" and LEVEL_REACHED.search(quote[:at]) and "/" in source["when"]:
                return When("", source["when"].split("/")[-1], source["when_kind"]), "reached"
            return When("", source["when"], source["when_kind"]), step
    standing = FINDING.match(place.sentence) or surveyed or OWNED.search(quote[:at])
    rate = RATE.match(quote[at + place.length :])  # "1.8 million litres a day": no one-off event
    if event and first and not STATE.search(quote) and not standing and not rate:
        return When("", first["when"], first["when_kind"]), "lead"
    if standing and not future and published is not None:
        return When("", published.isoformat()), "standing"
    if future and OWNED.search(quote[:at]) and published is not None:  # "plans to ballot its 5,800 members"
        return When("", published.isoformat()), "standing"
    if future:
        return When("", ""), "future"
    if published is None:
        return When("", ""), "default"
    return When("", published.isoformat()), "default"


#: A clause that opens with a share of a whole ("roughly a third of the 340,000"), set off after a figure.
SHARE_OF = re.compile(r"^(?:(?:about|around|roughly|nearly|almost|some|more than|less than|over|under)\s+)?$", re.I)
#: A relative clause between a whole and a date phrase ("the 317 kills that farmers reported this summer"): the
#: phrase dates the whole.
RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who|whom)\b", re.IGNORECASE)


def dates_others(step: str, quote: str) -> bool:
    """Whether a figure's date may date the figures around it: read from a phrase, and not a comparison's."""
    return step in DATING and not COMPARING.search(quote)


def future(quote: str) -> bool:
    """Whether a clause speaks of a plan or forecast ("would", "will", "expects"...)."""
    return draft_when.FUTURE.search(quote) is not None


def _share(row: dict) -> float | None:
    """A share as a fraction of one ("25" percent and "a quarter" are both 0.25); None for any other figure."""
    if not row.get("value") or row.get("unit") not in ("percent", "fraction"):
        return None
    return float(row["value"]) / (100 if row["unit"] == "percent" else 1)


def _same_figure(row: dict, other: dict) -> bool:
    """Whether a headline figure restates a body figure: the same number in the same unit, or the same share."""
    if _share(row) is not None:
        return _share(other) is not None and abs(_share(row) - _share(other)) < 1e-9
    return bool(row["value"]) and (row["value"], row["unit"]) == (other["value"], other["unit"])


def headline(rows: list[dict], first_line_end: int) -> None:
    """Date the headline's undated figures from the body figure they restate ("Cut by a Quarter" is the body's
    "25% less"), else from the article's lead (the first body figure a phrase dates); a headline figure with no noun
    ("Sends 900 to Hospital") takes the unit of the body figure of the same value."""
    first = lead(rows, first_line_end)  # None for a plan: a headline states what happened
    for row in rows:
        if row["_at"] < first_line_end and not row["unit"]:  # "Sends 900 to Hospital": the body's 900 people
            body = next(
                (other for other in rows if other["_at"] >= first_line_end and other["value"] == row["value"]), None
            )
            if body is not None and body["unit"]:
                row["unit"] = body["unit"]
                row["draft_note"] = row["draft_note"].replace(
                    "unit: no noun beside the figure", "unit: the unit of the body figure the headline restates"
                )
        if row["_at"] < first_line_end and row.get("_step") in ("default", "present", "future"):
            same = next((other for other in rows if other["_at"] >= first_line_end and _same_figure(row, other)), None)
            dated = same is not None and same["when"] and same.get("_step") not in ("default", "present", "lead")
            source = same if dated else first
            if source is None:
                continue
            planned = source is same and same["when_kind"] in ("deadline", "forecast")  # "Town to Add 40 Buses"
            row["when"], row["when_kind"] = ("", "") if planned else (source["when"], source["when_kind"])
            said = NOTES["planned" if planned else "headline"]
            row["draft_note"] = row["draft_note"].replace(NOTES[row["_step"]], said)


def reported(before: str, clause: str, published: date | None, future: bool = False) -> When | None:
    """A date phrase outside the figure's clause that still governs it: for a clause opening with "when", the day of
    the phrase just before it ("since Monday, when it covered 28,000 acres": Monday)."""
    found = draft_when.phrases(before)
    if clause.lower().startswith("when ") and found and before.rstrip(" ,").endswith(found[-1][2]):
        day = re.sub(r"^(?:since|from|by|until)\s+", "", found[-1][2], flags=re.IGNORECASE)
        return draft_when.resolve(day, published, future)
    return None
