"""How well the coverage finder reads the shapes real reporting uses.

``python benchmarks/coverage_shapes.py [CLAIMS_FILE] [--quiet]`` runs the finder over hand-written
one-sentence numerical claims (default ``tests/coverage_claims.txt``; format and conventions at its top) and
prints how many sentences are parsed into exactly the right figures: the same texts, of the same kinds, in
the same order, no more and no fewer. Every miss is listed with what was expected and what was found, and
each kind gets its figure-level recall. The shared non-figures list is honoured as ``kit coverage`` honours
it, so "F-16" in a sentence is not a figure here either.

``tests/test_coverage_shapes.py`` asserts a floor below the measured number, so a shape that breaks fails
the tests.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.ledger.coverage import Accounts, accounts, shared_nonfigures, uncovered_by

CLAIMS = Path(__file__).resolve().parents[1] / "tests" / "coverage_claims.txt"
NO_CLAIMS = pd.DataFrame(columns=["claim_id", "as_written", "deadline", "counts", "quote"])

Figures = list[tuple[str, str]]  # (kind, text), in reading order


@dataclass(frozen=True)
class Claim:
    """One sentence of the set, where it stands in the file, and the figures a careful reader picks out."""

    line: int
    sentence: str
    expected: Figures


def read_claims(path: Path = CLAIMS) -> list[Claim]:
    """The sentences of a claims file: a sentence per line, its figures below it as indented ``kind: text``."""
    claims: list[Claim] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw[0].isspace():
            kind, separator, text = raw.strip().partition(": ")
            if not separator or not claims:
                raise ValueError(f"{path}:{number}: expected `kind: text` below a sentence, got {raw.strip()!r}")
            claims[-1].expected.append((kind, text))
        else:
            claims.append(Claim(number, raw.strip(), []))
    return claims


def found(sentence: str, known: Accounts) -> Figures:
    """What coverage would report in the sentence for a ledger with no claims (``known``: the shared non-figures,
    read once): its figures and their kinds."""
    return [(figure.kind, figure.text) for figure in uncovered_by(sentence, known)]


def measure(claims: list[Claim]) -> tuple[int, list[tuple[Claim, Figures]], Counter, Counter]:
    """Sentences parsed exactly right, the misses with what was found, and per kind: figures expected, found."""
    known = accounts(NO_CLAIMS, shared_nonfigures())
    right, misses = 0, []
    expected_by_kind: Counter = Counter()
    found_by_kind: Counter = Counter()
    for claim in claims:
        got = found(claim.sentence, known)
        expected_by_kind.update(kind for kind, _ in claim.expected)
        found_by_kind.update(kind for kind, _ in (Counter(claim.expected) & Counter(got)).elements())
        if got == claim.expected:
            right += 1
        else:
            misses.append((claim, got))
    return right, misses, expected_by_kind, found_by_kind


def _shown(figures: Figures) -> str:
    return "; ".join(f"{kind}: {text}" for kind, text in figures) or "(none)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", nargs="?", type=Path, default=CLAIMS, help="claims file (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="print only the score")
    args = parser.parse_args(argv)
    claims = read_claims(args.claims)
    right, misses, expected, found_right = measure(claims)
    if not args.quiet:
        for claim, got in misses:
            print(f"{args.claims}:{claim.line}: {claim.sentence}")
            print(f"    expected {_shown(claim.expected)}")
            print(f"    found    {_shown(got)}")
        print()
        for kind in sorted(expected):
            print(
                f"{kind:>9}: {found_right[kind]:>3} of {expected[kind]:>3} figures found with the right text and kind"
            )
        print()
    print(f"{right} of {len(claims)} sentences parsed into exactly the right figures ({right / len(claims):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
