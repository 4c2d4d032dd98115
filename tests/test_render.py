"""Reports that open offline: every page the batch writes fetches nothing from another host.

The real run set (notebooks/runs.yaml) is executed once a session into a temporary folder (the cluster
tests compare against the same build): each notebook with its defaults and its first run with other
parameters in kernels, the remaining runs (the same notebook, other parameter values) in-process. The
index and a report of each kind are then opened in headless Chromium, logging every request. Needs
Chromium at /usr/bin/chromium (`apt-get install -y chromium`); without it the browser tests skip, except
under CI=true, where a missing browser fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from tiny_notebooks import build_default_runs, run_in_process, session_runs

from kit.report import html as render
from kit.run import cache, runsfile

ROOT = Path(__file__).resolve().parents[1]
RUNS = ROOT / "notebooks" / "runs.yaml"
MEGABYTE = 1024 * 1024


def tiny_notebook() -> nbformat.NotebookNode:
    """A notebook whose narrative and outputs point at other hosts, as a careless one might."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Figures\n\n![a chart](https://example.org/chart.png) and [a link](https://example.org/)"
        ),
        nbformat.v4.new_code_cell("show_table_of_figures()", outputs=[]),
    ]
    nb.cells[1].outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/html": '<script src="https://cdn.example.org/lib.js"></script>'
                '<link rel="stylesheet" href="//cdn.example.org/style.css">'
                "<style>@import url('https://fonts.example.org/font.css');</style>"
                '<iframe src="https://example.org/embed"></iframe><p>table</p>',
                "text/plain": "<HTML>",
            },
        )
    ]
    return nb


def test_pages_have_no_cdn_scripts() -> None:
    page = render.notebook_html(tiny_notebook(), with_code=True, title="tiny", banner="run <tiny> & co")
    assert render.remote_references(page) == []
    for needle in ("require.js", "mathjax", "mermaid", "cdnjs", "cdn.example.org", "fonts.example.org"):
        assert needle not in page.lower(), needle
    assert '<a href="https://example.org/">a link</a>' in page  # links stay: nothing loads until clicked
    assert "run &lt;tiny&gt; &amp; co" in page
    report = render.notebook_html(tiny_notebook(), with_code=False, title="tiny")
    assert "show_table_of_figures" not in report and "show_table_of_figures" in page


def test_remote_references_finds_what_a_browser_would_fetch() -> None:
    page = (
        '<img src="https://a.example/x.png"><script src=//b.example/y.js></script>'
        "<style>body{background:url('http://c.example/z.png')}</style><a href='https://d.example/'>d</a>"
        '<img src="data:image/png;base64,AAAA">'
    )
    assert render.remote_references(page) == ["http://c.example/z.png", "https://a.example/x.png", "//b.example/y.js"]
    assert render.remote_references(render.make_offline(page)) == []


def test_index_escapes_parameters_and_names() -> None:
    row = render.IndexRow(
        name="troops",
        notebook="01-<b>.ipynb",
        parameters={"side": "<script>alert('x')</script>", "topic": 'a"b'},
        status="failed",
        error="ValueError: <img src=x onerror=alert(1)>",
        seconds=1.25,
        ledger_version="1.0.0+<abc>",
        report="troops.html",
    )
    page = render.index_html([row], title="Reports: <Figures> & 'quotes'")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Reports: &lt;Figures&gt; &amp; &#x27;quotes&#x27;" in page
    assert "1.0.0+&lt;abc&gt;" in page and "01-&lt;b&gt;.ipynb" in page
    assert '<a href="troops.html">report</a>' in page


# -- the real run set --------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """Every run in notebooks/runs.yaml, executed as `make report` would, once a session (shared with other files)."""
    return build_default_runs(tmp_path_factory)


def _built() -> list[runsfile.Run]:
    """The runs of notebooks/runs.yaml the session build executed, as the runs file has them."""
    built = {run["name"] for run in session_runs()}
    return [run for run in runsfile.load_runs(RUNS) if run.name in built]


def test_default_run_set_renders_every_notebook(real_build: tuple[Path, subprocess.CompletedProcess]) -> None:
    out, result = real_build
    assert result.returncode == 0, result.stdout + result.stderr
    runs = _built()
    for run in runs:
        state = cache.read_state(out, run.name)
        assert state["last"]["status"] in ("ok", "not applicable"), (run.name, state)
        for path in cache.output_paths(out, run.name).values():
            assert path.is_file(), path
    rendered = {run.notebook.name for run in runs}
    assert rendered == {path.name for path in (ROOT / "notebooks").glob("*.ipynb")}
    index = (out / "runs.html").read_text(encoding="utf-8")
    from kit import ledger_version

    assert ledger_version() in index
    for run in runs:
        assert f'<a href="{run.name}.html">report</a>' in index


def test_reader_page_keeps_only_the_lab_css_it_can_use() -> None:
    """The reader's page drops the JupyterLab rules no element of it can match (about 0.25 MB), and keeps those it
    uses, attribute selectors included; the page with code keeps nbconvert's stylesheet whole."""
    import re

    nb = tiny_notebook()
    nb.cells[1].outputs.append(nbformat.v4.new_output("stream", name="stderr", text="a warning\n"))
    report = render.notebook_html(nb, with_code=False, title="tiny")
    full = render.notebook_html(nb, with_code=True, title="tiny")
    css = "".join(re.findall(r"<style[^>]*>(.*?)</style>", report.split("</head>")[0], re.DOTALL))
    assert len(css) < 40_000 < len(full) - len(report)
    assert re.search(r"\[data-jp-theme-scrollbars=.true.\]", css)  # an attribute selector the page matches
    assert "a warning" not in report and "a warning" in full  # stderr is the runner's, not the reader's
    assert "vnd.jupyter.stderr" not in css  # so its pink rule goes too
    assert ".jp-Toolbar" not in css and ".jp-Toolbar" in full


def test_reports_are_standalone_and_small(real_build: tuple[Path, subprocess.CompletedProcess]) -> None:
    out, _ = real_build
    pages = sorted(out.glob("*.html"))
    assert len(pages) > 1
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert render.remote_references(text) == [], page.name
        if not page.name.endswith(".full.html"):
            assert page.stat().st_size <= MEGABYTE, f"{page.name}: {page.stat().st_size} bytes"


def _outputs(nb: nbformat.NotebookNode) -> list:
    """Cell outputs, without execution counters; the injected parameters cell is left out."""
    return [
        [{key: value for key, value in output.items() if key != "execution_count"} for output in cell.outputs]
        for cell in nb.cells
        if cell.cell_type == "code" and "injected-parameters" not in cell.metadata.get("tags", [])
    ]


@pytest.mark.kernel
def test_plain_papermill_gives_the_same_outputs_as_the_batch(
    real_build: tuple[Path, subprocess.CompletedProcess], tmp_path: Path
) -> None:
    out, _ = real_build
    candidates = [run for run in _built() if run.parameters]
    if not candidates:
        pytest.skip("no run with parameters in notebooks/runs.yaml")
    run = candidates[-1]
    command = [sys.executable, "-m", "papermill", str(run.notebook.relative_to(ROOT)), str(tmp_path / "plain.ipynb")]
    for name, value in run.parameters.items():
        command += ["-p", name, value] if isinstance(value, str) else ["-y", json.dumps({name: value})]
    plain = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    theirs = nbformat.read(tmp_path / "plain.ipynb", as_version=4)
    ours = nbformat.read(out / f"{run.name}.ipynb", as_version=4)
    assert _outputs(ours) == _outputs(theirs)
    assert any(_outputs(ours))


@pytest.mark.kernel
def test_the_runs_left_out_of_the_session_build_render_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every other run of notebooks/runs.yaml runs clean and says which selection it shows."""
    from kit.report import params

    monkeypatch.chdir(ROOT / "notebooks")  # where a kernel started by kit run works
    built = {run.name for run in _built()}
    others = [run for run in runsfile.load_runs(RUNS) if run.name not in built]
    for run in others:
        outputs = run_in_process(run.notebook, run.kernel_parameters(), monkeypatch)
        shown = "\n".join(str(output.get("text/markdown", "")) for output in outputs)
        assert "## " in shown, run.name  # it has sections, not only "not applicable"
        assert params.check(**run.parameters).describe() in shown, run.name  # the provenance line names it
    assert {run.notebook.name for run in others} <= {run.notebook.name for run in _built()}


# -- in a browser ------------------------------------------------------------------------


def requests_made(browser, page_path: Path) -> tuple[list[str], str]:
    """Every URL the browser asked for while opening a page, and the page's own URL."""
    url = page_path.resolve().as_uri()
    requested: list[str] = []
    page = browser.new_page()
    try:
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url, wait_until="load")
        broken = page.evaluate("Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length")
        assert broken == 0, f"{page_path.name}: {broken} images did not load"
    finally:
        page.close()
    return requested, url


def _foreign(requested: list[str], url: str) -> list[str]:
    return [item for item in requested if item != url and not item.startswith("data:")]


def test_offline_page_fetches_nothing_in_a_browser(browser, tmp_path: Path) -> None:
    page = tmp_path / "tiny.html"
    page.write_text(render.notebook_html(tiny_notebook(), with_code=True, title="tiny"), encoding="utf-8")
    requested, url = requests_made(browser, page)
    assert url in requested
    assert _foreign(requested, url) == []


def test_index_and_reports_fetch_nothing_in_a_browser(
    browser, real_build: tuple[Path, subprocess.CompletedProcess]
) -> None:
    out, _ = real_build
    # One reader's page of each notebook and figure format: the overview's per-topic and per-side runs differ
    # only in parameters, and every page's references are checked above without a browser; full pages share
    # the template.
    runs = runsfile.load_runs(RUNS)
    kinds = {(run.notebook.name, run.parameters.get("figure_format", "png")): run.name for run in reversed(runs)}
    reports = [out / f"{name}.html" for name in sorted(kinds.values())]
    pages = [out / "index.html", *reports]
    assert len(pages) > 1
    for path in pages:
        requested, url = requests_made(browser, path)
        assert url in requested, path.name
        assert _foreign(requested, url) == [], path.name
