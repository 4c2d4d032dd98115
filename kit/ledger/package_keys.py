"""A data package's keys and field rules as the kit reads them once the package is checked: a Table Schema key's
field names, a resource's primary and foreign keys, and each field's constraints as the kit applies them.

Apart from :mod:`kit.ledger.datapackage`, which checks the package and re-exports these, so that module keeps to one
job: saying what is wrong with ``datapackage.json``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ForeignKey:
    """One declared foreign key: these fields of a table must be a row of those fields of another."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


def key_names(value: object) -> list[str] | None:
    """The field names of a Table Schema key (one name or a list of them); None when it is not one."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(name, str) and name for name in names):
        return None
    return names if len(set(names)) == len(names) else None


def primary_key(resource: dict) -> list[str]:
    """The primary key of a resource's schema, [] when it declares none."""
    return key_names(resource["schema"].get("primaryKey")) or []


def foreign_keys(resource: dict) -> list[ForeignKey]:
    """The foreign keys of a checked resource, a self-reference ("") resolved to the resource's own name."""
    keys = []
    for key in resource["schema"].get("foreignKeys", []):
        reference = key["reference"]
        target = reference["resource"] or resource["name"]
        keys.append(ForeignKey(tuple(key_names(key["fields"])), target, tuple(key_names(reference["fields"]))))
    return keys


def rules_of(spec: dict, primary: list[str]) -> dict:
    """A field's constraints as the kit applies them: the sole field of a primary key is required and unique."""
    rules = dict(spec.get("constraints", {})) if isinstance(spec.get("constraints", {}), dict) else {}
    if primary == [spec.get("name")]:
        rules.update(required=True, unique=True)
    return rules


def fields_of(resource: dict) -> list[dict]:
    """A checked resource's fields with the constraints the kit applies (see rules_of), in declared order."""
    primary = primary_key(resource)
    return [{**spec, "constraints": rules_of(spec, primary)} for spec in resource["schema"]["fields"]]
