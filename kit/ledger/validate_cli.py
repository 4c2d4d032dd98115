"""``python -m kit validate [LEDGER_DIR | CORPUS_DIR]``: silent and 0 when sound, one line per problem and 1 otherwise.

A folder without a datapackage.json that holds ledger folders is a corpus: every ledger in it is validated.
Drafted claims waiting in ``LEDGER/drafts/`` are not part of the ledger; a note line says how many wait.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.ledger import draft_files, validate
from kit.ledger.corpus import across_problems, ledger_folders
from kit.ledger.datapackage import PACKAGE_FILE
from kit.ledger.problems import LedgerError
from kit.ledger.text import for_terminal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    shown = "ledger folder, or a corpus: a folder of ledger folders (default: the packaged ledger)"
    parser.add_argument("ledger", nargs="?", default=None, help=shown)


def main(args: argparse.Namespace) -> int:
    given = None if args.ledger is None else Path(args.ledger)
    try:
        corpus = given is not None and not (given / PACKAGE_FILE).exists() and ledger_folders(given)
    except LedgerError as refused:  # a ledger folder linked out of the corpus: named, never read
        for problem in refused.problems:
            print(for_terminal(str(problem)))
        return 1
    problems, sound = ([], []) if corpus else (validate(args.ledger), [])
    for folder in corpus or ():
        found = validate(folder)
        problems += found
        sound += [] if any(problem.severity == "error" for problem in found) else [folder]
    problems += [problem for _, problem in across_problems(sound)]  # one statement id, one statement in every article
    for problem in problems:
        print(for_terminal(str(problem)))  # a value echoed from the ledger never drives the terminal
    waiting = draft_files.waiting_line(args.ledger)
    if waiting:
        print(waiting)
    return 1 if any(problem.severity == "error" for problem in problems) else 0
