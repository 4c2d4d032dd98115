"""Sentences about the figures, written from the ledger and shown as Markdown, one function per section.

No figure is typed anywhere: each comes from a ledger row, formatted the way the article writes it, followed
by a numbered footnote, and every block ends with the claims it cites (who said it, the quote, the claim
id). Derived numbers come from :mod:`kit.analysis`; Markdown primitives from :mod:`kit.report.markdown`;
chart titles from :mod:`kit.report.titles`; the overview's tables from :mod:`kit.report.overview`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
from IPython.display import Markdown

from kit import analysis
from kit.analysis.statements import ALL_ALLOW, ranks_of
from kit.report import limits, model
from kit.report.changes import sentence as stated_change
from kit.report.changes import sizeless as sizeless_change
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
from kit.report.overview import article_line, distances, key_figures, provenance, sources, unlocated_places
from kit.report.params import Params
from kit.report.titles import (
    estimates_title,
    groups_title,
    map_title,
    over_time_title,
    part_title,
    share_ends,
    share_title,
    single_figures_title,
    sources_title,
)
from kit.report.words import (
    BOUND_DRAWN,
    date_words,
    high_of,
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


def _when(row: pd.Series) -> str:
    """When a figure applies, as the article words it, for a sentence: ", last week" or "" (also when what the
    figure counts already says it: "vessels diverted in the first week of the strike")."""
    written = row.get("when_written")
    if pd.isna(written) or str(written).lower() in str(row.get("counts", "")).lower():
        return ""
    return f", {escape_markdown(written)}"


def _differs(row: pd.Series, shown: pd.DataFrame, names: Mapping[str, str]) -> str:
    """When and where an estimate applies, for a sentence, whenever the estimates shown with it differ in that:
    the article's words for the date (or the date itself), and the place by its name ("no place given" when
    only the others name one). Estimates that agree on both read as before: their date as the article words it."""
    said = _when(row)
    whens = shown["when"].astype("string").fillna("") if "when" in shown else pd.Series("", index=shown.index)
    if whens.nunique() > 1 and not said:
        said = f", {escape_markdown(date_words(str(whens[row.name])))}"
    if "place_id" in shown and shown["place_id"].astype("string").fillna("").nunique() > 1:
        place = row.get("place_id")
        said += f", place: {escape_markdown(names.get(place, place))}" if pd.notna(place) else ", no place given"
    return said


def _stated(row: pd.Series) -> str:
    """A claim's figure in a sentence, ranges as the article gives them, with a footnote for every claim that
    states it (a headline and a body sentence stating the same figure are one statement, both cited)."""
    ids = row["statement_claims"] if isinstance(row.get("statement_claims"), tuple) else (row["claim_id"],)
    return figure(row, with_unit=True, cites=ids)


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
    return f"The claims of this statement differ in bound ({quoted}); {reading}."


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


def _a(unit: str) -> str:
    """One of a unit with its article, for "about 500 a crew"."""
    one = analysis.one_of(unit)
    return f"{'an' if one[:1].lower() in 'aeiou' else 'a'} {one}"


def groups(params: Params, group_unit: str) -> Markdown:
    """The group arithmetic of one unit the ledger declares a group of another: what each source's count of
    groups and figure of their members imply."""
    claims = analysis.select(params)
    table = analysis.group_arithmetic(claims)
    table = table[table["group_unit"] == group_unit]
    if table.empty:
        return nothing_to_show(params, "counts of groups with a figure of their members")
    by_id = claims.set_index("claim_id", drop=False)
    member, each = str(table["member_unit"].iloc[0]), _a(group_unit)
    lines = []
    for _, row in table.iterrows():
        count = by_id.loc[row["groups_claim"]]
        name = escape_markdown(row["claimant_name"])
        if row["per_group_implied"]:
            total = by_id.loc[row["total_claim"]]
            lines.append(
                f"- {name}: {figure(count, with_unit=True)} totalling {figure(total, with_unit=True)} imply "
                f"{derived(row['per_group'], member, str(row['per_group_bound']))} {each} "
                f"(total divided by {group_unit})."
            )
        else:
            size = by_id.loc[row["per_group_claim"]]
            lines.append(
                f"- {name}: {figure(count, with_unit=True)} of {figure(size)} {member} each imply "
                f"{derived(row['total'], member, str(row['total_bound']), with_unit=True)} in all "
                f"({group_unit} times size)."
            )
    totals = sorted(set(table["total"]))
    sizes = table.sort_values(["per_group", "claimant"], kind="stable")
    if len(table) > 1 and len(totals) == 1:
        lines.append("")
        different = sizes["per_group"].nunique() > 1
        lines.append(
            f"The accounts reach the same total, {derived(totals[0], member, with_unit=True)}, "
            + (
                f"with {group_unit} of different sizes: "
                + " against ".join(
                    derived(row["per_group"], member, str(row["per_group_bound"])) for _, row in sizes.iterrows()
                )
                + f" {each}."
                if different
                else f"with {group_unit} of the same size."
            )
        )
    elif len(table) > 1:
        lines.append("")
        lines.append(
            f"The accounts do not agree: totals run from {derived(totals[0], member)} to "
            f"{derived(totals[-1], member, with_unit=True)}."
        )
    lines += ["", "Figures in italics are the kit's arithmetic, not figures in the article."]
    rows = claim_rows(params, [*table["groups_claim"], *table["per_group_claim"], *table["total_claim"]])
    return cited("\n".join(lines), rows)


def part(params: Params, part_claim: str) -> Markdown:
    """One part (a claim of kind part) set against each figure of its whole, as a share of each."""
    by_id = analysis.select(params).set_index("claim_id", drop=False)
    shares = analysis.part_shares(by_id.reset_index(drop=True))
    shares = shares[shares["part_claim"] == part_claim]
    if shares.empty:
        return nothing_to_show(params, "whole to set this part against")
    piece = by_id.loc[part_claim]
    total = len(shares)
    wholes = limits.most_recent(by_id[by_id["claim_id"].isin(shares["whole_claim"])], limits.CHART_ROWS)
    shares = shares[shares["whole_claim"].isin(wholes["claim_id"])]  # the figures of the whole the chart draws
    lines = [
        f"{escape_markdown(piece['claimant_name'])}: {_stated(piece)}{_when(piece)} (the heading says what it "
        "counts). Against each figure for the whole, that is:",
        "",
    ]
    for _, share in shares.iterrows():
        whole = by_id.loc[share["whole_claim"]]
        lines.append(
            f"- {derived(share['share'], 'percent', str(share['share_bound']), high=high_of(share_ends(share)))} "
            f"of {figure(whole)} "
            f"({escape_markdown(whole['claimant_name'])}{_when(whole)})"
        )
    left_out = limits.capped(len(shares), total, "figures of the whole, the most recent", limits.claims_csv())
    lines += [f"- *{escape_markdown(left_out)}*"] if left_out else []
    lines += ["", "The shares are the kit's arithmetic (the part divided by the whole), not figures in the article."]
    return cited("\n".join(lines), claim_rows(params, [part_claim, *shares["whole_claim"]]))


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


def shares(params: Params) -> Markdown:
    """Each share as the article frames it, who stated it, and the rest of its whole (the kit's arithmetic)."""
    claims = analysis.share_complements(analysis.select(params))
    if claims.empty:
        return nothing_to_show(params, "shares (figures in percent of a whole)")
    total = len(claims)
    claims = limits.most_recent(claims, limits.CHART_ROWS)  # the shares the chart draws
    lines = []
    for _, row in claims.iterrows():
        rest = derived(row["rest"], "percent", str(row["rest_bound"]))
        lines += [
            f"{who(row)}, speaking for {escape_markdown(row['side'])}: {figure(row)}{_when(row)}, "
            f"{escape_markdown(row['counts'])}.",
            "",
            f"Taken at face value, the rest of the whole is {rest}.",
            "",
            "The article sets the figure in this context:",
            "",
            f"> {escape_markdown(analysis.article_paragraph(row['quote'], params.ledger))}",
            "",
        ]
    left_out = limits.capped(len(claims), total, "shares, the most recent", limits.claims_csv())
    lines += [f"*{escape_markdown(left_out)}*", ""] if left_out else []
    lines.append("The article does not state the rest: it is the kit's arithmetic (the whole less the share stated).")
    return cited("\n".join(lines), claim_rows(params, list(claims["claim_id"])))


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
    are a series, not a conflict, so the list does not say it again."""
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
    when = f" {escape_markdown(change['when_written'])}" if pd.notna(change.get("when_written")) else ""
    said = f"{'A rise' if change['kind'] == 'rise' else 'A fall'} of {_stated(change)}{when}"
    if check.verdict == "unchecked":
        return f"{said} has no level at both ends of its period to check it against."
    first, last = claims.loc[check.start_claim], claims.loc[check.end_claim]
    unit = str(change["unit"])
    if math.isinf(check.expected_high):  # a level with a floor leaves the sum without a top
        expected = plain_with_unit(round(check.expected_low), unit, "at_least")
    else:
        expected = plain_with_unit(round(check.expected_low), unit, "range", round(check.expected_high))
    verdict = "fits" if check.verdict == "consistent" else "does not fit"
    return (
        f"{said} {verdict} the levels it links: {figure(first, with_unit=True)} "
        f"({escape_markdown(date_words(first['when']))}) "
        f"{'plus' if change['kind'] == 'rise' else 'less'} the change allows *{escape_markdown(expected)}*, and "
        f"{figure(last, with_unit=True)} ({escape_markdown(date_words(last['when']))}) "
        f"{'lies within' if check.verdict == 'consistent' else 'lies outside'} it (the kit's arithmetic)."
    )
