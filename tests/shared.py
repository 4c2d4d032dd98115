"""Paths and helpers the tests share: the repository's folders and notebooks, the test articles, editing a CSV
in place, and finding a notebook's report in a build (``conftest.py`` holds the fixtures)."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from hypothesis import settings

from kit import cli
from kit.ledger import load, store
from kit.run import runsfile

ROOT = Path(__file__).resolve().parent.parent
PACKAGED_LEDGER = ROOT / "kit" / "data"
NOTEBOOKS = ROOT / "notebooks"
#: The numbered notebooks, in reading order.
NUMBERED = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
#: The numbered notebooks that read one article (a ``ledger`` parameter); the others read a story (``ledgers``).
ARTICLE_NOTEBOOKS = [path for path in NUMBERED if "ledger" in (runsfile.notebook_parameters(path) or {})]


def edit_csv(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a CSV file, failing loudly if it is not there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_rows(path: Path, change: Callable[[int, dict[str, str]], dict[str, str]]) -> None:
    """Rewrite a ledger's CSV table row by row: ``change`` gets each row's position and cells and returns its cells;
    the header and the order are kept."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(change(position, dict(row)) for position, row in enumerate(rows))


def default_run(stem: str, runs: str = "runs.yaml") -> str:
    """The name of the run in a runs file of notebooks/ that executes a notebook with its default parameters."""
    for run in runsfile.load_runs(NOTEBOOKS / runs):
        if run.notebook.stem == stem and not run.parameters:
            return run.name
    raise AssertionError(f"notebooks/{runs} has no run of {stem}.ipynb with its defaults")


def article_report(build: Path, article: str | None, stem: str, suffix: str = ".ipynb") -> Path:
    """A report of ``article_builds``: an article notebook's for one article, or a story notebook's (article
    None), under its run name in notebooks/corpus.yaml."""
    folder = build if article is None else build / article
    return folder / f"{default_run(stem, 'corpus.yaml')}{suffix}"


def built_notebook(build: Path, stem: str) -> nbformat.NotebookNode:
    """The executed notebook a build of the default runs wrote for one notebook with its defaults."""
    return nbformat.read(build / f"{default_run(stem)}.ipynb", as_version=4)


#: The test articles' ledgers (tests/ledgers/NAME).
ARTICLES = ("second", "wildfire", "crossings", "budget")
#: The test articles every notebook renders in kernels in ``article_builds`` (the others render in-process,
#: test_reports): one undated with figures of every kind, one dated series (the over-time page's charts).
BUILT_ARTICLES = ("second", "wildfire")


def drop_first_batch(ledger: Path) -> None:
    """Remove the packaged ledger's first-batch claim from a copy: a sound ledger without the one part."""
    claims = ledger / "claims.csv"
    row = next(line for line in claims.read_text(encoding="utf-8").splitlines() if line.startswith("first-batch-"))
    edit_csv(claims, row + "\n", "")


def forget_loaded_ledgers() -> None:
    """Empty the loaders' in-process caches, as a new process starts (the on-disk cache stays)."""
    load._CACHE.clear()
    load._FRAMES.clear()
    load._ENTRIES.clear()
    store._DIGESTS.clear()


def rewrite_article(folder: Path, text: str) -> None:
    """A ledger copy's article replaced and its hash in datapackage.json updated, as a corrected article is curated."""
    article = folder / "article.txt"
    article.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    package = folder / "datapackage.json"
    package.write_text(re.sub(r"sha256:[0-9a-f]{64}", f"sha256:{digest}", package.read_text(encoding="utf-8")))


#: The Hypothesis profile ``make check`` loads (``--hypothesis-profile quick``, registered in conftest.py): fewer
#: examples for the loop run on every change; ``make test`` runs every property test's own count.
QUICK_PROFILE = "quick"
#: Examples a property test runs under the quick profile, at most.
QUICK_EXAMPLES = 20


def examples(full: int) -> int:
    """How many examples a property test runs: ``full`` in the full suite, at most QUICK_EXAMPLES under the quick
    profile. A test that sets its own count needs this: an explicit ``max_examples`` overrides any profile."""
    return min(full, QUICK_EXAMPLES) if settings.get_current_profile_name() == QUICK_PROFILE else full


#: Under the quick profile a generated sweep of cases runs one case in QUICK_SHARE (see ``quick_share``).
QUICK_SHARE = 3


def quick_share(names: list[str], always: tuple[str, ...] = ()) -> list[str]:
    """The cases a sweep runs: all of ``names`` in the full suite; under the quick profile the ones starting with a
    prefix in ``always`` and one in QUICK_SHARE of the others, in the order given. A sweep of fields times values,
    in name order, so keeps about a third of the values of each field and a third of the fields of each value."""
    if settings.get_current_profile_name() != QUICK_PROFILE:
        return list(names)
    kept = [name for name in names if name.startswith(always)]
    return [*kept, *[name for name in names if not name.startswith(always)][::QUICK_SHARE]]


def corpus_with_own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the test corpus under ``tmp_path``, and a ledger cache folder of its own (``$KIT_CACHE``)."""
    target = tmp_path / "corpus"
    shutil.copytree(ROOT / "tests" / "corpus", target)
    monkeypatch.setenv(store.CACHE_ENV, str(tmp_path / "cache"))
    return target


def kit_command(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m kit ARGUMENTS`` run in this process through the entry point's own ``main``, as ``kit/__main__.py``
    calls it: its exit code, standard output and standard error, as ``subprocess.run`` would give them. For tests of a
    command's messages and exit codes; what only a process shows (a traceback, a hang, what it imports) is tested on
    ``python -m kit`` itself."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or Path.cwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(arguments))
        except SystemExit as stop:  # argparse refusing the arguments ends the process this way
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
            code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    return subprocess.CompletedProcess(["python", "-m", "kit", *arguments], code, out.getvalue(), err.getvalue())


#: The identity ``small_ledger`` gives its article (``kit new``'s keys).
SMALL_IDENTITY = {
    "published": "2026-10-02",
    "outlet": "Northwire",
    "url": "https://x.org",
    "byline": "",
    "language": "en",
}


def small_ledger(
    folder: Path, article: str, package: dict, sources: list[str], claims: list[dict], name: str = "small"
) -> Path:
    """A ledger made as a curator makes one: ``kit new`` (kit.ledger.scaffold.create) on ``article``, then
    ``package`` merged into datapackage.json key by key (``units`` added to the starting ones), ``sources`` lines
    appended to sources.csv and ``claims`` rows (column: cell; the rest empty) to claims.csv."""
    import json

    from kit.ledger.scaffold import create

    seed = folder / f"{name}.txt"
    seed.write_text(article, encoding="utf-8")
    ledger = create(name, seed, folder, SMALL_IDENTITY)
    declared = json.loads((ledger / "datapackage.json").read_text(encoding="utf-8"))
    declared["units"].update(package.get("units", {}))
    declared.update({key: value for key, value in package.items() if key != "units"})
    (ledger / "datapackage.json").write_text(json.dumps(declared, indent=2), encoding="utf-8")
    with (ledger / "sources.csv").open("a", encoding="utf-8", newline="") as out:
        out.writelines(line + "\n" for line in sources)
    header = (ledger / "claims.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    with (ledger / "claims.csv").open("a", encoding="utf-8", newline="") as out:
        csv.DictWriter(out, fieldnames=header, lineterminator="\n").writerows(claims)
    return ledger
