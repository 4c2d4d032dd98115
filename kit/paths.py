"""Where things are, and how paths appear in messages: the one place every layer asks."""

from __future__ import annotations

import os
from pathlib import Path

#: The kit's own folder; ``data/`` below it is the packaged ledger.
KIT_DIR = Path(__file__).resolve().parent
#: The ledger used when none is given: the packaged one.
DEFAULT_LEDGER = KIT_DIR / "data"


def shown(path: str | os.PathLike) -> str:
    """A path as messages show it: relative to the working folder when inside it, links not followed.

    A user reads and retypes what a message prints, so it should be the shortest path that works from where
    they stand.
    """
    cwd = Path.cwd()
    absolute = Path(os.path.abspath(path))
    try:
        candidates = (absolute, absolute.parent.resolve() / absolute.name)
    except (OSError, RuntimeError):
        candidates = (absolute,)
    for candidate in candidates:
        if candidate.is_relative_to(cwd):
            return os.path.relpath(candidate, cwd)
    return str(path)
