"""Checking ``datapackage.json`` itself, before any table is read.

The data package is the single source of truth for columns, types, enums, ranges and keys: every later
check reads its rules from here. So this module first makes sure the package says what the kit needs, in
the types it needs, and reports where it does not (on the line of the JSON that says it), rather than
letting a malformed rule crash the checks that read it or silently check nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

from kit.ledger import folder as closed
from kit.ledger.cells import is_number
from kit.ledger.declarations import declared_problems, kit_enum_problem, unit_problems
from kit.ledger.identity import check_article
from kit.ledger.model import MODEL_VERSION, OPTIONAL_FIELDS, model_version
from kit.ledger.package_keys import ForeignKey as ForeignKey
from kit.ledger.package_keys import fields_of as fields_of
from kit.ledger.package_keys import foreign_keys as foreign_keys
from kit.ledger.package_keys import key_names as key_names
from kit.ledger.package_keys import primary_key as primary_key
from kit.ledger.package_keys import rules_of as rules_of
from kit.ledger.patterns import pattern_error
from kit.ledger.problems import Checker, lines_before
from kit.ledger.text import LAYOUT, MAX_TEXT_PROBLEMS, clip, invisible, json_texts
from kit.paths import shown

PACKAGE_FILE = "datapackage.json"
TABLES = ("claims", "sources", "places", "nonfigures")
#: Tables a ledger may add: its own hedge phrases, checked like the others when declared.
OPTIONAL_TABLES = ("hedges",)
FIELD_TYPES = ("string", "number", "integer")
#: a table's resource as JSON -> its path, for each resource the package check found nothing wrong with
_SOUND_RESOURCES: dict[str, str | None] = {}
_SOUND_KEPT = 256
_HASH = re.compile(r"(sha256:[0-9a-fA-F]{64}|(md5:)?[0-9a-fA-F]{32})")

# What the kit's own code needs of a field: (type, required, unique); _OPT_ fields may be empty.
_ID, _TEXT = ("string", True, True), ("string", True, False)
_OPT_TEXT, _OPT_NUMBER = ("string", False, False), ("number", False, False)
#: Fields the kit's own code reads, so a data package must declare them: name -> (type, required, unique).
KIT_FIELDS: dict[str, dict[str, tuple[str, bool, bool]]] = {
    "claims": {"claim_id": _ID, "quantity": _TEXT, "kind": _TEXT, "of": _OPT_TEXT, "per": _OPT_TEXT}
    | {"value": _OPT_NUMBER, "value_high": _OPT_NUMBER, "unit": _TEXT, "bound": _TEXT, "as_written": _TEXT}
    | {"claimant": _TEXT, "place_id": _OPT_TEXT, "when_written": _OPT_TEXT, "when": _OPT_TEXT}
    | {"when_kind": _OPT_TEXT, "quote": _TEXT},
    "sources": {"source_id": _ID},
    "places": {
        "place_id": _ID,
        "as_written": _TEXT,
        "precision": _TEXT,
        "latitude": _OPT_NUMBER,
        "longitude": _OPT_NUMBER,
    },
    "nonfigures": {"text": _TEXT},
    "hedges": {"phrase": _TEXT, "bound": _TEXT, "position": _TEXT},
}


def _reject_constant(name: str) -> None:
    raise ValueError(f"not valid JSON: {name} is not a JSON number")


def read_package(checker: Checker) -> dict | None:
    """The ledger's data package when it is usable; otherwise None, with every reason reported."""
    folder = checker.folder
    path = folder / PACKAGE_FILE
    if not folder.is_dir():
        found = closed.not_a_folder(folder).replace("no such folder", "does not exist")
        checker.add(folder, 1, "-", f"ledger folder {found}; give the folder that holds datapackage.json")
        return None
    if closed.refuse(checker, path, PACKAGE_FILE):
        return None
    data = checker.load(path)
    if data is None:
        checker.add(path, 1, "-", "file is missing; every ledger describes its tables in datapackage.json")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = lines_before(data, error.start)
        checker.add(path, line, "-", f"file is not UTF-8 ({error.reason}); save it as UTF-8")
        return None
    try:
        package = json.loads(text, parse_constant=_reject_constant)
    except ValueError as error:
        line = getattr(error, "lineno", 1)
        message = f"not valid JSON: {error.msg} (column {error.colno})" if hasattr(error, "msg") else str(error)
        checker.add(path, line, "-", f"{message}; fix the JSON syntax")
        return None
    except RecursionError:
        checker.add(path, 1, "-", "not valid JSON: nested too deeply; fix the JSON syntax")
        return None
    return _PackageCheck(checker, path, text).check(package)


class _PackageCheck:
    """Checks that datapackage.json says what the kit needs, in the types it needs, before any table is read."""

    def __init__(self, checker: Checker, path: Path, text: str):
        self.checker, self.path, self.text = checker, path, text
        self.failed = False

    def line(self, *keys: str) -> int:
        """The line of the first JSON string among keys, in order, each found after the previous: best effort."""
        position = 0
        for key in keys:
            found = self.text.find(json.dumps(key, ensure_ascii=False), position)
            if found >= 0:
                position = found
        return self.text.count("\n", 0, position) + 1

    def fail(self, column: str, message: str, *keys: str) -> None:
        self.checker.add(self.path, self.line(*keys), column, message)
        self.failed = True

    def check(self, package: object) -> dict | None:
        if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
            self.fail("resources", "datapackage.json needs a list of resources", "resources")
            return None
        if not self.version(package):
            return None
        resources = [resource for resource in package["resources"] if isinstance(resource, dict)]
        names = [resource.get("name") for resource in resources]
        for name in TABLES + OPTIONAL_TABLES:
            if name not in names and name in TABLES:
                self.fail("resources", f"no resource named {name!r}; the kit reads {', '.join(TABLES)}", "resources")
            elif names.count(name) > 1:
                self.fail("resources", f"two resources are named {name!r}; keep one", "resources")
        tables = {resource["name"]: resource for resource in resources if resource.get("name") in KIT_FIELDS}
        tables = {name: resource for name, resource in tables.items() if names.count(name) == 1}
        table_paths = {self.resource(resource) for resource in tables.values()}
        for resource in tables.values():
            self.foreign_keys(resource, tables)
        self.units(package.get("units", {}), resources)
        self.quantities(package.get("quantities", {}))
        for resource in resources:
            if resource.get("name") not in tables:
                self.hash(resource, "resources", "resources", str(resource.get("name")))
        self.text_fields(package)
        article = package.get("article")
        if not isinstance(article, dict) or not article.get("path"):
            self.fail("article", "datapackage.json must name the seed article (article.path)", "article")
        else:
            path = self.relative(article["path"], "article", "article", "path")
            if path is not None and (path in table_paths or path == PACKAGE_FILE):
                self.fail("article", f"article.path {path!r} is a file of the ledger, not the article", "article")
            check_article(article, lambda column, message, key: self.fail(column, message, "article", key))
        return None if self.failed else package

    def text_fields(self, package: dict) -> None:
        """Every text free of invisible characters, as cells are: texts reach pages as they are (not fatal).

        A file without a backslash holds each text as its characters (strict JSON has no raw control in a string),
        so when the whole file has no such character outside its layout, no text has one: one pass over the file
        instead of one per text, which was most of checking the package of a corpus's every ledger.
        """
        if "\\" not in self.text and invisible(self.text, LAYOUT) is None:
            return
        found = [(keys, text, hidden[1]) for keys, text in json_texts(package) if (hidden := invisible(text))]
        for keys, text, message in found[:MAX_TEXT_PROBLEMS]:
            column = clip(".".join(keys) or "-", 80)
            self.checker.add(self.path, self.line(*keys), column, f"{clip(text)!r} contains {message}")
        if len(found) > MAX_TEXT_PROBLEMS:
            self.checker.add(self.path, 1, "-", f"and {len(found) - MAX_TEXT_PROBLEMS} more such texts")

    def version(self, package: dict) -> bool:
        """True when the package follows the model this kit reads; a version-1 ledger is sent to ``kit migrate``."""
        found = model_version(package)
        if found == 1:
            folder = shown(self.path.parent)
            message = f"this ledger uses the version-1 model; run python -m kit migrate {folder}"
            self.checker.add(self.path, 1, "version", message)
            return False
        if found is None:
            self.fail("version", f'"version" must be the model\'s version, like "{MODEL_VERSION}.0.0"', "version")
        elif found > MODEL_VERSION:
            message = f"model version {found} is newer than this kit reads ({MODEL_VERSION}); update the kit"
            self.fail("version", message, "version")
            return False
        return True

    def relative(self, path: object, column: str, *keys: str) -> str | None:
        """A path inside the ledger folder, as Frictionless allows: relative, no '..'."""
        if not isinstance(path, str) or not path.strip() or "\x00" in path or len(path) > 255:
            self.fail(column, "path must be a file name inside the ledger folder", *keys)
            return None
        parts = PurePosixPath(path.replace("\\", "/"))
        if parts.is_absolute() or ".." in parts.parts or re.match(r"^[A-Za-z]:", path):
            self.fail(column, f"path {path!r} must stay inside the ledger folder (no '..', not absolute)", *keys)
            return None
        return str(parts)

    def hash(self, resource: dict, column: str, *keys: str) -> None:
        value = resource.get("hash")
        if value is not None and not (isinstance(value, str) and _HASH.fullmatch(value)):
            self.fail(column, "hash must be 'sha256:' and 64 hex digits, or 'md5:' and 32", *keys, "hash")

    def resource(self, resource: dict) -> str | None:
        """A table's resource checked (its path, or None when the path is not one), once per process for a
        resource written the same: the ledgers of a corpus share their tables' schemas, and checking them field
        by field was a fifth of checking each ledger. Only a resource with nothing wrong is remembered."""
        written = json.dumps(resource)
        if written in _SOUND_RESOURCES:
            return _SOUND_RESOURCES[written]
        found = len(self.checker.problems)
        path = self._resource(resource)
        if len(self.checker.problems) == found and len(_SOUND_RESOURCES) < _SOUND_KEPT:
            _SOUND_RESOURCES[written] = path
        return path

    def _resource(self, resource: dict) -> str | None:
        name = resource["name"]
        self.hash(resource, name, "resources", name)
        path = self.relative(resource.get("path"), name, "resources", name)
        fields = _declared(resource)
        if fields is None:
            self.fail(name, "schema.fields must be a non-empty list of fields", "resources", name)
            return path
        seen: set[str] = set()
        for spec in fields:
            if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"].strip():
                self.fail(name, "every field needs a name", "resources", name, "fields")
                continue
            self.field(name, spec, seen)
        primary = self.primary_key(resource, seen)
        for optional in OPTIONAL_FIELDS.get(name, ()):  # may be left out; declared, the kit reads it as text
            spec = next((spec for spec in fields if isinstance(spec, dict) and spec.get("name") == optional), None)
            if spec is not None and spec.get("type", "string") != "string":
                self.fail(f"{name}.{optional}", "the kit needs type 'string'", "resources", name, optional)
            if spec is not None and (problem := kit_enum_problem(name, optional, rules_of(spec, primary))):
                self.fail(f"{name}.{optional}", problem, "resources", name, optional)
        for needed, (kind, required, unique) in KIT_FIELDS[name].items():
            spec = next((spec for spec in fields if isinstance(spec, dict) and spec.get("name") == needed), None)
            if spec is None:
                self.fail(f"{name}.{needed}", "the kit reads this field; declare it", "resources", name, "fields")
                continue
            rules = rules_of(spec, primary)
            if spec.get("type", "string") != kind:
                self.fail(f"{name}.{needed}", f"the kit needs type {kind!r}", "resources", name, needed)
            if required and rules.get("required") is not True:
                self.fail(f"{name}.{needed}", "the kit needs this field required", "resources", name, needed)
            if unique and rules.get("unique") is not True:
                self.fail(f"{name}.{needed}", "the kit needs this field unique", "resources", name, needed)
            if problem := kit_enum_problem(name, needed, rules):
                self.fail(f"{name}.{needed}", problem, "resources", name, needed)
        return path

    def field(self, table: str, spec: dict, seen: set[str]) -> None:
        name = spec["name"]
        column, keys = f"{table}.{name}", ("resources", table, name)
        if name in seen:
            self.fail(column, "field declared twice; keep one", *keys)
        seen.add(name)
        if spec.get("type", "string") not in FIELD_TYPES:
            self.fail(column, f"type {spec.get('type')!r} is not one the kit reads: {', '.join(FIELD_TYPES)}", *keys)
        rules = spec.get("constraints", {})
        if not isinstance(rules, dict):
            self.fail(column, "constraints must be an object", *keys)
            return
        for key in ("required", "unique"):
            if key in rules and not isinstance(rules[key], bool):
                self.fail(column, f"constraints.{key} must be true or false", *keys)
        enum = rules.get("enum")
        if "enum" in rules and (
            not isinstance(enum, list) or not all(isinstance(item, str) for item in enum) or len(set(enum)) < len(enum)
        ):
            self.fail(column, "constraints.enum must be a list of distinct texts", *keys)
        if "pattern" in rules and (error := pattern_error(rules["pattern"])):
            self.fail(column, error, *keys)
        for key, message in declared_problems(spec):
            self.fail(column, message, *keys, key)
        for key in ("minimum", "maximum"):
            if key in rules and not is_number(rules[key]):
                self.fail(column, f"constraints.{key} must be a finite number", *keys)

    def primary_key(self, resource: dict, declared: set[str]) -> list[str]:
        """The resource's primary key when it names declared fields; [] (and a problem) when it does not."""
        name, schema = resource["name"], resource["schema"]
        if "primaryKey" not in schema:
            return []
        names = key_names(schema["primaryKey"])
        if names is None or not set(names) <= declared:
            keys = ("resources", name, "primaryKey")
            self.fail(f"{name}.primaryKey", "primaryKey must name declared fields of the table, each once", *keys)
            return []
        return names

    def foreign_keys(self, resource: dict, tables: dict[str, dict]) -> None:
        """Each foreign key names declared fields here and there, as many there as here, in a table of the kit."""
        name = resource["name"]
        keys = resource["schema"].get("foreignKeys", []) if _declared(resource) is not None else []
        column, where = f"{name}.foreignKeys", ("resources", name, "foreignKeys")
        if not isinstance(keys, list):
            self.fail(column, "foreignKeys must be a list of keys", *where)
            return
        for key in keys:
            reference = key.get("reference") if isinstance(key, dict) else None
            fields = key_names(key.get("fields")) if isinstance(key, dict) else None
            target = reference.get("resource") if isinstance(reference, dict) else None
            if fields is None or not isinstance(target, str):
                self.fail(column, "a foreign key needs fields and a reference to a resource and its fields", *where)
                continue
            target = target or name
            here = _names(resource)
            for field in fields:
                if field not in here:
                    self.fail(column, f"foreign key field {field!r} is not a field of {name}", *where, field)
            if target in TABLES and target not in tables:
                continue  # the table is missing or declared twice: reported already
            if target not in tables:
                known = ", ".join(TABLES)
                self.fail(
                    column, f"foreign key refers to {target!r}, not a table of the ledger ({known})", *where, target
                )
                continue
            if _declared(tables[target]) is None:
                continue  # that table's schema is reported already
            there = key_names(reference.get("fields"))
            if there is None:
                self.fail(column, f"reference.fields must name fields of {target}, each once", *where, target)
                continue
            if len(there) != len(fields):
                counts = f"{len(fields)} field(s) but refers to {len(there)}"
                self.fail(column, f"foreign key has {counts}; name as many fields on each side", *where, target)
                continue
            for field in there:
                if field not in _names(tables[target]):
                    self.fail(
                        column, f"foreign key refers to {target}.{field}, which is not declared", *where, target, field
                    )

    def quantities(self, quantities: object) -> None:
        """``quantities`` maps each quantity slug to its label, the words charts and sentences use for it."""
        if not isinstance(quantities, dict):
            self.fail("quantities", 'quantities must map each quantity to {"label": "words"}', "quantities")
            return
        for slug, entry in quantities.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("label"), str) or not entry["label"].strip():
                self.fail("quantities", f'quantity {slug!r} needs a label: {{"label": "words"}}', "quantities", slug)

    def units(self, units: object, resources: list[dict]) -> None:
        if not isinstance(units, dict):
            self.fail("units", "units must map each unit to its rules", "units")
            return
        for unit, rule in units.items():
            if not isinstance(rule, dict):
                self.fail("units", f"unit {unit!r} needs an object of rules", "units", unit)
                continue
            for key, message in unit_problems(unit, rule, units):
                self.fail("units", f"units.{unit}.{key} {message}", "units", unit)
        claims = next((resource for resource in resources if resource.get("name") == "claims"), {})
        for spec in _declared(claims) or []:
            if isinstance(spec, dict) and spec.get("name") == "unit" and isinstance(spec.get("constraints"), dict):
                enum = spec["constraints"].get("enum")
                for unit in enum if isinstance(enum, list) else []:
                    if isinstance(unit, str) and unit not in units:
                        self.fail("units", f"unit {unit!r} has no rules under 'units'; add them", "units")


def _declared(resource: dict) -> list | None:
    """A resource's schema.fields when it is a non-empty list, else None."""
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    return fields if isinstance(fields, list) and fields else None


def _names(resource: dict) -> set[str]:
    """The names of a resource's declared fields."""
    return {
        spec["name"]
        for spec in _declared(resource) or []
        if isinstance(spec, dict) and isinstance(spec.get("name"), str)
    }
