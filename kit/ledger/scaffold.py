"""``python -m kit new NAME --seed FILE --published DATE --outlet NAME --url URL``: start a ledger for another article.

The new folder holds a byte-for-byte copy of the seed article, one empty table per resource (header line
only) and a ``datapackage.json`` of the version-2 model that names the seed and the article's identity:
headline (the seed's first line unless ``--headline`` says otherwise), outlet, publication date, address,
byline and language. An empty ledger validates, so a curator can run ``python -m kit coverage`` at once to
see the figures to curate, then ``python -m kit validate`` after each row added.

The schema starts from the model's broad defaults (place kinds from country to camp, units from people to
hectares and three currencies, a short list of topics; :func:`starting_lists`, as the data README lists them),
not from any other article's lists: each ledger owns its vocabularies and extends them in its own
``datapackage.json``. A unit is declared once, under ``units`` with its rules (the claims field unit has no enum
of its own), and ``quantities`` starts empty: each quantity gets its label as its first claim is added. The
kit's shared non-figures list (``kit/vocab/nonfigures.csv``), when there is one, is copied in as
``shared-nonfigures.csv``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

from kit.ledger import PACKAGE_FILE, TABLES, dates
from kit.ledger.datapackage import OPTIONAL_TABLES
from kit.ledger.identity import language_problem, url_problem
from kit.ledger.model import KIT_ENUMS, model
from kit.paths import KIT_DIR

DEFAULT_PARENT = Path("ledgers")
VERSION = "2.0.0"
SHARED_NONFIGURES = KIT_DIR / "vocab" / "nonfigures.csv"
SHARED_COPY = "shared-nonfigures.csv"
#: What --published takes for an article that gives no date.
UNDATED = "undated"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
#: Names a ledger folder may not have: ``kit run --corpus`` writes an article's reports to OUT/NAME/, beside
#: OUT/index.html, and refuses an article so named (kit/run/articles.py: name_problems).
RESERVED_NAMES = ("index", "index.html")


class ScaffoldError(Exception):
    """A ledger that cannot be created; the message says why and what to do."""


def seed_title(text: str) -> str:
    """The article's title: its first non-empty line, as news pages put the headline first."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    raise ScaffoldError("the seed article is empty")


def identity(
    title: str, published: str | None = None, outlet: str = "", url: str = "", byline: str = "", language: str = "en"
) -> dict:
    """The article's identity keys, each checked; a ScaffoldError names the first that is wrong."""
    if published is not None and published != UNDATED:
        try:
            dates.published(published)
        except ValueError as error:
            raise ScaffoldError(
                f"--published {error}; for an article without a date, write --published {UNDATED}"
            ) from error
        if "T" in published and not re.search(r"(?:Z|[+-]\d{2}:\d{2})$", published):
            raise ScaffoldError(
                f"--published {published!r} gives a time without its UTC offset: add it as the article's page "
                f"states it ({published}-07:00, or {published}Z for UTC), or give the date alone ({published[:10]})"
            )
    for option, problem in (("--url", url_problem(url)), ("--language", language_problem(language))):
        if problem:
            raise ScaffoldError(f"{option} {problem}")
    dated = None if published in (None, UNDATED) else published
    return {"title": title, "outlet": outlet, "published": dated, "url": url, "byline": byline, "language": language}


def new_package(
    name: str,
    seed_name: str,
    title: str,
    template: dict | None = None,
    seed_sha256: str = "",
    article: dict | None = None,
) -> dict:
    """A data package for a new ledger: the model's schema and defaults, this seed and its identity."""
    package = template if template is not None else model()
    package["name"] = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-") or "ledger"
    package["title"] = f"Figures in the article '{title}'"
    package["version"] = VERSION
    package["description"] = (
        "One row per figure the article states, who stated it, the verbatim quote; the sources and places the "
        "article names. Created by python -m kit new; curate with python -m kit coverage and python -m kit validate."
    )
    package["sources"] = [{"title": "The article, copied byte for byte", "path": seed_name}]
    package["article"] = {"path": seed_name, **(article or identity(title))}
    package.setdefault("quantities", {})  # each quantity's label, added as claims are (kit draft --accept does)
    _units_in_one_place(package)
    for resource in package["resources"]:
        if resource.get("name") == "article":
            resource["path"] = seed_name
            resource.pop("hash", None)  # a template's hash is of its own seed
            if seed_sha256:
                resource["hash"] = f"sha256:{seed_sha256}"
    return package


def _units_in_one_place(package: dict) -> None:
    """A new ledger declares its units once, under ``units``: the claims field unit carries no enum of its own."""
    for resource in package["resources"]:
        if resource.get("name") == "claims":
            for spec in resource["schema"]["fields"]:
                if spec["name"] == "unit":
                    spec.get("constraints", {}).pop("enum", None)
                    spec["description"] = "Unit of value: one of the units declared, with their rules, under 'units'."


def starting_lists() -> dict[str, list[str]]:
    """The vocabularies a new ledger starts from, by table.field (units: the keys of ``units``)."""
    package = new_package("ledger", "article.txt", "")
    lists = {"claims.unit": list(package["units"])}
    for resource in package["resources"]:
        for spec in resource.get("schema", {}).get("fields", []):
            enum = spec.get("constraints", {}).get("enum")
            if enum and spec["name"] not in KIT_ENUMS.get(resource["name"], {}) and spec["name"] != "named":
                lists[f"{resource['name']}.{spec['name']}"] = list(enum)
    return lists


def _header(fields: list[dict]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([spec["name"] for spec in fields])
    return buffer.getvalue()


def _read_seed(seed: Path) -> tuple[bytes, str]:
    if not seed.is_file():
        kind = "is not a regular file (a folder, a device or a pipe)" if seed.exists() else "is not a file"
        raise ScaffoldError(f"seed article {str(seed)!r} {kind}")
    data = seed.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ScaffoldError(f"seed article {str(seed)!r} is not UTF-8 ({error.reason}); save it as UTF-8") from error
    if seed.name in {f"{table}.csv" for table in TABLES + OPTIONAL_TABLES} | {PACKAGE_FILE, SHARED_COPY}:
        raise ScaffoldError(f"seed article may not be named {seed.name!r}: a ledger file has that name")
    return data, text


def create(
    name: str, seed: str | os.PathLike, parent: str | os.PathLike | None = None, article: dict | None = None
) -> Path:
    """Create the ledger folder PARENT/NAME and return it; never overwrites anything.

    ``article`` holds the identity keys (see :func:`identity`); a missing or empty title is the seed's first line.
    """
    if not _NAME.fullmatch(name):
        raise ScaffoldError(f"{name!r} is not a usable folder name: use letters, digits, '.', '_' and '-'")
    if name.casefold() in RESERVED_NAMES:
        raise ScaffoldError(f"{name!r} is not a usable folder name: a batch's index has that name; choose another")
    seed = Path(seed)
    data, text = _read_seed(seed)
    keys = dict(article) if article is not None else identity("")
    keys["title"] = keys.get("title") or seed_title(text)
    folder = Path(parent if parent is not None else DEFAULT_PARENT) / name
    if folder.exists() or folder.is_symlink():
        raise ScaffoldError(f"{folder} already exists; choose another NAME or --dir (nothing was overwritten)")
    package = new_package(name, seed.name, keys["title"], seed_sha256=hashlib.sha256(data).hexdigest(), article=keys)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{name}.partial"
    if staging.is_symlink() or staging.is_file():  # a link is removed, never followed into another folder
        staging.unlink()
    elif staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        (staging / seed.name).write_bytes(data)
        for resource in package["resources"]:
            if resource.get("name") in TABLES + OPTIONAL_TABLES:
                (staging / resource["path"]).write_text(_header(resource["schema"]["fields"]), encoding="utf-8")
        if SHARED_NONFIGURES.is_file():
            shutil.copyfile(SHARED_NONFIGURES, staging / SHARED_COPY)
        (staging / PACKAGE_FILE).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        staging.rename(folder)  # all or nothing: a half-made ledger never appears under NAME
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="name of the new ledger folder")
    parser.add_argument("--seed", required=True, help="the article text file to curate (copied byte for byte)")
    parser.add_argument(
        "--published",
        required=True,
        help=f"publication date, ISO 8601 ({dates.PUBLISHED_FORMS}), or '{UNDATED}'",
    )
    parser.add_argument("--outlet", required=True, help="the outlet that published the article")
    parser.add_argument("--url", required=True, help="the article's http(s) address ('' when it has none)")
    parser.add_argument("--headline", default="", help="the headline (default: the seed's first line)")
    parser.add_argument("--byline", default="", help="the byline as printed (default: none)")
    parser.add_argument("--language", default="en", help="the article's language, a BCP 47 tag (default: en)")
    parser.add_argument("--dir", default=None, help=f"parent folder (default: ./{DEFAULT_PARENT})")


def main(args: argparse.Namespace) -> int:
    try:
        keys = identity(args.headline, args.published, args.outlet, args.url, args.byline, args.language)
        folder = create(args.name, args.seed, args.dir, article=keys)
    except (ScaffoldError, OSError) as error:  # OSError: a folder that cannot be written, named by the error
        print(f"python -m kit new: {error}", file=sys.stderr)
        return 2
    print(f"created {folder}")
    print(f"next: python -m kit coverage {folder}   (lists the figures to curate)")
    print(f"then: python -m kit validate {folder}   (checks each row you add)")
    return 0
