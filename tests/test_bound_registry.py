"""One registry of bounds (kit/vocab/bounds.csv) that every module reads, and the interval each bound allows.

Each interval rule documented in kit/data/README.md ("Bounds, hedges and ranges") has a test here.
"""

from __future__ import annotations

import csv
import math
import re

import pytest
from shared import ROOT

from kit import analysis, vocab
from kit.ledger.hedges import kit_vocabulary
from kit.ledger.model import KIT_ENUMS, model_fields
from kit.report import words

KIT = ROOT / "kit"


def test_every_bound_list_of_the_kit_is_the_registry() -> None:
    names = vocab.names()
    assert names == (
        "exact", "about", "at_least", "more_than", "up_to", "less_than", "nearly", "range", "about_range", "vague"
    )  # fmt: skip
    assert KIT_ENUMS["claims"]["bound"] == names == KIT_ENUMS["hedges"]["bound"] == analysis.bounds.BOUNDS
    claims_bound = next(field for field in model_fields("claims") if field["name"] == "bound")
    hedges_bound = next(field for field in model_fields("hedges") if field["name"] == "bound")
    assert tuple(claims_bound["constraints"]["enum"]) == names == tuple(hedges_bound["constraints"]["enum"])
    assert set(words.BOUND_WORDS) == set(words.BOUND_DRAWN) == set(words.DRAWN_AS) == set(names)
    assert {row.mark for row in vocab.bounds().values()} <= set(words.LEGEND_TEXT)
    assert {phrase_bound for phrase_bound in kit_vocabulary().values()} <= set(names)


def test_no_module_keeps_its_own_list_of_bounds() -> None:
    """A tuple or set of two or more bound literals outside the registry is a parallel vocabulary."""
    literal = r"[\"'](?:exact|about|at_least|more_than|up_to|less_than|nearly|range|about_range|vague)[\"']"
    listed = re.compile(rf"[\(\[\{{]\s*{literal}\s*,\s*{literal}")
    found = [
        str(path.relative_to(ROOT))
        for path in sorted(KIT.rglob("*.py"))
        if listed.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_registry_check_catches_a_bad_row(tmp_path, monkeypatch) -> None:
    broken = tmp_path / "bounds.csv"
    rows = list(csv.reader(vocab.BOUNDS_FILE.open(encoding="utf-8")))
    rows[1][1] = "wider"  # an interval rule the analysis does not know
    with broken.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    monkeypatch.setattr(vocab, "BOUNDS_FILE", broken)
    vocab.bounds.cache_clear()
    try:
        with pytest.raises(ValueError, match="exact"):
            vocab.bounds()
    finally:
        vocab.bounds.cache_clear()


def test_legends_show_the_glyph_each_bound_is_drawn_with() -> None:
    assert words.LEGEND_TEXT["floor"] == "at least (a floor)"
    assert words.LEGEND_TEXT["below_whisker"] == "nearly (whisker: below the figure within 10%)"
    assert words.GLYPH_OF["floor"] == words.GLYPH_OF["floor_open"] == "arrow_up"
    assert words.GLYPH_OF["ceiling"] == "arrow_down"
    assert "{" not in "".join(words.LEGEND_TEXT.values())


# -- the interval rules, one test each (kit/data/README.md) ------------------------------------------------------


def test_an_unqualified_figure_is_never_wider_than_about() -> None:
    assert analysis.interval(10000, "exact") == (9000.0, 11000.0) == analysis.interval(10000, "about")
    assert analysis.interval(14000, "exact") == (13500.0, 14500.0)  # its rounding, narrower than about
    assert analysis.interval(3700, "exact") == (3650.0, 3750.0)
    assert analysis.interval(64, "exact") == (64.0, 64.0)
    for value in (1000, 2000, 10000, 12000, 300000, 5_000_000):
        low, high = analysis.interval(value, "exact")
        about = analysis.interval(value, "about")
        assert about[0] <= low and high <= about[1]


def test_a_range_is_its_stated_ends() -> None:
    assert analysis.interval(4000, "range", high=4600) == (4000.0, 4600.0)
    assert analysis.interval(11000, "range", high=12000) == (11000.0, 12000.0)


def test_a_hedged_range_widens_both_ends_by_the_about_tolerance() -> None:
    low, high = analysis.interval(11000, "about_range", high=12000)
    assert (low, high) == pytest.approx((9900.0, 13200.0))


def test_floors_and_ceilings() -> None:
    assert analysis.interval(10000, "at_least") == (10000.0, math.inf)
    low, high = analysis.interval(10000, "more_than")
    assert low > 10000 and low == pytest.approx(10000) and high == math.inf  # strictly above
    assert analysis.interval(10000, "up_to") == (0.0, 10000.0)
    # "more than 10,000" and "up to 10,000" share no value; "at least" and "up to" share one
    up_to = analysis.interval(10000, "up_to")
    assert max(analysis.interval(10000, "more_than")[0], up_to[0]) > up_to[1]
    assert max(analysis.interval(10000, "at_least")[0], up_to[0]) <= up_to[1]
    low, high = analysis.interval(10000, "less_than")
    assert low == 0 and high < 10000 and high == pytest.approx(10000)  # strictly below
    # "less than 10,000" and "at least 10,000" share no value, where "up to" would allow 10,000 itself
    assert analysis.interval(10000, "at_least")[0] > high


def test_nearly_is_below_the_figure_within_the_about_tolerance() -> None:
    low, high = analysis.interval(40, "nearly")
    assert low == pytest.approx(36.0) and high < 40 and high == pytest.approx(40)


@pytest.mark.parametrize(
    ("written", "ends"),
    [
        ("a couple thousand", (2000, 3000)),
        ("several hundred", (300, 900)),
        ("Dozens", (24, 99)),
        ("hundreds", (200, 999)),
        ("tens of thousands", (20000, 99999)),
        ("a few hundred", (200, 500)),
    ],
)
def test_vague_amounts_have_a_documented_interval(written: str, ends: tuple[int, int]) -> None:
    assert vocab.vague_interval(written) == ends
    assert analysis.interval(ends[0], "vague", high=ends[1]) == ends


def test_what_is_not_a_vague_amount() -> None:
    assert vocab.vague_interval("several people") is None
    assert vocab.vague_interval("1,500") is None


def test_sentences_write_each_bound_with_its_words() -> None:
    assert words.plain_with_unit(10000, "soldiers", "more_than") == "more than 10,000 soldiers"
    assert words.plain_with_unit(40, "percent", "nearly") == "nearly 40%"
    assert words.plain_with_unit(11000, "soldiers", "about_range", 12000) == "about 11,000 to 12,000 soldiers"
    assert words.plain_with_unit(11000, "soldiers", "range", 12000) == "11,000 to 12,000 soldiers"
    assert words.plain_with_unit(300, "people", "vague", 900) == "300 to 900 people"


def test_charts_draw_each_bound_with_its_mark_and_the_legend_names_the_glyph_drawn() -> None:
    """nearly, more than and a hedged range on the strike report: each its own mark, and the legend has one entry
    per mark drawn, in the registry's words."""
    import matplotlib.pyplot as plt

    from kit.report import charts
    from kit.report.params import check

    port = str(ROOT / "tests" / "ledgers" / "port")
    try:
        workers = charts.estimates(check(ledger=port), "workers-on-strike")
        drawn = dict(zip(workers.data["claim_id"], workers.data["drawn_as"], strict=True))
        assert drawn == {
            "ministry-about-2400-on-strike": "point_whisker",
            "operator-more-than-3000-joined": "floor_open",
            "berg-nearly-2500-walked-out": "below_whisker",
        }
        legend = [text.get_text() for text in workers.figure.legends[0].get_texts()]
        assert legend == [words.LEGEND_TEXT[mark] for mark in drawn.values()]
        containers = charts.estimates(check(ledger=port), "containers-stuck")
        assert set(containers.data["drawn_as"]) == {"ceiling", "hedged_range_bar"}
        # the whisker of "around 11 to 12,000" reaches 13,200 and stays inside the axis
        assert containers.figure.axes[0].get_xlim()[1] > 13_200
    finally:
        plt.close("all")


def test_every_kind_list_of_the_kit_is_the_kinds_registry() -> None:
    from kit.analysis import reconcile, tracker
    from kit.ledger.model import OF_KINDS, PER_KIND

    kinds = tuple(vocab.kinds())
    claims_kind = next(field for field in model_fields("claims") if field["name"] == "kind")
    assert tuple(claims_kind["constraints"]["enum"]) == kinds == KIT_ENUMS["claims"]["kind"]
    assert (OF_KINDS, PER_KIND) == (("part", "share"), "per_unit")
    assert reconcile.CHANGES == ("rise", "fall") and tracker.TRACKED_KINDS == ("level", "share")
    literal = r"[\"'](?:level|rise|fall|part|share|per_unit)[\"']"
    listed = re.compile(rf"[\(\[\{{]\s*{literal}\s*,\s*{literal}")
    found = [str(p.relative_to(ROOT)) for p in sorted(KIT.rglob("*.py")) if listed.search(p.read_text("utf-8"))]
    assert found == []


def test_an_open_end_is_worded_as_open_never_as_an_allowed_figure():
    """'more than 2,000' allows no 2,000: its floor is one float step above it, and words say so; a closed end
    from the about tolerance is never read as open."""
    from kit.analysis.bounds import interval, open_figure
    from kit.report.words import allowed_words

    def show(end: float) -> str:
        return f"{end:,.0f}"

    floor, _ = interval(2000, "more_than")
    assert open_figure(floor, "low") == 2000 and open_figure(2000.0, "low") is None
    assert allowed_words(*interval(2000, "more_than"), show) == "more than 2,000"
    assert allowed_words(floor, 2035, show) == "more than 2,000 and at most 2,035"
    assert allowed_words(*interval(2000, "nearly"), show) == "at least 1,800 and less than 2,000"
    assert allowed_words(*interval(2000, "at_least"), show) == "at least 2,000"
    assert allowed_words(*interval(10000, "about"), show) == "9,000 to 11,000"
    assert all(
        open_figure(end, side) is None
        for value in range(1, 20001)
        for end, side in zip(interval(value, "about"), ("low", "high"), strict=True)
    )
