"""A statement id is one statement in every article of a story, so claims of two articles that share one must allow a
common value, as claims of one article must. Found on two real reports of one protest movement: each article's
curator tied its headline to its body with the ids "cgt-france" and "interior-france"; across the story the two
ids merged the 7 March counts with the 15 March ones, and the tracker said the second outlet had reported 3.5
million on 7 March, a figure it never printed, in a "cannot both be right" verdict. ``kit validate`` of the story
was silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared import small_ledger

import kit
from kit.ledger import validate_cli

FIRST = "Millions March\n\nPARIS (Northwire) - The union said 3.5 million people marched on Tuesday.\n"
SECOND = "Fewer March\n\nPARIS (Northwire) - The union said 1.7 million people marched on Wednesday.\n"
SOURCES = ["union,the union,union,labour,no"]
PACKAGE = {"quantities": {"marchers": {"label": "people marching"}}}


def _row(value: str, written: str, when: str, quote: str, statement: str) -> dict:
    return {"claim_id": "union-count", "topic": "society", "quantity": "marchers", "kind": "level", "value": value,
            "unit": "people", "bound": "exact", "as_written": written, "claimant": "union", "when": when,
            "counts": "people marching", "quote": quote, "statement": statement}  # fmt: skip


def _story(tmp_path: Path, second_value: str, second_written: str) -> Path:
    story = tmp_path / "story"
    story.mkdir()
    small_ledger(
        story,
        FIRST,
        dict(PACKAGE),
        SOURCES,
        [_row("3500000", "3.5 million", "2026-09-29", "3.5 million people marched", "union-count")],
        "a-first",
    )
    text = SECOND.replace("1.7 million", second_written)
    small_ledger(
        story,
        text,
        dict(PACKAGE),
        SOURCES,
        [_row(second_value, second_written, "2026-09-30", f"{second_written} people marched", "union-count")],
        "b-second",
    )
    return story  # fmt: skip


def test_an_id_shared_by_figures_no_value_fits_is_an_error_naming_both(tmp_path: Path, capsys) -> None:
    story = _story(tmp_path, "1700000", "1.7 million")
    assert validate_cli.main(validate_cli.argparse.Namespace(ledger=str(story))) == 1
    said = capsys.readouterr().out
    assert "b-second/claims.csv:2: statement:" in said and "a-first/claims.csv:2" in said, said
    assert "'1.7 million' (exact) and '3.5 million' (exact) allow no common value" in said, said


def test_a_story_leaves_out_the_article_whose_id_clashes_and_names_it(tmp_path: Path) -> None:
    story = _story(tmp_path, "1700000", "1.7 million")
    with pytest.raises(kit.LedgerError):
        kit.corpus(story)
    frame = kit.corpus(story, strict=False)
    assert set(frame["article"]) == {"a-first"} and [Path(folder).name for folder in frame.attrs["unsound"]] == [
        "b-second"
    ]


def test_an_id_shared_by_one_figure_in_two_articles_is_sound(tmp_path: Path, capsys) -> None:
    story = _story(tmp_path, "3500000", "3.5 million")
    assert validate_cli.main(validate_cli.argparse.Namespace(ledger=str(story))) == 0, capsys.readouterr().out
    assert set(kit.corpus(story)["article"]) == {"a-first", "b-second"}
