"""The unit a drafted figure counts in: the noun beside it, mapped through ``kit/vocab/unit_words.csv``.

The unit rule, in order: a unit the ledger declares under the noun's own name ("hives" when ``hives`` is declared);
else the unit ``unit_words.csv`` maps the noun to, if the ledger declares it (runners, members and
other people counted in a role are ``people``, the starting unit ``kit new`` declares; nurses and staff are
``workers``); else the noun itself, with a note to declare it. "29C" is ``celsius``; a fraction in words ("rose by
about a third") is ``fraction``; an -ed word right after a figure is its verb, not its noun ("8,650 finished": the
noun comes from before the figure), unless a plural noun follows it ("85 planned operations"); with no noun after
a figure, "the number of water stations to 24" counts stations. An adverb between the figure and its noun is
skipped ("1,100 badly parked scooters": scooters); a number word right after a figure starts another phrase ("up
from 1,900 two years ago" takes its unit from the noun before, not "years"); a part of a whole named right after
("4,200 of an estimated 90,000 homes", "two of its steel beams") counts in the whole's noun. With no noun beside a
figure, the unit of the figure before it in the same sentence (a sentence opens after a full stop or a paragraph).

A compound unit with a slash ("142 km/h") or a pair joined by "and" ("homes and businesses") is one entry of the
data list, never its first word ("km"). A noun the
list maps to a unit the ledger does not declare ("420 ewes", listed as ``sheep``) counts in that unit when the
article itself uses the word ("Wolves killed 300 sheep"), so drafts agree with the article's own word for the
kind; else the noun is kept. Past a share ("112,000 customers, a third of the 340,000"), the figure with no noun
takes the unit of the count before the share, since a share counts no noun of its own.

Customers are their own unit (``customers``), not ``people``: a utility's or a firm's customer is an account, a
home or a business ("48,000 homes and businesses", a phrase of the data list, counts in customers). The people a
firm or fleet employs ("employs more than 1,100 people") are ``workers``, as its staff and employees are. A
title-case headline counts in the first listed noun past a name ("210,000 Harlan Water Customers": customers). A
noun left out after a figure ("employs 1,100 people at sea and nearly 2,000 in processing plants") is the noun of
the figure before, in that figure's unit (workers), not the noun's own mapping.

A word that adds to a count is skipped ("four more walk-in clinics": clinics), the head of a noun phrase is its last
plural ("12 measles patients": patients), "one child" counts in children's unit, a length of time ("in two decades")
is no count a later figure with no noun goes on with, and a price in cents is per what it buys ("34 cents a litre":
``cents-per-litre``).
"""

from __future__ import annotations

import csv
import re
from functools import cache

from kit import vocab
from kit.ledger import draft_share
from kit.ledger.draft_rows import Context, first_line, line_of
from kit.ledger.shapes import Figure
from kit.paths import KIT_DIR

UNIT_WORDS_FILE = KIT_DIR / "vocab" / "unit_words.csv"
_CURRENCIES = {"$": "usd", "€": "eur", "£": "gbp", "US$": "usd"}
_MONEY_NOUNS = {"dollars": "usd", "euros": "eur", "pounds": "gbp", "cents": "cents", "pence": "pence"}


@cache
def unit_words() -> dict[str, str]:
    """The article's nouns and the unit each counts in (kit/vocab/unit_words.csv: word, unit)."""
    with UNIT_WORDS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["word"].lower(): row["unit"] for row in csv.DictReader(handle)}


def _unit_of_noun(after: str, units: list[str]) -> tuple[str, str] | None:
    """The declared unit the words after a figure count in, and the noun that says so."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9-]*", re.split(r"[,.;:()\"“”]", after, maxsplit=1)[0])[:4]
    mapping = unit_words()
    for index, word in enumerate(words):
        lower = word.lower()
        pair = " ".join(words[index : index + 2]).lower()
        for noun in (pair, lower):
            if noun in units or noun + "s" in units:
                return (noun if noun in units else noun + "s"), word
            if noun in mapping and mapping[noun] in units:
                return mapping[noun], word
        if lower == "of" and index + 1 < len(words) and words[index + 1].lower() in {"its", "their", "his", "her"}:
            continue
        if lower in {"of", "who", "that", "which", "had", "have", "has"}:
            break
        suffix = next((unit for word, unit in mapping.items() if lower.endswith(word) and unit in units), None)
        if suffix and len(lower) > 4:
            return suffix, word  # "dockworkers" counts in workers
    return None


def _unit_before(before: str, units: list[str]) -> str | None:
    """The declared unit of the last counting noun before a figure in its clause ("homes destroyed at about 900")."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9-]*", before)
    for word in reversed(words):
        found = _unit_of_noun(word, units)
        if found:
            return found[0]
    return None


#: Words that end the noun phrase after a figure: prepositions, verbs, conjunctions.
_PHRASE_END = frozenset(
    "of on in at for to from by with and or but a an the that who which were was is are had have has would will"
    " could can may might been be being did do does said say says more than as per each a day week last next this"
    " earlier later ago it they he she we you its their".split()  # "the 1,480 it has": a pronoun is no noun
)


#: An -ed word before a plural noun is an adjective ("85 planned operations"), not the figure's verb.
_ADJECTIVE = re.compile(r"\s*[a-z]+ed\s+(?!(?:" + "|".join(sorted(_PHRASE_END)) + r")\b)[a-z]+s\b")
#: A fraction in words ("rose by about a third", "two-thirds"): counted as a fraction whatever the finder's kind.
_FRACTION_WORDS = re.compile(
    r"^(?:a|an|one|two|three|four)[\s-](?:half|halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)$", re.I
)


#: An adverb between a figure and its noun ("1,100 badly parked scooters") says nothing of what is counted.
_ADVERB = re.compile(r"^\s+[a-z]{3,}ly(?=\s+[a-z])")
#: A number word right after a figure starts another phrase ("up from 1,900 two years ago": not years).
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozen".split())
#: "4,200 of an estimated 90,000 homes", "two of its steel beams": a part of a whole named right after, in the
#: whole's noun.
_PART_OF = re.compile(
    r"^\s+of\s+(?:the|its|their|his|her|an?)\s+(?:[A-Za-z]+['’]s\s+)?"
    r"(?:(?:some|about|around|roughly|nearly|almost|estimated|[\d][\d,.]*(?:\s+(?:million|billion))?)\s+)*"
)


#: A compound unit written with a slash ("142 km/h", "12 m/s"): read whole, never as its first word ("km").
_RATE = re.compile(r"^\s*([A-Za-z]+/[A-Za-z]+|[A-Za-z]+\s+(?:and|or)\s+[A-Za-z]+)(?![\w/])")
#: "employs more than 1,100 people": the people a firm or fleet employs are its workers.
_EMPLOYS = re.compile(r"\bemploy(?:s|ed|ing)?\s+(?:[a-z]+\s+){0,2}$")


def _head_noun(after: str) -> str | None:
    """The last word of the noun phrase right after a figure ("85 planned operations on Monday": operations;
    "a 48-hour strike": hours); None when a phrase-ending word or a mark comes first."""
    compound = re.match(r"-([a-z]+)\b", after)
    if compound:
        return compound.group(1) if compound.group(1).endswith("s") else compound.group(1) + "s"
    words = []
    after = _ADVERB.sub("", after)  # "1,100 badly parked scooters": scooters
    after = _MORE.sub(" ", after)  # "four more walk-in clinics", "6,200 extra vaccine doses": clinics, doses
    for word in re.findall(r"[A-Za-z][a-z-]*|[^\sA-Za-z]", re.split(r"[,.;:()\"“”]", after, maxsplit=1)[0])[:2]:
        if not word[0].isalpha() or word.lower() in _PHRASE_END or word.lower() in _NUMBER_WORDS or word[0].isupper():
            break
        if not words and re.fullmatch(r"[a-z]{3,}ed", word) and not _ADJECTIVE.match(after):
            break  # "8,650 finished", "10,400 started": a verb, not what the figure counts
        words.append(word)
    plural = [word for word in words if word.endswith("s") and not word.endswith("ss")]
    return (plural[-1:] or words or [None])[0]  # the head is last: "12 measles patients"; "42 boats used": boats


def unit(figure: Figure, written: str, ctx: Context, previous: dict | None) -> tuple[str, str]:
    """The unit a figure is counted in, and a note when it is guessed."""
    if re.search(r"%|per\s?cent|percent", figure.text, re.I):
        return "percent", ""
    if draft_share.percent(figure, written, ctx.text) is not None:  # "a third", "one in eight": rule 3
        return "percent", ""
    if figure.kind == "fraction" or "/" in written or _FRACTION_WORDS.match(written):
        return "fraction", "a fraction, its value the number it means (0.2 for 'a fifth'): declare a unit for it"
    currency = re.match(r"(US\$|[$€£])", written)
    if currency:
        return _CURRENCIES[currency.group(1)], ""
    after = ctx.text[figure.end : figure.end + 60]
    money = re.search(r"\s(dollars|euros|pounds|cents|pence)$", written, re.I)  # "30 million and 50 million euros"
    money = money or re.match(r"\s+(dollars|euros|pounds)\b", after, re.I)
    if money:
        named = _MONEY_NOUNS[money.group(1).lower()]  # a hundredth is a unit of its own: "41 cents" is 41 cents
        if named in ("cents", "pence"):  # "34 cents a litre": cents-per-litre, as the data README names it
            named = _per(named, after, previous)
        return named, ("" if named in ctx.units else f"unit: {named!r} is not a unit of this ledger; declare it")
    degrees = re.match(r"(?:\s?°\s?|\s+degrees\s+)?(C|F|Celsius|Fahrenheit)\b", after)
    if degrees:  # "29C", "84 degrees Fahrenheit"
        return ("celsius" if degrees.group(1)[0] == "C" else "fahrenheit"), ""
    rate = _RATE.match(after)
    if rate and rate.group(1).lower() in unit_words():  # "142 km/h": a compound unit of the data list
        named = unit_words()[rate.group(1).lower()]
        return named, ("" if named in ctx.units else f"unit: {named!r} is not a unit of this ledger; declare it")
    part = _PART_OF.match(after)
    if part and not re.match(r"\s+of\s+the\s+[a-z]+\s+(?:of|in)\b", after):
        after = " " + after[part.end() :]
    if vocab.vague_interval(written) is not None:
        after = re.sub(r"^\s+of\s+", " ", after)  # "Hundreds of dairy farmers": farmers
    head = _head_noun(after)
    found = _unit_of_noun(head, ctx.units) if head else _unit_of_noun(after, ctx.units)
    if found and found[0] == "people" and "workers" in ctx.units and _EMPLOYS.search(ctx.text[: figure.start]):
        return "workers", ""
    if found:
        return found[0], ""
    if head is None and line_of(ctx.text, figure.start) == first_line(ctx.text):
        # a title-case headline: "Lose 2,300 Pupils" counts pupils, "210,000 Harlan Water Customers" customers
        words = re.findall(r"[a-z]+", after.lower().split(",")[0])[:4]
        words = words[: next((n for n, word in enumerate(words) if word in _PHRASE_END), len(words))]
        listed = [word for word in words if word in unit_words()]  # "3,400 From Homes": no noun of its own
        head = listed[0] if listed else _head_noun(after.lower())
    before = ctx.text[max(0, figure.start - 80) : figure.start]
    number_of = re.search(r"\b(?:number|total|count)\s+of\s+(?:[a-z]+\s+)?([a-z]+s)\b[^,;.]*\b(?:to|at|of)\s+$", before)
    if number_of and not head:  # "doubled the number of water stations to 24": stations
        head = number_of.group(1)
        mapped = _unit_of_noun(head, ctx.units)
        if mapped:
            return mapped[0], ""
    if re.match(r"\s+of\s+(?:them|those|these|the)\b", after) and previous:
        return previous["unit"], "unit: of the whole named before"
    noun = head
    if noun and written.lower() in ("one", "1", "a", "an") and not noun.endswith("s"):
        noun = _IRREGULAR.get(noun.lower()) or noun + "s"  # "one sailing a day", "one child": units are plural nouns
        found = _unit_of_noun(noun, ctx.units)
        if found:
            return found[0], ""
    kind_word = unit_words().get((noun or "").lower(), "")
    if kind_word and re.search(rf"\b{re.escape(kind_word)}\b", ctx.text, re.IGNORECASE):
        noun = kind_word  # "420 ewes" in an article that speaks of sheep: counted in sheep, declared or not
    if noun:
        return noun, f"unit: {noun!r} is not a unit of this ledger; declare it or pick one"
    for marks in ((", ", "; ", ". ", "\n"), (". ", "\n")):  # the clause first, then the sentence
        clause_start = max(ctx.text.rfind(mark, 0, figure.start) for mark in marks)
        earlier = _unit_before(ctx.text[clause_start + 1 : figure.start], ctx.units)
        if earlier and previous and previous["_at"] > clause_start and _noun_of(previous, ctx) == earlier:
            return previous["unit"], "unit: the noun of the figure before, left out"  # "1,100 people ... and 2,000"
        if earlier:
            return earlier, "unit: from a noun before the figure"
        sentence_at = max(ctx.text.rfind(". ", 0, figure.start) + 2, ctx.text.rfind("\n", 0, figure.start) + 1)
        if previous and previous.get("_sentence") == sentence_at:  # a sentence opens after ". " or a paragraph
            return _counted(previous, ctx.rows), "unit: no noun beside the figure; the unit of the figure before"
    if previous:
        return _counted(previous, ctx.rows), "unit: no noun beside the figure; the unit of the figure before"
    return "", "unit: no noun beside the figure"


def _noun_of(row: dict, ctx: Context) -> str | None:
    """The unit the noun right after a drafted figure maps to ("1,100 people at sea": people)."""
    head = _head_noun(ctx.text[row["_at"] + len(row["as_written"]) : row["_at"] + len(row["as_written"]) + 60])
    found = _unit_of_noun(head, ctx.units) if head else None
    return found[0] if found else None


#: "four more walk-in clinics", "6,200 extra vaccine doses": a word that adds to a count says nothing of what it
#: counts.
_MORE = re.compile(r"^\s+(?:more|extra|additional|further|other)\s+(?=[a-z])", re.I)
#: "one child died": the plural a unit is named by, where adding an "s" does not make it.
_IRREGULAR = {"child": "children", "person": "people", "man": "men", "woman": "women"}
#: A length of time ("in two decades") is no count that a figure with no noun after it goes on with.
_LENGTH_UNITS = frozenset("seconds minutes hours days weeks months years decades centuries".split())


#: What a price in cents is per: "34 cents a litre", "41 cents to produce a litre".
_PER = re.compile(r"^\s+(?:[a-z]+\s+){0,3}?(?:a|an|per|each)\s+([a-z]+)\b")


def _per(named: str, after: str, previous: dict | None) -> str:
    """A price in cents or pence per something ("34 cents a litre": ``cents-per-litre``, the data README's example of
    a unit of cents a ledger declares), or the same unit as the figure before it in cents ("down from 40 cents last
    month"); else plain cents."""
    found = _PER.match(after)
    if found:
        return f"{named}-per-{found.group(1)}"
    if previous and previous["unit"].startswith(f"{named}-per-"):
        return previous["unit"]
    return named


def _counted(previous: dict, rows: list[dict]) -> str:
    """The unit of the figure before; past a share ("112,000 customers, a third of the 340,000"), the unit of the
    count before the share in its sentence, or none: a share counts no noun of its own, and a figure without a
    percent sign is never drafted in percent (a count of 2,340 "percent" cannot validate)."""
    if previous["unit"] in _LENGTH_UNITS:  # "... in two decades. Of those, 38 ...": a length counts no noun
        at = next((n for n, row in enumerate(rows) if row is previous), len(rows))
        counted = [row for row in rows[:at] if row["unit"] not in _LENGTH_UNITS]
        return _counted(counted[-1], rows) if counted else ""
    if previous["unit"] not in ("fraction", "percent"):
        return previous["unit"]
    at = next((n for n, row in enumerate(rows) if row is previous), len(rows))
    counted = (row for row in reversed(rows[:at]) if row["unit"] not in ("fraction", "percent"))
    same = (row["unit"] for row in counted if row.get("_sentence") == previous.get("_sentence"))
    return next(same, "")  # never a share's unit for a figure with no percent sign ("rose 62% ..., to 2,340")
