"""Load and validate a ledger: the curated tables of one article's figures.

A ledger is a folder holding ``datapackage.json`` (a Frictionless Data
Package that describes every table and names the seed article), the CSV
tables it lists, and the article text. The data package is the single
source of truth for columns, types, enums, ranges and keys: the validator
reads its rules from there, so other tools that read Table Schema agree
with the kit.

Every problem is reported as ``PATH:LINE: COLUMN: message`` with LINE as
an editor shows it (the header is line 1). Nothing is dropped silently: a
row that cannot be read is a problem, never a skipped row.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kit.figures import parse_written

DEFAULT_LEDGER = Path(__file__).resolve().parent / "data"
PACKAGE_FILE = "datapackage.json"
TABLES = ("claims", "sources", "places", "nonfigures")

_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_PLAIN_INTEGER = re.compile(r"^-?\d+$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a ledger, located as an editor would show it."""

    path: str
    line: int
    column: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {self.column}: {prefix}{self.message}"


class LedgerError(Exception):
    """A ledger that cannot be trusted; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class Article:
    """The seed article of a ledger."""

    title: str
    text: str
    path: Path
    published: str | None = None


@dataclass
class _Table:
    name: str
    path: Path
    fields: list[dict]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def ledger_dir(ledger: str | os.PathLike | None = None) -> Path:
    """The ledger folder to use: the one given, or the packaged ledger."""
    return DEFAULT_LEDGER if ledger is None else Path(ledger)


def _shown(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


class _Checker:
    """Collects problems while reading one ledger."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int, column: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(_shown(path), line, column, message, severity))

    # -- the data package -------------------------------------------------

    def read_package(self) -> dict | None:
        path = self.folder / PACKAGE_FILE
        if not self.folder.is_dir():
            self.add(self.folder, 1, "-", "ledger folder does not exist")
            return None
        if not path.is_file():
            self.add(path, 1, "-", "file is missing; every ledger describes its tables in datapackage.json")
            return None
        try:
            package = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            self.add(path, 1, "-", f"file is not UTF-8 ({error.reason})")
            return None
        except json.JSONDecodeError as error:
            self.add(path, error.lineno, "-", f"not valid JSON: {error.msg} (column {error.colno})")
            return None
        if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
            self.add(path, 1, "resources", "datapackage.json needs a list of resources")
            return None
        names = {resource.get("name") for resource in package["resources"] if isinstance(resource, dict)}
        for name in TABLES:
            if name not in names:
                self.add(path, 1, "resources", f"no resource named {name!r}")
        if not isinstance(package.get("article"), dict) or not package["article"].get("path"):
            self.add(path, 1, "article", "datapackage.json must name the seed article (article.path)")
            return None
        return package

    # -- text and CSV -----------------------------------------------------

    def read_text(self, path: Path, what: str) -> str | None:
        if not path.is_file():
            self.add(path, 1, "-", f"{what} is missing")
            return None
        data = path.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]  # a byte-order mark from a spreadsheet: accepted
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            byte = data[error.start : error.start + 1].hex()
            self.add(
                path,
                line,
                "-",
                f"bytes that are not UTF-8 (0x{byte}); save the file as UTF-8 (the spreadsheet's 'CSV UTF-8' format)",
            )
            return None

    def read_table(self, path: Path, fields: list[dict]) -> _Table | None:
        table = _Table(path.stem, path, fields)
        text = self.read_text(path, "table file")
        if text is None:
            return None
        lines = _LINE_BREAK.split(text)
        if lines and lines[-1] == "":
            lines.pop()  # the final line break
        if not lines or lines == [""]:
            self.add(path, 1, "-", "file is empty; expected a header line")
            return None
        header = self.read_header(path, lines[0], fields)
        if header is None:
            return None
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() == "":
                self.add(path, number, "-", "blank line; remove it (every line is one row)")
                continue
            cells = self.split(path, number, line)
            if cells is None:
                continue
            if len(cells) != len(header):
                self.add(
                    path,
                    number,
                    "-",
                    f"row has {len(cells)} fields, the header has {len(header)}"
                    + (" (is it semicolon-delimited?)" if len(cells) == 1 and ";" in line else ""),
                )
                continue
            row = {name: cell for name, cell in zip(header, cells, strict=True) if name is not None}
            table.rows.append((number, row))
        return table

    def split(self, path: Path, number: int, line: str) -> list[str] | None:
        try:
            return next(csv.reader([line], strict=True))
        except csv.Error as error:
            hint = (
                "an unbalanced double quote, or a line break inside a field (every row must fit on one line)"
                if "end of data" in str(error)
                else 'a double quote inside a quoted field must be doubled ("")'
            )
            self.add(path, number, "-", f"malformed CSV: {error}; {hint}")
            return None

    def read_header(self, path: Path, line: str, fields: list[dict]) -> list[str | None] | None:
        cells = self.split(path, 1, line)
        if cells is None:
            return None
        declared = [spec["name"] for spec in fields]
        if len(cells) == 1 and ";" in cells[0]:
            self.add(path, 1, "-", "header is semicolon-delimited; export the file as comma-separated CSV")
            return None
        header: list[str | None] = []
        seen: dict[str, int] = {}
        for position, cell in enumerate(cells, start=1):
            name = cell.strip().lower().replace(" ", "_")
            if cell == "":
                self.add(path, 1, f"column {position}", "empty column name (a trailing comma or an empty column?)")
                header.append(None)
            elif name in seen:
                self.add(path, 1, cell, f"duplicate column name (also column {seen[name]})")
                header.append(None)
            elif cell not in declared and name in declared:
                self.add(path, 1, cell, f"column name must be written exactly {name!r}")
                header.append(name)
                seen[name] = position
            elif cell not in declared:
                self.add(
                    path,
                    1,
                    cell,
                    f"unknown column; declare it in {PACKAGE_FILE} or use one of: {', '.join(declared)}",
                )
                header.append(None)
            else:
                header.append(cell)
                seen[cell] = position
        for spec in fields:
            if spec["name"] not in seen and spec.get("constraints", {}).get("required"):
                self.add(path, 1, spec["name"], "required column is missing")
        return header

    # -- field rules from the Table Schema ---------------------------------

    def check_fields(self, table: _Table) -> None:
        for spec in table.fields:
            name = spec["name"]
            rules = spec.get("constraints", {})
            firsts: dict[str, tuple[int, str]] = {}
            for number, row in table.rows:
                if name not in row:
                    continue
                cell = row[name]
                if cell == "":
                    if rules.get("required"):
                        self.add(table.path, number, name, "value is required")
                    continue
                if cell != cell.strip():
                    self.add(table.path, number, name, f"{cell!r} has leading or trailing spaces")
                    continue
                self.check_value(table.path, number, name, cell, spec.get("type", "string"), rules)
                if rules.get("unique"):
                    key = cell.lower()
                    if key in firsts:
                        first_line, first = firsts[key]
                        if first == cell:
                            message = f"duplicate {cell!r} (first on line {first_line})"
                        else:
                            message = f"{cell!r} differs only in case from {first!r} on line {first_line}"
                        self.add(table.path, number, name, message)
                    else:
                        firsts[key] = (number, cell)

    def check_value(self, path: Path, number: int, name: str, cell: str, kind: str, rules: dict) -> None:
        if kind == "number":
            if not _PLAIN_NUMBER.match(cell):
                self.add(path, number, name, _not_a_number(cell))
                return
        elif kind == "integer":
            if not _PLAIN_INTEGER.match(cell):
                self.add(path, number, name, f"{cell!r} is not a whole number")
                return
        if "enum" in rules and cell not in rules["enum"]:
            self.add(path, number, name, f"{cell!r} is not one of: {', '.join(rules['enum'])}")
        if "pattern" in rules and not re.fullmatch(rules["pattern"], cell):
            self.add(path, number, name, f"{cell!r} is not a valid id: use lowercase letters, digits and hyphens")
        if kind in ("number", "integer"):
            value = float(cell)
            if "minimum" in rules and value < rules["minimum"]:
                self.add(path, number, name, f"{cell} is below the minimum {rules['minimum']}")
            if "maximum" in rules and value > rules["maximum"]:
                self.add(path, number, name, f"{cell} is above the maximum {rules['maximum']}")


def _not_a_number(cell: str) -> str:
    lowered = cell.strip().lower()
    if lowered in {"nan", "inf", "-inf", "+inf", "infinity", "-infinity"}:
        return f"{cell!r} is not a finite number"
    if re.fullmatch(r"-?\d+(\.\d+)?e[+-]?\d+", lowered):
        return f"{cell!r} uses exponent notation; write the plain number ({float(cell):.0f})"
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", cell):
        return f"{cell!r} has thousands separators; write the plain number ({cell.replace(',', '')})"
    return f"{cell!r} is not a plain number (digits, an optional minus sign and decimal point)"


def _locate_mismatch(quote: str, text: str) -> str:
    """Explain how a quote that is not in the article differs from it."""
    if quote.translate(_CURLY) in text.translate(_CURLY):
        start = text.translate(_CURLY).index(quote.translate(_CURLY))
        original = text[start : start + len(quote)]
        for mine, theirs in zip(quote, original, strict=True):
            if mine != theirs:
                return (
                    f"quote is not verbatim in the article: it has {mine!r} where the article has {theirs!r} "
                    "(straight and curly quotation marks and apostrophes differ; copy them from the article)"
                )
    longest = 0
    for size in range(1, len(quote) + 1):
        if quote[:size] in text:
            longest = size
        else:
            break
    if longest == 0:
        return "quote is not in the article"
    return (
        f"quote is not verbatim in the article: it matches as far as {quote[max(0, longest - 20) : longest]!r} "
        f"and then differs at {quote[longest : longest + 20]!r}"
    )


def _check_cross(checker: _Checker, tables: dict[str, _Table], article: str | None, units: dict) -> None:
    """Rules that span tables or need the article: keys, unit ranges, quotes."""
    claims, sources, places = tables.get("claims"), tables.get("sources"), tables.get("places")
    source_ids = {row.get("source_id") for _, row in sources.rows} if sources else None
    place_ids = {row.get("place_id") for _, row in places.rows} if places else None
    used_sources: set[str] = set()
    if claims:
        for number, row in claims.rows:
            claimant = row.get("claimant", "")
            used_sources.add(claimant)
            if claimant and source_ids is not None and claimant not in source_ids:
                checker.add(claims.path, number, "claimant", f"{claimant!r} is not a source_id in sources.csv")
            place = row.get("place_id", "")
            if place and place_ids is not None and place not in place_ids:
                checker.add(claims.path, number, "place_id", f"{place!r} is not a place_id in places.csv")
            _check_claim_value(checker, claims.path, number, row, units)
            if article is not None:
                _check_quote(checker, claims.path, number, row, article)
    if sources and claims:
        for number, row in sources.rows:
            if row.get("source_id") and row["source_id"] not in used_sources:
                checker.add(
                    sources.path, number, "source_id", f"{row['source_id']!r} is not used by any claim", "warning"
                )
    if places:
        for number, row in places.rows:
            has_point = bool(row.get("latitude")) and bool(row.get("longitude"))
            if bool(row.get("latitude")) != bool(row.get("longitude")):
                checker.add(
                    places.path, number, "longitude", "latitude and longitude go together: give both or neither"
                )
            elif row.get("precision") == "unlocated" and has_point:
                checker.add(places.path, number, "precision", "'unlocated' place must have no coordinates")
            elif row.get("precision") not in ("unlocated", None, "") and not has_point:
                checker.add(
                    places.path, number, "latitude", f"a place of precision {row['precision']!r} needs coordinates"
                )
            if article is not None and row.get("as_written") and row["as_written"] not in article:
                checker.add(places.path, number, "as_written", _locate_mismatch(row["as_written"], article))
    nonfigures = tables.get("nonfigures")
    if nonfigures and article is not None:
        for number, row in nonfigures.rows:
            if row.get("text") and row["text"] not in article:
                checker.add(nonfigures.path, number, "text", _locate_mismatch(row["text"], article))


def _check_claim_value(checker: _Checker, path: Path, number: int, row: dict, units: dict) -> None:
    cell, unit = row.get("value", ""), row.get("unit", "")
    if not _PLAIN_NUMBER.match(cell) or unit not in units:
        return
    value, rule = float(cell), units[unit]
    if rule.get("whole") and not value.is_integer():
        checker.add(path, number, "value", f"{cell} is not a whole number of {unit}")
    if "minimum" in rule and value < rule["minimum"]:
        checker.add(path, number, "value", f"{cell} is below {rule['minimum']}, the least a count of {unit} can be")
    if "maximum" in rule and value > rule["maximum"]:
        checker.add(path, number, "value", f"{cell} is above {rule['maximum']}, the most a {unit} figure can be")


def _check_quote(checker: _Checker, path: Path, number: int, row: dict, article: str) -> None:
    quote, written, cell = row.get("quote", ""), row.get("as_written", ""), row.get("value", "")
    if quote and quote not in article:
        checker.add(path, number, "quote", _locate_mismatch(quote, article))
    if quote and written and written not in quote:
        checker.add(path, number, "as_written", f"the quote does not contain the figure as written ({written!r})")
    if written:
        meant = parse_written(written)
        if meant is None:
            checker.add(path, number, "as_written", f"{written!r} is not a figure the kit can read")
        elif _PLAIN_NUMBER.match(cell) and not math.isclose(meant, float(cell)):
            checker.add(
                path, number, "value", f"{cell} does not match the figure as written ({written!r} means {meant:g})"
            )


def _fingerprint(folder: Path) -> tuple:
    try:
        return tuple(
            (entry.name, entry.stat().st_mtime_ns, entry.stat().st_size)
            for entry in sorted(folder.iterdir())
            if entry.is_file()
        )
    except OSError:
        return ()


@dataclass
class _Ledger:
    folder: Path
    package: dict | None
    tables: dict[str, _Table]
    article: Article | None
    problems: list[Problem]


_CACHE: dict[tuple, _Ledger] = {}


def _read(ledger: str | os.PathLike | None) -> _Ledger:
    folder = ledger_dir(ledger)
    key = (str(folder.resolve()), _fingerprint(folder))
    if key in _CACHE:
        return _CACHE[key]
    checker = _Checker(folder)
    package = checker.read_package()
    tables: dict[str, _Table] = {}
    article: Article | None = None
    if package is not None:
        meta = package["article"]
        article_path = folder / meta["path"]
        text = checker.read_text(article_path, "seed article file")
        if text is not None and text.strip() == "":
            checker.add(article_path, 1, "-", "seed article file is empty")
            text = None
        if text is not None:
            title = meta.get("title") or text.strip().splitlines()[0]
            article = Article(title=title, text=text, path=article_path, published=meta.get("published"))
        for resource in package["resources"]:
            if not isinstance(resource, dict) or resource.get("name") not in TABLES:
                continue
            fields = resource.get("schema", {}).get("fields", [])
            table = checker.read_table(folder / resource["path"], fields)
            if table is not None:
                table.name = resource["name"]
                checker.check_fields(table)
                tables[resource["name"]] = table
        _check_cross(checker, tables, article.text if article else None, package.get("units", {}))
    problems = sorted(set(checker.problems), key=lambda p: (p.path, p.line, p.column, p.message))
    result = _Ledger(folder, package, tables, article, problems)
    _CACHE[key] = result
    return result


def validate(ledger: str | os.PathLike | None = None) -> list[Problem]:
    """Every problem in a ledger, errors and warnings, sorted by file and line."""
    return list(_read(ledger).problems)


def _sound(ledger: str | os.PathLike | None) -> _Ledger:
    read = _read(ledger)
    errors = [problem for problem in read.problems if problem.severity == "error"]
    if errors:
        raise LedgerError(errors)
    return read


def _frame(read: _Ledger, name: str) -> pd.DataFrame:
    table = read.tables[name]
    columns = [spec["name"] for spec in table.fields]
    frame = pd.DataFrame([row for _, row in table.rows], columns=columns, dtype="string")
    for spec in table.fields:
        column, kind, rules = spec["name"], spec.get("type", "string"), spec.get("constraints", {})
        blank = frame[column].isna() | (frame[column] == "")
        if kind == "number":
            frame[column] = pd.to_numeric(frame[column].mask(blank), errors="raise").astype("float64")
        elif kind == "integer":
            frame[column] = pd.to_numeric(frame[column].mask(blank), errors="raise").astype("Int64")
        elif "enum" in rules:
            frame[column] = pd.Categorical(frame[column].mask(blank), categories=rules["enum"])
        else:
            frame[column] = frame[column].mask(blank)
    key = [spec["name"] for spec in table.fields][0]
    return frame.sort_values(key, ignore_index=True)


def claims(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """One row per figure the article states, validated; value is numeric."""
    return _frame(_sound(ledger), "claims")


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
    """The seed article: its title and its exact text."""
    read = _sound(ledger)
    assert read.article is not None
    return read.article


def claims_with_sources(ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Claims joined with their claimant's name, role and side: the join every chart needs."""
    joined = claims(ledger).merge(
        sources(ledger).rename(columns={"name": "claimant_name", "role": "claimant_role"}),
        left_on="claimant",
        right_on="source_id",
        how="left",
        validate="many_to_one",
    )
    return joined.drop(columns="source_id").sort_values("claim_id", ignore_index=True)


def package(ledger: str | os.PathLike | None = None) -> dict:
    """The ledger's data package (datapackage.json) as a dict."""
    read = _sound(ledger)
    assert read.package is not None
    return read.package


def ledger_version(ledger: str | os.PathLike | None = None) -> str:
    """The data package version plus a short hash of every file, so a report says which data it shows."""
    read = _sound(ledger)
    digest = hashlib.sha256()
    for name in sorted(entry.name for entry in read.folder.iterdir() if entry.is_file()):
        digest.update(name.encode())
        digest.update((read.folder / name).read_bytes())
    return f"{read.package.get('version', '0')}+{digest.hexdigest()[:12]}"
