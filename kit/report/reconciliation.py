"""Reconciliation in words and tables: which estimates agree, which conflict, what they allow together.

The verdicts come from :mod:`kit.analysis.reconcile`; this module only words them, with the bound words of
:mod:`kit.report.words`, so an implied figure reads here as it does in the group chart.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable

import pandas as pd
from IPython.display import Markdown

from kit.analysis.bounds import ABOUT_TOLERANCE, places_of
from kit.analysis.reconcile import (
    Estimate,
    claims_frame,
    estimates,
    group_range,
    groups,
    pair_counts,
    pairs,
    pairs_of,
    whole_and_part,
)
from kit.analysis.sizes import TOTAL
from kit.figures import format_figure, format_with_unit
from kit.report import limits, markdown, model, style, units
from kit.report.params import Params
from kit.report.words import allowed_words, date_words, figure_text, fraction_words, plain_with_unit, tolerance_words

#: Colour of an estimate by how it fares against the others of its stage (Okabe-Ito, colour-blind safe).
STATUS_COLOURS = style.VERDICT_COLOURS  # verdicts never share a side's colour
STATUS_WORDS = {
    "agree": "Fits every other estimate it is compared with",
    "conflict": "Conflicts with another estimate",
    "single claim": "Only estimate of its stage",
}


def row_status(row: pd.Series) -> str:
    """How one estimate fares: in conflict with any other, or fitting all, or alone at its stage."""
    if row["conflicts_with"]:
        return "conflict"
    return "single claim" if row["group_status"] == "single claim" else "agree"


def _figure(e: Estimate) -> str:
    """An estimate as a reader would say it: "about 1,500 people", "700 people per crew", a range whole."""
    per = "" if e.measure == TOTAL else f" {e.measure}"
    unqualified = " (unqualified)" if e.rounded else ""
    high = None if math.isnan(e.value_high) else e.value_high
    if not e.derived and (e.bound == "vague" and e.as_written.strip() or fraction_words(e)):
        # "tens of thousands", "a third": the article's words, never the kit's reading or "33.333333%"
        return f"{units.with_unit(figure_text(e, e.unit), e.unit)}{per}"
    return f"{plain_with_unit(e.value, e.unit, e.bound, high)}{per}{unqualified}"


def _via(e: Estimate, claims: pd.DataFrame) -> str:
    """What a derived estimate follows from, in words: "about 1,500 people in three crews"."""
    given, count = claims.loc[e.rests_on[0]], claims.loc[e.rests_on[1]]
    groups = plain_with_unit(count["value"], count["unit"], count["bound"])
    stated = plain_with_unit(given["value"], given["unit"], given["bound"])
    if given.get("per_group"):
        return f"{groups} of {stated} each"
    return f"{stated} in {groups}"


def _range(low: float, high: float, unit: str) -> str:
    """The range a set of estimates allows, in words (an open end says "more than" or "less than",
    :func:`kit.report.words.allowed_words`); ends are written to the decimal places they have, at most three
    ("between 40.55% and 40.65%", never "between 41% and 41%")."""
    places = min(3, max(places_of(end) for end in (low, high) if math.isfinite(end)))
    if low == high:
        return f"{format_with_unit(round(low, places), unit)}, as stated"

    def with_unit(end: float) -> str:
        return format_with_unit(round(end, places) if places else round(end), unit)

    shown_low = round(low, places) if places else round(low)
    closed = f"between {format_figure(shown_low, unit)} and {with_unit(high)}" if math.isfinite(high) else ""
    return allowed_words(low, high, with_unit, closed.replace("{", "{{").replace("}", "}}"))


def _what(e: Estimate, labels: dict[str, str]) -> str:
    """What a group of estimates counts, in the ledger's words, with its stage and its date when it has one."""
    label = labels.get(e.quantity, e.unit)
    per = "" if e.measure == TOTAL else f" ({e.unit} {e.measure})"
    head = " ".join(part for part in (label + per, e.stage_words) if part)
    if not e.when:
        return head
    if head.endswith(" for"):  # "unaccounted for (9 March 2026)", never "unaccounted for for 9 March 2026"
        return f"{head} ({date_words(e.when)})"
    return f"{head} for {date_words(e.when)}"


def _said(e: Estimate, claims: pd.DataFrame, stage: bool = True, places: dict[str, str] | None = None) -> str:
    """Who says what; a derived estimate is the kit's arithmetic on a named source's figures, never "according to"
    that source; with ``places`` (given when the
    estimates set side by side differ in place), where the estimate applies."""
    stage_words = f" {e.stage_words}" if stage and e.stage else ""
    where = ""
    if places is not None:
        place = _place_of(e, claims)
        where = f", in {places.get(place, place)}" if place else ", no place given"
    if e.derived:  # the kit's number, never the source's: it names whose figures it rests on
        possessive = f"{e.claimant_name}\u2019" + ("" if e.claimant_name.endswith("s") else "s")
        return f"{_figure(e)}{stage_words}, the kit's arithmetic on {possessive} {_via(e, claims)}{where}"
    return f"{_figure(e)}{stage_words} according to {markdown.in_sentence(e.claimant_name)}{where}"


def _place_of(e: Estimate, claims: pd.DataFrame) -> str:
    """The place an estimate's claim applies to ("" when it names none)."""
    if "place_id" not in claims or e.claim_id not in claims.index:
        return ""
    place = claims.at[e.claim_id, "place_id"]
    return "" if place is None or pd.isna(place) else str(place)


def _where(members: list[Estimate], claims: pd.DataFrame, places: dict[str, str]) -> dict[str, str] | None:
    """The place names to say, when the estimates set side by side differ in place; None when they agree."""
    return places if len({_place_of(e, claims) for e in members}) > 1 else None


def sentences(
    data: pd.DataFrame | str | os.PathLike | None = None,
    tolerance: float = ABOUT_TOLERANCE,
    labels: dict[str, str] | None = None,
    limit: int | None = None,
    places: dict[str, str] | None = None,
    found: list[Estimate] | tuple[Estimate, ...] | None = None,
) -> pd.DataFrame:
    """Plain sentences stating the reconciliation, each with the claim_ids it rests on, for a narrative to quote.

    Every figure is written by kit.figures from the ledger's values, so a sentence never disagrees with the data.
    ``labels`` names each quantity in words (the ledger's quantity labels); without them a unit stands in.
    ``places`` names each place (the ledger's place names; without them its id): estimates set side by side
    that differ in place say where each applies.
    ``limit`` words at most that many pairs of each verdict per quantity and measure (the most recent dates
    first) and names at most :data:`~kit.report.limits.GROUP_MEMBERS` estimates per group, so a large ledger
    costs a page of sentences, not one per pair.
    """
    labels, places = labels or {}, places or {}
    claims = claims_frame(data)
    found = list(found) if found is not None else estimates(claims, tolerance)  # a page model's, read once
    by_claim = claims.set_index("claim_id", drop=False)
    by_id = {(e.claim_id, e.measure): e for e in found}
    rows: list[dict] = []
    found_groups = [members for members in groups(found).values() if len(members) >= 2]
    if limit is not None:  # the most recent groups first, at most GROUPS of them
        found_groups = sorted(found_groups, key=lambda members: members[0].when, reverse=True)[: limits.GROUPS]
    for members in found_groups:
        low, high, status = group_range(members)
        shown = members if limit is None else members[: limits.GROUP_MEMBERS]
        listed = "; ".join(_said(e, by_claim, False, _where(members, by_claim, places)) for e in shown)
        if len(shown) < len(members):
            listed += f"; and {format_figure(len(members) - len(shown), 'count')} more"
        what = _what(members[0], labels)
        if status == "agree":
            text = f"Estimates of {what} agree: {listed}. Together they allow {_range(low, high, members[0].unit)}."
        else:
            text = f"Estimates of {what} cannot all be right: {listed}."
        ids = sorted({claim for e in shown for claim in e.rests_on})
        described = len(members) * (len(members) - 1) // 2 if status == "agree" else 0  # its pairs, all compatible
        rows.append({"kind": "range", "text": text, "claim_ids": tuple(ids), "quantity": members[0].quantity,
                     "pairs": described})  # fmt: skip
    verdicts = pairs_of(found, limit)
    for pair in verdicts.itertuples(index=False):
        a, b = by_id[(pair.claim_a, pair.measure)], by_id[(pair.claim_b, pair.measure)]
        where = _where([a, b], by_claim, places)

        def said(e: Estimate, where: dict[str, str] | None = where) -> str:
            return _said(e, by_claim, True, where)

        if pair.verdict == "conflict" and pair.relation == "same stage":
            what = _what(a, labels)
            text = f"Conflict: {said(a)}, against {said(b)}; no number of {what} fits both."
        elif pair.verdict == "conflict":
            whole, part = whole_and_part(a, b)
            text = (
                f"Conflict: {said(part)}, more than {said(whole)}; "
                f"no more can be {part.stage_words} than {whole.stage_words}."
            )
        elif pair.verdict == "compatible" and pair.relation == "subset":
            whole, part = whole_and_part(a, b)
            text = (
                f"Compatible: {said(whole)}, and {said(part)}; "
                f"no more can be {part.stage_words} than {whole.stage_words}, and these figures allow that."
            )
        elif pair.verdict == "compatible":
            allowed = _range(pair.joint_low, pair.joint_high, a.unit)
            text = f"Compatible: {said(a)}, and {said(b)}; both allow {allowed}."
        else:
            continue
        rows.append({"kind": pair.verdict, "text": text, "claim_ids": pair.claim_ids, "quantity": pair.quantity})
    not_comparable = verdicts[verdicts["verdict"] == "not comparable"]
    # stages in the order the ledger declares them (kit.analysis.with_stages); a frame without it: alphabetical
    rank = dict(zip(claims["stage"], claims["stage_rank"], strict=True)) if "stage_rank" in claims else {}
    for quantity, chunk in not_comparable.groupby("quantity", sort=True):
        unit = by_id[(chunk["claim_a"].iloc[0], chunk["measure"].iloc[0])].unit
        # each pair of stages not compared, never a list that takes in stages the ledger does nest (one within
        # the other): those pairs are compared, and the page says so above; a count with no stage last
        found = {tuple(sorted(pair, key=_order(rank))) for pair in zip(chunk["stage_a"], chunk["stage_b"], strict=True)}
        listed = "; ".join(
            " and ".join(stage or "no stage given" for stage in pair)
            for pair in sorted(found, key=lambda pair: [_order(rank)(stage) for stage in pair])
        )
        ids = sorted({claim for ids in chunk["claim_ids"] for claim in ids})
        text = (
            f"Counts of {unit} at stages whose overlap the article does not give are not set against each other: "
            f"{listed}."
        )
        rows.append({"kind": "not comparable", "text": text, "claim_ids": tuple(ids), "quantity": quantity})
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).fillna({"pairs": 0}).astype({"pairs": "int64"})


def _order(rank: dict) -> Callable[[str], tuple]:
    """How stages sort in a sentence: in the order the ledger declares them, a count with no stage last."""
    return lambda stage: (stage == "", rank.get(stage, 0), stage)


#: The columns of :func:`sentences`; ``pairs`` counts the compatible pairs a group's sentence already describes.
SENTENCE_COLUMNS = ["kind", "text", "claim_ids", "quantity", "pairs"]


def contested(params: Params, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """The reconciliation table narrowed to the notebook's subset and to quantities with two or more estimates."""
    return model.reconciliation_page(params, tolerance).contested


def narrative_markdown(params: Params, tolerance: float = ABOUT_TOLERANCE) -> Markdown:
    """The reconciliation in sentences, each citing the claims it rests on, for the notebook's Markdown cell."""
    return narrative_of(model.reconciliation_page(params, tolerance))


def narrative_of(page: model.ReconciliationPage) -> Markdown:
    """The reconciliation page's sentences, rendered from its model, each citing the claims it rests on.

    At most :data:`~kit.report.limits.CONFLICTS` conflicts are worded, taken in turn from each quantity, the
    most recent dates first; every other pair is counted, never written out.
    """
    claims, tolerance, params = page.claims, page.tolerance, page.reading.params
    labels, places = dict(page.reading.labels), dict(page.reading.places)
    empty = pd.DataFrame(columns=SENTENCE_COLUMNS)
    found = list(page.found)
    said = (
        sentences(claims, tolerance, labels, limit=limits.CONFLICTS, places=places, found=found)
        if not claims.empty
        else empty
    )
    said = said[said["claim_ids"].map(len) > 0]
    if said.empty:
        return markdown.nothing_to_show(params, "quantity estimated by two or more claims")
    counts = pair_counts(found).groupby("verdict")["pairs"].sum()
    within = markdown.escape_markdown(tolerance_words(tolerance))
    lines = [
        f"How the estimates fit together ('about' is read as {within} of the figure, an unqualified figure as "
        "rounded to its last written digit (a whole count under 1,000 as stated); counts of different stages are "
        "kept apart):",
        "",
    ]
    conflicts = said[said["kind"] == "conflict"]
    said = said.drop(conflicts.index.difference(_spread(conflicts, limits.CONFLICTS).index))
    worded = int((said["kind"] == "range").sum())  # groups worded, a group said by its one conflict included
    said = said.drop(_said_by_a_conflict(said).index)
    for kind in ("range", "conflict", "not comparable"):
        for sentence in said[said["kind"] == kind].itertuples(index=False):
            cites = "".join(markdown.cite(claim_id) for claim_id in sentence.claim_ids)
            lines.append(f"- {markdown.escape_markdown(sentence.text)}{cites}")
        groups_total = sum(len(members) >= 2 for members in groups(found).values())
        left_out = limits.capped(
            worded,
            groups_total,
            "groups of estimates, the most recent",
            limits.claims_csv(),
        )
        if kind == "range" and left_out:
            lines.append(f"- {markdown.escape_markdown(left_out)}")
    rest = int(counts.get("conflict", 0)) - int((said["kind"] == "conflict").sum())
    if rest > 0:
        pairs_word = "pair of estimates conflicts" if rest == 1 else "pairs of estimates conflict"
        lines.append(f"- {format_figure(rest, 'pairs')} further {pairs_word}: see the table below, conflicts first.")
    # pairs inside a group whose agreement is worded above are described already: only the others are further
    compatible = int(counts.get("compatible", 0)) - int(said.loc[said["kind"] == "range", "pairs"].sum())
    if compatible > 0:
        pairs_word = "pair of estimates is" if compatible == 1 else "pairs of estimates are"
        lines.append(f"- {format_figure(compatible, 'pairs')} further {pairs_word} compatible: see the table below.")
    said = said[said["kind"] != "compatible"]
    cited = page.reading.cited(sorted({claim for ids in said["claim_ids"] for claim in ids}))
    return markdown.cited("\n".join(lines), cited)


def _said_by_a_conflict(said: pd.DataFrame) -> pd.DataFrame:
    """The sentences of groups that cannot all be right whose estimates are exactly one conflict's pair, worded
    below it: "A and B cannot all be right" then "Conflict: A, against B" would say one fact twice."""
    pairs = {frozenset(ids) for ids in said.loc[said["kind"] == "conflict", "claim_ids"]}
    repeated = (
        (said["kind"] == "range") & (said["pairs"] == 0) & said["claim_ids"].map(lambda ids: frozenset(ids) in pairs)
    )
    return said[repeated]


def _spread(sentences: pd.DataFrame, cap: int) -> pd.DataFrame:
    """At most ``cap`` sentences, taken in turn from each quantity so that every quantity gets its conflicts."""
    if len(sentences) <= cap:
        return sentences
    turn = sentences.groupby("quantity", sort=False).cumcount()
    return sentences.loc[turn.sort_values(kind="stable").index[:cap]].sort_index()


PAIR_TABLE = ["quantity", "measure", "claim_a", "claim_b", "relation", "verdict"]


def pairs_frame(params: Params, tolerance: float = ABOUT_TOLERANCE) -> pd.DataFrame:
    """The pairwise verdicts for the notebook's subset, one row per pair, for code to read."""
    claims = model.reconciliation_page(params, tolerance).claims
    if claims.empty:
        return pd.DataFrame(columns=PAIR_TABLE)
    return pairs(claims, tolerance)[PAIR_TABLE]


def pairs_table(params: Params, tolerance: float = ABOUT_TOLERANCE) -> Markdown:
    """The pairwise verdicts as a table a reader can scan (:func:`pairs_table_of`)."""
    return pairs_table_of(model.reconciliation_page(params, tolerance))


def pairs_table_of(page: model.ReconciliationPage) -> Markdown:
    """The pairwise verdicts as a table a reader can scan: no row numbers, measures and relations in words;
    rendered from the page's model.

    At most :data:`~kit.report.limits.TABLE_ROWS` pairs, conflicts first, with a line counting the rest.
    """
    claims, params = page.claims, page.reading.params
    found = list(page.found)
    table = pairs_of(found, limits.TABLE_ROWS)[PAIR_TABLE] if found else pd.DataFrame(columns=PAIR_TABLE)
    if table.empty:
        return markdown.nothing_to_show(params, "pair of estimates of the same quantity")
    total = int(pair_counts(found)["pairs"].sum())
    if total > limits.TABLE_ROWS:
        first = table["verdict"].map({"conflict": 0, "compatible": 1}).fillna(2)
        table = table.loc[first.sort_values(kind="stable").index[: limits.TABLE_ROWS]].sort_index()
    labels = page.reading.labels  # the reader's words: who said which figure, not claim ids
    names = dict(zip(claims["claim_id"], claims["claimant_name"], strict=True))
    by_id = {(e.claim_id, e.measure): e for e in found}

    def shown(claim: str, measure: str) -> str:
        """Who gave the estimate and the estimate with its bound ("at least 40 boats"); one the kit derived
        (a total from a count of groups and their size) is marked as the kit's arithmetic, never as a quote."""
        e = by_id[(claim, measure)]
        return f"{names[claim]}: {_figure(e)}" + (", the kit's arithmetic" if e.derived else "")

    # a column says something only where the ledger does: measures other than a total, stages that differ
    measures, stages = int((table["measure"] != "total").any()), int((table["relation"] != "same stage").any())
    heads = ["Quantity", *["Measure"] * measures, "Estimate", "Against", *["Stages"] * stages, "Verdict"]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for row in table.itertuples(index=False):
        estimate, against = shown(row.claim_a, row.measure), shown(row.claim_b, row.measure)
        cells = [labels.get(row.quantity, row.quantity), *[row.measure.replace("_", " ")] * measures, estimate]
        cells += [against, *[row.relation] * stages, row.verdict]
        lines.append("| " + " | ".join(markdown.escape_markdown(cell) for cell in cells) + " |")
    where = "counted in the sentences above"
    left_out = limits.capped(len(table), total, "pairs, conflicts first", where)
    return Markdown("\n".join(lines) + (f"\n\n*{markdown.escape_markdown(left_out)}*" if left_out else ""))
