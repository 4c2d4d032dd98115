"""``python -m kit validate [LEDGER_DIR]``: silent and 0 when sound, one line per problem and 1 otherwise.

Drafted claims waiting in ``LEDGER/drafts/`` are not part of the ledger; a note line says how many wait.
"""

from __future__ import annotations

import argparse

from kit.ledger import draft, validate
from kit.ledger.text import for_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", nargs="?", default=None, help="ledger folder (default: the packaged ledger)")


def main(args: argparse.Namespace) -> int:
    problems = validate(args.ledger)
    for problem in problems:
        print(for_terminal(str(problem)))  # a value echoed from the ledger never drives the terminal
    waiting = draft.waiting_line(args.ledger)
    if waiting:
        print(waiting)
    return 1 if any(problem.severity == "error" for problem in problems) else 0
