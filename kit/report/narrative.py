"""Sentences about the figures, written from the ledger and shown as Markdown, one function per section.

No figure is typed anywhere: each comes from a ledger row, formatted the way the article writes it, followed
by a numbered footnote, and every block ends with the claims it cites (who said it, the quote, the claim
id). Derived numbers come from :mod:`kit.analysis`; Markdown primitives from :mod:`kit.report.markdown`;
chart titles from :mod:`kit.report.titles`; the overview's tables from :mod:`kit.report.overview`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import pandas as pd
from IPython.display import Markdown

from kit import analysis
from kit.analysis import changes as change_rules
from kit.analysis.bounds import half_place, interval, places_of, whole_of
from kit.analysis.statements import ALL_ALLOW, ranks_of
from kit.analysis.time import OTHER_UNIT, written_of
from kit.report import limits, model, parts, units, words
from kit.report.changes import sentence as stated_change
from kit.report.changes import sizeless as sizeless_change
from kit.report.changes import unchecked as unchecked_change
from kit.report.markdown import (
    cite,
    cited,
    claim_rows,
    derived,
    escape_markdown,
    figure,
    nothing_to_show,
    who,
)
from kit.report.markdown import stated as _stated
from kit.report.markdown import when_said as _when
from kit.report.overview import article_line, distances, key_figures, provenance, sources, unlocated_places
from kit.report.params import Params
from kit.report.titles import (
    estimates_title,
    groups_title,
    map_title,
    over_time_title,
    part_title,
    share_title,
    single_figures_title,
    sources_title,
)
from kit.report.words import (
    BOUND_DRAWN,
    after_figure,
    date_words,
    plain,
    plain_with_unit,
    quantity_labels,
    upper_first,
)

__all__ = [
    "article_line",
    "groups",
    "groups_title",
    "cite",
    "cited",
    "derived",
    "distances",
    "escape_markdown",
    "estimates",
    "estimates_title",
    "figure",
    "key_figures",
    "map_title",
    "nothing_to_show",
    "over_time",
    "over_time_title",
    "part",
    "part_title",
    "plain",
    "provenance",
    "share_title",
    "shares",
    "single_figures",
    "single_figures_title",
    "sources",
    "sources_title",
    "unlocated_places",
    "who",
]


def _differs(row: pd.Series, shown: pd.DataFrame, names: Mapping[str, str]) -> str:
    """When and where an estimate applies, for a sentence, whenever the estimates shown with it differ in that, or
    one of them gives its date: the date ("on 9 March 2026"), and the place by its name ("no place given" when only
    the others name one). Estimates that agree on both and give no date read as before."""
    said = _when(row)
    whens = shown["when"].astype("string").fillna("") if "when" in shown else pd.Series("", index=shown.index)
    dated = whens.nunique() > 1 or any(_when(other) for _, other in shown.iterrows())  # one dated: all dated
    if dated and not said and whens[row.name]:
        said = escape_markdown(after_figure(str(whens[row.name])))  # ", on 9 March 2026", as date words are given
    if "place_id" in shown and shown["place_id"].astype("string").fillna("").nunique() > 1:
        place = row.get("place_id")
        said += f", place: {escape_markdown(names.get(place, place))}" if pd.notna(place) else ", no place given"
    return said


def _bounds_differ(row: pd.Series, claims: pd.DataFrame, text: str, headline: str) -> str:
    """Where the claims of one statement word it differently, the page says so and quotes each, with the rule that
    read it (kit.analysis.statements), so a reader sees every bound said, not only the one the kit kept."""
    members = claims[claims["claim_id"].isin(row["statement_claims"])].sort_values("claim_id")
    ranks = ranks_of(members, text, headline)
    quoted = "; ".join(
        f"{'the headline' if ranks[index] == 2 else escape_markdown(member['claimant_name'])}: "
        f"\u201c{escape_markdown(member['quote'])}\u201d{cite(member['claim_id'])}"
        for index, member in members.iterrows()
    )
    if row["statement_rule"] == ALL_ALLOW:
        low, high, unit = float(row["statement_low"]), float(row["statement_high"]), str(row["unit"])
        top = "" if math.isinf(high) else f" to {derived(high, unit)}"
        reading = (
            f"the kit reads it as what all of them allow, {derived(low, unit, 'at_least' if not top else 'exact')}{top}"
        )
    else:
        kept = figure(row, with_unit=True)
        reading = f"the kit reads it as {kept}, by its rule: {escape_markdown(str(row['statement_rule']))} first"
    return f"The claims of this statement differ in {_what_differs(members)} ({quoted}); {reading}."


def _what_differs(members: pd.DataFrame) -> str:
    """What the claims of one statement word differently: the figure ("1.5 million" in a headline, "1.46 million" in
    the body), the bound, or both."""
    figures = {(float(value), float(-1 if pd.isna(high) else high)) for value, high in zip(members["value"],
               members["value_high"], strict=True)}  # fmt: skip
    bounds = set(members["bound"].astype(str))
    return (
        " and ".join(name for name, differ in (("figure", len(figures) > 1), ("bound", len(bounds) > 1)) if differ)
        or "bound"
    )


def _all_ids(claims: pd.DataFrame) -> list[str]:
    """Every claim id a set of statements rests on."""
    if "statement_claims" not in claims:
        return list(claims["claim_id"])
    return [claim_id for ids in claims["statement_claims"] for claim_id in ids]


def estimates(params: Params, quantity: str) -> Markdown:
    """Every level estimate of one quantity, grouped by the side its source speaks for (:func:`estimates_of`)."""
    reading = model.read(params)
    section = model.estimates_section(reading, quantity)
    if section is None:
        return nothing_to_show(params, f"estimates of {reading.labels.get(quantity, quantity)}")
    return estimates_of(reading, section)


def estimates_of(reading: model.Reading, section: model.Estimates) -> Markdown:
    """One quantity's estimates as its section's model has them, grouped by the side each source speaks for, with
    how the chart draws them; a note for every claim of each statement."""
    seed, claims = reading.article, section.shown
    lines = [f"In \u201c{escape_markdown(seed.title)}\u201d, by the side each source speaks for:", ""]
    for side, group in claims.groupby("side", sort=False, observed=True):
        lines += [f"**{escape_markdown(upper_first(side))}**", ""]  # as the chart heads its group
        for _, row in group.iterrows():
            where = _differs(row, claims, reading.places)
            lines.append(f"- {who(row)}: {_stated(row)}: {escape_markdown(row['counts'])}{where}.")
            differ = row.get("bounds_differ") is True
            lines += [f"  {_bounds_differ(row, section.chosen, seed.text, seed.title)}"] if differ else []
        lines.append("")
    lines += [drawn_as(claims), ""]
    what, where = "estimates, the most recent", limits.claims_csv(section.quantity)
    left_out = limits.capped(len(claims), len(section.statements), what, where)
    lines += [f"*{escape_markdown(left_out)}*", ""] if left_out else []
    return cited("\n".join(lines), reading.cited(_all_ids(claims)))


def drawn_as(claims: pd.DataFrame) -> str:
    """How the chart draws the section's figures, said once (not after every figure): each bound's glyph in the
    order first met, and the hollow glyph when a forecast, target or deadline is among them."""
    said = [BOUND_DRAWN[bound] for bound in dict.fromkeys(claims["bound"].astype(str))]
    if analysis.drawn_hollow(claims).any():
        said.append("hollow for a forecast, target or deadline (expected, not measured)")
    return f"On the chart: {'; '.join(said)}."


def single_figures(params: Params) -> Markdown:
    """Each figure that is the only estimate of its quantity, in its own context: who said it, what it covers."""
    claims = analysis.single_figures(analysis.select(params))
    if claims.empty:
        return nothing_to_show(params, "figures with a single source")
    labels = quantity_labels(params.ledger)
    lines = []
    for _, row in claims.iterrows():
        lines += [f"### {escape_markdown(upper_first(labels[str(row['quantity'])]))}", ""]
        lines += [f"{_stated(row)}: {escape_markdown(row['counts'])}{_when(row)}.", ""]
        lines += [f"Who said it: {who(row)}; side: {escape_markdown(row['side'])}.", ""]
        lines += [f"> {escape_markdown(analysis.article_paragraph(row['quote'], params.ledger))}", ""]
    if claims["unit"].nunique() > 1:
        lines.append(
            "These figures count different things in different units, so each has its own chart and scale; "
            "they never share an axis."
        )
    return cited("\n".join(lines), claim_rows(params, _all_ids(claims)))


def groups(params: Params, group_unit: str) -> Markdown:
    """The group arithmetic of one unit the ledger declares a group of another (:func:`kit.report.parts.groups_of`)."""
    missing = "counts of groups with a figure of their members"
    return _one(params, lambda reading: model.groups_section(reading, group_unit), parts.groups_of, missing)


def part(params: Params, part_claim: str) -> Markdown:
    """One part set against each figure of its whole (:func:`kit.report.parts.part_of`)."""
    missing = "whole to set this part against"
    return _one(params, lambda reading: model.part_section(reading, part_claim), parts.part_of, missing)


def shares(params: Params) -> Markdown:
    """Each share and the rest of its whole (:func:`kit.report.parts.shares_of`)."""
    return _one(params, model.shares_section, parts.shares_of, "shares (figures in percent of a whole)")


def _one(params: Params, section_of: Callable, render: Callable, missing: str) -> Markdown:
    """One section's sentences for the notebook's subset: its model built from the page's reading and rendered, or
    the empty state naming what is ``missing``."""
    reading = model.read(params)
    section = section_of(reading)
    return render(reading, section) if section is not None else nothing_to_show(params, missing)


def over_time(params: Params, quantity: str) -> Markdown:
    """How one quantity's estimates moved from date to date (:func:`over_time_of`)."""
    page = model.over_time_page(params)
    found = [section for section in page.sections if section.quantity == quantity]
    if not found:
        label = page.reading.labels.get(quantity, quantity)
        return nothing_to_show(params, f"estimates of {label} at two or more dates")
    return over_time_of(page.reading, found[0])


def over_time_of(reading: model.Reading, section: model.OverTime) -> Markdown:
    """How one quantity's estimates moved from date to date, and whether each stated change fits the levels, as
    the section's model has them. The heading names the quantity; the chart's subtitle says that different dates
    are not set against each other, so the list does not say it again."""
    claims, selected = section.shown, section.claims
    lines = ["Oldest first:", ""]
    for _, row in claims.iterrows():
        ahead = str(row.get("when_kind")) in ("forecast", "deadline")
        kind = f" ({escape_markdown(row['when_kind'])})" if ahead else ""
        said = f"{_stated(row)} according to {who(row, mid=True)}"
        lines.append(f"- {escape_markdown(date_words(row['when']))}{kind}: {said}")
    what = "estimates: each date's lowest, highest and some between"
    left_out = limits.capped(len(claims), len(section.series), what, limits.claims_csv(section.quantity))
    lines += [f"- *{escape_markdown(left_out)}*"] if left_out else []
    cited_ids = _all_ids(claims)
    changes = len(section.checks)
    checks = section.checks.head(limits.LIST_ROWS)
    for check in checks.itertuples(index=False):
        change = selected.loc[check.change_claim]
        cited_ids.append(check.change_claim)
        lines += ["", _change_sentence(check, change, selected)]
        cited_ids += [claim for claim in (check.start_claim, check.end_claim) if claim]
    what, where = "stated changes, in the ledger's order", limits.claims_csv(section.quantity)
    left_out = limits.capped(len(checks), changes, what, where)
    lines += ["", f"*{escape_markdown(left_out)}*"] if left_out else []
    for change in section.stated.head(limits.LIST_ROWS).itertuples(index=False):
        lines += ["", stated_change(change, selected.loc[change.change_claim], selected.loc[change.start_claim])]
        cited_ids += [change.change_claim, change.start_claim]
    return cited("\n".join(lines), reading.cited(cited_ids))


def _change_sentence(check, change: pd.Series, claims: pd.DataFrame) -> str:
    """A stated change set against the levels it links, in words, with the numbers either way."""
    if pd.isna(change["value"]):  # stated without a size: the article's words and the direction alone
        ends = [claims.loc[claim] if claim else None for claim in (check.start_claim, check.end_claim)]
        return sizeless_change(check, change, *ends)
    when = f" {escape_markdown(words.when_written(change))}" if words.when_written(change) else ""
    said = f"{'A rise' if change['kind'] == 'rise' else 'A fall'} of {_stated(change)}{when}"
    if check.verdict == "unchecked":
        return unchecked_change(said, change)
    first, last = claims.loc[check.start_claim], claims.loc[check.end_claim]
    if check.verdict == OTHER_UNIT:
        return (
            f"{said} is in {escape_markdown(units.unit_name(str(change['unit'])))} and the levels it links in "
            f"{escape_markdown(units.unit_name(str(first['unit'])))}: the kit converts no unit, so it is not checked."
        )
    unit = str(first["unit"])  # the levels' unit: a change in percent of them is relative (kit.analysis.changes)
    # a place finer than the figures it is computed from: 32% less 28% of it is 22.52% to 23.56%, never "23% to 24%"
    places = 1 + max(places_of(float(value)) for value in (first["value"], change["value"], last["value"]))
    low, high = round(check.expected_low, places), round(check.expected_high, places)
    if math.isinf(check.expected_high):  # a level with a floor leaves the sum without a top
        expected = plain_with_unit(low, unit, "at_least")
    elif low == high:
        expected = plain_with_unit(low, unit, "exact")
    else:
        expected = plain_with_unit(low, unit, "range", high)
    verdict = "fits" if check.verdict == "consistent" else "does not fit"
    reading = ""
    if unit == str(change["unit"]) == change_rules.RELATIVE_UNIT:  # a percent of a percent: say how it was read
        points = change_rules.in_points(str(change["quote"]), written_of(change))
        reading = (
            "; the change read in percentage points" if points else "; the change read as a share of the start level"
        )
    lies = " lies within" if check.verdict == "consistent" else " lies outside"
    if check.verdict == "consistent" and not low <= float(last["value"]) <= high:  # "58%" against 58.1% to 58.3%
        lies = f", {_as_rounded(last)}, overlaps"
    return (
        f"{said} {verdict} the levels it links: {figure(first, with_unit=True)} "
        f"({escape_markdown(date_words(first['when']))}) "
        f"{'plus' if change['kind'] == 'rise' else 'less'} the change allows *{escape_markdown(expected)}*, and "
        f"{figure(last, with_unit=True)} ({escape_markdown(date_words(last['when']))})"
        f"{lies} it (the kit's arithmetic{reading})."
    )


def _as_rounded(level: pd.Series) -> str:
    """What an end level that fits by its rounding alone allows, in words: "read as rounded (57.5% to 58.5%)"."""
    value, unit = float(level["value"]), str(level["unit"])
    low, high = interval(value, str(level["bound"]), unit=unit, whole=whole_of(level))
    if low == high:  # a whole count: rounded only in the check ("23" holds 22.5 to 23.5)
        low, high = value - half_place(value), value + half_place(value)
    places = places_of(value) + 1
    return (
        f"read as rounded ({escape_markdown(plain_with_unit(round(low, places), unit, 'range', round(high, places)))})"
    )
