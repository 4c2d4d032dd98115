"""Generated hard cases for the chart checks: a ledger built in a temporary folder with what breaks charts
in practice: coincident values and dates, very long speaker, outlet and quantity names, and ten sides.

Why generated, not curated: each hard case is one loop, so the ledger grows with the checks (more sides, longer
names) without hand-editing quotes; the article is written from the claims, so every quote is verbatim.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

from shared import ROOT

#: The curated ledger the generated one starts from (its package, units and article metadata).
BASE = ROOT / "tests" / "ledgers" / "crossings"
SIDES = 10
LONG = "the Regional Coordination Office for Emergency Humanitarian Assistance and Population Movements"
OUTLET = "The Northern Provinces Evening Chronicle and Weekly Review of Regional Affairs"


def _speakers() -> list[dict[str, str]]:
    """Ten sides, one speaker each, with long names; two sides get a second speaker."""
    speakers = []
    for number in range(1, SIDES + 1):
        side = f"side number {number} of the {LONG.split(' for ')[0].removeprefix('the ')}"
        speakers.append(
            {
                "source_id": f"speaker-{number}",
                "name": f"Aleksandra Konstantinopoulou-Vanderbilt the {number}th, {LONG}",
                "role": f"spokesperson number {number}",
                "side": side,
                "named": "yes",
            }
        )
    speakers += [
        {**speakers[0], "source_id": "speaker-1b", "name": "A second speaker with an equally long name, " + LONG},
        {**speakers[4], "source_id": "speaker-5b", "name": "J. Li"},
    ]
    return speakers


def _claims(speakers: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rival estimates of one quantity on one date, many of them equal; a series with coincident dates; a part."""
    claims = []
    values = [5000, 5000, 5000, 5200, 5000, 4800, 5000, 5000, 6000, 5000, 5000, 5000]
    bounds = [
        "exact",
        "about",
        "at_least",
        "exact",
        "up_to",
        "about",
        "exact",
        "range",
        "about",
        "exact",
        "about",
        "exact",
    ]
    for index, (speaker, value, bound) in enumerate(zip(speakers, values, bounds, strict=True)):
        high = value + 500 if bound == "range" else ""
        written = f"{value:,}" + (f" to {high:,}" if high else "")
        hedge = {"about": "about ", "at_least": "at least ", "up_to": "up to "}.get(bound, "")
        claims.append(
            _claim(
                f"estimate-{index}",
                "people-gathered",
                value,
                high,
                bound,
                written,
                speaker,
                "on Monday",
                "2025-03-03",
                f"{hedge}{written} people gathered on Monday, number {index}",
            )
        )
    for index, (when, value) in enumerate(
        [("2025-03-01", 4000), ("2025-03-01", 4000), ("2025-03-02", 4000), ("2025-03-02", 4000), ("2025-03", 4100)]
    ):
        speaker = speakers[index]
        claims.append(
            _claim(
                f"series-{index}",
                "people-registered",
                value,
                "",
                "exact",
                f"{value:,}",
                speaker,
                "",
                when,
                f"{value:,} people had registered, count {index}",
            )
        )
    claims.append(
        {
            **_claim(
                "part-0",
                "people-without-papers",
                5000,
                "",
                "exact",
                "5,000",
                speakers[2],
                "on Monday",
                "2025-03-03",
                "5,000 of the people gathered had no papers",
            ),
            "kind": "part",
            "of": "estimate-0",
        }
    )
    return claims


def _claim(claim_id, quantity, value, high, bound, written, speaker, when_written, when, quote) -> dict[str, str]:
    return {
        "claim_id": claim_id,
        "topic": "migration",
        "quantity": quantity,
        "kind": "level",
        "of": "",
        "per": "",
        "value": str(value),
        "value_high": str(high),
        "unit": "people",
        "bound": bound,
        "as_written": written,
        "claimant": speaker["source_id"],
        "stage": "",
        "place_id": "",
        "when_written": when_written,
        "when": when,
        "when_kind": "",
        "counts": f"{quantity.replace('-', ' ')}, as counted by {speaker['name']}",
        "quote": quote,
    }


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def hard_ledger(folder: Path) -> Path:
    """Write the hard-case ledger into ``folder`` (a new folder under a test's tmp_path) and return it."""
    shutil.copytree(BASE, folder, symlinks=True)
    speakers = _speakers()
    claims = _claims(speakers)
    for name in ("places.csv", "nonfigures.csv"):  # the headers only: the base article's rows are gone
        (folder / name).write_text((BASE / name).read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    _write(folder / "sources.csv", speakers)
    _write(folder / "claims.csv", claims)
    lines = ["People Gather at the Border as Ten Groups Give Their Counts", "", "By A Reporter", ""]
    lines += [
        f"{speaker['name']} said: {claim['quote']}."
        for claim in claims
        for speaker in speakers
        if speaker["source_id"] == claim["claimant"]
    ]
    (folder / "article.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package["name"] = "hard-cases"
    package["article"].update(title=lines[0], outlet=OUTLET, byline="By A Reporter")
    package["quantities"] = {
        "people-gathered": {"label": f"people gathered at the border crossing, as counted by {LONG}"},
        "people-registered": {"label": "people registered at the border crossing since the start of the month"},
        "people-without-papers": {"label": "people gathered at the border crossing without any identity papers"},
    }
    for resource in package["resources"]:
        if resource["name"] == "article":
            resource["hash"] = "sha256:" + hashlib.sha256((folder / "article.txt").read_bytes()).hexdigest()
        for spec in resource.get("schema", {}).get("fields", []):
            if resource["name"] == "sources" and spec["name"] == "side":
                spec["constraints"]["enum"] = sorted({speaker["side"] for speaker in speakers})
    (folder / "datapackage.json").write_text(json.dumps(package, indent=1) + "\n", encoding="utf-8")
    return folder
