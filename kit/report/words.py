"""The kit's one vocabulary for figures in words: bound words, stage words, axis and legend labels.

Every sentence, chart label and legend writes a bound through :data:`BOUND_WORDS`, so a figure reads
the same on every page ("about 1,500" in the estimates chart and in the reconciliation alike).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from kit import ledger as _ledger
from kit import vocab
from kit.analysis import ABOUT_TOLERANCE, changes, field_enum, field_spec, per_measure
from kit.analysis.bounds import open_figure
from kit.analysis.time import written_of
from kit.figures import format_figure, format_with_unit, rest_in_words, unit_noun

#: How each bound reads before a figure, from the registry (kit/vocab/bounds.csv).
BOUND_WORDS = {name: row.words for name, row in vocab.bounds().items()}
#: How each bound is drawn, in words, so the narrative explains the chart's marks.
BOUND_DRAWN = {name: row.drawn for name, row in vocab.bounds().items()}
#: The mark each bound is drawn with on a chart (its legend key).
DRAWN_AS = {name: row.mark for name, row in vocab.bounds().items()}
#: The glyph each mark draws.
GLYPH_OF = {row.mark: row.glyph for row in vocab.bounds().values()}


def tolerance_words(tolerance: float = ABOUT_TOLERANCE) -> str:
    """The reading of "about" in words, for legends and page notes: "within 10%"."""
    return f"within {format_figure(tolerance * 100, 'percent')}"


#: Legend entries, one per kind of mark: the registry's, and the kit's own marks for implied figures.
LEGEND_TEXT = {row.mark: row.legend.format(tolerance=tolerance_words()) for row in vocab.bounds().values()} | {
    "implied_bar": "the rest of the whole (the kit's arithmetic)",
    "implied_point": "implied by the kit's arithmetic",
    "bar": "the share as stated",
    "implied_point_whisker": "implied, about (the kit's arithmetic)",
    "reference": "reference line",
    "hollow": "hollow: expected (a forecast, target or deadline)",
    "hollow_bar": "hollow: expected (a forecast, target or deadline)",
}


def plain(value: float, unit: str, bound: str = "exact", high: float | None = None) -> str:
    """A figure for chart text (not Markdown): bound words and the article's style; a range (hedged or vague too) as
    its bound words and "low to high"."""
    if bound in vocab.ranged() and high is not None:
        return f"{BOUND_WORDS[bound]}{format_figure(value, unit)} to {format_figure(high, unit)}"
    return f"{BOUND_WORDS[bound]}{format_figure(value, unit)}"


def figure_text(row: object, unit: str) -> str:
    """A claim's figure for chart text, as the article gives it: a vague amount in its own words ("thousands": the
    interval its words allow is the kit's reading, and neither end is a figure the article gives), a share in words
    as :func:`fraction_words` gives it ("a third", never "33.333333%"), any other figure as :func:`plain` writes it."""
    get = row.get if hasattr(row, "get") else lambda key, default=None: getattr(row, key, default)
    bound, written = str(get("bound", "exact")), get("as_written", None)
    if bound == "vague" and isinstance(written, str) and written.strip():
        return " ".join(written.split()).lower()  # "Thousands of homes" opening a sentence: "thousands"
    in_words = fraction_words(row) if high_of(row) is None else None
    if in_words:
        return BOUND_WORDS[bound] + in_words[0]
    return plain(float(get("value")), unit, bound, high_of(row))


def per_period(row: object) -> str:
    """A rate's period after its figure (" a day", " a week": kit/vocab/periods.csv), "" for a figure with none: a
    rate is never written as a bare count."""
    get = row.get if hasattr(row, "get") else lambda key, default=None: getattr(row, key, default)
    period = get("period", None)
    return f" {vocab.periods()[period]}" if isinstance(period, str) and period else ""


def per_unit(row: object) -> str:
    """A size per unit after its figure (" per resident": kit.analysis.per_measure), "" for any other figure: "$40
    a year" for "$40 per resident each year" reads as a total."""
    get = row.get if hasattr(row, "get") else lambda key, default=None: getattr(row, key, default)
    per = get("per", None)
    if get("kind", None) != "per_unit" or not isinstance(per, str) or not per:
        return ""
    return f" {per_measure(unit_noun(per))}"


def fraction_words(row: object) -> tuple[str, str] | None:
    """A share in percent written as a fraction or ratio in words, as (its words, the rest of its whole in the same
    words): "a Third" in a headline gives ("a third", "two-thirds"), "one in five" ("one in five", "four in five");
    None for any other figure. Pages and charts write such a share in its words, never 33.333333%."""
    get = row.get if hasattr(row, "get") else lambda key, default=None: getattr(row, key, default)
    written = get("as_written", None)
    if get("unit", None) != "percent" or not isinstance(written, str) or any(char.isdigit() for char in written):
        return None
    rest = rest_in_words(written)
    return None if rest is None else (" ".join(written.split()).lower(), rest)


def share_and_rest(row: pd.Series, high: float | None = None) -> tuple[str, str, bool]:
    """A share's chart text and the rest of its whole's (``rest`` and ``rest_bound``, kit.analysis), with whether
    they are the article's words: a fraction or ratio in words as :func:`fraction_words` gives it, else percents."""
    bound, rest_bound, in_words = str(row["bound"]), str(row["rest_bound"]), fraction_words(row)
    if in_words:
        return BOUND_WORDS[bound] + in_words[0], BOUND_WORDS[rest_bound] + in_words[1], True
    return plain(row["value"], "percent", bound, high), plain(row["rest"], "percent", rest_bound), False


def side_words(side: str) -> str:
    """A side in a sentence: a name as it is ("Ukraine"), a common noun as a side ("the news outlet side"), never
    "speaking for news outlet"."""
    return side if side[:1].isupper() else f"the {side} side"


def percentage_points(value: float) -> str:
    """A change between two percents in percentage points: "12 percentage points", "1 percentage point"."""
    return f"{format_figure(value, 'points')} percentage point{'' if value == 1 else 's'}"


def in_points(row: Mapping) -> bool:
    """Whether a claim is a rise or fall in percent that its quote writes in percentage points ("up 6.5 percentage
    points"): its figure is then written so, never "a rise of 6.5%" (kit.analysis.changes.in_points)."""
    if str(row.get("unit")) != changes.RELATIVE_UNIT or str(row.get("kind")) not in vocab.kinds_where(change=True):
        return False
    return changes.in_points(str(row.get("quote") or ""), written_of(row))


def plain_with_unit(value: float, unit: str, bound: str = "exact", high: float | None = None) -> str:
    """A figure with its unit and bound words: "about 1,500 people", "1,800 to 2,100 structures"."""
    if bound in vocab.ranged() and high is not None:
        return f"{BOUND_WORDS[bound]}{format_figure(value, unit)} to {format_with_unit(high, unit)}"
    return f"{BOUND_WORDS[bound]}{format_with_unit(value, unit)}"


def upper_first(text: str) -> str:
    """A label at the start of a heading: its first letter upper case, the rest as the ledger writes it
    ("Branch libraries closing on Sundays", never str.capitalize's "sundays")."""
    return text[:1].upper() + text[1:]


def high_of(row: object) -> float | None:
    """A claim's high end when its bound is a range, else None: what every figure writer passes on."""
    get = row.get if hasattr(row, "get") else lambda key, default=None: getattr(row, key, default)
    high = get("value_high", None)
    if str(get("bound", "exact")) not in vocab.ranged() or high is None or pd.isna(high):
        return None
    return float(high)


def date_words(when: str) -> str:
    """A ``when`` (ISO 8601 date, month, year or period) in words: "8 April 2025", "April 2025", "2026",
    "24 February 2025 to 2 March 2025"; "undated" for the empty ``when``."""
    if not when:
        return "undated"
    parts = []
    for part in str(when).split("/"):
        layout = {10: "%-d %B %Y", 7: "%B %Y"}.get(len(part), "%Y")
        parts.append(pd.Timestamp(part if len(part) != 4 else f"{part}-01-01").strftime(layout))
    return " to ".join(parts)


def on_date(when: str) -> str:
    """A date as a sentence opens with it, at its resolution: "On 8 April 2025", "In April 2025", "In 2026",
    "From 24 February 2025 to 2 March 2025"."""
    if "/" in str(when):
        return f"From {date_words(when)}"
    return f"{'On' if len(str(when)) == 10 else 'In'} {date_words(when)}"


def after_figure(when: str) -> str:
    """A resolved date written after a figure in a sentence: ", on 8 April 2025", ", in 2026"."""
    opening = on_date(when)
    return f", {opening[:1].lower()}{opening[1:]}"


def place_names(ledger: str | os.PathLike | None = None) -> dict[str, str]:
    """Each place's name as the article gives it, by place_id: how a sentence says where a figure applies."""
    return _ledger.places(ledger).set_index("place_id")["name"].astype(str).to_dict()


def role_words(ledger: str | os.PathLike | None = None) -> dict[str, str]:
    """How each place role reads in a legend: the ledger's own labels, else the role with spaces.

    Labels are data: the data package may give ``categories`` (Table Schema) with a ``label`` per role.
    """
    return role_words_of(_ledger.package(ledger))


def role_words_of(package: dict) -> dict[str, str]:
    """:func:`role_words` of a data package already read."""
    labels = {role: role.replace("_", " ") for role in field_enum(package, "places", "role")}
    for category in field_spec(package, "places", "role").get("categories", []):
        if isinstance(category, dict) and "value" in category and "label" in category:
            labels[str(category["value"])] = str(category["label"])
    return labels


def quantity_labels(ledger: str | os.PathLike | None = None) -> dict[str, str]:
    """What each quantity counts, in words a reader understands ("residents evacuated from the valley").

    Labels are data: the data package's ``quantities`` object gives a ``label`` per quantity slug. A quantity
    without one reads as its slug with spaces, never as a bare key in a title.
    """
    return labels_of(_ledger.package(ledger), _ledger.claims(ledger))


def labels_of(package: dict, claims: pd.DataFrame) -> dict[str, str]:
    """:func:`quantity_labels` of a ledger already read: its data package and its claims."""
    declared = package.get("quantities", {})
    labels = {}
    for slug in claims["quantity"].astype(str).unique():
        entry = declared.get(slug) if isinstance(declared, dict) else None
        label = entry.get("label") if isinstance(entry, dict) else None
        labels[slug] = str(label) if label else slug.replace("-", " ").replace("_", " ")
    return labels


def allowed_words(low: float, high: float, show: Callable[[float], str], closed: str = "{low} to {high}") -> str:
    """The values an interval allows, in words, each end shown by ``show``: a floor alone "at least N" (open: "more
    than N"), a ceiling alone "up to N" (open: "less than N"), one value alone as itself, two closed ends by the
    ``closed`` pattern, and two ends of which one is open as "more than A and at most B" (or "at least A and less
    than B"). An open end (:func:`kit.analysis.bounds.open_figure`) is never worded as if its figure were allowed."""
    low_open, high_open = open_figure(low, "low"), open_figure(high, "high")
    if high == math.inf:
        return f"more than {show(low_open)}" if low_open is not None else f"at least {show(low)}"
    if low <= 0:
        return f"less than {show(high_open)}" if high_open is not None else f"up to {show(high)}"
    if low == high:
        return show(low)
    if low_open is None and high_open is None:
        return closed.format(low=show(low), high=show(high))
    floor = f"more than {show(low_open)}" if low_open is not None else f"at least {show(low)}"
    ceiling = f"less than {show(high_open)}" if high_open is not None else f"at most {show(high)}"
    return f"{floor} and {ceiling}"


def when_written(row: Mapping) -> str | None:
    """When a figure applies, in the article's words, to write after the figure ("14,000 boats last week"); None when
    the article does not say. A possessive is the article's grammar, not the date's: "this year's harvest" writes
    "this year"."""
    written = row.get("when_written")
    if written is None or pd.isna(written) or not str(written).strip():
        return None
    return re.sub(r"['\u2019]s$", "", str(written).strip())


def distinct(names: Iterable[object], roles: Iterable[object]) -> list[str]:
    """Names a chart can label one bar each: a name two sources share ("the unions", of two cities) followed by each
    one's role ("the unions (Pau unions)"), and by a number where the roles are the same too; a chart that draws
    one bar per label would otherwise add the two sources' statements into one bar."""
    pairs = [(str(name), str(role)) for name, role in zip(names, roles, strict=True)]
    shared = {name for name, _ in pairs if sum(other == name for other, _ in pairs) > 1}
    labels = [f"{name} ({role})" if name in shared and role and role != name else name for name, role in pairs]
    repeated = {label for label in labels if labels.count(label) > 1}
    seen: dict[str, int] = {}
    for index, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        labels[index] = f"{label} ({seen[label]})" if label in repeated else label
    return labels
