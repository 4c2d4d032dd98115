"""One drafted claim from one uncovered figure: the text alone, read as a curator would read it.

What each column is drafted from: the figure and its kind from the coverage finder (:mod:`kit.ledger.shapes`);
``value`` and ``value_high`` from :mod:`kit.figures`; ``bound`` from the hedge vocabulary, read as the validator
reads it (:mod:`kit.ledger.hedges`); ``unit`` from the noun the figure counts, mapped to the ledger's declared
units through ``kit/vocab/unit_words.csv`` (a currency sign gives the currency, a percent sign ``percent``, "640
of them" the unit of the whole); ``quote`` the figure's clause, verbatim; ``when_written`` and ``when`` from
:mod:`kit.ledger.draft_when`; the claimant from :mod:`kit.ledger.draft_who`; ``kind`` from the words (a change's
verb, "of them", a percent). What is guessed rather than read is said in the row's ``draft_note``.

The unit rule is :mod:`kit.ledger.draft_units`.

Figures a curator never records are not drafted: dates, years, times, page residue (a short line with no
sentence, a caption), names with digits ("Highway 41"), ordinals, vague amounts the kit has no interval for (one it
has, "Hundreds of farmers", is drafted as the data README records it: bound vague, its interval), ratios and multiples,
whose reading the ledger model leaves to the curator, a person a sentence introduces ("One owner, who ...") and an
age after a name ("Dara Quinn, 34,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from kit import vocab
from kit.figures import parse_range, read_figure
from kit.ledger import draft_share, draft_unnamed, draft_when
from kit.ledger.hedges import Vocabulary, read_bound
from kit.ledger.shapes import HEDGE, Figure, value_of

#: Kinds of figure a curator records as claims; the others (dates, residue, ordinals...) are never drafted.
DRAFTED_KINDS = frozenset({"change", "range", "fraction", "ratio", "money", "percent", "number", "count"})
_RISE = re.compile(r"\b(?:ris|rose|grow|grew|increas|climb|jump|soar|surg|up\b|rais|boost|gain|expand|swell)", re.I)
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Calif|Ariz|Fla|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov"
    r"|Dec|No|vs|U\.S|U\.K|Inc|Ltd|Co)|\b[A-Z])\.$"
)
_LABEL_LINE = re.compile(r"^\s*(?:Photo|Watch|Video|Read more|Listen|Graphic|Caption|Related)\b[^:]{0,20}:", re.I)
#: Capitalised words that stand before a figure without making it a name ("Some 450 000", "About 300").
_NOT_NAMES = frozenset(
    "Some About Around Nearly Almost Roughly Approximately Over Under Only Just More Fewer Less At Up Of In By The"
    " All Another And But Then Since With Exactly Barely Still An Estimated Last Nearly Only"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
#: Lowercase nouns that name a thing by its number ("bus route 17", "gate 4", "flight 370"): the figure is a name.
_NAME_NOUNS = re.compile(
    r"\b(?:route|flight|gate|platform|terminal|runway|highway|motorway|interstate|line|bus|tram|train|pier|bay"
    r"|exit|junction|ward|room|suite|block|building|hangar|lane|channel|district|zone|berth|dock"
    r"|apollo|mission|phase|stage|tier|grade|article|section|clause|chapter)\s*$",
    re.IGNORECASE,
)
#: Words before a name noun that make it a verb ("would train 24 officers", "to block 40 lorries").
_VERB_BEFORE = re.compile(
    r"\b(?:to|will|would|could|can|may|might|must|should|shall|did|does|do|not|also|then|and|they|we|it|he|she)\s*$",
    re.IGNORECASE,
)
_VAGUE = re.compile(r"(?i)\b(?:dozens|hundreds|thousands|millions|billions|several|a few|tens of)\b")


@dataclass
class Context:
    """What drafting one article needs: its text, publication date, outlet, units and hedges, and the rows so far."""

    text: str
    published: date | None
    outlet: str
    units: list[str]
    words: Vocabulary
    rows: list[dict] = field(default_factory=list)  # drafted so far, with their figure's start in "_at"


def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of every sentence; a line break ends a paragraph."""
    found, paragraph, at = [], 0, 0
    for line in text.split("\n"):
        if line.strip():
            paragraph += 1
            start = at
            for match in re.finditer(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9$£€])", line):
                if _ABBREVIATIONS.search(line[: match.start() + 1]):
                    continue
                found.append((start, at + match.end(), paragraph))
                start = at + match.end()
            found.append((start, at + len(line), paragraph))
        at += len(line) + 1
    return [(start + len(_lead(text[start:end])), end, number) for start, end, number in found]


def _lead(piece: str) -> str:
    return piece[: len(piece) - len(piece.lstrip())]


def line_of(text: str, at: int) -> str:
    """The line of the text a position falls on (a headline, a caption, a paragraph)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : len(text) if end == -1 else end]


def first_line(text: str) -> str:
    """The first line with words: the headline."""
    return next((line for line in text.split("\n") if line.strip()), "")


#: "cut by a Fifth", "a third of": a part word after "a"/"one" that counts a share of something, not a rank.
_PART_AFTER_A = re.compile(r"\b(?:by|up|down|about|nearly|almost|roughly|some)?\s*\b(?:a|one)[\s-]$", re.IGNORECASE)
_PART_WORDS = frozenset({"third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})


def as_fraction(figure: Figure, text: str) -> Figure:
    """An ordinal the finder reads in "by a Fifth" (title case in a headline, or no "of" after it) is a fraction:
    "a"/"one" and a part word after a change ("by", "up", "down") or before "of"; other figures as they are."""
    if figure.kind != "ordinal" or figure.text.lower() not in _PART_WORDS:
        return figure
    before = _PART_AFTER_A.search(text[max(0, figure.start - 12) : figure.start])
    if not before or not (
        before.group().strip().lower().startswith(("by", "up", "down")) or text[figure.end :].startswith(" of")
    ):
        return figure
    start = figure.start - len(re.search(r"(?:a|one)[\s-]$", before.group(), re.IGNORECASE).group())
    return replace(figure, start=start, text=text[start : figure.end], kind="fraction")


def skip_reason(figure: Figure, text: str) -> str | None:
    """Why a figure is not drafted (it is not a claim a curator records), or None to draft it."""
    if figure.kind not in DRAFTED_KINDS or draft_share.is_rate(figure, figure.text):
        return f"a {figure.kind}"
    line = line_of(text, figure.start)
    if line != first_line(text):
        if _LABEL_LINE.match(line):
            return "a caption or link line"
        if len(line.split()) < 6 and not re.search(r"[.!?][\"”’]?\s*$", line):
            return "page residue"
    before = re.search(r"([A-Z][\w-]*|No\.|#)\s*$", text[max(0, figure.start - 30) : figure.start])
    headline = line == first_line(text)  # title case: every word is capitalised
    if (
        figure.kind == "number"
        and before
        and before.group(1) not in _NOT_NAMES
        and "," not in figure.text
        and not headline
    ):
        return "a name with digits"
    line_at = text.rfind("\n", 0, figure.start) + 1
    inside = ((line_at + start, line_at + end) for start, end, _ in draft_when.phrases(line))
    if any(start <= figure.start and figure.end <= end for start, end in inside):
        return "part of a date phrase"
    name = _NAME_NOUNS.search(text[max(0, figure.start - 30) : figure.start])
    if figure.kind in ("number", "count") and name and not _VERB_BEFORE.search(name.string[: name.start()]):
        return "a name with digits"
    vague = _VAGUE.search(figure.text) or value_of(figure.text) is None
    if figure.kind == "count" and vague and vocab.vague_interval(figure.text) is None:
        return "a vague amount the kit has no interval for"
    if (
        figure.text == "One"
        and _ONE_PERSON.match(text, figure.end)
        and re.search(r"(?:^|[.!?\n]\s*)$", text[: figure.start])
    ):
        return "one person introduced, not a count"  # "One owner, who did not want to be named, said"
    if draft_unnamed.counts_speakers(text, figure.start, figure.end):
        return "the number of unnamed speakers, not a figure"  # "two people familiar with the plan said"
    if _AGE.search(text[max(0, figure.start - 40) : figure.start]) and re.fullmatch(r"\d{1,3}", figure.text):
        if re.match(r"[,.;]|\s*$", text[figure.end : figure.end + 1]) and int(figure.text) < 120:
            return "an age"  # "One runner, Dara Quinn, 34, collapsed"; "said grower Ana Pires, 58."
    return None


#: "One owner, who ...", "One runner, Dara Quinn, ...": a person the sentence introduces.
_ONE_PERSON = re.compile(r"\s+[a-z]+,")
#: A person's name and a comma right before a number: the person's age.
_AGE = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z'’-]+,\s$")


def _clause(sentence: str, at: int) -> tuple[int, int]:
    """The clause of a sentence that holds position ``at``: cut at semicolons and at ", and/but/while/which" (also
    where a quotation opens after the comma: ', "while rents went up 11% last year')."""
    cuts = [0]
    pattern = (
        r";\s+|,\s+[\"“]?(?=(?:and|but|while|whereas|which|of which|when|after|up from|down from|against|compared with"
        r"|citing)\b)|\s+and that\s+"
        r"|\s+and\s+(?=(?:could|would|will|may|might|can|should|must|has|have)\s)"  # "and could fine", "and has since"
    )
    for match in re.finditer(pattern, sentence):
        cuts.append(match.end() if match.end() <= at else match.start())
    cuts.append(len(sentence))
    starts = [cut for cut in cuts if cut <= at]
    ends = [cut for cut in cuts if cut > at]
    start, end = max(starts), min(ends)
    closed = sentence.find(", ", at, end) if sentence[start:].startswith("which ") else -1
    end = closed if closed > 0 else end  # "..., which cost £410 million, would ...": the relative clause alone
    piece = sentence[start:end]
    trimmed = piece.strip().rstrip(".,")
    offset = start + len(piece) - len(piece.lstrip())
    if trimmed[:1] in '"“' and trimmed.count(trimmed[0]) == 1 and "”" not in trimmed:
        offset, trimmed = offset + 1, trimmed[1:]
    return offset, offset + len(trimmed)


def as_written(figure: Figure) -> str:
    """The figure as the ledger writes it: a range from its first number to its last, a change its amount."""
    text = figure.text
    if figure.kind == "range":
        return re.sub(r"^(?i:between)\s+", "", text)
    if figure.kind == "change":
        amount = re.search(r"\bby\s+(.+)$|(?:from\s+.+\s+to\s+)(.+)$", text)
        if amount:
            text = amount.group(1) or amount.group(2)
        elif (first := _AMOUNT_FIRST.match(text)) and values(first["amount"])[0] is not None:
            text = first["amount"]  # "12% rise": 12%
        else:
            text = re.sub(r"^\S+\s+(?:of\s+)?", "", text)  # "fall of roughly 2,300": roughly 2,300
            if re.search(r"\s(?:drop|fall|rise|increase|cut|jump|gain)s?$", text):
                text = re.sub(r"\s+\S+$", "", text)
        text = re.sub(rf"^(?:{HEDGE})\s+", "", text)
        text = re.sub(r"^(?i:between)\s+", "", text)  # "fell by between 40% and 45%": a range, 40% and 45%
    return text.strip()


#: A change written amount first, its noun after it ("a 12% rise", "a 3% fall").
_AMOUNT_FIRST = re.compile(r"^(?P<amount>.+?)\s+(?:drop|fall|rise|increase|decrease|cut|jump|gain|decline)s?$", re.I)


def values(written: str) -> tuple[float | None, float | None]:
    """(value, value_high) of a figure as written, a vague amount's the interval its words allow
    (kit/vocab/vague.csv); (None, None) when the kit cannot read it."""
    ends = parse_range(written) or vocab.vague_interval(written)
    if ends is not None:
        return ends
    number = read_figure(written)
    if number is None:
        read = value_of(written)
        number = read[0] if read else None
    return number, None


def bound(quote: str, written: str, words: Vocabulary) -> str:
    """The bound the quote's words allow, read as the validator reads it; the finest when two are allowed (the
    registry lists each bound after the coarser one it refines, and every hedge after the unqualified reading)."""
    if vocab.vague_interval(written) is not None:
        return "vague"  # "Hundreds of farmers": the data README records a vague amount as a claim, bound vague
    reading = read_bound(quote, written, words)
    if reading is None:
        return "exact"
    return next(name for name in reversed(vocab.names()) if name in reading.allowed)


def kind(figure: Figure, written: str, ctx: Context, bound_: str) -> str:
    """What the figure is, where the words say it: a change by its verb, a part "of them", a share a percent."""
    if figure.kind == "change" and not re.match(r"(?i:from)\b", figure.text):
        return "rise" if _RISE.search(figure.text) else "fall"
    after = ctx.text[figure.end : figure.end + 40]
    if re.match(r"\s+(?:[a-z]+\s+)?of\s+(?:them|those|these)\b", after):
        return "part"
    if re.search(r"%|per\s?cent|percent", figure.text, re.I) or figure.kind in draft_share.SHARE_KINDS:
        return "share"
    return "level"


def counts(clause: str, figure_end: int) -> str:
    """What the figure counts, in the clause's own words after it (a curator rewrites them)."""
    words = re.findall(r"[\w'’-]+", clause[figure_end:])[:6]
    return " ".join(words) or "what the figure counts"


def slug(text: str, limit: int = 40) -> str:
    """Lowercase words joined by hyphens, as ledger ids are written."""
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")[:limit].strip("-")
