"""Writes that readers never see half done, and one batch at a time per output folder.

Every output is staged in a temporary file beside its target, synced, then renamed over it; a group of
files (a report, its full page, its notebook) is swapped in together with Ctrl-C held back, so an
interrupted batch leaves the old files or the new ones, never a mix and never a part.
"""

from __future__ import annotations

import errno
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from kit.paths import shown

TMP_SUFFIX = ".kit-tmp"
#: the folder below the output folder where a batch keeps its state, lock and logs
STATE_DIR = ".runs"
#: the file ``exclusive`` locks, one batch per output folder at a time
LOCK_FILE = "lock"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


MODE = 0o666 & ~_umask()
_CHUNK = 1 << 20


def _write_chunk(handle: Any, chunk: bytes, path: Path) -> None:
    """Write one chunk of ``path``'s new content; a seam the fault tests use to fill the disk part-way."""
    handle.write(chunk)


def _stage(path: Path, data: bytes) -> Path:
    """Write data to a temporary file beside ``path`` and flush it to disk; nothing visible changes yet."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        os.fchmod(descriptor, MODE)
        with os.fdopen(descriptor, "wb") as handle:
            for start in range(0, len(data), _CHUNK):
                _write_chunk(handle, data[start : start + _CHUNK], path)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    return Path(temporary)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM while a group of files is swapped in (so a report and its notebook stay
    together), or while a run's state file and its recorded outcome are written together; a signal that arrives
    meanwhile is delivered when the block ends.

    Python runs signal handlers in the main thread only, so a handler that notes the signal holds it back whatever
    thread the operating system delivers it to (blocking it with a signal mask would not: the pool's threads
    would take it). Elsewhere than in the main thread the block runs as it is.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {number: signal.signal(number, lambda got, _: held.append(got)) for number in _DEFERRED}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)


_DEFERRED = (signal.SIGINT, signal.SIGTERM)


def write_files(files: dict[Path, bytes]) -> None:
    """Replace several files all or nothing: every file is staged and synced before any is swapped in."""
    for path in files:
        if path.is_dir():  # os.replace would fail half-way through the group
            raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(path))
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(path, data), path))
        with interrupts_deferred():
            while staged:
                temporary, path = staged[0]
                os.replace(temporary, path)
                staged.pop(0)
            for folder in {path.parent for path in files}:
                _fsync_folder(folder)
    finally:
        for temporary, _ in staged:
            with suppress(OSError):
                os.unlink(temporary)


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write a file so that readers see the old content or the new, never a part (temp file, fsync, rename)."""
    write_files({Path(path): data.encode("utf-8") if isinstance(data, str) else data})


def _fsync_folder(folder: Path) -> None:
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def remove_stray_temporaries(out: Path) -> None:
    """Temporary files left by a batch that was killed outright (SIGKILL, power loss) are never outputs."""
    for folder in (out, out / STATE_DIR):
        for stray in folder.glob(f".*{TMP_SUFFIX}"):
            with suppress(OSError):
                stray.unlink()


def prepare_out(out: Path) -> str | None:
    """Make sure reports can be written; return a message saying why not otherwise."""
    if out.exists() and not out.is_dir():
        return f"cannot write reports to {shown(out)}: it is a file, not a folder"
    lock = out / STATE_DIR / LOCK_FILE
    if lock.is_symlink() or (lock.exists() and not lock.is_file()):
        what = "a link" if lock.is_symlink() else "a folder" if lock.is_dir() else "not a regular file"
        return f"cannot lock {shown(out)}: {shown(lock)} is {what}, not the batch's lock file; remove it and rerun"
    try:
        (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
        atomic_write(out / STATE_DIR / ".probe", b"")
        (out / STATE_DIR / ".probe").unlink()
    except OSError as error:
        return f"cannot write reports to {shown(out)}: {error.strerror or error}"
    return None


@contextmanager
def exclusive(out: Path) -> Iterator[bool]:
    """One batch at a time per output folder (yields False when another holds it); a second would race."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield True
        return
    with open(out / STATE_DIR / LOCK_FILE, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
