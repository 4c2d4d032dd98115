"""How well ``kit draft`` pre-fills a ledger: per-field accuracy of drafts against hand-curated rows.

For each article, a fresh ``kit new`` of its seed (with the curated ledger's publication date and outlet) is
drafted with ``kit draft``; each curated claim is then looked for among the drafts by where its figure stands
in the text (its ``as_written`` inside its ``quote``), and each field is compared as a curator would check it:

- ``value`` and ``value_high``: equal numbers as the validator compares them (relative tolerance 1e-9, so
  0.6666666667 is two-thirds), both empty for a figure that is not a range;
- ``bound``, ``unit``: equal cells; ``when``: the same days, as the kit groups dates (kit.ledger.dates.canonical:
  "2027/2029-05-05" is "2027-01-01/2029-05-05"), empty equal to empty;
- ``claimant``: the draft's source *name* against the curated source's name (ids differ by construction: a
  fresh ledger has no sources), equal once case, leading articles and a possessive are set aside, or one the
  other's surname or contained in it ("the county" and "Harlan County").

A draft with no curated row at its figure is an extra: the table counts those for page residue, dates, years
and names with digits (what the curated ledger declares in ``nonfigures.csv`` or the kit's shared list, or a
date/year the finder reports), which the target says must be none, and lists every extra.

    .venv/bin/python benchmarks/draft_accuracy.py [--set heldout|tuning|all|first-heldout..sixteenth-heldout] [--write]

``--write`` replaces the sections of benchmarks/RESULTS.md with the same headings; ``--round NAME`` puts NAME (the
drafter's commit) in the headings, so a later round never overwrites an earlier one.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import math
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import results  # noqa: E402

from kit.ledger.dates import canonical  # noqa: E402

#: Articles the drafter was written against (its rules were tuned on them).
TUNING = ["tests/ledgers/wildfire", "tests/ledgers/crossings", "tests/ledgers/budget", "tests/ledgers/second"]
#: The first held-out set: written and curated after the first round was frozen (ecad05c); the second round was
#: tuned on their errors.
FIRST_HELDOUT = ["tests/drafts/harbour-fire", "tests/drafts/flu-season", "tests/drafts/rail-strike"]
#: The second held-out set: written and curated after the second round was frozen (04c2b09); the third round was
#: tuned on their errors.
SECOND_HELDOUT = ["tests/drafts/reservoir-drought", "tests/drafts/school-enrolment", "tests/drafts/plant-closure"]
#: The third held-out set: written and curated after the third round was frozen (4ee0eb3); the fourth round was
#: tuned on their errors.
THIRD_HELDOUT = ["tests/drafts/airport-recovery", "tests/drafts/rough-sleeping", "tests/drafts/valley-quake"]
#: The fourth held-out set: written and curated after the fourth round was frozen (2f64f37); the fifth round was
#: tuned on their errors.
FOURTH_HELDOUT = ["tests/drafts/ferry-crews", "tests/drafts/hospital-waiting", "tests/drafts/wind-farm"]
#: The fifth held-out set: written and curated after the fifth round was frozen (8b9f0ce); the sixth round was
#: tuned on their errors.
FIFTH_HELDOUT = ["tests/drafts/museum-crowds", "tests/drafts/bridge-detour", "tests/drafts/wheat-harvest"]
#: The sixth held-out set: written and curated after the sixth round was frozen (6db367b); the seventh round was
#: tuned on their errors.
SIXTH_HELDOUT = ["tests/drafts/bee-colonies", "tests/drafts/marathon-heat", "tests/drafts/water-breach"]
#: The seventh held-out set: written and curated after the seventh round was frozen (872b783); the eighth round was
#: tuned on their errors.
SEVENTH_HELDOUT = ["tests/drafts/scooter-trial", "tests/drafts/smog-order", "tests/drafts/rent-survey"]
#: The eighth held-out set: written and curated after the eighth round was frozen (827d6cd), by a curator who never
#: read the drafter or ran kit draft; the ninth round was tuned on their errors.
EIGHTH_HELDOUT = ["tests/drafts/storm-outage", "tests/drafts/cod-quota", "tests/drafts/wolf-kills"]
#: The ninth held-out set: written and curated after the ninth round was frozen (50bd8ca), by a curator who never
#: read the drafter or ran kit draft; the tenth round was tuned on their errors.
NINTH_HELDOUT = ["tests/drafts/potholes", "tests/drafts/libraries", "tests/drafts/parcels"]
#: The tenth held-out set: written and curated after the tenth round was frozen (fb1a6cc), by a curator who never
#: read the drafter or ran kit draft; the eleventh round was tuned on their errors.
TENTH_HELDOUT = ["tests/drafts/bakery", "tests/drafts/bikeshare", "tests/drafts/pension"]
#: The eleventh held-out set: written and curated after the eleventh round was frozen (7fc41e2), by a curator who
#: never read the drafter or ran kit draft; the twelfth round was tuned on their errors.
ELEVENTH_HELDOUT = ["tests/drafts/landslide", "tests/drafts/zoo", "tests/drafts/heatpumps"]
#: The twelfth held-out set: written and curated after the twelfth round was frozen (a0fd2b7), by a curator who
#: never read the drafter or ran kit draft; re-curated to the documented dating and crediting steps (the data
#: README, "A figure with no date words") before the thirteenth round.
TWELFTH_HELDOUT = ["tests/drafts/tram", "tests/drafts/vineyard", "tests/drafts/outage"]
#: The thirteenth held-out set: written and curated from the documented steps after the thirteenth round was frozen
#: (2e25ee0), by a curator who never read the drafter or ran kit draft; the fourteenth round was tuned on it.
THIRTEENTH_HELDOUT = ["tests/drafts/ferry-fares", "tests/drafts/measles-outbreak", "tests/drafts/dairy-prices"]
#: The fourteenth held-out set: written and curated from the documented steps after the fourteenth round was frozen
#: (c49da21), by a curator who never read the drafter or ran kit draft; its reports, surveys and polls re-curated to
#: the data README's rule 5 after it was scored; the fifteenth round was tuned on it.
FOURTEENTH_HELDOUT = [
    "tests/drafts/2028-03-14-coastline-bank",
    "tests/drafts/2028-10-05-northgate-strike",
    "tests/drafts/2029-06-02-harbourline-coast",
]
#: The fifteenth held-out set: written and curated from the documentation after the fifteenth round was tuned, by a
#: curator who never read the drafter or ran kit draft, committed (95f6e69) before kit draft ran on it, and scored
#: once at the merge of that round (its one "Fewer than 2%" upgraded to less_than by kit migrate before scoring);
#: four `when` cells re-curated to the data README as clarified at 2b264bd; the sixteenth round was tuned on it.
FIFTEENTH_HELDOUT = [
    "tests/drafts/2026-09-17-valleypress-hail",
    "tests/drafts/2026-10-06-northgate-resale",
    "tests/drafts/2026-11-12-lakeshore-shelter",
]
#: The sixteenth held-out set: written and curated from the documentation while the sixteenth round was tuned, by a
#: curator who never read the drafter or ran kit draft, committed (3e25192) before kit draft ran on it, and scored
#: once at the merge of that round.
SIXTEENTH_HELDOUT = [
    "tests/drafts/2026-09-15-fjordpost-salmon-escape",
    "tests/drafts/2026-10-21-lakesidepress-parcel-backlog",
    "tests/drafts/2026-11-05-easterncourier-locusts",
]
#: The seventeenth held-out set: written and curated from the documentation alone by a curator who never read the
#: drafter or ran kit draft, after the drafter was frozen at 96313e7 (no drafter change since), committed before kit
#: draft ran on it, and scored once.
SEVENTEENTH_HELDOUT = [
    "tests/drafts/2026-11-12-calderwire-student-housing",
    "tests/drafts/2026-11-24-meadowlandpress-bird-flu-cull",
    "tests/drafts/2026-12-03-estuarynewswire-bridge-toll",
]
#: The last set scored as held out.
HELDOUT = SEVENTEENTH_HELDOUT
FIELDS = ("value", "value_high", "bound", "unit", "when", "claimant")
TARGETS = {"value": 98, "value_high": 98, "bound": 95, "unit": 80, "when": 85, "claimant": 85}
#: Declared reasons that put an extra draft among what the target says must never be drafted: page residue, a
#: date (the dateline, a time), a year, a name with digits. Whole words: "named for comparison" is not a name.
#: A declared non-figure's reason that says it is page residue, a date, a year or a name with digits; "names" as a
#: verb ("an age that names the group") is not a name.
NOT_FIGURES = re.compile(
    r"\b(?:residue|dateline|date|time|years?|names?(?!\s+(?:the|a|an)\b)|timestamp|caption|comments)\b", re.IGNORECASE
)


def _same_days(drafted: str, curated: str) -> bool:
    """Whether two ``when`` cells name the same days (both empty, or one span however written)."""
    try:
        return drafted == curated or (bool(drafted and curated) and canonical(drafted) == canonical(curated))
    except ValueError:
        return False


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _span(text: str, row: dict[str, str]) -> tuple[int, int] | None:
    at = text.find(row["quote"])
    inner = row["quote"].find(row["as_written"]) if at >= 0 else -1
    return None if inner < 0 else (at + inner, at + inner + len(row["as_written"]))


def _name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip().lower())
    return re.sub(r"['’]s\b", "", text)


def same_speaker(drafted: str, curated: str) -> bool:
    """The benchmark's own comparison of two speaker names (kept apart from the drafter's)."""
    a, b = _name(drafted), _name(curated)
    if not a or not b:
        return False
    return a == b or a in b or b in a or (a.split()[-1] == b.split()[-1] and len(a.split()) > 1 < len(b.split()))


def _same_number(a: str, b: str) -> bool:
    """Equal numbers as the validator compares a value with its figure (0.6666666667 is two-thirds), or both empty."""
    if not a.strip() or not b.strip():
        return not a.strip() and not b.strip()
    return math.isclose(float(a), float(b), rel_tol=1e-9)


def draft_fresh(folder: Path, work: Path) -> Path:
    """A fresh ``kit new`` of the article, drafted; the folder of the new ledger."""
    from kit.cli import main as kit

    article = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["article"]
    new = ["new", folder.name, "--seed", str(folder / article["path"]), "--dir", str(work)]
    new += ["--published", article["published"] or "undated", "--outlet", article["outlet"], "--url", article["url"]]
    with contextlib.redirect_stdout(io.StringIO()):
        if kit(new) != 0 or kit(["draft", str(work / folder.name)]) != 0:
            raise RuntimeError(f"kit new or kit draft failed on {folder}")
    return work / folder.name


def score(folder: Path, work: Path) -> dict:
    """Per-field hits, the curated rows found and missed, and the extra drafts of one article."""
    fresh = draft_fresh(folder, work)
    text = (fresh / json.loads((folder / "datapackage.json").read_text())["article"]["path"]).read_text("utf-8")
    curated, names = _rows(folder / "claims.csv"), {r["source_id"]: r["name"] for r in _rows(folder / "sources.csv")}
    drafts = _rows(fresh / "drafts" / "claims.csv")
    drafted_names = {r["source_id"]: r["name"] for r in _rows(fresh / "drafts" / "sources.csv")}
    hits = dict.fromkeys(FIELDS, 0)
    found, missed, wrong, used = 0, [], [], set()
    for row in curated:
        span = _span(text, row)
        match = next(
            (n for n, d in enumerate(drafts) if span and (s := _span(text, d)) and s[0] < span[1] and span[0] < s[1]),
            None,
        )
        if match is None:
            missed.append(row["claim_id"])
            continue
        used.add(match)
        found += 1
        draft = drafts[match]
        checks = {
            "value": _same_number(draft["value"], row["value"]),
            "value_high": _same_number(draft["value_high"], row["value_high"]),
            "bound": draft["bound"] == row["bound"],
            "unit": draft["unit"] == row["unit"],
            "when": _same_days(draft["when"], row["when"]),
            "claimant": same_speaker(drafted_names.get(draft["claimant"], ""), names.get(row["claimant"], "")),
        }
        for name, ok in checks.items():
            hits[name] += ok
            if not ok:
                wrong.append((row["claim_id"], name, draft.get(name if name != "claimant" else "claimant", "")))
    declared = _rows(folder / "nonfigures.csv") + _rows(folder / "shared-nonfigures.csv")
    extras = []
    for n, draft in enumerate(drafts):
        if n in used:
            continue
        span = _span(text, draft)
        reason = next(
            (
                d["reason"]
                for d in declared
                if span and d["text"] in text[span[0] - 30 : span[1] + 30] and draft["as_written"] in d["text"]
            ),
            "",
        )
        extras.append((draft["as_written"], draft["quote"][:60], reason))
    return {"article": folder.name, "rows": len(curated), "found": found, "hits": hits, "missed": missed,
            "wrong": wrong, "extras": extras}  # fmt: skip


def table(title: str, scores: list[dict]) -> str:
    """One RESULTS.md section: per-field accuracy over the found rows, recall, extras."""
    rows = sum(s["rows"] for s in scores)
    found = sum(s["found"] for s in scores)
    lines = [f"## Drafting accuracy: {title}", ""]
    lines.append(f"Articles: {', '.join(s['article'] for s in scores)}. Curated claims: {rows}; drafted at the curated")
    lines.append(f"figure: {found} ({100 * found / max(rows, 1):.0f}%). Accuracy is over those {found} rows.")
    lines += ["", "| Field | Right | Accuracy | Target |", "|---|---|---|---|"]
    for name in FIELDS:
        hit = sum(s["hits"][name] for s in scores)
        lines.append(f"| {name} | {hit}/{found} | {100 * hit / max(found, 1):.0f}% | {TARGETS[name]}% |")
    extras = [(s["article"], *extra) for s in scores for extra in s["extras"]]
    bad = [extra for extra in extras if NOT_FIGURES.search(extra[3])]
    lines += ["", f"Drafts with no curated row: {len(extras)}; of them page residue, dates, years or names with "
              f"digits (as the curated ledger declares them): {len(bad)}."]  # fmt: skip
    for article, written, quote, reason in extras:
        lines.append(f'- {article}: `{written}` in "{quote}"' + (f" (declared: {reason})" if reason else ""))
    misses = [(s["article"], claim) for s in scores for claim in s["missed"]]
    if misses:
        lines += ["", "Curated claims with no draft at their figure: " + ", ".join(f"{a}/{c}" for a, c in misses)]
    wrong = [(s["article"], *w) for s in scores for w in s["wrong"]]
    if wrong:
        lines += ["", "Fields drafted wrong (article/claim: field, drafted):"]
        lines += [f"- {a}/{claim}: {field} ({drafted!r})" for a, claim, field, drafted in wrong]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    choices = ("heldout", "first-heldout", "second-heldout", "third-heldout", "fourth-heldout", "fifth-heldout")
    choices += ("sixth-heldout", "seventh-heldout", "eighth-heldout", "ninth-heldout", "tenth-heldout")
    choices += ("eleventh-heldout", "twelfth-heldout", "thirteenth-heldout", "fourteenth-heldout")
    choices += ("fifteenth-heldout",)
    choices += ("tuning", "all")
    parser.add_argument("--set", choices=choices, default="all")
    parser.add_argument("--write", action="store_true", help="write the sections to benchmarks/RESULTS.md")
    parser.add_argument("--round", default="", help="names the measurement in the headings, e.g. the commit")
    args = parser.parse_args()
    sets = {
        "heldout": [("held-out articles", HELDOUT)],
        "first-heldout": [("the first held-out set", FIRST_HELDOUT)],
        "second-heldout": [("the second held-out set", SECOND_HELDOUT)],
        "third-heldout": [("the third held-out set", THIRD_HELDOUT)],
        "fourth-heldout": [("the fourth held-out set", FOURTH_HELDOUT)],
        "fifth-heldout": [("the fifth held-out set", FIFTH_HELDOUT)],
        "sixth-heldout": [("the sixth held-out set", SIXTH_HELDOUT)],
        "seventh-heldout": [("the seventh held-out set", SEVENTH_HELDOUT)],
        "eighth-heldout": [("the eighth held-out set", EIGHTH_HELDOUT)],
        "ninth-heldout": [("the ninth held-out set", NINTH_HELDOUT)],
        "tenth-heldout": [("the tenth held-out set", TENTH_HELDOUT)],
        "eleventh-heldout": [("the eleventh held-out set", ELEVENTH_HELDOUT)],
        "twelfth-heldout": [("the twelfth held-out set", TWELFTH_HELDOUT)],
        "thirteenth-heldout": [("the thirteenth held-out set", THIRTEENTH_HELDOUT)],
        "fourteenth-heldout": [("the fourteenth held-out set", FOURTEENTH_HELDOUT)],
        "fifteenth-heldout": [("the fifteenth held-out set", FIFTEENTH_HELDOUT)],
        "sixteenth-heldout": [("the sixteenth held-out set", SIXTEENTH_HELDOUT)],
        "tuning": [
            (
                "the articles it was tuned on",
                TUNING
                + FIRST_HELDOUT
                + SECOND_HELDOUT
                + THIRD_HELDOUT
                + FOURTH_HELDOUT
                + FIFTH_HELDOUT
                + SIXTH_HELDOUT
                + SEVENTH_HELDOUT
                + EIGHTH_HELDOUT
                + NINTH_HELDOUT
                + TENTH_HELDOUT
                + ELEVENTH_HELDOUT
                + TWELFTH_HELDOUT
                + THIRTEENTH_HELDOUT
                + FOURTEENTH_HELDOUT
                + FIFTEENTH_HELDOUT
                + SIXTEENTH_HELDOUT,
            )
        ],
    }
    chosen = sets[args.set] if args.set != "all" else sets["heldout"] + sets["tuning"]
    sections = []
    with tempfile.TemporaryDirectory() as work:
        for n, (title, folders) in enumerate(chosen):
            section = Path(work) / f"set-{n}"  # a set that is also tuned on is drafted again in a folder of its own
            section.mkdir()
            scores = [score(ROOT / folder, section) for folder in folders]
            sections.append(table(f"{title}{f' ({args.round})' if args.round else ''}", scores))
    print("\n\n".join(sections))
    if args.write:
        titles = {section.splitlines()[0][3:].strip() for section in sections}
        results.update(sections, lambda heading: heading in titles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
