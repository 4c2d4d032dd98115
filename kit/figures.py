"""Figures as an article writes them, and back.

The ledger stores plain numbers (1500, 2000000000, 45, 3); readers see them
as an article writes them ("1,500", "$2 billion", "45%", "three"). Both
directions live here so the validator and the narrative agree on one style.
"""

from __future__ import annotations

import math
import re

from kit import vocab

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
WORDS_BY_NUMBER = {number: word for word, number in NUMBER_WORDS.items()}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
#: Currencies written with their sign before the figure, as wire reports write them: "$2 billion", "£25 million",
#: "€12 million" (a ledger's unit slug; kit.report.units names each in words).
CURRENCY_SIGNS = {"usd": "$", "gbp": "\u00a3", "eur": "\u20ac"}
#: Scale words a sum of money, or a count of millions, is written with, largest first; a smaller sum is written in
#: full ("$250,000").
LARGE_SCALES = sorted(((word, scale) for word, scale in SCALES.items() if scale >= 1_000_000), key=lambda ws: -ws[1])

_WRITTEN = re.compile(
    r"^(?P<dollar>\$)?(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?:\s(?P<scale>thousand|million|billion|trillion))?(?P<percent>%)?$"
)


def parse_written(text: str) -> float | None:
    """Return the number a written figure means, or None when it is not one.

    "1,500" -> 1500, "$2 billion" -> 2000000000, "45%" -> 45, "three" -> 3.
    """
    text = text.strip()
    if text.lower() in NUMBER_WORDS:
        return float(NUMBER_WORDS[text.lower()])
    match = _WRITTEN.match(text)
    if not match:
        return None
    number = float(match["number"].replace(",", "") + (match["fraction"] or ""))
    if match["scale"]:
        number *= SCALES[match["scale"]]
    return number


def _grouped(value: float) -> str:
    """A number with thousands separators and as many decimals as it has (up to six, float noise cut): "$1.25
    billion" is never "$1.2 billion", and an interval's end 3.15 is never shown as 3.1 (a verdict would then say an
    end the figures do not allow)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_figure(value: float, unit: str) -> str:
    """Write a number the way the article writes figures of this unit.

    Counts get thousands separators ("1,500") and, from a million, a scale word when two decimals say them
    exactly ("38 million", "5.9 million", but "1,234,567"), dollars a scale word ("$2 billion") and cents two
    decimals ("$4.20"), percentages a sign
    ("45%"), small counts of the units house style spells out a word ("three"; kit/vocab/word_counts.csv).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing value")
    if unit == "percent":
        return f"{_grouped(value)}%"
    if unit in CURRENCY_SIGNS:
        sign = CURRENCY_SIGNS[unit]
        for word, scale in LARGE_SCALES:
            if abs(value) >= scale:
                return f"{sign}{_grouped(value / scale)} {word}"
        if not float(value).is_integer() and math.isclose(round(value, 2), value, rel_tol=0, abs_tol=1e-9):
            return f"{sign}{value:,.2f}"  # money in cents as prices print it: "$4.20", never "$4.2"
        return f"{sign}{_grouped(value)}"
    if unit in vocab.word_count_units() and float(value).is_integer() and int(value) in WORDS_BY_NUMBER:
        return WORDS_BY_NUMBER[int(value)]
    for word, scale in LARGE_SCALES:
        # a count of millions as wire copy writes it ("38 million", "5.9 million"), when two decimals say it exactly
        if abs(value) >= scale and math.isclose(round(value / scale, 2) * scale, value, rel_tol=1e-12, abs_tol=0):
            return f"{_grouped(value / scale)} {word}"
    return _grouped(value)


def unit_noun(unit: str) -> str:
    """A unit's slug as the noun a sentence writes: its hyphens as spaces ("degrees-below-zero": "degrees below
    zero"), since a slug joins its words so that it is one name in the ledger's files."""
    return unit.replace("-", " ")


def format_with_unit(value: float, unit: str) -> str:
    """A figure with its unit in words, for sentences: "1,500 people", "$2 billion"."""
    written = format_figure(value, unit)
    if unit in CURRENCY_SIGNS or unit == "percent":
        return written
    noun = unit_noun(unit)
    return f"{written} {singular(noun) if value == 1 else noun}"


#: Plural units whose singular is not the plural less its "s" (one of them is "1 person", never "1 people").
IRREGULAR_SINGULARS = {"people": "person", "children": "child", "men": "man", "women": "woman"}


def singular(noun: str) -> str:
    """One of a plural unit, in English: "person", "branch", "acre"; a noun that is not a plural stays.

    Why a rule and not the inflect library: inflect's import took 2.8 s of CPU here, in every kernel that writes
    a page, for the handful of plural forms ledger units use."""
    if noun in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[noun]
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


# -- reading figures as wire reports print them, ranges included ------------------------------------------------

#: Number words beyond NUMBER_WORDS that a figure may be spelt with ("Seventy-two per cent", "zero").
_MORE_WORDS = {
    "zero": 0,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: Scale words and the abbreviations money figures use ("$250m", "£1.2bn"); k and m only after a currency sign,
#: since "100m" without one is as likely to be metres.
_SCALE_WORDS = SCALES
_ABBREVIATIONS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "tn": 1_000_000_000_000}
#: Abbreviations read only after a currency sign ("$250m"; "250m" may be metres); "500k" is 500,000 of anything.
_MONEY_ONLY = frozenset({"m", "mn"})
_WORD = "|".join(sorted({*NUMBER_WORDS, *_MORE_WORDS, *_TENS}, key=len, reverse=True))
_FIGURE = re.compile(
    r"^(?P<currency>[$£€])?"
    r"(?:(?P<digits>\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?P<fraction>\.\d+)?"
    rf"|(?P<word>(?:{'|'.join(_TENS)})-(?:{'|'.join(WORDS_BY_NUMBER[n] for n in range(1, 10))})|{_WORD}))"
    r"(?:(?P<abbreviation>k|mn|m|bn|tn)\b|\s(?P<scale>thousand|million|billion|trillion))?"
    r"(?:(?P<percent>%|\s?per\s?cent|\s?percent|\s(?:percentage\s)?points?)|\s(?P<money>dollars|euros|pounds|cents|pence))?$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s+(?:to|and)\s+|\s*[-\u2013\u2014]\s*", re.IGNORECASE)


def _word_value(word: str) -> int:
    word = word.lower()
    if "-" in word:
        tens, ones = word.split("-")
        return _TENS[tens] + NUMBER_WORDS[ones]
    return {**NUMBER_WORDS, **_MORE_WORDS, **_TENS}[word]


def _read(text: str) -> tuple[float, re.Match] | None:
    """A figure's number and the match that read it, or None when the text is not one figure."""
    match = _FIGURE.match(text.strip())
    if not match:
        return None
    abbreviation = (match["abbreviation"] or "").lower()
    if abbreviation in _MONEY_ONLY and not match["currency"]:
        return None
    if match["word"] and match["currency"]:
        return None
    if match["word"]:
        number = float(_word_value(match["word"]))
    else:
        number = float(re.sub(r"[^\d]", "", match["digits"]) + (match["fraction"] or ""))
    scale = _ABBREVIATIONS[abbreviation] if abbreviation else _SCALE_WORDS.get((match["scale"] or "").lower(), 1)
    return number * scale, match


#: The parts a fraction is written in ("a fifth", "two-thirds"), by their denominator.
_PARTS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
_FRACTION = re.compile(
    rf"^(?:(?P<count>a|an|one|{'|'.join(WORDS_BY_NUMBER[n] for n in range(2, 10))})[\s-])?(?P<part>{'|'.join(_PARTS)})$"
    r"|^(?P<over>\d+)/(?P<under>\d{1,3}(?:,\d{3})+|\d+)$",
    re.IGNORECASE,
)


def read_fraction(text: str) -> tuple[int, int] | None:
    """A fraction as written, as (numerator, denominator): "a fifth" -> (1, 5), "two-thirds" -> (2, 3), "half" ->
    (1, 2), "1/1024" -> (1, 1024); None when the text is not one fraction."""
    match = _FRACTION.match(text.strip())
    if not match:
        return None
    if match["over"]:
        under = int(match["under"].replace(",", ""))
        return (int(match["over"]), under) if under else None
    count = (match["count"] or "a").lower()
    return (1 if count in ("a", "an", "one") else NUMBER_WORDS[count]), _PARTS[match["part"].lower()]


#: The unit a figure's own money words name: a sign's currency, or the word after the number.
_MONEY_UNITS = {"$": "usd", "€": "eur", "£": "gbp", "dollars": "usd", "euros": "eur", "pounds": "gbp"}


def money_unit(text: str) -> str | None:
    """The unit a figure as written names its money in ("$2 billion": usd, "50 million euros": eur, "41 cents":
    cents); None when it names none or is not one figure."""
    read = _read(text) or _read(_last_figure(text))
    if read is None:
        return None
    match = read[1]
    named = match["currency"] or (match["money"] or "").lower()
    return _MONEY_UNITS.get(named, named or None)


def _last_figure(text: str) -> str:
    """The words of a range's last figure ("30 million and 50 million euros": "50 million euros"); the text itself
    when it has no separator."""
    separators = list(_SEPARATOR.finditer(text.strip()))
    return text.strip()[separators[-1].end() :] if separators else text


#: A ratio as written ("one in four", "1 in 5", "nine out of 10").
_RATIO = re.compile(rf"^(?P<over>\d+|{_WORD}|an?)\s+(?:in|out\s+of)\s+(?P<under>\d[\d,]*|{_WORD})$", re.IGNORECASE)


def read_share(text: str) -> float | None:
    """The percent a share written as a fraction or a ratio means: "a quarter" -> 25, "one in four" -> 25, "nine out
    of 10" -> 90; None when the text is neither. A ledger records such a share in ``percent``, as a share is."""
    ratio = _RATIO.match(text.strip())
    if ratio:
        over, under = (_count(ratio[name]) for name in ("over", "under"))
        return None if not under else 100 * over / under
    fraction = read_fraction(text)
    return None if fraction is None else 100 * fraction[0] / fraction[1]


#: Each denominator's part, singular and plural, for writing a fraction ("a third", "two-thirds").
_PART_NAMES = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"), **{
    under: (name, f"{name}s") for under, name in ((5, "fifth"), (6, "sixth"), (7, "seventh"), (8, "eighth"),
                                                 (9, "ninth"), (10, "tenth"))}}  # fmt: skip


def rest_in_words(text: str) -> str | None:
    """The rest of a whole whose share is written as a fraction or ratio in words, in the same words: "a third" ->
    "two-thirds", "three-quarters" -> "a quarter", "half" -> "half", "one in five" -> "four in five", "1 in 4" ->
    "3 in 4"; None when the share is written in digits as a percent or fraction ("45%", "1/3"). Exact, where 100
    less 33.333333% would be a float's digits."""
    ratio = _RATIO.match(text.strip())
    if ratio:
        over, under = (_count(ratio[name]) for name in ("over", "under"))
        if not 0 <= over <= under:
            return None
        rest, joined = under - over, text.strip()[ratio.end("over") : ratio.start("under")]
        digits = ratio["under"][0].isdigit()
        return f"{rest if digits else WORDS_BY_NUMBER.get(rest, rest)}{joined.lower()}{ratio['under'].lower()}"
    fraction = read_fraction(text) if not any(char.isdigit() for char in text) else None
    if fraction is None or fraction[1] not in _PART_NAMES or fraction[0] > fraction[1]:
        return None
    rest, under = fraction[1] - fraction[0], fraction[1]
    single, plural = _PART_NAMES[under]
    if under == 2 or rest == 1:
        return single if under == 2 else f"a {single}"
    return f"{WORDS_BY_NUMBER[rest]}-{plural}"


def _count(word: str) -> int:
    word = word.lower().replace(",", "")
    return 1 if word in ("a", "an") else int(word) if word.isdigit() else _word_value(word)


def read_figure(text: str) -> float | None:
    """The number one figure means, in any of the ways news copy prints one; None when it is not one figure.

    Everything :func:`parse_written` reads, and also: thousands set off by spaces ("450 000"), money in other
    currencies and abbreviated ("£3bn", "$250m"), percentages in words ("4.5 per cent"), number words to ninety-nine
    ("Seventy-two per cent"), scale words after words ("three million"), fractions as the number they mean ("a
    fifth" -> 0.2, "1/1024" -> one over 1,024; "half a million" -> 500,000), a multiple in one word ("twice" -> 2,
    "halved" -> 0.5), money named after the number ("50 million euros" -> 50 million, "41 cents" -> 41: its unit is
    the ledger's, cents here). Vague amounts ("dozens", "several hundred") are not figures.
    """
    read = _read(text)
    half = _HALF_SCALE.match(text.strip())
    if read is None and half:  # "half a million", "a quarter of a billion"
        return _SCALE_WORDS[half["scale"].lower()] / _PARTS[half["part"].lower()]
    if read is None:
        fraction = read_fraction(text)
        multiple = MULTIPLE_WORDS.get(text.strip().lower())
        return multiple if fraction is None else fraction[0] / fraction[1]
    return read[0]


#: A half or a quarter of a scale word: "half a million" is 500,000, as crowd and casualty reports write it.
_HALF_SCALE = re.compile(
    r"^(?:(?:a|one)\s+)?(?P<part>half|quarter)(?:\s+of)?\s+an?\s+(?P<scale>million|billion|trillion)$", re.IGNORECASE
)


#: A multiple written as one word, as the multiple it means: "twice as high" is 2 times, "halved" 0.5 times. Coverage
#: finds these (kit.ledger.shapes, "multiple"); a ledger records one in a unit of multiples it declares ("times").
MULTIPLE_WORDS = {
    **dict.fromkeys(("twice", "double", "doubles", "doubled", "doubling"), 2.0),
    **dict.fromkeys(("triple", "triples", "tripled", "tripling", "thrice"), 3.0),
    **dict.fromkeys(("quadruple", "quadruples", "quadrupled", "quadrupling"), 4.0),
    **dict.fromkeys(("halved", "halving"), 0.5),
}


def _borrowed(low: tuple[float, re.Match], high: tuple[float, re.Match]) -> float:
    """The low end of a range once it borrows the high end's scale, as "3 to 3,500" and "two to 3 million" do.

    The low end borrows only when it is written bare (no separator, scale or abbreviation) and the borrowed
    figure stays below the high end: "between 100 and 1,500" keeps its 100.
    """
    number, match = low
    high_number, high_match = high
    if match["abbreviation"] or match["scale"]:
        return number
    scale = _ABBREVIATIONS.get((high_match["abbreviation"] or "").lower()) or _SCALE_WORDS.get(
        (high_match["scale"] or "").lower()
    )
    if scale is None and high_match["digits"] and match["digits"] and not match["fraction"]:
        groups = len(re.findall(r"[, \u00a0\u202f\u2009]", high_match["digits"]))
        plain = len(match["digits"]) <= 3 and match["digits"].isdigit()
        scale = 1000**groups if groups and plain else None
    if scale is None or number * scale >= high_number:
        return number
    return number * scale


def parse_range(text: str) -> tuple[float, float] | None:
    """The low and high end a range as written means, in the order written; None when it is not a range.

    "1,800 and 2,100" -> (1800, 2100), "25-30" -> (25, 30), "six to 10" -> (6, 10), and a first number
    written without the second one's scale borrows it: "3 to 3,500" -> (3000, 3500), "$2 to $3 billion"
    -> (2e9, 3e9). Ends are read as :func:`read_figure` reads one figure.
    """
    text = text.strip()
    if _read(text) is not None:
        return None  # one figure, though it may hold a hyphen ("seventy-two")
    for separator in _SEPARATOR.finditer(text):
        low, high = _read(text[: separator.start()]), _read(text[separator.end() :])
        if low is not None and high is not None:
            return _borrowed(low, high), high[0]
    return None
