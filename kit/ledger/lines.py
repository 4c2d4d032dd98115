"""From a file's bytes to rows of cells, each with the line an editor shows for it.

The kit reads a table line by line rather than handing the whole file to a CSV parser, so that a broken
line is one problem on that line and never swallows or hides the rows after it. What spreadsheets do to
files (byte-order marks, UTF-16, Windows-1252, ``sep=`` lines, semicolons, line breaks inside cells) is
recognised and named here, with the fix; the list is in ``kit/data/README.md``.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kit.ledger import folder as closed
from kit.ledger.datapackage import PACKAGE_FILE
from kit.ledger.problems import Checker, lines_before

#: The ``what`` of read_text for the seed article, whose messages differ: it is restored, never re-saved.
SEED_FILE = "seed article file"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEP_LINE = re.compile(r"\s*sep=.?\s*", re.IGNORECASE)
_DELIMITERS = ((";", "semicolon"), ("\t", "tab"))


@dataclass
class Table:
    """The rows of one table that could be read, each with its editor line, keyed by declared column."""

    name: str
    path: Path
    fields: list[dict]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    #: False when a row could not be read: references into the table are then not judged, to avoid false alarms.
    complete: bool = True


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except (OSError, ValueError):
        return False


def read_text(checker: Checker, path: Path, what: str) -> str | None:
    """A file's text when it is UTF-8 (a byte-order mark accepted); otherwise None, with what went wrong."""
    seed = what == SEED_FILE
    if closed.refuse(checker, path, what):
        return None
    data = checker.load(path)
    if data is None:
        fix = "; put the article there, byte for byte, as article.path names it" if seed else ""
        if _is_link(path):
            checker.add(path, 1, "-", f"{what} is missing: it links to {os.readlink(path)}, which does not exist{fix}")
        else:
            checker.add(path, 1, "-", f"{what} is missing{fix}")
        return None
    save = "restore the article as UTF-8, byte for byte" if seed else "save it as 'CSV UTF-8'"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        found = "file is UTF-16" if seed else "file is UTF-16 (a spreadsheet's 'Unicode text')"
        checker.add(path, 1, "-", f"{found}; {save}")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark from a spreadsheet: accepted
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex()
        fix = save if seed else "save the file as UTF-8 (the spreadsheet's 'CSV UTF-8' format)"
        checker.add(path, lines_before(data, error.start), "-", f"bytes that are not UTF-8 (0x{byte}); {fix}")
        return None
    if "\x00" in text:
        line = len(_LINE_BREAK.findall(text[: text.index("\x00")])) + 1
        checker.add(path, line, "-", f"NUL bytes: the file is UTF-16 without a byte-order mark, or damaged; {save}")
        return None
    return text


def read_table(checker: Checker, name: str, path: Path, fields: list[dict]) -> Table | None:
    """The rows of a CSV table with their editor lines; None when not even the header can be read.

    Every line that is not a row of the declared columns is a problem on that line, and reading goes on.
    """
    table = Table(name, path, fields)
    text = read_text(checker, path, "table file")
    if text is None:
        return None
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()  # the final line break
    if not text.strip():
        checker.add(path, 1, "-", "file is empty; expected a header line")
        return None
    start = 0
    if _SEP_LINE.fullmatch(lines[0]):
        checker.add(path, 1, "-", "Excel's 'sep=' line; delete this line so that the header is line 1")
        start = 1
        if len(lines) == 1:
            return None
    if not lines[start].strip():
        checker.add(path, start + 1, "-", "blank line where the header belongs; the header is the first line")
        return None
    header = read_header(checker, path, start + 1, lines[start], fields)
    if header is None:
        return None
    index = start + 1
    while index < len(lines):
        number, line = index + 1, lines[index]
        index += 1
        if line.strip() == "":
            checker.add(path, number, "-", "blank line; remove it (every line is one row)")
            continue
        cells = split(checker, path, number, line, report=False)
        if cells is None or len(cells) != len(header):
            table.complete = False
        if cells is None:
            end = _field_continues(lines, number - 1, len(header))
            if end is not None:
                checker.add(
                    path,
                    number,
                    "-",
                    f"a quoted field runs on to line {end}; every row must fit on one line: "
                    "replace the line breaks inside the field with spaces",
                )
                index = end
            else:
                split(checker, path, number, line, report=True)
            continue
        if all(cell.strip() == "" for cell in cells):
            checker.add(path, number, "-", "empty row (only commas, as a spreadsheet writes a blank row); delete it")
            continue
        if len(cells) != len(header):
            checker.add(path, number, "-", _field_count(cells, line, len(header)))
            continue
        row = {name: cell for name, cell in zip(header, cells, strict=True) if name is not None}
        table.rows.append((number, row))
    return table


def split(checker: Checker, path: Path, number: int, line: str, report: bool = True) -> list[str] | None:
    """The cells of one CSV line; None (reported, when asked) when it is not valid CSV on its own."""
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
        checker.add(path, number, "-", f"malformed CSV: {error}; {hint}")
        return None


def read_header(checker: Checker, path: Path, number: int, line: str, fields: list[dict]) -> list[str | None] | None:
    """The declared column of each header cell (None for a cell that names none), every mismatch reported.

    The header must hold every declared column in the declared order, so that other Table Schema tools
    read the file as the kit does; a column name spelt with other case or spacing is named exactly.
    """
    cells = split(checker, path, number, line)
    if cells is None:
        return None
    declared = [spec["name"] for spec in fields]
    if len(cells) == 1 and cells[0] not in declared:
        for delimiter, name in _DELIMITERS:
            if delimiter in cells[0]:
                checker.add(path, number, "-", f"header is {name}-delimited; export the file as comma-separated CSV")
                return None
    header: list[str | None] = []
    seen: dict[str, int] = {}
    for position, label in enumerate(cells, start=1):
        cell = label if label.isprintable() and label == label.strip() else repr(label)
        name = _column_name(label)
        if label.strip() == "":
            message = "empty column name (a trailing comma or an empty column?); delete the column"
            checker.add(path, number, f"column {position}", message)
            header.append(None)
        elif name in seen:
            checker.add(path, number, cell, f"duplicate column name (also column {seen[name]}); keep one of them")
            header.append(None)
        elif label not in declared and name in declared:
            hidden = " (it has an invisible character)" if name != label.strip().lower().replace(" ", "_") else ""
            checker.add(path, number, cell, f"column name must be written exactly {name!r}{hidden}")
            header.append(name)
            seen[name] = position
        elif label not in declared:
            message = f"unknown column; declare it in {PACKAGE_FILE} or use one of: {', '.join(declared)}"
            checker.add(path, number, cell, message)
            header.append(None)
        else:
            header.append(label)
            seen[label] = position
    for spec in fields:
        if spec["name"] in seen:
            continue
        if spec.get("constraints", {}).get("required"):
            checker.add(path, number, spec["name"], "required column is missing")
        else:
            checker.add(path, number, spec["name"], "column is missing; add it to the header (its cells may be empty)")
    present = [name for name in header if name is not None]
    expected = [name for name in declared if name in seen]
    if present != expected:
        moved = next(mine for mine, theirs in zip(present, expected, strict=True) if mine != theirs)
        checker.add(
            path,
            number,
            moved,
            f"columns are not in the order {PACKAGE_FILE} declares ({', '.join(declared)}); "
            "move them back so other Table Schema tools read the file too",
        )
    return header


def _column_name(label: str) -> str:
    """The column a header cell names: invisible format characters dropped (ASCII has none, so an ASCII cell is
    not looked at character by character), trimmed, lowercase, each run of spaces as '_'."""
    kept = label if label.isascii() else "".join(char for char in label if unicodedata.category(char) != "Cf")
    return re.sub(r"\s+", "_", kept.strip().lower())


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
        for delimiter, name in _DELIMITERS:
            if delimiter in line:
                return f"{count} (is it {name}-delimited?); export the file as comma-separated CSV"
    if len(cells) > width and all(cell == "" for cell in cells[width:]):
        quoted = "a text cell that holds a comma goes in double quotes"
        return f"{count}; the extra fields are empty: delete the trailing comma ({quoted})"
    if "\u201c" in line or "\u201d" in line:
        return f"{count}; curly quotes (\u201c \u201d) do not quote a field: use straight double quotes"
    if len(cells) < width:
        return f"{count}; a comma is missing, or a line break split the row"
    separator = "a number is written without a thousands separator"
    return f"{count}; a text cell that holds a comma goes in double quotes, and {separator}"
