"""Reading one cell: what counts as a plain number, and how to say what a cell holds instead.

Messages name what the curator sees (a thousands separator, exponent notation, an invisible character by
its Unicode name) and the fix, because a spreadsheet changes cells silently and "invalid value" helps no one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from kit.figures import parse_written
from kit.ledger.text import invisible

PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
PLAIN_INTEGER = re.compile(r"-?[0-9]+")
#: Straight and curly quotation marks and apostrophes: autocorrect swaps them, and they look alike.
QUOTE_MARKS = frozenset("'\"\u2018\u2019\u201c\u201d")


def char_name(char: str) -> str:
    """A character as ``U+00A0 NO-BREAK SPACE``: the only way to tell look-alike characters apart in a message."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def suspicious(cell: str) -> str | None:
    """The first character in a cell that no one types on purpose: controls, invisibles, encoding debris."""
    found = invisible(cell)
    return found[1] if found else None


def is_number(value: object) -> bool:
    """True for a finite JSON number (not a boolean), the only kind a range in the data package may use."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def plain(cell: str) -> str | None:
    """A number in exponent notation written out plainly, when that is short enough to suggest."""
    try:
        number = Decimal(cell)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > 30:
        return None
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def not_a_number(cell: str) -> str:
    """Why a cell is not a plain number, naming the spreadsheet habit behind it and the number to write."""
    lowered = cell.strip().lower()
    if lowered in {"nan", "inf", "-inf", "+inf", "infinity", "-infinity"}:
        return f"{cell!r} is not a finite number; write the figure as a plain number"
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?e[+-]?[0-9]+", lowered):
        written = plain(lowered)
        return f"{cell!r} uses exponent notation; write the plain number" + (f" ({written})" if written else "")
    if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", cell):
        return f"{cell!r} has thousands separators; write the plain number ({cell.replace(',', '')})"
    if re.fullmatch(r"-?[0-9]+,[0-9]+", cell):
        return f"{cell!r} has a decimal comma; write a decimal point ({cell.replace(',', '.')})"
    meant = parse_written(cell)
    if meant is not None:
        return f"{cell!r} is the figure as written; value holds the plain number ({plain(repr(meant)) or cell})"
    return f"{cell!r} is not a plain number (digits, an optional minus sign and decimal point)"
