"""Write some sections of benchmarks/RESULTS.md and keep the others.

Several scripts (and people) write RESULTS.md: each replaces only the ``## `` sections it owns, in
place, and appends the ones that are new, so one benchmark never erases another's figures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def split(text: str) -> tuple[list[str], list[list[str]]]:
    """The lines before the first section, and each section's lines (its heading first)."""
    head: list[str] = []
    sections: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            sections.append([line])
        elif sections:
            sections[-1].append(line)
        else:
            head.append(line)
    return head, sections


def update(sections: list[str], owns: Callable[[str], bool], head: str | None = None, path: Path = RESULTS) -> None:
    """Replace the sections whose heading ``owns`` accepts with ``sections`` (each starting with its ``## `` line).

    The new sections go where the first replaced one stood, or at the end; ``head`` replaces the text
    before the first section when given.
    """
    old_head, old = split(path.read_text(encoding="utf-8")) if path.exists() else ([], [])
    new = [section.strip("\n").splitlines() for section in sections]
    kept: list[list[str]] = []
    place = None
    for section in old:
        if owns(section[0][3:].strip()):
            place = len(kept) if place is None else place
        else:
            kept.append(section)
    place = len(kept) if place is None else place
    ordered = kept[:place] + new + kept[place:]
    lines = head.strip("\n").splitlines() if head is not None else old_head
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    blocks = ["\n".join(lines)] + ["\n".join(_trim(section)) for section in ordered]
    path.write_text("\n\n".join(block for block in blocks if block) + "\n", encoding="utf-8")


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines
