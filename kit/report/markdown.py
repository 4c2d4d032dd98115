"""Markdown primitives for sentences about figures: escaping, citations, figures with their bound.

All ledger text passes through :func:`escape_markdown` before it reaches a Markdown output, so a name or
quote shows literally, whatever it contains. Figures are written by :mod:`kit.figures` in the article's
style, with the bound words of :mod:`kit.report.words`, followed by a numbered note (speaker, outlet, date, quote).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd
from IPython.display import Markdown

from kit import ledger as _ledger
from kit import vocab
from kit.analysis import Subset
from kit.analysis.status import AHEAD
from kit.figures import format_figure, format_with_unit
from kit.report import units
from kit.report.words import (
    BOUND_WORDS,
    after_figure,
    fraction_words,
    high_of,
    in_points,
    per_period,
    percentage_points,
    when_written,
)

_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|~^=:<>&\"'")
#: MathJax 2 (nbconvert) and MathJax 3 (JupyterLab) skip elements of these classes.
_NO_MATH = "tex2jax_ignore mathjax_ignore"


def escape_markdown(text: object) -> str:
    """Ledger text made inert for Markdown, HTML and MathJax: it shows exactly as written.

    Markdown and HTML punctuation becomes numeric character references, which every Markdown
    renderer shows literally and never parses as syntax. A dollar sign or backslash becomes a
    character reference inside a span MathJax is told to skip: the Markdown source has no ``$`` or
    ``\\`` to start math, and the page MathJax scans has none outside a skipped span.
    Line breaks become spaces (one ledger cell, one line).
    """
    out = []
    for char in " ".join(str(text).splitlines()):
        if char in "$\\":  # the characters that open MathJax math: $ and \( \[
            out.append(f'<span class="{_NO_MATH}">&#{ord(char)};</span>')
        elif char in _MARKDOWN_SPECIAL:
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


#: The marker :func:`cite` leaves and :func:`cited` numbers.
_MARK = re.compile(r"<sup>\[([^\]<]+)\]</sup>")


def cite(claim_id: str) -> str:
    """A claim's id in superscript after the figure it backs; :func:`cited` turns it into a numbered footnote."""
    return f"<sup>[{escape_markdown(claim_id)}]</sup>"


def _written(value: float, unit: str, bound: str, high: float | None, with_unit: bool) -> tuple[str, str]:
    """Bound words and the figure as written; a range as "low to high", with no bound word before it."""
    write = format_with_unit if with_unit else format_figure
    if high is not None:  # a range, hedged range or vague amount: its bound words (kit/vocab/bounds.csv), both ends
        return BOUND_WORDS[bound], f"{format_figure(value, unit)} to {write(high, unit)}"
    return BOUND_WORDS[bound], write(value, unit)


def figure(row: pd.Series, with_unit: bool = False, cites: Iterable[str] | None = None) -> str:
    """A claim's figure as the article writes it, with its bound in words (a range as its two ends) and its
    citation; ``cites`` replaces the claim's own id when one statement rests on several claims."""
    ids = (row["claim_id"],) if cites is None else cites
    if pd.isna(row["value"]):  # a rise or a fall stated without a size (kit/data/README.md): its words, no figure
        return f"**{escape_markdown(row['as_written'])}**" + "".join(cite(claim_id) for claim_id in ids)
    words, written = _written(row["value"], row["unit"], str(row["bound"]), high_of(row), with_unit)
    as_written = str(row.get("as_written") or "").strip()
    if with_unit and high_of(row) is None and in_points(row):
        written = percentage_points(float(row["value"]))  # "up 6.5 percentage points", never "6.5%"
    elif vocab.bounds()[str(row["bound"])].worded and as_written:
        words, written = "", " ".join(as_written.split()).lower()  # "dozens", never the kit's reading "24 to 99"
        written = units.with_unit(written, str(row["unit"])) if with_unit else written
    elif in_words := fraction_words(row):
        written = in_words[0]  # a share "a Third" in a headline: "a third", never "33.333333%"
    elif units.fraction_in_words(as_written, row["value"]):
        written = as_written  # "half" or "a third": never "0.5 fraction"
    written += per_period(row)  # a rate is written with its period, "a month"
    return f"{words}**{escape_markdown(written)}**" + "".join(cite(claim_id) for claim_id in ids)


def derived(value: float, unit: str, bound: str = "exact", with_unit: bool = False, high: float | None = None) -> str:
    """A number computed by kit.analysis, in the article's style, marked as the kit's arithmetic; a range
    ("18% to 21%") when ``high`` is given with bound range."""
    words, written = _written(value, unit, bound, high, with_unit)
    return f"{words}*{escape_markdown(written)}*"


def who(row: pd.Series, mid: bool = False) -> str:
    """Claimant name and role, escaped; the name alone when the ledger's role only repeats it. A name that ends in
    its own parentheses ("National Intelligence Service (NIS)"), or a role that holds some ("the director (the
    Relief Society)"), takes its role after a comma, never parentheses inside parentheses; ``mid`` writes the name
    inside a sentence ("according to an official", :func:`in_sentence`)."""
    name, role = str(row["claimant_name"]), str(row["claimant_role"])
    name = in_sentence(name) if mid else name
    if _bare(role) == _bare(name):  # "the refugee agency (the refugee agency)", "X ministry (the X ministry)"
        return escape_markdown(name)
    if _bare(role).startswith(_bare(name) + ", "):  # "the department (the department, in a report)": said once
        rest = len(_bare(role)) - len(_bare(name)) - len(", ")
        role = role.strip()[-rest:]  # what the role adds, as the curator wrote it
    elif _bare(role).startswith(_bare(name) + " ("):  # "the office (the office (its report))": the office (its report)
        rest = len(_bare(role)) - len(_bare(name)) - len(" (")
        return f"{escape_markdown(name)} ({escape_markdown(role.strip()[-rest:])}"
    if name.rstrip().endswith(")") or "(" in role:
        return f"{escape_markdown(name)}, {escape_markdown(role)}"
    return f"{escape_markdown(name)} ({escape_markdown(role)})"


def _bare(words: str) -> str:
    """Words compared without case or a leading "the": a role that only repeats its name says nothing more."""
    words = words.strip().lower()
    return words[4:] if words.startswith("the ") else words


#: A name that opens with an article and a common noun ("An official at the agency", "The ministry"): inside a
#: sentence its article is lower case. A proper name after the article ("The Times") keeps its capital.
_ARTICLE_NAME = re.compile(r"^(A|An|The) (?=[a-z])")


def in_sentence(name: str) -> str:
    """A claimant's name as written inside a sentence: "according to an official at the agency"."""
    return _ARTICLE_NAME.sub(lambda found: found.group(1).lower() + " ", name)


def _anchor(claim_id: str) -> str:
    return "claim-" + re.sub(r"[^A-Za-z0-9_-]", "-", claim_id)


def mentioned(body: str) -> set[str]:
    """The claim ids a block cites with :func:`cite` markers."""
    return {html.unescape(found) for found in _MARK.findall(body)}


def _where(row: pd.Series) -> str:
    """Outlet and date of the article a claim is in, linked to the original where its URL is known; "" when
    the row does not say (kit.report.markdown.with_article gives it)."""
    outlet = str(row.get("outlet", "") or "")
    published = row.get("published")
    if not outlet and published is None:
        return ""
    when = "undated" if published is None or pd.isna(published) else pd.Timestamp(published).strftime("%-d %B %Y")
    said = escape_markdown(f"{outlet or 'outlet not recorded'}, {when}")
    url = str(row.get("url", "") or "")
    return f'<a href="{html.escape(url, quote=True)}">{said}</a>' if url else said


def claim_mark(claim_id: str) -> str:
    """An invisible mark that a table row shows this claim: the reader's page offers it in its CSV of cited
    claims (kit.report.reader), while the reader sees the figure and its quote, not the id."""
    return f'<span data-claim="{html.escape(claim_id, quote=True)}"></span>'


def note(claim_id: str, row: pd.Series) -> str:
    """One numbered note's text: the speaker, the outlet and date (linked to the article), the quote. The claim's
    id is only in the anchor's ``id`` and ``data-claim``: a reader sees who said what, where."""
    where = _where(row)
    speaker = escape_markdown(row["claimant_name"])
    if where and str(row["claimant_name"]).strip() == str(row.get("outlet", "")).strip():
        speaker, where = where, ""  # an outlet's own reporting: "Metro Wire, 2 October 2025", named once
    where = f", {where}" if where else ""
    anchor = claim_mark(claim_id).replace("<span ", f'<span id="{_anchor(claim_id)}" ', 1)
    return f"{anchor}{speaker}{where}: \u201c{escape_markdown(row['quote'])}\u201d"


def cited(body: str, rows: pd.DataFrame) -> Markdown:
    """A block with numbered notes: each :func:`cite` marker becomes [1], [2], ... in order of first mention,
    linked to a "Notes" list under the block that gives each claim's speaker, outlet, date and words
    (:func:`note`).

    Claims in ``rows`` that the body does not mention are listed after the mentioned ones, so nothing the
    block rests on goes unsourced.
    """
    order = list(dict.fromkeys(html.unescape(found) for found in _MARK.findall(body)))
    order += sorted(set(rows["claim_id"].astype(str)) - set(order))
    number = {claim_id: index for index, claim_id in enumerate(order, start=1)}

    def numbered(match: re.Match) -> str:
        claim_id = html.unescape(match.group(1))
        return f'<sup><a href="#{_anchor(claim_id)}">[{number[claim_id]}]</a></sup>'

    by_id = rows.drop_duplicates("claim_id").set_index("claim_id", drop=False)
    lines = [_MARK.sub(numbered, body), "", "Notes:", ""]
    lines += [f"{number[claim_id]}. {note(claim_id, by_id.loc[claim_id])}" for claim_id in order]
    return Markdown("\n".join(lines))


def with_article(rows: pd.DataFrame, ledger: object) -> pd.DataFrame:
    """Claims of one ledger with its article's outlet, publication date and URL, which :func:`note` cites."""
    article = _ledger.article(ledger)
    return rows.assign(outlet=article.outlet, published=article.published, url=article.url)


def nothing_to_show(params: Subset, what: str) -> Markdown:
    """The empty state: says what is missing and for which subset, instead of failing."""
    return Markdown(
        f"**Nothing to show:** this article has no {escape_markdown(what)}{escape_markdown(params.scope())}."
    )


def article_title(params: Subset) -> str:
    """The article's title, escaped for Markdown."""
    return escape_markdown(_ledger.article(params.ledger).title)


def claim_rows(params: Subset, ids: list[str]) -> pd.DataFrame:
    """The claims with the given ids (empty ids ignored), joined with their sources."""
    claims = _ledger.claims_with_sources(params.ledger)
    return with_article(claims[claims["claim_id"].isin([claim for claim in ids if claim])], params.ledger)


def when_said(row: pd.Series) -> str:
    """When a figure applies, for a sentence: the date the curator resolved, at its resolution (", in 2019", ", on
    22 September 2027", ", from 2 August 2027 to 23 September 2027"), since the article's words may lean on its
    publication day or another sentence ("last week", "Since then"); the article's words for a deadline or a
    forecast ("by 2031") and where nothing is resolved (an undated article). "" when the article does not say, or
    when what the figure counts already says it ("vessels diverted in the first week of the strike")."""
    written = when_written(row)
    if written is None or written.lower() in str(row.get("counts", "")).lower():
        return ""
    return _resolved(row) or f", {escape_markdown(written)}"


def when_dated(row: pd.Series) -> str:
    """:func:`when_said`, or, for a figure with no date words, the date the curator resolved for it: a page that
    sets figures of several dates side by side (parts and shares) must not read as one dated and one not."""
    said = when_said(row)
    return said if said or when_written(row) is not None else (_resolved(row) or "")


def _resolved(row: pd.Series) -> str | None:
    """The date the curator resolved for a figure, after it (", on 9 March 2026"); None when there is none, or the
    figure lies ahead (a forecast's or deadline's own words say when)."""
    resolved, kind = row.get("when"), str(row.get("when_kind") or "")
    if resolved is None or pd.isna(resolved) or not str(resolved) or kind in AHEAD:
        return None
    return after_figure(str(resolved))


def stated(row: pd.Series) -> str:
    """A claim's figure in a sentence, ranges as the article gives them, with a footnote for every claim that
    states it (a headline and a body sentence stating the same figure are one statement, both cited)."""
    ids = row["statement_claims"] if isinstance(row.get("statement_claims"), tuple) else (row["claim_id"],)
    return figure(row, with_unit=True, cites=ids)
