"""The ledger model, version 2: what every ledger's ``datapackage.json`` must say, and the broad defaults a new
ledger starts from.

``model.json`` beside this module is a complete version-2 data package: every table, its fields in order,
their types, constraints and definitions, and default vocabularies (topics, units, sides, place kinds and
roles) that ``kit new`` copies and the curator extends. The vocabularies are each ledger's own; what is the
kit's (the values of ``kind``, ``bound``, ``when_kind``, a hedge's ``position``) is fixed here, because the
kit's code reads those values.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path

from kit import vocab

MODEL_FILE = Path(__file__).with_name("model.json")
#: The major version of the data package "version" that this kit reads.
MODEL_VERSION = 2
#: Values the kit's own code reads, so a ledger may declare no others: table -> field -> values.
KIT_ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "claims": {
        "kind": tuple(vocab.kinds()),
        "bound": vocab.names(),
        "when_kind": ("as_of", "deadline", "forecast"),
        "status": tuple(vocab.statuses()),
        "period": tuple(vocab.periods()),
    },
    "hedges": {"bound": vocab.names(), "position": ("before", "after")},
}
#: Fields of the model a ledger may leave undeclared (``kit new`` declares them; ``kit migrate`` does not add them):
#: table -> field names. Declared, they are checked like any other field.
OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {"claims": ("statement", "status", "period", "change_from")}
#: Kinds that name what they belong to in ``of``, and the kind that names a unit in ``per``.
OF_KINDS = vocab.kinds_where(names="of")
PER_KIND = vocab.kinds_where(names="per")[0]
#: Kinds of time that may lie after the article's publication.
AHEAD = ("deadline", "forecast")
#: The vocabularies each ledger declares for itself: table -> fields whose enum is the ledger's own list.
VOCABULARIES = {"claims": ("topic", "unit", "stage"), "sources": ("side",), "places": ("kind", "role")}
_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)(?:[-+].*)?")


@cache
def _model() -> dict:
    return json.loads(MODEL_FILE.read_text(encoding="utf-8"))


def model() -> dict:
    """The version-2 model as a data package, a fresh copy each call."""
    return copy.deepcopy(_model())


def model_fields(table: str) -> list[dict]:
    """The model's fields of one table, in order."""
    resource = next(resource for resource in _model()["resources"] if resource["name"] == table)
    return copy.deepcopy(resource["schema"]["fields"])


def model_version(package: dict) -> int | None:
    """The model a data package follows: the major number of its "version"; None when that is not a version.

    A package without a version that still declares the version-1 columns (``basis``, ``deadline``) is read
    as version 1, so an old ledger is always sent to ``kit migrate``.
    """
    version = package.get("version")
    if isinstance(version, str) and (match := _VERSION.fullmatch(version)):
        return max(1, int(match[1]))
    if version is None and _declares_v1_columns(package):
        return 1
    return None


def _declares_v1_columns(package: dict) -> bool:
    for resource in package.get("resources", []):
        if isinstance(resource, dict) and resource.get("name") == "claims":
            schema = resource.get("schema")
            fields = schema.get("fields") if isinstance(schema, dict) else None
            names = {spec.get("name") for spec in fields if isinstance(spec, dict)} if isinstance(fields, list) else ()
            return bool({"basis", "deadline"} & set(names)) and "kind" not in names
    return False
