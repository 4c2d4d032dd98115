"""The output folder: each run's files and state as the batch's main process writes them, and the index page.

Only the main process writes here (never a worker, local or on a cluster), each group of files
atomically: a failed run's outputs go beside its last good report instead of over it.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.paths import shown
from kit.run.atomic import atomic_write, write_files
from kit.run.cache import SUCCEEDED, output_paths, read_state, remove_failed_outputs, write_state
from kit.run.runsfile import Run


@dataclass
class Outcome:
    """What became of one run, as the summary and the index show it."""

    name: str
    status: str  # ok | cached | failed | timeout | interrupted | not run
    seconds: float | None = None
    error: str = ""
    output: Path | None = None
    worker: str = ""  # the cluster worker that ran it; empty in the local pool


def save(out: Path, run: Run, key: str, result: dict[str, Any], state: dict[str, Any]) -> Outcome:
    """Write one run's outputs and state; a failure goes beside the last good report instead of over it."""
    status, error = result["status"], result["error"]
    failed = status not in SUCCEEDED
    paths = output_paths(out, run.name, failed=failed)
    files = {paths[flavour]: data for flavour, data in result["files"].items()}
    record = {
        "status": status,
        "error": error,
        "seconds": round(result["seconds"], 3),
        "key": key,
        "ledger_version": result["ledger_version"],
        "ledger_title": result["ledger_title"],
    }
    if result.get("worker"):
        record["worker"] = result["worker"]
    try:
        if failed:
            remove_failed_outputs(out, run.name, keep=files)
        write_files(files)
        if not failed:
            state["good"] = record
            remove_failed_outputs(out, run.name)
    except OSError as problem:
        reason = f"could not save outputs: {problem.strerror or problem}" + (
            f" ({shown(problem.filename)})" if problem.filename else ""
        )
        error = f"{error}; {reason}" if failed else reason
        status, failed = ("failed" if status in SUCCEEDED else status), True
        record.update(status=status, error=error)
    state.update(name=run.name, notebook=run.shown_notebook(), parameters=run.parameters, last=record)
    write_state(out, run.name, state)
    report = paths["report"] if paths["report"] in files and paths["report"].exists() else None
    return Outcome(run.name, status, result["seconds"], error, report, result.get("worker", ""))


def _href(out: Path, path: Path) -> str | None:
    return path.relative_to(out).as_posix() if path.is_file() else None


def index_row(out: Path, run: Run) -> tuple[Any, str]:
    """One run as an index lists it (a :class:`kit.report.html.IndexRow`), from its recorded state, and the title
    of the ledger it last showed ("" when none)."""
    from kit.report.html import IndexRow

    state = read_state(out, run.name)
    last, good = state.get("last") or {}, state.get("good") or {}
    good_paths, failed_paths = output_paths(out, run.name), output_paths(out, run.name, failed=True)
    status = last.get("status", "not run")
    record = good if status in SUCCEEDED or not last else last
    row = IndexRow(
        name=run.name,
        notebook=run.shown_notebook(),
        parameters=run.parameters,
        status=status,
        error=last.get("error", "") if status != "ok" else "",
        seconds=record.get("seconds"),
        ledger_version=record.get("ledger_version", ""),
        report=_href(out, good_paths["report"]),
        full=_href(out, good_paths["full"]),
        executed=_href(out, good_paths["executed"]),
        failed_report=_href(out, failed_paths["report"]) if status not in SUCCEEDED else None,
        failed_full=_href(out, failed_paths["full"]) if status not in SUCCEEDED else None,
    )
    return row, record.get("ledger_title") or ""


def _index_rows(out: Path, runs: list[Run]) -> tuple[list[Any], str]:
    rows, titles = [], set()
    for run in runs:
        row, ledger_title = index_row(out, run)
        rows.append(row)
        if ledger_title:
            titles.add(ledger_title)
    title = f"Reports: {titles.pop()}" if len(titles) == 1 else "Reports"
    return rows, title


def write_page(out: Path, page: str, name: str = "index.html") -> Path:
    """Write OUT/NAME (the index, or the run details), only if it changed: an unchanged batch leaves the file,
    its bytes and its time alone."""
    index = out / name
    unchanged = False
    with suppress(OSError, UnicodeDecodeError):
        unchanged = index.read_text(encoding="utf-8") == page
    if not unchanged:
        atomic_write(index, page)
    return index


def listed(out: Path, run: Run, row: Any) -> Any:
    """A run as the landing page lists it (kit.report.landing.Listed), from its index row."""
    from kit.report import landing

    return landing.listed(run.notebook, run.parameters, row.status, row.report, row.error)


def write_index(out: Path, runs: list[Run], runs_file: Path) -> Path:
    """Rewrite OUT/runs.html (every run's details) and OUT/index.html (the landing page: each article and its
    reports) from the recorded state of every run in the runs file, each only if it changed."""
    from kit.report import landing
    from kit.report.html import index_html
    from kit.run.runsfile import ledger_folder

    rows, title = _index_rows(out, runs)
    page = index_html(rows, title=title, note=f"Runs listed in {runs_file.name}; rebuild with: python -m kit run")
    write_page(out, page, landing.RUNS_PAGE)
    story, by_ledger = [], {}
    for run, row in zip(runs, rows, strict=True):
        if run.scope == "story":
            story.append(listed(out, run, row))
        else:
            by_ledger.setdefault(ledger_folder(run), []).append(listed(out, run, row))
    entries = [
        landing.article_entry(folder, f"article-{index}", reports)
        for index, (folder, reports) in enumerate(by_ledger.items(), start=1)
    ]
    return write_page(out, landing.landing_html(story, entries))
