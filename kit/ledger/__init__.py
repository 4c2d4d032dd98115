"""Load and validate a ledger: the curated tables of one article's figures.

A ledger is a folder holding ``datapackage.json`` (a Frictionless Data
Package that describes every table and names the seed article), the CSV
tables it lists, and the article text. The data package is the single
source of truth for columns, types, enums, ranges and keys: the validator
reads its rules from there, so other tools that read Table Schema agree
with the kit.

Every problem is reported as ``PATH:LINE: COLUMN: message`` with LINE as
an editor shows it (the header is line 1; a line ends at CR LF, LF or a lone
CR). Nothing is dropped silently: a row that cannot be read is a problem,
never a skipped row, and a broken row does not hide the rows after it.
What spreadsheets do to these files, and how the kit answers each, is in
``kit/data/README.md``.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

import pandas as pd

from kit.figures import parse_written
from kit.paths import DEFAULT_LEDGER
from kit.paths import shown as _shown

PACKAGE_FILE = "datapackage.json"
TABLES = ("claims", "sources", "places", "nonfigures")

#: Fields the kit's own code reads, so a data package must declare them: name -> (type, required, unique).
KIT_FIELDS: dict[str, dict[str, tuple[str, bool, bool]]] = {
    "claims": {
        "claim_id": ("string", True, True),
        "value": ("number", True, False),
        "unit": ("string", True, False),
        "as_written": ("string", True, False),
        "claimant": ("string", True, False),
        "place_id": ("string", False, False),
        "quote": ("string", True, False),
    },
    "sources": {"source_id": ("string", True, True)},
    "places": {
        "place_id": ("string", True, True),
        "as_written": ("string", True, False),
        "latitude": ("number", False, False),
        "longitude": ("number", False, False),
        "precision": ("string", True, False),
    },
    "nonfigures": {"text": ("string", True, False)},
}
#: Columns whose cells are copied from the article and are checked against it, character for character.
ARTICLE_COLUMNS = {"claims": ("quote", "as_written"), "places": ("as_written",), "nonfigures": ("text",)}
FIELD_TYPES = ("string", "number", "integer")
SEED_FILE = "seed article file"
_HASH = re.compile(r"(sha256:[0-9a-fA-F]{64}|(md5:)?[0-9a-fA-F]{32})")

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_PLAIN_INTEGER = re.compile(r"-?[0-9]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")
_SEP_LINE = re.compile(r"\s*sep=.?\s*", re.IGNORECASE)
_INT64 = 2**63
#: Look-alike characters mapped one to one onto what a keyboard types, to explain a quote that differs.
_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_LOOKALIKE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_QUOTE_MARKS = frozenset("'\"\u2018\u2019\u201c\u201d")


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
    #: False when a row could not be read: references into the table are then not judged, to avoid false alarms.
    complete: bool = True


def ledger_dir(ledger: str | os.PathLike | None = None) -> Path:
    """The ledger folder to use: the one given, or the packaged ledger."""
    return DEFAULT_LEDGER if ledger is None else Path(ledger)


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except (OSError, ValueError):
        return False


def _lines_before(data: bytes, offset: int) -> int:
    """The editor line of a byte offset (line breaks: CR LF, LF, lone CR)."""
    return len(_LINE_BREAK_BYTES.findall(data[:offset])) + 1


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def _suspicious(cell: str) -> str | None:
    """The first character in a cell that no one types on purpose: controls, invisibles, encoding debris."""
    for char in cell:
        if char == "\ufffd":
            return "U+FFFD, the mark of a character lost in an encoding conversion; retype the character"
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            return f"an invisible character ({_char_name(char)}); delete it"
    return None


def _is_number(value: object) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _plain(cell: str) -> str | None:
    """A number in exponent notation written out plainly, when that is short enough to suggest."""
    try:
        number = Decimal(cell)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > 30:
        return None
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class _Checker:
    """Collects problems while reading one ledger, and remembers which bytes it read."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []
        self.read: dict[Path, str | None] = {}

    def add(self, path: Path, line: int, column: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(_shown(path), line, column, message, severity))

    def load(self, path: Path) -> bytes | None:
        """The bytes of a file (None when it is not a file), recorded so the cache knows what to recheck."""
        try:
            data = path.read_bytes() if path.is_file() else None
        except (OSError, ValueError):
            data = None
        self.read[path] = None if data is None else hashlib.sha256(data).hexdigest()
        return data

    # -- the data package -------------------------------------------------

    def read_package(self) -> dict | None:
        path = self.folder / PACKAGE_FILE
        if not self.folder.is_dir():
            self.add(self.folder, 1, "-", "ledger folder does not exist; give the folder that holds datapackage.json")
            return None
        data = self.load(path)
        if data is None:
            self.add(path, 1, "-", "file is missing; every ledger describes its tables in datapackage.json")
            return None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            self.add(
                path, _lines_before(data, error.start), "-", f"file is not UTF-8 ({error.reason}); save it as UTF-8"
            )
            return None
        try:
            package = json.loads(text, parse_constant=_reject_constant)
        except ValueError as error:
            line = getattr(error, "lineno", 1)
            message = f"not valid JSON: {error.msg} (column {error.colno})" if hasattr(error, "msg") else str(error)
            self.add(path, line, "-", f"{message}; fix the JSON syntax")
            return None
        except RecursionError:
            self.add(path, 1, "-", "not valid JSON: nested too deeply; fix the JSON syntax")
            return None
        return _PackageCheck(self, path, text).check(package)

    # -- text and CSV -----------------------------------------------------

    def read_text(self, path: Path, what: str) -> str | None:
        data = self.load(path)
        seed = what == SEED_FILE
        if data is None:
            fix = "; put the article there, byte for byte, as article.path names it" if seed else ""
            if _is_link(path):
                self.add(path, 1, "-", f"{what} is missing: it links to {os.readlink(path)}, which does not exist{fix}")
            else:
                self.add(path, 1, "-", f"{what} is missing{fix}")
            return None
        save = "restore the article as UTF-8, byte for byte" if seed else "save it as 'CSV UTF-8'"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            found = "file is UTF-16" if seed else "file is UTF-16 (a spreadsheet's 'Unicode text')"
            self.add(path, 1, "-", f"{found}; {save}")
            return None
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]  # a byte-order mark from a spreadsheet: accepted
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = data[error.start : error.start + 1].hex()
            fix = save if seed else "save the file as UTF-8 (the spreadsheet's 'CSV UTF-8' format)"
            self.add(path, _lines_before(data, error.start), "-", f"bytes that are not UTF-8 (0x{byte}); {fix}")
            return None
        if "\x00" in text:
            line = len(_LINE_BREAK.findall(text[: text.index("\x00")])) + 1
            self.add(path, line, "-", f"NUL bytes: the file is UTF-16 without a byte-order mark, or damaged; {save}")
            return None
        return text

    def check_hash(self, path: Path, expected: str, what: str) -> None:
        """A resource's Frictionless ``hash`` (sha256:HEX, md5:HEX or bare md5 HEX), checked when present."""
        data = self.load(path)
        if data is None:
            return
        kind, _, digest = expected.rpartition(":")
        if hashlib.new(kind or "md5", data).hexdigest() != digest.lower():
            fix = (
                "the seed is never edited: restore the original article"
                if what == SEED_FILE
                else f"if the change is meant, update the hash in {PACKAGE_FILE}"
            )
            self.add(path, 1, "-", f"file does not match its hash in {PACKAGE_FILE} ({expected}); {fix}")

    def read_table(self, path: Path, fields: list[dict]) -> _Table | None:
        table = _Table(path.stem, path, fields)
        text = self.read_text(path, "table file")
        if text is None:
            return None
        lines = _LINE_BREAK.split(text)
        if lines[-1] == "":
            lines.pop()  # the final line break
        if not text.strip():
            self.add(path, 1, "-", "file is empty; expected a header line")
            return None
        start = 0
        if _SEP_LINE.fullmatch(lines[0]):
            self.add(path, 1, "-", "Excel's 'sep=' line; delete this line so that the header is line 1")
            start = 1
            if len(lines) == 1:
                return None
        if not lines[start].strip():
            self.add(path, start + 1, "-", "blank line where the header belongs; the header is the first line")
            return None
        header = self.read_header(path, start + 1, lines[start], fields)
        if header is None:
            return None
        index = start + 1
        while index < len(lines):
            number, line = index + 1, lines[index]
            index += 1
            if line.strip() == "":
                self.add(path, number, "-", "blank line; remove it (every line is one row)")
                continue
            cells = self.split(path, number, line, report=False)
            if cells is None or len(cells) != len(header):
                table.complete = False
            if cells is None:
                end = _field_continues(lines, number - 1, len(header))
                if end is not None:
                    self.add(
                        path,
                        number,
                        "-",
                        f"a quoted field runs on to line {end}; every row must fit on one line: "
                        "replace the line breaks inside the field with spaces",
                    )
                    index = end
                else:
                    self.split(path, number, line, report=True)
                continue
            if all(cell.strip() == "" for cell in cells):
                self.add(path, number, "-", "empty row (only commas, as a spreadsheet writes a blank row); delete it")
                continue
            if len(cells) != len(header):
                self.add(path, number, "-", _field_count(cells, line, len(header)))
                continue
            row = {name: cell for name, cell in zip(header, cells, strict=True) if name is not None}
            table.rows.append((number, row))
        return table

    def split(self, path: Path, number: int, line: str, report: bool = True) -> list[str] | None:
        try:
            return next(csv.reader([line], strict=True))
        except csv.Error as error:
            if not report:
                return None
            if "end of data" in str(error):
                hint = (
                    "an unbalanced double quote, or a line break inside a field (every row must fit on one line); "
                    "close the quoted field on this line"
                )
            elif "expected after" in str(error):
                hint = 'a double quote inside a quoted field must be doubled ("")'
            else:
                hint = "fix the line so that it is comma-separated values"
            self.add(path, number, "-", f"malformed CSV: {error}; {hint}")
            return None

    def read_header(self, path: Path, number: int, line: str, fields: list[dict]) -> list[str | None] | None:
        cells = self.split(path, number, line)
        if cells is None:
            return None
        declared = [spec["name"] for spec in fields]
        if len(cells) == 1 and cells[0] not in declared:
            for delimiter, name in ((";", "semicolon"), ("\t", "tab")):
                if delimiter in cells[0]:
                    self.add(path, number, "-", f"header is {name}-delimited; export the file as comma-separated CSV")
                    return None
        header: list[str | None] = []
        seen: dict[str, int] = {}
        for position, label in enumerate(cells, start=1):
            cell = label if label.isprintable() and label == label.strip() else repr(label)
            name = "".join(char for char in label if unicodedata.category(char) != "Cf").strip().lower()
            name = re.sub(r"\s+", "_", name)
            if label.strip() == "":
                self.add(
                    path,
                    number,
                    f"column {position}",
                    "empty column name (a trailing comma or an empty column?); delete the column",
                )
                header.append(None)
            elif name in seen:
                self.add(path, number, cell, f"duplicate column name (also column {seen[name]}); keep one of them")
                header.append(None)
            elif label not in declared and name in declared:
                hidden = " (it has an invisible character)" if name != label.strip().lower().replace(" ", "_") else ""
                self.add(path, number, cell, f"column name must be written exactly {name!r}{hidden}")
                header.append(name)
                seen[name] = position
            elif label not in declared:
                self.add(
                    path,
                    number,
                    cell,
                    f"unknown column; declare it in {PACKAGE_FILE} or use one of: {', '.join(declared)}",
                )
                header.append(None)
            else:
                header.append(label)
                seen[label] = position
        for spec in fields:
            if spec["name"] in seen:
                continue
            if spec.get("constraints", {}).get("required"):
                self.add(path, number, spec["name"], "required column is missing")
            else:
                self.add(path, number, spec["name"], "column is missing; add it to the header (its cells may be empty)")
        present = [name for name in header if name is not None]
        expected = [name for name in declared if name in seen]
        if present != expected:
            moved = next(mine for mine, theirs in zip(present, expected, strict=True) if mine != theirs)
            self.add(
                path,
                number,
                moved,
                f"columns are not in the order {PACKAGE_FILE} declares ({', '.join(declared)}); "
                "move them back so other Table Schema tools read the file too",
            )
        return header

    # -- field rules from the Table Schema ---------------------------------

    def check_fields(self, table: _Table) -> None:
        from_article = ARTICLE_COLUMNS.get(table.name, ())
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
                odd = _suspicious(cell)
                if odd and name not in from_article:
                    self.add(table.path, number, name, f"{cell!r} contains {odd}")
                    continue
                if cell != cell.strip():
                    self.add(table.path, number, name, f"{cell!r} has leading or trailing spaces; delete them")
                    continue
                self.check_value(table.path, number, name, cell, spec.get("type", "string"), rules)
                if rules.get("unique"):
                    key = cell.lower()
                    if key in firsts:
                        first_line, first = firsts[key]
                        if first == cell:
                            message = f"duplicate {cell!r} (first on line {first_line})"
                        else:
                            message = (
                                f"{cell!r} differs only in case from {first!r} on line {first_line}; "
                                "use one spelling for one thing, or tell the two apart"
                            )
                        self.add(table.path, number, name, message)
                    else:
                        firsts[key] = (number, cell)

    def check_value(self, path: Path, number: int, name: str, cell: str, kind: str, rules: dict) -> None:
        if kind == "number":
            if not _PLAIN_NUMBER.fullmatch(cell):
                self.add(path, number, name, _not_a_number(cell))
                return
            if not math.isfinite(float(cell)):
                self.add(path, number, name, f"{cell[:20]!r}... is too large a number; check the value")
                return
        elif kind == "integer":
            if not _PLAIN_INTEGER.fullmatch(cell):
                self.add(path, number, name, f"{cell!r} is not a whole number; write digits only")
                return
            if abs(int(cell)) >= _INT64:
                self.add(path, number, name, f"{cell[:20]!r}... is too large a whole number; check the value")
                return
        if "enum" in rules and cell not in rules["enum"]:
            choices = ", ".join(rules["enum"])
            cased = [choice for choice in rules["enum"] if choice.lower() == cell.lower()]
            if cased:
                self.add(
                    path,
                    number,
                    name,
                    f"{cell!r} is not one of: {choices}; values are case-sensitive: write {cased[0]!r}",
                )
            else:
                self.add(path, number, name, f"{cell!r} is not one of: {choices}")
        if "pattern" in rules and not re.fullmatch(rules["pattern"], cell):
            message = f"{cell!r} is not a valid id: use lowercase letters, digits and hyphens"
            if _QUOTE_MARKS & set(cell):
                message += " (delete the quotation marks)"
            self.add(path, number, name, message)
        if kind in ("number", "integer"):
            value = float(cell)
            hint = " (are latitude and longitude swapped?)" if name in ("latitude", "longitude") else ""
            if "minimum" in rules and value < rules["minimum"]:
                self.add(path, number, name, f"{cell} is below the minimum {rules['minimum']}{hint}")
            if "maximum" in rules and value > rules["maximum"]:
                self.add(path, number, name, f"{cell} is above the maximum {rules['maximum']}{hint}")


def _reject_constant(name: str) -> None:
    raise ValueError(f"not valid JSON: {name} is not a JSON number")


def _field_continues(lines: list[str], index: int, width: int) -> int | None:
    """The editor line where a quoted field opened on lines[index] closes, if the joined lines make one row."""
    if lines[index].count('"') % 2 == 0:
        return None
    quotes = 0
    for end in range(index, min(len(lines), index + 50)):
        quotes += lines[end].count('"')
        if end > index and quotes % 2 == 0:
            try:
                cells = next(csv.reader(["\n".join(lines[index : end + 1])], strict=True))
            except csv.Error:
                return None
            return end + 1 if len(cells) == width else None
    return None


def _field_count(cells: list[str], line: str, width: int) -> str:
    """Say how a row's field count differs from the header's, and the likely cause."""
    count = f"row has {len(cells)} field{'s' if len(cells) != 1 else ''}, the header has {width}"
    if len(cells) == 1:
        for delimiter, name in ((";", "semicolon"), ("\t", "tab")):
            if delimiter in line:
                return f"{count} (is it {name}-delimited?); export the file as comma-separated CSV"
    if len(cells) > width and all(cell == "" for cell in cells[width:]):
        return f"{count}; the extra fields are empty: delete the trailing comma"
    if "\u201c" in line or "\u201d" in line:
        return f"{count}; curly quotes (\u201c \u201d) do not quote a field: use straight double quotes"
    if len(cells) < width:
        return f"{count}; a comma is missing, or a line break split the row"
    return count


def _not_a_number(cell: str) -> str:
    lowered = cell.strip().lower()
    if lowered in {"nan", "inf", "-inf", "+inf", "infinity", "-infinity"}:
        return f"{cell!r} is not a finite number; write the figure as a plain number"
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?e[+-]?[0-9]+", lowered):
        plain = _plain(lowered)
        return f"{cell!r} uses exponent notation; write the plain number" + (f" ({plain})" if plain else "")
    if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", cell):
        return f"{cell!r} has thousands separators; write the plain number ({cell.replace(',', '')})"
    if re.fullmatch(r"-?[0-9]+,[0-9]+", cell):
        return f"{cell!r} has a decimal comma; write a decimal point ({cell.replace(',', '.')})"
    meant = parse_written(cell)
    if meant is not None:
        plain = _plain(repr(meant)) or cell
        return f"{cell!r} is the figure as written; value holds the plain number ({plain})"
    return f"{cell!r} is not a plain number (digits, an optional minus sign and decimal point)"


class _PackageCheck:
    """Checks that datapackage.json says what the kit needs, in the types it needs, before any table is read."""

    def __init__(self, checker: _Checker, path: Path, text: str):
        self.checker, self.path, self.text = checker, path, text
        self.failed = False

    def line(self, *keys: str) -> int:
        """The line of the first JSON string among keys, in order, each found after the previous: best effort."""
        position = 0
        for key in keys:
            found = self.text.find(json.dumps(key, ensure_ascii=False), position)
            if found >= 0:
                position = found
        return self.text.count("\n", 0, position) + 1

    def fail(self, column: str, message: str, *keys: str) -> None:
        self.checker.add(self.path, self.line(*keys), column, message)
        self.failed = True

    def check(self, package: object) -> dict | None:
        if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
            self.fail("resources", "datapackage.json needs a list of resources", "resources")
            return None
        resources = [resource for resource in package["resources"] if isinstance(resource, dict)]
        names = [resource.get("name") for resource in resources]
        for name in TABLES:
            if name not in names:
                self.fail("resources", f"no resource named {name!r}; the kit reads {', '.join(TABLES)}", "resources")
            elif names.count(name) > 1:
                self.fail("resources", f"two resources are named {name!r}; keep one", "resources")
        table_paths = set()
        for resource in resources:
            if resource.get("name") in TABLES and names.count(resource["name"]) == 1:
                table_paths.add(self.resource(resource))
        self.units(package.get("units", {}), resources)
        for resource in resources:
            if resource.get("name") not in TABLES:
                self.hash(resource, "resources", "resources", str(resource.get("name")))
        article = package.get("article")
        if not isinstance(article, dict) or not article.get("path"):
            self.fail("article", "datapackage.json must name the seed article (article.path)", "article")
        else:
            path = self.relative(article["path"], "article", "article", "path")
            if path is not None and (path in table_paths or path == PACKAGE_FILE):
                self.fail("article", f"article.path {path!r} is a file of the ledger, not the article", "article")
            for key in ("title", "published"):
                if article.get(key) is not None and not isinstance(article[key], str):
                    self.fail("article", f"article.{key} must be text or null", "article", key)
        return None if self.failed else package

    def relative(self, path: object, column: str, *keys: str) -> str | None:
        """A path inside the ledger folder, as Frictionless allows: relative, no '..'."""
        if not isinstance(path, str) or not path.strip() or "\x00" in path or len(path) > 255:
            self.fail(column, "path must be a file name inside the ledger folder", *keys)
            return None
        parts = PurePosixPath(path.replace("\\", "/"))
        if parts.is_absolute() or ".." in parts.parts or re.match(r"^[A-Za-z]:", path):
            self.fail(column, f"path {path!r} must stay inside the ledger folder (no '..', not absolute)", *keys)
            return None
        return str(parts)

    def hash(self, resource: dict, column: str, *keys: str) -> None:
        value = resource.get("hash")
        if value is not None and not (isinstance(value, str) and _HASH.fullmatch(value)):
            self.fail(column, "hash must be 'sha256:' and 64 hex digits, or 'md5:' and 32", *keys, "hash")

    def resource(self, resource: dict) -> str | None:
        name = resource["name"]
        self.hash(resource, name, "resources", name)
        path = self.relative(resource.get("path"), name, "resources", name)
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields:
            self.fail(name, "schema.fields must be a non-empty list of fields", "resources", name)
            return path
        seen: set[str] = set()
        for spec in fields:
            if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"].strip():
                self.fail(name, "every field needs a name", "resources", name, "fields")
                continue
            self.field(name, spec, seen)
        for needed, (kind, required, unique) in KIT_FIELDS[name].items():
            spec = next((spec for spec in fields if isinstance(spec, dict) and spec.get("name") == needed), None)
            if spec is None:
                self.fail(f"{name}.{needed}", "the kit reads this field; declare it", "resources", name, "fields")
                continue
            rules = spec.get("constraints") if isinstance(spec.get("constraints"), dict) else {}
            if spec.get("type", "string") != kind:
                self.fail(f"{name}.{needed}", f"the kit needs type {kind!r}", "resources", name, needed)
            if required and rules.get("required") is not True:
                self.fail(f"{name}.{needed}", "the kit needs this field required", "resources", name, needed)
            if unique and rules.get("unique") is not True:
                self.fail(f"{name}.{needed}", "the kit needs this field unique", "resources", name, needed)
        return path

    def field(self, table: str, spec: dict, seen: set[str]) -> None:
        name = spec["name"]
        column, keys = f"{table}.{name}", ("resources", table, name)
        if name in seen:
            self.fail(column, "field declared twice; keep one", *keys)
        seen.add(name)
        if spec.get("type", "string") not in FIELD_TYPES:
            self.fail(column, f"type {spec.get('type')!r} is not one the kit reads: {', '.join(FIELD_TYPES)}", *keys)
        rules = spec.get("constraints", {})
        if not isinstance(rules, dict):
            self.fail(column, "constraints must be an object", *keys)
            return
        for key in ("required", "unique"):
            if key in rules and not isinstance(rules[key], bool):
                self.fail(column, f"constraints.{key} must be true or false", *keys)
        enum = rules.get("enum")
        if "enum" in rules and (
            not isinstance(enum, list) or not all(isinstance(item, str) for item in enum) or len(set(enum)) < len(enum)
        ):
            self.fail(column, "constraints.enum must be a list of distinct texts", *keys)
        if "pattern" in rules:
            try:
                re.compile(rules["pattern"])
            except (re.error, TypeError) as error:
                self.fail(column, f"constraints.pattern is not a regular expression ({error})", *keys)
        for key in ("minimum", "maximum"):
            if key in rules and not _is_number(rules[key]):
                self.fail(column, f"constraints.{key} must be a finite number", *keys)

    def units(self, units: object, resources: list[dict]) -> None:
        if not isinstance(units, dict):
            self.fail("units", "units must map each unit to its rules", "units")
            return
        for unit, rule in units.items():
            if not isinstance(rule, dict):
                self.fail("units", f"unit {unit!r} needs an object of rules", "units", unit)
                continue
            if "whole" in rule and not isinstance(rule["whole"], bool):
                self.fail("units", f"units.{unit}.whole must be true or false", "units", unit)
            for key in ("minimum", "maximum"):
                if key in rule and not _is_number(rule[key]):
                    self.fail("units", f"units.{unit}.{key} must be a finite number", "units", unit)
        claims = next((resource for resource in resources if resource.get("name") == "claims"), {})
        schema = claims.get("schema") if isinstance(claims.get("schema"), dict) else {}
        for spec in schema.get("fields", []) if isinstance(schema.get("fields"), list) else []:
            if isinstance(spec, dict) and spec.get("name") == "unit" and isinstance(spec.get("constraints"), dict):
                enum = spec["constraints"].get("enum")
                for unit in enum if isinstance(enum, list) else []:
                    if isinstance(unit, str) and unit not in units:
                        self.fail("units", f"unit {unit!r} has no rules under 'units'; add them", "units")


def _locate_mismatch(quote: str, text: str) -> str:
    """Explain how a quote that is not in the article differs from it."""
    try:
        repaired = quote.encode("cp1252").decode("utf-8")
    except UnicodeError:
        repaired = quote
    if repaired != quote and repaired in text:
        return (
            f"quote is not verbatim in the article: it reads {quote!r} where the article has {repaired!r}; "
            "the file was opened as Windows-1252 and saved again: copy the quote from the article"
        )
    for table in (_CURLY, _LOOKALIKE):
        if quote.translate(table) in text.translate(table):
            start = text.translate(table).index(quote.translate(table))
            original = text[start : start + len(quote)]
            for mine, theirs in zip(quote, original, strict=True):
                if mine == theirs:
                    continue
                if mine in _QUOTE_MARKS and theirs in _QUOTE_MARKS:
                    return (
                        f"quote is not verbatim in the article: it has {mine!r} where the article has {theirs!r} "
                        "(straight and curly quotation marks and apostrophes differ; copy them from the article)"
                    )
                return (
                    f"quote is not verbatim in the article: it has {mine!r} ({_char_name(mine)}) where the article "
                    f"has {theirs!r} ({_char_name(theirs)}); copy the quote from the article"
                )
    longest = 0
    for size in range(1, len(quote) + 1):
        if quote[:size] in text:
            longest = size
        else:
            break
    if longest == 0:
        return "quote is not in the article; copy it from the article, verbatim"
    tail = next((size for size in range(len(quote) - 1, 0, -1) if quote[-size:] in text), 0)
    if longest < 4 and tail >= 4:
        return (
            f"quote is not verbatim in the article: it starts differently ({quote[: len(quote) - tail][-20:]!r}) "
            f"and matches only from {quote[-tail:][:20]!r} on; copy the quote from the article"
        )
    return (
        f"quote is not verbatim in the article: it matches as far as {quote[max(0, longest - 20) : longest]!r} "
        f"and then differs at {quote[longest : longest + 20]!r}"
    )


def _dangling(cell: str, known: set[str], column: str, table: str) -> str:
    message = f"{cell!r} is not a {column} in {table}"
    cased = sorted(key for key in known if isinstance(key, str) and key.lower() == cell.lower())
    if cased:
        message += f"; ids are case-sensitive: write {cased[0]!r}"
    return message


def _check_cross(checker: _Checker, tables: dict[str, _Table], article: str | None, units: dict) -> None:
    """Rules that span tables or need the article: keys, unit ranges, quotes."""
    claims, sources, places = tables.get("claims"), tables.get("sources"), tables.get("places")
    source_ids = {row.get("source_id") for _, row in sources.rows} if sources and sources.complete else None
    place_ids = {row.get("place_id") for _, row in places.rows} if places and places.complete else None
    used_sources: set[str] = set()
    if claims:
        for number, row in claims.rows:
            claimant = row.get("claimant", "")
            used_sources.add(claimant.strip())
            if claimant.strip() == claimant != "" and source_ids is not None and claimant not in source_ids:
                checker.add(
                    claims.path, number, "claimant", _dangling(claimant, source_ids, "source_id", "sources.csv")
                )
            place = row.get("place_id", "")
            if place.strip() == place != "" and place_ids is not None and place not in place_ids:
                checker.add(claims.path, number, "place_id", _dangling(place, place_ids, "place_id", "places.csv"))
            _check_claim_value(checker, claims.path, number, row, units)
            if article is not None:
                _check_quote(checker, claims.path, number, row, article)
    if sources and claims and claims.complete:
        for number, row in sources.rows:
            if row.get("source_id") and row["source_id"] not in used_sources:
                checker.add(
                    sources.path,
                    number,
                    "source_id",
                    f"{row['source_id']!r} is not used by any claim; delete the source or add the claim it states",
                    "warning",
                )
    if places:
        for number, row in places.rows:
            has_point = bool(row.get("latitude")) and bool(row.get("longitude"))
            if bool(row.get("latitude")) != bool(row.get("longitude")):
                checker.add(
                    places.path, number, "longitude", "latitude and longitude go together: give both or neither"
                )
            elif row.get("precision") == "unlocated" and has_point:
                checker.add(
                    places.path,
                    number,
                    "precision",
                    "'unlocated' place must have no coordinates; empty latitude and longitude, or set the precision",
                )
            elif row.get("precision") not in ("unlocated", None, "") and not has_point:
                checker.add(
                    places.path,
                    number,
                    "latitude",
                    f"a place of precision {row['precision']!r} needs coordinates; add them, or make it 'unlocated'",
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
    if not _PLAIN_NUMBER.fullmatch(cell) or unit not in units or not math.isfinite(float(cell)):
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
            checker.add(
                path,
                number,
                "as_written",
                f"{written!r} is not a figure the kit can read; write only the figure, as the quote prints it "
                "(like '1,500', '$2 billion', '45%', 'three')",
            )
        elif _PLAIN_NUMBER.fullmatch(cell) and not math.isclose(meant, float(cell)):
            checker.add(
                path,
                number,
                "value",
                f"{cell} does not match the figure as written ({written!r} means {_plain(repr(meant)) or meant})",
            )
    deadline = row.get("deadline", "")
    if deadline and deadline.strip() == deadline and deadline not in article:
        looks_like_date = re.search(r"\d[-/.]|[-/.]\d|^\d{4}-", deadline) is not None
        checker.add(
            path,
            number,
            "deadline",
            f"{deadline!r} is not in the article; write the deadline as the article does"
            + (" (a spreadsheet may have turned it into a date)" if looks_like_date else ""),
        )


@dataclass
class _Ledger:
    folder: Path
    package: dict | None
    tables: dict[str, _Table]
    article: Article | None
    problems: list[Problem]


#: (folder, working folder) -> (digest of every file read, or None for a file that was missing; the result).
_CACHE: dict[tuple[str, str], tuple[dict[Path, str | None], _Ledger]] = {}


def _unchanged(read: dict[Path, str | None]) -> bool:
    """True when every file the cached result was built from still has the same bytes (or is still missing)."""
    for path, digest in read.items():
        try:
            now = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        except (OSError, ValueError):
            now = None
        if now != digest:
            return False
    return True


def _read(ledger: str | os.PathLike | None) -> _Ledger:
    folder = ledger_dir(ledger)
    key = (str(folder.resolve()), os.getcwd())
    cached = _CACHE.get(key)
    if cached is not None and folder.is_dir() and _unchanged(cached[0]):
        return cached[1]
    checker = _Checker(folder)
    package = checker.read_package()
    tables: dict[str, _Table] = {}
    article: Article | None = None
    if package is not None:
        meta = package["article"]
        article_path = folder / meta["path"]
        text = checker.read_text(article_path, SEED_FILE)
        if text is not None and text.strip() == "":
            checker.add(article_path, 1, "-", "seed article file is empty; restore the article text, byte for byte")
            text = None
        if text is not None:
            title = meta.get("title") or text.strip().splitlines()[0]
            article = Article(title=title, text=text, path=article_path, published=meta.get("published"))
        for resource in package["resources"]:
            if isinstance(resource, dict) and isinstance(resource.get("hash"), str):
                if resource.get("path") == meta["path"]:
                    if article is not None:  # an unreadable seed is already reported; its hash adds nothing
                        checker.check_hash(article_path, resource["hash"], SEED_FILE)
                elif resource.get("name") in TABLES:
                    checker.check_hash(folder / resource["path"], resource["hash"], "table file")
            if not isinstance(resource, dict) or resource.get("name") not in TABLES:
                continue
            fields = resource["schema"]["fields"]
            table = checker.read_table(folder / resource["path"], fields)
            if table is not None:
                table.name = resource["name"]
                checker.check_fields(table)
                tables[resource["name"]] = table
        _check_cross(checker, tables, article.text if article else None, package.get("units", {}))
    problems = sorted(set(checker.problems), key=lambda p: (p.path, p.line, p.column, p.message))
    result = _Ledger(folder, package, tables, article, problems)
    if folder.is_dir():
        _CACHE[key] = (checker.read, result)
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
    """The ledger's data package (datapackage.json) as a dict; a copy, so a caller cannot change the cached one."""
    read = _sound(ledger)
    assert read.package is not None
    return copy.deepcopy(read.package)


def ledger_version(ledger: str | os.PathLike | None = None) -> str:
    """The data package version plus a short hash of the data, so a report says which data it shows.

    Only what the data package lists (tables, seed) and the package itself count: editing the
    folder's documentation does not change the version.
    """
    read = _sound(ledger)
    digest = hashlib.sha256()
    names = {PACKAGE_FILE} | {
        resource["path"] for resource in read.package.get("resources", []) if isinstance(resource, dict)
    }
    for name in sorted(names):
        digest.update(name.encode())
        digest.update((read.folder / name).read_bytes())
    return f"{read.package.get('version', '0')}+{digest.hexdigest()[:12]}"
