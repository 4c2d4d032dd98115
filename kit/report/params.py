"""Notebook parameters, checked before anything is read.

Every notebook's second cell calls :func:`check` with the values of its
``parameters`` cell. A wrong value stops the notebook there with a
:class:`ParameterError` that names the valid choices, instead of a KeyError
deep inside a chart. The choices come from the ledger itself, so another
article's ledger gets its own valid topics, sides and claimants.

Parameters every notebook takes (papermill names, all optional):

- ``ledger``: ledger folder (str), relative to the kernel's working directory (in JupyterLab, the
  notebook's folder; under ``papermill``, where papermill runs; ``kit run`` passes absolute paths); None is
  the packaged ledger.
- ``topic``: one claims topic (str) or None for all.
- ``side``: one side sources speak for (str) or None for all.
- ``claimant``: one source_id (str) or None for all.
- ``figure_format``: "png" (default) or "svg".
- ``style``: a house style name, "house" (default) or "large".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit import analysis
from kit import ledger as _ledger
from kit.analysis.subset import sides_in_order
from kit.report import style as _style

#: Names of the parameters every notebook takes, in the order of its parameters cell.
NAMES = ("ledger", "topic", "side", "claimant", "figure_format", "style")
DEFAULTS = {"ledger": None, "topic": None, "side": None, "claimant": None, "figure_format": "png", "style": "house"}


class ParameterError(ValueError):
    """A notebook parameter with a value the kit cannot use; the message names the valid choices."""


@dataclass(frozen=True)
class Params:
    """Checked notebook parameters: what to show, from which ledger, and how to draw it."""

    ledger: str | None = None
    topic: str | None = None
    side: str | None = None
    claimant: str | None = None
    figure_format: str = "png"
    style: str = "house"

    def describe(self) -> str:
        """The subset in words, for empty-state messages: 'topic evacuations, side government' or 'everything'."""
        parts = [f"{name} {getattr(self, name)}" for name in ("topic", "side", "claimant") if getattr(self, name)]
        return ", ".join(parts) if parts else "the whole ledger"

    def scope(self) -> str:
        """The subset after an empty state's words: " for topic evacuations", or nothing when the page shows the
        whole article (a reader is not told of parameters they did not set)."""
        narrowed = any(getattr(self, name) for name in ("topic", "side", "claimant"))
        return f" for {self.describe()}" if narrowed else ""


def _choices(values: list[str]) -> str:
    return ", ".join(repr(value) for value in values)


def _one_of(name: str, value: object, valid: list[str], allow_none: bool = True) -> None:
    if value is None and allow_none:
        return
    if not isinstance(value, str) or value not in valid:
        none = " or None for all" if allow_none else ""
        raise ParameterError(f"{name}={value!r} is not valid; choose one of: {_choices(valid)}{none}")


def valid_choices(ledger: str | os.PathLike | None = None) -> dict[str, list[str]]:
    """The valid values of each choice parameter for a ledger: topics, sides, claimants, formats, styles."""
    package = _ledger.package(ledger)
    sources: pd.DataFrame = _ledger.sources(ledger)
    return {
        "topic": analysis.field_enum(package, "claims", "topic"),
        "side": sides_in_order(package, sources),
        "claimant": sorted(sources["source_id"].astype(str)),
        "figure_format": list(_style.FIGURE_FORMATS),
        "style": list(_style.STYLES),
    }


def check(
    ledger: str | os.PathLike | None = None,
    topic: str | None = None,
    side: str | None = None,
    claimant: str | None = None,
    figure_format: str = "png",
    style: str = "house",
) -> Params:
    """Check a notebook's parameters against the ledger and return them; raise ParameterError if one is wrong.

    A ledger with errors raises kit.LedgerError listing every problem.
    """
    if ledger is not None:
        if not isinstance(ledger, str | os.PathLike) or str(ledger) == "":
            raise ParameterError(f"ledger={ledger!r} is not valid; give a ledger folder path or None")
        if not (Path(ledger) / _ledger.PACKAGE_FILE).is_file():
            raise ParameterError(
                f"ledger={str(ledger)!r} is not a ledger folder (no {_ledger.PACKAGE_FILE} in "
                f"{Path(ledger).resolve()}); give a ledger folder, relative to the kernel's working "
                f"directory ({Path.cwd()}), or None for the packaged ledger"
            )
    _one_of("figure_format", figure_format, list(_style.FIGURE_FORMATS), allow_none=False)
    _one_of("style", style, list(_style.STYLES), allow_none=False)
    choices = valid_choices(ledger)  # raises kit.LedgerError for a ledger with errors
    _one_of("topic", topic, choices["topic"])
    _one_of("side", side, choices["side"])
    _one_of("claimant", claimant, choices["claimant"])
    return Params(
        ledger=None if ledger is None else str(ledger),
        topic=topic,
        side=side,
        claimant=claimant,
        figure_format=figure_format,
        style=style,
    )
