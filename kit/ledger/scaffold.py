"""``python -m kit new NAME --seed FILE [--dir PARENT]``: start a ledger for another article.

The new folder holds a byte-for-byte copy of the seed article, one empty
table per resource (header line only, columns from the packaged schema) and
a ``datapackage.json`` that names the seed. An empty ledger validates, so a
curator can run ``python -m kit coverage`` at once to see the figures to
curate, then ``python -m kit validate`` after each row added.

The schema is copied, not referenced: each ledger owns its rules, so an
article about a port strike can add units ("workers") or topics to the enums
in its own ``datapackage.json`` without touching any other ledger.
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

from kit.ledger import PACKAGE_FILE, TABLES
from kit.paths import DEFAULT_LEDGER

DEFAULT_PARENT = Path("ledgers")
VERSION = "0.1.0"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class ScaffoldError(Exception):
    """A ledger that cannot be created; the message says why and what to do."""


def _template() -> dict:
    return json.loads((DEFAULT_LEDGER / PACKAGE_FILE).read_text(encoding="utf-8"))


def seed_title(text: str) -> str:
    """The article's title: its first non-empty line, as news pages put the headline first."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    raise ScaffoldError("the seed article is empty")


def new_package(name: str, seed_name: str, title: str, template: dict | None = None, seed_sha256: str = "") -> dict:
    """A data package for a new ledger: the packaged schema, this seed, version 0.1.0, no sources yet."""
    package = copy.deepcopy(template if template is not None else _template())
    package["name"] = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-") or "ledger"
    package["title"] = f"Figures in the article '{title}'"
    package["version"] = VERSION
    package["description"] = (
        "One row per figure the article states, who stated it, the verbatim quote; the sources and places the "
        "article names. Created by python -m kit new; curate with python -m kit coverage and python -m kit validate."
    )
    package["sources"] = [{"title": "The article, copied byte for byte", "path": seed_name}]
    package["article"] = {"path": seed_name, "title": title, "published": None}
    for resource in package["resources"]:
        if resource.get("name") == "article":
            resource["path"] = seed_name
            resource.pop("hash", None)  # the template's hash is of its own seed
            if seed_sha256:
                resource["hash"] = f"sha256:{seed_sha256}"
    return package


def _header(fields: list[dict]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([spec["name"] for spec in fields])
    return buffer.getvalue()


def create(name: str, seed: str | os.PathLike, parent: str | os.PathLike | None = None) -> Path:
    """Create the ledger folder PARENT/NAME and return it; never overwrites anything."""
    if not _NAME.fullmatch(name):
        raise ScaffoldError(f"{name!r} is not a usable folder name: use letters, digits, '.', '_' and '-'")
    seed = Path(seed)
    if not seed.is_file():
        raise ScaffoldError(f"seed article {str(seed)!r} is not a file")
    data = seed.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ScaffoldError(f"seed article {str(seed)!r} is not UTF-8 ({error.reason}); save it as UTF-8") from error
    title = seed_title(text)
    if seed.name in {f"{table}.csv" for table in TABLES} | {PACKAGE_FILE}:
        raise ScaffoldError(f"seed article may not be named {seed.name!r}: a ledger table has that name")
    folder = Path(parent if parent is not None else DEFAULT_PARENT) / name
    if folder.exists() or folder.is_symlink():
        raise ScaffoldError(f"{folder} already exists; choose another NAME or --dir (nothing was overwritten)")
    package = new_package(name, seed.name, title, seed_sha256=hashlib.sha256(data).hexdigest())
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{name}.partial"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        (staging / seed.name).write_bytes(data)
        for resource in package["resources"]:
            if resource.get("name") in TABLES:
                (staging / resource["path"]).write_text(_header(resource["schema"]["fields"]), encoding="utf-8")
        (staging / PACKAGE_FILE).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        staging.rename(folder)  # all or nothing: a half-made ledger never appears under NAME
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="name of the new ledger folder")
    parser.add_argument("--seed", required=True, help="the article text file to curate (copied byte for byte)")
    parser.add_argument("--dir", default=None, help=f"parent folder (default: ./{DEFAULT_PARENT})")


def main(args: argparse.Namespace) -> int:
    try:
        folder = create(args.name, args.seed, args.dir)
    except ScaffoldError as error:
        print(f"python -m kit new: {error}", file=sys.stderr)
        return 2
    print(f"created {folder}")
    print(f"next: python -m kit coverage {folder}   (lists the figures to curate)")
    print(f"then: python -m kit validate {folder}   (checks each row you add)")
    return 0
