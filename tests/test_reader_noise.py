"""Found by looking at the story's tracker at 390 px: a red box of a matplotlib warning, with the path of the
machine that ran it ("/work/.../time_chart.py:61: UserWarning: AutoDateLocator was unable to pick an appropriate
interval"). The phone's date axis now picks its own calendar steps, and a reader's page never shows stderr."""

from __future__ import annotations

import datetime as dt
import warnings

import matplotlib.pyplot as plt
import nbformat
import pytest
from matplotlib.dates import date2num, num2date

from kit.report import reader
from kit.report.time_chart import DayTicks


@pytest.mark.parametrize(
    ("start", "end"),
    [((2026, 1, 1), (2027, 1, 1)), ((2025, 11, 1), (2027, 3, 1)), ((2010, 1, 1), (2027, 1, 1))],
)
def test_a_phone_date_axis_of_a_year_or_more_picks_calendar_ticks_without_a_warning(start, end) -> None:
    figure, ax = plt.subplots()
    try:
        ax.plot([date2num(dt.datetime(*start)), date2num(dt.datetime(*end))], [0, 1])
        ax.xaxis.set_major_locator(DayTicks(2, minticks=2, maxticks=3))  # as a phone's rendering sets it
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            figure.canvas.draw()
        low, high = ax.get_xlim()
        shown = [num2date(tick) for tick in ax.get_xticks() if low <= tick <= high]
        assert 2 <= len(shown) <= 3
        assert all(tick.day == 1 for tick in shown)  # calendar boundaries, never a day in between
    finally:
        plt.close(figure)


def test_a_readers_page_shows_no_stderr() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="/home/someone/kit/x.py:1: UserWarning: noise\n"),
        nbformat.v4.new_output("stream", name="stdout", text="kept\n"),
        nbformat.v4.new_output("display_data", data={"text/markdown": "a finding"}),
    ]
    nb.cells = [cell]
    shown = reader.reader_notebook(nb)
    assert [out.get("name", out["output_type"]) for out in shown.cells[0].outputs] == ["stdout", "display_data"]
    assert len(nb.cells[0].outputs) == 3  # the full page's notebook keeps it
