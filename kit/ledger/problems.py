"""What is wrong with a ledger, located as an editor shows it, and the collector every check reports to.

LINE is the line an editor shows: the header is line 1, and a line ends at CR LF, LF or a lone CR, so a
curator can jump straight to it whatever the spreadsheet did to the line endings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kit.ledger import store
from kit.ledger.text import bounded
from kit.paths import shown as _shown

_LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")


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


def lines_before(data: bytes, offset: int) -> int:
    """The editor line of a byte offset, so an encoding error points where the curator must look."""
    return len(_LINE_BREAK_BYTES.findall(data[:offset])) + 1


class Checker:
    """Collects problems while reading one ledger, and remembers which bytes it read.

    The digests of what was read let the loader's cache tell, by content rather than by time stamp,
    whether a cached verdict still holds.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []
        self.read: dict[Path, str | None] = {}

    def add(self, path: Path, line: int, column: str, message: str, severity: str = "error") -> None:
        """Record one problem; the path is shown as the user would type it from where they stand."""
        self.problems.append(Problem(_shown(path), line, bounded(column), bounded(message), severity))

    def load(self, path: Path) -> bytes | None:
        """The bytes of a file (None when it is not a file), recorded so the cache knows what to recheck."""
        before = store.status(path)  # taken before the bytes are read, so an edit while reading is seen later
        try:
            data = path.read_bytes() if path.is_file() else None
        except (OSError, ValueError):
            data = None
        self.read[path] = store.record(path, before, data)
        return data

    def sorted_problems(self) -> list[Problem]:
        """Every problem once, by file and line, so output reads top to bottom like the files."""
        return sorted(set(self.problems), key=lambda p: (p.path, p.line, p.column, p.message))
