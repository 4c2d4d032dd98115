"""Single figures as a fact box: a card per figure with its words, unit, speaker and note, escaped, cited."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from shared import ROOT

from kit import analysis
from kit import ledger as _ledger
from kit.report import factbox, model, sections, words
from kit.report.params import check

FLOOD = ROOT / "tests" / "corpus" / "2025-04-07-riverwire-flood"


class _Cards(HTMLParser):
    """The text of each card's paragraphs, by class, and every tag opened (to check nothing leaks as markup)."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict[str, str]] = []
        self.tags: list[str] = []
        self._class: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        found = dict(attrs).get("class") or ""
        if found == "kit-fact":
            self.cards.append({})
        elif found.startswith("kit-fact-"):
            self._class = found.removeprefix("kit-fact-")

    def handle_endtag(self, tag):
        if tag == "p":
            self._class = None

    def handle_data(self, data):
        if self._class and self.cards:
            self.cards[-1][self._class] = self.cards[-1].get(self._class, "") + data


def _parse(markup: str) -> _Cards:
    parser = _Cards()
    parser.feed(markup)
    return parser


def test_each_single_figure_is_a_card_with_its_words_unit_and_speaker():
    params = check(ledger=str(FLOOD))
    box = factbox.fact_box(params).data
    singles = analysis.single_figures(analysis.select(params))
    cards = _parse(box[: box.index("Notes:")]).cards
    assert len(cards) == len(singles) >= 4
    for card, (_, row) in zip(cards, singles.iterrows(), strict=True):
        figure = words.plain_with_unit(row["value"], row["unit"], row["bound"], words.high_of(row))
        assert re.sub(r"\[\d+\]$", "", card["figure"]) == figure
        assert card["who"].startswith(f"Said by {row['claimant_name']}")
        assert card["counts"] == f"Counts: {row['counts']}"
    by_figure = {re.sub(r"\[\d+\]$", "", card["figure"]): card for card in cards}
    assert by_figure["6.2 metres"]["when"] == "on Monday morning (7 April 2025)"
    assert by_figure["2,000 to 2,500 hectares"]["what"] == "Farmland under water"
    # every card's figure is cited, and the note quotes the claim
    for claim in singles["claim_id"]:
        assert f'data-claim="{claim}"' in box
    quote = _ledger.claims(FLOOD).set_index("claim_id").loc["authority-6-2-metres-monday", "quote"]
    assert f"\u201c{quote}\u201d" in html.unescape(box.split("Notes:")[1])


def test_markup_in_the_ledger_shows_as_text():
    hostile = factbox.Fact(
        figure="<b>9</b> people",
        what="<script>alert(1)</script>",
        counts="a | b *c* [d](e)",
        speaker="Jo",
        side="<i>side</i>",
        when="$x$",
        context="<img src=x onerror=alert(1)>",
        claims=("c-1",),
    )
    markup = factbox.render([hostile])
    parsed = _parse(markup)
    assert set(parsed.tags) <= {"div", "p", "sup", "span"}
    (card,) = parsed.cards
    assert card["figure"].startswith("<b>9</b> people")
    assert card["what"] == "<script>alert(1)</script>"
    assert card["counts"] == "Counts: a | b *c* [d](e)"
    assert "$" not in markup  # MathJax never sees a dollar sign
    assert "\n\n" not in markup  # one HTML block: Markdown never breaks it


def test_the_page_shows_a_box_not_a_chart():
    (section,) = sections.single_figures(check())
    assert all(isinstance(block, factbox.Markdown) for block in section.blocks)
    assert '<div class="kit-factbox"' in section.blocks[0].data


def test_a_selection_without_single_figures_has_no_box():
    params = check(topic="troops")
    assert analysis.single_figures(analysis.select(params)).empty
    assert sections.single_figures(params) == []
    assert factbox.render([]) == '<div class="kit-factbox" role="list"></div>'


def test_a_rate_keeps_its_period_in_the_box() -> None:
    """Found on a held-out article (tests/drafts/2026-11-12-lakeshore-shelter): "as many as ten dogs a week" and
    "about 1,100 dollars a year" were boxed as "up to 10 dogs" and "about $1,100", counts the article never gave."""
    shelter = check(ledger=str(ROOT / "tests" / "drafts" / "2026-11-12-lakeshore-shelter"))
    found = {fact.figure for fact in factbox.facts_of(model.read(shelter))}
    assert {"up to 10 dogs a week", "about $1,100 a year"} <= found
    assert "up to 10 dogs" not in found and "about $1,100" not in found


def test_the_key_figures_table_keeps_a_rates_period() -> None:
    """Found on the sixteenth held-out set's overview: "900 fish" for "about 900 a day" in the key figures table."""
    from kit.report import overview

    salmon = check(ledger=str(ROOT / "tests" / "drafts" / "2026-09-15-fjordpost-salmon-escape"))
    table = html.unescape(overview.key_figures(salmon).data)
    assert "**900 fish a day**" in table and "**900 fish**" not in table
