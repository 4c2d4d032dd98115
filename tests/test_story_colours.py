"""Colour across a story, read from the charts' own artists: a side has one colour on every page of every
article of the test corpus and on the tracker over it, and no text on a chart is under 4.5:1 against what it
is drawn on (WCAG AA). The charts are drawn in this process (no kernel), as each page's sections draw them."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.text import Text
from shared import ROOT

from kit.report import sections, style, tracker
from kit.report.params import check, valid_choices

CORPUS = ROOT / "tests" / "corpus"
ARTICLES = sorted(folder for folder in CORPUS.iterdir() if (folder / "datapackage.json").is_file())
#: The inks of labels that are not a side's own (a side's name as a table or axis label).
NEUTRAL = {"#000000", style.INK.lower(), style.GREY.lower(), "#444444"}
PAGES = (
    sections.estimates,
    sections.single_figures,
    sections.parts_and_shares,
    sections.over_time,
    sections.reconciliation,
    sections.overview,
)


def _figures(found: list) -> list:
    return [block.figure for section in found for block in section.blocks if hasattr(block, "figure")]


@pytest.fixture(scope="module")
def story_figures() -> dict[str, list]:
    """Every chart of every page of the corpus, and of the tracker over it, by page."""
    pages: dict[str, list] = {}
    for folder in ARTICLES:
        params = check(ledger=str(folder))
        for page in PAGES:
            pages[f"{folder.name}/{page.__name__}"] = _figures(page(params))
    story = tracker.check_ledgers([str(folder) for folder in ARTICLES])
    pages["tracker"] = _figures(tracker.found_sections(story))
    yield pages
    plt.close("all")


def _background(text: Text) -> str:
    """What a text is drawn on: its box, else its axes, else the figure."""
    box = text.get_bbox_patch()
    if box is not None and box.get_facecolor()[3] > 0:
        return to_hex(box.get_facecolor())
    axes = text.axes
    if axes is not None and axes.patch.get_visible() and axes.patch.get_facecolor()[3] > 0:
        return to_hex(axes.patch.get_facecolor())
    return to_hex(text.figure.get_facecolor()) if text.figure is not None else "#ffffff"


def _texts(figure) -> list[Text]:
    return [text for text in figure.findobj(Text) if text.get_visible() and text.get_text().strip()]


def _legend_keys(figure) -> list[tuple[str, str]]:
    """Each legend entry's words with the colour of its key (a line's, or a patch's face)."""
    legends = [*figure.legends, *(axes.get_legend() for axes in figure.axes)]
    keys = []
    for legend in filter(None, legends):
        for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=False):
            colour = handle.get_color() if isinstance(handle, Line2D) else handle.get_facecolor()
            keys.append((text.get_text(), colour))
    return keys


def test_one_colour_per_side_on_every_page_of_the_story(story_figures: dict[str, list]) -> None:
    from kit import corpus

    sides = set(corpus(ARTICLES)["side"].astype(str))
    seen: dict[str, dict[str, set[str]]] = {}
    for page, figures in story_figures.items():
        for figure in figures:
            drawn = [(text.get_text(), text.get_color()) for text in _texts(figure)]
            drawn += [(line.get_label(), line.get_color()) for line in figure.findobj(Line2D)]
            drawn += _legend_keys(figure)
            for label, colour in drawn:
                if label in sides and to_hex(colour) not in NEUTRAL:
                    seen.setdefault(label, {}).setdefault(to_hex(colour), set()).add(page)
    assert seen, "no chart names a side"
    assert len({page.split("/")[0] for colours in seen.values() for pages in colours.values() for page in pages}) > 1
    assert {side: colours for side, colours in seen.items() if len(colours) > 1} == {}


def test_no_chart_text_under_aa_contrast(story_figures: dict[str, list]) -> None:
    low = []
    for page, figures in story_figures.items():
        for figure in figures:
            figure.draw_without_rendering()  # legends and tick labels exist once laid out (no pixels needed)
            for text in _texts(figure):
                colour, background = to_hex(text.get_color()), _background(text)
                ratio = style.contrast(colour, background)
                if ratio < style.TEXT_CONTRAST:
                    low.append(f"{page}: {text.get_text()[:40]!r} {colour} on {background} ({ratio:.1f}:1)")
    assert not low, "\n".join(low)


def test_the_contrast_check_finds_a_light_tint() -> None:
    """The check's arithmetic: Okabe-Ito's orange and sky blue fail on white; their side inks pass."""
    assert style.contrast("#E69F00") < 2.5 and style.contrast("#56B4E9") < 2.5
    assert style.contrast("#000000") == pytest.approx(21.0)
    assert all(style.contrast(colour) >= style.TEXT_CONTRAST for colour in style.SIDE_COLOURS)
    assert len(set(style.SIDE_COLOURS)) == len(style.SIDE_COLOURS)


def test_a_side_first_met_later_keeps_earlier_sides_colours(tmp_path: Path) -> None:
    """The story palette: one order for the whole corpus, whatever article a page reads."""
    from kit.report import story_palette

    each = [story_palette.story_colours([folder]) for folder in ARTICLES]
    assert all(colours == each[0] for colours in each)
    assert story_palette.story_colours([str(folder) for folder in ARTICLES]) == each[0]


def test_date_axes_read_as_days_without_offset_text(story_figures: dict[str, list]) -> None:
    """Every chart over time (the corpus's over-time pages and the tracker) ticks its dates as "8 Apr" (the year
    on the first tick) or "Apr 2025", never in hours, with no offset text in a corner."""
    import re

    tick = re.compile(r"^(?:\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2})(?: \d{4})?$")
    dated = 0
    for page, figures in story_figures.items():
        for figure in figures:
            for axes in figure.axes:
                if axes.get_xlabel() != "Date the figure applies to":
                    continue
                dated += 1
                figure.draw_without_rendering()
                labels = [label.get_text() for label in axes.get_xticklabels() if label.get_text()]
                assert labels and all(tick.match(label) for label in labels), (page, labels)
                assert axes.xaxis.get_offset_text().get_text() == "", page
    assert dated >= 2


@pytest.mark.parametrize("ledger", sorted((ROOT / "tests" / "ledgers").iterdir()), ids=lambda path: path.name)
def test_two_sides_never_share_a_colour_on_one_chart(ledger: Path) -> None:
    """Found by looking: a ledger that lists nine sides (kit new's starting list) but uses four drew government
    and unattributed reports in one blue: the ninth listed side took the first colour again. Only the sides its
    sources speak for take a colour, so a ledger of up to eight sides has eight different ones."""
    figures = _figures(sections.overview(check(ledger=str(ledger))))
    named = set(valid_choices(str(ledger))["side"])
    assert figures
    for figure in figures:
        keys = [(words, to_hex(colour)) for words, colour in _legend_keys(figure)]
        sides = {words: colour for words, colour in keys if words in named}
        assert len(set(sides.values())) == len(sides), sides
    plt.close("all")
