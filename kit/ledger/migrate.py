"""``python -m kit migrate DIR``: upgrade a version-1 ledger to the version-2 model, in place.

What it does, row by row: ``basis`` per a group becomes kind per_unit, per the unit of groups, which is declared
a group of its members (the version-1 model's one unit of groups, in model_v1.json); ``basis`` total becomes
kind level; a ``deadline`` becomes when_written with when_kind deadline; the other new columns stay empty.
``datapackage.json`` gets version 2.0.0 and the version-2 claim fields (the ledger's own topics, units and
stages kept, every other definition the model's), and the article's identity keys: outlet, url and byline
empty, published kept when it is a date and null otherwise, language "en". What it cannot know, it leaves
to the curator and says so: which figures are parts or shares, and of what. Nothing is written unless the
whole ledger can be upgraded.
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import io
import json
import os
import sys
from pathlib import Path

from kit.ledger import folder as closed
from kit.ledger.bound_upgrade import BOUNDS_DECLARED, upgrade_bounds
from kit.ledger.datapackage import PACKAGE_FILE
from kit.ledger.identity import language_problem, published_problem
from kit.ledger.model import MODEL_VERSION, OPTIONAL_FIELDS, VOCABULARIES, model_fields, model_version
from kit.paths import shown

VERSION = f"{MODEL_VERSION}.0.0"
OLD_COLUMNS = ("basis", "deadline")
NEW_COLUMNS = ("kind", "of", "per", "value_high", "when_written", "when", "when_kind")
#: What the version-1 model's ``basis`` meant: data, so no unit of one article is named in code.
V1 = json.loads((Path(__file__).parent / "model_v1.json").read_text(encoding="utf-8"))


class MigrationError(Exception):
    """A ledger that cannot be upgraded; the message says why, and nothing was written."""


def _resource(package: dict, name: str) -> dict:
    for resource in package.get("resources", []):
        if isinstance(resource, dict) and resource.get("name") == name:
            return resource
    raise MigrationError(f"{PACKAGE_FILE} has no resource named {name!r}")


def claim_fields(old: list[dict]) -> list[dict]:
    """The version-2 claim fields: the model's, with the ledger's own specs of its vocabularies (topics, units,
    stages) kept, and any column of its own after them."""
    own = {spec["name"]: spec for spec in old if isinstance(spec, dict) and isinstance(spec.get("name"), str)}
    fields = [spec for spec in model_fields("claims") if spec["name"] not in OPTIONAL_FIELDS["claims"]]
    names = {spec["name"] for spec in fields}
    upgraded = [own.get(spec["name"], spec) if spec["name"] in VOCABULARIES["claims"] else spec for spec in fields]
    return upgraded + [spec for name, spec in own.items() if name not in names and name not in OLD_COLUMNS]


def _article(article: dict, changes: list[str], where: str) -> dict:
    """The article's identity keys of version 2, the ones already there kept when they are sound."""
    upgraded = dict(article)
    published = article.get("published")
    if published is not None and not (isinstance(published, str) and not published_problem(published)):
        changes.append(f"{where}: article.published {published!r} is not an ISO 8601 date; set to null")
        upgraded["published"] = None
    upgraded.setdefault("published", None)
    added = [key for key in ("outlet", "url", "byline") if not isinstance(article.get(key), str)]
    for key in added:
        upgraded[key] = ""
    language = article.get("language")
    if not isinstance(language, str) or language_problem(language):
        upgraded["language"] = "en"
        added.append("language 'en'")
    if added:
        changes.append(f"{where}: article gains {', '.join(added)}; fill in what the article states")
    return upgraded


def _row(cells: dict[str, str], line: str, changes: list[str]) -> dict[str, str]:
    """One claim in version-2 columns."""
    basis, deadline = cells.pop("basis", ""), cells.pop("deadline", "")
    row = {"kind": "level", "of": "", "per": "", "value_high": "", "when_written": "", "when": "", "when_kind": ""}
    if basis == V1["basis_per_group"]:
        row.update(kind="per_unit", per=V1["group_unit"])
        changes.append(f"{line}: basis {basis} -> kind per_unit, per {V1['group_unit']}")
    elif basis not in (V1["basis_total"], ""):
        either = f"{V1['basis_total']} or {V1['basis_per_group']}"
        raise MigrationError(f"{line}: basis {basis!r} has no version-2 kind; make it {either} first")
    if deadline:
        row.update(when_written=deadline, when_kind="deadline")
        changes.append(f"{line}: deadline {deadline!r} -> when_written {deadline!r}, when_kind deadline")
    return {**cells, **row}


def _claims(path: Path, fields: list[dict], changes: list[str]) -> tuple[str, bool]:
    """The claims table rewritten in the version-2 columns, as CSV text; and whether a figure is per a group."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise MigrationError(f"{shown(path)} cannot be read ({error}); fix it, then migrate") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise MigrationError(f"{shown(path)} is empty; it needs at least its header line")
    if "kind" in header and "basis" not in header:
        message = f"{shown(path)} already has the version-2 columns; set version to {VERSION} in {PACKAGE_FILE}"
        raise MigrationError(message)
    names = [spec["name"] for spec in fields]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    levels = per_group = 0
    for cells in reader:
        line = f"{shown(path)}:{reader.line_num}"
        if len(cells) != len(header):
            raise MigrationError(f"{line}: row has {len(cells)} fields, the header has {len(header)}; fix it first")
        row = _row(dict(zip(header, cells, strict=True)), line, changes)
        levels += row["kind"] == "level"
        per_group += row["per"] == V1["group_unit"]
        unknown = set(row) - set(names)
        if unknown:
            raise MigrationError(f"{line}: column {sorted(unknown)[0]!r} is not declared in {PACKAGE_FILE}")
        writer.writerow({name: row.get(name, "") for name in names})
    added = ", ".join(name for name in NEW_COLUMNS if name in names)
    changes.insert(0, f"{shown(path)}: columns basis and deadline replaced by {added}")
    changes.insert(1, f"{shown(path)}: {levels} claim(s) of basis total -> kind level")
    return out.getvalue(), per_group > 0


def migrate(folder: str | os.PathLike) -> list[str]:
    """Upgrade the ledger in folder in place; the lines that say what changed ([] when it is already current).

    A version-2 ledger only has its bounds upgraded where its words mean a finer bound (kit.ledger.bound_upgrade)."""
    folder = Path(folder)
    if not folder.is_dir():
        found = closed.not_a_folder(folder).replace("no such folder", "is not a folder")
        raise MigrationError(f"{shown(folder)} {found}; give the folder that holds {PACKAGE_FILE}")
    package_path = folder / PACKAGE_FILE
    try:
        package = json.loads(closed.check(folder, package_path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MigrationError(f"{shown(package_path)} cannot be read ({error}); fix it, then migrate") from error
    if not isinstance(package, dict):
        raise MigrationError(f"{shown(package_path)} is not a data package")
    found = model_version(package)
    if found == MODEL_VERSION:  # already version 2: only bounds its words now read more finely change
        try:
            return upgrade_bounds(folder, package, package_path)
        except closed.OutsideFolder as error:
            raise MigrationError(f"{shown(package_path)}: claims: {error}") from error
        except (OSError, UnicodeDecodeError) as error:
            raise MigrationError(f"{shown(folder)}: claims cannot be upgraded ({error})") from error
    if found != 1:
        version = package.get("version")
        raise MigrationError(f"{shown(package_path)} has version {version!r}; kit migrate upgrades version 1.x.y")
    upgraded = copy.deepcopy(package)
    where = shown(package_path)
    changes = [f"{where}: version {package.get('version')} -> {VERSION}; claim fields of the version-2 model"]
    upgraded["version"] = VERSION
    article = package.get("article") if isinstance(package.get("article"), dict) else {}
    upgraded["article"] = _article(article, changes, where)
    claims = _resource(upgraded, "claims")
    schema = claims.get("schema") if isinstance(claims.get("schema"), dict) else {}
    fields = claim_fields(schema.get("fields") if isinstance(schema.get("fields"), list) else [])
    claims["schema"] = {**schema, "fields": fields}
    try:
        claims_path = closed.inside(folder, claims.get("path", "claims.csv"))
    except closed.OutsideFolder as error:
        raise MigrationError(f"{where}: claims: {error}") from error
    table_changes: list[str] = []
    table, per_group = _claims(claims_path, fields, table_changes)
    if per_group:
        _declare_group(upgraded, fields, changes, where)
    if isinstance(claims.get("hash"), str):
        claims["hash"] = "sha256:" + hashlib.sha256(table.encode("utf-8")).hexdigest()
    package_text = json.dumps(upgraded, indent=2, ensure_ascii=False) + "\n"
    try:  # both files or neither: a ledger half upgraded would be neither version
        closed.write_all({claims_path: table.encode("utf-8"), package_path: package_text.encode("utf-8")})
    except OSError as error:
        raise MigrationError(f"cannot write in {shown(folder)} ({error.strerror or error})") from error
    return table_changes + changes


def _declare_group(package: dict, fields: list[dict], changes: list[str], where: str) -> None:
    """A figure per a group is per the unit of groups, which the ledger must declare, a group of its members."""
    group, member = V1["group_unit"], V1["member_unit"]
    unit = next(spec for spec in fields if spec["name"] == "unit")
    if not isinstance(unit.setdefault("constraints", {}), dict):
        raise MigrationError(f"{where}: claims field unit: constraints must be an object; fix it, then migrate")
    enum = unit["constraints"].get("enum")
    if isinstance(enum, list) and group not in enum:
        enum.append(group)
        changes.append(f"{where}: unit {group} declared, for the figures {V1['basis_per_group'].replace('_', ' ')}")
    units = package.setdefault("units", {})
    if isinstance(units, dict) and group not in units:
        units[group] = {"whole": True, "minimum": 0}
    if (
        isinstance(units, dict)
        and isinstance(units[group], dict)
        and member in units
        and "group_of" not in units[group]
    ):
        units[group]["group_of"] = member  # the version-1 model's arithmetic, now the ledger's declaration
        changes.append(f"{where}: unit {group} declared a group of {member}, as the version-1 model read it")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", help="the folder of a version-1 ledger, upgraded in place")


def main(args: argparse.Namespace) -> int:
    folder = args.ledger
    try:
        changes = migrate(folder)
    except MigrationError as error:
        print(f"python -m kit migrate: {error}; nothing was changed", file=sys.stderr)
        return 1
    if not changes:
        print(f"{shown(Path(folder))} already uses the version-{MODEL_VERSION} model; nothing to do")
        return 0
    for change in changes:
        print(change)
    if changes[-1].endswith(BOUNDS_DECLARED):  # a version-2 ledger: its bounds were all there was to upgrade
        return 0
    print(
        "now mark parts and shares by hand: kind part or share, and in of the claim_id or quantity of the whole; "
        f"then run python -m kit validate {shown(Path(folder))}"
    )
    return 0
