"""Table Schema ``pattern`` constraints, matched in time linear in the value, so no ledger can stall a check.

Python's ``re`` backtracks: ``(a+)+$`` against forty a's and a '!' runs for many minutes, and a ledger's
``datapackage.json`` is input like any other. RE2 never backtracks (time grows with the value, whatever the
pattern); it refuses what would need backtracking, look-around and back-references, which the XML Schema
patterns Table Schema speaks of do not have either.
"""

from __future__ import annotations

import functools
import re

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print each refused pattern to stderr; the kit reports it as a problem
#: The id pattern the packages use, named in words in messages and the data README.
SLUG = "[a-z0-9]+(-[a-z0-9]+)*"
#: How much of a value, a pattern or an error a message repeats.
_SHOWN = 80


def shorten(text: str) -> str:
    """A value as a message quotes it, cut with "..." so a huge cell cannot flood the terminal."""
    return repr(text) if len(text) <= _SHOWN else repr(text[:_SHOWN]) + "..."


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> object:
    return re2.compile(pattern, options=_OPTIONS)


def pattern_error(pattern: object) -> str | None:
    """Why a ``constraints.pattern`` cannot be checked (None when it can), in words a curator can act on."""
    if not isinstance(pattern, str):
        return "constraints.pattern must be a text"
    return _error_of(pattern)


@functools.lru_cache(maxsize=256)
def _error_of(pattern: str) -> str | None:
    """``pattern_error`` of a text, worked out once: the schema check asks again for every cell of the column."""
    try:
        re.compile(pattern)  # only compiled, never run: its message names the position of a typo
    except re.error as error:
        return f"constraints.pattern is not a regular expression ({_cut(str(error))})"
    try:
        _compiled(pattern)
    except re2.error as error:
        raw = error.args[0] if error.args else b""
        reason = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return (
            f"constraints.pattern needs a backtracking engine ({_cut(reason)}), which a hostile value can stall; "
            "write it without look-around or back-references"
        )
    return None


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def full_match(pattern: str, cell: str) -> bool:
    """Whether the whole cell matches; the pattern was checked by ``pattern_error`` when the package was read."""
    # as UTF-8 bytes, which is what RE2 matches a text as: the wrapper then maps no byte offsets back to characters
    return _compiled(pattern).fullmatch(cell.encode("utf-8")) is not None
