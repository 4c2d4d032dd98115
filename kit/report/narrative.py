"""Sentences about the figures, written from the ledger and shown as Markdown.

No figure is typed anywhere: each comes from a ledger row, formatted the way
the article writes it, followed by its claim_id in superscript, and every
block ends with the list of claims it cites (id, who said it, the quote).
Derived numbers come from :mod:`kit.analysis`.

All ledger text passes through :func:`escape_markdown` before it reaches a
Markdown output, so a name or quote shows literally, whatever it contains.
"""

from __future__ import annotations

import os

import pandas as pd
from IPython.display import Markdown

from kit import analysis
from kit import ledger as _ledger
from kit.figures import format_figure, format_with_unit
from kit.report.params import Params

#: How each bound reads before a figure.
BOUND_WORDS = {"exact": "", "about": "about ", "at_least": "at least ", "up_to": "up to "}
#: How each bound is drawn, in words, so the narrative explains the chart's marks.
BOUND_DRAWN = {
    "exact": "a solid bar (an exact count)",
    "about": "a dot with a whisker (an approximate figure)",
    "at_least": "a floor with an arrow pointing up the scale (at least this many)",
    "up_to": "a ceiling with an arrow pointing down the scale (no more than this)",
}

_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|~^=:<>&\"'")
#: MathJax 2 (nbconvert) and MathJax 3 (JupyterLab) skip elements of these classes.
_NO_MATH = "tex2jax_ignore mathjax_ignore"


def escape_markdown(text: object) -> str:
    """Ledger text made inert for Markdown, HTML and MathJax: it shows exactly as written.

    Markdown and HTML punctuation becomes numeric character references, which every Markdown
    renderer shows literally and never parses as syntax. A dollar sign or backslash becomes a
    character reference inside a span MathJax is told to skip: the Markdown source has no ``$`` or
    ``\\`` to start math, and the page MathJax scans has none outside a skipped span.
    Line breaks become spaces (one ledger cell, one line).
    """
    out = []
    for char in " ".join(str(text).splitlines()):
        if char in "$\\":  # the characters that open MathJax math: $ and \( \[
            out.append(f'<span class="{_NO_MATH}">&#{ord(char)};</span>')
        elif char in _MARKDOWN_SPECIAL:
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def cite(claim_id: str) -> str:
    """A claim's id in superscript after the figure it backs, so every figure is traceable."""
    return f"<sup>[{escape_markdown(claim_id)}]</sup>"


def figure(row: pd.Series, with_unit: bool = False) -> str:
    """A claim's figure as the article writes it, with its bound in words and its citation."""
    written = format_with_unit(row["value"], row["unit"]) if with_unit else format_figure(row["value"], row["unit"])
    return f"{BOUND_WORDS[str(row['bound'])]}**{escape_markdown(written)}**{cite(row['claim_id'])}"


def derived(value: float, unit: str, bound: str = "exact", with_unit: bool = False) -> str:
    """A number computed by kit.analysis, in the article's style, marked as the kit's arithmetic."""
    written = format_with_unit(value, unit) if with_unit else format_figure(value, unit)
    return f"{BOUND_WORDS[bound]}*{escape_markdown(written)}*"


def who(row: pd.Series) -> str:
    """Claimant name and role, escaped."""
    return f"{escape_markdown(row['claimant_name'])} ({escape_markdown(row['claimant_role'])})"


def claims_cited(rows: pd.DataFrame) -> str:
    """The footnote list of a block: claim id, who said it, and the article's words, for each claim cited."""
    lines = ["", "", "Claims cited:", ""]
    for _, row in rows.drop_duplicates("claim_id").sort_values("claim_id").iterrows():
        lines.append(
            f"- <sup>[{escape_markdown(row['claim_id'])}]</sup> {escape_markdown(row['claimant_name'])}: "
            f"\u201c{escape_markdown(row['quote'])}\u201d"
        )
    return "\n".join(lines)


def nothing_to_show(params: Params, what: str) -> Markdown:
    """The empty state: says what is missing and for which subset, instead of failing."""
    return Markdown(
        f"**Nothing to show:** the ledger has no {escape_markdown(what)} for {escape_markdown(params.describe())}."
    )


def _title(params: Params) -> str:
    return escape_markdown(_ledger.article(params.ledger).title)


def _rows(params: Params, ids: list[str]) -> pd.DataFrame:
    claims = _ledger.claims_with_sources(params.ledger)
    return claims[claims["claim_id"].isin([claim for claim in ids if claim])]


# -- notebook 1: troops ---------------------------------------------------------------------------


def troops(params: Params) -> Markdown:
    """Every troop figure, grouped by the side its source speaks for, with how the chart draws it."""
    claims = analysis.select(params, topic="troops")
    if claims.empty:
        return nothing_to_show(params, "troop figures")
    lines = [f"Troop figures in \u201c{_title(params)}\u201d, by the side each source speaks for:", ""]
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
    return Markdown("\n".join(lines) + claims_cited(claims))


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
    cited = _rows(params, [*table["brigades_claim"], *table["per_brigade_claim"], *table["total_claim"]])
    return Markdown("\n".join(lines) + "\n" + claims_cited(cited))


def first_batch(params: Params) -> Markdown:
    """Partial troop figures (a first batch) set against each estimate of the total."""
    claims = analysis.select(params, topic="troops")
    shares = analysis.batch_shares(claims)
    if shares.empty:
        return nothing_to_show(params, "partial troop figures (such as a first batch) to set against a total")
    by_id = claims.set_index("claim_id", drop=False)
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
    cited = _rows(params, [*shares["batch_claim"], *shares["total_claim"]])
    return Markdown("\n".join(lines) + claims_cited(cited))


# -- notebook 2: munitions and aid ----------------------------------------------------------------


def munitions_and_aid(params: Params) -> Markdown:
    """Each munitions or aid figure in its own context: who said it, what it covers, the article's words."""
    claims = _munitions_and_aid_claims(params)
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
    return Markdown("\n".join(lines) + claims_cited(claims))


def _munitions_and_aid_claims(params: Params) -> pd.DataFrame:
    claims = analysis.select(params)
    return claims[claims["topic"].isin(["munitions", "aid"])].reset_index(drop=True)


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
    return Markdown("\n".join(lines) + claims_cited(claims))


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


# -- chart titles: the finding, in words ------------------------------------------------------------


def plain(value: float, unit: str, bound: str = "exact") -> str:
    """A figure for chart text (not Markdown): bound words and the article's style."""
    return f"{BOUND_WORDS[bound]}{format_figure(value, unit)}"


def troops_title(drawn: pd.DataFrame) -> str:
    """The finding of the troop chart: the spread of the figures."""
    low, high = drawn["value"].min(), drawn["value"].max()
    if low == high:
        return f"Every troop figure shown is {format_with_unit(high, 'soldiers')}"
    return f"Troop figures run from {format_figure(low, 'soldiers')} to {format_with_unit(high, 'soldiers')}"


def brigades_title(table: pd.DataFrame) -> str:
    """The finding of the brigade chart: whether the brigade accounts reach the same total."""
    totals = sorted(set(table["total"]))
    if len(totals) == 1 and len(table) > 1:
        return f"Different brigade counts, same total: {format_with_unit(totals[0], 'soldiers')}"
    if len(totals) == 1:
        return f"{table['claimant_name'].iloc[0]}'s brigades add up to {format_with_unit(totals[0], 'soldiers')}"
    return (
        f"Brigade accounts total {format_figure(totals[0], 'soldiers')} to {format_with_unit(totals[-1], 'soldiers')}"
    )


def batch_title(shares: pd.DataFrame) -> str:
    """The finding of the first-batch chart: the batch as a share of the largest estimate of the total."""
    largest = shares.sort_values(["total", "total_claim"], ascending=[False, True], kind="stable").iloc[0]
    return (
        f"A first batch of {format_with_unit(largest['batch'], 'soldiers')} is "
        f"{plain(largest['share'], 'percent', str(largest['share_bound']))} of the largest estimate"
    )


def recruitment_title(row: pd.Series) -> str:
    """The finding of the recruitment chart: the claim and what it leaves."""
    return (
        f"{row['claimant_name']} claimed {plain(row['value'], 'percent', str(row['bound']))}, "
        f"leaving {plain(row['shortfall'], 'percent', str(row['bound']))} of the plan unfilled"
    )


def munitions_title(claims: pd.DataFrame) -> str:
    """The finding of the munitions and aid chart: different things, different scales."""
    parts = [format_with_unit(row["value"], row["unit"]) for _, row in claims.iterrows()]
    if len(parts) == 1:
        return f"{parts[0]}: {claims['counts'].iloc[0]}"
    return f"{', '.join(parts[:-1])} and {parts[-1]} measure different things"


def map_title(distances: pd.DataFrame) -> str:
    """The finding of the map: how far the training bases are from the front."""
    if distances.empty:
        return "Places the article names"
    low, high = distances["km_rounded"].min(), distances["km_rounded"].max()
    front = distances["front"].iloc[0]
    return f"Training bases lie {format_figure(low, 'km')} to {format_figure(high, 'km')} km from {front}"


def sources_title(table: pd.DataFrame) -> str:
    """The finding of the sources chart: which side gives the most figures."""
    per_side = table.groupby("side", sort=False, observed=True)["figures"].sum()
    most = per_side.max()
    top = [str(side) for side, count in per_side.items() if count == most]
    if len(top) == 1:
        whole = format_figure(per_side.sum(), "figures")
        return f"Most figures come from {top[0]}: {format_figure(most, 'figures')} of {whole}"
    return f"{', '.join(top[:-1])} and {top[-1]} give the most figures, {format_figure(most, 'figures')} each"


def provenance(params: Params) -> Markdown:
    """Which data this page shows: the article and the ledger version (package version plus a content hash)."""
    return Markdown(
        f"Data: the ledger of \u201c{_title(params)}\u201d, version "
        f"<code>{escape_markdown(_ledger.ledger_version(params.ledger))}</code>. "
        f"Selection: {escape_markdown(params.describe())}."
    )
