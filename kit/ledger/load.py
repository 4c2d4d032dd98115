"""The public loaders: a checked ledger as typed DataFrames, cached by the content of the files read.

Every loader validates first and refuses an unsound ledger (``LedgerError``), so a chart never shows a
figure the ledger cannot back. Notebooks call several loaders per cell; the cache makes that one pass over
the files, and because it compares file contents, not time stamps, an edit that keeps a file's size and
mtime is still seen.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kit.ledger import dates, handover, store, voices
from kit.ledger import folder as closed
from kit.ledger.check import Article, Ledger, check_ledger
from kit.ledger.datapackage import OPTIONAL_TABLES, PACKAGE_FILE, TABLES, primary_key
from kit.ledger.declarations import whole_units
from kit.ledger.problems import LedgerError, Problem
from kit.paths import DEFAULT_LEDGER

if TYPE_CHECKING:
    import pandas as pd

    from kit.ledger.lines import Table

# pandas and numpy are imported in the functions that type tables, not here: checking a ledger needs neither, and
# ``python -m kit validate`` would otherwise pay about half a second to import them (tests/test_cli_imports.py).

#: (folder, working folder) -> (digest of every file read, or None for a file that was missing; the result).
_CACHE: dict[tuple[str, str], tuple[dict[Path, str | None], Ledger]] = {}
#: id of a checked ledger -> its entry in the on-disk cache (kit/ledger/store.py), to add typed tables as they are built
_ENTRIES: dict[int, store.Entry] = {}


def ledger_dir(ledger: str | os.PathLike | None = None) -> Path:
    """The ledger folder to use: the one given, or the packaged ledger."""
    return DEFAULT_LEDGER if ledger is None else Path(ledger)


def _read(ledger: str | os.PathLike | None, persist: bool = True) -> Ledger:
    """The checked ledger, from this process's memo, the on-disk cache or its files. A ledger checked from its files
    is written to the cache now when ``persist``, else when its typed tables are (once, not twice)."""
    folder = ledger_dir(ledger)
    # The working folder is part of the key: problems show paths relative to it.
    key = (str(folder.resolve()), os.getcwd())
    cached = _CACHE.get(key)
    if cached is not None and folder.is_dir() and store.unchanged(cached[0]) and closed_folder(folder, cached[0]):
        return cached[1]
    # a batch's own check, handed to its kernels by content (kit/ledger/handover.py), else the on-disk cache
    entry = (handover.take(folder) or store.load(folder)) if folder.is_dir() else None
    if entry is not None and not closed_folder(folder, entry.read):
        entry = None
    if entry is None:
        result, read = check_ledger(folder)
        entry = store.Entry(read, result)
        if folder.is_dir() and persist:
            store.save(folder, entry)
    result = entry.ledger
    for name, data in entry.frames.items():  # made a DataFrame when first asked for (a corpus joins them as they are)
        _FRAMES[(id(result), name)] = (result, data)
    if folder.is_dir():
        if cached is not None:  # the tables of the ledger as it was before an edit
            _ENTRIES.pop(id(cached[1]), None)
            for gone in [memo for memo in _FRAMES if memo[0] == id(cached[1])]:
                del _FRAMES[gone]
        _CACHE[key] = (entry.read, result)
        _ENTRIES[id(result)] = entry
    return result


def closed_folder(folder: Path, read: dict[Path, str | None]) -> bool:
    """A result is reused only while no file of the folder it was read from has become a link that leaves the
    folder: the same bytes behind such a link are still refused (kit/ledger/folder.py), never served from a cache.

    A file reached from the folder through no link resolves inside it, so only a path with a link on the way is
    resolved (a page asks the loaders dozens of times; resolving every file each time was most of a warm page).
    """
    base = os.path.join(str(folder), "")
    inside = [path for path in read if str(path).startswith(base)]
    return all(not closed.linked(base, str(path)) or closed.escape(folder, path) is None for path in inside)


def files_read(folder: str | os.PathLike) -> dict[Path, str | None] | None:
    """The digest of every file a ledger checked in this process was read from (None when it was not read)."""
    cached = _CACHE.get((str(Path(folder).resolve()), os.getcwd()))
    return None if cached is None else cached[0]


def checked(ledger: str | os.PathLike | None = None) -> tuple[dict[Path, str | None], Ledger]:
    """The checked ledger and the digest of every file it was read from (what ``kit run`` hands its kernels): from
    this process's memo, the on-disk cache, or one check."""
    result = _read(ledger)
    entry = _ENTRIES.get(id(result))
    return (entry.read if entry is not None else {}), result


def validate(ledger: str | os.PathLike | None = None) -> list[Problem]:
    """Every problem in a ledger, errors and warnings, sorted by file and line."""
    return list(_read(ledger).problems)


def problems_before_loading(ledger: str | os.PathLike | None) -> list[Problem]:
    """``validate`` for a caller that loads the ledger's tables next (``kit.corpus``): the ledger's entry in the
    on-disk cache is written once, with its typed tables."""
    return list(_read(ledger, persist=False).problems)


def _sound(ledger: str | os.PathLike | None, persist: bool = True) -> Ledger:
    read = _read(ledger, persist)
    errors = [problem for problem in read.problems if problem.severity == "error"]
    if errors:
        raise LedgerError(errors)
    return read


#: (id of a checked ledger, table) -> (that ledger, the typed table). A page calls the loaders in every chart and
#: sentence; typing a table of thousands of claims each time cost a second a page at 1,000 claims. Callers get a
#: copy, so none can change what another sees.
_FRAMES: dict[tuple[int, str], tuple[Ledger, pd.DataFrame | dict]] = {}


def _memo(read: Ledger, name: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """``build()`` once per checked ledger (a changed file is a new ``Ledger``, see ``_read``); a copy each call."""
    found = _found(read, name)
    if found is None:
        _keep([(read, build())], name)
        found = _found(read, name)
    return found.copy()


def _found(read: Ledger, name: str) -> pd.DataFrame | None:
    """A table built before for this checked ledger, in this process or (still pickled) in the on-disk cache."""
    found = _FRAMES.get((id(read), name))
    if found is None or found[0] is not read:
        return None
    if isinstance(found[1], dict):  # as the on-disk cache keeps it
        _FRAMES[(id(read), name)] = (read, store.decode([found[1]]))
    return _FRAMES[(id(read), name)][1]


def _keep(built: list[tuple[Ledger, pd.DataFrame | dict]], name: str, persist: bool = True) -> None:
    """Remember typed tables in memory and, for the tables a corpus needs, in each ledger's on-disk entry (written
    when ``persist``: a caller adding several tables writes the entry once, with the last)."""
    for read, frame in built:
        _FRAMES[(id(read), name)] = (read, frame)
        entry = _ENTRIES.get(id(read))
        if name in STORED and entry is not None and entry.ledger is read:
            entry.frames[name] = frame if isinstance(frame, dict) else store.encode(frame)
            if persist:
                store.save(read.folder, entry)


#: the typed tables kept in the on-disk cache: what ``kit.corpus`` and the pages read most
STORED = ("claims with periods", "sources", "claims with sources")
#: the column that says which ledger a row of tables typed together came from
_OWNER = "__ledger__"


def _resources(read: Ledger) -> list[dict]:
    return [resource for resource in read.package["resources"] if isinstance(resource, dict)]


def _frame(read: Ledger, name: str) -> pd.DataFrame:
    """A table as the schema types it: numbers as float64, integers as Int64, enums as categoricals, in key order."""
    return _memo(read, name, lambda: _one(_typed([read], name)))


def _typed(reads: list[Ledger], name: str) -> pd.DataFrame:
    """One table of ledgers with the same schema, typed at once (per-column work on one frame costs what it costs
    on a frame of ten rows), sorted by ledger (the ``_OWNER`` column, their position) and key."""
    import numpy as np
    import pandas as pd

    table = reads[0].tables[name]
    columns = [spec["name"] for spec in table.fields]
    rows = [row for read in reads for _, row in read.tables[name].rows]
    typed: dict[str, object] = {}
    for spec in table.fields:  # column by column from the cells (a frame of strings first cost as much again)
        column, kind, rules = spec["name"], spec.get("type", "string"), spec.get("constraints", {})
        cells = [row.get(column) for row in rows]
        text = pd.array([None if cell is None or cell == "" else cell for cell in cells], dtype="string")
        if kind == "number":
            typed[column] = pd.to_numeric(text, errors="raise").astype("float64")
        elif kind == "integer":
            typed[column] = pd.to_numeric(text, errors="raise").astype("Int64")
        elif "enum" in rules:
            typed[column] = pd.Categorical(text, categories=rules["enum"])
        else:
            typed[column] = text
    frame = pd.DataFrame(typed, columns=columns)
    frame[_OWNER] = np.repeat(np.arange(len(reads)), [len(read.tables[name].rows) for read in reads])
    resource = next(resource for resource in _resources(reads[0]) if resource.get("name") == name)
    key = primary_key(resource) or columns[0]
    return frame.sort_values([_OWNER, *([key] if isinstance(key, str) else key)], ignore_index=True)


def _split(frame: pd.DataFrame, count: int) -> list[dict]:
    """Tables typed together (sorted by ``_OWNER``), back into one table per ledger, as the on-disk cache keeps them
    (:func:`kit.ledger.store.encode`): encoded once and cut, a thousand times cheaper than a thousand DataFrames."""
    import numpy as np

    owners = frame.pop(_OWNER).to_numpy()
    bounds = np.searchsorted(owners, np.arange(count + 1)).tolist()
    return store.split(store.encode(frame), bounds)


def _one(frame: pd.DataFrame) -> pd.DataFrame:
    """A table of one ledger typed alone, without the ``_OWNER`` column."""
    return frame.drop(columns=_OWNER)


def _schema(read: Ledger) -> str:
    """What must agree for ledgers to be typed together: the fields and keys of their claims and sources."""
    names = ("claims", "sources")
    return json.dumps([resource for resource in _resources(read) if resource.get("name") in names], sort_keys=True)


def _with_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """``when_start`` and ``when_end`` after ``when``: the first and last day it covers, NaT when it is empty.

    Seconds resolution, so every year ISO 8601 can write fits (nanoseconds stop at 1677 and 2262).
    """
    import numpy as np
    import pandas as pd

    spans = [dates.period(when) if isinstance(when, str) else (None, None) for when in frame["when"]]
    position = frame.columns.get_loc("when") + 1
    for offset, column in enumerate(("when_start", "when_end")):
        days = [np.datetime64(span[offset], "s") if span[offset] else np.datetime64("NaT", "s") for span in spans]
        frame.insert(position + offset, column, pd.Series(np.array(days, dtype="datetime64[s]"), index=frame.index))
    return frame


def claims(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """One row per figure the article states, validated, typed as declared.

    Besides the declared columns, ``when_start`` and ``when_end`` (datetime64[s]) give the first and last day
    that ``when`` covers, so figures can be set in time order; NaT where ``when`` is empty. ``per`` is a
    categorical of the ledger's units, like ``unit``. ``voice`` (last) says whose words the figure is in, read from
    the article around its quote: 0 the speaker's own quoted words, 1 a body sentence, 2 the headline
    (kit/ledger/voices.py), so a corpus, which does not carry the article, reads a statement as its page does.
    ``unit_whole`` (bool, before ``voice``) says whether the package declares the claim's unit whole, a count: a
    count's whole figure below 1,000 is read as stated, a measure's as rounded (kit.vocab.intervals.rounding).
    """
    read = _sound(ledger)
    return _memo(read, "claims with periods", lambda: _one(_claims([read])))


def _claims(reads: list[Ledger]) -> pd.DataFrame:
    import pandas as pd

    frame = _typed(reads, "claims")
    if "per" in frame.columns and isinstance(frame["unit"].dtype, pd.CategoricalDtype):
        frame["per"] = pd.Categorical(frame["per"], categories=frame["unit"].cat.categories)
    wholes = [whole_units(read.package.get("units")) for read in reads]
    owners, units = frame[_OWNER].tolist(), frame["unit"].astype("object").tolist()
    frame["unit_whole"] = pd.array([unit in wholes[owner] for owner, unit in zip(owners, units, strict=True)], "bool")
    frame["voice"] = voices.column(frame, _OWNER, [read.article for read in reads])  # kit/ledger/voices.py
    return _with_periods(frame) if "when" in frame.columns else frame


def claim_rows(ledger: str | os.PathLike | None = None) -> tuple[Table, frozenset[str]]:
    """A sound ledger's claims as its file reads them (each row with its line) and the units its package declares
    whole: what a check across the ledgers of a story reads (kit.ledger.statement_check.check_across)."""
    read = _sound(ledger)
    return read.tables["claims"], whole_units(read.package.get("units"))


def sources(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Who states figures, with the side each speaks for."""
    return _frame(_sound(ledger), "sources")


def places(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Every place the article names, with WGS84 coordinates and their precision."""
    return _frame(_sound(ledger), "places")


def nonfigures(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Text that looks like a figure but is declared not to be one."""
    return _frame(_sound(ledger), "nonfigures")


def article(ledger: str | os.PathLike | None = None) -> Article:
    """The seed article: its exact text and its identity (title, outlet, published, url, byline, language)."""
    read = _sound(ledger)
    assert read.article is not None
    return read.article


def unchecked_article(ledger: str | os.PathLike | None = None) -> Article | None:
    """The seed article as read even when the ledger does not validate (None when it cannot be read): to name a
    broken article to a reader by its headline and outlet, never to show its figures."""
    return _read(ledger).article


def claims_with_sources(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Claims joined with their claimant's name, role and side: the join every chart needs."""
    read = _sound(ledger)
    return _memo(read, "claims with sources", lambda: _one(_joined([read])))


def _joined(reads: list[Ledger]) -> pd.DataFrame:
    sources = _typed(reads, "sources").rename(columns={"name": "claimant_name", "role": "claimant_role"})
    joined = _claims(reads).merge(
        sources,
        left_on=[_OWNER, "claimant"],
        right_on=[_OWNER, "source_id"],
        how="left",
        validate="many_to_one",
    )
    return joined.drop(columns="source_id").sort_values([_OWNER, "claim_id"], ignore_index=True)


def corpus_claims(ledgers: list[str | os.PathLike]) -> tuple[pd.DataFrame, list[int]]:
    """``claims_with_sources`` of many sound ledgers one after the other in one frame, and each one's number of
    claims. The ledgers not cached are typed and joined together: a corpus of a thousand articles costs a few
    passes over its claims, not a thousand passes over tiny tables; cached ones are joined as the cache keeps them."""
    reads = [_sound(ledger, persist=False) for ledger in ledgers]
    groups: dict[str, dict[int, Ledger]] = {}
    for read in reads:
        if _FRAMES.get((id(read), "claims with sources"), (None,))[0] is not read:
            groups.setdefault(_schema(read), {})[id(read)] = read
    for by_id in groups.values():
        group = list(by_id.values())
        _keep(list(zip(group, _split(_claims(group), len(group)), strict=True)), "claims with periods", False)
        _keep(list(zip(group, _split(_typed(group, "sources"), len(group)), strict=True)), "sources", False)
        _keep(list(zip(group, _split(_joined(group), len(group)), strict=True)), "claims with sources")
    tables = [_FRAMES[(id(read), "claims with sources")][1] for read in reads]
    encoded = [table if isinstance(table, dict) else store.encode(table) for table in tables]
    return store.decode(encoded), [store.rows(table) for table in encoded]


def package(ledger: str | os.PathLike | None = None) -> dict:
    """The ledger's data package (datapackage.json) as a dict; a copy, so a caller cannot change the cached one.

    Copied through pickle: the same copy as ``copy.deepcopy`` of plain JSON values, in about a quarter of the time
    (a page asks for the package a few times per chart; the tracker over 1,000 articles, thousands of times)."""
    read = _sound(ledger)
    assert read.package is not None
    return pickle.loads(pickle.dumps(read.package, protocol=pickle.HIGHEST_PROTOCOL))


def ledger_version(ledger: str | os.PathLike | None = None) -> str:
    """The data package version plus a short hash of the data, so a report says which data it shows.

    Only the files the kit reads (the tables, the seed) and the package itself count: editing the
    folder's documentation, or a resource the kit does not read, does not change the version.
    """
    read = _sound(ledger)
    digest = hashlib.sha256()
    kit_tables = TABLES + OPTIONAL_TABLES
    tables = {resource["path"] for resource in _resources(read) if resource.get("name") in kit_tables}
    names = {PACKAGE_FILE, read.package["article"]["path"]} | tables
    for name in sorted(names):
        digest.update(name.encode())
        digest.update((read.folder / name).read_bytes())
    return f"{read.package.get('version', '0')}+{digest.hexdigest()[:12]}"
