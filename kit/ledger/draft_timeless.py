"""What holds at no time: a limit, target or cap ("a limit of 25", "a cap limiting rises to 5%"), what a plan calls
for ("the 4,500 a year its housing plan calls for"), a length ("two years of", "for two years"), a distance, and a
typical value before or after the figure ("a normal winter costs", "about 120 on a normal winter weekend"), a limit
a rule sets ("must give at least twelve weeks' notice") and a threshold a condition names ("every branch that handles
more than 400 visits a week"), a size ("up to 5 mm long") and a value on any given day: the data README's step 3,
whose figures keep an empty ``when``.

A length of days, hours, weeks or decades ("for up to 22 hours", "inside the network for 11 days") holds at no time
only when it has no date phrase of its own ("for nine days by Tuesday" is dated by Tuesday), and so does a delay
("two years late", "14 months longer than planned"): :func:`length`.
"""

from __future__ import annotations

import re

#: Figures that hold at no time ("a limit of 10", "a target of 75%", "caps ... at 8%", "40 km away", a capacity
#: "kennels built for 250"): a curator
#: leaves their when empty.
TIMELESS = re.compile(
    r"\b(?:(?:limit|target|cap|ceiling|threshold|maximum|minimum)\s+of|caps?\b[^,.;]{0,40}\bat"
    r"|(?:caps?|capping|limiting|limits?)\s+[^,.;]{0,40}\bto|(?:built|designed)\s+for|capacity\s+of|room\s+for)\s+\S*$",
    re.IGNORECASE,
)
#: What a plan or target calls for ("the 4,500 a year its housing plan calls for") holds at no time either.
TARGET_AFTER = re.compile(
    r"^[^,.;]{0,40}\b(?:plan|target|goal|pledge|strategy)s?\s+(?:calls?|called|aims?|aimed)\s+for\b", re.IGNORECASE
)
#: A length a plan runs for ("a cap ... for two years", "7.5% over two years"): years or months after "for", or
#: after "over" in its sense of across (the data README's rule 4).
FOR_LENGTH = (
    re.compile(r"\b(?:for|over)\s+(?:another\s+|up\s+to\s+)?(?!the\b)\S*$", re.I),
    re.compile(r"^\s+(?:years?|months?)\b", re.I),
)
#: A typical value named after the figure ("up from about 120 on a normal winter weekend").
TYPICAL_AFTER = re.compile(
    r"^\s+(?:on|in|during)\s+(?:a|an)\s+(?:normal|typical|usual|ordinary|average)\s+(?:[a-z]+\s+)?"
    r"(?:day|night|week|weekend|month|year|season|spring|summer|autumn|winter)\b(?!\s+(?:last|this|in)\b)"
    r"|^[^,.;]{0,40}\bon\s+any\s+given\s+(?:day|night|week|weekend)\b",  # "without a home on any given night"
    re.I,
)
DISTANCE = re.compile(
    r"^\s*(?:km|kilometres|kilometers|miles|metres|meters)\s+(?:away|from|north|south|east|west|offshore|inland|apart"
    r"|long|wide|deep|high|tall)\b|^\s*(?:mm|cm|millimet(?:re|er)s|centimet(?:re|er)s|inches)\s+(?:long|wide|deep"
    r"|high|tall|across|thick)\b|^[\s-]*(?i:km|kilomet(?:re|er)s?|miles?)\b(?!/|\s+(?:a|an|per|each)\s+(?:day|week|hour))"
)


#: A typical value ("a normal winter costs keepers about 15%", "a normal summer peak of 180 million litres").
TYPICAL = re.compile(r"\b(?:a|an)\s+(?:normal|typical|usual|ordinary)\s+[a-z]+\b", re.IGNORECASE)
#: A length of something ("two years of free credit monitoring", "a two-year renovation"), not a time it happened.
DURATION = re.compile(
    r"^(?:\s+(?:years?|months?|weeks?)\s+of\b|-(?:year|month|week|day|hour|minute)\b)", re.IGNORECASE
)  # "a 48-hour strike" too


#: "within 10 metres of the cliff edge": a distance after "within".
WITHIN = (re.compile(r"\bwithin\s+\S*$", re.I), re.compile(r"^\s*(?:km|kilomet(?:re|er)s|miles|met(?:re|er)s)\b"))
#: A limit a rule sets ("a bank must give at least twelve weeks' notice") or a threshold a condition names ("every
#: branch that handles more than 400 visits a week"): limits, as step 3 names them.
LIMIT = re.compile(
    r"\b(?:must|may\s+not|cannot|(?:is|are)\s+required\s+to)\b[^,.;]{0,40}$"
    r"|\b(?:every|any|each)\s+[a-z]+\s+(?:that|which|who|with)\b[^,.;]{0,40}\b(?:more|less|fewer)\s+than\s+$",
    re.IGNORECASE,
)


def timeless(before: str, after: str) -> bool:
    """A limit, target, cap, distance, typical value or length holds at no time: its when stays empty, as curators
    leave it."""
    length = FOR_LENGTH[0].search(before) and FOR_LENGTH[1].match(after)  # "a cap ... for two years"
    typical = TYPICAL.search(before.rsplit(", ", 1)[-1]) or TYPICAL_AFTER.match(after)  # not another clause's
    target = TIMELESS.search(before) or TARGET_AFTER.match(after) or LIMIT.search(before)
    distance = DISTANCE.match(after) or (WITHIN[0].search(before) and WITHIN[1].match(after))
    return bool(target or typical or length or distance or DURATION.match(after))


#: "for up to 22 hours", "for 11 days": a short length after "for" (years and months are FOR_LENGTH's).
SHORT_LENGTH = re.compile(r"^\s+(?:weeks?|days?|hours?|decades?)\b")


#: "two years late", "14 months longer than planned": a delay, a length of time.
DELAY = re.compile(
    r"^\s+(?:more\s+)?(?:years?|months?|weeks?|days?|hours?)\s+(?:late|later\s+than|longer|behind)\b", re.I
)


#: "It takes up to eight months to get paid", "the works will last two years": how long something takes.
TAKES = (
    re.compile(r"\b(?:take|takes|took|taking|last|lasts|lasted)\s+(?:up\s+to\s+|about\s+|around\s+)?\S*$", re.I),
    re.compile(r"^\s+(?:years?|months?|weeks?|days?|hours?)\b", re.I),
)


def length(before: str, after: str) -> bool:
    """A length of days, hours, weeks or decades after "for", how long something takes ("takes up to eight
    months"), or a delay ("two years late"): no time of its own unless a phrase dates it."""
    takes = TAKES[0].search(before) and TAKES[1].match(after)
    return bool(FOR_LENGTH[0].search(before) and SHORT_LENGTH.match(after) or DELAY.match(after) or takes)
