"""One statement, one reading: an article's page and the whole-story tracker read a statement said several times
by the same rule (kit/data/README.md, "Statements"), so they give it the same bound and the same interval.

The rule ranks the speaker's own quoted words above a paraphrase. Whether a figure is quoted speech can depend on
the article around its quote ("at least 10,000 people," said the director, with only the words inside the marks
copied), and a corpus does not carry the article's text: the voice is worked out when the ledger loads
(kit/ledger/voices.py) and travels as the claims column ``voice``.
"""

from __future__ import annotations

import math
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from shared import ROOT, rewrite_article

import kit
from kit import analysis
from kit.analysis import tracker
from kit.analysis.statements import read, voice
from kit.analysis.time import corpus_statements, figure_interval, one_per_statement

LEDGERS = sorted(path for path in (ROOT / "tests" / "ledgers").iterdir() if (path / "datapackage.json").is_file())
CORPUS = ROOT / "tests" / "corpus"
ARTICLES = sorted(path.parent for path in CORPUS.glob("*/datapackage.json"))


@dataclass(frozen=True)
class _Whole:
    """A page of the whole article: every figure, whatever its topic, side or claimant."""

    ledger: str
    topic: str | None = None
    side: str | None = None
    claimant: str | None = None


def _claims(folder: Path):
    return analysis.select(_Whole(str(folder)), every_status=True)


def _number(value: object) -> float | None:
    """A figure, or None where there is none (NaN is not equal to itself: a sizeless rise has no value)."""
    return None if value is None or math.isnan(float(value)) else float(value)


def _reading(row) -> tuple:
    """What a reader is told of a statement: its bound and figure, and the interval the kit reads it as."""
    if math.isnan(float(row["value"])):  # a change stated without a size: its words alone
        return (str(row["bound"]), None, None, None, None)
    low, high = figure_interval(row)
    return (str(row["bound"]), _number(row["value"]), _number(row["value_high"]), low, high)


def _page(folder: Path) -> dict[frozenset[str], tuple]:
    """Each statement of an article's page (as its estimates page reads them: with the article's text and
    headline), keyed by its claims as article/claim pairs."""
    seed = kit.article(folder)
    page = one_per_statement(_claims(folder), seed.text, seed.title)
    return {
        frozenset(f"{folder.name}/{claim}" for claim in row["statement_claims"]): _reading(row)
        for _, row in page.iterrows()
    }


def _tracker(folders: list[Path]) -> dict[frozenset[str], tuple]:
    """Each statement of a corpus of ``folders``, as the whole-story tracker reads it."""
    found = corpus_statements(kit.corpus(folders))
    return {frozenset(row["claims"]): _reading(row) for _, row in found.iterrows()}


@pytest.mark.parametrize("folder", [*LEDGERS, *ARTICLES], ids=lambda folder: folder.name)
def test_an_articles_page_and_the_tracker_read_each_statement_alike(folder: Path):
    page, story = _page(folder), _tracker([folder])
    assert page.keys() == story.keys()
    assert {claims: page[claims] for claims in page} == {claims: story[claims] for claims in page}


@pytest.mark.parametrize("folder", [*LEDGERS, *ARTICLES], ids=lambda folder: folder.name)
def test_a_page_reads_a_statement_alike_with_or_without_the_articles_text(folder: Path):
    """The estimates page passes the article; the reconciliation and over-time pages do not."""
    seed = kit.article(folder)
    claims = _claims(folder)
    with_text = one_per_statement(claims, seed.text, seed.title)
    without = one_per_statement(claims)
    assert [_reading(row) for _, row in with_text.iterrows()] == [_reading(row) for _, row in without.iterrows()]


def test_the_tracker_reads_the_corpus_as_each_claims_own_article_does():
    """Across articles: a statement reported by several outlets is read from each claim's voice in its own article,
    the rule applied by hand here, and the tracked statements carry the same reading."""
    frame = kit.corpus(CORPUS)  # the corpus folder, as the tracker reads it
    seeds = {folder.name: kit.article(folder) for folder in ARTICLES}
    frame = frame.assign(pair=frame["article"] + "/" + frame["claim_id"]).set_index("pair", drop=False)
    ranks = frame.apply(
        lambda row: voice(
            row["quote"],
            row["as_written"],
            seeds[row["article"]].text,
            seeds[row["article"]].title,
        ),
        axis=1,
    )
    story = _tracker(ARTICLES)
    for claims, said in story.items():
        members = frame.loc[sorted(claims)].assign(claim_id=lambda table: table["pair"])
        if len(members) == 1:
            assert said == _reading(members.iloc[0])
            continue
        reading = read(members, ranks)
        kept = members.loc[reading.claim_id]
        assert said == (*_reading(kept)[:3], reading.low, reading.high)
    tracked = tracker.tracked(frame.reset_index(drop=True).drop(columns="pair"))
    for _, row in tracked.iterrows():
        assert _reading(row) == story[frozenset(row["claims"])]


def test_the_camp_arrivals_read_at_least_10000_on_the_page_and_in_the_tracker():
    """The speaker's "at least 10,000" (quoted speech in the article, not within the quote the curator copied)
    outranks the outlet's "some 10,000" and the headline's unqualified 10,000, on both."""
    folder = ROOT / "tests" / "ledgers" / "camp"
    claims = {"agency-some-10000-arrived", "headline-10000-refugees", "ilieva-at-least-10000"}
    key = frozenset(f"camp/{claim}" for claim in claims)
    assert _page(folder)[key] == _tracker([folder])[key] == ("at_least", 10000.0, None, 10000.0, math.inf)


def test_the_voice_follows_the_article_not_the_copied_quote(tmp_path: Path):
    """Break a copy: take away the quotation marks around the speaker's words in the article, and her figure is a
    body sentence like the outlet's, so neither outranks the other: both read the interval all allow."""
    copy = tmp_path / "camp"
    shutil.copytree(ROOT / "tests" / "ledgers" / "camp", copy)
    claims = {"agency-some-10000-arrived", "headline-10000-refugees", "ilieva-at-least-10000"}
    key = frozenset(f"camp/{claim}" for claim in claims)
    quoted = kit.claims(copy).set_index("claim_id").loc["ilieva-at-least-10000", "quote"]
    text = (copy / "article.txt").read_text(encoding="utf-8")
    start = text.rindex("\n", 0, text.index(quoted)) + 1
    end = text.index("\n", start)
    paragraph = text[start:end]
    assert paragraph.count('"') == 2  # the speaker's words, and nothing else, in quotation marks
    plain = text[:start] + paragraph.replace('"', "") + text[end:]
    rewrite_article(copy, plain)
    assert kit.claims(copy).set_index("claim_id").loc["ilieva-at-least-10000", "voice"] == 1
    assert _page(copy)[key] == _tracker([copy])[key]
    assert _page(copy)[key][3] == 10000.0 and not math.isinf(_page(copy)[key][4])  # no longer "at least": a ceiling
