"""Command line: ``python -m kit validate|run|coverage|new|draft|migrate|catalog``.

Each subcommand lives in the module of its concern, which offers
``add_arguments(parser)`` and ``main(args) -> int``; this file only wires
them, so a new command never touches another's code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: subcommand -> (module, one-line help)
COMMANDS = {
    "validate": ("kit.ledger.validate_cli", "check a ledger; print one PATH:LINE: COLUMN: problem per line"),
    "run": ("kit.run.cli", "execute and render every notebook run listed in notebooks/runs.yaml"),
    "coverage": ("kit.ledger.coverage", "list figures in the seed article that no claim covers"),
    "new": ("kit.ledger.scaffold", "create an empty ledger folder for another article"),
    "draft": ("kit.ledger.draft", "draft a claim for every figure no claim covers, into LEDGER/drafts/"),
    "migrate": ("kit.ledger.migrate", "upgrade a version-1 ledger to the version-2 model, in place"),
    "catalog": ("kit.ledger.catalog", "write CORPUS/catalog.json: the corpus as a Frictionless data catalog"),
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with the arguments of the command ``argv`` names (of every command when it names none): only
    that command's module is imported, so ``python -m kit validate`` does not load the drafter or the batch."""
    parser = argparse.ArgumentParser(prog="python -m kit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = [word for word in (sys.argv[1:] if argv is None else argv)[:1] if word in COMMANDS]
    for name, (module_name, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if named and name not in named:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            sub.set_defaults(handler=None)
            continue
        module.add_arguments(sub)
        sub.set_defaults(handler=module.main)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(argv).parse_args(argv)
    if args.handler is None:
        print(f"python -m kit {args.command}: not available in this version", file=sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
