"""The packaged ledger loads with proper dtypes, and each validation rule catches what it should.

Every rule test breaks a copy of the ledger in exactly one way and asserts the exact
``PATH:LINE: COLUMN: message`` line, so a rule that stops firing fails here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.paths import DEFAULT_LEDGER

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_1ed963706c63bb85.txt"
# SHA-256 of the article as captured; the seed is never edited.
SEED_SHA256 = "22d0e83ef708c33689177fbfb84c676982c8d6b43163be71f83bdc382c2059a2"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def errors(folder: Path) -> list[str]:
    return [str(problem) for problem in kit.validate(folder) if problem.severity == "error"]


# -- the packaged ledger -------------------------------------------------------


def test_seed_is_the_article_byte_for_byte():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    assert (DEFAULT_LEDGER / SEED.name).read_bytes() == SEED.read_bytes()


def test_packaged_ledger_is_sound_and_validate_is_silent():
    assert kit.validate() == []
    done = subprocess.run([sys.executable, "-m", "kit", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_claims_dtypes():
    claims = kit.claims()
    assert claims["value"].dtype == "float64"
    for column in ("topic", "unit", "bound", "basis", "stage"):
        assert isinstance(claims[column].dtype, pd.CategoricalDtype), column
    assert list(claims["topic"].cat.categories) == ["troops", "munitions", "aid", "recruitment"]
    assert claims["claim_id"].is_unique
    assert claims["claim_id"].tolist() == sorted(claims["claim_id"])


def test_sources_places_and_join():
    sources, places = kit.sources(), kit.places()
    assert isinstance(sources["side"].dtype, pd.CategoricalDtype)
    assert set(sources["side"].cat.categories) == {
        "United States",
        "Ukraine",
        "South Korea",
        "Russia",
        "unattributed reports",
    }
    assert places["latitude"].dtype == "float64" and places["longitude"].dtype == "float64"
    located = places.dropna(subset=["latitude"])
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
    edit(ledger / "claims.csv", "78,percent", "77,percent")
    edit(ledger / "claims.csv", "78%", "77%", count=1)
    # The quote no longer matches the article, so the copy must refuse to load...
    with pytest.raises(kit.LedgerError) as caught:
        kit.claims(ledger)
    assert "quote" in str(caught.value)
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
    deadlines = claims["deadline"].dropna().tolist()
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


# -- one test per validation rule -------------------------------------------------


def test_required_column_missing(ledger: Path):
    path = ledger / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][3] == "value"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([row[:3] + row[4:] for row in table])
    path.write_text(out.getvalue(), encoding="utf-8")
    assert errors(ledger)[0] == "ledger/claims.csv:1: value: required column is missing"


def test_duplicate_claim_id(ledger: Path):
    path = ledger / "claims.csv"
    line = line_of(path, "nis-four-brigades")
    edit(path, "nis-four-brigades,", "nis-12000-troops,")
    first = line_of(path, "nis-12000-troops")
    assert f"ledger/claims.csv:{line}: claim_id: duplicate 'nis-12000-troops' (first on line {first})" in errors(ledger)


def test_duplicate_id_differing_in_case(ledger: Path):
    path = ledger / "sources.csv"
    line = line_of(path, "us-kirby")
    edit(path, "us-kirby,", "us-austin,")
    edit(path, "us-austin,Lloyd", "US-AUSTIN,Lloyd")
    found = errors(ledger)
    assert any(
        re.fullmatch(r"ledger/sources\.csv:\d+: source_id: 'us-austin' differs only in case from 'US-AUSTIN'.*", e)
        or re.fullmatch(r"ledger/sources\.csv:\d+: source_id: 'US-AUSTIN' differs only in case from 'us-austin'.*", e)
        for e in found
    ), found
    assert line > 1


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("11000,soldiers", "11,000,soldiers", None),  # a comma splits the field: wrong field count
        ("11000,soldiers", '"11,000",soldiers', "value: '11,000' has thousands separators; write the plain number"),
        ("11000,soldiers", "1.1e4,soldiers", "value: '1.1e4' uses exponent notation; write the plain number"),
        ("11000,soldiers", "NaN,soldiers", "value: 'NaN' is not a finite number"),
        ("11000,soldiers", "inf,soldiers", "value: 'inf' is not a finite number"),
        ("11000,soldiers", "eleven thousand,soldiers", "value: 'eleven thousand' is not a plain number"),
    ],
)
def test_value_numeric_and_finite(ledger: Path, old: str, new: str, expected: str | None):
    path = ledger / "claims.csv"
    line = line_of(path, "budanov-11000-training")
    edit(path, old, new)
    found = errors(ledger)
    if expected is None:
        assert f"ledger/claims.csv:{line}: -: row has 15 fields, the header has 14" in found
    else:
        assert any(e.startswith(f"ledger/claims.csv:{line}: {expected}") for e in found), found


def test_percent_above_100(ledger: Path):
    path = ledger / "claims.csv"
    line = line_of(path, "medvedev-recruitment-78pct")
    edit(path, "78,percent", "178,percent")
    found = errors(ledger)
    assert f"ledger/claims.csv:{line}: value: 178 is above 100, the most a percent figure can be" in found


def test_negative_and_fractional_counts(ledger: Path):
    path = ledger / "claims.csv"
    negative, fraction = line_of(path, "budanov-11000"), line_of(path, "first-batch-2600")
    edit(path, "11000,soldiers", "-11000,soldiers")
    edit(path, "2600,soldiers", "2600.5,soldiers")
    found = errors(ledger)
    assert f"ledger/claims.csv:{negative}: value: -11000 is below 0, the least a count of soldiers can be" in found
    assert f"ledger/claims.csv:{fraction}: value: 2600.5 is not a whole number of soldiers" in found


@pytest.mark.parametrize(
    ("old", "new", "column", "choices"),
    [
        (",troops,nk-first-batch", ",troop,nk-first-batch", "topic", "troops, munitions, aid, recruitment"),
        ("2600,soldiers", "2600,men", "unit", "soldiers, brigades, containers, usd, percent"),
        ('total,exact,"2,600"', 'total,roughly,"2,600"', "bound", "exact, about, at_least, up_to"),
    ],
)
def test_enums(ledger: Path, old: str, new: str, column: str, choices: str):
    path = ledger / "claims.csv"
    line = line_of(path, "first-batch-2600")
    edit(path, old, new)
    bad = {"topic": "troop", "unit": "men", "bound": "roughly"}[column]
    assert f"ledger/claims.csv:{line}: {column}: '{bad}' is not one of: {choices}" in errors(ledger)


def test_dangling_claimant_and_place(ledger: Path):
    path = ledger / "claims.csv"
    line = line_of(path, "kirby-3000-arrived")
    edit(path, "us-kirby,arrived,vladivostok-port", "us-kirbi,arrived,vladivostok-harbour")
    found = errors(ledger)
    assert f"ledger/claims.csv:{line}: claimant: 'us-kirbi' is not a source_id in sources.csv" in found
    assert f"ledger/claims.csv:{line}: place_id: 'vladivostok-harbour' is not a place_id in places.csv" in found


def test_quote_edited_by_one_character_fails(ledger: Path):
    path = ledger / "claims.csv"
    line = line_of(path, "pyongyang-13000-containers")
    edit(path, "Pyongyang has shipped", "Pyongyang has shiped")
    assert errors(ledger) == [
        f"ledger/claims.csv:{line}: quote: quote is not verbatim in the article: it matches as far as "
        "'Pyongyang has ship' and then differs at 'ed 13,000 containers'"
    ]


def test_straight_apostrophe_where_article_has_curly(ledger: Path):
    path = ledger / "claims.csv"
    line = line_of(path, "medvedev-recruitment-78pct")
    edit(path, "Russia’s recruitment plan", "Russia's recruitment plan")
    assert errors(ledger) == [
        f'ledger/claims.csv:{line}: quote: quote is not verbatim in the article: it has "\'" where the article has '
        "'’' (straight and curly quotation marks and apostrophes differ; copy them from the article)"
    ]


def test_quote_in_article_without_the_figure(ledger: Path):
    path = ledger / "claims.csv"
    line = line_of(path, "nis-four-brigades")
    edit(path, "deploy four brigades to aid Russia", "to aid Russia")
    assert errors(ledger) == [
        f"ledger/claims.csv:{line}: as_written: the quote does not contain the figure as written ('four')"
    ]


def test_value_must_mean_the_figure_as_written(ledger: Path):
    path = ledger / "claims.csv"
    line = line_of(path, "pyongyang-13000-containers")
    edit(path, "13000,containers", "1300,containers")
    assert errors(ledger) == [
        f"ledger/claims.csv:{line}: value: 1300 does not match the figure as written ('13,000' means 13000)"
    ]


def test_unbalanced_quote_is_reported_and_later_rows_still_checked(ledger: Path):
    path = ledger / "claims.csv"
    broken, later = line_of(path, "kirby-3000-arrived"), line_of(path, "us-aid-400m")
    edit(path, 'earlier this month"', "earlier this month")
    edit(path, "400000000,usd", "400000000,dollars")
    found = errors(ledger)
    assert any(e.startswith(f"ledger/claims.csv:{broken}: -: malformed CSV") for e in found), found
    assert (
        f"ledger/claims.csv:{later}: unit: 'dollars' is not one of: soldiers, brigades, containers, usd, percent"
        in (found)
    )


def test_wrong_field_count(ledger: Path):
    path = ledger / "sources.csv"
    line = line_of(path, "us-kirby")
    edit(path, "United States,yes\nus-kirby", "United States,yes,extra\nus-kirby")
    assert f"ledger/sources.csv:{line - 1}: -: row has 6 fields, the header has 5" in errors(ledger)


def test_bytes_that_are_not_utf8(ledger: Path):
    path = ledger / "places.csv"
    line = line_of(path, "kyiv")
    path.write_bytes(path.read_bytes().replace(b"city of Kyiv", "city of Kyïv".encode("latin-1")))
    assert errors(ledger) == [
        f"ledger/places.csv:{line}: -: bytes that are not UTF-8 (0xef); "
        "save the file as UTF-8 (the spreadsheet's 'CSV UTF-8' format)"
    ]


def test_empty_file_and_missing_table(ledger: Path):
    (ledger / "nonfigures.csv").write_text("", encoding="utf-8")
    (ledger / "places.csv").unlink()
    found = errors(ledger)
    assert "ledger/nonfigures.csv:1: -: file is empty; expected a header line" in found
    assert "ledger/places.csv:1: -: table file is missing" in found


def test_problems_in_several_files_are_all_reported(ledger: Path):
    claims, sources, places = ledger / "claims.csv", ledger / "sources.csv", ledger / "places.csv"
    edit(claims, "78,percent", "101,percent")
    edit(sources, "Ukraine,yes\nua-us", "Ukrain,yes\nua-us")
    edit(places, "50.45466,30.5238", "150.45466,30.5238")
    found = errors(ledger)
    assert [e.split(":")[0] for e in found].count("ledger/claims.csv") >= 1
    assert any(e.startswith("ledger/sources.csv:") and "side: 'Ukrain'" in e for e in found)
    assert any(e.startswith("ledger/places.csv:") and "latitude: 150.45466 is above the maximum 90" in e for e in found)
    with pytest.raises(kit.LedgerError) as caught:
        kit.claims(ledger)
    assert {p.path for p in caught.value.problems} == {
        "ledger/claims.csv",
        "ledger/sources.csv",
        "ledger/places.csv",
    }


def test_command_reports_problems_and_exits_1(ledger: Path):
    edit(ledger / "claims.csv", "78,percent", "178,percent")
    done = subprocess.run(
        [sys.executable, "-m", "kit", "validate", "ledger"],
        cwd=ledger.parent,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1
    line = line_of(ledger / "claims.csv", "medvedev")
    assert done.stdout.splitlines() == [
        f"ledger/claims.csv:{line}: value: 178 does not match the figure as written ('78%' means 78)",
        f"ledger/claims.csv:{line}: value: 178 is above 100, the most a percent figure can be",
    ]
    assert "Traceback" not in done.stderr


def test_contributing_example_claim_validates(ledger: Path):
    """The worked example in CONTRIBUTING.md stays true: its row validates once the article has its sentence."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    row = re.search(r"```csv\n\s*(.+)\n", guide).group(1)
    sentence = re.search(r"\*\"(.+?)\"\*", guide).group(1)
    seed = ledger / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8") + sentence + "\n", encoding="utf-8")
    package = (ledger / "datapackage.json").read_text(encoding="utf-8")
    new_hash = hashlib.sha256(seed.read_bytes()).hexdigest()
    (ledger / "datapackage.json").write_text(package.replace(SEED_SHA256, new_hash), encoding="utf-8")
    with (ledger / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    assert errors(ledger) == []
    added = kit.claims(ledger).set_index("claim_id").loc["officials-1500-arrived"]
    assert (added["value"], added["bound"], added["as_written"]) == (1500, "about", "1,500")
