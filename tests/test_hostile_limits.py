"""Hostile and unlucky input the kit must answer with a clear problem, not a hang, a crash or a silent drop.

Each test breaks a copy of a ledger (or starts a real process) and checks the exact answer; each failed on
the kit before issue 22's hardening.
"""

from __future__ import annotations

from pathlib import Path

from shared import edit_csv

import kit


def _messages(folder: Path | str, column: str) -> list[str]:
    return [problem.message for problem in kit.validate(folder) if problem.column == column]


def test_a_part_of_a_zero_whole_is_an_error_naming_both(ledger: Path):
    """A whole of 0 makes every share undefined: the page used to drop the part without a word."""
    claims = ledger / "claims.csv"
    edit_csv(claims, ",part,nk-soldiers-in-russia,", ",part,nis-four-brigades,")
    assert not [m for m in _messages("ledger", "of") if "is 0" in m]
    edit_csv(
        claims, "nis-four-brigades,troops,nk-brigades,level,,,4,", "nis-four-brigades,troops,nk-brigades,level,,,0,"
    )
    problems = [str(p) for p in kit.validate("ledger") if "is 0" in p.message]
    assert problems == [
        "ledger/claims.csv:3: of: its whole 'nis-four-brigades' is 0, so no share of it can be stated; "
        "check the value or of"
    ]
