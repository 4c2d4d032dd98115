"""One colour per side for a whole story, fixed before anything is drawn.

A side is coloured by its place in the story's side order, not in one page's: every page of every article of
a story, and the tracker over it, gives a side the same colour. The story of a ledger is the corpus it sits in
(a folder with a ``catalog.json``, as ``python -m kit catalog`` writes it), or the ledger alone. Its sides are
each ledger's sides (kit.analysis.side_order: the data package's order, then alphabetically), taken ledger by
ledger from the earliest published, so a side first met in a later article never takes an earlier side's
colour.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from kit import analysis
from kit import ledger as _ledger
from kit.ledger import folder as closed
from kit.paths import DEFAULT_LEDGER
from kit.report import style

#: The file that marks a folder of ledger folders as one story (kit.ledger.catalog).
CATALOG = "catalog.json"


def story_folders(ledgers: Iterable[str | os.PathLike | None]) -> list[Path]:
    """Every ledger of the story these ledgers belong to: each one's corpus when it sits in one, else itself."""
    found: dict[Path, None] = {}
    for ledger in ledgers:
        folder = Path(ledger).resolve() if ledger is not None else DEFAULT_LEDGER.resolve()
        parent = folder.parent
        if (parent / CATALOG).is_file():  # the siblings inside the corpus; one linked out of it is not one
            siblings = (p for p in parent.iterdir() if (p / _ledger.PACKAGE_FILE).is_file())
            found.update(dict.fromkeys(sorted(p for p in siblings if closed.escape(parent, p, "corpus") is None)))
        found[folder] = None
    return list(found)


#: What a page has already read of a ledger, by its resolved folder: its article's publication date and its sides
#: in their stable order (so the story's order is made without reading that ledger again).
Known = Mapping[Path, tuple[object, list[str]]]


def _published_order(folder: Path, known: Known) -> tuple[bool, str, str]:
    try:
        published = known[folder][0] if folder in known else _ledger.article(folder).published
    except Exception:  # a broken sibling: last, and it gives no side
        return (True, "", folder.name)
    return (published is not None, published.isoformat() if published is not None else "", folder.name)


def story_sides(ledgers: Iterable[str | os.PathLike | None], known: Known | None = None) -> list[str]:
    """The story's sides in one order: ledger by ledger (undated first, then by date, then by folder name), each
    ledger's sides in its own stable order; ``known``, what the caller has read of some of them already."""
    known = known or {}
    sides: dict[str, None] = {}
    for folder in sorted(story_folders(ledgers), key=lambda folder: _published_order(folder, known)):
        try:
            sides.update(dict.fromkeys(known[folder][1] if folder in known else analysis.side_order(folder)))
        except Exception:  # a sibling that does not validate has its own report saying so
            continue
    return list(sides)


def story_colours(ledgers: Iterable[str | os.PathLike | None], known: Known | None = None) -> dict[str, str]:
    """Each side of the story with its colour, the same on every page that reads any of its ledgers (``known``: as
    :func:`story_sides`)."""
    return style.side_colours(story_sides(ledgers, known))


def page_colours(ledger: str | os.PathLike | None, sides: list[str]) -> dict[str, str]:
    """:func:`story_colours` for a page that has read its ledger's sides (``sides``, in their stable order): a ledger
    alone is its own story, and its sides are not read again; a ledger of a corpus takes the corpus's colours."""
    return style.side_colours(sides) if len(story_folders([ledger])) == 1 else story_colours([ledger])
