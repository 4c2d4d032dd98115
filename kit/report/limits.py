"""How much of a ledger one page shows: every cap in one place, so a page stays readable as the ledger grows.

A story's ledger may grow to thousands of claims; a chart with a row per claim becomes a strip of pixels
nobody can read, and a page with a sentence per pair of estimates grows with the square of the claims. Each
chart, list and table therefore shows at most one of these many rows, chooses them by a stated rule (the
most recent estimates first, the sources giving most figures first), and says in a line how many it left out
and where they are (the table below, or the ledger's ``claims.csv``). A ledger under every cap, such as the
packaged one, renders exactly as it would without them.

Each cap is in rows (or marks) of the chart or list it bounds; with the house style's row heights, a chart
at its cap stays within a readable height (tests/test_scale.py: TALLEST) at the PNG resolution.
"""

from __future__ import annotations

import pandas as pd

from kit.figures import format_figure

#: Most estimates one chart draws as rows (the estimates of a quantity, the wholes a part is set against,
#: the shares, the sources by side): the most recent first.
CHART_ROWS = 16
#: Most estimates the reconciliation chart draws in all its panels (one panel per quantity and measure), shared
#: equally between the panels, each panel's most recent dates first.
RECONCILE_ROWS = 20
#: Most panels in one chart of small multiples (figures from a single source; reconciliation panels).
PANELS = 6
#: Most estimates a chart over time draws (and its list gives), spread across the dates: each date's lowest,
#: highest and evenly between.
TIME_POINTS = 24
#: A chart over time labels each point with its figure only up to this many points.
TIME_LABELS = 16
#: Most items one narrative list gives (estimates by side, a series, the stated changes checked).
LIST_ROWS = 20
#: Most rows of a table on a page (key figures, pairs of estimates).
TABLE_ROWS = 50
#: Most conflict sentences the reconciliation states; the rest are counted.
CONFLICTS = 20
#: Most groups ("estimates of X on a date agree ...") the reconciliation states; most estimates each names.
GROUPS = 20
GROUP_MEMBERS = 6
#: Most sections of one kind on a page (a part set against its whole), in the ledger's order: six charts of a
#: part and its whole, with the shares' chart, keep the page under 1 MB (benchmarks/RESULTS.md, Scale).
SECTIONS = 6
#: Most place names the map writes beside its points; every point is still drawn.
MAP_LABELS = 25
#: Most unlocated places the map names in its corner box; the narrative under it lists up to TABLE_ROWS.
MAP_UNLOCATED = 8


def capped(shown: int, total: int, what: str, where: str) -> str:
    """The line a capped chart, list or table adds: how many of what it left out, and where they are.

    "" when nothing was left out, so a ledger under the cap reads as before.
    """
    if total <= shown:
        return ""
    shown_words, total_words, rest = (format_figure(number, "count") for number in (shown, total, total - shown))
    return f"Showing {shown_words} of {total_words} {what}; the other {rest} are {where}."


def claims_csv(quantity: str | None = None) -> str:
    """Where every claim is, in words: the ledger's claims.csv, narrowed to one quantity when given."""
    return "in the ledger's claims.csv" + (f" (quantity {quantity})" if quantity else "")


def most_recent(claims: pd.DataFrame, cap: int) -> pd.DataFrame:
    """At most ``cap`` claims: the most recent first (by the date a figure applies to, undated last), kept in
    their given order, so a capped chart groups and sorts its rows as an uncapped one does."""
    if len(claims) <= cap:
        return claims
    start = claims["when_start"] if "when_start" in claims else pd.Series(pd.NaT, index=claims.index)
    order = pd.DataFrame({"start": pd.to_datetime(start), "position": range(len(claims))}, index=claims.index)
    order = order.sort_values(["start", "position"], ascending=[False, True], na_position="last", kind="stable")
    chosen = order.head(cap).sort_values("position").index
    return claims.loc[chosen]


def spread_by_date(claims: pd.DataFrame, cap: int) -> pd.DataFrame:
    """At most ``cap`` claims spread across their dates: for each date its lowest and highest figures first, then
    evenly between, so a chart over time still shows each date's spread; kept in their given order."""
    if len(claims) <= cap:
        return claims
    keys = claims["when_start"].astype(str)
    dates = list(dict.fromkeys(keys.sort_values(ascending=False)))[:cap]  # more dates than marks: the most recent
    share = max(1, cap // len(dates))
    chosen = []
    for date in dates:
        group = claims[keys == date].sort_values("value", kind="stable")
        picks = sorted({round(step * (len(group) - 1) / max(1, share - 1)) for step in range(share)})
        chosen += list(group.index[picks[:share]])
    keep = set(chosen)
    return claims.loc[[index for index in claims.index if index in keep]]
