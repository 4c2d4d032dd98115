"""Narrative: escaping, citations, and every number traceable to the ledger or a named kit function."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared import NOTEBOOKS, edit_csv, examples

import kit
from kit import analysis
from kit.figures import NUMBER_WORDS, format_figure, format_with_unit
from kit.report import narrative
from kit.report.params import Params, check

NASTY = [
    "<img src=x onerror=alert(1)>",
    "*bold* _em_ __strong__ [link](x) ![img](y) `code`",
    "costs $400 million and $5 more",
    "$x^2$ and $$y$$ and \\(z\\) and \\[w\\]",
    "# heading | pipe | \\ backslash ~strike~ <b>b</b> &amp; &lt;",
    "1. not a list\n- nor this\n> nor a quote",
    "https://example.org and www.example.org",
]


class _Text(HTMLParser):
    """Visible text of HTML, and the text MathJax would scan (outside skipped classes and tags)."""

    SKIP = {"script", "style", "code", "pre", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.visible, self.scanned, self.stack, self.tags = [], [], [], []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        self.tags.append(tag)
        if tag in ("br", "img", "hr", "input", "meta", "link"):
            self.tags.pop()
            return
        self.stack.append(tag in self.SKIP or "tex2jax_ignore" in classes or "mathjax_ignore" in classes)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        self.visible.append(data)
        if not any(self.stack):
            self.scanned.append(data)


def _html_of(notebook: nbformat.NotebookNode) -> tuple[str, dict]:
    """The notebook as nbconvert renders it for a reader (its inputs hidden)."""
    from nbconvert import HTMLExporter  # here: only this file's worker pays the import

    return HTMLExporter(exclude_input=True).from_notebook_node(notebook)


def _render(markdown: str) -> _Text:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune  # here: only this file's worker pays it

    parser = _Text()
    parser.feed(markdown2html_mistune(markdown))
    return parser


@pytest.mark.parametrize("text", NASTY)
def test_escaped_text_renders_as_the_literal_characters(text):
    rendered = _render(narrative.escape_markdown(text))
    assert "".join(rendered.visible).strip() == " ".join(text.splitlines())
    assert set(rendered.tags) <= {"p", "span"}  # no img, a, em, strong, code, h1, li, blockquote
    assert "$" not in "".join(rendered.scanned) and "\\(" not in "".join(rendered.scanned)


@settings(max_examples=examples(60), deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=40))
def test_escaping_any_printable_text_round_trips(text):
    rendered = _render("x " + narrative.escape_markdown(text))  # inside a paragraph, as in every block
    assert "".join(rendered.visible).strip() == ("x " + text).strip()
    assert "$" not in "".join(rendered.scanned)


def test_escape_leaves_no_markdown_or_html_syntax():
    escaped = narrative.escape_markdown("".join(NASTY))
    assert not re.search(r"[*_\[\]`<>|\\]", re.sub(r'<span class="[^"]+">&#36;</span>|<\/?span[^>]*>', "", escaped))
    assert "$" not in escaped


def test_hostile_ledger_text_stays_inert_in_nbconvert_html(ledger_copy):
    hostile = "<img src=x onerror=alert(1)> $1 and $2 *a* _b_ [l](x)"
    edit_csv(ledger_copy / "sources.csv", "kr-nis,National Intelligence Service (NIS),", f'kr-nis,"{hostile}",')
    params = check(ledger=str(ledger_copy))
    notebook = nbformat.v4.new_notebook()
    for block in (narrative.key_figures(params), _estimates(params), narrative.single_figures(params)):
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": block.data})]
        notebook.cells.append(cell)
    page, _ = _html_of(notebook)
    body = page[page.index("<body") :]
    parser = _Text()
    parser.feed(body)
    assert "<img src=x" not in body and '<img src="x"' not in body
    assert hostile in " ".join("".join(parser.visible).split())
    scanned = "".join(parser.scanned)
    assert "$" not in scanned and "\\(" not in scanned and "\\[" not in scanned  # no MathJax math


def test_figures_are_written_as_the_article_writes_them_and_cited():
    claims = kit.claims_with_sources().set_index("claim_id", drop=False)
    text = narrative.key_figures(Params()).data
    for claim_id, row in claims.iterrows():
        assert narrative.escape_markdown(row["as_written"]) in text
        assert narrative.escape_markdown(claim_id) not in text  # a reader sees figures and quotes, not ids
    troops = narrative.estimates(Params(), "nk-brigades").data
    row = claims.loc["nis-four-brigades"]
    figure = f"**{format_with_unit(row['value'], row['unit'])}**"
    number = re.search(re.escape(figure) + r'<sup><a href="#claim-nis-four-brigades">\[(\d+)\]</a></sup>', troops)
    assert number, "the figure carries a numbered footnote linked to its claim"
    anchor = '<span id="claim-nis-four-brigades" data-claim="nis-four-brigades"></span>'
    footnote = re.search(rf"^{number.group(1)}\. {re.escape(anchor)}(.+)$", troops, re.M)
    assert footnote and narrative.escape_markdown(row["quote"]) in footnote.group(1)
    assert footnote.group(1).startswith(narrative.escape_markdown(row["claimant_name"]))  # who said it
    outlet = kit.article().outlet
    assert not outlet or narrative.escape_markdown(outlet) in footnote.group(1)  # in which outlet
    assert "nis&#45;four&#45;brigades" not in footnote.group(1) and "<code>" not in footnote.group(1)


def _estimates(params):
    return narrative.estimates(params, "nk-soldiers-in-russia")


def _first_batch(params):
    return narrative.part(params, "first-batch-2600")


def _groups(params):
    return narrative.groups(params, "brigades")


def test_empty_subsets_say_there_is_nothing_to_show():
    params = check(side="Russia", topic="recruitment")
    for block in (_estimates, _groups, _first_batch, narrative.single_figures):
        assert block(params).data.startswith("**Nothing to show:**")
    assert "Nothing to show" not in narrative.shares(params).data


# -- every number in a committed notebook's narrative is a ledger value or a kit result ------------


def _allowed_numbers() -> set[str]:
    claims = kit.claims_with_sources()
    allowed: set[str] = set()

    def add(value: float, unit: str) -> None:
        allowed.add(format_figure(value, unit))

    for _, row in claims.iterrows():
        add(row["value"], row["unit"])
        allowed.add(str(row["as_written"]))
        if isinstance(row["when_written"], str):
            allowed.update(re.findall(r"\d+", row["when_written"]))
    params = Params()
    troops = analysis.select(params, topic="troops")
    for _, row in analysis.group_arithmetic(troops).iterrows():
        add(row["per_group"], row["member_unit"])
        add(row["total"], row["member_unit"])
    for _, row in analysis.part_shares(troops).iterrows():
        add(row["share"], "percent")
    for _, row in analysis.share_complements(claims).iterrows():
        add(row["rest"], "percent")
    for _, row in analysis.distances_between_roles().iterrows():
        add(row["km_rounded"], "km")
    for _, row in analysis.sources_by_side(claims).iterrows():
        add(row["figures"], "figures")
    return allowed


def _ledger_texts() -> list[str]:
    claims = kit.claims_with_sources()
    texts = [kit.article().title, narrative.article_line(), *kit.places()["name"], *kit.sources()["role"]]
    for column in ("quote", "counts", "claimant_name", "claimant_role", "claim_id"):
        texts += [str(value) for value in claims[column].dropna()]
    return sorted(set(texts), key=len, reverse=True)


#: The notebooks whose narrative comes from kit.narrative; a notebook with its own narrative module adds its
#: derived numbers to _allowed_numbers() before joining this list.
NARRATIVE_NOTEBOOKS = ("01-estimates", "02-single-figures", "03-parts-and-shares", "06-overview")


def _markdown_outputs() -> list[tuple[str, str]]:
    found = []
    for path in [Path(NOTEBOOKS) / f"{name}.ipynb" for name in NARRATIVE_NOTEBOOKS]:
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                markdown = output.get("data", {}).get("text/markdown")
                if markdown:
                    found.append((f"{path.name}: {cell.source}", markdown))
    return found


def test_committed_narratives_exist():
    assert len(_markdown_outputs()) >= 10


@pytest.mark.parametrize(("where", "markdown"), _markdown_outputs(), ids=lambda value: value[:60])
def test_every_number_in_the_narrative_is_traceable(where, markdown):
    article = " ".join(kit.article().text.split())
    allowed = _allowed_numbers()
    lines = []
    for line in markdown.splitlines():
        if line.startswith("> "):  # a quoted article paragraph: must be verbatim, is not kit prose
            assert " ".join(html.unescape(re.sub(r"<[^>]+>", "", line[2:])).split()) in article, where
            continue
        lines.append(line)
    text = re.sub(r"<code>.*?</code>", " ", "\n".join(lines))  # the ledger version id, claim ids
    text = re.sub(r"<sup>.*?</sup>|^\d+\. ", " ", text, flags=re.M)  # footnote numbers, not figures
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    for ledger_text in _ledger_texts():
        text = text.replace(ledger_text, " ")
    numbers = re.findall(r"\$?\d[\d,]*(?:\.\d+)?(?: million| billion)?%?", text)
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in NUMBER_WORDS]
    for number in numbers + words:
        assert number.rstrip(",") in allowed, f"{number!r} in {where!r} is neither a ledger value nor a kit result"


@pytest.mark.parametrize("name", ["02-single-figures", "06-overview"])
def test_committed_notebook_html_has_no_mathjax_math(name):
    notebook = nbformat.read(Path(NOTEBOOKS) / f"{name}.ipynb", as_version=4)
    page, _ = _html_of(notebook)
    parser = _Text()
    parser.feed(page[page.index("<body") :])
    assert "$" in "".join(parser.visible)  # the dollar figure is shown...
    scanned = "".join(parser.scanned)
    assert "$" not in scanned and "\\(" not in scanned  # ...but never where MathJax looks for math


def test_the_key_figures_table_words_each_bound_as_a_reader_reads_it():
    """Found by reading the overview: an unqualified "11,000" sat over "exact" in the Bound column, where every other
    page reads an unqualified round figure as rounded. The column says "as stated", and a bound in words."""
    claims = kit.claims_with_sources()
    lines = narrative.key_figures(Params()).data.splitlines()
    column = lines[0].split(" | ").index("Bound")
    bounds = [line.split(" | ")[column] for line in lines[2:] if line.startswith("|")]
    assert "exact" not in bounds and "as stated" in bounds
    if (claims["bound"].astype(str) == "at_least").any():
        assert "at least" in bounds and "at_least" not in bounds
