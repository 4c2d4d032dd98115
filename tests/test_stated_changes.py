"""Changes the article states, on the camp test article (tests/ledgers/camp): "between 9,000 and 9,500 people were
staying in the camp's tents this week, up from about 8,000 in September" (a range whose floor lies above the previous
month's level, linked to it with change_from) and "Numbers have risen since the reopening, it said, without giving
a figure" (a rise with no size). Each test states the sentence a reader must see, written from the article; the
checks that refuse a broken link are proved on broken copies of the ledger.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import pytest
from shared import ROOT, edit_csv

import kit
from kit import analysis
from kit.analysis import tracker as analysis_tracker
from kit.ledger.model import model_fields
from kit.report import narrative, overview, tracker
from kit.report.params import check

CAMP = ROOT / "tests" / "ledgers" / "camp"
RANGE = "agency-9000-9500-this-week"
SEPTEMBER = "agency-8000-september"


def _plain(markdown: str) -> list[str]:
    """The lines a reader sees: footnote marks, emphasis and HTML entities gone."""
    text = re.sub(r"<sup>.*?</sup>", "", html.unescape(markdown))
    return [line.replace("**", "").replace("*", "").strip() for line in text.splitlines()]


def _copy(tmp_path: Path) -> Path:
    ledger = tmp_path / "camp"
    shutil.copytree(CAMP, ledger)
    return ledger


def _problems(ledger: Path) -> list[str]:
    return [str(problem).removeprefix(f"{ledger}/") for problem in kit.validate(ledger)]


def _line(ledger: Path, claim_id: str) -> int:
    lines = (ledger / "claims.csv").read_text(encoding="utf-8").splitlines()
    return next(k for k, line in enumerate(lines, 1) if line.startswith(f"{claim_id},"))


def _september_reads(ledger: Path, figure: str) -> None:
    """The article and the ledger say September's level was "about FIGURE" instead of "about 8,000" (the seed's
    hash updated, as a corrected article would be curated)."""
    article = ledger / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("about 8,000 in", f"about {figure} in"))
    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    package = ledger / "datapackage.json"
    text = re.sub(r"sha256:[0-9a-f]{64}", f"sha256:{digest}", package.read_text(encoding="utf-8"))
    package.write_text(text, encoding="utf-8")
    value = figure.replace(",", "")
    edit_csv(ledger / "claims.csv", ',8000,,people,about,"8,000"', f',{value},,people,about,"{figure}"')
    edit_csv(ledger / "claims.csv", '"up from about 8,000 in September"', f'"up from about {figure} in September"')
    assert _problems(ledger) == []


# The model: the link and the check ---------------------------------------------------------------------------


def test_the_range_is_linked_to_septembers_level_and_the_stated_rise_holds() -> None:
    (change,) = analysis.stated_changes(kit.claims_with_sources(CAMP)).itertuples(index=False)
    assert (change.change_claim, change.start_claim, change.stated, change.words) == (
        RANGE,
        SEPTEMBER,
        "rise",
        "up from",
    )
    assert (change.start_low, change.start_high, change.low, change.high) == (7200, 8800, 9000, 9500)
    assert (change.direction, change.verdict) == ("higher", "shown")


def test_the_over_time_page_writes_the_stated_rise_in_the_articles_words_with_its_check() -> None:
    said = _plain(narrative.over_time(check(ledger=str(CAMP)), "camp-population").data)
    assert (
        "Regional migration agency (migration authority) states a rise, in the article's words: \u201cbetween 9,000 "
        "and 9,500 people were staying in the camp's tents this week\u201d and \u201cup from about 8,000 in "
        "September\u201d. The figures show the rise: 9,000 to 9,500 people (20 October 2025 to 23 October 2025) lies "
        "wholly above about 8,000 people (September 2025): the values each allows are 9,000 to 9,500 against 7,200 "
        "to 8,800 (the kit's reading of the bounds)."
    ) in said


def test_a_rise_with_no_size_is_written_in_the_articles_words_and_no_size_is_invented() -> None:
    said = _plain(narrative.over_time(check(ledger=str(CAMP)), "camp-population").data)
    assert (
        "A rise with no size given, in the article's words \u201cNumbers have risen since the reopening\u201d, has no "
        "level at both ends of its period to check it against."
    ) in said
    rows = [line for line in _plain(overview.key_figures(check(ledger=str(CAMP))).data) if "Numbers have" in line]
    cells = [cell.strip() for cell in re.sub(r"<[^>]+>", "", rows[0]).strip("|").split("|")]
    assert cells[:2] + cells[3:4] == ["have risen", "people staying in the camp", "no size given"]  # then When
    row = kit.claims(CAMP).set_index("claim_id").loc["agency-numbers-risen"]
    assert (row["kind"], row["bound"]) == ("rise", "exact") and row["value"] != row["value"]  # NaN: no size


def test_a_rise_with_no_size_is_checked_for_its_direction_where_levels_stand_at_both_ends(tmp_path) -> None:
    ledger = _copy(tmp_path)
    edit_csv(ledger / "claims.csv", "this week,2025-10-20/2025-10-23,", "this week,2025-10,")
    edit_csv(ledger / "claims.csv", "since the reopening,2025-10-23,", "since the reopening,2025-09/2025-10,")
    assert _problems(ledger) == []
    checks = analysis.change_checks(kit.claims_with_sources(ledger))
    assert checks[["change_claim", "start_claim", "end_claim", "verdict"]].values.tolist() == [
        ["agency-numbers-risen", SEPTEMBER, RANGE, "shown"]
    ]
    said = _plain(narrative.over_time(check(ledger=str(ledger)), "camp-population").data)
    assert (
        "A rise with no size given, in the article's words \u201cNumbers have risen since the reopening\u201d: the "
        "figures show the rise: 9,000 to 9,500 people (October 2025) lies wholly above about 8,000 people "
        "(September 2025)."
    ) in said


def test_levels_that_overlap_do_not_show_the_stated_rise(tmp_path) -> None:
    """ "up from about 9,200": 8,280 to 10,120 overlaps 9,000 to 9,500, so the figures show no move either way."""
    ledger = _copy(tmp_path)
    _september_reads(ledger, "9,200")
    said = _plain(narrative.over_time(check(ledger=str(ledger)), "camp-population").data)
    assert (
        "Regional migration agency (migration authority) states a rise, in the article's words: \u201cbetween 9,000 "
        "and 9,500 people were staying in the camp's tents this week\u201d and \u201cup from about 9,200 in "
        "September\u201d. The figures do not show the stated rise: 9,000 to 9,500 people (20 October 2025 to 23 "
        "October 2025) and about 9,200 people (September 2025) overlap: the values each allows are 9,000 to 9,500 "
        "against 8,280 to 10,120 (the kit's reading of the bounds)."
    ) in said
    moves = _plain(tracker.narrative(tracker.check_ledgers([str(ledger)]), "camp-population").data)
    assert (
        "- Regional migration agency gave about 9,200 people (September 2025), then 9,000 to 9,500 people "
        "(20 October 2025 to 23 October 2025); the values both bounds allow overlap, so the figures do not show a "
        "move. The article says \u201cup from about 9,200 in September\u201d: the figures do not show the stated rise."
    ) in moves


def test_levels_that_fell_contradict_the_stated_rise(tmp_path) -> None:
    """ "up from about 12,000": 10,800 to 13,200 lies wholly above this week's 9,000 to 9,500."""
    ledger = _copy(tmp_path)
    _september_reads(ledger, "12,000")
    said = _plain(narrative.over_time(check(ledger=str(ledger)), "camp-population").data)
    assert (
        "The figures contradict the stated rise: 9,000 to 9,500 people (20 October 2025 to 23 October 2025) lies "
        "wholly below about 12,000 people (September 2025): the values each allows are 9,000 to 9,500 against "
        "10,800 to 13,200 (the kit's reading of the bounds)."
    ) in " ".join(said)
    moves = _plain(tracker.narrative(tracker.check_ledgers([str(ledger)]), "camp-population").data)
    assert (
        "- Regional migration agency gave about 12,000 people (September 2025), then 9,000 to 9,500 people "
        "(20 October 2025 to 23 October 2025): lower (the kit does not size a move between these bounds). "
        "The article says \u201cup from "
        "about 12,000 in September\u201d: the figures contradict the stated rise."
    ) in moves


# Validation: a broken link is an error naming file, line and what is wrong ------------------------------------


@pytest.mark.parametrize(
    ("named", "message"),
    [
        ("agency-8000-sept", "'agency-8000-sept' is not a claim_id in claims.csv; name the claim of the earlier "
         "figure, or empty change_from"),
        (RANGE, f"'{RANGE}' is this claim itself; change_from names the claim of the earlier figure"),
        ("agency-some-10000-arrived", "'agency-some-10000-arrived' (line {line}) has quantity 'arrivals', this claim "
         "'camp-population'; a change runs between two figures of one quantity: name a claim of quantity "
         "'camp-population'"),
    ],
)  # fmt: skip
def test_a_link_to_no_claim_itself_or_another_quantity_is_an_error(tmp_path, named: str, message: str) -> None:
    ledger = _copy(tmp_path)
    edit_csv(ledger / "claims.csv", f",,,,{SEPTEMBER}\n", f",,,,{named}\n")
    line = _line(ledger, named) if named != "agency-8000-sept" else 0
    assert _problems(ledger) == [f"claims.csv:{_line(ledger, RANGE)}: change_from: {message.format(line=line)}"]


def test_a_link_to_a_figure_in_another_unit_is_an_error(tmp_path) -> None:
    ledger = _copy(tmp_path)
    edit_csv(ledger / "claims.csv", ',8000,,people,about,"8,000"', ',8000,,tents,about,"8,000"')
    assert _problems(ledger) == [
        f"claims.csv:{_line(ledger, RANGE)}: change_from: '{SEPTEMBER}' (line {_line(ledger, SEPTEMBER)}) has unit "
        "'tents', this claim 'people'; a change runs between two figures of one unit: name a claim of unit 'people'",
        f"claims.csv:{_line(ledger, RANGE)}: unit: quantity 'camp-population' (level) is counted in tents (line "
        f"{_line(ledger, SEPTEMBER)}) and in people here: one quantity is counted in one unit, or the pages would set "
        "the figures against each other as numbers; write this figure in tents, or give it a quantity of its own",
    ]  # two claims, one in each unit: the second is named


def test_a_link_from_a_change_or_to_a_later_figure_is_an_error(tmp_path) -> None:
    ledger = _copy(tmp_path)
    edit_csv(ledger / "claims.csv", "in September,2025-09,", "in September,2025-11,")
    edit_csv(ledger / "claims.csv", ",Numbers have risen since the reopening,,,,\n", f",Numbers have risen since "
             f"the reopening,,,,{SEPTEMBER}\n")  # fmt: skip
    found = _problems(ledger)
    assert (
        f"claims.csv:{_line(ledger, RANGE)}: change_from: '{SEPTEMBER}' (line {_line(ledger, SEPTEMBER)}) applies "
        "from 2025-11, after this claim (2025-10-20/2025-10-23); change_from names the earlier figure, on the claim "
        "of the later one"
    ) in found
    assert (
        f"claims.csv:{_line(ledger, 'agency-numbers-risen')}: change_from: only a level or share changes from an "
        "earlier figure, not a rise; empty change_from, or set kind"
    ) in found


def test_a_link_whose_quotes_state_no_direction_is_an_error(tmp_path) -> None:
    ledger = _copy(tmp_path)
    edit_csv(ledger / "claims.csv", '"up from about 8,000 in September"', '"about 8,000 in September"')
    assert _problems(ledger) == [
        f"claims.csv:{_line(ledger, RANGE)}: change_from: neither this claim's quote nor that of '{SEPTEMBER}' (line "
        f"{_line(ledger, SEPTEMBER)}) states the direction in words the kit reads ('up from', 'down from', ...: "
        "kit/vocab/changes.csv); quote the article's words that state it, or empty change_from"
    ]


def test_an_empty_value_is_only_for_a_change_with_no_size(tmp_path) -> None:
    ledger = _copy(tmp_path)
    edit_csv(ledger / "claims.csv", ',8000,,people,about,"8,000"', ',,,people,about,"8,000"')
    edit_csv(ledger / "claims.csv", ",,,,people,exact,have risen,", ",,,,people,about,have risen,")
    assert _problems(ledger) == [
        f"claims.csv:{_line(ledger, SEPTEMBER)}: value: value is required; only a rise or a fall the article states "
        "without a size leaves it empty",
        f"claims.csv:{_line(ledger, 'agency-numbers-risen')}: bound: nothing in the quote qualifies 'have risen' "
        "('Numbers have risen since'), so the bound is exact, not about; if the article's words do qualify it, add "
        "them to the ledger's hedges.csv",
    ]


def test_a_rise_with_no_size_whose_words_are_a_figure_is_an_error(tmp_path) -> None:
    ledger = _copy(tmp_path)
    edit_csv(ledger / "claims.csv", ",,,,people,exact,have risen,", ',,,,people,exact,"10,000",')
    edit_csv(ledger / "claims.csv", ",Numbers have risen since the reopening,", ',"10,000 refugees reach Dravik camp",')
    assert _problems(ledger) == [
        f"claims.csv:{_line(ledger, 'agency-numbers-risen')}: value: '10,000' is a figure: write it in value (the "
        "size of the rise)"
    ]


def test_a_ledger_that_requires_value_refuses_a_rise_with_no_size(tmp_path) -> None:
    ledger = _copy(tmp_path)
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    fields = package["resources"][0]["schema"]["fields"]
    next(spec for spec in fields if spec["name"] == "value")["constraints"]["required"] = True
    (ledger / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    assert _problems(ledger) == [f"claims.csv:{_line(ledger, 'agency-numbers-risen')}: value: value is required"]


def test_the_model_leaves_value_empty_for_a_change_with_no_size_only(ledger_copy: Path) -> None:
    """The model (so ``kit new``, ``kit migrate`` and the packaged ledger) declares ``value`` not required: a curator
    records "Numbers have risen" without editing the schema. The kit's own row rule still refuses an empty value on
    any other kind, on that cell's line and column (broken here on a copy of the packaged ledger)."""
    for fields in (model_fields("claims"), kit.package()["resources"][0]["schema"]["fields"]):
        (value,) = [spec for spec in fields if spec["name"] == "value"]
        assert value["constraints"] == {"required": False}
    edit_csv(ledger_copy / "claims.csv", ",level,,,11000,,soldiers,", ",level,,,,,soldiers,")
    assert _problems(ledger_copy) == [
        "claims.csv:2: value: value is required; only a rise or a fall the article states without a size leaves it "
        "empty"
    ]


# Two unqualified figures that only touch ---------------------------------------------------------------------------


def _camp_reads(september: tuple[float, str], this_week: tuple[float, str]):
    """The camp's claims with September's level and this week's given as (figure, bound), this week's as one figure."""
    claims = kit.claims_with_sources(CAMP).set_index("claim_id", drop=False)
    for claim, (value, bound) in ((SEPTEMBER, september), (RANGE, this_week)):
        claims.loc[claim, ["value", "value_high", "bound"]] = [value, float("nan"), bound]
    return claims.reset_index(drop=True)


@pytest.mark.parametrize(
    ("september", "this_week", "verdict"),
    [
        ((1_100_000, "exact"), (1_200_000, "exact"), "shown"),  # 1.05 to 1.15 million, then 1.15 to 1.25 million
        ((8_000, "exact"), (9_000, "exact"), "shown"),  # 7,500 to 8,500, then 8,500 to 9,500
        ((9_000, "exact"), (8_000, "exact"), "contradicted"),
        ((8_500, "at_least"), (9_000, "exact"), "not shown"),  # "at least 8,500" allows 8,500 itself
        ((8_000, "exact"), (8_500, "up_to"), "not shown"),
        ((8_000, "exact"), (8_000, "exact"), "not shown"),
    ],
)
def test_two_roundings_that_only_touch_show_a_move_and_a_stated_end_does_not(september, this_week, verdict) -> None:
    """ "1.2 million, up from 1.1 million": the point the two roundings share is no one's figure, so the figures show
    the rise; where one end is a figure the words give ("at least 8,500"), both allow it and show no move."""
    (change,) = analysis.stated_changes(_camp_reads(september, this_week)).itertuples(index=False)
    assert change.verdict == verdict, (change.start_low, change.start_high, change.low, change.high)


def test_the_tracker_reads_two_touching_roundings_as_a_move() -> None:
    """The same pair followed by the tracker: 1.1 million, then 1.2 million, is a rise of 100,000, not "no move"."""
    corpus = kit.corpus([CAMP])
    touching = _camp_reads((1_100_000, "exact"), (1_200_000, "exact")).set_index("claim_id")
    corpus = corpus.set_index("claim_id")
    corpus.update(touching[["value", "value_high", "bound"]])
    statements = analysis_tracker.tracked(corpus.reset_index())
    (move,) = [row for _, row in analysis_tracker.moves(statements).iterrows() if row["quantity"] == "camp-population"]
    # each figure is rounded, so the gap is 0 to 200,000: the amount is "about" 100,000, never exactly it
    assert (move["direction"], move["change"], move["change_bound"]) == ("higher", 100_000, "about")


def test_the_difference_of_two_counts_read_as_stated_stays_exact() -> None:
    """ "64" then "70": neither is rounded (kit/vocab/intervals.py, below ROUNDED_FROM), so the move is 6 exactly."""
    corpus = kit.corpus([CAMP]).set_index("claim_id")
    corpus.update(_camp_reads((64, "exact"), (70, "exact")).set_index("claim_id")[["value", "value_high", "bound"]])
    statements = analysis_tracker.tracked(corpus.reset_index())
    (move,) = [row for _, row in analysis_tracker.moves(statements).iterrows() if row["quantity"] == "camp-population"]
    assert (move["direction"], move["change"], move["change_bound"]) == ("higher", 6, "exact")


@pytest.mark.parametrize(
    ("quote", "said"),
    [
        ("the number of people missing fell to 85 on Thursday from 210 on Wednesday", ("fell to", "fall")),
        ("the toll rose to 450 from 300", ("rose to", "rise")),
        ("up from 8,000 in September", ("up from", "rise")),
        ("the toll rose to 450, down from an earlier 500", None),  # both ways: the words do not say which
    ],
)
def test_the_commonest_wire_wording_of_a_change_is_read(quote: str, said) -> None:
    """A made-up earthquake report: "fell to 85 on Thursday from 210 on Wednesday" could not be linked with
    change_from, since only words side by side ("fell from") were read."""
    from kit import vocab

    assert vocab.stated_change(quote) == said


@pytest.mark.parametrize(
    ("quote", "start", "end", "said"),
    [
        ("the number missing fell to 85 on Thursday from 210 on Wednesday", "210", "85", ("fell to", "fall")),
        ("up from about 8,000 in September", "8,000", "9,000", ("up from", "rise")),
        ("up from the 1.1 million both gave on Monday", "1.1 million", "1.2 million", ("up from", "rise")),
        # the earlier figure's own rise ("risen to 272", from 262) says nothing of a move from 272 to 413
        ("the death toll has further risen to 272, ABC News quoted the president as saying", "272", "413", None),
        ("the toll rose to 450 from 300", "300", "500", None),  # 450 is neither figure of this link
        # the size or a date between the verb and "to" (a made-up earnings report's "rose 18% to")
        (
            "Revenue rose 18% to 9.6 billion euros, from 8.1 billion",
            "8.1 billion",
            "9.6 billion",
            ("rose 18% to", "rise"),
        ),
        ("sales fell in March to 400 units, from 520", "520", "400", ("fell in March to", "fall")),
        # a revision (a made-up earthquake report's lead, where only "fell to"-like verbs were read)
        ("revised the death toll down to 1,140, from 1,210", "1,210", "1,140", ("down to", "fall")),
        ("The ministry cut its forecast to 2.1%, from 2.4%", "2.4%", "2.1%", ("cut its forecast to", "fall")),
        ("the bank raised its estimate to 3,500 from 3,000", "3,000", "3,500", ("raised its estimate to", "rise")),
        ("lowered the figure to 80 from 95", "95", "80", ("lowered the figure to", "fall")),
        ("reduced to 12 from 15", "15", "12", ("reduced to", "fall")),
    ],
)
def test_only_words_tied_to_the_two_figures_state_the_change(quote: str, start: str, end: str, said) -> None:
    """A real live-updated report: the government's 413 was linked to the president's 272, whose quote "has further
    risen to 272" stated 272's own rise from 262; the page said the government "states a rise" in those words, and on
    a made-up pair (272, then 250) "the figures contradict the stated rise" where the article states none."""
    from kit import vocab

    assert vocab.stated_change(quote, start, end) == said


def test_a_link_whose_only_words_are_the_earlier_figures_own_change_is_refused(tmp_path) -> None:
    ledger = _copy(tmp_path)
    article = ledger / "article.txt"
    # September's quote now states September's own rise ("had risen to about 8,000"), not this week's move from it
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "up from about 8,000 in", "after numbers had risen to about 8,000 in"
        )
    )
    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    package = ledger / "datapackage.json"
    package.write_text(re.sub(r"sha256:[0-9a-f]{64}", f"sha256:{digest}", package.read_text(encoding="utf-8")))
    edit_csv(ledger / "claims.csv", '"up from about 8,000 in September"', '"had risen to about 8,000 in September"')
    problems = _problems(ledger)
    assert [problem for problem in problems if "change_from" in problem and "not tied to" in problem], problems


def test_a_move_runs_from_the_figure_that_holds_to_the_earlier_day() -> None:
    """A made-up spill story: "more than 2,000 fish" on 9 March and "7,400 since the spill" (8 to 16 March) read
    "went from 7,400 to more than 2,000", a fall, since the span starts first; it holds to the later day."""
    import pandas as pd

    corpus = kit.corpus([CAMP]).set_index("claim_id")
    corpus.loc[SEPTEMBER, ["when", "when_start", "when_end"]] = [
        "2025-09-01/2025-10-25",
        pd.Timestamp("2025-09-01"),
        pd.Timestamp("2025-10-25"),
    ]
    statements = analysis_tracker.tracked(corpus.reset_index())
    (move,) = [row for _, row in analysis_tracker.moves(statements).iterrows() if row["quantity"] == "camp-population"]
    assert (move["from_when"], move["to_when"]) == ("2025-10-20/2025-10-23", "2025-09-01/2025-10-25")


def test_a_change_no_levels_check_names_the_two_days_it_would_need() -> None:
    """Found on a made-up seizure report: "fallen sharply since ... 2023" was said to have "no level at both ends of
    its period" right under 59.1 tonnes (2023) and about 18 tonnes (1 January to 2 October 2026)."""
    import pandas as pd

    from kit.report import changes as report_changes

    change = pd.Series({"claim_id": "c9", "kind": "fall", "quote": "have fallen sharply", "when": "2023/2026-10-02"})
    said = report_changes.sizeless(None, change, None, None)
    assert said.endswith("has no level dated at both ends of its period (2023 and 2 October 2026) to check it against.")
    undated = report_changes.sizeless(None, change.drop("when"), None, None)
    assert undated.endswith("has no level at both ends of its period to check it against."), undated


def test_change_words_too_far_from_the_figure_are_named_in_the_refusal() -> None:
    """Found on a made-up mine rescue: "down from its Monday estimate of as many as 40" was refused with "neither
    quote states the direction in words the kit reads", though "down from" is there, seven words before 40."""
    from kit.ledger.change_from import _problem

    start = {"claim_id": "monday-40", "quantity": "q", "kind": "level", "unit": "people", "as_written": "40",
             "when": "2026-03-09", "quote": "as many as 40 miners"}  # fmt: skip
    row = {"claim_id": "tuesday-22", "quantity": "q", "kind": "level", "unit": "people", "as_written": "22",
           "when": "2026-03-10", "quote": "22 miners, down from its Monday estimate of as many as 40"}  # fmt: skip
    said = _problem(row | {"change_from": "monday-40"}, "monday-40", {"monday-40": (2, start)})
    assert said is not None and "'down from' is in the quotes but not tied to '40' or '22'" in said, said


def test_a_change_from_on_a_claim_without_a_kind_leaves_the_kind_to_its_own_message() -> None:
    """Found on a made-up mine rescue: "only a rise or fall changes from an earlier figure, not a ; empty ..."."""
    from kit.ledger.change_from import _problem

    start = {"claim_id": "a", "kind": "level", "quote": "40", "as_written": "40"}
    assert _problem({"claim_id": "b", "kind": "", "change_from": "a"}, "a", {"a": (2, start)}) is None
