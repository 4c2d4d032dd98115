"""A ledger is a closed folder: what the kit reads or writes for a ledger stays inside it.

A ledger folder comes from anyone (a colleague's zip, a corpus of hundreds of articles), and the kit prints,
renders and ships to other machines what it reads. So every file the kit reads or writes for a ledger must
resolve inside the ledger's folder (or the corpus folder, for a corpus's own files):

- A link whose target stays inside the folder is followed: it is part of the ledger. A link that leaves the
  folder is refused, naming the link and its target; the fix is to copy the file in (``cp -L``).
- One exception, the packaged ledger's article: ``kit/data/`` links its article to the repository's
  ``seeds/`` folder, so the article is stored once. The packaged ledger is part of the kit, so its links
  may resolve inside ``seeds/`` too; no other ledger gets that allowance.
- Only regular files are read: a folder, a device (``/dev/zero``) or a pipe in a file's place is named as
  "not a regular file", never read (reading a pipe would hang).
- Writes never follow a link: a file is written beside its target and renamed over it, so a link in its
  place is replaced by the file, and whatever it pointed at is untouched. A group of files is written all
  or nothing (:func:`write_all`).
- What is shipped to a Dask worker is what the ledger's data package names (its tables and its article),
  its ``datapackage.json`` and the documented companions (:data:`COMPANIONS`): never every file under the
  folder.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from contextlib import suppress
from pathlib import Path, PurePosixPath

from kit.ledger.problems import Checker
from kit.paths import DEFAULT_LEDGER, KIT_DIR, shown

PACKAGE_FILE = "datapackage.json"
#: Files a ledger may hold besides those its data package names, which the kit reads: its own hedge phrases
#: (also declared as a resource when the ledger checks them) and its copy of the shared non-figures list.
COMPANIONS = ("hedges.csv", "shared-nonfigures.csv")
#: Where the packaged ledger's article lives, stored once for the repository (see the module docstring).
PACKAGED_SEEDS = KIT_DIR.parent / "seeds"
_TEMPORARY = ".kit-write"


class OutsideFolder(ValueError):
    """A path that leaves its ledger or corpus folder, or is not a regular file; the message says which."""


@functools.cache
def _packaged() -> tuple[Path, Path]:
    return DEFAULT_LEDGER.resolve(), PACKAGED_SEEDS.resolve()


def _roots(folder: Path) -> list[Path]:
    """The folders a ledger's files may resolve into: its own, and ``seeds/`` for the packaged ledger."""
    base = folder.resolve()
    ledger, seeds = _packaged()
    return [base, seeds] if base == ledger else [base]


def _first_link(folder: Path, path: Path) -> Path | None:
    """The first link on the way from folder to path (the file itself, or a folder on the way)."""
    try:
        parts = path.relative_to(folder).parts
    except ValueError:
        return path if path.is_symlink() else None
    for depth in range(1, len(parts) + 1):
        step = folder.joinpath(*parts[:depth])
        if step.is_symlink():
            return step
    return None


def linked(base: str, path: str) -> bool:
    """True when a step from the folder ``base`` (ending in a separator) down to ``path``, the file included, is a
    link, or cannot be looked at."""
    step = base
    for part in path[len(base) :].split(os.sep):
        step = os.path.join(step, part)
        if part in ("", ".", "..") or os.path.islink(step):
            return True
    return False


def _plainly_inside(folder: Path, path: Path) -> bool:
    """True when ``path`` is a path under the folder ``folder`` with no link, '.' or '..' on the way (the file
    included): it then resolves inside the folder, whatever the folder resolves to. Checked with a look at each
    step below the folder, where resolving looks at every step from the root, for the path and the folder again."""
    base, text = os.path.join(str(folder), ""), str(path)
    return text.startswith(base) and "\x00" not in text and os.path.isdir(folder) and not linked(base, text)


def escape(folder: Path, path: Path, what: str = "ledger", name: str | None = None) -> str | None:
    """Why ``path`` may not be read or written as part of the ledger (or corpus) in ``folder``; None if it may.

    The message starts with ``name`` (default: the path as shown) and names the link and its target.
    """
    if _plainly_inside(folder, path):  # most paths: a file of the folder, no link on the way
        return None
    try:
        target = path.resolve()
        roots = _roots(folder)
    except (OSError, RuntimeError):
        return f"{shown(path) if name is None else name} is a loop of links; replace it with the file"
    if any(target == root or target.is_relative_to(root) for root in roots):
        return None
    name = shown(path) if name is None else name  # worded only for a refusal: most paths pass
    link = _first_link(folder, path)
    if link is None:
        return f"{name} is outside the {what} folder"
    where = "is a link" if link == path else f"is inside {shown(link)}, a link"
    return (
        f"{name} {where} to {os.readlink(link)}, outside the {what} folder; "
        "the kit reads only files inside it: copy the file in (cp -L) instead of linking it"
    )


def not_regular(path: Path, name: str | None = None) -> str | None:
    """Why an existing path cannot be read as a file (a folder, a device, a pipe); None for a regular file or none.

    The message starts with ``name`` (default: the path as shown).
    """
    try:
        if path.is_file() or not path.exists():
            return None
    except (OSError, ValueError):
        return None
    kind = "a folder" if path.is_dir() else "a device, a pipe or a socket"
    return f"{shown(path) if name is None else name} is not a regular file (it is {kind})"


def not_a_folder(path: Path) -> str:
    """What a path given as a folder is instead: 'no such folder', 'a file, not a folder', or neither."""
    if path.is_file():
        return "is a file, not a folder"
    if path.exists():
        return "is not a folder, and not a regular file either (a device, a pipe or a socket)"
    return "no such folder"


def check(folder: Path, path: Path, what: str = "ledger") -> Path:
    """``path`` when it may be read as part of the folder; raise OutsideFolder saying why not."""
    problem = escape(folder, path, what) or not_regular(path)
    if problem:
        raise OutsideFolder(problem)
    return path


def inside(folder: Path, relative: object, what: str = "ledger") -> Path:
    """The path a data package names (relative POSIX, no '..'), checked to stay inside the folder."""
    if not isinstance(relative, str) or not relative.strip() or "\x00" in relative:
        raise OutsideFolder(f"{relative!r} is not a file name inside the {what} folder")
    parts = PurePosixPath(relative.replace("\\", "/"))
    if parts.is_absolute() or ".." in parts.parts or (len(relative) > 1 and relative[1] == ":"):
        raise OutsideFolder(f"path {relative!r} must stay inside the {what} folder (no '..', not absolute)")
    return check(folder, folder.joinpath(*parts.parts), what)


def ledger_files(folder: Path) -> list[Path]:
    """The files of a ledger the kit reads, in a stable order: its data package, what it names, the companions.

    A file that is missing, not a regular file or outside the folder is left out: validation names it, so
    the run that needs it fails with that message, and nothing outside the folder is read. This is what a
    Dask worker receives.
    """
    names = {PACKAGE_FILE, *COMPANIONS}
    try:
        package = json.loads(check(folder, folder / PACKAGE_FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        package = {}
    package = package if isinstance(package, dict) else {}
    resources = package.get("resources") if isinstance(package.get("resources"), list) else []
    article = package.get("article") if isinstance(package.get("article"), dict) else {}
    named = [resource.get("path") for resource in resources if isinstance(resource, dict)] + [article.get("path")]
    files = {folder / name for name in names if escape(folder, folder / name) is None and (folder / name).is_file()}
    for name in named:
        with suppress(OutsideFolder):
            files.add(inside(folder, name))  # checked: inside the folder, a regular file
    return sorted(path for path in files if path.exists())


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``path``, synced; created exclusively, so it follows no link."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMPORARY)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            _put(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    return Path(temporary)


def _put(handle, data: bytes) -> None:
    """Write the bytes of one staged file: the seam fault tests use to fill the disk."""
    handle.write(data)


def write_all(files: dict[Path, bytes]) -> None:
    """Replace every file, or none (an OSError then, and each file as it was).

    Each file is staged beside its target first; then each is renamed over its target, its old entry kept
    under a hard link until all are in, and put back if a rename fails. Renaming replaces a link in the
    target's place rather than writing through it.
    """
    staged: dict[Path, Path] = {}
    kept: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data)
        for path in files:
            if os.path.lexists(path):
                kept[path] = Path(tempfile.mktemp(dir=path.parent, prefix=f".{path.name}.old.", suffix=_TEMPORARY))
                os.link(path, kept[path], follow_symlinks=False)
            os.replace(staged[path], path)
            del staged[path]
            done.append(path)
    except BaseException:
        for path in reversed(done):
            with suppress(OSError):
                if path in kept:
                    os.replace(kept.pop(path), path)
                else:
                    os.unlink(path)
        raise
    finally:
        for leftover in [*staged.values(), *kept.values()]:
            with suppress(OSError):
                os.unlink(leftover)


#: Recorded for a ledger whose check refused a file, under the folder's own path, so the loader's cache always
#: checks such a ledger again and never reads the refused target to see whether it changed.
REFUSED = "refused: a file leaves the folder"


def refuse(checker: Checker, path: Path, what: str) -> bool:
    """True, with the problem reported, when ``path`` may not be read as part of the checker's ledger: it leaves
    the folder, or it is not a regular file."""
    problem = escape(checker.folder, path, name=what) or not_regular(path, what)
    if problem is None:
        return False
    checker.add(path, 1, "-", problem)
    checker.read[checker.folder] = REFUSED
    return True
