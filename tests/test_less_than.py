""" "Less than", "fewer than" and "under" are a ceiling that excludes its figure (bound ``less_than``), where "up to"
includes it. Found on a made-up report of a poultry cull: "the payments covered less than half of the losses" was
read as "up to 50%", and the rest of the whole as "at least 50%"; and "fewer than 400" beside "at least 400" would
have read as both right, allowing 400 itself. Each test adds one sentence to a copy of tests/ledgers/port."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from shared import ROOT, rewrite_article

import kit
from kit import analysis
from kit.analysis import reconcile
from kit.ledger import hedges
from kit.ledger.migrate import migrate
from kit.paths import shown
from kit.report import parts
from kit.report.model import read, shares_section
from kit.report.params import check

PORT = ROOT / "tests" / "ledgers" / "port"


def _with_claim(tmp_path: Path, sentence: str, row: dict[str, str]) -> Path:
    """A copy of the port ledger, its bounds declared anew by ``kit migrate``, whose article ends with ``sentence``
    and whose claims add ``row``."""
    copy = shutil.copytree(PORT, tmp_path / "port")
    migrate(copy)
    rewrite_article(copy, (copy / "article.txt").read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n")
    with (copy / "claims.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    base = {"topic": "economy", "claimant": "dockworkers-union", "when": "2025-11-05", "kind": "level"}
    with (copy / "claims.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([{**base, **row}.get(name, "") for name in header])
    return copy


FEWER = {
    "claim_id": "union-fewer-than-400-ships",
    "quantity": "ships-waiting",
    "value": "400",
    "unit": "vessels",
    "as_written": "400",
    "counts": "ships waiting outside the port",
    "quote": "fewer than 400 ships were waiting",
}


def test_the_hedge_words_read_less_than_and_the_older_up_to_stays_valid() -> None:
    words = hedges.vocabulary()
    for quote, written in (("fewer than 400 ships", "400"), ("less than half", "half"), ("under 5%", "5%")):
        reading = hedges.read_bound(quote, written, words)
        assert reading is not None and {"less_than", "up_to"} <= set(reading.allowed), quote
    assert analysis.interval(400, "less_than")[1] < 400 == analysis.interval(400, "up_to")[1]


@pytest.mark.parametrize(("bound", "verdict"), [("less_than", "conflict"), ("up_to", "compatible")])
def test_fewer_than_400_and_at_least_400_cannot_both_be_right(tmp_path: Path, bound: str, verdict: str) -> None:
    """ "At least 400 ships" (the operator) against the union's "fewer than 400": no number of ships fits both. The
    coarser ``up_to`` an older ledger may still hold allows 400 itself, so it would call them compatible: it
    validates, with a warning that says so."""
    copy = _with_claim(
        tmp_path, "The dockworkers' union said fewer than 400 ships were waiting.", FEWER | {"bound": bound}
    )
    warned = [problem.message for problem in kit.validate(copy)]
    assert warned == ([] if bound == "less_than" else [
        "the quote's words mean less_than, which up_to reads more loosely (a verdict may then allow the figure "
        "itself); write less_than, or run python -m kit migrate on the ledger"
    ])  # fmt: skip
    assert all(problem.severity == "warning" for problem in kit.validate(copy))
    found = reconcile.pairs(kit.claims_with_sources(copy))
    pair = found[found["claim_a"].isin([FEWER["claim_id"]]) | found["claim_b"].isin([FEWER["claim_id"]])]
    against = pair[pair["claim_a"].str.startswith("operator") | pair["claim_b"].str.startswith("operator")]
    assert list(against["verdict"]) == [verdict]


def test_the_rest_of_less_than_half_is_more_than_half(tmp_path: Path) -> None:
    share = {
        "claim_id": "union-less-than-half-paid",
        "quantity": "wages-paid",
        "kind": "share",
        "of": "wages-paid",
        "value": "50",
        "unit": "percent",
        "bound": "less_than",
        "as_written": "half",
        "counts": "strikers' lost wages the strike fund pays",
        "quote": "the strike fund paid less than half of the wages lost",
    }
    copy = _with_claim(tmp_path, "The union said the strike fund paid less than half of the wages lost.", share)
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    package["quantities"]["wages-paid"] = {"label": "lost wages the strike fund pays"}
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert kit.validate(copy) == []
    reading = read(check(ledger=str(copy)))
    section = shares_section(reading)
    assert section is not None and share["claim_id"] in set(section.shown["claim_id"])
    said = parts.shares_of(reading, section).data
    assert "less than **half**" in said and "the rest of the whole is more than *half*." in said


def test_a_ledger_older_than_the_bound_is_told_to_migrate_and_migrate_declares_it(tmp_path: Path) -> None:
    """A ledger whose ``bound`` enum predates ``less_than`` names the command that declares it; ``kit migrate``
    then declares every bound of the registry and leaves a claims table with nothing to upgrade byte for byte."""
    old = shutil.copytree(PORT, tmp_path / "old")
    package = old / "datapackage.json"
    package.write_text(package.read_text(encoding="utf-8").replace('"less_than",', ""), encoding="utf-8")
    claims = (old / "claims.csv").read_bytes()
    (old / "claims.csv").write_text(claims.decode("utf-8").replace(",nearly,", ",less_than,", 1), encoding="utf-8")
    (problem,) = [problem for problem in kit.validate(old) if "is not one of" in problem.message]
    assert f"'less_than' is newer than this ledger: python -m kit migrate {shown(old)} declares it" in problem.message
    (old / "claims.csv").write_bytes(claims)
    assert migrate(old)[-1].endswith("bound declares every bound of kit/vocab/bounds.csv")
    assert (old / "claims.csv").read_bytes() == claims and kit.validate(old) == []
    assert '"less_than"' in package.read_text(encoding="utf-8")
    assert migrate(old) == []  # nothing left to declare or upgrade


@pytest.mark.parametrize(
    ("quote", "written", "bound"),
    [
        ("Quake Toll Climbs Above 1,200", "1,200", "more_than"),  # a made-up earthquake story's headline
        ("temperatures below 27 degrees", "27", "less_than"),
        ("did not fall below 27 degrees", "27", "at_least"),  # a heatwave's nights: never "less than 27"
        ("never rose above 3%", "3%", "up_to"),
        ("not below 27 degrees", "27", "at_least"),
        ("no less than 40 tonnes", "40", "at_least"),
        ("above the previous record of 40.1 gigawatts", "40.1", "exact"),  # "above" qualifies the record, not 40.1
    ],
)
def test_above_and_below_qualify_the_figure_they_stand_before(quote: str, written: str, bound: str) -> None:
    reading = hedges.read_bound(quote, written, hedges.vocabulary())
    assert reading is not None and bound in reading.allowed, reading
