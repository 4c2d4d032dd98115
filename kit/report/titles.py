"""Chart titles that state the finding, in words, from the data each chart drew."""

from __future__ import annotations

import pandas as pd

from kit import vocab
from kit.analysis import one_of
from kit.analysis.time import comparable_periods
from kit.figures import format_figure, format_with_unit
from kit.ledger.dates import period
from kit.report.words import (
    BOUND_WORDS,
    date_words,
    figure_text,
    high_of,
    plain,
    plain_with_unit,
    share_and_rest,
    side_words,
    upper_first,
)


def _end_words(figures: pd.DataFrame | None, end: float, top: bool) -> str:
    """The bound words of the figures at one end of a spread, so an end is never worded tighter than stated: the
    top is open ("more than", "at least") when any figure there is a floor, the bottom ("up to") when any is a
    ceiling; else the words all of them share ("about"), "about" when any is approximate, or none (a range's
    stated end, or figures as stated)."""
    if figures is None or "bound" not in figures:
        return ""
    rules: dict[str, str] = {}
    for _, row in figures.iterrows():
        high = high_of(row)
        if (high if top and high is not None else row["value"]) == end:
            bound = "range" if high is not None else str(row["bound"])
            rules[bound] = vocab.bounds()[bound].interval if bound in vocab.bounds() else ""
    open_rules = ("floor", "floor_open") if top else ("ceiling", "ceiling_open")
    opened = [bound for bound, rule in rules.items() if rule in open_rules]
    if opened:  # "more than" only when every open figure there excludes the end; "at least" covers both
        closed = [bound for bound in opened if rules[bound] in ("floor", "ceiling")]
        return BOUND_WORDS[closed[0] if closed else opened[0]]
    if len(rules) == 1 and "range" not in rules:
        return BOUND_WORDS.get(next(iter(rules)), "")
    approximate = [bound for bound, rule in rules.items() if rule == "tolerance"]
    return BOUND_WORDS[approximate[0]] if approximate else ""


def _worded_ends(figures: pd.DataFrame | None, low: float, high: float) -> list[str]:
    """The words of the vague amounts ("tens of thousands") that give the lowest or the highest end of a spread, in
    order; empty when a figure the article gives in digits stands at both ends."""
    if figures is None or "bound" not in figures or "as_written" not in figures:
        return []
    vague = figures[figures["bound"].astype(str) == "vague"]
    at_ends = vague[(vague["value"] == low) | (vague["value_high"] == high)]
    return sorted({" ".join(str(written).lower().split()) for written in at_ends["as_written"] if str(written).strip()})


def estimates_title(
    drawn: pd.DataFrame,
    label: str,
    highest: float | None = None,
    measures: int = 1,
    figures: pd.DataFrame | None = None,
) -> str:
    """The finding of an estimates chart: the spread of the figures of one quantity. ``highest`` is the top of
    the figures as written, a range's high end included (the drawn values hold a range's low end). A spread is
    only a finding for estimates of one thing: with ``measures`` (stages or dates) above one, the title says how
    many there are and that each is compared only within itself (the reconciliation page gives each verdict).
    ``figures`` (the claims, with their bounds) gives each end its words: "run from about 240 to more than 300
    workers"."""
    if measures > 1:  # a spread across stages or dates is no finding: each is compared only with its own
        return f"Estimates of {label} at {measures} different stages or dates, compared only within each"
    unit = str(drawn["unit"].iloc[0])
    low, high = drawn["value"].min(), max(drawn["value"].max(), highest or 0)
    worded = _worded_ends(figures, low, high)
    if worded:  # an end only a vague amount gives is the kit's reading ("20,000 to 99,999"): its words instead
        every = figures is not None and (figures["bound"].astype(str) == "vague").all() and len(worded) == 1
        if every:
            return f"Every estimate of {label} shown is {worded[0]}"
        return f"Estimates of {label}, some given only in words ({', '.join(worded)})"
    low_words, high_words = _end_words(figures, low, top=False), _end_words(figures, high, top=True)
    if low == high:
        if figures is not None and "bound" in figures and figures["bound"].nunique() > 1:  # "up to" and "more than"
            return f"Every estimate of {label} shown is given at {format_with_unit(high, unit)}, qualified differently"
        return f"Every estimate of {label} shown is {low_words}{format_with_unit(high, unit)}"
    return (
        f"Estimates of {label} run from {low_words}{format_figure(low, unit)} "
        f"to {high_words}{format_with_unit(high, unit)}"
    )


def groups_title(table: pd.DataFrame) -> str:
    """The finding of a group chart (one group unit): whether the accounts of its counts reach the same total."""
    totals = sorted(set(table["total"]))
    group, member = str(table["group_unit"].iloc[0]), str(table["member_unit"].iloc[0])
    if len(totals) == 1 and len(table) > 1:
        return f"Different {one_of(group)} counts, same total: {format_with_unit(totals[0], member)}"
    if len(totals) == 1:
        return f"{table['claimant_name'].iloc[0]}'s {group} add up to {format_with_unit(totals[0], member)}"
    low, high = format_figure(totals[0], member), format_with_unit(totals[-1], member)
    return f"{upper_first(one_of(group))} accounts total {low} to {high}"


def part_title(shares: pd.DataFrame, counts: str, part: pd.Series | None = None) -> str:
    """The finding of a part chart: the part, in the ledger's words, as a share of its whole ("of the whole" when the
    article gives the whole one figure), or, when it gives several, the lowest to the highest share they give: the
    title chooses no source's figure of the whole over another's.

    ``counts`` is what the part counts, as the ledger's ``counts`` column words it; ``part``, the part's claim, gives
    its bound words ("about 215").
    """
    known = shares[shares["share_bound"].astype(bool)]  # a share both figures leave open is not a finding
    stated = (  # the part with its own bound words ("about 215"), when the claim is given
        figure_text(part, str(part.get("unit") or "count"))  # "$300 million"; "dozens" in its words, never 24 to 99
        if part is not None
        else format_figure(shares["part"].iloc[0], "count")
    )
    opening = f"{counts[:1].upper()}{counts[1:]}: {stated}"
    if known.empty:
        return opening
    if known["whole_claim"].nunique() == 1:
        only = known.iloc[0]
        share = plain(only["share"], "percent", str(only["share_bound"]), high_of(share_ends(only)))
        return f"{opening}, {share} of the whole"
    # several figures of the whole: the shares they all give, never one source's figure chosen as the whole; a few
    # shares with bound words each as the kit reads it ("up to 1% and about 1.1%", not "up to 1% to about 1.1%")
    ordered = known.sort_values("share", kind="stable")
    said = list(dict.fromkeys(
        plain(row["share"], "percent", str(row["share_bound"]), high_of(share_ends(row)))
        for _, row in ordered.iterrows()
    ))  # fmt: skip
    bounded = (known["share_bound"].astype(str) != "exact").any()
    if bounded and len(said) <= LISTED_AT_A_DATE:
        listed = ", ".join(said[:-1]) + f" and {said[-1]}" if len(said) > 1 else said[0]
        return f"{opening}, {listed} of the figures for the whole"
    ends = pd.DataFrame([share_ends(row) for _, row in known.iterrows()])
    low, high = ends["value"].min(), max(high_of(row) or row["value"] for _, row in ends.iterrows())
    low_words, high_words = _end_words(ends, low, top=False), _end_words(ends, high, top=True)
    return (
        f"{opening}, {low_words}{format_figure(low, 'percent')} to {high_words}{format_figure(high, 'percent')} "
        "of the figures for the whole"
    )


def share_ends(share: pd.Series) -> pd.Series:
    """A part's share of one whole, read as a claim (value, bound, value_high) so a range share keeps both ends."""
    return pd.Series({"value": share["share"], "bound": share["share_bound"], "value_high": share.get("share_high")})


def share_title(claims: pd.DataFrame) -> str:
    """The finding of a share chart: the share as stated and what it leaves, or how many shares it shows."""
    if len(claims) > 1:
        return f"{format_figure(len(claims), 'count').capitalize()} shares as stated, and the rest of each whole"
    row = claims.iloc[0]
    said, rest, _ = share_and_rest(row)  # "one in three", leaving "two in three": the article's words
    return f"{row['claimant_name']}: {said} ({row['counts']}), leaving {rest}"


def single_figures_title(claims: pd.DataFrame) -> str:
    """The finding of the single-figures chart: different things, different scales."""
    parts = [  # bounds are left to the panels, but a range keeps both ends: "6 to 10 branches"
        plain_with_unit(row["value"], row["unit"], "range", high_of(row))
        if high_of(row) is not None
        else format_with_unit(row["value"], row["unit"])
        for _, row in claims.iterrows()
    ]
    if len(parts) == 1:
        return f"{parts[0]}: {claims['counts'].iloc[0]}"
    return f"{', '.join(parts[:-1])} and {parts[-1]} measure different things"


def over_time_title(claims: pd.DataFrame, label: str) -> str:
    """The finding of a chart over time: the estimates at the first date and at the latest ("to" only between the
    figures of the same sources; figures of other sources are "and ..., from different sources", or "not all from
    the same sources" when one source gives figures at both dates). A date with several
    estimates gives each ("nearly 380,000 and 1.5 million"), or past LISTED_AT_A_DATE their span ("between nearly
    380,000 and 1.5 million"), so the title follows no one source's figure."""
    ordered = claims.sort_values(["when_start", "claim_id"])
    keys = ordered["when"].astype(str)
    first, last = ordered[keys == keys.iloc[0]], ordered[keys == keys.iloc[-1]]
    then = f"{_at_date(first)} ({date_words(first['when'].iloc[0])})"
    now = f"{_at_date(last)} ({date_words(last['when'].iloc[0])})"
    if not comparable_periods(_span(first), _span(last)):  # a year's total and a quarter's are no move
        # "dated to": the dates cover periods of different lengths; a peak dated "July 2022" is no month's total
        return f"{label[:1].upper()}{label[1:]}: {then} and {now}, dated to periods of different lengths"
    before, after = ({*at["claimant"].astype(str)} if "claimant" in at else set() for at in (first, last))
    if before != after:
        # rival counts of two sources at two dates are no move: "14,600 to about 13,800" read as a fall; one source
        # at both dates among others is "not all" ("1,210 and 1,140" of one government beside a rescuers' count)
        sources = "from different sources" if not before & after else "not all from the same sources"
        return f"{label[:1].upper()}{label[1:]}: {then} and {now}, {sources}"
    return f"{label[:1].upper()}{label[1:]}: {then} to {now}"


def _span(figures: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the period the first figure of one date covers (kit.analysis.comparable_periods)."""
    if "when_start" in figures and "when_end" in figures:
        start, end = figures["when_start"].iloc[0], figures["when_end"].iloc[0]
    else:  # a frame built in code: the days its when names
        start, end = (pd.Timestamp(day) for day in period(str(figures["when"].iloc[0])))
    return pd.Timestamp(start), pd.Timestamp(end)


#: At most this many figures of one date are listed in a chart's title, each as stated; more are given as their span.
LISTED_AT_A_DATE = 3


def _at_date(figures: pd.DataFrame) -> str:
    """The estimates of one date for a title: the one figure with its bound words, or the span of several."""
    unit = str(figures["unit"].iloc[0])
    if len(figures) == 1:
        return figure_text(figures.iloc[0], unit)
    said = list(dict.fromkeys(figure_text(row, unit) for _, row in figures.iterrows()))
    if len(said) <= LISTED_AT_A_DATE or (figures["bound"].astype(str) == "vague").any():
        # each figure as stated: "at least 1.3 million and 1.4 million to 1.6 million", never "between at least 1.3
        # million and 1.6 million", which no one said ("more than 1,200 and thousands": no end is the kit's either)
        return ", ".join(said[:-1]) + f" and {said[-1]}" if len(said) > 1 else said[0]
    low = figures["value"].min()
    high = max(high_of(row) or row["value"] for _, row in figures.iterrows())
    if low == high:
        return f"{_end_words(figures, low, top=False)}{format_figure(low, unit)}"
    low_words, high_words = _end_words(figures, low, top=False), _end_words(figures, high, top=True)
    return f"between {low_words}{format_figure(low, unit)} and {high_words}{format_figure(high, unit)}"


def map_title(distances: pd.DataFrame) -> str:
    """The finding of the map: how far the places of one declared role lie from the other's (see
    :func:`kit.analysis.distances_between_roles`), in the ledger's words."""
    if distances.empty:
        return "Places the article names"
    low, high = distances["km_rounded"].min(), distances["km_rounded"].max()
    origin, to = str(distances["from_words"].iloc[0]), distances["to"].iloc[0]
    span = format_figure(low, "km") if low == high else f"{format_figure(low, 'km')} to {format_figure(high, 'km')}"
    if "from" in distances and distances["from"].nunique() == 1:  # one place: its name ("The mine lie" misread)
        return f"{distances['from'].iloc[0]} lies {span} km from {to}"
    return f"{origin[:1].upper()}{origin[1:]} lie {span} km from {to}"  # one distance: "10 km", never "10 to 10 km"


def sources_title(table: pd.DataFrame) -> str:
    """The finding of the sources chart: which side gives the most statements (a figure said twice counts once).
    With one side, the sources themselves are compared: "Most statements come from the United States: 2 of 2" says
    nothing a reader can use when each of its two sources gave one."""
    if table["side"].nunique() == 1:
        return _by_source(table)
    per_side = table.groupby("side", sort=False, observed=True)["figures"].sum()
    most = per_side.max()
    top = [str(side) for side, count in per_side.items() if count == most]
    if len(top) == 1:
        return _most(side_words(top[0]), most, per_side.sum(), "side")
    if len(top) == len(per_side):  # every side ties: "the most" would say nothing
        plural = "s" if most != 1 else ""
        return upper_first(
            f"{', '.join(top[:-1])} and {top[-1]} give {format_figure(most, 'figures')} statement{plural} each"
        )
    return upper_first(
        f"{', '.join(top[:-1])} and {top[-1]} give the most statements, {format_figure(most, 'figures')} each"
    )


def _by_source(table: pd.DataFrame) -> str:
    """The sources chart's finding when every source speaks for one side: who gives the most, or that all give the
    same number."""
    most = table["figures"].max()
    top = [str(name) for name, count in zip(table["name"], table["figures"], strict=True) if count == most]
    each = format_figure(most, "figures")
    if len(top) == 1:
        return _most(top[0], most, table["figures"].sum(), "source")
    if len(top) == len(table):
        return upper_first(f"{', '.join(top[:-1])} and {top[-1]} give {each} statement{'s' if most != 1 else ''} each")
    return upper_first(f"{', '.join(top[:-1])} and {top[-1]} give the most statements, {each} each")


def _most(top: str, count: int, whole: int, other: str) -> str:
    """Who gives the most statements: "Most statements come from X" only for more than half of them; a plurality
    is "More statements come from X than from any other side" (5 of 11 is not most)."""
    share = f"{format_figure(count, 'figures')} of {format_figure(whole, 'figures')}"
    if 2 * count > whole:
        return f"Most statements come from {top}: {share}"
    return f"More statements come from {top} than from any other {other}: {share}"
