"""Every verdict sentence the kit writes holds against the intervals of the claims it cites, for any group of claims.

Hypothesis generates groups of claims (bounds from the registry, round and unround figures, ranges, two dates, a
few sources) and reads the sentences of the reconciliation page and of the tracker: a "can both be right" or
"agree" range lies inside every cited claim's interval; "moved" only for disjoint intervals, in the direction they
differ; "do not show a move" and "compatible" never for disjoint ones; a conflict only for disjoint ones; a change the
article states ("up from") is shown only by intervals disjoint in its direction, contradicted only by intervals
disjoint the other way, and "not shown" only where they overlap.
Runs are derandomized and bounded, so CI sees the same examples every time.
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared import examples

from kit import analysis, vocab
from kit.analysis import tracker as track
from kit.report import changes as report_changes
from kit.report import reconciliation
from kit.report import tracker as report_tracker

FIGURES = (40, 64, 800, 1000, 1200, 2000, 2500, 3000, 3700, 9000, 10000, 12000, 14000)
CLAIMANTS = ("ana", "ben", "cid")
DATES = ("2025-09", "2025-10")
CITE = re.compile(r"<sup>\[(.*?)\]</sup>")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@st.composite
def claim_rows(draw) -> list[dict]:
    rows = []
    for k in range(draw(st.integers(2, 5))):
        bound = draw(st.sampled_from(vocab.names()))
        value = float(draw(st.sampled_from(FIGURES)))
        high = value + float(draw(st.sampled_from((100, 500, 1000, 3000)))) if bound in vocab.ranged() else math.nan
        when = draw(st.sampled_from(DATES))
        claimant = draw(st.sampled_from(CLAIMANTS))
        rows.append({"claim_id": f"c{k}", "claimant": claimant, "claimant_name": claimant.title(), "bound": bound,
                     "value": value, "value_high": high, "when": when})  # fmt: skip
    return rows


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The generated claims as kit.corpus returns them: one article, one quantity, every column a page reads."""
    frame = pd.DataFrame(rows)
    period = frame["when"].map(lambda when: pd.Period(when, "M"))
    return frame.assign(
        article="a", outlet="Wire", headline="A headline", published=pd.Timestamp("2025-11-01"),
        claimant_role="official", side="government", quantity="q", kind="level", of="", per="", unit="people",
        stage="", when_start=period.map(lambda p: p.start_time), when_end=period.map(lambda p: p.end_time.normalize()),
        when_kind="", as_written="", quote="", statement="", counts="people",
    )  # fmt: skip


def _interval(row: dict) -> tuple[float, float]:
    high = None if math.isnan(row["value_high"]) else row["value_high"]
    return analysis.interval(row["value"], row["bound"], high=high)


def _inside(low: float, high: float, span: tuple[float, float]) -> bool:
    """A printed range (rounded to whole figures) lies inside an interval, up to that rounding."""
    return span[0] - 0.5 <= low and high <= span[1] + 0.5


def _numbers(text: str) -> list[float]:
    return [float(found.replace(",", "")) for found in NUMBER.findall(html.unescape(text))]


def _allowed_range(words: str) -> tuple[float, float]:
    """The range a sentence says the cited claims allow: "at least X", "more than X", "up to X", "less than X",
    "X to Y", "between X and Y", and two ends of which one is open ("more than X and at most Y", "at least X and
    less than Y"). An open end is the next float past its figure, as the bounds registry makes it."""
    found = _numbers(words)
    low = math.nextafter(found[0], math.inf) if words.lstrip().startswith("more than") else found[0]
    if " and " not in words and ("at least" in words or "more than" in words):
        return (low, math.inf)
    if "up to" in words:
        return (0.0, found[0])
    if "less than" in words:
        return ((0.0 if len(found) == 1 else low), math.nextafter(found[-1], -math.inf))
    return (low, found[-1])


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


@settings(max_examples=examples(120), derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_rows())
def test_tracker_verdicts_hold_against_the_cited_intervals(rows: list[dict]) -> None:
    spans = {f"a/{row['claim_id']}": _interval(row) for row in rows}
    statements = track.tracked(_frame(rows))
    for line in report_tracker._moves(statements) + report_tracker._same_date(statements):
        cited = [spans[claim] for claim in CITE.findall(line)]
        if "not listed here" in line or "not shown" in line:
            continue  # a count of lines left out, not a verdict
        assert len(cited) >= 2, line
        first, second = cited[0], cited[-1]
        if "can both be right: both allow" in line:
            low, high = _allowed_range(CITE.sub("", line.split("both allow", 1)[1]))
            assert all(_inside(low, high, span) for span in cited), (line, cited)
        elif "cannot both be right" in line:
            assert not _overlap(first, second), (line, cited)
        elif "do not show a move" in line:
            assert _overlap(first, second), (line, cited)
        elif re.search(r"\): (?:higher|lower)", line):
            assert not _overlap(first, second), (line, cited)
            assert (": higher" in line) == (second[0] > first[1]), (line, cited)


@settings(max_examples=examples(120), derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_rows())
def test_reconciliation_verdicts_hold_against_the_cited_intervals(rows: list[dict]) -> None:
    spans = {row["claim_id"]: _interval(row) for row in rows}
    said = reconciliation.sentences(_frame(rows))
    for sentence in said.itertuples(index=False):
        cited = [spans[claim] for claim in sentence.claim_ids]
        if "together they allow" in sentence.text:
            words = sentence.text.split("together they allow", 1)[1]
            low, high = (_numbers(words)[0],) * 2 if "as stated" in words else _allowed_range(words)
            assert all(_inside(low, high, span) for span in cited), (sentence.text, cited)
        elif sentence.text.startswith("Compatible:"):
            low, high = _allowed_range(sentence.text.split("both allow", 1)[1])
            assert all(_inside(low, high, span) for span in cited), (sentence.text, cited)
        elif sentence.text.startswith("Conflict:"):
            assert not _overlap(cited[0], cited[1]), (sentence.text, cited)


@st.composite
def stated_pairs(draw) -> tuple[list[dict], str]:
    """An earlier and a later figure of one source, the later linked to the earlier by change_from, and the change
    the article states ("up from", a rise; "down from", a fall) in the earlier one's quote."""
    rows = []
    for k, when in enumerate(DATES):
        bound = draw(st.sampled_from(vocab.names()))
        value = float(draw(st.sampled_from(FIGURES)))
        high = value + float(draw(st.sampled_from((100, 500, 1000, 3000)))) if bound in vocab.ranged() else math.nan
        rows.append({"claim_id": f"c{k}", "claimant": "ana", "claimant_name": "Ana", "bound": bound, "value": value,
                     "value_high": high, "when": when})  # fmt: skip
    return rows, draw(st.sampled_from(("rise", "fall")))


def _stated_frame(rows: list[dict], stated: str) -> pd.DataFrame:
    words = "up from" if stated == "rise" else "down from"
    return _frame(rows).assign(quote=[f"{words} the figure", "the figure now"], change_from=["", "c0"])


@settings(max_examples=examples(150), derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stated_pairs())
def test_a_stated_change_is_shown_only_by_disjoint_intervals_in_its_direction(pair) -> None:
    """The article says "up from" (or "down from"): "the figures show the rise" only when every value the later
    figure allows lies above every value the earlier allows; "do not show" only when the two overlap; "contradict"
    only when the later lies wholly on the other side; on the over-time page and in the tracker alike."""
    rows, stated = pair
    earlier, later = (_interval(row) for row in rows)
    above, below = later[0] > earlier[1], later[1] < earlier[0]
    expected = {True: f"the figures show the {stated}"}.get(above if stated == "rise" else below)
    if expected is None:
        expected = (
            f"the figures contradict the stated {stated}" if above or below else
            f"the figures do not show the stated {stated}"
        )  # fmt: skip
    frame = _stated_frame(rows, stated)
    (change,) = analysis.stated_changes(frame).itertuples(index=False)
    by_id = frame.set_index("claim_id", drop=False)
    sentence = report_changes.sentence(change, by_id.loc["c1"], by_id.loc["c0"])
    assert expected in sentence.lower(), (sentence, earlier, later)
    (line,) = report_tracker._moves(track.tracked(frame))
    assert line.endswith(f": {expected}."), (line, earlier, later)
    assert bool(re.search(r"\): (?:higher|lower)", line)) == (above or below), (line, earlier, later)
    assert ("do not show a move" in line) == (not above and not below), (line, earlier, later)


@settings(max_examples=examples(100), derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stated_pairs())
def test_a_change_stated_without_a_size_is_checked_by_the_same_rule(pair) -> None:
    """ "Numbers have risen" (no size) between the levels of two dates: the same verdicts, the same intervals."""
    rows, stated = pair
    earlier, later = (_interval(row) for row in rows)
    above, below = later[0] > earlier[1], later[1] < earlier[0]
    shown = above if stated == "rise" else below
    expected = "shown" if shown else "contradicted" if above or below else "not shown"
    levels = _frame(rows)
    sizeless = {"value": math.nan, "value_high": math.nan, "bound": "exact", "as_written": "have risen"}
    change = levels.iloc[[0]].assign(claim_id="c9", kind=stated, when=f"{DATES[0]}/{DATES[1]}", **sizeless)
    checks = analysis.change_checks(pd.concat([levels, change], ignore_index=True))
    assert checks[["start_claim", "end_claim", "verdict"]].values.tolist() == [["c0", "c1", expected]]
    by_id = levels.set_index("claim_id", drop=False)
    said = report_changes.sizeless(next(checks.itertuples()), change.iloc[0], by_id.loc["c0"], by_id.loc["c1"])
    assert report_changes.check_clause(stated, expected) in said, (said, earlier, later)
