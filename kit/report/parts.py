"""The parts-and-shares page in words: a part against each figure of its whole, each share with the rest of its
whole, and what counts of groups imply; each rendered from the page's model (kit.report.model), reading nothing
more. Every derived number is the kit's arithmetic (kit.analysis), said so once per section."""

from __future__ import annotations

import math

from IPython.display import Markdown

from kit import analysis
from kit.analysis.subset import paragraph_in
from kit.report import limits, model
from kit.report.markdown import cited, derived, escape_markdown, figure, stated, when_dated, who
from kit.report.titles import share_ends
from kit.report.words import BOUND_WORDS, fraction_words, high_of, side_words, upper_first


def _a(unit: str) -> str:
    """One of a unit with its article, for "about 500 a crew"."""
    one = analysis.one_of(unit)
    return f"{'an' if one[:1].lower() in 'aeiou' else 'a'} {one}"


def groups_of(reading: model.Reading, section: model.Groups) -> Markdown:
    """The group arithmetic of one unit the ledger declares a group of another: what each source's count of
    groups and figure of their members imply."""
    table, group_unit = section.table, section.unit
    by_id = reading.selected.set_index("claim_id", drop=False)
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
    rows = reading.cited([*table["groups_claim"], *table["per_group_claim"], *table["total_claim"]])
    return cited("\n".join(lines), rows)


def part_of(reading: model.Reading, section: model.Part) -> Markdown:
    """One part (a claim of kind part) set against each figure of its whole the section shows, as a share of each."""
    by_id = reading.selected.set_index("claim_id", drop=False)
    piece, shares, total = section.piece, section.shares, section.total
    lines = [
        f"{escape_markdown(piece['claimant_name'])}: {stated(piece)}{when_dated(piece)}. "
        "Against each figure for the whole, that is:",
        "",
    ]
    for _, share in shares.iterrows():
        whole = by_id.loc[share["whole_claim"]]
        against = f"{figure(whole)} ({escape_markdown(whole['claimant_name'])}{when_dated(whole)})"
        if not share["share_bound"]:  # both open on the same side: "more than 1,200 of at least 10,000"
            lines.append(f"- no share follows against {against}: both figures are open on the same side")
            continue
        high = high_of(share_ends(share))
        lowest, highest = analysis.interval(float(share["share"]), str(share["share_bound"]), high=high)
        beyond = (  # a part cannot outnumber its whole: past 100% the two figures cannot both be right
            ": more than the whole, so the part and this figure of the whole cannot both be right"
            if lowest > 100
            else ": past 100% the part would outnumber this figure of the whole"
            if 100 < highest < math.inf  # an open share ("at least 21%") has no top to speak of
            else ""
        )
        lines.append(
            f"- {derived(share['share'], 'percent', str(share['share_bound']), high=high)} of {against}{beyond}"
        )
    left_out = limits.capped(len(shares), total, "figures of the whole, the most recent", limits.claims_csv())
    lines += [f"- *{escape_markdown(left_out)}*"] if left_out else []
    lines += ["", "The shares are the kit's arithmetic (the part divided by the whole), not figures in the article."]
    return cited("\n".join(lines), reading.cited([piece["claim_id"], *shares["whole_claim"]]))


def shares_of(reading: model.Reading, section: model.Shares) -> Markdown:
    """Each share as the article frames it, who stated it, and the rest of its whole (the kit's arithmetic)."""
    claims, total = section.shown, len(section.every)  # the shares the chart draws
    lines = []
    for _, row in claims.iterrows():
        in_words = fraction_words(row)  # the rest of "a third" is two-thirds, never 66.666667%
        rest = derived(row["rest"], "percent", str(row["rest_bound"]))
        rest = f"{BOUND_WORDS[str(row['rest_bound'])]}*{escape_markdown(in_words[1])}*" if in_words else rest
        lines += [
            f"{upper_first(who(row))}, speaking for {escape_markdown(side_words(str(row['side'])))}: "
            f"{figure(row)}{when_dated(row)}, "
            f"{escape_markdown(row['counts'])}.",
            "",
            f"Taken at face value, the rest of the whole is {rest}.",
            "",
            "The article sets the figure in this context:",
            "",
            f"> {escape_markdown(paragraph_in(row['quote'], reading.article.text))}",
            "",
        ]
    left_out = limits.capped(len(claims), total, "shares, the most recent", limits.claims_csv())
    lines += [f"*{escape_markdown(left_out)}*", ""] if left_out else []
    lines.append("The article does not state the rest: it is the kit's arithmetic (the whole less the share stated).")
    return cited("\n".join(lines), reading.cited(list(claims["claim_id"])))
