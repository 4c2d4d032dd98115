"""What curating two real wire reports found on the pages (the reports are not kept in the project; the cases are
rebuilt here from the test ledgers and small frames): an open end dropped from a spread's title, a false "the
ledger has no ..." when its figures are forecasts, a vague amount shown as the kit's reading, a part's "about"
dropped from its chart, and a paragraph that was the whole article when the text has one paragraph a line."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from shared import ROOT

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
    assert "among the figures it states as fact" in said and "3 figures given as a forecast" in said


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
