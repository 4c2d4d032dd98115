"""A corpus: many articles of one story, each its own ledger folder, read together.

A folder of ledger folders (each as ``python -m kit new`` makes it) is a corpus. Every ledger is validated
and every problem of every ledger is reported at once, each with its own path. A corpus with a broken
ledger does not load (``strict``, the default): a story read without one of its articles would undercount
how often a figure was reported. ``strict=False`` loads the sound ledgers and lists the others' problems in
``frame.attrs["problems"]`` and their folders in ``frame.attrs["unsound"]``, for a curator who wants to look at
the rest while fixing one, and for the tracker, which names the articles it leaves out.

Claim ids stay unique within a ledger; across the corpus the key is the pair (article, claim_id).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kit.ledger import corpus_store
from kit.ledger import folder as closed
from kit.ledger.datapackage import PACKAGE_FILE
from kit.ledger.load import article, claim_rows, corpus_claims, problems_before_loading, sources
from kit.ledger.problems import LedgerError, Problem
from kit.ledger.statement_check import check_across
from kit.paths import shown

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported where a table is built, not here: checking a ledger (``python -m kit validate``) needs none.

ARTICLE_COLUMNS = ["article", "outlet", "headline", "published"]


def ledger_folders(paths_or_folder: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The ledger folders of a corpus: the folders given, or every folder holding a datapackage.json inside the
    one folder given, sorted by name (a folder named by date sorts by date).

    A corpus is a closed folder too (kit/ledger/folder.py): a ledger folder inside it that is a link leaving it
    raises LedgerError naming the link and its target, as ``kit catalog`` refuses it.
    """
    folders, refused = _found_folders(paths_or_folder)
    if refused:
        raise LedgerError(list(refused.values()))
    return folders


def _found_folders(
    paths_or_folder: str | os.PathLike | Iterable[str | os.PathLike],
) -> tuple[list[Path], dict[Path, Problem]]:
    """The ledger folders, and a problem for each one inside the corpus folder that is a link leaving it."""
    if isinstance(paths_or_folder, str | os.PathLike):
        folder = Path(paths_or_folder)
        if (folder / PACKAGE_FILE).is_file():
            return [folder], {}
        found = sorted(path.parent for path in folder.glob(f"*/{PACKAGE_FILE}"))
        outside = {path: closed.escape(folder, path, "corpus") for path in found}
        refused = {path: Problem(shown(folder), 1, "-", why) for path, why in outside.items() if why}
        return [path for path in found if path not in refused], refused
    return [Path(path) for path in paths_or_folder], {}


def _problems(folders: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The sound folders and every error of the others; a ledger whose claims share a statement id with another
    ledger's but allow no common value with them is not sound either (the later of the two, in the story's order)."""
    sound, errors = [], []
    for folder in folders:
        found = [problem for problem in problems_before_loading(folder) if problem.severity == "error"]
        errors += found
        if not found:
            sound.append(folder)
    across = across_problems(sound)
    errors += [problem for _, problem in across]
    unsound = {folder for folder, _ in across}
    return [folder for folder in sound if folder not in unsound], errors


def across_problems(sound: list[Path]) -> list[tuple[Path, Problem]]:
    """Statement ids shared across the sound ledgers of a story whose claims allow no common value, each with the
    folder of the later claim (kit.ledger.statement_check.check_across)."""
    found = check_across([claim_rows(folder) for folder in sound])
    return [(sound[position], problem) for position, problem in found]


def _article_columns(folder: Path) -> dict[str, object]:
    import pandas as pd

    seed = article(folder)
    published = pd.NaT  # an undated article
    if seed.published is not None:  # one clock for the corpus: UTC, a date alone read as its midnight
        stamp = pd.Timestamp(seed.published)
        published = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return {"article": folder.name, "outlet": seed.outlet, "headline": seed.title, "published": published}


def corpus(paths_or_folder: str | os.PathLike | Iterable[str | os.PathLike], strict: bool = True) -> pd.DataFrame:
    """One row per claim per article, with the article's columns (article, outlet, headline, published) first,
    sorted by publication date, article and claim id. Raises LedgerError with every ledger's problems."""
    import pandas as pd

    folders, refused = _found_folders(paths_or_folder)
    if not folders and not refused:
        raise LedgerError([Problem(str(paths_or_folder), 1, "-", "no ledger folder (with datapackage.json) here")])
    kept = None if refused else corpus_store.load_frame(folders)  # an unchanged corpus: one read
    if kept is not None:
        kept.attrs.setdefault("unsound", [])
        return kept
    sound, errors = _problems(folders)
    errors = [*refused.values(), *errors]
    if errors and strict:
        raise LedgerError(errors)
    if sound:  # every ledger's claims at once, then each article's columns repeated over its claims
        claims, sizes = corpus_claims(sound)
        articles = pd.DataFrame([_article_columns(folder) for folder in sound], columns=ARTICLE_COLUMNS)
        articles = articles.loc[articles.index.repeat(sizes)].reset_index(drop=True)
        frame = pd.concat([articles, claims], axis=1)
    else:
        frame = pd.DataFrame(columns=ARTICLE_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    frame = frame.sort_values(["published", "article", "claim_id"], ignore_index=True, na_position="first")
    frame.attrs["problems"] = [str(problem) for problem in errors]
    kept_folders = set(sound)  # a set: a list made this quadratic in the ledgers
    frame.attrs["unsound"] = [*refused, *(folder for folder in folders if folder not in kept_folders)]
    if not errors:
        corpus_store.save_frame(folders, frame)
    return frame


def corpus_sources(paths_or_folder: str | os.PathLike | Iterable[str | os.PathLike]) -> pd.DataFrame:
    """Every source of every article, with the article it appears in: who speaks across the story."""
    import pandas as pd

    folders = ledger_folders(paths_or_folder)
    _, errors = _problems(folders)
    if errors:
        raise LedgerError(errors)
    frames = [sources(folder).assign(article=folder.name) for folder in folders]
    frame = pd.concat(frames, ignore_index=True)
    return frame[["article", *[column for column in frame.columns if column != "article"]]]
