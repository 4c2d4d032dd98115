"""The tracker's listing gives each count's stage in the ledger's words. Found on a made-up relief deployment: one
minister's "1,850 personnel" (arrived), "2,000 personnel" (on the way) and "up to 6,000 personnel" on one date read
as three rival totals."""

from __future__ import annotations

from kit.paths import DEFAULT_LEDGER
from kit.report import tracker


def test_each_listed_count_gives_its_stage() -> None:
    text = "\n".join(
        str(getattr(block, "data", block))
        for section in tracker.found_sections(tracker.check_ledgers([str(DEFAULT_LEDGER)]))
        for block in section.blocks
    )
    assert "gave **11,000 soldiers** in training<sup>" in text, text
    assert "gave at least **3,000 soldiers** arrived<sup>" in text, text
