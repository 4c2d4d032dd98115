"""A batch over a corpus (``kit run --ledger DIR --corpus FOLDER``): which articles, and the runs each gets.

An article is a ledger folder; its folder name is its id. Every article-scoped run of the runs file runs
once per article, named ``ARTICLE/NAME`` and given ``ledger`` = that folder: its outputs go to
``OUT/ARTICLE/NAME.*`` and its state to ``OUT/.runs/ARTICLE/NAME.json``, so each article is cached on its
own and adding one executes only its runs (and the story's). Every story-scoped run (``scope: story``)
runs once, into ``OUT/``, given ``ledgers`` = every article's folder, sorted by article id; its cache key
covers every article's files. Folders given on the command line are relative to the current directory,
as every path is relative to where it is written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kit.paths import shown
from kit.run.atomic import STATE_DIR, TMP_SUFFIX
from kit.run.cache import output_paths
from kit.run.runsfile import PATH_LIST_PARAMETERS, PATH_PARAMETERS, Run, notebook_parameters


class PlanError(Exception):
    """Articles that cannot be batched as given (a usage error); carries every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Article:
    """One article of the batch: its id (the ledger folder's name) and its folder as given on the command line."""

    id: str
    folder: Path

    def absolute(self) -> Path:
        """The folder as the kernel gets it, relative paths read from the current directory."""
        return Path(os.path.abspath(self.folder))


@dataclass(frozen=True)
class Planned:
    """One run of the batch: ``run`` is what executes (``ARTICLE/NAME`` for an article's run), ``listed`` the run
    as the runs file lists it (its name and parameters as written, for the index), ``article`` None for a story
    run or a batch without articles."""

    run: Run
    listed: Run
    article: Article | None = None


def gather(ledgers: Sequence[Path], corpora: Sequence[Path]) -> list[Article]:
    """The articles of ``--ledger`` and ``--corpus``, sorted by id; raise PlanError naming each bad path.

    Two different folders with one name would write to one OUT/ARTICLE/ folder: a usage error, not a
    silent overwrite. The same folder given twice is one article.
    """
    from kit.ledger.corpus import ledger_folders  # here: kit.ledger loads pandas, which a plain batch never needs
    from kit.ledger.datapackage import PACKAGE_FILE
    from kit.ledger.folder import not_a_folder
    from kit.ledger.problems import LedgerError

    problems: list[str] = []
    found: list[Path] = []
    for folder in ledgers:
        if not folder.is_dir():
            problems.append(f"--ledger {shown(folder)}: {not_a_folder(folder)}")
        elif not (folder / PACKAGE_FILE).is_file():
            problems.append(f"--ledger {shown(folder)}: not a ledger folder (it has no {PACKAGE_FILE})")
        else:
            found.append(folder)
    for folder in corpora:
        try:
            inside = ledger_folders(folder) if folder.is_dir() else []
        except LedgerError as refused:  # a ledger folder linked out of the corpus: named, never read
            problems += [f"--corpus {shown(folder)}: {problem.message}" for problem in refused.problems]
            continue
        if not folder.is_dir():
            problems.append(f"--corpus {shown(folder)}: {not_a_folder(folder)}")
        elif not inside:
            problems.append(f"--corpus {shown(folder)}: no ledger folder (a folder with a {PACKAGE_FILE}) in it")
        found += inside
    by_id: dict[str, Path] = {}
    for folder in found:
        article_id = Path(os.path.abspath(folder)).name
        other = by_id.setdefault(article_id, folder)
        if os.path.abspath(other) != os.path.abspath(folder):
            problems.append(
                f"two articles named {article_id!r}: {shown(other)} and {shown(folder)} (an article's folder name is "
                f"its id and names its output folder); rename one of them"
            )
    if problems:
        raise PlanError(list(dict.fromkeys(problems)))
    return [Article(article_id, by_id[article_id]) for article_id in sorted(by_id)]


def name_problems(articles: Sequence[Article], runs: Sequence[Run]) -> list[str]:
    """Article ids that would write over the index, the state folder or a story run's outputs in OUT/."""
    taken = {"index", "index.html", "runs.html", STATE_DIR}
    for run in runs:
        if run.scope == "story":
            taken |= {path.name for failed in (False, True) for path in output_paths(Path(), run.name, failed).values()}
    taken_folded = {name.casefold() for name in taken}
    return [
        f"article {article.id!r} ({shown(article.folder)}): its outputs would go to OUT/{article.id}/, which "
        f"collides with the index, the state folder or a story run's files; rename the folder"
        for article in articles
        if article.id.casefold() in taken_folded or article.id.startswith(".")
    ]


def _given(run: Run, name: str, given: dict[str, Any]) -> Run:
    """The run with parameters given on the command line (relative to the current directory, like the run's
    ``base`` from now on); path parameters written in the runs file are made absolute first, so they keep
    meaning what they meant there."""
    resolved = run.kernel_parameters()
    paths = PATH_PARAMETERS + PATH_LIST_PARAMETERS
    parameters = {key: resolved[key] if key in paths else value for key, value in run.parameters.items()}
    return Run(name, run.notebook, {**parameters, **given}, None, run.scope)


def plan(runs: Sequence[Run], articles: Sequence[Article]) -> list[Planned]:
    """Every run the batch knows: without articles the runs file's runs as they are; with articles the story
    runs first, then each article's runs, article by article."""
    if not articles:
        return [Planned(run, run) for run in runs]
    ledgers = [str(article.folder) for article in articles]
    planned = [Planned(_given(run, run.name, {"ledgers": ledgers}), run) for run in runs if run.scope == "story"]
    for article in articles:
        for run in runs:
            if run.scope != "story":
                executed = _given(run, f"{article.id}/{run.name}", {"ledger": str(article.folder)})
                planned.append(Planned(executed, run, article))
    return planned


def ledger_parameter_problems(runs: Sequence[Run], runs_file: Path) -> list[str]:
    """Article runs whose notebook takes no ``ledger``: run once per article, each would show the same ledger."""
    problems = []
    for run in runs:
        if run.scope == "story" or not run.notebook.is_file():
            continue
        try:
            declared = notebook_parameters(run.notebook) or {}
        except (OSError, ValueError, SyntaxError):
            continue  # check_parameters says what is wrong with it
        if "ledger" not in declared:
            problems.append(
                f"{shown(runs_file)}: run {run.name!r}: {run.notebook.name} has no 'ledger' parameter, so it cannot "
                f"run once per article (--ledger, --corpus); give it one, or mark the run 'scope: story'"
            )
    return problems


def prepare_folders(out: Path, articles: Sequence[Article]) -> str | None:
    """Make each article's output and state folders (clearing temporaries a killed batch left); why not, if not."""
    for article in articles:
        for folder in (out / article.id, out / STATE_DIR / article.id):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                return f"cannot write {shown(folder)}: {error.strerror or error}"
            for stray in folder.glob(f".*{TMP_SUFFIX}"):
                with suppress(OSError):
                    stray.unlink()
    return None


@dataclass(frozen=True)
class Identity:
    """What the index says about an article: headline, outlet, date; ``problem`` when its ledger is unsound."""

    headline: str
    outlet: str = ""
    published: datetime | None = None  # in UTC, for the order
    date: str = ""  # as shown: the date, or date and time when the article gives one
    problem: str = ""  # for the index: no path in it
    detail: str = ""  # for the terminal: the first problem, with its path and line

    def order(self) -> tuple[bool, datetime]:
        """Sort key: by publication date, undated articles first (as :func:`kit.corpus` orders them)."""
        return (self.published is not None, self.published or datetime.min.replace(tzinfo=UTC))


def identity(article: Article) -> Identity:
    """The article's headline, outlet and date from its ledger (validated: a broken one says so instead)."""
    from kit.ledger.load import article as seed_article
    from kit.ledger.problems import LedgerError

    try:
        seed = seed_article(article.absolute())
    except LedgerError as error:
        count = len(error.problems)
        problem = f"its ledger does not validate ({count} problem{'s' * (count != 1)})"
        return Identity(article.id, problem=problem, detail=str(error.problems[0]) if error.problems else "")
    except (OSError, ValueError) as error:
        return Identity(article.id, problem=f"its ledger cannot be read ({type(error).__name__})")
    published, date = None, ""
    if seed.published is not None:
        stamp = seed.published
        published = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
        date = stamp.isoformat(sep=" ", timespec="minutes") if seed.published_time else stamp.date().isoformat()
    return Identity(seed.title, seed.outlet, published, date)
