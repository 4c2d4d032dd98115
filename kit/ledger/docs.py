"""The column tables of a ledger's README, generated from its ``datapackage.json``.

The data package is where a column's type, constraints and definition are decided; a README written by
hand drifts from it. So the README's column tables are made from the package, and a test fails when the
two disagree. ``python -m kit.ledger.docs [LEDGER_DIR]`` rewrites the tables between the markers
``<!-- tables -->`` and ``<!-- /tables -->`` of ``LEDGER_DIR/README.md`` (default: the packaged ledger).
"""

from __future__ import annotations

import argparse
import sys

from kit.ledger.datapackage import OPTIONAL_TABLES, TABLES, fields_of, foreign_keys, primary_key, read_package
from kit.ledger.load import ledger_dir
from kit.ledger.patterns import SLUG
from kit.ledger.problems import Checker

README = "README.md"
START, END = "<!-- tables -->", "<!-- /tables -->"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def allowed(rules: dict) -> str:
    """The values a field allows, in the words a curator reads: "unique slug", "`a`, `b`", "-90..90"."""
    parts = []
    if "pattern" in rules:
        parts.append("slug" if rules["pattern"] == SLUG else f"matches `{rules['pattern']}`")
    if "enum" in rules:
        parts.append(", ".join(f"`{value}`" for value in rules["enum"]))
    if "minimum" in rules or "maximum" in rules:
        parts.append(f"{rules.get('minimum', '')}..{rules.get('maximum', '')}")
    if rules.get("unique"):
        return " ".join(["unique", *parts[:1]]) + "".join(f"; {part}" for part in parts[1:])
    return "; ".join(parts)


def _names(fields: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"`{name}`" for name in fields)


def resource_table(resource: dict) -> str:
    """The Markdown section for one table: what a row is, its key, one line per column, its foreign keys."""
    intro = resource.get("description", "").strip()
    primary = primary_key(resource)
    if primary:
        intro += f" Primary key: {_names(primary)}."
    lines = [f"## `{resource['path']}`", "", intro.strip(), ""]
    lines += ["| Header | Type | Required | Allowed | Definition |", "|---|---|---|---|---|"]
    for spec in fields_of(resource):
        rules = spec["constraints"]
        required = "yes" if rules.get("required") else "no"
        row = [f"`{spec['name']}`", spec.get("type", "string"), required, allowed(rules), spec.get("description", "")]
        lines.append("| " + " | ".join(_cell(part) for part in row) + " |")
    for key in foreign_keys(resource):
        there = ", ".join(f"`{key.resource}.{name}`" for name in key.reference)
        lines += ["", f"{_names(key.fields)} refers to {there}."]
    return "\n".join(lines) + "\n"


def tables_markdown(package: dict) -> str:
    """The sections of every table the kit reads, in the order the package lists them."""
    kit_tables = TABLES + OPTIONAL_TABLES
    resources = [item for item in package["resources"] if isinstance(item, dict) and item.get("name") in kit_tables]
    return "\n".join(resource_table(resource) for resource in resources)


def rewrite(readme: str, package: dict) -> str:
    """The README text with the generated tables put between its markers; the rest is left as it is."""
    before, start, rest = readme.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the README needs the markers {START} and {END} around the tables")
    return f"{before}{START}\n{tables_markdown(package)}\n{END}{after}"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the README's tables from the package; exit 1, writing nothing, when that cannot be done right.

    A package with problems, or a README without the markers, would give tables that document the wrong thing.
    """
    parser = argparse.ArgumentParser(prog="python -m kit.ledger.docs", description=__doc__.splitlines()[0])
    parser.add_argument("ledger", nargs="?", default=None, help="ledger folder (default: the packaged ledger)")
    checker = Checker(ledger_dir(parser.parse_args(argv).ledger))
    package = read_package(checker)
    if package is None:
        for problem in checker.sorted_problems():
            print(problem, file=sys.stderr)
        return 1
    path = checker.folder / README
    try:
        text = rewrite(path.read_text(encoding="utf-8"), package)
    except ValueError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
