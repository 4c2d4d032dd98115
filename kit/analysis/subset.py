"""Which claims a page shows, and in what order: the selection every chart and sentence starts from."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Protocol

import pandas as pd

from kit import ledger as _ledger
from kit.analysis.sizes import with_groups
from kit.analysis.status import estimates_only
from kit.analysis.time import one_per_statement, when_key


class Subset(Protocol):
    """What a page asks for: a ledger and optional topic, side and claimant (notebook parameters satisfy it)."""

    ledger: str | None
    topic: str | None
    side: str | None
    claimant: str | None


def field_spec(package: dict, resource: str, field: str) -> dict:
    """A field's Table Schema description in a data package (empty when the package has no such field)."""
    for spec in package.get("resources", []):
        if isinstance(spec, dict) and spec.get("name") == resource:
            for column in spec.get("schema", {}).get("fields", []):
                if column.get("name") == field:
                    return column
    return {}


def field_enum(package: dict, resource: str, field: str) -> list[str]:
    """The allowed values a data package declares for one field, in its order (empty when it declares none)."""
    return list(field_spec(package, resource, field).get("constraints", {}).get("enum", []))


def stage_declarations(
    ledger: str | os.PathLike | None = None, package: dict | None = None
) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """What a ledger declares of its stages (on its claims field ``stage`` in datapackage.json): ``includes``,
    the stages whose counts a stage's count includes (everyone housed has registered), and ``words``, how a stage
    reads after a count ("under way"; a stage without words reads as itself). A ledger that declares none has
    stages that are never set against each other: the kit knows no article's stages. ``package`` is the ledger's
    data package when the caller has read it already."""
    spec = field_spec(_ledger.package(ledger) if package is None else package, "claims", "stage")
    includes = {str(stage): frozenset(str(part) for part in parts) for stage, parts in spec.get("includes", {}).items()}
    return includes, {str(stage): str(words) for stage, words in spec.get("words", {}).items()}


def with_stages(
    claims: pd.DataFrame, ledger: str | os.PathLike | None = None, package: dict | None = None
) -> pd.DataFrame:
    """Claims with their ledger's stage declarations beside each: ``stage_includes`` (a frozenset) and
    ``stage_words``, which reconciliation reads (see :func:`stage_declarations`), and ``stage_rank``, the stage's
    place in the order the ledger declares its stages (the enum of its claims field ``stage``), so a sentence or a
    chart lists stages as the ledger does, never alphabetically."""
    includes, words = stage_declarations(ledger, package)
    package = _ledger.package(ledger) if package is None else package
    declared = {stage: rank for rank, stage in enumerate(field_enum(package, "claims", "stage"))}
    stages = [
        "" if stage is None or pd.isna(stage) else str(stage)
        for stage in (claims["stage"] if "stage" in claims else [""] * len(claims))
    ]
    return claims.assign(
        stage_includes=[includes.get(stage, frozenset()) for stage in stages],
        stage_words=[words.get(stage, stage) for stage in stages],
        stage_rank=[declared.get(stage, len(declared)) for stage in stages],
    )


def side_order(ledger: str | os.PathLike | None = None) -> list[str]:
    """The sides the ledger's sources speak for, in the order the data package lists them, then any others
    alphabetically: the one stable order. A side the package lists but no source speaks for is left out, so it
    never takes a place (and a colour, kit.report.story_palette) from a side that is drawn."""
    return sides_in_order(_ledger.package(ledger), _ledger.sources(ledger))


def sides_in_order(package: dict, sources: pd.DataFrame) -> list[str]:
    """:func:`side_order` of a ledger already read: its data package and its sources."""
    present = sorted(str(side) for side in sources["side"].dropna().unique())
    order = [side for side in field_enum(package, "sources", "side") if side in present]
    return order + [side for side in present if side not in order]


def select(
    subset: Subset,
    topic: str | None = None,
    every_status: bool = False,
    read: tuple[pd.DataFrame, Mapping[str, str], Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Claims with their sources, narrowed to the page's subset, in a stable order (side, value, id), each with its
    ledger's group declarations (:func:`kit.analysis.sizes.with_groups`).

    ``topic`` is the page's own topic; when the subset names another topic nothing is selected. Only estimates
    (figures stated as fact) are selected unless ``every_status``: a request, a pledge, a target or a forecast is
    never drawn or counted as an estimate (:mod:`kit.analysis.status`); the overview lists every figure.
    ``read`` is the ledger as a page has read it already: its claims with sources, its group units
    (:func:`kit.analysis.sizes.group_units`) and its side order; without it they are loaded here.
    """
    claims, groups, sides = read if read is not None else (_ledger.claims_with_sources(subset.ledger), None, None)
    claims = claims if every_status else estimates_only(claims)
    keep = pd.Series(True, index=claims.index)
    for column, wanted in (("topic", topic), ("topic", subset.topic), ("side", subset.side)):
        if wanted is not None:
            keep &= claims[column].astype("string") == wanted
    if subset.claimant is not None:
        keep &= claims["claimant"] == subset.claimant
    chosen = with_groups(claims[keep], subset.ledger, groups)  # its ledger's group declarations beside each claim
    order = {side: index for index, side in enumerate(side_order(subset.ledger) if sides is None else sides)}
    chosen["side_rank"] = chosen["side"].astype("string").map(order).astype("int64")
    chosen = chosen.sort_values(["side_rank", "value", "claim_id"], ascending=[True, False, True], ignore_index=True)
    return chosen.drop(columns="side_rank")


def estimated_quantities(claims: pd.DataFrame) -> list[str]:
    """Quantities that two or more statements estimate at one date: the ones sources can disagree about, most
    estimated first. A headline and a body sentence stating the same figure are one statement; estimates at
    different dates are a series (see :func:`kit.analysis.time.series`), not rival estimates."""
    levels = estimates_only(claims)
    levels = one_per_statement(levels[levels["kind"] == "level"])
    levels = levels.assign(when_key=when_key(levels))
    counts = levels.groupby(["quantity", "when_key"], observed=True).size().groupby(level=0).max()
    counts = counts[counts >= 2].reset_index(name="n").sort_values(["n", "quantity"], ascending=[False, True])
    return [str(quantity) for quantity in counts["quantity"]]


def single_figures(claims: pd.DataFrame) -> pd.DataFrame:
    """Level figures that are the only statement of their quantity: each read in its own context (a headline
    and a body sentence stating it are one statement, both cited through ``statement_claims``)."""
    levels = one_per_statement(claims[claims["kind"] == "level"])
    alone = levels.groupby("quantity", observed=True)["claim_id"].transform("size") == 1
    return levels[alone].reset_index(drop=True)


def sources_by_side(claims: pd.DataFrame, ledger: str | os.PathLike | None = None) -> pd.DataFrame:
    """Each source that gives a selected figure, with its side and how many statements it gives (``figures``): a
    headline repeating a body sentence is one statement, counted once, credited to the claim that reads it."""
    seed = _ledger.article(ledger)
    return sources_of(claims, seed.text, seed.title, _ledger.sources(ledger), side_order(ledger))


def sources_of(
    claims: pd.DataFrame, text: str, headline: str, sources: pd.DataFrame, sides: Sequence[str]
) -> pd.DataFrame:
    """:func:`sources_by_side` of a ledger already read: its article's text and headline, sources and side order."""
    counts = one_per_statement(claims, text, headline).groupby("claimant", observed=True).size()
    counts = counts[counts > 0].rename("figures")
    sources = sources[sources["source_id"].isin(counts.index)].copy()
    sources["figures"] = sources["source_id"].map(counts).astype("int64")
    order = {side: index for index, side in enumerate(sides)}
    sources["side_rank"] = sources["side"].astype("string").map(order).astype("int64")
    sources = sources.sort_values(["side_rank", "figures", "source_id"], ascending=[True, False, True])
    return sources.drop(columns="side_rank").reset_index(drop=True)


def article_paragraph(quote: str, ledger: str | os.PathLike | None = None) -> str:
    """The article paragraph holding a quote: the context the article itself gives a figure."""
    return paragraph_in(quote, _ledger.article(ledger).text)


def paragraph_in(quote: str, text: str) -> str:
    """:func:`article_paragraph` of an article already read (its ``text``). Paragraphs are parted by blank lines; an
    article with none (text copied from a web page, a paragraph a line) is parted at each line break instead, and
    so is a block whose every line ends a sentence or is short (a dateline, a byline: a headline set off by a blank
    line over a body of a paragraph a line), so a figure's paragraph is never the whole article. Lines wrapped
    mid-sentence stay one paragraph."""
    breaks = r"\n\s*\n" if re.search(r"\n\s*\n", text.strip()) else r"\n"
    for paragraph in re.split(breaks, text):
        if quote in paragraph:
            lines = [line for line in paragraph.strip().split("\n") if line.strip()]
            if len(lines) > 1 and all(_ENDS_SENTENCE.search(line) or len(line) <= SHORT_LINE for line in lines[:-1]):
                paragraph = next((line for line in lines if quote in line), paragraph)
            return " ".join(paragraph.split())
    return ""


#: A line that ends a sentence, or is at most SHORT_LINE characters: a paragraph of its own when every line of its
#: block is one or the other.
_ENDS_SENTENCE = re.compile(r"[.!?:][\"'”’)]*\s*$")
SHORT_LINE = 40
