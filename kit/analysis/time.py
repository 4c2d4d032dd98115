"""Figures over time: which estimates belong to one date, how a quantity moved, and whether a stated change
fits the levels it links.

Estimates of one quantity at different dates are a series, not a conflict: "about 8,000 in the camps" last
week and "about 10,000" today can both be right. Every comparison in the kit is therefore made within one
``when`` (the date or period a claim applies to, as the curator resolved it); claims with no ``when`` form
one undated group, as in an undated article.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from kit import vocab
from kit.analysis import changes
from kit.analysis.across import joined
from kit.analysis.bounds import ABOUT_TOLERANCE, half_place, interval, whole_of
from kit.analysis.statements import Reading, ranks_of
from kit.analysis.statements import read as read_statement
from kit.ledger.dates import canonical

#: The key of the undated group.
UNDATED = ""


def when_key(claims: pd.DataFrame) -> pd.Series:
    """Each claim's ``when`` as a plain string ("" when undated or when the ledger has no dates), written one way
    for the days it covers (kit.ledger.dates.canonical): "2027/2029-05-05" and "2027-01-01/2029-05-05" are one
    date, so their figures are set against each other."""
    if "when" not in claims:
        return pd.Series(UNDATED, index=claims.index, dtype="object")
    return claims["when"].map(lambda value: UNDATED if value is None or pd.isna(value) else _canonical(str(value)))


def period_length(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """How long a figure's period is, as a reader compares periods: "day", "month", "year" (a month is a month, of 30
    days or 31), else its number of days. Totals over periods of different lengths (a year's passengers and the
    year's so far) show no move from one to the other."""
    if start == end:
        return "day"
    if start.year == end.year and start.month == end.month and start.day == 1 and (end + pd.Timedelta(days=1)).day == 1:
        return "month"
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return "year"
    return f"{(end - start).days + 1} days"


def comparable_periods(first: tuple[pd.Timestamp, pd.Timestamp], second: tuple[pd.Timestamp, pd.Timestamp]) -> bool:
    """Whether the totals of two periods (start, end) may be read as a move from one to the other: periods of the
    same length (two years, two days), or two running totals from the same start ("culled since the outbreak began":
    the later count includes the earlier, so a higher one is the count growing). A year's total and the next year's
    so far are neither, and show no move (:func:`period_length`)."""
    return first[0] == second[0] or period_length(*first) == period_length(*second)


@functools.lru_cache(maxsize=4096)
def _canonical(when: str) -> str:
    try:
        return canonical(when)
    except ValueError:  # a frame built in code, not validated: its text as it is
        return when


def figure_interval(row: pd.Series, tolerance: float = ABOUT_TOLERANCE) -> tuple[float, float]:
    """The interval one claim allows, ranges included; a merged statement's row, the interval its reading rule
    gives (``statement_low`` and ``statement_high``, kit.analysis.statements)."""
    merged = row.get("statement_low")
    if merged is not None and not pd.isna(merged):
        return (float(merged), float(row["statement_high"]))
    high, unit = row.get("value_high"), str(row.get("unit") or "")  # "58%" is read as rounded: a unit's rule
    high = None if high is None or pd.isna(high) else float(high)
    return interval(float(row["value"]), str(row["bound"]), tolerance, high, unit, written_of(row), whole_of(row))


def rounded(row: pd.Series, tolerance: float = ABOUT_TOLERANCE) -> bool:
    """Whether a claim's interval is an unqualified figure read by rounding (kit/vocab/bounds.csv, rule
    ``rounding``) to more than the figure itself: what kit.analysis.changes.direction needs to read two touching
    roundings as a move."""
    if vocab.bounds()[str(row["bound"])].interval != "rounding":
        return False
    own = interval(float(row["value"]), str(row["bound"]), tolerance, unit=str(row.get("unit") or ""),
                   written=written_of(row), whole=whole_of(row))  # fmt: skip
    return own[0] < own[1] and figure_interval(row, tolerance) == own


def series(claims: pd.DataFrame) -> pd.DataFrame:
    """Level and share estimates of each quantity that has them at two or more dates, oldest first: what a chart
    over time draws. Undated claims are left out (they have no place on a time axis)."""
    levels = one_per_statement(claims[_kind(claims).isin(vocab.kinds_where(over_time=True))]).copy()
    levels["when_key"] = when_key(levels)
    levels = levels[levels["when_key"] != UNDATED]
    dated = levels.groupby("quantity", observed=True)["when_key"].transform("nunique")
    chosen = levels[dated >= 2]
    return chosen.sort_values(["quantity", "when_start", "claim_id"], ignore_index=True)


def _kind(claims: pd.DataFrame) -> pd.Series:
    if "kind" not in claims:
        return pd.Series("level", index=claims.index)
    return claims["kind"].astype("string").fillna("level")


def change_checks(claims: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """Each stated rise or fall against the levels (or shares) it links: the level at the start of its period plus (or
    minus) the change, set against the level at the end; a change in percent of levels counted in another unit is
    relative ("40% more than the €1 billion budget": the level times 1.4; kit.analysis.changes.moved), and so is one
    of a share in percent unless its words say points ("fell 28%" from 32% is 23.04%; "rose 12 percentage points" is
    added). The end level allows half a unit of the last place it is written in ("23%" holds 23.04%).
    ``verdict`` is
    consistent, inconsistent, unchecked (no level at one end, or the change has no period), or OTHER_UNIT (a change
    in another unit than its levels, not a percent: the kit converts no unit). A change stated without a size
    ("Numbers have risen": an empty value) is checked for its direction alone (kit.analysis.changes): its verdict is
    shown, not shown (the levels' intervals overlap) or contradicted, and it has no expected values.

    One row per change, start level and end level: the levels at both ends multiplied, so a change's rows are
    made as arrays, and the levels of each quantity at each date are found once, not scanned per change."""
    claims = one_per_statement(claims)  # a headline repeating a level is not a second level
    kinds = _kind(claims)
    keys = when_key(claims)
    levels: dict[tuple[object, str], tuple[list, list[tuple[float, float]], list[str], list[bool], list[float]]] = {}
    for index, level in claims[kinds.isin(CHECKED_LEVELS)].iterrows():
        ids, spans, units, roundings, values = levels.setdefault((level["quantity"], keys[index]), ([], [], [], [], []))
        ids.append(level["claim_id"])
        spans.append(figure_interval(level, tolerance))
        units.append(str(level["unit"]))
        roundings.append(rounded(level, tolerance))
        values.append(float(level["value"]))
    found: dict[str, list[np.ndarray]] = {column: [] for column in CHECK_COLUMNS}
    for index, change in claims[kinds.isin(vocab.kinds_where(change=True))].iterrows():
        start, _, end = keys[index].partition("/")
        # each end as the span writes it, in its own grain, too: "2022/2026-11-03" links the level of 2022
        first, _, last = str(change["when"]).partition("/")
        before = _level_at(levels, change["quantity"], start, first) if end else None
        after = _level_at(levels, change["quantity"], end, last) if end else None
        if before is None or after is None:
            _add(found, [change["claim_id"]], [None], [None], [math.nan], [math.nan], ["unchecked"])
            continue
        if pd.isna(change["value"]):  # stated without a size: only its direction is checked, from the intervals
            pairs = [(a, b, changes.verdict(str(change["kind"]), changes.direction(s, e, (r, q))))
                     for a, s, r in zip(before[0], before[1], before[3], strict=True)
                     for b, e, q in zip(after[0], after[1], after[3], strict=True)]  # fmt: skip
            starts, ends, verdicts = zip(*pairs, strict=True)
            _add(found, [change["claim_id"]] * len(pairs), starts, ends, [math.nan] * len(pairs),
                 [math.nan] * len(pairs), verdicts)  # fmt: skip
            continue
        sign, unit = int(vocab.kinds()[str(change["kind"])].change), str(change["unit"])
        size = figure_interval(change, tolerance)
        points = changes.in_points(str(change["quote"]), str(change.get("as_written") or ""))
        # added in the levels' unit; relative in percent of them (of a share in percent, unless its words say
        # points); in any other unit not checked (the kit converts no unit)
        spans = []
        for span, start in zip(before[1], before[2], strict=True):
            how = changes.relative(unit, start, points)
            spans.append((math.nan, math.nan) if how is None else changes.moved(span, size, sign, relative=how))
        moved, last = np.array(spans, dtype=float), np.array(after[1], dtype=float)
        n, m = len(moved), len(last)
        expected_low, expected_high = np.repeat(moved[:, 0], m), np.repeat(moved[:, 1], m)  # each start with each end
        # the end as written: "23" is rounded too, where its interval does not already read it so ("23%" does)
        slack = np.tile([0.0 if r else half_place(value) for value, r in zip(after[4], after[3], strict=True)], n)
        fits = (expected_low <= np.tile(last[:, 1], n) + slack) & (np.tile(last[:, 0], n) - slack <= expected_high)
        verdicts = np.where(np.isnan(expected_low), OTHER_UNIT, np.where(fits, "consistent", "inconsistent"))
        _add(found, [change["claim_id"]] * (n * m), np.repeat(np.array(before[0], dtype=object), m),
             np.tile(np.array(after[0], dtype=object), n), expected_low, expected_high, verdicts)  # fmt: skip
    if not found["verdict"]:
        return pd.DataFrame([], columns=CHECK_COLUMNS)
    return pd.DataFrame({column: np.concatenate(found[column]) for column in CHECK_COLUMNS}, columns=CHECK_COLUMNS)


def _level_at(levels: dict, quantity: object, key: str, written: str) -> tuple | None:
    """The levels of a quantity at one end of a change's span: at the end's day, or at the end as written."""
    return levels.get((quantity, key)) or (levels.get((quantity, _canonical(written))) if written else None)


#: The kinds whose figures a stated change is checked against: those followed over time (kinds.csv: a level, a share).
CHECKED_LEVELS = vocab.kinds_where(over_time=True)
#: The verdict of a change in a unit other than its levels' (and not a percent of them): not checked.
OTHER_UNIT = "other unit"
#: The columns of :func:`change_checks`.
CHECK_COLUMNS = ["change_claim", "start_claim", "end_claim", "expected_low", "expected_high", "verdict"]


def _add(found: dict[str, list[np.ndarray]], *columns: object) -> None:
    """One change's rows, a sequence per column; claim ids and verdicts as objects, expected values as floats."""
    for name, values in zip(CHECK_COLUMNS, columns, strict=True):
        floats = name.startswith("expected")
        found[name].append(np.asarray(values, dtype=float) if floats else np.asarray(values, dtype=object))


def curated(claims: pd.DataFrame) -> pd.Series:
    """Each claim's ``statement`` as the curator set it ("" when the column is absent or the cell empty): the
    override of the grouping rule, so two wordings of one briefing figure can be one statement, and two figures
    the rule would join can be kept apart."""
    if "statement" not in claims:
        return pd.Series("", index=claims.index, dtype="object")
    return claims["statement"].map(lambda value: "" if value is None or pd.isna(value) else str(value).strip())


def _rule_keys(claims: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The grouping key of each claim: the rule's fields, or only the curator's ``statement`` where it is set."""
    frame = claims[columns].astype("string").fillna("")
    frame["when"] = when_key(claims)
    override = curated(claims)
    if (override != "").any():
        frame.loc[override != "", [*columns, "when"]] = ""
    frame["curated"] = override
    return frame


def statements(claims: pd.DataFrame) -> pd.Series:
    """One statement id per claim: a headline and a body sentence with the same claimant, quantity, kind,
    date, figure and bound are one statement, counted once and cited with both quotes; claims with the same
    curator's ``statement`` are one statement whatever the rule says. The id is the statement's first claim id."""
    columns = [c for c in ("claimant", "quantity", "kind", "value", "value_high", "bound") if c in claims]
    frame = _rule_keys(claims, columns)
    frame["claim_id"] = claims["claim_id"].astype(str)
    keys = [*columns, "when", "curated"]
    first = frame.sort_values("claim_id").groupby(keys, sort=False)["claim_id"].transform("first")
    return first.reindex(claims.index)


def one_per_statement(
    claims: pd.DataFrame, text: str | None = None, headline: str | None = None, tolerance: float = ABOUT_TOLERANCE
) -> pd.DataFrame:
    """The claims with one row per statement and ``statement_claims``: every claim id that states it, so a page
    counts the statement once and cites every quote of it.

    The row kept is the claim that gives the statement's reading by the rule of :mod:`kit.analysis.statements`
    (the speaker's own quoted words over a paraphrase, a body sentence over the headline), never the first id;
    ``text`` and ``headline`` are the article's, to tell those apart. For a merged statement ``statement_rule``
    names the rule, ``statement_low`` and ``statement_high`` give the interval it allows, and ``bounds_differ``
    says its claims' bounds or figures differ (a page then quotes them all); a lone claim leaves them empty."""
    if claims.empty:
        return claims.assign(
            statement_claims=pd.Series(dtype="object"),
            statement_rule=pd.Series(dtype="object"),
            statement_low=pd.Series(dtype="float64"),
            statement_high=pd.Series(dtype="float64"),
            bounds_differ=pd.Series(dtype="bool"),
        )
    ids = statements(claims).astype(str).to_numpy()
    groups: dict[str, list[int]] = {}
    for position, statement in enumerate(ids):
        groups.setdefault(statement, []).append(position)  # a dict, not a groupby: pages call this often
    claim_ids = claims["claim_id"].astype(str).to_numpy()
    ranks, kept, extra = None, [], []
    for positions in groups.values():
        members = tuple(sorted(claim_ids[k] for k in positions))
        if len(positions) == 1:
            kept.append(positions[0])
            extra.append((members, "", math.nan, math.nan, False))
            continue
        ranks = ranks if ranks is not None else ranks_of(claims, text, headline)
        reading = read_statement(claims.iloc[positions], ranks, tolerance)
        kept.append(next(k for k in positions if claim_ids[k] == reading.claim_id))
        extra.append((members, reading.rule, reading.low, reading.high, reading.bounds_differ))
    order = sorted(range(len(kept)), key=lambda k: kept[k])
    result = claims.iloc[[kept[k] for k in order]].copy()
    for column, values in zip(
        ("statement_claims", "statement_rule", "statement_low", "statement_high", "bounds_differ"),
        zip(*(extra[k] for k in order), strict=True),
        strict=True,
    ):
        result[column] = list(values)
    return result


def corpus_statements(frame: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """One row per statement across a corpus (kit.corpus): claims in different articles with the same
    claimant, quantity, kind, date and figure are one statement reported by several outlets, counted once.
    The curator's ``statement`` column overrides the rule: claims with the same value are one statement, a claim
    with a value of its own stands alone; a claim another article leaves to the rule joins a statement of several
    claims the rule reads as the same (kit.analysis.across: never two statements of one article). A statement's
    fields are those of the claim that gives its reading (kit.analysis.statements: the speaker's own quoted words
    over an outlet's paraphrase, a body sentence over a headline, else the interval all its claims allow), never the
    order of articles or ids.
    Columns: statement (that article/claim pair), the statement's fields, the curator's id (``curated``, "" by
    the rule), and every article and outlet that reported it."""
    keys = ["claimant", "quantity", "kind", "value", "value_high", "bound"]
    table = frame.assign(when_key=when_key(frame), pair=frame["article"].astype(str) + "/" + frame["claim_id"])
    rule = _rule_keys(table.fillna({"value_high": -1.0}), keys)
    labels = table.groupby([rule[column] for column in [*keys, "when", "curated"]], sort=False).ngroup()
    plain = table.fillna({"value_high": -1.0})[keys].astype("string").fillna("")  # the rule alone, ids ignored
    by_rule = plain.groupby([*(plain[column] for column in keys), table["when_key"]], sort=False).ngroup()
    ids = curated(table)
    alone = set(labels[(ids != "") & ~ids.duplicated(keep=False)])  # an id no other claim has: set apart
    across = joined(labels.tolist(), by_rule.tolist(), table["article"].astype(str).tolist(), alone)
    groups: dict[int, list[int]] = {}
    for position, label in enumerate(across):
        groups.setdefault(label, []).append(position)  # a dict, not a frame per group: most statements have one claim
    # a one-claim statement (most of them) is read from columns, not from a frame of its own
    fields = [*keys, "unit", "pair", "when_key", "claimant_name", "article", "outlet"]
    column = {name: table[name].to_numpy(dtype=object) for name in fields}
    own = curated(table).to_numpy(dtype=object)
    rows = []
    for positions in groups.values():
        if len(positions) == 1:
            (k,) = positions
            found = {name: column[name][k] for name in fields}
            rows.append(_statement_row(found, keys, own[k], [found]))
            continue
        # a statement several articles report: read it by the rule of kit.analysis.statements
        members = table.iloc[positions].sort_values(
            ["published", "article", "claim_id"], na_position="first", kind="stable"
        )
        as_pairs = members.assign(claim_id=members["pair"])
        reading = read_statement(as_pairs, ranks_of(as_pairs), tolerance)
        first = members[members["pair"] == reading.claim_id].iloc[0]
        rows.append(_statement_row(first, keys, curated(members).iloc[0], members.to_dict("records"), reading))
    columns = ["statement", *keys, "unit", "when", "claimant_name", "curated", "articles", "outlets", "claims"]
    columns += ["statement_rule", "statement_low", "statement_high", "bounds_differ"]
    result = pd.DataFrame(rows, columns=columns)  # the columns stay when the corpus has no claim
    result["n_outlets"] = result["outlets"].map(len)
    return result.sort_values(["quantity", "when", "statement"], ignore_index=True)


def _statement_row(first, keys: list[str], own: str, members: list, reading: Reading | None = None) -> dict:
    """One row of :func:`corpus_statements`: the fields of the claim that gives the statement's reading (``first``),
    the curator's id, and every article, outlet and claim of its ``members`` (rows, oldest report first)."""
    return {
        "statement": first["pair"],
        **{key: first[key] for key in keys},
        "unit": first["unit"],  # how its figure is read (kit.vocab.intervals.rounding: "58%" is rounded)
        "when": first["when_key"],
        "claimant_name": first["claimant_name"],
        "curated": own,
        "articles": tuple(dict.fromkeys(str(member["article"]) for member in members)),
        "outlets": tuple(dict.fromkeys(str(member["outlet"]) for member in members)),
        "claims": tuple(member["pair"] for member in members),
        "statement_rule": reading.rule if reading else "",
        "statement_low": reading.low if reading else math.nan,
        "statement_high": reading.high if reading else math.nan,
        "bounds_differ": reading.bounds_differ if reading else False,
    }


#: The columns of :func:`stated_changes`.
STATED_COLUMNS = ["change_claim", "start_claim", "stated", "words", "words_claim", "quote", "direction", "verdict"]
STATED_COLUMNS += ["start_low", "start_high", "low", "high"]


def written_of(row: pd.Series) -> str:
    """A claim's figure as the article writes it (``as_written``), "" where the cell is empty."""
    written = row.get("as_written")
    return "" if written is None or pd.isna(written) else str(written)


def _key(claims: pd.DataFrame) -> pd.Series:
    """Each claim's key: its id, or article/id in a corpus (kit.corpus), where ids repeat across articles."""
    ids = claims["claim_id"].astype(str)
    return claims["article"].astype(str) + "/" + ids if "article" in claims else ids


def stated_changes(claims: pd.DataFrame, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """One row per claim whose ``change_from`` names an earlier claim among ``claims``: the change the article
    states (rise or fall), its words as the quote writes them, the claim whose quote has them and that quote, the
    direction the two intervals show, the verdict (shown, not shown, contradicted) and both intervals. Claim ids
    are keys (article/id in a corpus). A link to a claim not among ``claims`` (another page's selection) is left out."""
    if "change_from" not in claims or claims.empty:
        return pd.DataFrame([], columns=STATED_COLUMNS)
    keys = _key(claims)
    position = dict(zip(keys, range(len(claims)), strict=True))
    named = claims["change_from"].astype("string").fillna("").str.strip()
    rows = []
    for at in (named != "").to_numpy().nonzero()[0]:  # only the linked claims: a page calls this on every quantity
        row, key = claims.iloc[at], keys.iloc[at]
        start_key = f"{row['article']}/{named.iloc[at]}" if "article" in claims else named.iloc[at]
        if start_key not in position:
            continue
        start = claims.iloc[position[start_key]]
        tied = (written_of(start), written_of(row))  # words tied to the two figures ("up from 8,000", "rose to 9,000")
        said = vocab.stated_change(str(start["quote"]), *tied)
        words_key = start_key if said else key
        said = said or vocab.stated_change(str(row["quote"]), *tied)
        if said is None:
            continue  # the validator refuses such a link; a frame built by hand may still hold one
        before, after = figure_interval(start, tolerance), figure_interval(row, tolerance)
        found = changes.direction(before, after, (rounded(start, tolerance), rounded(row, tolerance)))
        quote = str((start if words_key == start_key else row)["quote"])
        rows.append(
            [
                key,
                start_key,
                said[1],
                said[0],
                words_key,
                quote,
                found,
                changes.verdict(said[1], found),
                *before,
                *after,
            ]
        )
    return pd.DataFrame(rows, columns=STATED_COLUMNS)
