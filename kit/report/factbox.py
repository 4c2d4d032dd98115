"""Single figures as a fact box: a card of key numbers per figure, never a chart.

Why not a chart: a figure that is the only estimate of what it counts has nothing to be compared with on an
axis; one panel per number, each rescaled, drew every mark the same length and invited a comparison the data
does not support. A box of numbers states each figure with its unit, what it counts, who said it and when,
and cites the quote (numbered notes, :func:`kit.report.markdown.cited`).

:func:`facts` reads the page's data once; :func:`render` is a pure function of those facts to HTML, every
ledger text escaped by :func:`kit.report.markdown.escape_markdown` (inert as Markdown, HTML and MathJax).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from kit import analysis, vocab
from kit.analysis.subset import paragraph_in
from kit.report import model, units, words
from kit.report.markdown import cite, cited, escape_markdown, who
from kit.report.params import Params


@dataclass(frozen=True)
class Fact:
    """One card: the figure with its bound words and unit, what it counts, who said it, when, the article's
    paragraph around the quote, and the claims the statement rests on (cited)."""

    figure: str
    what: str
    counts: str
    speaker: str
    side: str
    when: str
    context: str
    claims: tuple[str, ...]


def _text(value: object) -> str:
    """A ledger cell as text, "" when empty or missing."""
    return "" if value is None or pd.isna(value) else str(value)


def facts(params: Params) -> list[Fact]:
    """The page's single figures as facts (:func:`facts_of`)."""
    return facts_of(model.read(params))


def facts_of(reading: model.Reading) -> list[Fact]:
    """The page's single figures (``analysis.single_figures`` of the selection) as facts, in the ledger's order:
    the single-figures page's model, from its reading of the ledger."""
    claims = analysis.single_figures(reading.selected)
    labels = reading.labels
    found = []
    for _, row in claims.iterrows():
        ids = row["statement_claims"] if isinstance(row.get("statement_claims"), tuple) else (row["claim_id"],)
        written, when = words.when_written(row) or "", _text(row.get("when"))
        dated = words.date_words(when) if when else ""
        found.append(
            Fact(
                figure=_figure(row),
                what=words.upper_first(labels[str(row["quantity"])]),
                counts=str(row["counts"]),
                speaker=who(row),
                side=str(row["side"]),
                when=f"{written} ({dated})" if written and dated else written or dated,
                context=paragraph_in(str(row["quote"]), reading.article.text),
                claims=tuple(str(claim) for claim in ids),
            )
        )
    return found


def _figure(row: pd.Series) -> str:
    """A fact's figure in words with its unit, and a rate's period ("up to 10 dogs a week": a rate is never shown
    as a count); a vague amount in the article's words ("Dozens of vehicles"), its reading (24 to 99) left to the
    chart, where it is drawn hatched as the kit's reading."""
    per = words.per_period(row)
    if vocab.bounds()[str(row["bound"])].worded and str(row.get("as_written") or "").strip():
        return units.with_unit(str(row["as_written"]).strip(), str(row["unit"])) + per
    return words.plain_with_unit(float(row["value"]), str(row["unit"]), str(row["bound"]), words.high_of(row)) + per


def render(found: list[Fact]) -> str:
    """The fact box as one HTML block (no blank line inside, so Markdown keeps it whole), a card per fact, with a
    citation marker after each figure for :func:`kit.report.markdown.cited` to number. ``speaker`` is already
    escaped (:func:`kit.report.markdown.who`); every other text is escaped here."""
    cards = []
    for fact in found:
        marks = "".join(cite(claim) for claim in fact.claims)
        when = f'<p class="kit-fact-when">{escape_markdown(fact.when)}</p>' if fact.when else ""
        context = (
            f'<p class="kit-fact-context">In the article: \u201c{escape_markdown(fact.context)}\u201d</p>'
            if fact.context
            else ""
        )
        cards.append(
            '<div class="kit-fact" role="listitem">'
            f'<p class="kit-fact-figure">{escape_markdown(fact.figure)}{marks}</p>'
            f'<p class="kit-fact-what">{escape_markdown(fact.what)}</p>'
            f'<p class="kit-fact-counts">Counts: {escape_markdown(fact.counts)}</p>'
            f'<p class="kit-fact-who">Said by {fact.speaker}; side: {escape_markdown(fact.side)}</p>'
            f"{when}{context}</div>"
        )
    return '<div class="kit-factbox" role="list">' + "".join(cards) + "</div>"


def fact_box(params: Params, found: list[Fact] | None = None) -> Markdown:
    """The fact box with its numbered notes (speaker, outlet, date and quote of every claim cited)."""
    reading = model.read(params)
    return fact_box_of(reading, facts_of(reading) if found is None else found)


def fact_box_of(reading: model.Reading, found: list[Fact]) -> Markdown:
    """The fact box of the page's facts, with its numbered notes, rendered from the page's reading."""
    return cited(render(found), reading.cited([claim for fact in found for claim in fact.claims]))
