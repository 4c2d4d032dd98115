"""A page reads its ledger once: it builds one frozen model of what it shows (kit.report.model), loading each table
of its ledger one time, and its sentences, charts and tables render that model without reading the ledger again.

Counted, not timed: every call into a ``kit.ledger`` loader (benchmarks/ledger_reads.py counts the calls into the
one read function behind them, and every open of a file in the ledger's folder)."""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from shared import ROOT

from kit import ledger as _ledger
from kit.paths import DEFAULT_LEDGER
from kit.report import (
    annotated,
    charts,
    model,
    narrative,
    parts,
    reconciliation,
    reconciliation_chart,
    sections,
    time_chart,
    tracker,
)
from kit.report import overview as overview_words
from kit.report.map import places_map_of
from kit.report.params import check

sys.path.insert(0, str(ROOT / "benchmarks"))
from ledger_reads import counting  # noqa: E402

BUDGET = ROOT / "tests" / "ledgers" / "budget"
CORPUS = ROOT / "tests" / "corpus"
#: The loaders a page may call, each once: one per table of the ledger (and its data package and article).
LOADERS = ("claims", "claims_with_sources", "sources", "places", "nonfigures", "package", "article", "ledger_version")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def loader_calls(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Calls of each public kit.ledger loader while the test runs (kit code calls them as ``_ledger.NAME``)."""
    calls: Counter = Counter()
    for name in LOADERS:
        original = getattr(_ledger, name)

        def counted(*args, _name=name, _original=original, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(_ledger, name, counted)
    return calls


PAGES = {
    "estimates": sections.estimates,
    "over time": sections.over_time,
    "reconciliation": sections.reconciliation,
    "parts and shares": sections.parts_and_shares,
    "overview": sections.overview,
    "single figures": sections.single_figures,
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("folder", [BUDGET, DEFAULT_LEDGER], ids=["budget", "packaged"])
def test_a_page_loads_each_table_of_its_ledger_once(page: str, folder: Path, loader_calls: Counter) -> None:
    params = check(ledger=str(folder))  # the parameters cell checks the ledger first, as a notebook does
    loader_calls.clear()
    with counting(folder) as reads:
        found = PAGES[page](params)  # the page's model, built, and every section rendered from it
    if page != "over time" or folder == BUDGET:  # the packaged article states no quantity at two dates
        assert found and all(section.blocks for section in found)
    assert loader_calls and max(loader_calls.values()) == 1, loader_calls
    assert reads.loads == sum(loader_calls.values())
    assert not reads.opens  # the ledger was checked by the parameters cell: no file of it is read again


@pytest.fixture
def calls_by_folder(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Calls of each kit.ledger loader per ledger folder (a story reads many), the corpus loader included."""
    calls: Counter = Counter()
    for name in (*LOADERS, "corpus", "unchecked_article"):
        original = getattr(_ledger, name)

        def counted(*args, _name=name, _original=original, **kwargs):  # noqa: ANN002, ANN003, ANN202
            given = args[0] if args else kwargs.get("ledger")
            folders = given if isinstance(given, list) else [given]
            calls[(_name, tuple(str(Path(folder or DEFAULT_LEDGER).resolve()) for folder in folders))] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(_ledger, name, counted)
    return calls


def test_the_tracker_reads_each_ledger_of_its_story_once_and_renders_its_model(calls_by_folder: Counter) -> None:
    """The tracker's parameters cell reads the story into its model (kit.report.story_model), each loader once per
    ledger; the page's sections, charts and tables then render it and read nothing."""
    folders = [str(folder) for folder in sorted(CORPUS.iterdir()) if (folder / _ledger.PACKAGE_FILE).is_file()]
    story = tracker.check_ledgers(folders)
    assert calls_by_folder and max(calls_by_folder.values()) == 1, calls_by_folder
    read = {folder for (_, given) in calls_by_folder for folder in given}
    assert {str(Path(folder).resolve()) for folder in folders} <= read
    calls_by_folder.clear()
    with counting(CORPUS) as reads:
        found = tracker.found_sections(story)
        tracker.left_out_note(story)
    assert len(found) >= 3 and all(section.blocks for section in found)
    assert not calls_by_folder and reads.loads == 0 and not reads.opens
    with pytest.raises(dataclasses.FrozenInstanceError):
        story.statements = story.frame  # type: ignore[misc]
    with pytest.raises(TypeError):
        story.colours["a side"] = "#000000"  # type: ignore[index]


#: Files of a ledger's folder the annotated article reads beside its tables: no loader reads them (kit.ledger.annotate).
ANNOTATION_FILES = {"shared-nonfigures.csv", "drafts/claims.csv"}


@pytest.mark.parametrize("folder", [BUDGET, DEFAULT_LEDGER], ids=["budget", "packaged"])
def test_the_annotated_article_loads_each_table_once(folder: Path, loader_calls: Counter) -> None:
    params = check(ledger=str(folder))
    loader_calls.clear()
    with counting(folder) as reads:
        page = model.annotated_page(params)
        shown = annotated.annotated(params, page).data
    assert page.marks and 'class="fig-curated"' in shown
    assert loader_calls and max(loader_calls.values()) == 1, loader_calls
    assert reads.loads == sum(loader_calls.values())
    assert set(reads.opens) <= ANNOTATION_FILES
    loader_calls.clear()
    with counting(folder) as again:
        assert annotated.annotated_html_of(page) in shown  # the renderer reads nothing but the model
    assert not loader_calls and again.loads == 0 and not again.opens


def test_the_counter_sees_a_page_that_reads_its_ledger_again(loader_calls: Counter) -> None:
    """The check above can fail: the old way of a section (its sentences and its chart each selecting the claims on
    their own) loads the same tables twice."""
    params = check(ledger=str(BUDGET))
    quantity = model.estimates_page(params).sections[0].quantity
    loader_calls.clear()
    narrative.estimates(params, quantity)
    charts.estimates(params, quantity)
    assert max(loader_calls.values()) == 2, loader_calls


def test_renderers_read_nothing_but_the_model(loader_calls: Counter) -> None:
    params = check(ledger=str(BUDGET))
    estimates, over_time = model.estimates_page(params), model.over_time_page(params)
    reconciled, parted = model.reconciliation_page(params), model.parts_page(check())
    overview = model.overview_page(check())
    loader_calls.clear()
    with counting(BUDGET) as reads:
        for section in estimates.sections:
            narrative.estimates_of(estimates.reading, section)
            charts.estimates_of(estimates.reading, section)
        for section in over_time.sections:
            narrative.over_time_of(over_time.reading, section)
            time_chart.over_time_of(over_time.reading, section)
        reconciliation.narrative_of(reconciled)
        reconciliation_chart.chart_of(reconciled)
        reconciliation.pairs_table_of(reconciled)
    with counting(DEFAULT_LEDGER) as packaged:
        for section in parted.parts:
            parts.part_of(parted.reading, section)
            charts.part_of(parted.reading, section)
        parts.shares_of(parted.reading, parted.shares)
        charts.shares_of(parted.reading, parted.shares)
        for section in parted.groups:
            parts.groups_of(parted.reading, section)
            charts.group_arithmetic_of(parted.reading, section)
        overview_words.key_figures_of(overview.every)
        overview_words.distances_of(overview.places)
        places_map_of(overview.reading, overview.places)
        overview_words.sources_table(overview.sources)
        charts.sources_by_side_of(overview.reading, overview.sources)
    assert parted.parts and parted.shares is not None and parted.groups
    assert packaged.loads == 0 and not packaged.opens
    assert not loader_calls and reads.loads == 0 and not reads.opens


def test_a_section_says_and_draws_the_same_estimates() -> None:
    """The sentences cite, and the chart draws, the claims of the section's model: one selection, not two."""
    page = model.estimates_page(check(ledger=str(BUDGET)))
    for section in page.sections:
        drawn = set(charts.estimates_of(page.reading, section).data["claim_id"])
        said = narrative.estimates_of(page.reading, section).data
        assert drawn == set(section.shown["claim_id"])
        assert all(f'data-claim="{claim}"' in said for claim in drawn)


def test_a_model_is_frozen() -> None:
    page = model.estimates_page(check(ledger=str(BUDGET)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.sections = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.reading.selected = page.reading.claims  # type: ignore[misc]
    with pytest.raises(TypeError):
        page.reading.labels["x"] = "y"  # type: ignore[index]
