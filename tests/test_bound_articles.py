"""Two made-up wire reports on other subjects (tests/ledgers/camp: refugee arrivals at a transit camp;
tests/ledgers/port: a dockworkers' strike), curated to hold the cases a fact-checker stakes a correction on: an
unqualified headline figure whose body speaker says "at least"; an outlet's "some 10,000" paraphrasing a
spokesman's "at least 10,000"; a range whose floor lies above the previous month's level; "nearly", "more than",
a hedged range and vague amounts. Each test states the exact sentence the kit must write.
"""

from __future__ import annotations

import html
import re
import shutil

import pandas as pd
import pytest
from shared import ROOT, kit_command, rewrite_article

import kit
from kit import analysis
from kit.analysis.statements import ALL_ALLOW
from kit.report import narrative, reconciliation, tracker
from kit.report.params import check

CAMP = ROOT / "tests" / "ledgers" / "camp"
PORT = ROOT / "tests" / "ledgers" / "port"


def _plain(markdown: str) -> list[str]:
    """The lines a reader sees: footnote marks, emphasis and HTML entities gone."""
    text = re.sub(r"<sup>.*?</sup>", "", html.unescape(markdown))
    return [line.replace("**", "").replace("*", "").strip() for line in text.splitlines()]


def _statement(ledger, claim_id: str):
    seed = kit.article(ledger)
    kept = analysis.one_per_statement(kit.claims_with_sources(ledger), seed.text, seed.title)
    return kept.set_index("claim_id").loc[claim_id]


def test_the_speakers_own_quoted_at_least_outranks_the_headline_and_an_outlets_some() -> None:
    row = _statement(CAMP, "ilieva-at-least-10000")
    assert row["statement_claims"] == ("agency-some-10000-arrived", "headline-10000-refugees", "ilieva-at-least-10000")
    assert (row["bound"], row["statement_rule"], bool(row["bounds_differ"])) == (
        "at_least",
        "the speaker's own quoted words",
        True,
    )
    said = _plain(narrative.estimates(check(ledger=str(CAMP)), "arrivals").data)
    assert (
        "The claims of this statement differ in bound (regional migration agency: \u201cSome 10,000 people have "
        "arrived at the Dravik transit camp since the border reopened\u201d; the headline: \u201c10,000 refugees reach "
        "Dravik camp\u201d; Mira Ilieva: \u201cWe have received at least 10,000 people since Sunday\u201d); the kit "
        "reads it as at least 10,000 people, by its rule: the speaker's own quoted words first."
    ) in said


def test_a_body_sentence_outranks_the_headline() -> None:
    row = _statement(PORT, "operator-at-least-400-ships")
    assert (row["bound"], row["statement_rule"]) == ("at_least", "a body sentence")
    assert row["statement_claims"] == ("headline-400-ships", "operator-at-least-400-ships")


def test_the_reading_does_not_follow_the_order_of_ids(tmp_path) -> None:
    """Renaming the speaker's claim to sort first or last keeps the same reading."""
    claims = kit.claims_with_sources(CAMP)
    seed = kit.article(CAMP)
    for new_id in ("aaa-first", "zzz-last"):
        renamed = claims.replace({"claim_id": {"ilieva-at-least-10000": new_id}})
        kept = analysis.one_per_statement(renamed, seed.text, seed.title)
        merged = kept[kept["statement_claims"].map(len) == 3].iloc[0]
        assert (merged["claim_id"], merged["bound"]) == (new_id, "at_least")


def test_with_no_voice_to_choose_the_statement_allows_what_all_its_claims_allow(tmp_path) -> None:
    copy = shutil.copytree(CAMP, tmp_path / "camp")
    seed = kit.article(copy)
    # the quotation marks gone, the speaker's words are a body sentence like the agency's "some 10,000"
    rewrite_article(copy, seed.text.replace('"We have', "We have").replace('Sunday,"', "Sunday,"))
    kept = analysis.one_per_statement(kit.claims_with_sources(copy))
    merged = kept[kept["statement_claims"].map(len) == 3].iloc[0]
    assert merged["statement_rule"] == ALL_ALLOW
    assert (merged["statement_low"], merged["statement_high"]) == (10_000, 11_000)  # at least 10,000 and about


def test_a_range_whose_floor_lies_above_last_months_level_is_a_move() -> None:
    """ "between 9,000 and 9,500" this week, "about 8,000" in September: the range's stated floor lies above the
    about reading of 8,000, so the source moved its figure (a range widened by rounding once said it did not)."""
    story = tracker.check_ledgers([str(CAMP)])
    said = _plain(tracker.narrative(story, "camp-population").data)
    assert (
        "- Regional migration agency gave about 8,000 people (September 2025), then 9,000 to 9,500 people "
        "(20 October 2025 to 23 October 2025): higher (the kit does not size a move between these bounds). "
        "The article says \u201cup from "
        "about 8,000 in September\u201d: the figures show the rise."
    ) in said


def test_nearly_more_than_and_a_hedged_range_in_the_reconciliation() -> None:
    said = _plain(reconciliation.narrative_markdown(check(ledger=str(PORT))).data)
    assert (
        "- Estimates of dockworkers on strike for 5 November 2025 cannot all be right: nearly 2,500 workers "
        "according to Tomas Berg; about 2,400 workers according to the labour ministry; more than 3,000 workers "
        "according to Baltica Terminals."
    ) in said
    assert (
        "- Conflict: up to 9,000 containers according to Baltica Terminals, against about 11,000 to 12,000 "
        "containers according to the dockworkers' union; no number of containers held up by the strike for "
        "5 November 2025 fits both."
    ) in said
    assert (
        "- Conflict: nearly 2,500 workers according to Tomas Berg, against more than 3,000 workers according to "
        "Baltica Terminals; no number of dockworkers on strike for 5 November 2025 fits both."
    ) in said
    # the one compatible pair (Berg and the ministry) sits in a group that does not agree: it is further
    assert "- 1 further pair of estimates is compatible: see the table below." in said


def test_same_date_verdicts_in_the_tracker() -> None:
    story = tracker.check_ledgers([str(PORT)])
    said = _plain(tracker.narrative(story, "workers-on-strike").data)
    assert (
        "- On 5 November 2025, Tomas Berg\u2019s nearly 2,500 workers and the labour ministry\u2019s about 2,400 "
        "workers can both be right: both allow at least 2,250 and less than 2,500 (the kit's arithmetic)."
    ) in said
    assert (
        "- On 5 November 2025, Tomas Berg\u2019s nearly 2,500 workers and Baltica Terminals\u2019 more than 3,000 "
        "workers cannot both be right: no value fits both."
    ) in said


def test_vague_amounts_are_recorded_with_their_words_and_interval() -> None:
    claims = kit.claims(PORT).set_index("claim_id")
    trucks = claims.loc["coastline-dozens-of-trucks"]
    assert (trucks["as_written"], trucks["bound"], trucks["value"], trucks["value_high"]) == ("Dozens", "vague", 24, 99)
    blankets = kit.claims(CAMP).set_index("claim_id").loc["safe-passage-blankets"]
    assert (blankets["as_written"], blankets["value"], blankets["value_high"]) == ("a couple thousand", 2000, 3000)


def _validate(folder) -> str:
    done = kit_command("validate", str(folder), cwd=ROOT)
    return done.stdout + done.stderr


@pytest.mark.parametrize("ledger", [CAMP, PORT])
def test_the_new_articles_validate(ledger) -> None:
    assert _validate(ledger) == ""


def test_merging_claims_that_allow_no_common_value_is_an_error_naming_both_lines(tmp_path) -> None:
    broken = tmp_path / "camp"
    shutil.copytree(CAMP, broken)
    claims = broken / "claims.csv"
    lines = claims.read_text(encoding="utf-8").splitlines()
    september = next(k for k, line in enumerate(lines) if line.startswith("agency-8000-september,"))
    # statement, status, period, change_from
    lines[september] = lines[september].removesuffix(",,,,") + ",arrivals-since-reopening,,,"
    claims.write_text("\n".join(lines) + "\n", encoding="utf-8")
    said = _validate(broken)
    ilieva = next(k for k, line in enumerate(lines, 1) if line.startswith("ilieva-at-least-10000,"))
    assert (
        f"claims.csv:{ilieva}: statement: 'ilieva-at-least-10000' and 'agency-8000-september' (line {september + 1}) "
        "are merged as statement 'arrivals-since-reopening', but '10,000' (at_least) and '8,000' (about) allow no "
        "common value; give them different statement ids"
    ) in said


def test_a_vague_amount_with_the_wrong_interval_is_an_error(tmp_path) -> None:
    broken = tmp_path / "port"
    shutil.copytree(PORT, broken)
    claims = broken / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",24,99,vehicles,", ",12,99,vehicles,"))
    assert "value: 'Dozens' is read as 24 to 99; write 24" in _validate(broken)


def test_kit_migrate_upgrades_a_coarser_bound_to_what_the_words_mean(tmp_path) -> None:
    """ "more than 3,000" recorded as at_least (valid: the registry's coarser reading) becomes more_than."""
    ledger = tmp_path / "port"
    shutil.copytree(PORT, ledger)
    claims = ledger / "claims.csv"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(",3000,,workers,more_than,", ",3000,,workers,at_least,")
    )
    assert _validate(ledger).endswith(  # valid, with a warning that names the finer bound
        "bound: warning: the quote's words mean more_than, which at_least reads more loosely (a verdict may then "
        "allow the figure itself); write more_than, or run python -m kit migrate on the ledger\n"
    )
    done = kit_command("migrate", str(ledger), cwd=ROOT)
    line = next(k for k, row in enumerate(claims.read_text().splitlines(), 1) if row.startswith("operator-more-than"))
    assert done.stdout.splitlines()[0] == f"{claims}:{line}: bound at_least -> more_than (the words mean more_than)"
    assert "now mark parts and shares" not in done.stdout
    assert _validate(ledger) == ""
    assert kit.claims(ledger).set_index("claim_id").loc["operator-more-than-3000-joined", "bound"] == "more_than"


def test_the_voice_of_a_claims_words() -> None:
    from kit.analysis.statements import voice

    text = 'Ten thousand arrive\n\nThe agency said some 10,000 had arrived. "We have at least 10,000," Ali said.'
    assert voice("some 10,000 had arrived", "10,000", text) == 1  # a body sentence
    assert voice("We have at least 10,000", "10,000", text) == 0  # inside the article's quotation marks
    assert voice("\u201cat least 10,000\u201d", "10,000", None) == 0  # inside the quote's own marks
    assert voice("Ten thousand arrive", "Ten thousand", text) == 2  # only in the headline
    assert voice("Ten thousand arrive", "Ten thousand", text, headline="Another headline") == 1


@pytest.mark.parametrize(
    ("said", "differ"),
    [
        ([(1_500_000, None, "exact"), (1_460_000, None, "exact")], "figure"),  # a headline rounding its body
        ([(10_000, None, "about"), (10_000, None, "at_least")], "bound"),
        ([(1_500_000, None, "nearly"), (1_460_000, None, "exact")], "figure and bound"),
        ([(400, 500, "range"), (400, 600, "range")], "figure"),
    ],
)
def test_a_statement_says_whether_its_claims_differ_in_figure_or_in_bound(said, differ: str) -> None:
    """ "differ in bound" for a headline's "1.5 million" and the body's "1.46 million", both plain: the figure differs,
    not the bound (found on a made-up drought report)."""
    members = pd.DataFrame(
        [
            {"value": float(value), "value_high": float("nan") if high is None else float(high), "bound": bound}
            for value, high, bound in said
        ]  # fmt: skip
    )
    assert narrative._what_differs(members) == differ


def test_a_hedge_written_into_as_written_gets_one_message_that_says_so(tmp_path) -> None:
    """A made-up earthquake report: as_written "About 450" was told the figure was unreadable, and then that
    "nothing in the quote qualifies 'About 450'", which was false: the hedge was in the cell."""
    ledger = tmp_path / "camp"
    shutil.copytree(CAMP, ledger)
    claims = ledger / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace(',8000,,people,about,"8,000",', ',8000,,people,about,"about 8,000",'), "utf-8")
    bound = [problem.message for problem in kit.validate(ledger) if problem.column == "bound"]
    assert bound == [
        "as_written 'about 8,000' holds the hedge 'about': write the figure alone ('8,000'); the bound is read from "
        "the words before it in the quote"
    ]
