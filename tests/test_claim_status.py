"""A claim's status (kit/vocab/statuses.csv): a request, a pledge, a target or a forecast is a figure the article
states but not an estimate. On tests/ledgers/camp ("asked donors for at least 2,000 more tents", "pledged $5
million", "aims to move 15,000 people ... by December") such figures are never drawn, counted or reconciled as
estimates, and the overview lists them with their status in words.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
from shared import ROOT

import kit
from kit import analysis, vocab
from kit.analysis import reconcile, tracker
from kit.ledger.model import KIT_ENUMS, OPTIONAL_FIELDS, model_fields
from kit.report import narrative, overview, sections
from kit.report.params import check

CAMP = ROOT / "tests" / "ledgers" / "camp"
PORT = ROOT / "tests" / "ledgers" / "port"
NOT_STATED = {"ilieva-2000-tents-asked": "requested", "government-5m-pledged": "pledged"}
NOT_STATED["agency-15000-housing-target"] = "targeted"


def _rows(markdown: str) -> dict[str, list[str]]:
    """The overview table's cells by claim id (footnote marks and HTML gone)."""
    found = {}
    for line in markdown.splitlines():
        claim = re.search(r'data-claim="([^"]+)"', line)
        if claim:
            cells = [re.sub(r"<[^>]+>", "", cell).replace("**", "").strip() for cell in line.strip("|").split("|")]
            found[claim[1]] = cells
    return found


def _without_status(folder: Path) -> Path:
    """A copy of the camp ledger whose status cells are all empty: every figure read as stated."""
    copy = folder / "camp"
    shutil.copytree(CAMP, copy)
    claims = copy / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    for status in NOT_STATED.values():
        text = text.replace(f",{status},", ",,")  # the status cell, before the period cell
    claims.write_text(text, encoding="utf-8")
    assert set(analysis.statuses(kit.claims(copy))) == {"stated"}
    return copy


def test_the_registry_the_model_and_the_validator_share_one_list() -> None:
    (spec,) = [spec for spec in model_fields("claims") if spec["name"] == "status"]
    assert tuple(spec["constraints"]["enum"]) == tuple(vocab.statuses()) == KIT_ENUMS["claims"]["status"]
    assert "status" in OPTIONAL_FIELDS["claims"]
    assert [name for name, row in vocab.statuses().items() if row.estimate] == [vocab.STATED]
    assert vocab.status_of("") == vocab.status_of(None) == vocab.status_of(pd.NA) == "stated"


def test_the_camp_ledger_records_the_request_the_pledge_and_the_target() -> None:
    claims = kit.claims(CAMP).set_index("claim_id")
    statuses = analysis.statuses(claims)
    assert {claim: statuses[claim] for claim in statuses.index if statuses[claim] != "stated"} == NOT_STATED
    assert set(analysis.statuses(kit.claims(PORT))) == {"stated"}  # no status column: every figure stated


def test_no_page_selects_a_figure_that_is_not_stated_as_fact() -> None:
    params = check(ledger=str(CAMP))
    assert not set(analysis.select(params)["claim_id"]) & set(NOT_STATED)
    assert set(NOT_STATED) <= set(analysis.select(params, every_status=True)["claim_id"])
    single = narrative.single_figures(params).data
    for quote in ("more tents", "5 million", "permanent housing"):
        assert quote not in single
    assert not set(reconcile.claims_frame(str(CAMP))["claim_id"]) & set(NOT_STATED)
    story = tracker.tracked(kit.corpus([str(CAMP)]))
    assert not {claim for claims in story["claims"] for claim in claims} & {f"camp/{c}" for c in NOT_STATED}


def test_read_as_stated_the_same_figures_would_be_shown_as_estimates(tmp_path) -> None:
    """The check that the filter above matters: with the status cells emptied, the pledge and the target are
    single figures on the estimates pages again."""
    params = check(ledger=str(_without_status(tmp_path)))
    assert set(NOT_STATED) <= set(analysis.select(params)["claim_id"])
    single = narrative.single_figures(params).data
    assert "more tents" in single and "permanent housing" in single


def test_the_overview_lists_every_figure_with_its_status_in_words() -> None:
    params = check(ledger=str(CAMP))
    table = overview.key_figures(params).data
    assert table.splitlines()[0] == "| Figure | What it counts | When | Bound | Status | Who said it | Side | Quote |"
    rows = _rows(table)
    assert len(rows) == len(kit.claims(CAMP))
    assert rows["ilieva-2000-tents-asked"][:5] == [
        "2,000 tents",
        "more tents the camp asked donors for",
        "",  # no date words, none resolved
        "at least",
        "a request",
    ]
    assert rows["government-5m-pledged"][3:5] == ["as stated", "a pledge"]
    assert rows["agency-15000-housing-target"][2:5] == ["by December", "as stated", "a target"]
    assert rows["agency-some-10000-arrived"][2:5] == ["on 23 October 2025", "about", "stated as fact"]
    assert table.splitlines()[-1].replace("**", "") == (
        "Not estimates, so never drawn, counted or reconciled as one: a pledge of "
        '<span class="tex2jax_ignore mathjax_ignore">&#36;</span>5 million (aid the government pledged), according '
        "to the national government; a target of 15,000 people by December (people the agency aims to move to "
        "permanent housing), according to regional migration agency (migration authority); a request for at least "
        "2,000 tents (more tents the camp asked donors for), according to Mira Ilieva (camp director)."
    )  # what each counts, from the ledger: a pledge of "up to €2.10" alone would hide that it is per bird
    sources = overview.sources(params).data  # the government's only figure is its pledge: still a statement given
    assert "| government | the national government | the national government | no | 1 |" in sources
    assert [section.heading for section in sections.overview(params)] == ["Key figures", "Sources by side"]


def test_with_every_figure_stated_the_overview_has_no_status_column() -> None:
    table = overview.key_figures(check(ledger=str(PORT))).data
    assert table.splitlines()[0] == "| Figure | What it counts | When | Bound | Who said it | Side | Quote |"
    assert "Not estimates" not in table


def test_a_status_outside_the_registry_is_an_error_naming_file_line_and_values(tmp_path) -> None:
    broken = tmp_path / "camp"
    shutil.copytree(CAMP, broken)
    claims = broken / "claims.csv"
    lines = claims.read_text(encoding="utf-8").split("\n")
    number = next(k for k, line in enumerate(lines) if line.startswith("government-5m-pledged,"))
    lines[number] = lines[number].replace(",pledged,", ",promised,")
    claims.write_text("\n".join(lines), encoding="utf-8")
    said = [str(problem) for problem in kit.validate(broken)]
    assert any(
        f"claims.csv:{number + 1}: status: 'promised' is not one of: stated, requested, pledged, targeted, forecast"
        in line
        for line in said
    ), said


def test_a_package_declaring_its_own_statuses_is_refused(tmp_path) -> None:
    broken = tmp_path / "camp"
    shutil.copytree(CAMP, broken)
    package = json.loads((broken / "datapackage.json").read_text(encoding="utf-8"))
    (claims,) = [resource for resource in package["resources"] if resource["name"] == "claims"]
    (spec,) = [spec for spec in claims["schema"]["fields"] if spec["name"] == "status"]
    spec["constraints"]["enum"].append("promised")
    (broken / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    said = " ".join(str(problem) for problem in kit.validate(broken))
    assert "the kit reads status as one of stated, requested, pledged, targeted, forecast" in said


def test_a_rate_is_written_with_its_period() -> None:
    """A rate ("takes in about 3,000 people a month") carries its period; a figure without one reads as before."""
    assert vocab.periods() == {"day": "a day", "week": "a week", "month": "a month", "year": "a year"}
    assert tuple(vocab.periods()) == KIT_ENUMS["claims"]["period"] and "period" in OPTIONAL_FIELDS["claims"]
    single = narrative.single_figures(check(ledger=str(CAMP))).data
    assert 'about **3,000 people a month**<sup><a href="#claim-agency-3000-a-month">' in single
    assert "**a couple thousand blankets**<sup>" in single  # no period: no words after it (a vague amount as written)


def _withdrawn(folder: Path, enum: list[str] | None = None) -> Path:
    """A copy of the camp ledger where September's "about 8,000" is a figure the article says was withdrawn; with
    ``enum``, the package declares those statuses (a ledger older than the status)."""
    copy = folder / "camp"
    shutil.copytree(CAMP, copy)
    claims = copy / "claims.csv"
    lines = claims.read_text(encoding="utf-8").split("\n")
    number = next(k for k, line in enumerate(lines) if line.startswith("agency-8000-september,"))
    cells = lines[number].rsplit(",", 3)  # the last cells: statement, status, period, change_from
    assert cells[2] == "" and lines[0].rsplit(",", 3)[1:] == ["status", "period", "change_from"]
    lines[number] = ",".join([cells[0], "withdrawn", *cells[2:]])
    claims.write_text("\n".join(lines), encoding="utf-8")
    if enum is not None:
        package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
        for resource in package["resources"]:
            for spec in resource.get("schema", {}).get("fields", []):
                if spec["name"] == "status":
                    spec["constraints"]["enum"] = enum
        (copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    return copy


def test_a_withdrawn_figure_is_listed_in_words_and_never_drawn_as_an_estimate(tmp_path) -> None:
    """A made-up stadium report: "corrects a $1.4 billion estimate the budget office published last month" was
    drawn in the series over time as a real cost that rose and fell; the ledger had no way to say it was withdrawn."""
    ledger = _withdrawn(tmp_path)
    assert [problem for problem in kit.validate(ledger) if problem.severity == "error"] == []
    params = check(ledger=str(ledger))
    assert "agency-8000-september" not in set(analysis.select(params)["claim_id"])
    table = overview.key_figures(params).data
    assert _rows(table)["agency-8000-september"][4] == "withdrawn"
    said = table.splitlines()[-1].replace("**", "")
    assert "a withdrawn figure of about 8,000 people in September (people staying in the camp)" in said


def test_kit_migrate_declares_a_status_newer_than_the_ledger(tmp_path) -> None:
    from kit.ledger import migrate

    older = ["stated", "requested", "pledged", "targeted", "forecast"]
    ledger = _withdrawn(tmp_path, older)
    said = [str(problem) for problem in kit.validate(ledger)]
    assert any("'withdrawn' is newer than this ledger: python -m kit migrate" in line for line in said), said
    lines = migrate.migrate(ledger)
    assert any(line.endswith("status declares every status of kit/vocab/statuses.csv") for line in lines), lines
    assert [problem for problem in kit.validate(ledger) if problem.severity == "error"] == []
