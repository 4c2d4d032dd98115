"""Each page's model: what the page shows, built once from its parameters, then rendered.

Why: a page's sentences, charts, tables and alt text used to select and cap the same claims each on its own (kept
in step by comments), and read the ledger dozens of times a page. Now one function per page type reads the ledger
once into a :class:`Reading` and builds a frozen model of what the page shows (the selected and capped claims, the
analysis tables, labels, colours, the rows its notes cite); :mod:`kit.report.narrative`, :mod:`kit.report.charts`,
:mod:`kit.report.time_chart`, :mod:`kit.report.reconciliation` and its chart, and :mod:`kit.report.annotated` render
that model and read nothing more. The tracker's model of a story is :mod:`kit.report.story_model`.

The frames a model holds are its own: renderers read them and never change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from kit import analysis
from kit import ledger as _ledger
from kit.analysis.bounds import ABOUT_TOLERANCE
from kit.analysis.geo import distances_of
from kit.analysis.reconcile import Estimate, claims_frame, estimates, reconcile_of
from kit.analysis.subset import sides_in_order, sources_of
from kit.ledger.annotate import Mark, marks
from kit.ledger.declarations import whole_units
from kit.report import limits, story_palette, style, units
from kit.report.params import Params
from kit.report.words import labels_of, role_words_of


@dataclass(frozen=True)
class Reading:
    """What a page reads of its ledger, read once: every claim with its source, the page's selection, the article,
    and the ledger's words (quantity labels, place names, which units are counts) and the story's side colours."""

    params: Params
    claims: pd.DataFrame
    selected: pd.DataFrame
    article: _ledger.Article
    labels: Mapping[str, str]
    places: Mapping[str, str]
    colours: Mapping[str, str]
    counts: frozenset[str]
    stages: tuple[str, ...]
    groups: Mapping[str, str]
    package: Mapping[str, object]
    sides: tuple[str, ...]
    sources: pd.DataFrame
    place_rows: pd.DataFrame

    def cited(self, ids: list[str]) -> pd.DataFrame:
        """The claims with these ids (empty ids ignored), with the article's outlet, date and URL, for the notes."""
        rows = self.claims[self.claims["claim_id"].isin([claim for claim in ids if claim])]
        return rows.assign(outlet=self.article.outlet, published=self.article.published, url=self.article.url)

    def source_line(self, names: list[str]) -> str:
        """A chart's source line: the speakers it draws, in the article."""
        return style.source_line(names, self.article.title)

    def axis_label(self, unit: str, what: str | None = None) -> str:
        """A value axis's label in the ledger's words (:func:`kit.report.units.axis_label`), "(count)" for a count."""
        return units.axis_label(unit, what=what, count=unit in self.counts)


def read(params: Params) -> Reading:
    """The ledger as the page reads it: once, here, each table loaded one time, for every section and chart."""
    ledger = params.ledger
    package = _ledger.package(ledger)
    claims = _ledger.claims_with_sources(ledger)
    groups = analysis.group_units(ledger, package)
    counts = set(whole_units(package.get("units", {})))
    sources, place_rows = _ledger.sources(ledger), _ledger.places(ledger)
    sides = tuple(sides_in_order(package, sources))
    places = place_rows.set_index("place_id")["name"].astype(str).to_dict()
    return Reading(
        params=params,
        claims=claims,
        selected=analysis.select(params, read=(claims, groups, sides)),
        article=_ledger.article(ledger),
        labels=MappingProxyType(labels_of(package, claims)),
        places=MappingProxyType(places),
        colours=MappingProxyType(story_palette.page_colours(ledger, list(sides))),
        counts=frozenset(counts),
        stages=tuple(analysis.field_enum(package, "claims", "stage")),
        groups=MappingProxyType(groups),
        package=MappingProxyType(package),
        sides=sides,
        sources=sources,
        place_rows=place_rows,
    )


# -- estimates -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Estimates:
    """One quantity's level estimates: every claim of the subset (``chosen``), one per statement (``statements``),
    and those the page shows, its chart draws and its notes cite (``shown``: the most recent, capped)."""

    quantity: str
    label: str
    chosen: pd.DataFrame
    statements: pd.DataFrame
    shown: pd.DataFrame


@dataclass(frozen=True)
class Page:
    """A page of sections of one kind: the estimates page (a section per quantity that two or more sources estimate
    at one date), the over-time page (a section per quantity estimated at two or more dates)."""

    reading: Reading
    sections: tuple


def estimates_page(params: Params) -> Page:
    """The estimates page's model. Which quantities are disputed is a fact of the whole ledger; which of their
    estimates are shown is the page's selection."""
    reading = read(params)
    found = [estimates_section(reading, quantity) for quantity in analysis.estimated_quantities(reading.claims)]
    return Page(reading, tuple(section for section in found if section is not None))


def estimates_section(reading: Reading, quantity: str) -> Estimates | None:
    """One quantity's section of estimates, from the page's reading; None when the selection has no level
    estimate of it."""
    selected, seed = reading.selected, reading.article
    chosen = selected[(selected["quantity"] == quantity) & (selected["kind"] == "level")]
    if chosen.empty:
        return None
    statements = analysis.one_per_statement(chosen, seed.text, seed.title)
    shown = limits.most_recent(statements, limits.CHART_ROWS)
    return Estimates(quantity, reading.labels[quantity], chosen, statements, shown)


# -- over time -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverTime:
    """One quantity estimated at two or more dates: its series (``series``), the estimates shown and drawn
    (``shown``: each date's spread, capped), and the subset's claims of it (``claims``, by id), whose stated
    changes are checked against the levels they link."""

    quantity: str
    label: str
    series: pd.DataFrame
    shown: pd.DataFrame
    claims: pd.DataFrame
    checks: pd.DataFrame
    stated: pd.DataFrame


def over_time_page(params: Params) -> Page:
    """The over-time page's model."""
    reading = read(params)
    series = analysis.series(reading.selected)
    found = []
    for quantity in dict.fromkeys(series["quantity"]):
        chosen = series[series["quantity"] == quantity].reset_index(drop=True)
        shown = limits.spread_by_date(chosen, limits.TIME_POINTS).reset_index(drop=True)
        claims = reading.selected[reading.selected["quantity"] == quantity]
        checks = analysis.change_checks(claims)  # a change links its own levels
        stated = analysis.stated_changes(claims)
        by_id = claims.set_index("claim_id", drop=False)
        found.append(OverTime(quantity, reading.labels[quantity], chosen, shown, by_id, checks, stated))
    return Page(reading, tuple(found))


# -- reconciliation ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReconciliationPage:
    """The reconciliation page: the subset's estimates one per statement with their stages (``claims``), and the
    reconciliation table narrowed to quantities with two or more estimates at one date (``contested``)."""

    reading: Reading
    claims: pd.DataFrame
    contested: pd.DataFrame
    tolerance: float = ABOUT_TOLERANCE
    #: Every estimate of the claims (kit.analysis.reconcile), read once for the page's table, sentences and chart.
    found: tuple[Estimate, ...] = ()


def reconciliation_page(params: Params, tolerance: float = ABOUT_TOLERANCE) -> ReconciliationPage:
    """The reconciliation page's model."""
    reading = read(params)
    claims = analysis.with_stages(analysis.one_per_statement(reading.selected), params.ledger, dict(reading.package))
    found = tuple(estimates(claims_frame(claims), tolerance)) if not claims.empty else ()
    return ReconciliationPage(reading, claims, contested_of(claims, found), tolerance, found)


def contested_of(claims: pd.DataFrame, found: tuple[Estimate, ...]) -> pd.DataFrame:
    """The reconciliation table of these claims (``found``: their estimates) narrowed to quantities with two or more
    estimates at one date."""
    if claims.empty:
        return reconcile_of(()).iloc[0:0] if len(claims.columns) else pd.DataFrame()
    table = reconcile_of(found)
    sizes = table.groupby(["quantity", "measure", "when"])["claim_id"].transform("size")
    names = claims.drop_duplicates("claim_id").set_index("claim_id")["claimant_name"].astype(str)
    table = table[sizes >= 2].copy()
    table["claimant_name"] = table["claim_id"].map(names)
    return table.reset_index(drop=True)


# -- parts and shares ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One part (a claim of kind part) set against the figures of its whole: ``piece`` the part's claim, ``shares``
    its share of each figure of the whole the page shows (``wholes``: the most recent, capped), of ``total``."""

    piece: pd.Series
    shares: pd.DataFrame
    wholes: pd.DataFrame
    total: int


@dataclass(frozen=True)
class Shares:
    """The shares of the selection, each with the rest of its whole (``every``), and those shown (``shown``)."""

    every: pd.DataFrame
    shown: pd.DataFrame


@dataclass(frozen=True)
class Groups:
    """The group arithmetic of one unit the ledger declares a group of another (``table``)."""

    unit: str
    table: pd.DataFrame


@dataclass(frozen=True)
class PartsPage:
    """The parts-and-shares page: a section per part (at most ``limits.SECTIONS``, of ``parts_total``), one for the
    shares, one per unit of groups."""

    reading: Reading
    parts: tuple[Part, ...]
    parts_total: int
    shares: Shares | None
    groups: tuple[Groups, ...]


def part_section(reading: Reading, part_claim: str, every: pd.DataFrame | None = None) -> Part | None:
    """One part's section, from the page's reading (``every`` is the selection's part_shares, found once a page);
    None when the selection holds no whole for it."""
    selected = reading.selected
    every = analysis.part_shares(selected) if every is None else every
    shares = every[every["part_claim"] == part_claim]
    if shares.empty:
        return None
    wholes = selected[selected["claim_id"].isin(shares["whole_claim"])].reset_index(drop=True)
    shown = limits.most_recent(wholes, limits.CHART_ROWS).reset_index(drop=True)
    piece = selected[selected["claim_id"] == part_claim].iloc[0]
    return Part(piece, shares[shares["whole_claim"].isin(shown["claim_id"])], shown, len(wholes))


def shares_section(reading: Reading) -> Shares | None:
    """The shares' section; None when the selection states no share."""
    every = analysis.share_complements(reading.selected)
    return Shares(every, limits.most_recent(every, limits.CHART_ROWS).reset_index(drop=True)) if len(every) else None


def groups_section(reading: Reading, unit: str) -> Groups | None:
    """One group unit's arithmetic; None when the selection has none of it."""
    table = analysis.group_arithmetic(reading.selected)
    table = table[table["group_unit"] == unit].reset_index(drop=True)
    return Groups(unit, table) if len(table) else None


def parts_page(params: Params) -> PartsPage:
    """The parts-and-shares page's model."""
    reading = read(params)
    every = analysis.part_shares(reading.selected)
    claims = list(dict.fromkeys(every["part_claim"]))
    parts = [part_section(reading, claim, every) for claim in claims[: limits.SECTIONS]]
    units = dict.fromkeys(analysis.group_arithmetic(reading.selected)["group_unit"])
    groups = [groups_section(reading, unit) for unit in units]
    return PartsPage(
        reading,
        tuple(part for part in parts if part is not None),
        len(claims),
        shares_section(reading),
        tuple(group for group in groups if group is not None),
    )


# -- overview ------------------------------------------------------------------------------------------------

#: Precisions whose point stands for an area (a region's or a country's main city): listed, never drawn as a point.
AREAS = ("region", "country")


@dataclass(frozen=True)
class Places:
    """The places of the page's selection (on a page narrowed to a topic, side or claimant, the places its claims
    are tied to; on the whole ledger's page, every place), the distances the ledger declares between them
    (``routes``), those the map cannot show (``unlocated``, ``areas``), the declared roles in their order and in
    words, and the role distances run to, in words (``destination``)."""

    places: pd.DataFrame
    routes: pd.DataFrame
    unlocated: tuple[str, ...]
    areas: tuple[str, ...]
    roles: tuple[str, ...]
    role_words: Mapping[str, str]
    destination: str


def places_of(reading: Reading) -> Places:
    """The page's places, from its reading."""
    params, every = reading.params, reading.place_rows
    if params.topic or params.side or params.claimant:
        tied = set(reading.selected["place_id"].dropna().astype(str))
        every = every[every["place_id"].astype(str).isin(tied)]
    spec = analysis.field_spec(dict(reading.package), "places", "role")
    table = distances_of(spec, reading.place_rows)
    shown = set(every["place_id"].astype(str))
    routes = table[table["from_id"].astype(str).isin(shown) & table["to_id"].astype(str).isin(shown)]
    ends = set(routes[["from_id", "to_id"]].astype(str).stack())
    area = every["precision"].isin(AREAS) & every["latitude"].notna() & ~every["place_id"].astype(str).isin(ends)
    role_words = role_words_of(dict(reading.package))
    to = str(spec.get("distances", {}).get("to", ""))
    return Places(
        places=every,
        routes=routes,
        unlocated=tuple(str(name) for name in every[every["precision"] == "unlocated"]["name"]),
        areas=tuple(str(name) for name in dict.fromkeys(every[area]["name"])),
        roles=tuple(analysis.field_enum(dict(reading.package), "places", "role")),
        role_words=MappingProxyType(role_words),
        destination=str(spec.get("words", {}).get(to, role_words.get(to, to))),
    )


@dataclass(frozen=True)
class OverviewPage:
    """The overview page: every figure of the selection, of every status (``every``), its places, and the sources
    that give them by side (``sources``)."""

    reading: Reading
    every: pd.DataFrame
    places: Places
    sources: pd.DataFrame


def overview_page(params: Params) -> OverviewPage:
    """The overview page's model."""
    reading = read(params)
    every = analysis.select(params, every_status=True, read=(reading.claims, reading.groups, reading.sides))
    seed = reading.article
    sources = sources_of(every, seed.text, seed.title, reading.sources, reading.sides)
    return OverviewPage(reading, every, places_of(reading), sources)


# -- the annotated article -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnotatedPage:
    """The annotated article: the page's reading (the article's text, every claim with its source) and each figure
    of the text with its status (kit.ledger.annotate's marks, in reading order)."""

    reading: Reading
    marks: tuple[Mark, ...]


def annotated_page(params: Params) -> AnnotatedPage:
    """The annotated article's model: its figures marked from the claims and non-figures read once here."""
    reading = read(params)
    found = marks(params.ledger, read=(reading.article.text, reading.claims, _ledger.nonfigures(params.ledger)))
    return AnnotatedPage(reading, tuple(found))
