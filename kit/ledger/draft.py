"""``python -m kit draft LEDGER [--accept ID ...]``: draft a claim for every figure no claim covers.

``kit draft LEDGER`` writes ``LEDGER/drafts/claims.csv`` and ``LEDGER/drafts/sources.csv``: the ledger's claims
and sources columns plus ``draft_note`` (what was guessed rather than read), a claim per figure ``kit coverage``
finds and no claim covers, and a source row per speaker the ledger lacks (:mod:`kit.ledger.draft_rows` drafts each
column). Drafting again rewrites both files from the ledger as it stands: accepted rows are not drafted twice.

``kit draft LEDGER --accept ID ...`` moves the named drafts (and the new sources they cite) into ``claims.csv``
and ``sources.csv``, labels each new quantity in ``datapackage.json`` with the draft's ``counts``, then
validates the ledger and prints what to fix. Drafts never count as curated: coverage ignores them, and
``kit validate`` and ``kit coverage`` say how many wait.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from kit.ledger import (
    LedgerError,
    article,
    claims,
    coverage,
    dates,
    draft_aside,
    draft_context,
    draft_rows,
    draft_share,
    draft_speaker,
    draft_units,
    draft_unnamed,
    draft_who,
    ledger_dir,
)
from kit.ledger import package as read_package
from kit.ledger import sources as read_sources
from kit.ledger import validate as validate_ledger
from kit.ledger.datapackage import PACKAGE_FILE
from kit.ledger.draft_files import DRAFTS, DraftError
from kit.ledger.draft_files import read_rows as _read
from kit.ledger.draft_files import waiting as waiting
from kit.ledger.draft_files import waiting_line as waiting_line
from kit.ledger.hedges import vocabulary
from kit.paths import shown

NOTE = "draft_note"
_SIDE_WORDS = (
    ("military", r"\b(?:army|military|commander|general|defen[cs]e|navy|air force|armed forces)\b"),
    ("international organisation", r"\b(?:united nations|UN|WHO|red cross|red crescent|international|agency of)\b"),
    ("labour", r"\b(?:union|unions|workers)\b"),
    ("business", r"\b(?:company|firm|chief executive|CEO|bank|corp|inc|ltd|operator|airline|retailer)\b"),
    ("expert", r"\b(?:professor|analyst|economist|researcher|scientist|expert|university|institute)\b"),
    ("news outlet", r"\bthe outlet's own reporting\b"),
    ("opposition", r"\b(?:opposition)\b"),
    (
        "government",
        r"\b(?:ministry|minister|government|agency|department|county|city|mayor|state|police|office"
        r"|official|officials|council|governor|spokesman|spokeswoman|spokesperson|authority|authorities)\b",
    ),
)


def _fields(package: dict, table: str) -> list[str]:
    resource = next(item for item in package["resources"] if item.get("name") == table)
    return [spec["name"] for spec in resource["schema"]["fields"]]


def _enum(package: dict, table: str, column: str) -> list[str]:
    resource = next(item for item in package["resources"] if item.get("name") == table)
    spec = next((item for item in resource["schema"]["fields"] if item["name"] == column), {})
    return list(spec.get("constraints", {}).get("enum", []))


def _side(words: str, sides: list[str]) -> str:
    for side, pattern in _SIDE_WORDS:
        if side in sides and re.search(pattern, words, re.IGNORECASE):
            return side
    return "unattributed reports" if "unattributed reports" in sides else (sides[0] if sides else "")


def _bare(name: str) -> str:
    """A name with its article set aside and in lower case, to tell two unnamed speakers apart."""
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip().lower())


def _named(name: str) -> str:
    """Whether a speaker is named: a proper name, not a description ("the union", "one owner")."""
    return "yes" if name[:1].isupper() and not name.lower().startswith(("the ", "a ", "an ", "one ")) else "no"


class _Sources:
    """The ledger's sources and the ones drafted so far, found by name."""

    def __init__(self, existing: pd.DataFrame, sides: list[str]) -> None:
        self.known = [(row["source_id"], row["name"]) for _, row in existing.iterrows()]
        self.roles = {row["source_id"]: str(row.get("role", "")) for _, row in existing.iterrows()}
        self.sides, self.drafted = sides, []
        self.unnamed: set[str] = set()  # drafted sources of speakers the article leaves unnamed

    def claimant(self, who: draft_who.Speaker) -> str:
        for n, (source_id, name) in enumerate(self.known):
            if (who.unnamed or source_id in self.unnamed) and _bare(who.name) != _bare(name):
                continue  # "an official" who withholds a name is not "officials" nor "a government official"
            if self._fuller(n, who) or draft_who.same(who.name, name):
                return source_id
        if who.unnamed:
            return self._unnamed(who)
        source_id = self._free(draft_rows.slug(who.name) or "source")
        side = _side(f"{who.name} {who.role}", self.sides)
        note = f"new speaker; side {side!r} guessed from the words; check name, role, side and named"
        note += f"; {draft_who.HEADLINE}" if draft_who.HEADLINE in who.rule else ""
        role = who.role or who.name
        row = {"source_id": source_id, "name": who.name, "role": role, "side": side, "named": _named(who.name)}
        row[NOTE] = note
        self.drafted.append(row)
        self.known.append((source_id, who.name))
        self.roles[source_id] = role
        return source_id

    def _unnamed(self, who: draft_who.Speaker) -> str:
        """A source of its own for a speaker the article leaves unnamed (the data README's claimant rule)."""
        row = draft_unnamed.source(who.name, who.role, self.sides)
        row["source_id"] = self._free(row["source_id"])
        self.drafted.append(row)
        self.known.append((row["source_id"], who.name))
        self.roles[row["source_id"]] = who.role
        self.unnamed.add(row["source_id"])
        return row["source_id"]

    def _free(self, source_id: str) -> str:
        taken = {known for known, _ in self.known}
        base, number = source_id, 2
        while source_id in taken:
            source_id, number = f"{base}-{number}", number + 1
        return source_id

    def _fuller(self, n: int, who: draft_who.Speaker) -> bool:
        """A headline's "..., Farmers Say" names in short a speaker the body names in full ("the Varden Farmers'
        Union said"): the drafted source takes the body's full name and role. Whether it did."""
        source_id, name = self.known[n]
        row = next((row for row in self.drafted if row["source_id"] == source_id), None)
        said = draft_who.HEADLINE
        loose = draft_who.same(who.name, name, loose=True)
        if row is None or said not in row[NOTE] or len(who.name) <= len(name) or said in who.rule or not loose:
            return False
        self.known[n] = (source_id, who.name)
        row.update(name=who.name, role=who.role or who.name, named=_named(who.name))
        self.roles[source_id] = row["role"]
        row["side"] = _side(f"{who.name} {who.role}", self.sides)
        row[NOTE] = row[NOTE].replace(draft_who.HEADLINE, "named in full in the body")
        return True


def _published(package: dict) -> object:
    text = (package.get("article") or {}).get("published")
    return dates.published_day(text) if text else None


def draft(ledger: str | os.PathLike | None) -> tuple[list[dict], list[dict]]:
    """The drafted claims and sources of a sound ledger, in the article's order; raises LedgerError if unsound."""
    package, seed = read_package(ledger), article(ledger)
    existing, known_sources = claims(ledger), read_sources(ledger)
    ctx = draft_rows.Context(
        seed.text,
        _published(package),
        (package.get("article") or {}).get("outlet", ""),
        list(dict.fromkeys([*package.get("units", {}), *_enum(package, "claims", "unit")])),
        vocabulary(_hedge_rows(ledger, package)),
    )
    topics = _enum(package, "claims", "topic")
    used = Counter(existing["topic"].astype(str)) if len(existing) else Counter()
    topic = used.most_common(1)[0][0] if used else (topics[0] if topics else "")
    people = _Sources(known_sources, _enum(package, "sources", "side"))
    ids = set(existing["claim_id"].astype(str))
    found = sentences = draft_rows.sentences(seed.text)
    rows = []
    headline = seed.text.find("\n", len(seed.text) - len(seed.text.lstrip()))
    body_at = headline if headline >= 0 else len(seed.text)
    for figure in coverage.uncovered(ledger):
        figure = draft_rows.as_fraction(figure, seed.text)
        if draft_rows.skip_reason(figure, seed.text):
            continue
        index = next((n for n, (start, end, _) in enumerate(found) if start <= figure.start < end), None)
        if index is None:
            continue
        start, end, paragraph = sentences[index]
        earlier = [seed.text[s:e] for s, e, p in sentences[:index] if p == paragraph]
        before = tuple(seed.text[s:e] for s, e, p in sentences[:index] if p == paragraph - 1)
        before_at = sentences[index - 1][0] if index and sentences[index - 1][2] == paragraph else None
        row = _row(figure, seed.text[start:end], start, (earlier, before, before_at, body_at), ctx, people, ids, topic)
        ids.add(row["claim_id"])
        ctx.rows.append(row)
        rows.append(row)
    draft_context.headline(rows, body_at)
    return [{key: cell for key, cell in row.items() if not key.startswith("_")} for row in rows], people.drafted


def _hedge_rows(ledger: str | os.PathLike | None, package: dict) -> list[dict]:
    resource = next((item for item in package["resources"] if item.get("name") == "hedges"), None)
    path = ledger_dir(ledger) / resource["path"] if resource else None
    if path is None or not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _row(figure, sentence, sentence_at, earlier, ctx, people, ids, topic) -> dict:
    notes = []
    start, end = draft_rows._clause(sentence, figure.start - sentence_at)
    aside = draft_aside.aside(sentence, figure.start - sentence_at)
    start = max(start, aside or 0)  # the reporter's aside after an attribution is a clause of its own
    quote = sentence[start:end]
    written = draft_rows.as_written(figure)
    value, high = draft_share.in_percent(figure, written, ctx.text) or draft_rows.values(written)
    same_sentence = [row for row in ctx.rows if row.get("_sentence") == sentence_at]
    previous = same_sentence[-1] if same_sentence else (ctx.rows[-1] if ctx.rows else None)
    unit, unit_note = draft_units.unit(figure, written, ctx, previous)
    notes += [unit_note] if unit_note else []
    bound = draft_rows.bound(quote, written, ctx.words)
    kind = draft_rows.kind(figure, written, ctx, bound)
    at = figure.start - sentence_at - start
    place = draft_context.Place(
        quote, start, at, len(figure.text), sentence, sentence_at, earlier[2], earlier[3], ctx.text
    )
    when, step = draft_context.when_of(place, ctx.published, kind, previous, ctx.rows)
    notes += [draft_context.NOTES[step]] if step in draft_context.NOTES else []
    roles = [(name, people.roles.get(source_id, "")) for source_id, name in people.known]
    who = draft_speaker.find(sentence, sentence_at, figure.start, earlier, ctx.text, ctx.outlet, roles)
    notes.append(f"claimant: {who.rule}")
    claimant = people.claimant(who)
    of = ""
    if kind == "part":
        of = previous["claim_id"] if previous else ""
    what = draft_rows.counts(quote, at + len(figure.text))
    quantity = draft_rows.slug(" ".join(what.split()[:4]), 40) or "quantity"
    if kind == "share":
        of = previous["quantity"] if previous and previous.get("_sentence") == sentence_at else quantity
    claim_id = _unique(draft_rows.slug(f"{claimant} {written} {unit}", 60) or "draft", ids)
    notes.append("topic, quantity, counts and place guessed")
    return {
        "claim_id": claim_id,
        "topic": topic,
        "quantity": quantity,
        "kind": kind,
        "of": of,
        "per": "",
        "value": _plain(value),
        "value_high": _plain(high),
        "unit": unit,
        "bound": bound,
        "as_written": written,
        "claimant": claimant,
        "stage": "",
        "place_id": "",
        "when_written": when.written if when else "",
        "when": when.when if when else "",
        "when_kind": when.kind if when else "",
        "counts": what,
        "quote": quote,
        "statement": "",
        NOTE: "; ".join(notes),
        "_sentence": sentence_at,
        "_at": figure.start,
        "_step": step,
        "_dates": draft_context.dates_others(step, quote),
        "_future": draft_context.future(quote),
    }


def _unique(base: str, ids: set[str]) -> str:
    claim_id, number = base, 2
    while claim_id in ids:
        claim_id, number = f"{base}-{number}", number + 1
    return claim_id


def _plain(number: float | None) -> str:
    if number is None:
        return ""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _drafts_folder(folder: Path) -> Path:
    drafts = folder / DRAFTS
    if drafts.is_symlink() or (drafts.exists() and not drafts.is_dir()):
        raise DraftError(f"{shown(drafts)} is not a folder of this ledger (a link or a file); remove it first")
    return drafts


def write(ledger: str | os.PathLike | None) -> tuple[int, int]:
    """Write the drafts of a ledger; (claims, sources) drafted."""
    folder = ledger_dir(ledger)
    rows, people = draft(ledger)
    package = read_package(ledger)
    drafts = _drafts_folder(folder)
    drafts.mkdir(exist_ok=True)
    for name, table, found in (("claims.csv", "claims", rows), ("sources.csv", "sources", people)):
        target = drafts / name
        if target.is_symlink():
            raise DraftError(f"{shown(target)} is a link; remove it first")
        target.write_text(_csv(found, [*_fields(package, table), NOTE]), encoding="utf-8")
    return len(rows), len(people)


def accept(ledger: str | os.PathLike | None, wanted: list[str]) -> list[str]:
    """Move the named drafts, and the drafted sources they cite, into the ledger; the ids moved."""
    folder = ledger_dir(ledger)
    drafts = _drafts_folder(folder)
    drafted = _read(drafts / "claims.csv", ("claim_id", "claimant", "quantity", "counts"))
    people = _read(drafts / "sources.csv", ("source_id",))
    wanted = list(dict.fromkeys(wanted))
    by_id = {row["claim_id"]: row for row in drafted}
    missing = [claim_id for claim_id in wanted if claim_id not in by_id]
    if missing:
        raise DraftError(f"no draft {', '.join(map(repr, missing))} in {shown(drafts / 'claims.csv')}")
    try:
        package = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    except ValueError as error:
        raise DraftError(
            f"{shown(folder / PACKAGE_FILE)} is not readable JSON ({error}); python -m kit validate"
        ) from error
    moved = [by_id[claim_id] for claim_id in wanted]
    cited = {row["claimant"] for row in moved}
    new_people = [row for row in people if row["source_id"] in cited]
    for table, rows in (("claims", moved), ("sources", new_people)):
        _append(folder, package, table, rows)
    labels = package.setdefault("quantities", {})
    for row in moved:
        labels.setdefault(row["quantity"], {"label": row["counts"]})
    (folder / PACKAGE_FILE).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    remaining = [row for row in drafted if row["claim_id"] not in wanted]
    left = [row for row in people if row["source_id"] not in cited]  # a moved source is the ledger's now
    (drafts / "claims.csv").write_text(_csv(remaining, [*_fields(package, "claims"), NOTE]), encoding="utf-8")
    (drafts / "sources.csv").write_text(_csv(left, [*_fields(package, "sources"), NOTE]), encoding="utf-8")
    return wanted


def _append(folder: Path, package: dict, table: str, rows: list[dict]) -> None:
    """Add rows to a ledger table, sorted by its first column as curators keep them."""
    resource = next(item for item in package["resources"] if item.get("name") == table)
    path = folder / resource["path"]
    if path.is_symlink():
        raise DraftError(f"{shown(path)} is a link; the kit writes only the ledger's own files")
    columns = _fields(package, table)
    current = _read(path)
    merged = sorted(current + [{key: row.get(key, "") for key in columns} for row in rows], key=lambda r: r[columns[0]])
    path.write_text(_csv(merged, columns), encoding="utf-8")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", help="ledger folder")
    parser.add_argument("--accept", nargs="+", metavar="ID", help="move these drafted claims into the ledger")


def main(args: argparse.Namespace) -> int:
    try:
        if args.accept:
            moved = accept(args.ledger, args.accept)
            print(f"moved {len(moved)} drafted claim{'s' if len(moved) != 1 else ''} into the ledger")
            problems = validate_ledger(args.ledger)
            for problem in problems:
                print(problem)
            return 1 if any(problem.severity == "error" for problem in problems) else 0
        drafted, people = write(args.ledger)
    except LedgerError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("kit draft needs a sound ledger: fix the problems above (python -m kit validate)", file=sys.stderr)
        return 2
    except (DraftError, OSError, ValueError) as error:  # ValueError: a shared non-figures list that is not text,reason
        print(f"python -m kit draft: {error}", file=sys.stderr)
        return 2
    folder = shown(ledger_dir(args.ledger) / DRAFTS)
    print(f"drafted {drafted} claims and {people} new sources into {folder}/")
    print("each row's draft_note says what was guessed rather than read")
    print(f"next: check each draft, then python -m kit draft {args.ledger} --accept ID ...")
    return 0
