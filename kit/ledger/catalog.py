"""``python -m kit catalog CORPUS_DIR``: describe a corpus as a Frictionless data catalog.

Each ledger is already a Frictionless data package (its ``datapackage.json``); a corpus is a folder of them.
``catalog.json`` in the corpus folder lists every ledger as a dataset (``name``: the folder's name, ``package``:
the relative path to its ``datapackage.json``), so Frictionless tools read the whole story at once:
``frictionless validate CORPUS_DIR/catalog.json`` checks the catalog and every package it names. The file is
written the same way every time (folders sorted by name, relative POSIX paths, no timestamps, a trailing
newline), so it can be committed and a test can tell when it is stale.

Frictionless checks a catalog's metadata only: that each package loads and follows the Data Package standard,
not the rows of its tables. ``frictionless validate LEDGER/datapackage.json`` checks the rows.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from kit.ledger import folder as closed
from kit.ledger.corpus import ledger_folders
from kit.ledger.datapackage import PACKAGE_FILE
from kit.ledger.problems import LedgerError

CATALOG_FILE = "catalog.json"
#: What Frictionless accepts as a name (``frictionless.settings.NAME_PATTERN``), for the catalog and each dataset.
_NAME = re.compile(r"[-a-z0-9._/]+")


class CatalogError(Exception):
    """A folder that cannot be described as a catalog; the message names the path and says why."""


def _name(text: str, default: str) -> str:
    """A Frictionless name for a folder name: lower case, other characters as '-', as ``kit new`` names a package."""
    return text if _NAME.fullmatch(text) else re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or default


def catalog(corpus_folder: str | os.PathLike) -> dict:
    """The catalog descriptor of a corpus: one dataset per ledger folder inside it, sorted by folder name."""
    corpus = Path(corpus_folder)
    if not corpus.is_dir():
        raise CatalogError(f"{corpus}: " + ("is a file, not a folder" if corpus.is_file() else "not a folder"))
    if (corpus / PACKAGE_FILE).is_file():
        raise CatalogError(f"{corpus}: is a ledger, not a corpus; give the folder that holds the ledger folders")
    try:
        folders = ledger_folders(corpus)
    except LedgerError as refused:  # a ledger folder that is a link leaving the corpus
        raise CatalogError(refused.problems[0].message) from None
    if not folders:
        raise CatalogError(f"{corpus}: no ledger folder (with {PACKAGE_FILE}) here")
    datasets, seen = [], {}
    for folder in folders:
        name = _name(folder.name, "ledger")
        if name in seen:  # e.g. "Flood" and "flood": Frictionless names are lower case and must differ
            raise CatalogError(f"{corpus}: ledger folders {seen[name]!r} and {folder.name!r} share the name {name!r}")
        seen[name] = folder.name
        package = (folder / PACKAGE_FILE).relative_to(corpus).as_posix()
        datasets.append({"name": name, "package": package})
    return {
        "name": _name(corpus.resolve().name, "corpus"),
        "description": (
            "One dataset per article: each is a ledger folder, a data package of the figures the article states. "
            "Written by python -m kit catalog; check with frictionless validate catalog.json."
        ),
        "datasets": datasets,
    }


def write_catalog(corpus_folder: str | os.PathLike) -> Path:
    """Write ``catalog.json`` into the corpus folder and return its path; raises CatalogError on a bad folder."""
    descriptor = catalog(corpus_folder)
    path = Path(corpus_folder) / CATALOG_FILE
    # written beside and renamed over: a catalog.json that is a link is replaced, its target never written
    closed.write_all({path: (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")})
    return path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", help="the corpus: a folder holding one ledger folder per article")


def main(args: argparse.Namespace) -> int:
    try:
        path = write_catalog(args.folder)
    except (CatalogError, OSError) as error:
        print(f"python -m kit catalog: {error}", file=sys.stderr)
        return 2
    print(path)
    return 0
