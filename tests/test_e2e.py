"""Every notebook, opened in JupyterLab and run from its Kernel menu, shows charts and narrative, no errors.

The notebooks are what the kit's users open. nbval checks their outputs; these tests check what a user
sees in a real JupyterLab in a real browser: the environment's Python 3 kernel, no traceback, every
chart and narrative the committed notebook shows, a quiet browser console. A screenshot of each run
with findings lands in build/e2e-screenshots/ for a human to look at; with KIT_E2E_SCREENSHOTS=FOLDER,
one of every run lands in FOLDER (each costs the browser about a second).

Needs Chromium at /usr/bin/chromium (`apt-get install -y chromium`); without it these tests skip,
except under CI=true, where a missing browser fails. `make test` runs them; alone:
`.venv/bin/python -m pytest -m e2e tests/test_e2e.py`, or leave them out with `-m "not e2e"`.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from e2e.jupyterlab import REPO, check_notebooks, expected_outputs, jupyterlab, without_outputs

pytestmark = pytest.mark.e2e

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
EVERY_SCREENSHOT = bool(os.environ.get("KIT_E2E_SCREENSHOTS"))
SCREENSHOTS = Path(os.environ.get("KIT_E2E_SCREENSHOTS") or REPO / "build" / "e2e-screenshots")
INJECTED_AT = 3  # the failing cell's number (from 1) in the injected copy, after the parameters


def _sample_notebook() -> dict:
    """A notebook like the kit's (narrative Markdown from code, a chart), so the check runs before any is committed."""
    v4 = nbformat.v4
    notebook = v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}}
    )
    notebook.cells = [
        v4.new_markdown_cell("# Sample\nA narrative cell."),
        v4.new_code_cell("ledger = None", metadata={"tags": ["parameters"]}),
        v4.new_code_cell(
            "from IPython.display import Markdown, display\nimport kit\n\n"
            "display(Markdown(f'The ledger holds **{len(kit.claims())}** figures.'))",
            outputs=[v4.new_output("display_data", data={"text/markdown": "The ledger holds …"})],
        ),
        v4.new_code_cell(
            "import matplotlib.pyplot as plt\n\nfig, ax = plt.subplots(figsize=(4, 3))\nax.bar(['a', 'b'], [1, 2]);",
            outputs=[v4.new_output("display_data", data={"image/png": ""})],
        ),
    ]
    return json.loads(nbformat.writes(notebook))


def _injected(notebook: dict) -> dict:
    """A copy of notebook with a cell that raises, where a user's broken edit might sit."""
    broken = json.loads(json.dumps(notebook))
    cell = json.loads(json.dumps(nbformat.v4.new_code_cell("raise RuntimeError('injected')")))
    broken["cells"].insert(INJECTED_AT - 1, cell)
    return broken


@pytest.fixture(scope="module")
def notebooks() -> dict[str, dict]:
    """The committed notebooks by file name (or the sample when none is committed) and a broken copy of one."""
    found = {path.name: json.loads(path.read_text()) for path in NOTEBOOKS} or {"sample.ipynb": _sample_notebook()}
    first = next(iter(found))
    return found | {f"injected-{first}": _injected(found[first])}


@pytest.fixture(scope="module")
def e2e_run(notebooks, browser, tmp_path_factory) -> E2ERun:
    """Run every notebook once in one JupyterLab, in the session's browser; JupyterLab stopped by PID after."""
    base = tmp_path_factory.mktemp("e2e")
    root = base / "notebooks"
    root.mkdir()
    for name, notebook in notebooks.items():
        # Outputs cleared: whatever the browser shows after the run, this run produced.
        (root / name).write_text(json.dumps(without_outputs(notebook), indent=1))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    start = time.monotonic()
    with jupyterlab(root, base / "lab") as lab:
        expected = {name: expected_outputs(notebook) for name, notebook in notebooks.items()}
        findings = check_notebooks(browser, lab, expected, SCREENSHOTS, every_screenshot=EVERY_SCREENSHOT)
        log = lab.log_tail()
    summary = f"{len(notebooks)} notebooks ran in one JupyterLab page in {time.monotonic() - start:.1f} s"
    return E2ERun(findings, summary, log)


@dataclass
class E2ERun:
    """What the run found per notebook, how long it took, and the end of JupyterLab's log for failures."""

    findings: dict[str, list[str]]
    summary: str
    log: str

    def report(self, request, name: str, failed: bool) -> str:
        """Say where the screenshot is and what was found, in the output and in pytest's report section."""
        screenshot = SCREENSHOTS / name.replace(".ipynb", ".png")
        where = f"screenshot {screenshot}" if screenshot.is_file() else "no screenshot (set KIT_E2E_SCREENSHOTS)"
        text = "\n".join([f"{name}: {where} ({self.summary})", *self.findings[name]])
        if failed:
            text += f"\nJupyterLab log (end):\n{self.log}"
        print(text)
        request.node.add_report_section("call", "e2e", text)
        return text


@pytest.mark.parametrize("name", [path.name for path in NOTEBOOKS] or ["sample.ipynb"])
def test_notebook_runs_clean_in_jupyterlab(name, e2e_run, request):
    """What a user sees after Restart Kernel and Run All Cells: no error, every chart and narrative."""
    findings = e2e_run.findings[name]
    assert findings == [], e2e_run.report(request, name, failed=True)
    e2e_run.report(request, name, failed=False)


def test_a_raising_cell_is_reported_with_notebook_and_cell(notebooks, e2e_run, request):
    """The check must catch a broken notebook, and say which notebook and cell, or its passes mean nothing."""
    name = next(name for name in notebooks if name.startswith("injected-"))
    wanted = f"{name}: cell {INJECTED_AT}: error RuntimeError: injected"
    found = wanted in e2e_run.findings[name]
    text = e2e_run.report(request, name, failed=not found)
    assert found, text
