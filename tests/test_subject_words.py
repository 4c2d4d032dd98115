"""No article's subject in generic code or on another article's pages.

Generic code: no module under kit/ may name the packaged article's subject (its units soldiers and brigades, its
stages, its place roles, its story), in code, docstrings or comments; those are data in kit/data/datapackage.json
(its units' group_of, its stages, its place roles and their words). The kit's own data files (kit/vocab, the
version-1 model in kit/ledger/model_v1.json) are data, not code, and are not searched.

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
from shared import ROOT
from tiny_notebooks import run_in_process

from kit.paths import DEFAULT_LEDGER

KIT = ROOT / "kit"
#: The packaged article's subject words as code would spell them (a unit, a stage, a place role, its story).
CODE_WORDS = re.compile(  # an underscore separates words too: BRIGADE_UNIT, per_brigade, training_base
    r"(?<![a-z])(soldiers?|brigades?|troops?|training[ _]bases?|training[ _]areas?|landing[ _]ports?|front|arrived|"
    r"arrivals?|training|deploying|deployed|north kor[a-z]*|kursk)(?![a-z])",
    re.IGNORECASE,
)
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


def test_no_module_names_the_packaged_articles_subject() -> None:
    found = {
        str(path.relative_to(ROOT)): _named(path.read_text(encoding="utf-8")) for path in sorted(KIT.rglob("*.py"))
    }
    named = {path: count for path, count in found.items() if count}
    assert named == {}, "subject words in generic code; declare them in the ledger's datapackage.json instead"


def test_no_notebook_text_names_the_packaged_articles_subject() -> None:
    """A notebook's own Markdown (its title and intro) is on the page of every article it renders, so, like kit
    code, it names no unit, stage or place role of the packaged article (its outputs may: they come from the
    ledger rendered)."""
    found = {
        f"{notebook.name} cell {index}": CODE_WORDS.findall("".join(cell["source"]))
        for notebook in NOTEBOOKS
        for index, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"])
        if cell["cell_type"] == "markdown"
    }
    assert {where: words for where, words in found.items() if words} == {}


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
