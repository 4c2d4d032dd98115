"""``python -m kit run --ledger DIR --corpus FOLDER``: a batch over many articles of one story.

Tiny notebooks stand in for the real ones: ``page.ipynb`` takes one article's ``ledger`` and prints its
headline, ``story.ipynb`` takes ``ledgers`` (every article at once, as a tracker does) and is marked
``scope: story``. Each logs its executions to a file beside it, so the tests see what ran, not how long it
took. The ledgers are copies of tests/corpus in a temporary folder. The last test renders the real overview
notebook per article.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from shared import BUILT_ARTICLES
from tiny_notebooks import ROOT, kit_run, make_notebook, summary_row, write_runs

from kit.run import articles, cache, corpus_index, remote, runsfile

CORPUS = ROOT / "tests" / "corpus"
FLOOD = "2025-04-07-riverwire-flood"  # published 2025-04-07, Riverwire
BRIEFING = "2025-04-08-riverwire-briefing"  # 2025-04-08, Riverwire
SHELTERS = "2025-04-08-valleycourier-shelters"  # 2025-04-08, Valley Courier
REVISION = "2025-04-10-valleycourier-revision"  # 2025-04-10, Valley Courier
LOG = "executions.txt"

PAGE = (
    "import os, kit\n"
    "name = os.path.basename(ledger)\n"
    f"open({LOG!r}, 'a').write('page ' + name + '\\n')\n"
    "print('HEADLINE:', kit.article(ledger).title)"
)
STORY = (
    "import os\n"
    "names = [os.path.basename(folder) for folder in ledgers]\n"
    f"open({LOG!r}, 'a').write('story ' + ','.join(names) + '\\n')\n"
    "assert all(os.path.isabs(folder) for folder in ledgers)\n"
    "print('STORY OF', len(ledgers), 'ARTICLES:', ' '.join(names))"
)


def headline(article: str) -> str:
    from kit.ledger.load import article as seed

    return seed(CORPUS / article).title


def tiny_project(root: Path) -> Path:
    """Two tiny notebooks, a runs file naming them (the story one with ``scope: story``) and a copy of the corpus."""
    root.mkdir(parents=True, exist_ok=True)
    make_notebook(root / "page.ipynb", "ledger = None\nlabel = 'plain'", PAGE)
    make_notebook(root / "story.ipynb", "ledgers = []\nfigure_format = 'png'", STORY)
    write_runs(
        root / "runs.yaml",
        [
            {"name": "page", "notebook": "page.ipynb", "parameters": {"label": "x"}},
            {"name": "tracker", "notebook": "story.ipynb", "scope": "story"},
        ],
    )
    for article in (FLOOD, BRIEFING, SHELTERS, REVISION):
        shutil.copytree(CORPUS / article, root / "corpus" / article, dirs_exist_ok=True)
    return root


def executions(project: Path) -> list[str]:
    log = project / LOG
    return log.read_text().splitlines() if log.is_file() else []


def run_in(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", *arguments, cwd=project)


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two articles; a third added; one article's data package edited; a note beside it (no file the pages read
    changed); the whole corpus folder.

    Each step records the summary, the executions it added and the index it left.
    """
    project = tiny_project(tmp_path_factory.mktemp("corpus-batch"))
    found: dict = {"project": project}
    steps = {
        "two": ("--ledger", f"corpus/{BRIEFING}", "--ledger", f"corpus/{FLOOD}"),  # given out of date order
        "three": ("--ledger", f"corpus/{BRIEFING}", "--ledger", f"corpus/{FLOOD}", "--ledger", f"corpus/{SHELTERS}"),
        "edited": ("--ledger", f"corpus/{BRIEFING}", "--ledger", f"corpus/{FLOOD}", "--ledger", f"corpus/{SHELTERS}"),
        "unchanged": (
            "--ledger",
            f"corpus/{BRIEFING}",
            "--ledger",
            f"corpus/{FLOOD}",
            "--ledger",
            f"corpus/{SHELTERS}",
        ),
        "corpus": ("--corpus", "corpus"),
    }
    for step, arguments in steps.items():
        if step == "edited":  # a file the article's package names: its key, and the story's, change
            package = project / "corpus" / FLOOD / "datapackage.json"
            package.write_text(package.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        if step == "unchanged":  # a curator's note the package does not name changes no page (kit/run/cache.py)
            (project / "corpus" / FLOOD / "notes.txt").write_text("a curator's note\n", encoding="utf-8")
        before = executions(project)
        result = run_in(project, *arguments)
        index = project / "out" / "runs.html"
        found[step] = {
            "result": result,
            "executed": sorted(executions(project)[len(before) :]),
            "index": index.read_bytes() if index.is_file() else b"",
            "index_mtime": index.stat().st_mtime_ns if index.is_file() else None,
            "story": (project / "out" / "tracker.html").read_text(encoding="utf-8"),
        }
    return found


def test_two_ledgers_render_each_article_into_its_folder(batches: dict) -> None:
    step, out = batches["two"], batches["project"] / "out"
    result = step["result"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary_row(result.stdout, "tracker")[1] == "ok"
    for article in (FLOOD, BRIEFING):
        assert summary_row(result.stdout, f"{article}/page")[1] == "ok"
        for path in cache.output_paths(out / article, "page").values():
            assert path.is_file(), path
        assert f"HEADLINE: {headline(article)}" in (out / article / "page.html").read_text(encoding="utf-8")
        assert (out / ".runs" / article / "page.json").is_file()  # state per article
    assert not (out / "page.html").exists()
    assert step["executed"] == sorted([f"page {FLOOD}", f"page {BRIEFING}", f"story {FLOOD},{BRIEFING}"])
    assert "STORY OF 2 ARTICLES" in step["story"]


def test_index_groups_reports_by_article_story_first_then_by_date(batches: dict) -> None:
    page = batches["two"]["index"].decode("utf-8")
    story = page.index('<section id="story">')
    flood = page.index(f'<section id="article-{FLOOD}">')
    briefing = page.index(f'<section id="article-{BRIEFING}">')
    assert story < flood < briefing  # the story first, then by publication date, not command-line order
    assert page.index('<a href="tracker.html">report</a>') < flood
    for article, date in ((FLOOD, "2025-04-07"), (BRIEFING, "2025-04-08")):
        section = page[page.index(f'<section id="article-{article}">') :]
        section = section[: section.index("</section>")]
        assert f"<h2>{headline(article)}</h2>" in section
        assert f"Riverwire · {date}" in section
        assert f'<a href="{article}/page.html">report</a>' in section
        assert "status-ok" in section
    assert str(batches["project"]) not in page and 'href="/' not in page  # relative links, no absolute paths
    assert not re.search(r"\d\d:\d\d:\d\d", page)  # no time of day


def test_a_third_ledger_executes_only_its_runs_and_the_story(batches: dict) -> None:
    step = batches["three"]
    result = step["result"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert step["executed"] == sorted([f"page {SHELTERS}", f"story {FLOOD},{BRIEFING},{SHELTERS}"])
    assert summary_row(result.stdout, f"{SHELTERS}/page")[1] == "ok"
    assert summary_row(result.stdout, "tracker")[1] == "ok"
    for article in (FLOOD, BRIEFING):
        assert summary_row(result.stdout, f"{article}/page")[1] == "cached"
    page = step["index"].decode("utf-8")
    assert f"<h2>{headline(SHELTERS)}</h2>" in page and "Valley Courier · 2025-04-08" in page


def test_editing_one_ledger_executes_its_runs_and_the_story(batches: dict) -> None:
    step = batches["edited"]
    assert step["result"].returncode == 0, step["result"].stderr
    assert step["executed"] == sorted([f"page {FLOOD}", f"story {FLOOD},{BRIEFING},{SHELTERS}"])
    assert summary_row(step["result"].stdout, f"{BRIEFING}/page")[1] == "cached"


def test_nothing_the_pages_read_changed_executes_nothing_and_leaves_the_index_as_it_was(batches: dict) -> None:
    step, before = batches["unchanged"], batches["edited"]
    assert step["result"].returncode == 0, step["result"].stderr
    assert step["executed"] == []
    names = ["tracker", *(f"{article}/page" for article in (FLOOD, BRIEFING, SHELTERS))]
    assert {summary_row(step["result"].stdout, name)[1] for name in names} == {"cached"}
    assert step["index"] == before["index"]
    assert step["index_mtime"] == before["index_mtime"]  # not even rewritten


def test_corpus_picks_every_ledger_in_the_folder(batches: dict) -> None:
    step, out = batches["corpus"], batches["project"] / "out"
    assert step["result"].returncode == 0, step["result"].stderr
    assert step["executed"] == sorted([f"page {REVISION}", f"story {FLOOD},{BRIEFING},{SHELTERS},{REVISION}"])
    page = step["index"].decode("utf-8")
    sections = re.findall(r'<section id="article-([^"]+)">', page)
    assert sections == [FLOOD, BRIEFING, SHELTERS, REVISION]  # by date; the two of 04-08 by id
    assert (out / REVISION / "page.html").is_file()


def test_summary_and_state_name_article_and_run(batches: dict) -> None:
    out = batches["project"] / "out"
    assert {path.parent.name for path in (out / ".runs").glob("*/page.json")} == {FLOOD, BRIEFING, SHELTERS, REVISION}
    first = batches["two"]["result"].stdout.splitlines()
    assert first[0].split()[:2] == ["run", "status"]
    assert [line.split()[0] for line in first[2:5]] == ["tracker", f"{FLOOD}/page", f"{BRIEFING}/page"]


def test_index_orders_articles_by_date_not_by_folder_name(tmp_path: Path) -> None:
    project = tiny_project(tmp_path / "p")
    shutil.copytree(project / "corpus" / FLOOD, tmp_path / "zz-first-published")
    shutil.copytree(project / "corpus" / REVISION, tmp_path / "aa-last-published")
    found = articles.gather([tmp_path / "zz-first-published", tmp_path / "aa-last-published"], [])
    assert [article.id for article in found] == ["aa-last-published", "zz-first-published"]
    page = corpus_index.corpus_index_html(
        tmp_path / "out", articles.plan(runsfile.load_runs(project / "runs.yaml"), found), project / "runs.yaml"
    )
    assert re.findall(r'<section id="([^"]+)">', page) == [
        "story",
        "article-zz-first-published",
        "article-aa-last-published",
    ]
    assert "Valley Courier · 2025-04-10" in page and "not run" in page


# -- usage errors: exit 2 before anything runs, naming the path ----------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_project(tmp_path_factory.mktemp("corpus-errors"))


@pytest.mark.batch
def test_a_missing_ledger_folder_is_a_usage_error_naming_it(small: Path) -> None:
    result = run_in(small, "--ledger", f"corpus/{FLOOD}", "--ledger", "corpus/no-such-article")
    assert result.returncode == 2
    assert "--ledger corpus/no-such-article: no such folder" in result.stderr
    (small / "not-a-ledger").mkdir(exist_ok=True)
    result = run_in(small, "--ledger", "not-a-ledger", "--corpus", "no-such-corpus")
    assert result.returncode == 2
    assert "--ledger not-a-ledger: not a ledger folder (it has no datapackage.json)" in result.stderr
    assert "--corpus no-such-corpus: no such folder" in result.stderr
    assert not (small / "out" / "index.html").exists()
    assert executions(small) == []


@pytest.mark.batch
def test_two_articles_with_one_name_are_a_usage_error_naming_both(small: Path) -> None:
    shutil.copytree(small / "corpus" / FLOOD, small / "elsewhere" / FLOOD, dirs_exist_ok=True)
    result = run_in(small, "--corpus", "corpus", "--ledger", f"elsewhere/{FLOOD}")
    assert result.returncode == 2
    assert f"two articles named '{FLOOD}'" in result.stderr
    assert f"elsewhere/{FLOOD}" in result.stderr and f"corpus/{FLOOD}" in result.stderr
    assert executions(small) == []


@pytest.mark.batch
def test_an_article_named_like_the_index_or_the_state_folder_is_a_usage_error(small: Path) -> None:
    shutil.copytree(small / "corpus" / FLOOD, small / "odd" / "index", dirs_exist_ok=True)
    shutil.copytree(small / "corpus" / FLOOD, small / "odd" / "tracker.html", dirs_exist_ok=True)
    result = run_in(small, "--ledger", "odd/index", "--ledger", "odd/tracker.html")
    assert result.returncode == 2
    assert "article 'index' (odd/index)" in result.stderr
    assert "article 'tracker.html' (odd/tracker.html)" in result.stderr


@pytest.mark.batch
def test_a_per_article_notebook_without_ledger_is_named(small: Path, tmp_path: Path) -> None:
    make_notebook(tmp_path / "fixed.ipynb", "label = 'x'", "print(label)")
    write_runs(tmp_path / "runs.yaml", [{"name": "fixed", "notebook": str(tmp_path / "fixed.ipynb")}])
    result = kit_run(
        "--runs", str(tmp_path / "runs.yaml"), "--out", str(tmp_path / "out"), "--corpus", "corpus", cwd=small
    )
    assert result.returncode == 2
    assert "run 'fixed': fixed.ipynb has no 'ledger' parameter" in result.stderr


@pytest.mark.batch
def test_a_broken_ledger_is_named_and_only_its_runs_fail(tmp_path: Path) -> None:
    project = tiny_project(tmp_path / "p")
    claims = project / "corpus" / FLOOD / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    assert text.count("At least three people have died") == 1
    claims.write_text(text.replace("At least three people have died", "At least four people have died"), "utf-8")
    result = run_in(project, "--ledger", f"corpus/{FLOOD}", "--ledger", f"corpus/{BRIEFING}")
    assert result.returncode == 1
    warning = re.search(
        rf"warning: article '{FLOOD}': its ledger does not validate \(\d+ problems?\); the first: (.*)", result.stderr
    )
    assert warning and f"corpus/{FLOOD}/claims.csv:" in warning.group(1)
    assert f"python -m kit validate corpus/{FLOOD}" in result.stderr
    broken = summary_row(result.stdout, f"{FLOOD}/page")
    assert broken[1] == "failed" and "LedgerError" in " ".join(broken)
    assert summary_row(result.stdout, f"{BRIEFING}/page")[1] == "ok"
    page = (project / "out" / "runs.html").read_text(encoding="utf-8")
    section = page[page.index(f'<section id="article-{FLOOD}">') :]
    assert f"<h2>{FLOOD}</h2>" in section and "its ledger does not validate" in section
    assert "status-failed" in section[: section.index("</section>")]


# -- the runs file: scope and the ledgers path list (no kernel) ------------------------------


def test_scope_is_checked_against_the_notebook(tmp_path: Path) -> None:
    make_notebook(tmp_path / "page.ipynb", "ledger = None")
    make_notebook(tmp_path / "story.ipynb", "ledgers = []")
    (tmp_path / "L").mkdir()
    runs = write_runs(
        tmp_path / "runs.yaml",
        [
            {"name": "wrong-story", "notebook": "page.ipynb", "scope": "story"},
            {"name": "unmarked", "notebook": "story.ipynb"},
            {"name": "good", "notebook": "story.ipynb", "scope": "story", "parameters": {"ledgers": ["L", "gone"]}},
        ],
    )
    wrong, unmarked, good = runsfile.load_runs(runs)
    assert "scope story needs a notebook with a 'ledgers' parameter" in runsfile.check_parameters(wrong, runs)[0]
    assert "add 'scope: story' to the run" in runsfile.check_parameters(unmarked, runs)[0]
    (problem,) = runsfile.check_parameters(good, runs)
    assert "ledgers item 'gone' is not a folder" in problem
    assert good.kernel_parameters()["ledgers"] == [str(tmp_path / "L"), str(tmp_path / "gone")]  # relative to runs.yaml
    assert unmarked.scope == "article" and good.scope == "story"
    bad = write_runs(tmp_path / "bad.yaml", [{"name": "x", "notebook": "story.ipynb", "scope": "everything"}])
    with pytest.raises(runsfile.RunsError, match="scope must be one of article, story"):
        runsfile.load_runs(bad)


def test_a_story_run_without_articles_reads_the_packaged_ledger(tmp_path: Path) -> None:
    make_notebook(tmp_path / "story.ipynb", "ledgers = []")
    (run,) = runsfile.load_runs(
        write_runs(tmp_path / "r.yaml", [{"name": "s", "notebook": "story.ipynb", "scope": "story"}])
    )
    assert run.kernel_parameters() == {"ledgers": [str(ROOT / "kit" / "data")]}
    assert run.parameters == {}  # as written: the index says "defaults"


def test_the_story_key_covers_every_article_and_a_shipment_carries_them(tmp_path: Path) -> None:
    project = tiny_project(tmp_path / "p")
    runs = runsfile.load_runs(project / "runs.yaml")
    found = articles.gather([project / "corpus" / FLOOD], [project / "corpus"])  # one folder twice: one article
    assert [article.id for article in found] == [FLOOD, BRIEFING, SHELTERS, REVISION]
    planned = articles.plan(runs, found)
    story = planned[0].run
    assert story.name == "tracker" and planned[1].run.name == f"{FLOOD}/page"
    key = cache.cache_key(story)
    page_keys = {item.run.name: cache.cache_key(item.run) for item in planned[1:]}
    (project / "corpus" / REVISION / "claims.csv").write_bytes(
        (project / "corpus" / REVISION / "claims.csv").read_bytes() + b"\n"
    )
    assert cache.cache_key(story) != key
    assert {item.run.name: cache.cache_key(item.run) for item in planned[1:]} == {
        name: value for name, value in page_keys.items() if not name.startswith(REVISION)
    } | {f"{REVISION}/page": cache.cache_key(planned[-1].run)}
    assert cache.cache_key(planned[-1].run) != page_keys[f"{REVISION}/page"]
    shipment = remote.ship(story, 60, cache.environment())
    assert [name for name, _ in shipment["ledgers"]] == [FLOOD, BRIEFING, SHELTERS, REVISION]
    assert all("claims.csv" in files for _, files in shipment["ledgers"])


@pytest.mark.batch
def test_a_shipped_story_run_sees_every_ledger_under_its_own_name(tmp_path: Path) -> None:
    project = tiny_project(tmp_path / "p")
    runs = runsfile.load_runs(project / "runs.yaml")
    found = articles.gather([project / "corpus" / FLOOD, project / "corpus" / REVISION], [])
    story = articles.plan(runs, found)[0].run
    result = remote.run_shipped(remote.ship(story, 60, cache.environment()))
    assert result["status"] == "ok", result["error"]
    assert f"STORY OF 2 ARTICLES: {FLOOD} {REVISION}".encode() in result["files"]["report"]  # names survive shipping
    assert result["ledger_version"].startswith("2 ledgers+")


# -- the real overview, once per article -------------------------------------------------------


def test_the_real_overview_renders_each_article(article_builds: Path) -> None:
    """The session's article builds (tests/conftest.py: the real notebooks, kit run --ledger over the test
    articles): each article's overview shows its own figures with their quotes, and none of another's."""
    from kit.ledger.load import article, claims

    ledgers = {name: ROOT / "tests" / "ledgers" / name for name in BUILT_ARTICLES}
    quotes = {name: set(claims(folder)["quote"]) for name, folder in ledgers.items()}
    for name, other in (BUILT_ARTICLES, BUILT_ARTICLES[::-1]):
        report = (article_builds / name / "overview.html").read_text(encoding="utf-8")
        report = html.unescape(re.sub(r'<span class="tex2jax_ignore mathjax_ignore">(.*?)</span>', r"\1", report))
        assert "data:image/png;base64," in report  # a chart was drawn ("$" is kept from MathJax, in a span)
        full = (article_builds / name / "overview.full.html").read_text(encoding="utf-8")
        assert f"{name}/overview: 06-overview.ipynb with ledger=" in full  # the full page's banner names the run
        assert "06-overview.ipynb" not in report  # the reader's page does not
        own, others = quotes[name] - quotes[other], quotes[other] - quotes[name]
        assert own and all(quote in report for quote in own)  # every figure of this article, with its quote
        assert not [quote for quote in others if quote in report]  # and none of the other's
    page = (article_builds / "runs.html").read_text(encoding="utf-8")
    for name, folder in ledgers.items():
        assert f"<h2>{html.escape(article(folder).title)}</h2>" in page
        assert f'<a href="{name}/overview.html">report</a>' in page


@pytest.mark.batch
def test_many_articles_without_a_runs_file_take_the_story_runs(tmp_path: Path) -> None:
    """--ledger without --runs reads notebooks/corpus.yaml (every notebook with its defaults, and the tracker),
    not notebooks/runs.yaml, whose topic and side runs fit only the packaged article."""
    ledger = ROOT / "tests" / "corpus" / "2025-04-07-riverwire-flood"
    result = kit_run("--ledger", str(ledger), "--out", str(tmp_path / "out"), "--only", "no-such-run", cwd=ROOT)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "corpus.yaml" in result.stderr and "tracker" in result.stderr and "overview-troops" not in result.stderr
    alone = kit_run("--out", str(tmp_path / "out"), "--only", "no-such-run", cwd=ROOT)
    assert "runs.yaml" in alone.stderr and "overview-troops" in alone.stderr
