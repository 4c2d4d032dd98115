"""A chart's data as CSV beside the chart: a download that works offline, inside the page (a ``data:`` URL).

Why: a reader who wants to check or redraw a chart needs the numbers it draws, not a picture of them; the page
is one self-contained file, so the data travels inside the link. The rows are the chart's own ``data`` (one row
per mark drawn), so the CSV is exactly what the chart shows, never a second selection of the ledger.
"""

from __future__ import annotations

import html
import io
import re

import pandas as pd

from kit.report import words
from kit.report.reader import data_url

#: The chart's columns a reader's CSV keeps, in this order (drawing details such as ``y`` or ``panel`` are left
#: out); a chart without a column simply has none.
COLUMNS = (
    "label",
    "side",
    "when",
    "value",
    "value_high",
    "unit",
    "bound",
    "figure",
    "implied",
    "outlets",
    "claim_id",
)
#: Characters that make a spreadsheet read a cell as a formula; such text cells get a leading apostrophe.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A text cell on one line, safe to open in a spreadsheet (no formula); numbers unchanged."""
    if isinstance(value, tuple | list):
        value = "; ".join(str(item) for item in value)
    if not isinstance(value, str):
        return value
    text = " ".join(value.split())
    return "'" + text if text.startswith(_FORMULA) else text


def chart_csv(data: pd.DataFrame) -> str:
    """The CSV text of a chart's rows: the reader's columns, labels on one line, each figure in words too
    ("about N" as the article words it)."""
    frame = data.copy()
    if {"value", "unit", "bound"} <= set(frame.columns):
        frame["figure"] = [words.figure_text(row, str(row["unit"])) for _, row in frame.iterrows()]
    if "bound" in frame:
        frame["bound"] = frame["bound"].astype(str).str.replace("_", " ")
    columns = [column for column in COLUMNS if column in frame.columns]
    frame = frame[columns].map(_cell) if columns else frame.iloc[:, :0]
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def file_name(name: str, title: str) -> str:
    """A download's file name from the chart's kind and the first words of its title: "estimates-river-level-at-
    the-gauge.csv"."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40].rstrip("-")
    return "-".join(part for part in (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart", slug) if part)


def link(data: pd.DataFrame, name: str, title: str) -> str:
    """The HTML link under a chart that downloads its data as CSV, with no server and no network."""
    href = html.escape(data_url(chart_csv(data)), quote=True)
    download = html.escape(file_name(name, title) + ".csv", quote=True)
    return (
        f'<p class="kit-chart-data"><a href="{href}" download="{download}">Download the chart\u2019s data (CSV)</a></p>'
    )
