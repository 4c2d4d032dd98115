"""Each chart's data as CSV beside it: a data: URL link whose rows are the chart's own rows."""

from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import unquote

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown
from shared import ROOT

from kit.report import chart_data, charts, marks, time_chart, tracker
from kit.report.marks import show
from kit.report.params import check

_HREF = re.compile(r'href="data:text/csv;charset=utf-8,([^"]*)"')


def _rows(link: str) -> list[dict[str, str]]:
    (encoded,) = _HREF.findall(link)
    return list(csv.DictReader(io.StringIO(unquote(html.unescape(encoded)))))


def test_the_link_decodes_to_the_charts_rows():
    chart = charts.estimates(check(), "nk-soldiers-in-russia")
    plt.close(chart.figure)
    rows = _rows(chart_data.link(chart.data, chart.name, chart.title))
    assert len(rows) == len(chart.data)
    for row, (_, drawn) in zip(rows, chart.data.iterrows(), strict=True):
        assert row["claim_id"] == drawn["claim_id"]
        assert float(row["value"]) == float(drawn["value"])
        assert row["label"] == " ".join(str(drawn["label"]).split())
        assert row["side"] == drawn["side"]
    assert {"panel", "y", "drawn_as"}.isdisjoint(rows[0])  # drawing details stay out
    by_claim = {row["claim_id"]: row for row in rows}
    assert by_claim["nis-12000-troops"]["figure"] == "about 12,000"
    assert by_claim["nis-12000-troops"]["bound"] == "about"


def test_a_chart_over_time_and_the_trackers_carry_their_dates():
    chart = time_chart.over_time(check(ledger=str(ROOT / "tests" / "ledgers" / "wildfire")), "acres-burned")
    plt.close(chart.figure)
    rows = _rows(chart_data.link(chart.data, chart.name, chart.title))
    assert [float(row["value"]) for row in rows] == list(chart.data["value"].astype(float))
    assert [row["when"] for row in rows] == ["2025-08-11", "2025-08-13"]
    folders = [str(path) for path in sorted((ROOT / "tests" / "corpus").iterdir()) if path.is_dir()]
    drawn = tracker.chart(tracker.check_ledgers(folders), "river-level")
    plt.close(drawn.figure)
    rows = _rows(chart_data.link(drawn.data, drawn.name, drawn.title))
    assert [row["when"] for row in rows] == [str(when) for when in drawn.data["when"]]
    assert all(row["unit"] == "metres" for row in rows)


def test_show_puts_the_link_under_the_image(monkeypatch):
    chart = charts.shares(check())
    expected = _rows(chart_data.link(chart.data, chart.name, chart.title))
    shown = []
    monkeypatch.setattr(marks, "display", lambda item, **_: shown.append(item))
    show(chart, check())
    assert "image/png" in shown[0]
    assert isinstance(shown[1], Markdown)
    assert _rows(shown[1].data) == expected
    assert 'download="shares-' in shown[1].data


def test_ledger_text_cannot_become_a_formula_or_break_the_link():
    data = pd.DataFrame(
        {"label": ['=HYPERLINK("x")\nsecond line', '"quoted" <b>'], "side": ["@side", "a,b"], "value": [1.0, 2.0]}
    )
    link = chart_data.link(data, "estimates", 'A "title" <with> markup')
    assert "<b>" not in link and "\n" not in link
    rows = _rows(link)
    assert rows[0]["label"] == '\'=HYPERLINK("x") second line'
    assert rows[0]["side"] == "'@side"
    assert rows[1] == {"label": '"quoted" <b>', "side": "a,b", "value": "2.0"}
    assert re.search(r'download="estimates-a-title-with-markup\.csv"', link)
