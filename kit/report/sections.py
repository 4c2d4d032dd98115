"""The pages' sections, made from the data: a section appears only where the ledger has what it needs, and its
heading is written from the ledger with it. A page with no section says it is not applicable, and why, in a
way ``python -m kit run`` reads (a distinct status, never "ok").

Each function returns the sections of one kind for the page's subset; :func:`show` displays them in a
notebook: the heading, the narrative, the chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from IPython.display import Markdown, display

from kit import analysis, vocab
from kit.report import charts, factbox, limits, model, narrative, parts, reconciliation_chart, time_chart, words
from kit.report import overview as overview_words
from kit.report import reconciliation as reconciliation_words
from kit.report.map import places_map_of
from kit.report.markdown import escape_markdown, nothing_to_show
from kit.report.marks import Chart
from kit.report.params import Params

#: The output metadata key that tells ``kit run`` a page is not applicable, with the reason.
STATUS_KEY = "kit"


@dataclass
class Section:
    """One section of a page: a heading from the data, then sentences and charts."""

    heading: str
    blocks: list[Markdown | Chart | None] = field(default_factory=list)


#: What the estimates page needs, in words: it draws levels only, so a ledger whose shares two sources give at one
#: date is told where those are set side by side, never that it has no figures two statements estimate.
ESTIMATES_NEEDS = (
    "count or amount that two or more statements estimate at one date (shares and sizes per unit are set side by "
    "side on the reconciliation page)"
)


def estimates(params: Params) -> list[Section]:
    """A section per quantity that two or more level estimates give in the ledger, showing the subset's estimates
    of it by source and side: rendered from the page's model (kit.report.model), built once."""
    return _rendered(model.estimates_page(params), "Estimates of {}", narrative.estimates_of, charts.estimates_of)


def _rendered(page: model.Page, heading: str, sentences: Callable, chart: Callable) -> list[Section]:
    """A section per section of the page's model, headed by its quantity's label (``heading`` a format, the label
    upper case first when it opens the heading), with its sentences and its chart rendered from the model."""
    return [
        Section(
            heading.format(words.upper_first(section.label) if heading.startswith("{") else section.label),
            [sentences(page.reading, section), chart(page.reading, section)],
        )
        for section in page.sections
    ]


def single_figures(params: Params) -> list[Section]:
    """One section for the figures that are the only estimate of their quantity: a fact box, a card per figure
    (kit.report.factbox), since figures of different things share no axis."""
    reading = model.read(params)  # the page's model: its reading and the facts it shows
    found = factbox.facts_of(reading)
    return [Section("Figures from a single source", [factbox.fact_box_of(reading, found)])] if found else []


def parts_and_shares(params: Params) -> list[Section]:
    """A section per part set against its whole, one for the shares, one per unit of groups the ledger declares:
    rendered from the page's model."""
    page = model.parts_page(params)
    reading = page.reading
    found = [
        Section(
            f"A part against its whole: {section.piece['counts']}",
            [parts.part_of(reading, section), charts.part_of(reading, section)],
        )
        for section in page.parts
    ]
    left_out = limits.capped(len(page.parts), page.parts_total, "parts, in the ledger's order", limits.claims_csv())
    if left_out:
        found.append(Section("Other parts", [Markdown(escape_markdown(left_out))]))
    if page.shares is not None:
        blocks = [parts.shares_of(reading, page.shares), charts.shares_of(reading, page.shares)]
        found.append(Section("Shares and the rest of the whole", blocks))
    for section in page.groups:  # each unit the ledger groups by
        blocks = [parts.groups_of(reading, section), charts.group_arithmetic_of(reading, section)]
        found.append(Section(f"What the {analysis.one_of(section.unit)} counts imply", blocks))
    return found


def over_time(params: Params) -> list[Section]:
    """A section per quantity estimated at two or more dates: the series and any stated change checked, rendered
    from the page's model."""
    return _rendered(model.over_time_page(params), "{} over time", narrative.over_time_of, time_chart.over_time_of)


def reconciliation(params: Params) -> list[Section]:
    """One section when a quantity has two or more estimates at one date: which can all be right, rendered from
    the page's model."""
    page = model.reconciliation_page(params)
    if page.contested.empty:
        return []
    blocks = [
        reconciliation_words.narrative_of(page),
        reconciliation_chart.chart_of(page),
        reconciliation_words.pairs_table_of(page),
    ]
    return [Section("Which estimates can all be right", blocks)]


def overview(params: Params) -> list[Section]:
    """The whole subset on one page: every figure (of every status), the places the article locates, and the
    sources by side; rendered from the page's model."""
    page = model.overview_page(params)
    if page.every.empty:
        return []
    found = [Section("Key figures", [overview_words.key_figures_of(page.every)])]
    if not page.reading.place_rows.dropna(subset=["latitude", "longitude"]).empty:  # the ledger locates places
        # The page's own places: a map when one of them is a point, the words when they say something; a page
        # whose figures locate nothing has no Places section (no empty "No chart" line naming the subset).
        shown = [places_map_of(page.reading, page.places), overview_words.distances_of(page.places)]
        blocks = [block for block in shown if block is not None and str(getattr(block, "data", "x")).strip()]
        if blocks:
            found.append(Section("Places", blocks))
    if len(page.sources) > 1:  # the chart compares sources: with one source the table says all there is
        sources = [overview_words.sources_table(page.sources), charts.sources_by_side_of(page.reading, page.sources)]
    elif len(page.sources):
        sources = [overview_words.sources_table(page.sources)]
    else:  # every claim has a claimant: never, but said in words if it were
        sources = [nothing_to_show(params, "sources"), None]
    found.append(Section("Sources by side", sources))
    return found


def show(found: list[Section], params: Params, needs: str, whose: str = "this article") -> None:
    """Display each section (heading, sentences, chart); or, when there is none, say the page is not
    applicable and why, with metadata ``kit run`` reads. ``needs`` says what the page needs, in words; ``whose``
    what the page is of ("this story" for a tracker)."""
    if not found:
        reason = f"{whose} has no {needs}{params.scope()}"
        others = len(analysis.select(params, every_status=True)) - len(analysis.select(params))
        if others:  # a forecast, target, pledge or request is never drawn here: say so, not that there is none
            figures, verb = ("figure", "is") if others == 1 else ("figures", "are")
            kinds = [row.one for row in vocab.statuses().values() if not row.estimate]
            reason += (
                f" among the figures it states as fact ({others} {figures} given as a {', '.join(kinds[:-1])} or "
                f"{kinds[-1]}, listed on the overview, {verb} not drawn here)"
            )
        display(
            Markdown(f"**Not applicable:** {escape_markdown(reason)}."),
            metadata={STATUS_KEY: {"status": "not applicable", "reason": reason}},
        )
        return
    for section in found:
        display(Markdown(f"## {escape_markdown(section.heading)}"))
        for block in section.blocks:
            if isinstance(block, Markdown):
                display(block)
            else:
                charts.show(block, params)
