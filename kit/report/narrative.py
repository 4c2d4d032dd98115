"""Sentences about the figures, written from the ledger and shown as Markdown.

No figure is typed anywhere: each comes from a ledger row, formatted the way the article writes it,
followed by its claim_id in superscript, and every block ends with the list of claims it cites (id, who
said it, the quote). Derived numbers come from :mod:`kit.analysis`; Markdown primitives from
:mod:`kit.report.markdown`; chart titles from :mod:`kit.report.titles`.
"""

from __future__ import annotations

import os

import pandas as pd
from IPython.display import Markdown

from kit import analysis
from kit import ledger as _ledger
from kit.report.markdown import (
    article_title,
    cite,
    cited,
    claim_rows,
    derived,
    escape_markdown,
    figure,
    nothing_to_show,
    who,
)
from kit.report.params import Params
from kit.report.titles import (
    batch_title,
    brigades_title,
    map_title,
    munitions_title,
    recruitment_title,
    sources_title,
    troops_title,
)
from kit.report.words import BOUND_DRAWN, plain

__all__ = [
    "batch_title",
    "brigades",
    "brigades_title",
    "cite",
    "cited",
    "derived",
    "distances",
    "escape_markdown",
    "figure",
    "first_batch",
    "key_figures",
    "map_title",
    "munitions_and_aid",
    "munitions_and_aid_claims",
    "munitions_title",
    "nothing_to_show",
    "plain",
    "provenance",
    "recruitment",
    "recruitment_title",
    "sources",
    "sources_title",
    "troops",
    "troops_title",
    "unlocated_places",
    "who",
]


# -- notebook 1: troops ---------------------------------------------------------------------------


def troops(params: Params) -> Markdown:
    """Every troop figure, grouped by the side its source speaks for, with how the chart draws it."""
    claims = analysis.select(params, topic="troops")
    if claims.empty:
        return nothing_to_show(params, "troop figures")
    lines = [f"Troop figures in \u201c{article_title(params)}\u201d, by the side each source speaks for:", ""]
    for side, group in claims.groupby("side", sort=False, observed=True):
        lines.append(f"**{escape_markdown(side)}**")
        lines.append("")
        for _, row in group.iterrows():
            when = f", by {escape_markdown(row['deadline'])}" if pd.notna(row["deadline"]) else ""
            drawn = (
                f"Drawn as {BOUND_DRAWN[str(row['bound'])]}."
                if row["unit"] == "soldiers" and row["basis"] == "total"
                else "See the brigade arithmetic below."
            )
            lines.append(
                f"- {who(row)}: {figure(row, with_unit=True)}: {escape_markdown(row['counts'])}{when}. {drawn}"
            )
        lines.append("")
    return cited("\n".join(lines), claims)


def brigades(params: Params) -> Markdown:
    """The brigade arithmetic: what each source's brigade count and soldier figure imply."""
    claims = analysis.select(params, topic="troops")
    table = analysis.brigade_arithmetic(claims)
    if table.empty:
        return nothing_to_show(params, "brigade counts with a soldier figure")
    by_id = claims.set_index("claim_id", drop=False)
    lines = []
    for _, row in table.iterrows():
        count = by_id.loc[row["brigades_claim"]]
        name = escape_markdown(row["claimant_name"])
        if row["per_brigade_implied"]:
            total = by_id.loc[row["total_claim"]]
            lines.append(
                f"- {name}: {figure(count, with_unit=True)} totalling {figure(total, with_unit=True)} imply "
                f"{derived(row['per_brigade'], 'soldiers', str(row['per_brigade_bound']))} a brigade "
                "(total divided by brigades; the kit's arithmetic)."
            )
        else:
            size = by_id.loc[row["per_brigade_claim"]]
            lines.append(
                f"- {name}: {figure(count, with_unit=True)} of {figure(size)} soldiers each imply "
                f"{derived(row['total'], 'soldiers', str(row['total_bound']), with_unit=True)} in all "
                "(brigades times size; the kit's arithmetic)."
            )
    totals = sorted(set(table["total"]))
    sizes = table.sort_values(["per_brigade", "claimant"], kind="stable")
    if len(table) > 1 and len(totals) == 1:
        lines.append("")
        different = sizes["per_brigade"].nunique() > 1
        lines.append(
            f"The accounts reach the same total, {derived(totals[0], 'soldiers', with_unit=True)}, "
            + (
                "with brigades of different sizes: "
                + " against ".join(
                    derived(row["per_brigade"], "soldiers", str(row["per_brigade_bound"]))
                    for _, row in sizes.iterrows()
                )
                + " a brigade."
                if different
                else "with brigades of the same size."
            )
        )
    elif len(table) > 1:
        lines.append("")
        lines.append(
            f"The accounts do not agree: totals run from {derived(totals[0], 'soldiers')} to "
            f"{derived(totals[-1], 'soldiers', with_unit=True)}."
        )
    rows = claim_rows(params, [*table["brigades_claim"], *table["per_brigade_claim"], *table["total_claim"]])
    return cited("\n".join(lines), rows)


def first_batch(params: Params) -> Markdown:
    """Partial troop figures (a first batch) set against each estimate of the total."""
    by_id = analysis.select(params, topic="troops").set_index("claim_id", drop=False)
    shares = analysis.batch_shares(by_id.reset_index(drop=True))
    if shares.empty:
        return nothing_to_show(params, "partial troop figures to set against a total")
    lines = []
    for batch_id, group in shares.groupby("batch_claim", sort=False):
        batch = by_id.loc[batch_id]
        when = f" by {escape_markdown(batch['deadline'])}" if pd.notna(batch["deadline"]) else ""
        lines.append(
            f"{escape_markdown(batch['claimant_name'])} give {figure(batch, with_unit=True)}{when}: "
            f"{escape_markdown(batch['counts'])}. Against each estimate of the total, that is:"
        )
        lines.append("")
        for _, share in group.iterrows():
            total = by_id.loc[share["total_claim"]]
            lines.append(
                f"- {derived(share['share'], 'percent', str(share['share_bound']))} of {figure(total)} "
                f"({escape_markdown(total['claimant_name'])})"
            )
        lines.append("")
    rows = claim_rows(params, [*shares["batch_claim"], *shares["total_claim"]])
    return cited("\n".join(lines), rows)


# -- notebook 2: munitions and aid ----------------------------------------------------------------


def munitions_and_aid(params: Params) -> Markdown:
    """Each munitions or aid figure in its own context: who said it, what it covers, the article's words."""
    claims = munitions_and_aid_claims(params)
    if claims.empty:
        return nothing_to_show(params, "munitions or aid figures")
    lines = []
    for _, row in claims.iterrows():
        lines.append(f"### {escape_markdown(str(row['topic']).capitalize())}")
        lines.append("")
        lines.append(f"{figure(row, with_unit=True)}: {escape_markdown(row['counts'])}.")
        lines.append("")
        lines.append(f"Who said it: {who(row)}; side: {escape_markdown(row['side'])}.")
        lines.append("")
        lines.append(f"> {escape_markdown(analysis.article_paragraph(row['quote'], params.ledger))}")
        lines.append("")
    if claims["unit"].nunique() > 1:
        lines.append(
            "These figures count different things in different units, so each has its own chart and scale; "
            "they never share an axis."
        )
    return cited("\n".join(lines), claims)


def munitions_and_aid_claims(params: Params) -> pd.DataFrame:
    """The claims notebook 2 shows: munitions and aid."""
    return analysis.select_topics(params, ("munitions", "aid"))


# -- notebook 3: recruitment ----------------------------------------------------------------------


def recruitment(params: Params) -> Markdown:
    """The recruitment claim, who made it, the shortfall it implies and the article's own context."""
    claims = analysis.recruitment_shortfalls(analysis.select(params, topic="recruitment"))
    if claims.empty:
        return nothing_to_show(params, "recruitment figures")
    lines = []
    for _, row in claims.iterrows():
        lines.append(
            f"{who(row)}, speaking for {escape_markdown(row['side'])}, claimed {figure(row)}: "
            f"{escape_markdown(row['counts'])}."
        )
        lines.append("")
        lines.append(
            f"Taken at face value, that leaves {derived(row['shortfall'], 'percent', str(row['bound']))} of the "
            "plan unfilled. The article does not state this shortfall: it is the kit's arithmetic "
            "(the whole plan less the share claimed)."
        )
        lines.append("")
        lines.append("The article sets the claim in this context:")
        lines.append("")
        lines.append(f"> {escape_markdown(analysis.article_paragraph(row['quote'], params.ledger))}")
        lines.append("")
    return cited("\n".join(lines), claims)


# -- notebook 4: overview -------------------------------------------------------------------------


def key_figures(params: Params) -> Markdown:
    """The key figures table: figure as written, what it counts, bound, who said it, the quote."""
    claims = analysis.select(params)
    if claims.empty:
        return nothing_to_show(params, "figures")
    lines = [
        "| Figure | What it counts | Bound | Who said it | Side | Quote | Claim |",
        "|---|---|---|---|---|---|---|",
    ]
    for _, row in claims.iterrows():
        cells = [
            f"**{escape_markdown(row['as_written'])}**",
            escape_markdown(row["counts"]),
            escape_markdown(str(row["bound"]).replace("_", " ")),
            who(row),
            escape_markdown(row["side"]),
            f"\u201c{escape_markdown(row['quote'])}\u201d",
            escape_markdown(row["claim_id"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return Markdown("\n".join(lines))


def distances(params: Params) -> Markdown:
    """Great-circle distances from the training bases to the front, and the places the map cannot show."""
    table = analysis.distances_to_front(params.ledger)
    lines = []
    if table.empty:
        lines.append("**Nothing to show:** the ledger has no training base and front with coordinates.")
    else:
        lines.append(
            "Distances as the crow flies: great circles by the haversine formula on a sphere of the mean Earth "
            "radius, rounded, because each base is placed at the centre of its city:"
        )
        lines.append("")
        for _, row in table.iterrows():
            lines.append(
                f"- {escape_markdown(row['base'])} to {escape_markdown(row['front'])}: "
                f"{derived(row['km_rounded'], 'km')} km"
            )
    unlocated = unlocated_places(params.ledger)
    if unlocated:
        lines.append("")
        lines.append(
            "Not on the map, because the article names no point for them: "
            + ", ".join(escape_markdown(name) for name in unlocated)
            + "."
        )
    return Markdown("\n".join(lines))


def unlocated_places(ledger: str | os.PathLike | None = None) -> list[str]:
    """Names of places with precision 'unlocated': listed beside the map, never plotted."""
    places = _ledger.places(ledger)
    return [str(name) for name in places[places["precision"] == "unlocated"]["name"]]


def sources(params: Params) -> Markdown:
    """Who gives the selected figures, grouped by the side each speaks for."""
    claims = analysis.select(params)
    table = analysis.sources_by_side(claims, params.ledger)
    if table.empty:
        return nothing_to_show(params, "sources")
    lines = ["| Side | Source | Role | Named in the article | Figures given |", "|---|---|---|---|---|"]
    for _, row in table.iterrows():
        lines.append(
            f"| {escape_markdown(row['side'])} | {escape_markdown(row['name'])} | {escape_markdown(row['role'])} "
            f"| {escape_markdown(row['named'])} | {row['figures']} |"
        )
    return Markdown("\n".join(lines))


def provenance(params: Params) -> Markdown:
    """Which data this page shows: the article and the ledger version (package version plus a content hash)."""
    return Markdown(
        f"Data: the ledger of \u201c{article_title(params)}\u201d, version "
        f"<code>{escape_markdown(_ledger.ledger_version(params.ledger))}</code>. "
        f"Selection: {escape_markdown(params.describe())}."
    )
