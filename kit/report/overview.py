"""The overview page's tables and lines: key figures, distances, sources by side, and provenance."""

from __future__ import annotations

import os
import re

import pandas as pd
from IPython.display import Markdown

from kit import analysis, vocab
from kit import ledger as _ledger
from kit.report import limits, model, units, words
from kit.report.markdown import claim_mark, derived, escape_markdown, figure, nothing_to_show, when_dated, who
from kit.report.params import Params


def key_figures(params: Params) -> Markdown:
    """The key figures table of the notebook's subset (:func:`key_figures_of`)."""
    claims = analysis.select(params, every_status=True)
    return key_figures_of(claims) if len(claims) else nothing_to_show(params, "figures")


def key_figures_of(claims: pd.DataFrame) -> Markdown:
    """The key figures table: figure as written, what it counts, when (where any figure has a date: one source's
    "500,000 people" of two days are two rows that must not read alike), bound, who said it, the quote; and, when
    any figure is not stated as fact (a request, a pledge, a target, a forecast), a status column saying so."""
    statuses = analysis.statuses(claims)
    labelled = not analysis.is_estimate(claims).all()
    dates = {index: when_dated(row).removeprefix(", ") for index, row in claims.iterrows()}
    dated = any(dates.values())
    lines = [
        f"| Figure | What it counts |{' When |' * dated} Bound |{' Status |' * labelled} Who said it | Side | Quote |",
        "|---|---|---|---|---|---|" + "---|" * labelled + "---|" * dated,
    ]
    total = len(claims)
    claims = limits.most_recent(claims, limits.TABLE_ROWS)
    for index, row in claims.iterrows():
        sized = pd.notna(row["value"])  # a change stated without a size shows its words and no bound
        written = str(row["as_written"])
        if vocab.bounds()[str(row["bound"])].ranged and " and " in written:  # "between 300 and 350", not "300 and 350"
            written = f"between {written}"
        written = units.with_unit(written, str(row["unit"]), row["value"]) if sized else written
        written += words.per_unit(row) + words.per_period(row)  # "$40 per resident a year", "900 fish a day"
        cells = [
            f"**{escape_markdown(written)}**" + claim_mark(row["claim_id"]),
            escape_markdown(row["counts"]),
            *([dates[index]] if dated else []),  # already escaped (kit.report.markdown.when_dated)
            escape_markdown(vocab.bounds()[str(row["bound"])].short if sized else "no size given"),
            *([escape_markdown(vocab.statuses()[statuses[index]].label)] if labelled else []),
            who(row),
            escape_markdown(row["side"]),
            f"\u201c{escape_markdown(row['quote'])}\u201d",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    left_out = limits.capped(len(claims), total, "figures, the most recent", limits.claims_csv())
    return Markdown(
        "\n".join(lines) + (f"\n\n*{escape_markdown(left_out)}*" if left_out else "") + not_estimates(claims)
    )


def not_estimates(claims: pd.DataFrame) -> str:
    """The line under the key figures naming each figure that is not stated as fact, in its status words, with what
    it counts and whose it is ("a request for at least 2,000 tents (tents for the camp), according to the camp
    director"): why the estimates pages neither draw
    nor count it; empty when none. Without what it counts, "a pledge of up to €2.10" hides that it is per bird."""
    statuses = analysis.statuses(claims)
    said = [  # the figure first and its source after "according to": "Northwire: a pledge of €20 million" read as
        # the outlet's own pledge where the outlet reported the European Union's
        f"{escape_markdown(vocab.statuses()[statuses[index]].words)} {figure(row, True, ())}"
        + _when_words(row)
        + (f" ({escape_markdown(str(row['counts']))})" if isinstance(row.get("counts"), str) and row["counts"] else "")
        + f", according to {who(row)}"
        for index, row in claims[~analysis.is_estimate(claims)].iterrows()
    ]
    return f"\n\nNot estimates, so never drawn, counted or reconciled as one: {'; '.join(said)}." if said else ""


def _when_words(row: pd.Series) -> str:
    """When a figure not stated as fact applies, in the article's words after it ("by December", "this year"); a
    bare year or day is given its preposition ("in 2027", "on 3 May"), never "€10.5 billion 2027"."""
    written = words.when_written(row)
    if not written:
        return ""
    if written[:1].isdigit():
        year = re.fullmatch(r"\d{4}", written) is not None
        written = f"{'in' if year else 'on'} {written}"
    return f" {escape_markdown(written)}"


def selected_places(params: Params) -> pd.DataFrame:
    """The places of the page's selection, which its map shows and its distances name (kit.report.model.Places)."""
    return model.places_of(model.read(params)).places


def routes(params: Params) -> pd.DataFrame:
    """The distances the ledger declares (from places of one role to places of another) between places of the
    page's selection."""
    return model.places_of(model.read(params)).routes


def unlocated_selected(params: Params) -> list[str]:
    """Names of the selection's places with precision 'unlocated': listed beside the map, never plotted."""
    return list(model.places_of(model.read(params)).unlocated)


#: Precisions whose point stands for an area (a region's or a country's main city): listed, never drawn as a point.
AREAS = model.AREAS


def areas_selected(params: Params) -> list[str]:
    """Names of the selection's places whose precision makes them areas (:data:`AREAS`): listed beside the map, not
    plotted as a point, unless a declared distance is measured to or from them (then the distance says so)."""
    return list(model.places_of(model.read(params)).areas)


def distances(params: Params) -> Markdown:
    """The distances and the places the map cannot show, for the notebook's subset (:func:`distances_of`)."""
    return distances_of(model.places_of(model.read(params)))


def distances_of(places: model.Places) -> Markdown:
    """Great-circle distances between the place roles the ledger declares, and the places the map cannot show, for the
    page's selection of places."""
    table = places.routes
    lines = []
    if not table.empty:  # a ledger that declares no distances (or has no such places) says nothing of them
        lines.append(
            "Distances as the crow flies: great circles by the haversine formula on a sphere of the mean Earth "
            "radius, rounded (to tens of kilometres from a hundred up), because each place is a point that stands "
            "for its city, site or region:"
        )
        lines.append("")
        for _, row in table.iterrows():
            lines.append(
                f"- {escape_markdown(row['from'])} to {escape_markdown(row['to'])}: "
                f"{derived(row['km_rounded'], 'km')} km"
            )
    for why, names in (
        ("because the article names no point for them", places.unlocated),
        ("because each is an area, not a point", places.areas),
    ):
        if names:
            named = ", ".join(escape_markdown(name) for name in names[: limits.TABLE_ROWS])
            more = len(names) - limits.TABLE_ROWS
            rest = f", and {more} more in the ledger's places.csv" if more > 0 else ""
            lines += ["", f"Not on the map, {why}: {named}{rest}."]
    return Markdown("\n".join(lines))


def unlocated_places(ledger: str | os.PathLike | None = None) -> list[str]:
    """Names of places with precision 'unlocated': listed beside the map, never plotted."""
    places = _ledger.places(ledger)
    return [str(name) for name in places[places["precision"] == "unlocated"]["name"]]


def sources(params: Params) -> Markdown:
    """Who gives the selected figures, grouped by side (:func:`sources_table`)."""
    table = model.overview_page(params).sources
    return sources_table(table) if len(table) else nothing_to_show(params, "sources")


def sources_table(table: pd.DataFrame) -> Markdown:
    """Who gives the selected figures (of every status: a pledge is a statement too), grouped by side: the overview
    page's ``sources`` (kit.analysis.sources_by_side) as a table."""
    lines = ["| Side | Source | Role | Named in the article | Statements given |", "|---|---|---|---|---|"]
    for _, row in table.iterrows():
        lines.append(
            f"| {escape_markdown(row['side'])} | {escape_markdown(row['name'])} | {escape_markdown(row['role'])} "
            f"| {escape_markdown(row['named'])} | {row['figures']} |"
        )
    return Markdown("\n".join(lines))


def provenance(params: Params) -> Markdown:
    """Which data this page shows: the article (outlet and date, or that it is undated) and the ledger version
    (package version plus a content hash)."""
    article = _ledger.article(params.ledger)
    return Markdown(
        f"Data: the ledger of \u201c{escape_markdown(article.title)}\u201d ({escape_markdown(_line(article))}), "
        f"version <code>{escape_markdown(_ledger.ledger_version(params.ledger))}</code>. "
        f"Selection: {escape_markdown(params.describe())}."
    )


def article_line(ledger: str | os.PathLike | None = None) -> str:
    """Outlet and publication date in words: "Valley Wire, 14 August 2025", or "outlet not recorded, undated"."""
    return _line(_ledger.article(ledger))


def _line(article: _ledger.Article) -> str:
    outlet = article.outlet or "outlet not recorded"
    if article.published is None:
        return f"{outlet}, undated"
    when = article.published.strftime("%-d %B %Y" + (", %H:%M" if article.published_time else ""))
    return f"{outlet}, {when}"
