"""No article's subject in generic code or on another article's pages.

Generic code: no module under kit/ may name the packaged article's subject (its units soldiers and brigades, its
stages, its place roles, its story); those are data in kit/data/datapackage.json. Modules that still do are listed
below with how many such words each holds: the list may only shrink, so a new occurrence fails at once.

The packaged ledger (kit/data) is one article's subject: soldiers in brigades, training bases, the front, stages
arrived, training and deploying. Its words are data, declared in its datapackage.json, and must not leak onto the
pages of a ledger on another subject. This test renders every notebook in process on the test ledgers
(tests/ledgers/camp, tests/ledgers/port; tests/tiny_notebooks.py run_in_process) and fails when a page uses one of
the packaged article's unit, stage or place-role words that the ledger's own files (its declarations, tables and
article) never use.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT
from tiny_notebooks import run_in_process

from kit.paths import DEFAULT_LEDGER

KIT = ROOT / "kit"
#: The packaged article's subject words as code would spell them (a unit, a stage, a place role, its story).
CODE_WORDS = re.compile(  # an underscore separates words too: BRIGADE_UNIT, per_brigade, training_base
    r"(?<![a-z])(soldiers?|brigades?|troops?|training[ _]bases?|training[ _]areas?|landing[ _]ports?|front|arrived|"
    r"arrivals?|training|deploying|deployed|north kor[a-z]*|kursk)(?![a-z])",
    re.IGNORECASE,
)
#: Modules that still name the packaged article's subject, and how many times: the work left (see the notes of
#: issue 19). Lower a count when you remove some; never raise one or add a module. migrate.py is the exception
#: that stays: the version-1 model's ``basis`` per_brigade is what it upgrades.
STILL_NAMED = {
    "kit/analysis/__init__.py": 5,
    "kit/analysis/geo.py": 10,
    "kit/analysis/reconcile.py": 16,
    "kit/analysis/sizes.py": 86,
    "kit/analysis/time.py": 1,
    "kit/figures.py": 4,
    "kit/ledger/claim_rules.py": 1,
    "kit/ledger/coverage.py": 2,
    "kit/ledger/draft.py": 1,
    "kit/ledger/migrate.py": 27,
    "kit/ledger/rules.py": 1,
    "kit/report/charts.py": 19,
    "kit/report/land.py": 1,
    "kit/report/landing.py": 1,
    "kit/report/map.py": 16,
    "kit/report/narrative.py": 34,
    "kit/report/overview.py": 6,
    "kit/report/params.py": 2,
    "kit/report/reconciliation.py": 15,
    "kit/report/reconciliation_chart.py": 3,
    "kit/report/sections.py": 5,
    "kit/report/titles.py": 12,
    "kit/report/tracker.py": 1,
    "kit/report/words.py": 4,
    "kit/run/cli.py": 1,
}
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
LEDGERS = [ROOT / "tests" / "ledgers" / "camp", ROOT / "tests" / "ledgers" / "port"]
#: Words of the packaged article's subject beyond its declared vocabularies (its topic is "troops").
SUBJECT = ("troop", "per brigade", "training base", "the front", "north korea")


def _declared(package: dict) -> set[str]:
    """The unit, stage and place-role words a data package declares, as a reader would read them."""
    words = set(package.get("units", {}))
    for resource in package.get("resources", []):
        for spec in resource.get("schema", {}).get("fields", []):
            if (resource.get("name"), spec.get("name")) in {("claims", "stage"), ("places", "role")}:
                words |= set(spec.get("constraints", {}).get("enum", []))
    return {word.replace("_", " ").lower() for word in words}


def _stem(word: str) -> str:
    """'soldiers' -> 'soldier', so "1 soldier" and "soldiers" are one word; 'deploying' stays."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _foreign(ledger: Path) -> list[str]:
    """The packaged article's subject words that this ledger never uses: not in its article, its tables, nor its
    declared stages and place roles. (Its units block is not counted: ``kit new`` copies broad default units.)"""
    packaged = json.loads((DEFAULT_LEDGER / "datapackage.json").read_text(encoding="utf-8"))
    own_package = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    files = [path for path in sorted(ledger.iterdir()) if path.is_file() and path.suffix != ".json"]
    own = " ".join(path.read_text(encoding="utf-8").lower() for path in files)
    own += " " + " ".join(_declared({**own_package, "units": {}}))
    words = {_stem(word) for word in _declared(packaged)} | set(SUBJECT)
    return sorted(word for word in words if word not in own)


def _text(outputs: list[dict]) -> str:
    """Every text a reader sees on the page: Markdown, HTML and plain text outputs (not the images' bytes)."""
    return "\n".join(str(value) for output in outputs for mime, value in output.items() if mime.startswith("text/"))


def _named(text: str) -> int:
    return len(CODE_WORDS.findall(text))


def test_no_new_module_names_the_packaged_articles_subject() -> None:
    found = {
        str(path.relative_to(ROOT)): _named(path.read_text(encoding="utf-8")) for path in sorted(KIT.rglob("*.py"))
    }
    grown = {path: count for path, count in found.items() if count > STILL_NAMED.get(path, 0)}
    assert grown == {}, "subject words in generic code; declare them in the ledger's datapackage.json instead"


def test_the_search_finds_subject_words_in_code() -> None:
    """The check itself: a line of code naming the packaged article's units or stages is counted."""
    assert _named('BRIGADE_UNIT = "brigades"  # soldiers per_brigade, arrived or training') == 6
    assert _named("rounding = FIGURE_UNITS; confronted") == 0


def test_the_list_of_subject_words_is_read_from_the_packaged_declarations() -> None:
    """The check reads the packaged ledger's own vocabularies: a change there changes what is looked for."""
    words = _foreign(LEDGERS[0])
    assert {"soldier", "brigade", "training", "deploying", "training base", "front"} <= set(words)


@pytest.mark.kernel
@pytest.mark.parametrize("ledger", LEDGERS, ids=lambda path: path.name)
def test_no_page_uses_a_unit_or_stage_word_its_ledger_does_not_declare(ledger: Path, monkeypatch) -> None:
    foreign = _foreign(ledger)
    found = {}
    for notebook in NOTEBOOKS:
        parameters = {"ledgers": [str(ledger)]} if notebook.stem == "07-tracker" else {"ledger": str(ledger)}
        page = _text(run_in_process(notebook, parameters, monkeypatch)).lower()
        monkeypatch.undo()
        for word in foreign:
            for match in re.finditer(rf"\b{re.escape(word)}", page):
                found.setdefault(notebook.stem, []).append(page[max(0, match.start() - 60) : match.end() + 60])
    assert found == {}
