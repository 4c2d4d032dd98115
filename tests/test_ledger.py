"""The packaged ledger loads typed as its data package declares, holds every figure of its article, and the
curation guide's example stays true.

Each validation rule is a case of the broken-ledger corpus (tests/broken/, run by test_broken_corpus.py),
which asserts the exact ``PATH:LINE: COLUMN: message`` lines; keys and the README's tables have their own
test files (test_ledger_keys.py, test_ledger_docs.py).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from shared import edit_csv

import kit
from kit.ledger import TABLES
from kit.paths import DEFAULT_LEDGER

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_1ed963706c63bb85.txt"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the packaged ledger -------------------------------------------------------


def test_packaged_seed_is_the_captured_article_pinned_by_its_hash():
    """kit/data holds the article of seeds/ byte for byte, and its data package pins it by hash, so an edit fails."""
    assert (DEFAULT_LEDGER / SEED.name).read_bytes() == SEED.read_bytes()
    (resource,) = [resource for resource in kit.package()["resources"] if resource["path"] == SEED.name]
    assert resource["hash"] == f"sha256:{sha256(SEED)}"


@pytest.mark.parametrize("name", TABLES)
def test_loaders_type_every_column_as_the_data_package_declares(name: str):
    """Columns in declared order; numbers float64, integers Int64, enums categoricals in enum order; rows by key."""
    (resource,) = [resource for resource in kit.package()["resources"] if resource["name"] == name]
    fields = resource["schema"]["fields"]
    frame = getattr(kit, name)()
    declared = [spec["name"] for spec in fields]
    if name == "claims":  # the first and last day `when` covers, derived, right after it
        at = declared.index("when") + 1
        declared[at:at] = ["when_start", "when_end"]
        assert frame["when_start"].dtype == frame["when_end"].dtype == "datetime64[s]"
        assert list(frame["per"].dtype.categories) == list(frame["unit"].dtype.categories)
        declared.append("unit_whole")  # whether the package declares the claim's unit a count
        assert frame["unit_whole"].dtype == "bool" and frame.loc[frame["unit"] == "usd", "unit_whole"].eq(False).all()
        declared.append("voice")  # whose words each figure is in, from the article (kit/ledger/voices.py)
        assert frame["voice"].dtype == "int64"
    assert list(frame.columns) == declared
    for spec in fields:
        column, rules = frame[spec["name"]], spec.get("constraints", {})
        if spec["name"] == "per":
            continue  # a unit of the ledger: checked above
        if spec.get("type") == "number":
            assert column.dtype == "float64", spec["name"]
        elif spec.get("type") == "integer":
            assert column.dtype == "Int64", spec["name"]
        elif "enum" in rules:
            assert list(column.dtype.categories) == rules["enum"], spec["name"]
        else:
            assert column.dtype == "string", spec["name"]
        if rules.get("required"):
            assert column.notna().all(), spec["name"]
    key = resource["schema"]["primaryKey"]
    assert not frame.duplicated(key).any()
    assert frame[key].equals(frame.sort_values(key)[key])


def test_coordinates_and_the_claims_sources_join():
    located = kit.places().dropna(subset=["latitude"])
    assert located["latitude"].between(-90, 90).all() and located["longitude"].between(-180, 180).all()
    joined = kit.claims_with_sources()
    assert len(joined) == len(kit.claims())
    assert joined["side"].notna().all() and joined["claimant_name"].notna().all()
    nis = joined.set_index("claim_id").loc["nis-four-brigades"]
    assert (nis["side"], nis["claimant_name"]) == ("South Korea", "National Intelligence Service (NIS)")


def test_article_title_and_text():
    article = kit.article()
    assert article.title == SEED.read_text(encoding="utf-8").splitlines()[0]
    assert article.text == SEED.read_text(encoding="utf-8")


def test_loaders_take_another_ledger_folder(ledger: Path):
    edit_csv(ledger / "claims.csv", "78,,percent", "77,,percent")
    # The value no longer means the figure as written, so the copy must refuse to load...
    with pytest.raises(kit.LedgerError) as caught:
        kit.claims(ledger)
    assert [problem.column for problem in caught.value.problems] == ["value"]
    # ...while the packaged ledger is untouched.
    assert 78 in kit.claims()["value"].tolist()


def test_places_the_article_names_are_all_there():
    named = {
        "Vladivostok",
        "Ussuriysk",
        "Khabarovsk",
        "Blagoveshchensk",
        "Kursk",
        "Yakutia",
        "Buryatia",
        "Sverdlov weapons factory",
        "Lipetsk-2 airbase",
        "Kremniy El microelectronics plant",
    }
    assert named <= set(kit.places()["as_written"])
    roles = kit.places().groupby("role", observed=True)["place_id"].apply(set).to_dict()
    assert len(roles["training_base"]) == 4 and len(roles["strike_target"]) == 3
    assert roles["landing_port"] == {"vladivostok-port"}


# -- every figure in the article is in the ledger ---------------------------------

_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_FIGURE = re.compile(rf"\$?\d[\d,]*(?:\.\d+)?(?:\s(?:million|billion))?%?|\b(?:{_WORDS})\b", re.IGNORECASE)


def test_every_figure_in_the_article_is_claimed():
    """An independent scan (not kit.coverage): each numeral or number word is a claim or declared not one."""
    text = SEED.read_text(encoding="utf-8")
    claims = kit.claims()
    declared = kit.nonfigures()["text"].tolist()
    deadlines = claims["when_written"].dropna().tolist()
    spans = [(m.start(), m.end()) for quote in claims["quote"] for m in re.finditer(re.escape(quote), text)]
    missing = []
    for match in _FIGURE.finditer(text):
        start, end = match.span()
        if any(d in text[max(0, start - 20) : end + 20] and match.group() in d for d in declared + deadlines):
            continue
        covering = [
            quote for quote in claims["quote"] if any(s <= start and end <= e for s, e in spans if text[s:e] == quote)
        ]
        if not covering:
            missing.append(match.group())
    assert missing == []
    # And the headline figures are each carried with the value the article means.
    by_written = claims.groupby("as_written", observed=True)["value"].apply(set).to_dict()
    assert by_written["12,000"] == {12000}
    assert by_written["$400 million"] == {400_000_000}
    assert by_written["78%"] == {78}
    assert by_written["four"] == {4}
    assert by_written["2,600"] == {2600}
    assert by_written["13,000"] == {13000}


def test_no_ledger_figure_is_hard_coded_in_kit():
    written = set(kit.claims()["as_written"]) | {f"{v:g}" for v in kit.claims()["value"] if v >= 10}
    written -= {"two", "four"}  # number words are vocabulary in kit/figures.py, not figures
    offenders = []
    for path in sorted((ROOT / "kit").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {w}" for w in written if re.search(rf"(?<![\w,.]){re.escape(w)}(?![\w,])", source)]
    assert offenders == []


# -- the curation guide -----------------------------------------------------------


def test_contributing_example_claim_validates(ledger: Path):
    """The worked example in CONTRIBUTING.md stays true: its row validates once the article has its sentence."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    row = re.search(r"```csv\n\s*(.+)\n", guide).group(1)
    sentence = re.search(r"\*\"(.+?)\"\*", guide).group(1)
    seed = ledger / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8") + sentence + "\n", encoding="utf-8")
    package = (ledger / "datapackage.json").read_text(encoding="utf-8")
    (ledger / "datapackage.json").write_text(package.replace(sha256(SEED), sha256(seed)), encoding="utf-8")
    with (ledger / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    assert kit.validate(ledger) == []
    added = kit.claims(ledger).set_index("claim_id").loc["officials-1500-arrived"]
    assert (added["value"], added["bound"], added["as_written"]) == (1500, "about", "1,500")
    assert (added["kind"], added["when_written"]) == ("rise", "on Monday")
    # The header of claims.csv is the column list the guide gives, in order.
    columns = re.search(r"The columns, in order: (.+?)\. `value`", guide, re.DOTALL).group(1)
    assert re.findall(r"`(\w+)`", columns) == (ledger / "claims.csv").read_text(encoding="utf-8").split("\n")[0].split(
        ","
    )
