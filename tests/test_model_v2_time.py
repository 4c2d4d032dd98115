"""When a figure applies and which article it comes from: ISO 8601 periods, the publication date, the article's
identity, and what the loaders make of them.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from shared import edit_csv, kit_command

import kit
from kit import vocab
from kit.ledger import dates

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-08-14", date(2025, 8, 14), date(2025, 8, 14)),
        ("2025-08-11/2025-08-14", date(2025, 8, 11), date(2025, 8, 14)),
        ("2025-08/2025-09-03", date(2025, 8, 1), date(2025, 9, 3)),
        ("2024/2025", date(2024, 1, 1), date(2025, 12, 31)),
    ],
)
def test_a_period_covers_from_its_first_to_its_last_day(text: str, first: date, last: date):
    assert dates.period(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("November 1", "is not an ISO 8601 date or period"),
        ("11/1/2024", "is not an ISO 8601 date or period"),
        ("2025-8-14", "is not an ISO 8601 date or period"),
        ("2025-08-14/", "is not an ISO 8601 date or period"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2025-13", "there is no month 13"),
        ("0000", "year 0000"),
        ("2025-08-14/2025-08-11", "ends before it begins"),
    ],
)
def test_a_bad_period_is_explained(text: str, says: str):
    with pytest.raises(ValueError, match=says) as caught:
        dates.period(text)
    assert repr(text) in str(caught.value)


def test_publication_dates_and_date_times():
    assert dates.published("2025-08-14") == datetime(2025, 8, 14)
    stamp = dates.published("2025-08-14T06:05:00-07:00")
    assert stamp == datetime(2025, 8, 14, 6, 5, tzinfo=timezone(timedelta(hours=-7)))
    assert dates.published("2025-08-14T23:30Z").tzinfo == UTC
    assert dates.published_day("2025-08-14T23:30:00-07:00") == date(2025, 8, 14)  # the article's own day
    for bad in ("garbage date 99", "2025-13-45", "14/08/2025", "2025-08-14 06:05", "2025-08-14T24:00", "2025-02-30"):
        with pytest.raises(ValueError):
            dates.published(bad)


def test_the_packaged_article_is_undated_and_its_identity_is_there():
    article = kit.article()
    assert (article.published, article.published_time) == (None, False)
    assert (article.outlet, article.url, article.byline, article.language) == ("", "", "", "en")
    assert article.title == "North Korean Troops in Ukraine: US Warns Russia Amid Escalating Conflict"
    claims = kit.claims()
    assert claims["when"].isna().all() and claims["when_start"].isna().all() and claims["when_end"].isna().all()


def set_article(ledger: Path, **keys: object) -> None:
    path = ledger / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["article"].update(keys)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")


def test_a_dated_article_resolves_when_figures_apply(ledger: Path):
    set_article(
        ledger,
        published="2024-10-25T06:05:00+09:00",
        outlet="Wire",
        url="https://example.org/a",
        byline="By A. Writer",
    )
    edit_csv(ledger / "claims.csv", "by November 1,,deadline", "by November 1,2024-11-01,deadline")
    edit_csv(ledger / "claims.csv", "vladivostok-port,,,,", "vladivostok-port,earlier this month,2024-10/2024-10-24,,")
    assert kit.validate(ledger) == []
    article = kit.article(ledger)
    assert article.published == datetime(2024, 10, 25, 6, 5, tzinfo=timezone(timedelta(hours=9)))
    assert (article.outlet, article.url, article.byline, article.published_time) == (
        "Wire",
        "https://example.org/a",
        "By A. Writer",
        True,
    )
    claims = kit.claims(ledger).set_index("claim_id")
    assert claims.loc["first-batch-2600", "when_start"] == pd.Timestamp("2024-11-01")
    assert claims.loc["first-batch-2600", "when_kind"] == "deadline"
    assert claims.loc["kirby-3000-arrived", ["when_start", "when_end"]].tolist() == [
        pd.Timestamp("2024-10-01"),
        pd.Timestamp("2024-10-24"),
    ]
    assert claims["when_start"].isna().sum() == len(claims) - 2


def test_a_date_alone_is_that_day_without_a_time(ledger: Path):
    set_article(ledger, published="2024-10-25")
    edit_csv(ledger / "claims.csv", "by November 1,,deadline", "by November 1,2024-11-01,deadline")
    assert kit.validate(ledger) == []
    article = kit.article(ledger)
    assert (article.published, article.published_time) == (datetime(2024, 10, 25), False)


def test_the_curated_packaged_claims_say_what_each_figure_is():
    claims = kit.claims().set_index("claim_id")
    batch = claims.loc["first-batch-2600"]
    assert (batch["kind"], batch["of"], batch["when_written"], batch["when_kind"]) == (
        "part",
        "nk-soldiers-in-russia",
        "by November 1",
        "deadline",
    )
    assert pd.isna(batch["when"])
    assert (claims.loc["zelenskyy-6000-per-brigade", "kind"], claims.loc["zelenskyy-6000-per-brigade", "per"]) == (
        "per_unit",
        "brigades",
    )
    medvedev = claims.loc["medvedev-recruitment-78pct"]
    assert (medvedev["kind"], medvedev["of"]) == ("share", "russia-recruitment-plan")
    others = claims.drop(index=["first-batch-2600", "zelenskyy-6000-per-brigade", "medvedev-recruitment-78pct"])
    assert set(others["kind"]) == {"level"} and others["of"].isna().all() and others["per"].isna().all()
    assert claims["bound"].cat.categories.tolist() == list(vocab.names())  # the packaged ledger declares every bound
    assert claims["value_high"].dtype == "float64" and claims["value_high"].isna().all()


def run_new(tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    seed = tmp_path / "story.txt"
    seed.write_text("Weir Road Closed\n\nAbout 300 homes were hit.\n", encoding="utf-8")
    return kit_command("new", "weir", "--seed", str(seed), "--dir", str(tmp_path / "out"), *options, cwd=ROOT)


@pytest.mark.parametrize(
    ("published", "url", "language", "named"),
    [
        ("2025-13-45", "https://example.org", "en", "'2025-13-45'"),
        ("garbage date 99", "https://example.org", "en", "'garbage date 99'"),
        ("2025-08-14", "example.org/story", "en", "'example.org/story'"),
        ("2025-08-14", "https://example.org", "English", "'English'"),
    ],
)
def test_new_refuses_a_bad_identity_naming_it(tmp_path: Path, published: str, url: str, language: str, named: str):
    done = run_new(tmp_path, "--published", published, "--outlet", "Wire", "--url", url, "--language", language)
    assert done.returncode != 0 and named in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_new_fills_the_identity_and_the_headline_defaults_to_the_first_line(tmp_path: Path):
    done = run_new(tmp_path, "--published", "2025-08-14", "--outlet", "Wire", "--url", "", "--byline", "By A. Writer")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "weir"
    article = kit.article(folder)
    assert (article.title, article.outlet, article.published, article.url, article.byline, article.language) == (
        "Weir Road Closed",
        "Wire",
        datetime(2025, 8, 14),
        "",
        "By A. Writer",
        "en",
    )
    done = run_new(tmp_path, "--published", "undated", "--outlet", "", "--url", "", "--headline", "Another Headline")
    assert done.returncode != 0 and "already exists" in done.stderr
