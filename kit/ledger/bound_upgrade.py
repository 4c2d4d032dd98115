"""``kit migrate`` on a version-2 ledger: each bound its words now read more finely gets the finer bound.

Why: the registry (kit/vocab/bounds.csv) gained bounds (more_than, nearly, about_range) whose words older ledgers
recorded with a wider bound (at_least, about, range). Those stay valid, since the wider bound is the registry's
``coarser`` reading, but they lose what the article said: "more than N" is strictly above N. This upgrade
rewrites only such bound cells, declares the new bounds in ``datapackage.json``, and says what it changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from kit import vocab
from kit.ledger import folder as closed
from kit.ledger import hedges
from kit.paths import shown

#: The last line of a bound upgrade's report.
BOUNDS_DECLARED = "bound declares every bound of kit/vocab/bounds.csv"
STATUSES_DECLARED = "status declares every status of kit/vocab/statuses.csv"


def _finer(row: dict[str, str], words: hedges.Vocabulary) -> str | None:
    """The finer bound the words of a claim mean, where its bound is that bound's coarser reading; else None."""
    quote, written, bound = row.get("quote", ""), row.get("as_written", ""), row.get("bound", "")
    reading = hedges.read_bound(quote, written, words) if quote and written and written in quote else None
    return None if reading is None else hedges.finer_bound(reading, bound)


def upgrade_bounds(folder: Path, package: dict, package_path: Path) -> list[str]:
    """Rewrite the coarser bounds of a version-2 ledger's claims in place; the lines that say what changed."""
    resources = package.get("resources") if isinstance(package.get("resources"), list) else []
    claims = next((r for r in resources if isinstance(r, dict) and r.get("name") == "claims"), None)
    if claims is None:
        return []
    path = closed.check(folder, closed.inside(folder, claims.get("path", "claims.csv")))
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or "bound" not in rows[0]:
        return []
    header, changes = rows[0], []
    at = header.index("bound")
    words = hedges.vocabulary()
    for number, cells in enumerate(rows[1:], start=2):
        finer = _finer(dict(zip(header, cells, strict=False)), words) if len(cells) == len(header) else None
        if finer:
            changes.append(f"{shown(path)}:{number}: bound {cells[at]} -> {finer} (the words mean {finer})")
            cells[at] = finer
    enums, statuses = _enums(resources, "bound"), _enums(resources, "status")
    newer = [enum for enum in statuses if enum != list(vocab.statuses())]
    if not changes and not newer and all(enum == list(vocab.names()) for enum in enums):
        return []
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    for enum in enums:  # a bound the registry gained since is declared, so a curator may write it
        enum[:] = list(vocab.names())
    for enum in statuses:  # and so is a status (kit/vocab/statuses.csv)
        enum[:] = list(vocab.statuses())
    if changes and isinstance(claims.get("hash"), str):
        claims["hash"] = "sha256:" + hashlib.sha256(out.getvalue().encode("utf-8")).hexdigest()
    package_text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    written = {path: out.getvalue().encode("utf-8")} if changes else {}  # no bound changed: the table as it was
    closed.write_all({**written, package_path: package_text.encode("utf-8")})
    declared = [f"{shown(package_path)}: {STATUSES_DECLARED}"] if newer else []
    return [*changes, *declared, f"{shown(package_path)}: {BOUNDS_DECLARED}"]


def _enums(resources: list, field: str) -> list[list]:
    """The enum lists a package declares for a field, to be brought to the kit's registry in place."""
    return [
        spec["constraints"]["enum"]
        for resource in resources
        for spec in (resource.get("schema", {}).get("fields", []) if isinstance(resource, dict) else [])
        if isinstance(spec, dict) and spec.get("name") == field and isinstance(spec.get("constraints"), dict)
        and isinstance(spec["constraints"].get("enum"), list)
    ]  # fmt: skip
