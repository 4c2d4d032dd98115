"""What curating two real wire reports found on the pages (the reports are not kept in the project; the cases are
rebuilt here from the test ledgers and small frames): an open end dropped from a spread's title, a false "the
ledger has no ..." when its figures are forecasts, a vague amount shown as the kit's reading, a part's "about"
dropped from its chart, and a paragraph that was the whole article when the text has one paragraph a line."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from shared import ROOT

from kit import analysis
from kit.analysis.subset import paragraph_in
from kit.report import sections
from kit.report.marks import Chart
from kit.report.params import check
from kit.report.titles import estimates_title

LEDGERS = ROOT / "tests" / "ledgers"


def test_a_spread_keeps_an_open_top_when_the_figures_there_differ_in_bound() -> None:
    figures = pd.DataFrame(
        {"value": [10_000.0, 100_000.0, 100_000.0], "bound": ["exact", "more_than", "up_to"], "unit": "people"}
    ).assign(value_high=float("nan"))
    assert estimates_title(figures, "deaths", figures=figures) == (
        "Estimates of deaths run from 10,000 to more than 100,000 people"
    )


def test_estimates_at_one_figure_with_different_bounds_are_not_called_that_figure() -> None:
    figures = pd.DataFrame({"value": [100.0, 100.0], "bound": ["up_to", "more_than"], "unit": "people"})
    figures = figures.assign(value_high=float("nan"))
    title = estimates_title(figures, "deaths", figures=figures)
    assert title == "Every estimate of deaths shown is given at 100 people, qualified differently"
    same = figures.assign(bound=["about", "about"])
    assert estimates_title(same, "deaths", figures=same) == "Every estimate of deaths shown is about 100 people"


def test_not_applicable_says_when_the_figures_are_forecasts_not_that_there_are_none() -> None:
    InteractiveShell.instance()
    params = check(ledger=str(LEDGERS / "camp"))  # a pledge, a target and a request: listed on the overview only
    with capture_output() as shown:
        sections.show([], params, "part, share or size per unit")
    said = shown.outputs[0].data["text/markdown"]
    assert "among the figures it states as fact" in said and "3 figures given as a request, pledge, target" in said


def test_a_vague_amount_is_shown_in_the_articles_words() -> None:
    found = str(sections.single_figures(check(ledger=str(LEDGERS / "port")))[0].blocks[0].data)
    figures = re.findall(r'kit-fact-figure">(.*?)<', found)
    assert "Dozens of vehicles" in figures and not any("24 to 99" in figure for figure in figures)


def test_a_parts_chart_keeps_the_parts_bound_words() -> None:
    charts = [
        block
        for section in sections.parts_and_shares(check(ledger=str(LEDGERS / "camp")))
        for block in section.blocks
        if isinstance(block, Chart)
    ]
    plt.close("all")
    assert charts[0].title.startswith("Unaccompanied minors among the arrivals: more than 1,200,")


def test_an_article_of_one_paragraph_a_line_gives_a_figures_own_paragraph() -> None:
    text = "A headline\nThe toll rose to 2,000, officials said.\nAid arrived on Monday."
    assert paragraph_in("2,000", text) == "The toll rose to 2,000, officials said."
    assert paragraph_in("2,000", text.replace("\n", "\n\n")) == "The toll rose to 2,000, officials said."


def test_a_headline_set_off_over_a_body_of_a_paragraph_a_line_still_parts_the_body() -> None:
    """Found on a real flood report copied from a web page: a blank line under the headline, then a dateline and a
    paragraph a line; "In the article:" quoted the whole body for every figure. A block whose lines each end a
    sentence or are short (a dateline) is parted at its line breaks; lines wrapped mid-sentence stay one paragraph."""
    text = "A headline\n\nWire\nRIVERTON\nThe toll rose to 2,000, officials said.\nAid arrived on Monday."
    assert paragraph_in("2,000", text) == "The toll rose to 2,000, officials said."
    wrapped = "A headline\n\nThe toll in the river towns rose on Sunday to\n2,000, officials said. Aid came."
    assert (
        paragraph_in("2,000", wrapped)
        == "The toll in the river towns rose on Sunday to 2,000, officials said. Aid came."
    )


def test_estimates_at_several_dates_are_not_called_different_things() -> None:
    """Found on a real protest report: police and union counts of one day, beside a count of another day, were titled
    "... measure different things (2 stages or dates), not one spread", which denies the same-day dispute."""
    figures = pd.DataFrame({"value": [380_000.0, 1_500_000.0, 368_000.0], "bound": "exact", "unit": "people"})
    title = estimates_title(figures.assign(value_high=float("nan")), "protesters", measures=2, figures=figures)
    assert title == "Estimates of protesters at 2 different stages or dates, compared only within each"


def test_a_part_is_set_against_the_wholes_of_its_own_date_when_the_article_gives_any() -> None:
    """Found on a real protest report: a city's count of 13 April was divided by the national count of 11 March
    ("about 11% of 368,000"), beside the national counts of 13 April. A whole of another date is used only when the
    article gives none at the part's date."""
    from kit.analysis.shares import part_shares

    rows = [  # claim_id, kind, value, when, of
        ("france-march", "level", 368_000.0, "2023-03-11", ""),
        ("france-police", "level", 380_000.0, "2023-04-13", ""),
        ("france-union", "level", 1_500_000.0, "2023-04-13", ""),
        ("paris-police", "part", 42_000.0, "2023-04-13", "protesters"),
        ("lyon-march", "part", 20_000.0, "2023-03-20", "protesters"),  # no whole of its own date
    ]
    claims = pd.DataFrame(rows, columns=["claim_id", "kind", "value", "when", "of"]).assign(
        quantity="protesters", unit="people", bound="exact", value_high=float("nan"), claimant_name="A source"
    )
    found = part_shares(claims)
    paris = found[found["part_claim"] == "paris-police"]
    assert sorted(paris["whole_claim"]) == ["france-police", "france-union"]
    assert sorted(found[found["part_claim"] == "lyon-march"]["whole_claim"]) == [
        "france-march", "france-police", "france-union"
    ]  # fmt: skip


def test_a_part_title_over_several_wholes_chooses_no_sources_whole() -> None:
    """Found on a real protest report: a police count of one city was titled as a share "of the largest figure for
    the whole", the organisers' national total: the smallest share, which takes the organisers' side. With several
    figures of the whole the title gives the lowest to the highest share they give."""
    from kit.report.titles import part_title

    shares = pd.DataFrame(
        {"part": 42_000.0, "whole_claim": ["police", "union"], "whole": [380_000.0, 1_500_000.0], "share": [11.1, 2.8],
         "share_bound": ["exact", "exact"], "share_high": [float("nan"), float("nan")]}
    )  # fmt: skip
    title = part_title(shares, "protesters in Paris", None)
    assert title.endswith("2.8% to 11.1% of the figures for the whole") and "largest" not in title
    assert part_title(shares.head(1), "protesters in Paris", None).endswith("11.1% of the whole")


def test_a_share_past_100_percent_says_the_part_would_outnumber_its_whole(tmp_path) -> None:
    """Found on a real protest report: "94% to 117% of nearly 380,000" was printed without a word, for a city's
    count set against a national one. A part above its whole means the two cannot both be right."""
    import html
    import json

    from shared import kit_command

    from kit.report import narrative

    seed = tmp_path / "march.txt"
    seed.write_text(
        "Marches across the country\n\nThe union said more than 400,000 people marched in Paris on Thursday. The "
        "ministry counted nearly 380,000 protesters across France on Thursday. Police counted 30,000 in Lyon and "
        "375,000 in all other cities on Thursday.\n",
        encoding="utf-8",
    )
    made = kit_command("new", "march", "--seed", str(seed), "--published", "2023-04-14", "--outlet", "Wire",
                       "--url", "", "--dir", str(tmp_path))  # fmt: skip
    assert made.returncode == 0, made.stderr
    ledger = tmp_path / "march"
    rows = [
        'france,politics,protesters,level,,,380000,,people,nearly,"380,000",ministry,,,on Thursday,2023-04-13,,'
        'protesters across France,"The ministry counted nearly 380,000 protesters across France on Thursday",,,,',
        'paris,politics,protesters-paris,part,protesters,,400000,,people,more_than,"400,000",union,,,on Thursday,'
        '2023-04-13,,protesters in Paris,"The union said more than 400,000 people marched in Paris on Thursday",,,,',
        'lyon,politics,protesters-lyon,part,protesters,,30000,,people,exact,"30,000",police,,,,'
        '2023-04-13,,protesters in Lyon,"Police counted 30,000 in Lyon",,,,',
        'others,politics,protesters-others,part,protesters,,375000,,people,exact,"375,000",police,,,on Thursday,'
        '2023-04-13,,protesters in all other cities,"375,000 in all other cities on Thursday",,,,',
    ]
    with (ledger / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    with (ledger / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("ministry,Interior ministry,the ministry,government,yes\nunion,The union,a union,labour,yes\n"
                     "police,Police,the police,government,yes\n")  # fmt: skip
    package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    names = ("protesters", "protesters-paris", "protesters-lyon", "protesters-others")
    package["quantities"] = {name: {"label": name.replace("-", " ")} for name in names}
    (ledger / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    assert kit_command("validate", str(ledger)).returncode == 0, kit_command("validate", str(ledger)).stdout
    params = check(ledger=str(ledger))
    paris = html.unescape(narrative.part(params, "paris").data)
    assert "the part and this figure of the whole cannot both be right" in paris, paris
    lyon = html.unescape(narrative.part(params, "lyon").data)
    assert "outnumber" not in lyon and "cannot both be right" not in lyon, lyon
    others = html.unescape(narrative.part(params, "others").data)  # 375,000 of nearly 380,000: it may, or may not
    assert "past 100% the part would outnumber this figure of the whole" in others, others


def test_an_over_time_title_gives_the_span_of_a_dates_estimates() -> None:
    """Found on a real protest report: "368,000 (11 March) to nearly 380,000 (13 April)" followed the ministry and
    left out the union's 1.5 million for the same day."""
    from kit.report.titles import over_time_title

    claims = pd.DataFrame(
        {"claim_id": ["a", "b", "c"], "value": [368_000.0, 380_000.0, 1_500_000.0],
         "bound": ["exact", "nearly", "exact"], "when": ["2023-03-11", "2023-04-13", "2023-04-13"],
         "when_start": pd.to_datetime(["2023-03-11", "2023-04-13", "2023-04-13"]), "unit": "people",
         "value_high": float("nan")}
    )  # fmt: skip
    title = over_time_title(claims, "protesters")
    assert title == "Protesters: 368,000 (11 March 2023) to nearly 380,000 and 1.5 million (13 April 2023)"
    assert over_time_title(claims.head(2), "protesters").endswith("to nearly 380,000 (13 April 2023)")


def test_a_charts_row_gives_the_resolved_date_not_the_articles_relative_words() -> None:
    """Found on a real protest report: chart rows read "(this Thursday)" next to "(Saturday, March 11)"; a chart
    shared on its own cannot say which Thursday. A row gives the date the curator resolved, else the words."""
    from kit.report.marks import row_label

    row = pd.Series({"claimant_name": "The ministry", "when": "2023-04-13", "when_written": "this Thursday"})
    assert row_label(row) == "The ministry\n(13 April 2023)"
    assert row_label(row.drop("when")) == "The ministry\n(this Thursday)"
    deadline = pd.Series({"claimant_name": "The city", "when": "2030", "when_written": "by 2030"})
    deadline["when_kind"] = "deadline"
    assert row_label(deadline) == "The city\n(by 2030)"


@pytest.mark.parametrize(
    ("whole", "share"),
    [((75.0, "at_least", None), (100.0, "up_to")), ((75.0, "more_than", None), (100.0, "up_to"))],
)
def test_a_part_of_a_whole_with_only_a_floor_is_never_above_all_of_it(whole: tuple, share: tuple) -> None:
    """An earthquake report: 87 dead in one county of a toll of "at least 75" read "up to 116% of at least 75". A
    toll that holds 87 is at least 87: the share is at most 100%."""
    found, said, _ = analysis.share_of((87.0, "exact", None), whole)
    assert (found, said) == share
    low, said, high = analysis.share_of((87.0, "about", None), whole)
    assert said == "up_to" and low <= 100
    assert analysis.share_of((87.0, "exact", None), (100.0, "at_least", None))[:2] == (87.0, "up_to")


def _toll(statement: str) -> pd.DataFrame:
    rows = [  # claim_id, kind, of, value, bound, claimant, statement
        ("headline-89", "level", "", 89.0, "exact", "nbc", statement),
        ("media-89", "level", "", 89.0, "exact", "state-media", statement),
        ("video-75", "level", "", 75.0, "at_least", "reports", ""),
        ("county-87", "part", "deaths", 87.0, "exact", "xinhua", ""),
    ]
    return pd.DataFrame(
        {
            "claim_id": [row[0] for row in rows],
            "quantity": ["deaths", "deaths", "deaths", "county-deaths"],
            "kind": [row[1] for row in rows],
            "of": [row[2] for row in rows],
            "value": [row[3] for row in rows],
            "value_high": [float("nan")] * 4,
            "bound": [row[4] for row in rows],
            "claimant": [row[5] for row in rows],
            "claimant_name": [row[5] for row in rows],
            "statement": [row[6] for row in rows],
            "unit": "people",
            "when": "2013-07-23",
        }
    )


def test_one_statement_is_one_figure_of_the_whole() -> None:
    """An earthquake report: the headline's 89 and the lead's 89, one statement, were listed as two figures of the
    toll ("98% of 89 (state media)", "98% of 89 (NBC News)"), as if two accounts agreed."""
    wholes = analysis.part_shares(_toll("toll-89"))["whole_claim"].tolist()
    assert wholes == ["headline-89", "video-75"]
    assert analysis.part_shares(_toll(""))["whole_claim"].tolist() == ["headline-89", "media-89", "video-75"]


def test_an_over_time_title_lists_a_dates_few_figures_as_stated_and_spans_many() -> None:
    """Found on a made-up drought report: "at least 1.3 million" (one source) and "1.4 million to 1.6 million"
    (another) on one day were titled "between at least 1.3 million and 1.6 million", which no one said."""
    from kit.report.titles import LISTED_AT_A_DATE, over_time_title

    days = ["2026-03-09", "2026-03-11", "2026-03-11"]
    claims = pd.DataFrame(
        {"claim_id": ["a", "b", "c"], "value": [1_460_000.0, 1_300_000.0, 1_400_000.0],
         "bound": ["exact", "at_least", "range"], "when": days, "when_start": pd.to_datetime(days),
         "unit": "tonnes", "value_high": [float("nan"), float("nan"), 1_600_000.0]}
    )  # fmt: skip
    title = over_time_title(claims, "grain destroyed")
    assert title == (
        "Grain destroyed: 1.46 million (9 March 2026) to at least 1.3 million and 1.4 million to 1.6 million "
        "(11 March 2026)"
    )
    many = pd.DataFrame(
        {"claim_id": [f"c{k}" for k in range(LISTED_AT_A_DATE + 1)], "bound": "exact", "when": "2026-03-11",
         "value": [1_000_000.0 + 100_000 * k for k in range(LISTED_AT_A_DATE + 1)], "unit": "tonnes",
         "when_start": pd.Timestamp("2026-03-11"), "value_high": float("nan")}
    )  # fmt: skip
    assert over_time_title(pd.concat([claims.head(1), many]), "grain destroyed").endswith(
        "to between 1 million and 1.3 million (11 March 2026)"
    )


def test_a_part_title_keeps_the_parts_currency() -> None:
    """A made-up stadium budget: "$300 million of it from the state" was titled "…: 300 million, 25% of the whole"."""
    from kit.report.titles import part_title

    shares = pd.DataFrame(
        {"part": 3e8, "whole_claim": ["cost"], "whole": [1.2e9], "share": [25.0], "share_bound": ["exact"],
         "share_high": [float("nan")]}
    )  # fmt: skip
    part = pd.Series({"value": 3e8, "bound": "exact", "unit": "usd", "value_high": float("nan")})
    assert part_title(shares, "stadium money from the state", part) == (
        "Stadium money from the state: $300 million, 25% of the whole"
    )


def test_a_part_title_lists_a_few_bounded_shares_of_its_wholes() -> None:
    """A real earthquake report: about 215 soldiers among "more than 25,000" dead and among 19,136 was titled "up to 1%
    to about 1.1% of the figures for the whole": a span whose ends carry bound words reads as nothing."""
    from kit.report.titles import part_title

    shares = pd.DataFrame(
        {"part": 215.0, "whole_claim": ["aaj", "minister"], "whole": [25_000.0, 19_136.0], "share": [0.9, 1.1],
         "share_bound": ["up_to", "about"], "share_high": [float("nan"), float("nan")]}
    )  # fmt: skip
    title = part_title(shares, "soldiers among the dead", None)
    assert title.endswith(": 215, up to 0.9% and about 1.1% of the figures for the whole"), title
