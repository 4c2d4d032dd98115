"""Text from a ledger, checked for characters no one types on purpose, and made safe to print.

One rule for every text the kit reads (table cells, ``datapackage.json`` strings, the article): controls,
invisible format characters and encoding debris are named, because they hide a different text behind the
one a reader sees (U+202E turns "lanretni" into "internal"; an escape code rewrites the terminal). Two
format characters are part of real writing and allowed where writing puts them: the zero-width joiner
(U+200D) inside an emoji sequence (a family, a flag, a skin tone), and the zero-width non-joiner (U+200C)
between two letters of a script that joins them (Persian "می‌خواهم", Arabic, the Indic scripts).

Messages and terminal output are bounded and escaped here too, so a hostile value can neither flood a
terminal nor drive it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

ZWJ, ZWNJ = "\u200d", "\u200c"
#: The controls a text file's layout uses: allowed in the article, which has lines and may have tabs.
LAYOUT = frozenset("\n\r\t")
#: A run this long of characters without a space, inside a message, is a value echoed back: it is cut.
LONGEST_RUN = 100
#: No message is longer than this; the end is cut with "...".
LONGEST_MESSAGE = 1000
#: How many texts of one file with invisible characters are named one by one; the rest are counted.
MAX_TEXT_PROBLEMS = 20
_LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN + 1},}}")


def _emoji(char: str) -> bool:
    """A character an emoji sequence joins: a pictograph, a skin-tone modifier or the variation selector."""
    return unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff"


def _joined_letter(char: str) -> bool:
    """A letter or mark of a script other than Latin: where a non-joiner keeps two letters apart."""
    return ord(char) > 0x24F and unicodedata.category(char)[0] in ("L", "M")


def _allowed_joiner(text: str, index: int) -> bool:
    """True when the joiner at text[index] sits where real writing puts it (see the module docstring)."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if not before or not after:
        return False
    if text[index] == ZWJ:
        return _emoji(before) and _emoji(after)
    return _joined_letter(before) and _joined_letter(after)


def invisible(text: str, allow: frozenset[str] = frozenset()) -> tuple[int, str] | None:
    """The position and description of the first character no one types on purpose, or None.

    ``allow`` names controls the text may hold (LAYOUT for a whole file).
    """
    probe = text.translate(dict.fromkeys(map(ord, allow))) if allow else text
    if probe.isprintable() and "\ufffd" not in probe:  # no Cc, Cf, Zl or Zp: what nearly every text is
        return None
    for index, char in enumerate(text):
        if char == "\ufffd":
            return index, "U+FFFD, the mark of a character lost in an encoding conversion; retype the character"
        if char in allow:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            if char in (ZWJ, ZWNJ) and _allowed_joiner(text, index):
                continue
            name = unicodedata.name(char, "control character")
            return index, f"an invisible character (U+{ord(char):04X} {name}); delete it"
    return None


def for_terminal(text: str) -> str:
    """Text safe to print: controls and invisible format characters (joiners aside) written as escapes."""
    out = []
    for index, char in enumerate(text):
        hidden = unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") and char not in "\n\t"
        if hidden and not (char in (ZWJ, ZWNJ) and _allowed_joiner(text, index)):
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def clip(value: str, limit: int = 40) -> str:
    """A value as a message may show it: at most ``limit`` characters, the rest cut with '...'."""
    return value if len(value) <= limit else value[:limit] + "..."


def bounded(message: str) -> str:
    """A message of bounded size on one line: each character that would break its line (a control, a line break,
    held in an echoed key or value) written as its escape ("\\r"), each long run without spaces cut, and the whole
    capped."""
    message = "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in message)
    message = _LONG_RUN.sub(lambda match: clip(match.group(), 40), message)
    return clip(message, LONGEST_MESSAGE)


def json_texts(value: object, where: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every text in a JSON value, keys included, each with the keys that lead to it (a list item by its name)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield (*where, key), key
            yield from json_texts(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            name = item.get("name") if isinstance(item, dict) else None
            yield from json_texts(item, (*where, name if isinstance(name, str) else str(index)))
