"""Every number the pages derive from the ledger, each from one named function: pandas only, no drawing.

Narrative and charts never compute: they call these. A test can then check that every number a reader
sees is either a ledger value or the result of a function here applied to ledger values. Importing this
package loads no matplotlib.

Modules: :mod:`~kit.analysis.subset` (which claims a page shows, side order), :mod:`~kit.analysis.bounds`
(the interval a bound allows, the one tolerance), :mod:`~kit.analysis.sizes` (what counts of groups imply),
:mod:`~kit.analysis.shares` (parts and shares), :mod:`~kit.analysis.geo` (distances),
:mod:`~kit.analysis.reconcile` (which estimates can all be right), :mod:`~kit.analysis.statements` (which claim of
a statement gives its reading), :mod:`~kit.analysis.status` (which claims are estimates),
:mod:`~kit.analysis.changes` (which way two figures moved; changes the article states from an earlier figure),
:mod:`~kit.analysis.across` (statements across the articles of a story).
"""

from kit.analysis.bounds import ABOUT_TOLERANCE, UNQUALIFIED_ROUNDING, combine_bounds, interval, rounding, share_bound
from kit.analysis.geo import (
    DISTANCE_ROUNDING_KM,
    EARTH_RADIUS_KM,
    distances_between_roles,
    great_circle_points,
    haversine_km,
    round_km,
)
from kit.analysis.shares import part_shares, share_complements, share_of, share_percent, shortfall
from kit.analysis.sizes import group_arithmetic, group_units, one_of, per_measure, with_groups
from kit.analysis.status import drawn_hollow, estimates_only, is_estimate, statuses
from kit.analysis.subset import (
    Subset,
    article_paragraph,
    estimated_quantities,
    field_enum,
    field_spec,
    select,
    side_order,
    single_figures,
    sources_by_side,
    stage_declarations,
    with_stages,
)
from kit.analysis.time import (
    UNDATED,
    change_checks,
    comparable_periods,
    corpus_statements,
    curated,
    one_per_statement,
    period_length,
    series,
    stated_changes,
    statements,
    when_key,
)

__all__ = [
    "UNDATED",
    "change_checks",
    "stated_changes",
    "corpus_statements",
    "curated",
    "one_per_statement",
    "series",
    "statements",
    "comparable_periods",
    "period_length",
    "when_key",
    "ABOUT_TOLERANCE",
    "UNQUALIFIED_ROUNDING",
    "DISTANCE_ROUNDING_KM",
    "EARTH_RADIUS_KM",
    "Subset",
    "article_paragraph",
    "estimated_quantities",
    "drawn_hollow",
    "estimates_only",
    "stage_declarations",
    "with_stages",
    "is_estimate",
    "statuses",
    "group_arithmetic",
    "group_units",
    "one_of",
    "per_measure",
    "with_groups",
    "combine_bounds",
    "distances_between_roles",
    "field_enum",
    "field_spec",
    "great_circle_points",
    "haversine_km",
    "interval",
    "part_shares",
    "round_km",
    "rounding",
    "select",
    "single_figures",
    "share_bound",
    "share_complements",
    "share_of",
    "share_percent",
    "shortfall",
    "side_order",
    "sources_by_side",
]
