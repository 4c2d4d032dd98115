"""Reconciliation states which estimates of the same quantity can all be right, and which cannot."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from shared import edit_rows

import kit
from kit import analysis
from kit.analysis.bounds import interval
from kit.analysis.reconcile import pairs, reconcile
from kit.analysis.subset import with_stages
from kit.figures import format_figure
from kit.report.reconciliation import sentences

ROOT = Path(__file__).resolve().parents[1]
SECOND = ROOT / "tests" / "ledgers" / "second"


def verdict(frame: pd.DataFrame, first: str, second: str, measure: str = "total") -> str:
    chosen = frame[
        (frame["measure"] == measure)
        & (
            ((frame["claim_a"] == first) & (frame["claim_b"] == second))
            | ((frame["claim_a"] == second) & (frame["claim_b"] == first))
        )
    ]
    assert len(chosen) == 1, (first, second, measure)
    return chosen["verdict"].iloc[0]


def row(frame: pd.DataFrame, claim_id: str, measure: str = "total") -> pd.Series:
    chosen = frame[(frame["claim_id"] == claim_id) & (frame["measure"] == measure)]
    assert len(chosen) == 1, (claim_id, measure)
    return chosen.iloc[0]


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        ("exact", (11500, 12500)),  # an unqualified round figure is read with the rounding its digits imply
        ("about", (10800, 13200)),
        ("at_least", (12000, math.inf)),
        ("up_to", (0, 12000)),
    ],
)
def test_each_bound_allows_its_interval(bound: str, expected: tuple[float, float]) -> None:
    assert interval(12000, bound) == pytest.approx(expected)


def test_tolerance_widens_about_only() -> None:
    assert interval(100, "about", tolerance=0.25) == pytest.approx((75, 125))
    assert interval(100, "exact", tolerance=0.25) == (100, 100)
    with pytest.raises(ValueError, match="tolerance"):
        interval(100, "about", tolerance=1.5)
    with pytest.raises(ValueError, match="unknown bound"):
        interval(100, "roughly")


# -- our article ----------------------------------------------------------------


def test_brigade_sizes_conflict_though_totals_agree() -> None:
    table, verdicts = reconcile(), pairs()
    nis = row(table, "nis-12000-troops", "per brigade")
    assert nis["derived"] and nis["rests_on"] == "nis-12000-troops, nis-four-brigades"
    assert (nis["value"], nis["low"], nis["high"]) == pytest.approx((3000, 2700, 3300))
    zelenskyy = row(table, "zelenskyy-6000-per-brigade", "per brigade")
    assert (zelenskyy["low"], zelenskyy["high"], zelenskyy["derived"]) == (5500, 6500, False)  # "6,000": rounded
    assert verdict(verdicts, "nis-12000-troops", "zelenskyy-6000-per-brigade", "per brigade") == "conflict"
    assert nis["group_status"] == "conflict"

    total = row(table, "zelenskyy-6000-per-brigade", "total")
    assert total["derived"] and (total["low"], total["high"]) == (11000, 13000)
    assert total["rests_on"] == "zelenskyy-6000-per-brigade, zelenskyy-two-brigades"
    assert verdict(verdicts, "nis-12000-troops", "zelenskyy-6000-per-brigade") == "compatible"
    assert (total["group_low"], total["group_high"], total["group_status"]) == (11000, 13000, "agree")


def test_at_least_3000_arrived_is_compatible_with_up_to_12000() -> None:
    verdicts = pairs()
    assert verdict(verdicts, "kirby-3000-arrived", "reports-up-to-12000") == "compatible"
    kirby = row(reconcile(), "kirby-3000-arrived")
    assert (kirby["low"], kirby["high"]) == (3000, math.inf)
    assert kirby["conflicts_with"] == ""
    assert "reports-up-to-12000" in kirby["compatible_with"].split(", ")


def test_exactly_these_pairs_conflict_in_our_article() -> None:
    verdicts = pairs()
    conflicts = {(p.measure, *sorted((p.claim_a, p.claim_b))) for p in verdicts.itertuples() if p.verdict == "conflict"}
    assert conflicts == {
        ("per brigade", "nis-12000-troops", "zelenskyy-6000-per-brigade"),
        ("total", "nis-four-brigades", "zelenskyy-two-brigades"),
    }


def test_stages_are_not_set_against_each_other() -> None:
    verdicts = pairs()
    # training against deploying: not comparable, however far apart the numbers are
    assert verdict(verdicts, "budanov-11000-training", "nis-12000-troops") == "not comparable"
    assert verdict(verdicts, "budanov-11000-training", "zelenskyy-6000-per-brigade") == "not comparable"
    # within training the two estimates agree on 11,000 as the article rounds it
    assert verdict(verdicts, "budanov-11000-training", "reports-up-to-12000") == "compatible"
    training = row(reconcile(), "budanov-11000-training")
    assert (training["group_low"], training["group_high"], training["group_status"]) == (10500, 11500, "agree")
    # arrivals include every later stage: those compare as a subset
    relations = verdicts.set_index(["claim_a", "claim_b"])["relation"]
    assert relations[("kirby-3000-arrived", "nis-12000-troops")] == "subset"


def test_a_later_stage_cannot_outnumber_the_arrivals() -> None:
    claims = kit.claims()
    claims.loc[claims["claim_id"] == "kirby-3000-arrived", "bound"] = "up_to"  # "up to 3,000 arrived"
    verdicts = pairs(with_stages(claims))  # the packaged ledger declares: arrivals include training, deploying
    assert verdict(verdicts, "kirby-3000-arrived", "budanov-11000-training") == "conflict"
    assert verdict(verdicts, "kirby-3000-arrived", "reports-up-to-12000") == "compatible"  # 0 fits under 3,000
    said = " ".join(sentences(with_stages(claims))["text"])
    assert "no more can be in training than arrived." in said


def test_stages_a_ledger_does_not_relate_are_never_set_against_each_other() -> None:
    """The kit knows no article's stages: without the ledger's declaration, arrived and training are apart."""
    verdicts = pairs(kit.claims())
    assert verdict(verdicts, "kirby-3000-arrived", "budanov-11000-training") == "not comparable"
    assert verdict(pairs(), "kirby-3000-arrived", "budanov-11000-training") == "compatible"  # read from the ledger


def test_units_a_ledger_does_not_declare_groups_imply_nothing(ledger_copy) -> None:
    """The kit knows no article's groups: without the ledger's ``group_of``, a count of brigades implies no size."""
    assert "per brigade" in set(pairs()["measure"])  # read from the packaged ledger's declaration
    assert set(pairs(kit.claims())["measure"]) == {"total"}
    package = json.loads((ledger_copy / "datapackage.json").read_text(encoding="utf-8"))
    del package["units"]["brigades"]["group_of"]
    (ledger_copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    assert not reconcile(ledger_copy)["derived"].any()
    package["units"]["brigades"]["group_of"] = "regiments"  # not a unit of this ledger
    (ledger_copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    said = " ".join(str(problem) for problem in kit.validate(ledger_copy))
    assert "units.brigades.group_of must name another unit under 'units'" in said


def test_changing_a_figure_changes_the_verdicts() -> None:
    """Break a copy: if Zelenskyy had said 3,000 each, sizes would agree and totals conflict."""
    claims = kit.claims()
    claims.loc[claims["claim_id"] == "zelenskyy-6000-per-brigade", "value"] = 3000.0
    verdicts = pairs(analysis.with_groups(claims))  # a frame carries its ledger's declared groups
    assert verdict(verdicts, "nis-12000-troops", "zelenskyy-6000-per-brigade", "per brigade") == "compatible"
    assert verdict(verdicts, "nis-12000-troops", "zelenskyy-6000-per-brigade") == "conflict"


def test_tolerance_decides_borderline_cases() -> None:
    claims = kit.claims()
    claims.loc[claims["claim_id"] == "zelenskyy-6000-per-brigade", "value"] = 6800.0  # 13,600 in all
    claims = analysis.with_groups(claims)
    assert verdict(pairs(claims), "nis-12000-troops", "zelenskyy-6000-per-brigade") == "conflict"
    assert verdict(pairs(claims, tolerance=0.2), "nis-12000-troops", "zelenskyy-6000-per-brigade") == "compatible"


def test_every_claim_appears_in_the_table() -> None:
    table = reconcile()
    assert set(table["claim_id"]) == set(kit.claims()["claim_id"])
    single = row(table, "us-aid-400m")
    assert single["group_status"] == "single claim" and (single["low"], single["high"]) == (360_000_000, 440_000_000)


# -- sentences --------------------------------------------------------------------


def test_sentences_trace_to_claims_and_state_the_verdicts() -> None:
    said = sentences()
    ids = set(kit.claims()["claim_id"])
    assert all(set(claim_ids) <= ids and claim_ids for claim_ids in said["claim_ids"])
    conflicts = said[said["kind"] == "conflict"]
    assert len(conflicts) == 2
    sizes = conflicts[conflicts["claim_ids"].map(lambda c: "zelenskyy-6000-per-brigade" in c)]["text"].iloc[0]
    for figure in ("3,000", "12,000", "four", "6,000"):
        assert figure in sizes
    compatible = said[(said["kind"] == "compatible") & said["claim_ids"].map(lambda c: "kirby-3000-arrived" in c)]
    assert any("at least 3,000" in text and "up to 12,000" in text for text in compatible["text"])


def test_sentences_take_their_figures_from_the_data() -> None:
    claims = kit.claims()
    claims.loc[claims["claim_id"] == "kirby-3000-arrived", "value"] = 3500.0
    texts = " ".join(sentences(with_stages(claims))["text"])
    assert format_figure(3500, "soldiers") in texts
    assert not re.search(r"at least 3,000\b", texts)


# -- the second ledger --------------------------------------------------------------


def test_second_ledger_conflicts_and_compatibilities() -> None:
    verdicts = pairs(SECOND)
    assert verdict(verdicts, "company-2500-strikers", "union-4000-strikers") == "conflict"
    assert verdict(verdicts, "company-2500-strikers", "reports-3000-pickets") == "conflict"
    assert verdict(verdicts, "reports-3000-pickets", "union-4000-strikers") == "compatible"
    assert verdict(verdicts, "company-two-terminals", "union-three-terminals") == "conflict"
    assert set(verdicts["relation"]) == {"same stage"}  # no stages in a port strike
    assert not reconcile(SECOND)["derived"].any()


# -- chart and narrative for the notebook ---------------------------------------------------


def test_chart_draws_each_contested_estimate_with_its_verdict() -> None:
    import matplotlib.pyplot as plt

    from kit.report.params import check
    from kit.report.reconciliation_chart import chart

    drawn = chart(check())
    plt.close(drawn.figure)
    status = {(row.claim_id, row.measure): row.status for row in drawn.data.itertuples()}
    assert status[("nis-12000-troops", "per brigade")] == "conflict"
    assert status[("zelenskyy-6000-per-brigade", "per brigade")] == "conflict"
    assert status[("nis-12000-troops", "total")] == "agree"
    assert status[("kirby-3000-arrived", "total")] == "single claim"
    assert ("us-aid-400m", "total") not in status  # a quantity with one estimate has nothing to reconcile
    assert drawn.title == "Where the sources' estimates cannot all be right"
    declared = analysis.field_enum(kit.ledger.package(), "claims", "stage")
    for _, panel in drawn.data.groupby("panel"):  # stages drawn in the order the ledger declares them
        stages = list(dict.fromkeys(stage for stage in panel.sort_values("y")["stage"] if stage))
        assert stages == [stage for stage in declared if stage in stages]


def test_chart_and_narrative_have_an_empty_state() -> None:
    from kit.report.params import check
    from kit.report.reconciliation import narrative_markdown
    from kit.report.reconciliation_chart import chart

    assert chart(check(topic="aid")) is None
    assert "Nothing to show" in narrative_markdown(check(topic="aid")).data


def test_narrative_cites_every_claim_it_rests_on() -> None:
    from kit.report.params import check
    from kit.report.reconciliation import narrative_markdown

    text = narrative_markdown(check(SECOND)).data
    for claim_id in ("company-2500-strikers", "union-4000-strikers", "reports-3000-pickets"):
        assert f'<sup><a href="#claim-{claim_id}">[' in text and f'<span id="claim-{claim_id}" ' in text
    assert "chamber-12m-a-day".replace("-", "&#45;") not in text


@pytest.mark.parametrize(
    ("value", "half"),
    # 400 million: half its last place (50 million) is wider than "about" (40 million), so "about" caps it
    [(12000, 500), (2600, 50), (400_000_000, 40_000_000), (11_350, 5), (78, 0), (4, 0), (40, 0), (1234, 0)],
)
def test_an_unqualified_figure_allows_half_its_last_non_zero_place(value: float, half: float) -> None:
    assert interval(value, "exact") == pytest.approx((value - half, value + half))


def _not_comparable(ledger: Path | None = None) -> list[str]:
    return [text for text in sentences(ledger)["text"] if "are not set against each other" in text]


def test_stages_not_set_against_each_other_are_listed_in_the_ledgers_declared_order(ledger_copy) -> None:
    """The packaged ledger declares arrived, training, deploying: "training, deploying", not alphabetically. A copy
    that declares the stages the other way round lists them the other way round."""
    assert _not_comparable() == [
        "Counts of soldiers at stages whose overlap the article does not give are not set against each other: "
        "training and deploying."
    ]
    package = ledger_copy / "datapackage.json"
    data = json.loads(package.read_text(encoding="utf-8"))
    (claims,) = [resource for resource in data["resources"] if resource["name"] == "claims"]
    (stage,) = [field for field in claims["schema"]["fields"] if field["name"] == "stage"]
    stage["constraints"]["enum"].reverse()
    package.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert _not_comparable(ledger_copy) == [
        "Counts of soldiers at stages whose overlap the article does not give are not set against each other: "
        "deploying and training."
    ]


def test_the_shade_key_names_stages_only_where_the_ledger_has_them(ledger_copy: Path) -> None:
    """The shade behind estimates that can all be right spans one stage and date; a ledger without stages was keyed
    "What all estimates of a stage allow" (found on a made-up drought report with no stages)."""
    import matplotlib.pyplot as plt

    from kit.report import reconciliation_chart
    from kit.report.params import check

    def key(ledger: Path) -> list[str]:
        chart = reconciliation_chart.chart(check(ledger=str(ledger)))
        said = [text.get_text() for legend in chart.figure.legends for text in legend.get_texts()]
        plt.close(chart.figure)
        return [words for words in said if "allow" in words]

    assert key(ledger_copy) == ["What all estimates of one stage and date allow"]
    edit_rows(ledger_copy / "claims.csv", lambda _, row: {**row, "stage": ""})
    assert [problem for problem in kit.validate(ledger_copy) if problem.severity == "error"] == []
    assert key(ledger_copy) == ["What all estimates of one date allow"]


def test_a_label_ending_in_for_keeps_one_for_before_its_date() -> None:
    """Found on a made-up mine rescue: "... still trapped or unaccounted for for 9 March 2026 agree"."""
    from kit.analysis.reconcile import Estimate
    from kit.report.reconciliation import _what

    e = Estimate(claim_id="a", quantity="missing", measure="total", stage="", when="2026-03-09", claimant="c",
                 claimant_name="C", bound="exact", value=22.0, unit="people", low=22.0, high=22.0,
                 rests_on=("a",))  # fmt: skip
    assert _what(e, {"missing": "people still trapped or unaccounted for"}) == (
        "people still trapped or unaccounted for (9 March 2026)"
    )
    assert _what(e, {"missing": "people trapped"}) == "people trapped for 9 March 2026"
