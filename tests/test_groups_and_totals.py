"""A count of groups beside both a total and a size per group implies neither: the total may hold members outside
the groups. Found on a made-up peacekeeping report: "about 4,500 personnel" and "three battalions of about 800
each, plus engineers, medics and police" from one spokesperson were "Conflict: about 1,500 personnel per battalion,
the kit's arithmetic ..., against about 800 personnel per battalion according to Adele Varga"."""

from __future__ import annotations

from pathlib import Path

from shared import small_ledger

import kit
from kit import analysis
from kit.analysis.reconcile import reconcile

ARTICLE = """Mission Grows

VELA (Northwire) - The mission now counts about 4,500 personnel, spokesperson Adele Varga said. It has three \
battalions of about 800 each, plus engineers, medics and police, she said.
"""
SOURCES = ["varga,Adele Varga,mission spokesperson,international organisation,yes"]
PACKAGE = {
    "units": {"personnel": {"whole": True, "minimum": 0}, "battalions": {"whole": True, "group_of": "personnel"}},
    "quantities": {"mission": {"label": "mission personnel"}, "battalions": {"label": "battalions"}},
}
COMMON = {"topic": "conflict", "claimant": "varga", "when": "2026-10-01", "counts": "mission personnel"}
CLAIMS = [
    COMMON | {"claim_id": "total", "quantity": "mission", "kind": "level", "value": "4500", "unit": "personnel",
              "bound": "about", "as_written": "4,500", "quote": "about 4,500 personnel"},
    COMMON | {"claim_id": "three", "quantity": "battalions", "kind": "level", "value": "3", "unit": "battalions",
              "bound": "exact", "as_written": "three", "quote": "three battalions of about 800 each"},
    COMMON | {"claim_id": "each", "quantity": "mission", "kind": "per_unit", "per": "battalions", "value": "800",
              "unit": "personnel", "bound": "about", "as_written": "800", "quote": "battalions of about 800 each"},
]  # fmt: skip


def test_a_total_and_a_size_per_group_stated_together_imply_nothing(tmp_path: Path) -> None:
    ledger = small_ledger(tmp_path, ARTICLE, PACKAGE, SOURCES, CLAIMS)
    claims = kit.claims_with_sources(ledger)
    assert analysis.group_arithmetic(analysis.with_groups(claims, ledger)).empty
    assert "conflict" not in set(reconcile(analysis.with_groups(claims, ledger))["group_status"])


def test_a_total_alone_still_implies_a_size_per_group(tmp_path: Path) -> None:
    ledger = small_ledger(tmp_path, ARTICLE, PACKAGE, SOURCES, CLAIMS[:2])
    implied = analysis.group_arithmetic(analysis.with_groups(kit.claims_with_sources(ledger), ledger))
    assert implied[["groups", "per_group", "total"]].values.tolist() == [[3.0, 1500.0, 4500.0]]
