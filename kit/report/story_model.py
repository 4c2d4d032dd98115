"""The tracker page's model: a story's ledgers read once into a frozen :class:`Tracked`, which the tracker's sentences,
charts and tables render (kit.report.tracker) without reading a ledger again, as the other pages render theirs
(kit.report.model).

Read here, once per ledger: the corpus of claims (kit.ledger.corpus), each article (its outlet, date, headline and
URL, for the notes and the provenance), each data package (stage declarations, quantity labels, which units are
counts) and each ledger's sources (the story's side order, so every side keeps one colour). An article whose
ledger does not validate is left out and named.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from kit import analysis, vocab
from kit import ledger as _ledger
from kit.analysis import tracker as track
from kit.analysis.subset import sides_in_order
from kit.ledger.declarations import whole_units
from kit.paths import DEFAULT_LEDGER
from kit.report import story_palette
from kit.report.markdown import escape_markdown
from kit.report.params import ParameterError, Params, check
from kit.report.words import labels_of


@dataclass(frozen=True)
class Tracked:
    """A checked story, read once: its ledger folders, every claim (kit.corpus), the tracked statements, the
    quantities' labels, how to draw, each article, the story's side colours, which units are counts, and the
    articles left out (their ledgers do not validate), by folder and as a reader knows them."""

    folders: list[Path]
    frame: pd.DataFrame
    statements: pd.DataFrame
    labels: Mapping[str, str]
    params: Params
    left_out: list[Path]
    articles: Mapping[str, _ledger.Article]
    colours: Mapping[str, str]
    counts: frozenset[str]
    left_out_names: tuple[str, ...]
    #: The story's figures the page does not follow, counted by why (kit.analysis.tracker.not_followed).
    not_followed: tuple[tuple[int, vocab.Status | vocab.Kind], ...] = ()


def check_ledgers(ledgers: list | tuple | None, figure_format: str = "png", style: str = "house") -> Tracked:
    """The tracker's parameters, checked first: ``ledgers`` a list of ledger folders of one story ([]: the
    packaged ledger), each relative to the working directory or absolute; a wrong one stops the notebook with
    a ParameterError that says which and why. Then the story, read once into its model."""
    if ledgers is None or isinstance(ledgers, str | os.PathLike) or not isinstance(ledgers, list | tuple):
        raise ParameterError(f"ledgers={ledgers!r} is not valid; give a list of ledger folders, or [] for the packaged")
    folders = [Path(folder) for folder in ledgers] or [DEFAULT_LEDGER]
    for folder in folders:
        if not (folder / _ledger.PACKAGE_FILE).is_file():
            raise ParameterError(
                f"ledgers: {str(folder)!r} is not a ledger folder (no {_ledger.PACKAGE_FILE} in {folder.resolve()}); "
                f"give ledger folders relative to the kernel's working directory ({Path.cwd()})"
            )
    params = check(figure_format=figure_format, style=style)
    # One broken article does not take the story down: the others are followed, and the page names it.
    frame = _ledger.corpus(folders, strict=False)
    left_out = [Path(folder) for folder in frame.attrs.get("unsound", [])]
    folders = [folder for folder in folders if folder not in left_out]
    packages = {folder.name: _ledger.package(folder) for folder in folders}
    articles = {folder.name: _ledger.article(folder) for folder in folders}
    sides = {folder.name: sides_in_order(packages[folder.name], _ledger.sources(folder)) for folder in folders}
    known = {folder.resolve(): (articles[folder.name].published, sides[folder.name]) for folder in folders}
    frame = _stages(frame, folders, packages)
    labels: dict[str, str] = {}
    rows_of: dict[str, list[int]] = {}  # each article's rows, found in one pass (a mask per article was quadratic)
    for position, name in enumerate(frame["article"].tolist()):
        rows_of.setdefault(name, []).append(position)
    for folder in folders:  # the first ledger's label of a slug wins
        labels = labels_of(packages[folder.name], frame.iloc[rows_of.get(folder.name, [])]) | labels
    first = packages[folders[0].name] if folders else {}  # one story's ledgers declare one unit alike
    counts = whole_units(first.get("units", {}))
    return Tracked(
        folders=folders,
        frame=frame,
        statements=track.tracked(frame),
        labels=MappingProxyType(labels),
        params=params,
        left_out=left_out,
        articles=MappingProxyType(articles),
        colours=MappingProxyType(story_palette.story_colours(folders, known)),
        counts=counts,
        left_out_names=tuple(_named(folder) for folder in left_out),
        not_followed=tuple(track.not_followed(frame)),
    )


def _stages(frame: pd.DataFrame, folders: list[Path], packages: Mapping[str, dict]) -> pd.DataFrame:
    """The corpus with each claim's stage declarations, from its own ledger's data package (analysis.with_stages)."""
    if frame.empty:
        return frame
    folder_of = {folder.name: folder for folder in reversed(folders)}  # as kit.corpus names each article
    parts = [
        analysis.with_stages(part, folder_of[name], packages[name])
        for name, part in frame.groupby("article", sort=False)
    ]
    staged = pd.concat(parts).loc[frame.index]
    staged.attrs = frame.attrs
    return staged


def dated(seed: _ledger.Article) -> str:
    """An article's date as a reader writes it, or "undated"."""
    return seed.published.strftime("%-d %B %Y") if seed.published is not None else "undated"


def _named(folder: Path) -> str:
    """An article as a reader knows it: its headline, outlet and date; its folder's name when its data package
    cannot say."""
    seed = _ledger.unchecked_article(folder)
    if seed is None or not seed.title.strip():
        return escape_markdown(folder.name)
    outlet = f"{seed.outlet}, " if seed.outlet else ""
    return f"\u201c{escape_markdown(seed.title.strip())}\u201d ({escape_markdown(outlet + dated(seed))})"
