"""The shapes figures take in news text, and the finder that reads them: one span per figure, with its kind.

A figure is the shortest span that states it: hedges ("about", "up to") and unit nouns ("people") stay
outside, signs and scales inside ("$250m", "4.5 per cent"). Compound shapes are one figure, never their
parts: a range keeps "between" and both ends, a change its direction word, "by", any hedge and the
amount, a ratio both sides. The kinds, in order of preference where two equal spans compete:

========  ==========================================================================
residue   a clock-like token alone on its line ("02:22"): a video timestamp, not content
date      "November 1", "March 3,2024", "Sept. 14, 2023", "1 November 2024", "2024-03-03"
time      "2:31 AM", "4:30 a.m.", "14:32", "5.21 am"
year      "in 2018", "the 1990s", "2022-23", "between 2019 and 2021" (one figure for a span of years)
score     a result or vote split: "won 4-1", "ruled 6-3", "51 votes to 49"
change    "risen by about 2,000", "down by as many as 300", "up 12%", "from 12% to 4.5%", "a drop of 20%"
range     "between 1,200 and 1,500", "six to 10", "25-30", "30-40%", "11 to 14,000", "3 to 3,500"
ratio     "1 in 5", "Nine out of 10", "three for every four", "6.8 per 100,000", "3:1"
multiple  "eight times", "10-fold", "eightfold", "twice", "doubled", "halved"
fraction  "half", "a third of", "a fifth", "two-thirds", "one-fifth of", "1/1024" (one over 1,024)
money     "$300 million", "$250m", "£1.2bn", "US$5", "13.5 trillion roubles", "20p"
percent   "45%", "4.5 per cent", "Seventy-two per cent", "2 percentage points", "25 basis points"
ordinal   "first", "3rd"
number    "14,000", "450 000", "1.2 million", "3m"
count     "four", "twenty-five", "thousands", "tens of thousands", "several hundred"
========  ==========================================================================

Where overlapping candidates compete the longest wins, then the shape listed first in ``SHAPES`` (the order
of this table, but for "range from X to Y", which goes before the change "from X to Y"). A line
repeated verbatim in the text (a caption, a headline at the foot of the page) is read once: its figures
are reported where it first stands, with ``repeated_on`` naming the lines of the copies.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from kit.figures import NUMBER_WORDS, read_figure
from kit.ledger.hedges import kit_vocabulary

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_TEENS = "zero thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SMALL = {
    **{word.lower(): value for word, value in NUMBER_WORDS.items()},
    **dict(zip(_TEENS, (0, *range(13, 20)), strict=True)),
    **{word: 10 * tens for tens, word in enumerate(_TENS, start=2)},
}
_COUNT_WORDS = sorted(
    set(_SMALL) | set(_WORD_SCALES) | {"dozens", "hundreds", "thousands", "millions", "billions"}, key=len, reverse=True
)
_ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
    "|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth"
    "|fiftieth|hundredth|thousandth|millionth"
)
_PARTS = "half|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_PARTS_PLURAL = "halves|thirds|quarters|fourths|fifths|sixths|sevenths|eighths|ninths|tenths"
_FEW = "two|three|four|five|six|seven|eight|nine"

# -- building blocks -----------------------------------------------------------------------------
_SEP = "[ \u00a0\u202f]"  # a space that groups thousands: "450 000"
_DIGITS = (
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    rf"|\d{{1,3}}(?:{_SEP}\d{{3}})+(?!\d|[.,]\d)"
    r"|\d+(?:\.\d+)?)"
)
_SCALE = rf"(?:{_SEP}(?i:thousand|million|billion|trillion)\b|\s?(?:bn|mn|tn|m|k)\b)"
NUM = rf"{_DIGITS}{_SCALE}?"
WORDS = rf"\b(?i:(?:{'|'.join(_COUNT_WORDS)})(?:(?:[\s-]|\sand\s)(?:{'|'.join(_COUNT_WORDS)}))*)\b"
_CURRENCY = r"(?:\b[A-Z]{1,2}\$|[$€£¥₹₽₩])"
_MONEY_WORDS = r"(?i:dollars|euros|pounds sterling|yuan|yen|rupees|roubles|rubles|pesos|francs|naira|rand|cents|pence)"
MONEY = rf"(?:{_CURRENCY}{NUM}|{NUM}{_SEP}{_MONEY_WORDS}\b|(?<![\d.,])\d{{1,3}}p\b)"
_PERCENT_SIGN = r"(?:\s?%|\s(?i:percent|per\s?cent|percentage points?|basis points?)\b)"
PERCENT = rf"(?:{NUM}|{WORDS}){_PERCENT_SIGN}"
#: A quantity written in digits (with its sign), and any quantity at all.
DIGITAL = rf"(?:{MONEY}|{NUM}{_PERCENT_SIGN}|{NUM})"
QUANTITY = rf"(?:{MONEY}|{PERCENT}|{NUM}|{WORDS})"
_PLAIN = rf"(?:{NUM}|{WORDS})"
#: Words that qualify an amount ("about 2,000"), and those that set a threshold ("below 4%"): after a verb,
#: the first make a change ("rose about 4%"), the second a level crossed ("fell below 4%").
#: The qualifiers are the hedge vocabulary's (kit/vocab/hedges.csv, before the figure), less the threshold words and
#: "between" (a range of its own), plus emphasis words that qualify no bound ("as few as").
_THRESHOLDS = ("over", "under", "below", "above")
_APPROX_WORDS = sorted(
    {phrase for (phrase, where) in kit_vocabulary() if where == "before"} - {*_THRESHOLDS, "between"}
    | {"as few as", "as little as"},
    key=lambda phrase: (-len(phrase), phrase),
)
_SPACE = r"\s+"
_APPROX = "(?i:" + "|".join(_SPACE.join(map(re.escape, phrase.split())) for phrase in _APPROX_WORDS) + ")"
HEDGE = rf"(?:{_APPROX}|(?i:{'|'.join(_THRESHOLDS)}))"
_HEDGED = rf"(?:{HEDGE}\s+)?"
_BETWEEN = rf"\b(?i:between)\s+{_HEDGED}{QUANTITY}\s+and\s+{_HEDGED}{QUANTITY}"
_FRACTION = rf"(?i:half|(?:a|one|{_FEW})[\s-](?:{_PARTS}|{_PARTS_PLURAL}))"
_UNIT = r"(?:[a-zA-Z]{1,3}\b)?"  # glued to the number inside "from 70mph to 60mph"
_VERBS = (
    r"ris(?:e|es|en|ing)|rose|fall(?:s|en|ing)?|fell|grow(?:s|n|ing)?|grew|increas(?:e|es|ed|ing)"
    r"|decreas(?:e|es|ed|ing)|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing)|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?"
    r"|soar(?:s|ed|ing)?|surg(?:e|es|ed|ing)|plung(?:e|es|ed|ing)|plummet(?:s|ed|ing)?|slump(?:s|ed|ing)?"
    r"|shrink(?:s|ing)?|shrank|shrunk|slip(?:s|ped|ping)?|tumbl(?:e|es|ed|ing)|up|down"
)
#: Verbs that make a change only with "by": "cut 1,200 jobs" is a count, "cut by 1,200" a change.
_VERBS_WITH_BY = (
    rf"{_VERBS}|cut(?:s|ting)?|reduc(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|lower(?:s|ed|ing)?|boost(?:s|ed|ing)?"
    r"|gain(?:s|ed|ing)?|los(?:e|es|ing)|lost|widen(?:s|ed|ing)?|narrow(?:s|ed|ing)?|expand(?:s|ed|ing)?"
    r"|contract(?:s|ed|ing)?|swell(?:s|ed|ing)?|swollen"
)
_FROM_TO = rf"{_HEDGED}{QUANTITY}{_UNIT}\s+to\s+{_HEDGED}{QUANTITY}{_UNIT}"
_VERB_BY = rf"\b(?i:{_VERBS_WITH_BY})\s+by\s+{_HEDGED}"
_CHANGE_NOUNS = r"(?i:drop|fall|rise|increase|decrease|decline|cut|reduction|jump|gain|loss|growth)"
_YEAR = r"(?<![\w.,$£€¥])(?:1[89]|20)\d\d(?!\d|[.,]\d)"
_RESULT_VERBS = (
    r"(?i:won|wins?|lost|loses?|beat|beats|beaten|defeated|drew|draws?|ruled|voted|thrashed|edged|trail(?:s|ed)?"
    r"|led|leads?|passed|approved|rejected|confirmed|carried)"
)
_RESULT_NOUNS = r"(?i:win|victory|defeat|loss|draw|vote|ruling|decision|majority|verdict|scoreline)"


# -- checks on what a pattern matched -----------------------------------------------------------
def _words_value(text: str) -> float | None:
    total, part = 0.0, 0.0
    for token in re.split(r"[\s-]+", text.lower()):
        if token == "and":
            continue
        if token in _SMALL:
            part += _SMALL[token]
        elif token.rstrip("s") in _WORD_SCALES:
            scale = _WORD_SCALES[token.rstrip("s")]
            part = (part or 1) * scale
            if scale >= 1000:
                total, part = total + part, 0.0
        else:
            return None
    return total + part


def value_of(text: str) -> tuple[float, str] | None:
    """The number a quantity states and its sign ("money", "percent" or "number"); None when unreadable."""
    kind = "money" if re.match(_CURRENCY, text) or re.search(rf"{_MONEY_WORDS}$|\dp$", text) else "number"
    if re.search(rf"{_PERCENT_SIGN}$", text):
        kind = "percent"
    digits = re.search(r"\d[\d,\u00a0\u202f ]*(?:\.\d+)?", text)
    if digits is None:
        value = _words_value(re.sub(rf"{_PERCENT_SIGN}$", "", text)) or read_figure(text)  # "half a million"
        return None if value is None else (value, kind)
    value = float(re.sub(r"[,\u00a0\u202f ]", "", digits.group().strip()))
    scale = re.search(r"(?i:thousand|million|billion|trillion)|bn|mn|tn|m\b|k\b", text[digits.end() :])
    if scale:
        word = scale.group().lower()
        value *= {"bn": 1e9, "mn": 1e6, "tn": 1e12, "m": 1e6, "k": 1e3}.get(word) or _WORD_SCALES[word]
    return value, kind


def _spread(match: re.Match[str]) -> float:
    """How many times the high end of a would-be range is its low end; 0 when the two cannot be a range.

    The low end may borrow the high end's thousands ("11 to 14,000", "3 to 3,500") and its sign ("30-40%"),
    but not bring a sign the high end lacks ("rose 4% to 50,510" is a change and a level), and a year is never
    an end ("rose from 368 in 2022 to 2,911"). Ends that cannot be read count as a narrow range.
    """
    low, high = value_of(match["lo"]), value_of(match["hi"])
    if any(_is_year(match[end].strip()) for end in ("lo", "hi")):
        return 0
    if low is None or high is None:
        return 1
    (x, low_kind), (y, high_kind) = low, high
    if low_kind not in ("number", high_kind):
        return 0
    if re.fullmatch(r"\d{1,3}", match["lo"].strip()):
        while 0 < x and x * 1000 <= y:
            x *= 1000
    return 0 if x >= y else (y / x if x else float("inf"))


def _is_range(match: re.Match[str]) -> bool:
    """Two quantities make a range when the first is below the second and within a factor of ten of it
    ("£122 to £1,568" is an amount and a total), not after "by" (a change's amount), nor points then a level."""
    after_by = re.search(r"\bby\s+$", match.string[max(0, match.start() - 4) : match.start()], re.IGNORECASE)
    points = [re.search(r"points?$", end, re.IGNORECASE) is not None for end in (match["lo"], match["hi"])]
    return after_by is None and points != [True, False] and 0 < _spread(match) <= 10


def _is_amount_range(match: re.Match[str]) -> bool:
    """A change by a range has close ends: "risen by 21 to 24"; "rise by 8,000 to 60,000" is an amount, a level."""
    return 0 < _spread(match) <= 3


def _is_split(match: re.Match[str]) -> bool:
    """A pair whose first number is not below the second is a result, not a range: "10-2", "1-1"."""
    return int(match["lo"]) >= int(match["hi"])


def _is_year(text: str) -> bool:
    return re.fullmatch(r"(?:1[89]|20)\d\d", text) is not None


def _is_ratio(match: re.Match[str]) -> bool:
    """Is "1 in 5" but not "3 in 2023" (a count and a year), nor "5 in 3"; "three for every one" may lean either way."""
    if _is_year(match["hi"]):
        return False
    low, high = value_of(match["lo"]), value_of(match["hi"])
    return "for" in match["by"].lower() or low is None or high is None or low[0] <= high[0]


#: Verbs whose "up" or "down" is part of the verb, not a change: "made up 16.5%", "shot down 12 drones".
_PHRASAL = frozenset(
    "make makes made making take takes took taken taking set sets setting pick picks picked picking shoot shoots"
    " shot shut shuts bring brings brought turn turns turned give gives gave given break breaks broke tie ties"
    " tied call calls called put puts sign signs signed step steps stepped end ends ended back backs backed line"
    " lined round rounds rounded use uses used knock knocks knocked hold holds held pull pulls pulled wind winds"
    " wound sum sums summed add adds added track tracked".split()
)


def _is_change(match: re.Match[str]) -> bool:
    if match.group().split(None, 1)[0].lower() not in ("up", "down"):
        return True
    before = re.findall(r"[A-Za-z]+", match.string[max(0, match.start() - 20) : match.start()])
    return not before or before[-1].lower() not in _PHRASAL


# -- the shapes ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    """One way a figure is written: its kind, a pattern, and an optional check on what the pattern matched.

    A pattern with a group named ``f`` reports that group's span, the rest being context ("won 4-1").
    """

    kind: str
    pattern: re.Pattern[str]
    check: Callable[[re.Match[str]], bool] | None = None


def _shape(kind: str, pattern: str, check: Callable[[re.Match[str]], bool] | None = None) -> Shape:
    return Shape(kind, re.compile(pattern), check)


SHAPES: tuple[Shape, ...] = (
    _shape("residue", r"(?m)^[ \t]*(?P<f>\d{1,2}:\d{2}(?::\d{2})?)[ \t\r]*$"),
    _shape(
        "date",
        rf"\b(?:{MONTHS})\s\d{{1,2}}(?:st|nd|rd|th)?\b(?:(?:,\s?|\s)\d{{4}}\b)?"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{MONTHS})(?:,?\s\d{{4}}\b)?"
        rf"|\b(?:{MONTHS})\s\d{{4}}\b"
        r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    ),
    _shape(
        "time",
        r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:[AaPp]\.[Mm]\.|[AaPp][Mm]\b))?(?!\d)"
        r"|\b\d{1,2}\s?(?:[ap]\.m\.|[AP]M\b|[ap]m\b)"
        r"|\b\d{1,2}\.\d{2}\s?(?:[ap]\.m\.|[AaPp][Mm]\b)",  # "5.21 am", as British copy writes a time
    ),
    _shape(
        "year",
        rf"(?i:between)\s+{_YEAR}\s+and\s+{_YEAR}|(?i:from)\s+{_YEAR}\s+to\s+{_YEAR}"
        rf"|{_YEAR}(?:\s?[-–—]\s?(?:{_YEAR}|\d\d\b)|\s+to\s+{_YEAR})?(?:'?s\b)?",
    ),
    _shape("score", rf"\b{_RESULT_VERBS}\s+(?:[\w.'-]+\s+){{0,3}}?(?P<f>\d{{1,3}}\s?[-–]\s?\d{{1,3}})(?![\d-])"),
    _shape("score", r"(?<![\w.,-])(?P<lo>\d{1,3})[-–](?P<hi>\d{1,3})(?![\w-]|[.,]\d)", _is_split),
    _shape("score", rf"(?P<f>(?<![\w.,-])\d{{1,3}}[-–]\d{{1,3}})\s+{_RESULT_NOUNS}\b"),
    _shape("score", r"(?<![\w.,])\d[\d,]*\s+votes?\s+to\s+\d[\d,]*\b"),
    # "range from X to Y" before "from X to Y": on equal spans the shape listed first wins
    _shape("range", rf"\b(?i:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|aged?)\s+(?P<f>(?i:from)\s+{_FROM_TO})"),
    _shape("change", rf"{_VERB_BY}(?:{_FRACTION}|{_BETWEEN}|{QUANTITY})"),
    _shape("change", rf"{_VERB_BY}(?P<lo>{QUANTITY})\s+to\s+(?P<hi>{QUANTITY})", _is_amount_range),
    _shape("change", rf"\b(?i:{_VERBS})\s+(?:{_APPROX}\s+)?{DIGITAL}", _is_change),
    _shape("change", rf"\b(?i:by)\s+{_HEDGED}{NUM}{_PERCENT_SIGN}"),
    _shape("change", rf"\b{_CHANGE_NOUNS}\s+of\s+{_HEDGED}(?:{_FRACTION}|{DIGITAL})"),
    _shape("change", rf"(?:{MONEY}|{NUM}{_PERCENT_SIGN})\s+{_CHANGE_NOUNS}s?\b"),
    _shape("change", rf"\b(?i:from)\s+{_FROM_TO}"),
    _shape("range", _BETWEEN),
    _shape("range", rf"(?P<lo>{QUANTITY})\s+to\s+(?P<hi>{QUANTITY})", _is_range),
    _shape("range", rf"(?<![\w-])(?P<lo>{DIGITAL})(?:-|\s?[–—]\s?)(?P<hi>{DIGITAL})(?![\w-])", _is_range),
    _shape(
        "ratio",
        rf"(?P<lo>{_PLAIN})\s+(?P<by>(?i:in|out of|(?:out )?of every|in every|for every))\s+(?P<hi>{_PLAIN})(?!\d)",
        _is_ratio,
    ),
    _shape("ratio", rf"{NUM}\s+(?:[A-Za-z-]+\s+){{0,2}}?per\s+{_DIGITS}|\b\d{{1,2}}:\d\b|\b\d+-to-\d+\b"),
    _shape(
        "multiple",
        rf"{_PLAIN}[\s-](?i:times)\b|{_PLAIN}-?(?i:fold)\b|\b(?i:(?:{_FEW}|ten|hundred|thousand)fold)\b"
        r"|\b(?i:twice|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|quadrupl(?:e|es|ed|ing)|halv(?:e|es|ed|ing))\b",
    ),
    _shape(
        "fraction",
        rf"\b(?i:(?:a|one)[\s-](?:{_PARTS}))(?=\s+of\b|\s*[.,;]|\s+(?:is|are|was|were|had|have)\b)"
        rf"|\b(?i:(?:{_FEW})[\s-](?:{_PARTS_PLURAL}))\b|\b(?i:half)\b"
        r"|(?<![\w/.,])\d{1,3}/\d{1,3}(?:,\d{3})+(?![\w/]|[.,]\d)|(?<![\w/.,])\d+/\d+(?![\w/]|[.,]\d)",  # "1/1024"
    ),
    _shape("money", MONEY),
    _shape("percent", PERCENT),
    _shape("ordinal", rf"\b\d+(?:st|nd|rd|th)\b|\b(?i:{_ORDINAL_WORDS})\b"),
    _shape("number", NUM),
    _shape(
        "count",
        rf"\b(?i:(?:tens|dozens|hundreds|thousands|millions)\s+of\s+(?:thousands|millions|billions)"
        r"|(?:several|a few)\s+(?:dozen|hundred|thousand|million|billion)|half a (?:dozen|million|billion))\b"
        rf"|(?<!per ){WORDS}",  # "parts per million" is a unit
    ),
)


# -- the finder ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    """One figure found in a text: where it is, what it says, and what kind it is.

    ``repeated_on`` lists the later lines where the figure's whole line stands again verbatim; those
    copies are not reported a second time.
    """

    start: int
    end: int
    text: str
    kind: str
    line: int
    column: int
    context: str
    repeated_on: tuple[int, ...] = ()

    @property
    def note(self) -> str:
        """What a curator should know beyond the kind: page residue, or a line the article repeats."""
        notes = []
        if self.kind == "residue":
            notes.append("alone on its line: likely page residue such as a video timestamp")
        if self.repeated_on:
            lines = ", ".join(str(line) for line in self.repeated_on)
            notes.append(f"the line is repeated verbatim on line{'s' if len(self.repeated_on) > 1 else ''} {lines}")
        return "; ".join(notes)


def _context(text: str, start: int, end: int, words: int = 3) -> str:
    """The figure with a few words either side, on one line, so a reader sees what it counts."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:start].split(" ")
    after = text[end:line_end].split(" ")
    left = " ".join(before[-(words + 1) :]) if len(before) > words else text[line_start:start]
    right = " ".join(after[: words + 1]) if len(after) > words else text[end:line_end]
    return (left + text[start:end] + right).strip()


def spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every figure, in reading order, never two overlapping; the longest wins."""
    return list(_spans(text, SHAPES))


@functools.lru_cache(maxsize=256)
def _spans(text: str, shapes: tuple[Shape, ...]) -> tuple[tuple[int, int, str], ...]:
    """``spans`` of a text under a set of shapes, kept: coverage and the drafter look at the same article and quotes
    again and again, and the shapes' patterns cost milliseconds on an article."""
    candidates = []
    for rank, shape in enumerate(shapes):
        for match in shape.pattern.finditer(text):
            if shape.check is None or shape.check(match):
                start, end = match.span("f") if "f" in shape.pattern.groupindex else match.span()
                candidates.append((-(end - start), rank, start, end, shape.kind))
    taken = bytearray(len(text))
    chosen = []
    for _length, _rank, start, end, kind in sorted(candidates):
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, kind))
    return tuple(sorted(chosen))


def find_figures(text: str) -> list[Figure]:
    """Every span of the text that looks like a figure, in reading order; a repeated line's figures once."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    first_line: dict[str, int] = {}
    copies: dict[int, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        key = line.strip()
        if key and key in first_line:
            copies.setdefault(first_line[key], []).append(number)
        else:
            first_line.setdefault(key, number)
    repeats = {copy for numbers in copies.values() for copy in numbers}
    figures = []
    for start, end, kind in spans(text):
        line = text.count("\n", 0, start) + 1
        if line in repeats:
            continue
        column = start - starts[line - 1] + 1
        context = _context(text, start, end)
        figures.append(Figure(start, end, text[start:end], kind, line, column, context, tuple(copies.get(line, ()))))
    return figures
