"""One pass over a ledger folder: the data package, the seed article, every table, then the rules across them.

Each step reports what it finds and the pass goes on, so one run lists every problem, not just the first;
a step that cannot run (a table that could not be read) only keeps the steps that need it from judging.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kit.ledger import dates, hedges, quotes, rules
from kit.ledger import folder as closed
from kit.ledger.claim_rules import Context, check_claims
from kit.ledger.datapackage import OPTIONAL_TABLES, PACKAGE_FILE, TABLES, fields_of, read_package
from kit.ledger.lines import SEED_FILE, Table, read_table, read_text
from kit.ledger.problems import Checker, Problem
from kit.ledger.schema import check_fields, check_keys
from kit.ledger.text import LAYOUT, invisible

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Article:
    """The seed article of a ledger and its identity, as its data package states them.

    ``published`` is None for an undated article; a date without a time is midnight of that day, without a
    time zone, and ``published_time`` is False for it, so a report can print the date alone.
    """

    title: str
    text: str
    path: Path
    published: datetime | None = None
    outlet: str = ""
    url: str = ""
    byline: str = ""
    language: str = ""
    published_time: bool = False


@dataclass
class Ledger:
    """What one pass read from a ledger folder, and every problem it found."""

    folder: Path
    package: dict | None
    tables: dict[str, Table]
    article: Article | None
    problems: list[Problem]


def check_ledger(folder: Path) -> tuple[Ledger, dict[Path, str | None]]:
    """Read and check a ledger folder; also the digest of every file read, for the loader's cache."""
    checker = Checker(folder)
    package = read_package(checker)
    tables: dict[str, Table] = {}
    article: Article | None = None
    if package is not None:
        article = _read_article(checker, package)
        resources = [resource for resource in package["resources"] if isinstance(resource, dict)]
        for resource in resources:
            if isinstance(resource.get("hash"), str):
                _check_resource_hash(checker, package, resource, article)
        tables_read = [resource for resource in resources if resource.get("name") in TABLES + OPTIONAL_TABLES]
        for resource in tables_read:
            table = read_table(checker, resource["name"], folder / resource["path"], fields_of(resource))
            if table is not None:
                check_fields(checker, table)
                tables[resource["name"]] = table
        check_keys(checker, tables, tables_read)
        _check_across(checker, tables, package, article)
    return Ledger(folder, package, tables, article, checker.sorted_problems()), checker.read


def _read_article(checker: Checker, package: dict) -> Article | None:
    """The seed article the package names, when it can be read and is not empty."""
    meta = package["article"]
    path = checker.folder / meta["path"]
    text = read_text(checker, path, SEED_FILE)
    if text is not None and text.strip() == "":
        checker.add(path, 1, "-", "seed article file is empty; restore the article text, byte for byte")
        return None
    if text is None:
        return None
    hidden = invisible(text, LAYOUT)
    if hidden is not None:  # it would reach pages and terminals hidden in a quote or a coverage line
        where, message = hidden
        breaks = list(_LINE_BREAK.finditer(text, 0, where))
        column = where - (breaks[-1].end() if breaks else 0) + 1
        found = message.removesuffix("; delete it")
        fix = "restore the article as published, or delete the character and update the seed's hash"
        checker.add(path, len(breaks) + 1, "-", f"the article has {found} at column {column}, hidden on pages; {fix}")
    title = meta.get("title") or text.strip().splitlines()[0]
    published = meta.get("published")
    return Article(
        title=title,
        text=text,
        path=path,
        published=dates.published(published) if isinstance(published, str) else None,
        outlet=meta.get("outlet") or "",
        url=meta.get("url") or "",
        byline=meta.get("byline") or "",
        language=meta.get("language") or "",
        published_time="T" in (published or ""),
    )


def _check_resource_hash(checker: Checker, package: dict, resource: dict, article: Article | None) -> None:
    """A resource's Frictionless ``hash`` (sha256:HEX, md5:HEX or bare md5 HEX), checked when present."""
    seed = resource.get("path") == package["article"]["path"]
    if seed and article is None:
        return  # an unreadable seed is already reported; its hash adds nothing
    if not seed and resource.get("name") not in TABLES:
        return
    path = checker.folder / resource["path"]
    if closed.escape(checker.folder, path):
        return  # a file outside the folder is never read; reading the table or seed reports it
    data = checker.load(path)
    if data is None:
        return
    kind, _, digest = resource["hash"].rpartition(":")
    if hashlib.new(kind or "md5", data).hexdigest() != digest.lower():
        fix = (
            "the seed is never edited: restore the original article"
            if seed
            else f"if the change is meant, update the hash in {PACKAGE_FILE}"
        )
        checker.add(path, 1, "-", f"file does not match its hash in {PACKAGE_FILE} ({resource['hash']}); {fix}")


def _check_across(checker: Checker, tables: dict[str, Table], package: dict, article: Article | None) -> None:
    """Rules that span tables or need the article: claims, unused sources, coordinates, text from the article."""
    claims, sources, places = tables.get("claims"), tables.get("sources"), tables.get("places")
    text = article.text if article else None
    if claims:
        check_claims(checker, claims, _context(package, tables, article))
    if sources and claims:
        rules.check_unused_sources(checker, sources, claims)
    if places:
        rules.check_coordinates(checker, places)
    if text is not None:
        for name, column in quotes.IN_ARTICLE.items():
            if name in tables:
                quotes.check_in_article(checker, tables[name].path, column, tables[name].rows, text)


def _context(package: dict, tables: dict[str, Table], article: Article | None) -> Context:
    """What the claim rules need from the rest of the ledger."""
    units = package.get("units", {})
    claims = next(resource for resource in package["resources"] if resource.get("name") == "claims")
    unit = next((spec for spec in fields_of(claims) if spec["name"] == "unit"), {})
    declared = unit.get("constraints", {}).get("enum") or sorted(units)
    own = [row for _, row in tables["hedges"].rows] if "hedges" in tables else []
    published = article.published.date() if article and article.published else None
    labels = package.get("quantities") if isinstance(package.get("quantities"), dict) else {}
    return Context(
        article.text if article else None,
        published,
        units,
        list(declared),
        hedges.vocabulary(own),
        unit_enum=bool(unit.get("constraints", {}).get("enum")),
        labels=labels,
        value_required=any(
            spec["name"] == "value" and spec.get("constraints", {}).get("required") is True
            for spec in fields_of(claims)
        ),
    )
