"""Run the kit's notebooks the way its users do: in JupyterLab, clicked through in a real browser.

nbval proves the notebooks execute; this proves a user who opens one in JupyterLab and picks
Kernel > Restart Kernel and Run All Cells sees charts and narrative, not tracebacks. JupyterLab runs
from this environment in a throwaway folder (settings, runtime files and notebooks), so neither the
repository nor the user's home changes, and every process started here is stopped by its PID.
"""

from __future__ import annotations

import copy
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
KERNEL_DISPLAY_NAME = "Python 3 (ipykernel)"
IMAGE_TYPES = ("image/png", "image/svg+xml")

#: User settings for the throwaway JupyterLab. The news and update prompts would cover the notebook
#: (and fetch from the internet); windowing off keeps every cell in the page, so the checks see all
#: outputs and the screenshot shows the whole notebook, which ends at its last cell (no scrolling past
#: the end); no autosave, since the copy is thrown away.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}

#: Page config for the throwaway JupyterLab. No build check: each page load would run node and yarn
#: in the server, and a "Build Recommended" dialog could cover the notebook. No debugger: it asks the
#: kernel for its state as the notebook opens, and a restart before the reply (common on a busy
#: machine) makes JupyterLab log "Could not restore the debugger state" to the console, an error
#: about the debugger, not the notebook, that a user who waits a second never sees.
PAGE_CONFIG = {
    "buildAvailable": False,
    "buildCheck": False,
    "disabledExtensions": {"@jupyterlab/debugger-extension": True},
}


# --- processes -------------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    """Map each PID to its child PIDs, read from /proc (empty where there is none)."""
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        parent = int(text.rpartition(")")[2].split()[1])
        tree.setdefault(parent, []).append(int(stat.parent.name))
    return tree


def descendants(pid: int) -> set[int]:
    """All processes below pid, so kernels and browser helpers can be stopped by PID too."""
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop_pids(pids: set[int], timeout: float = 10.0) -> None:
    """SIGTERM, wait up to timeout, then SIGKILL whatever is left."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except (ProcessLookupError, PermissionError):
                pass
        deadline = time.monotonic() + timeout
        while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not any(_alive(pid) for pid in pids):
            return


def stop_process(process: subprocess.Popen, timeout: float = 15.0) -> None:
    """Stop a child and everything it started: SIGTERM lets JupyterLab shut its kernels down first."""
    below = descendants(process.pid)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    stop_pids({pid for pid in below if _alive(pid)}, timeout=5.0)


# --- JupyterLab ------------------------------------------------------------------------------------


@dataclass
class Lab:
    """A running JupyterLab: where it listens, its token, its root folder and its process."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def api(self, path: str, body: dict | None = None) -> Any:
        """GET (or, with a body, POST) a Jupyter REST endpoint, authenticated with the token, parsed from JSON."""
        headers = {"Authorization": f"token {self.token}", "Content-Type": "application/json"}
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def start_kernel(self, name: str) -> str:
        """Start the notebook's python3 kernel before the page opens; its id.

        jupyter_server answers GET /api/kernels with a 500 while a kernel is still starting (its
        last_activity is not set yet). The POST returns once the kernel has started, so with the kernels
        started here one at a time no page is polling then; the pages later attach to these sessions.
        """
        session = {"path": name, "name": name, "type": "notebook", "kernel": {"name": "python3"}}
        started = self.api("/api/sessions", session)
        if not started["kernel"].get("last_activity"):
            raise RuntimeError(f"kernel for {name} did not start: {started}")
        return started["kernel"]["id"]

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_settings(env: dict[str, str]) -> None:
    for plugin, values in LAB_SETTINGS.items():
        path = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2))
    page_config = Path(env["JUPYTER_CONFIG_DIR"]) / "labconfig" / "page_config.json"
    page_config.parent.mkdir(parents=True, exist_ok=True)
    page_config.write_text(json.dumps(PAGE_CONFIG, indent=2))


def lab_environment(workdir: Path) -> dict[str, str]:
    """Environment for JupyterLab and its kernels: Jupyter, IPython and Matplotlib state in workdir.

    JUPYTER_PATH stays untouched so the environment's own python3 kernelspec (under sys.prefix) is
    found; PYTHONPATH names the repository so notebooks import kit from the temp root; the fresh
    Matplotlib folder keeps a user's matplotlibrc from changing the charts.
    """
    env = dict(os.environ)
    for variable, name in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ]:
        env[variable] = str(workdir / name)
        (workdir / name).mkdir(parents=True, exist_ok=True)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    # A user's JupyterLab draws with the inline backend: the test suite's Agg must not leak into it.
    for variable in ("MPLBACKEND", "JUPYTER_TOKEN"):
        env.pop(variable, None)
    return env


@contextmanager
def jupyterlab(root: Path, workdir: Path, timeout: float = 60.0) -> Iterator[Lab]:
    """Start JupyterLab from this environment on 127.0.0.1 serving root; stop it (and its kernels) after."""
    env = lab_environment(workdir)
    _write_settings(env)
    # Build Matplotlib's font cache now: a kernel building it would print a warning into a chart cell.
    warm = subprocess.Popen([sys.executable, "-c", "import matplotlib.font_manager"], env=env)
    port, token = _free_port(), secrets.token_hex(24)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={env['JUPYTERLAB_SETTINGS_DIR']}",
        f"--LabApp.workspaces_dir={env['JUPYTERLAB_WORKSPACES_DIR']}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = workdir / "jupyterlab.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, cwd=root, stdout=out, stderr=subprocess.STDOUT)
    lab = Lab(url=f"http://127.0.0.1:{port}", token=token, root=root, process=process, log=log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {process.returncode}:\n{lab.log_tail()}")
            try:
                lab.api("/api/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab not ready after {timeout:.0f} s:\n{lab.log_tail()}") from None
                time.sleep(0.2)
        warm.wait(timeout)
        yield lab
    finally:
        stop_process(process)
        stop_process(warm)


# --- the browser -----------------------------------------------------------------------------------


def find_chromium() -> str | None:
    """Debian's Chromium (Playwright's own download does not work here), or one on PATH."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def _mentioning(text: str) -> set[int]:
    """Processes whose command line mentions text: Chromium's crash handler detaches from its parent."""
    found = set()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text in cmdline.read_bytes().decode(errors="replace"):
                found.add(int(cmdline.parent.name))
        except OSError:
            continue
    return found


@contextmanager
def chromium(executable: str, home: Path) -> Iterator[Any]:
    """Launch headless Chromium through Playwright; close it and stop its processes by PID after.

    The browser gets home as its HOME (and XDG folders), so its crash reports and certificate
    database stay out of the user's home.
    """
    from playwright.sync_api import sync_playwright

    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"))
    before = descendants(os.getpid())
    playwright = sync_playwright().start()
    started: set[int] = set()
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, env=env)
        started = descendants(os.getpid()) - before  # Playwright's driver and the browser's processes
        try:
            yield browser
        finally:
            browser.close()
    finally:
        started |= {pid for parent in list(started) for pid in descendants(parent)} | _mentioning(str(home))
        playwright.stop()
        stop_pids({pid for pid in started if _alive(pid)}, timeout=5.0)


# --- what a notebook should show -------------------------------------------------------------------


@dataclass
class Expected:
    """What the committed notebook shows per cell (1-based), so the browser run can be held to it."""

    images: dict[int, int] = field(default_factory=dict)
    markdown: dict[int, int] = field(default_factory=dict)
    code_cells: int = 0
    committed: bool = False  # any code cell has committed outputs


def expected_outputs(notebook: dict) -> Expected:
    """Count chart images and displayed Markdown in each cell's committed outputs."""
    expected = Expected()
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        expected.code_cells += 1
        data = [output.get("data", {}) for output in cell.get("outputs", [])]
        expected.committed |= bool(cell.get("outputs"))
        if images := sum(any(kind in item for kind in IMAGE_TYPES) for item in data):
            expected.images[number] = images
        if markdown := sum("text/markdown" in item for item in data):
            expected.markdown[number] = markdown
    return expected


def without_outputs(notebook: dict) -> dict:
    """A copy with outputs and execution counts cleared: what the browser shows must come from this run."""
    clean = copy.deepcopy(notebook)
    for cell in clean["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return clean


# --- driving JupyterLab ----------------------------------------------------------------------------

#: The notebook on show: the page holds one panel per open notebook and hides all but the current one.
_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

_RUN_STATE = """() => {
  const panel = document.querySelector('PANEL');
  const prompts = panel ? [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.innerText.trim()) : [];
  const status = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return {status: status ? status.dataset.status : null, prompts};
}""".replace("PANEL", _PANEL)

_CELLS = """() => [...document.querySelectorAll('PANEL .jp-Notebook .jp-Cell')].map(cell => {
  const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')];
  const mime = type => outputs.filter(o => o.dataset.mimeType === type);
  const prompt = cell.querySelector('.jp-InputPrompt');
  return {
    type: cell.classList.contains('jp-CodeCell') ? 'code' : cell.classList.contains('jp-MarkdownCell')
      ? 'markdown' : 'raw',
    prompt: prompt ? prompt.innerText.trim() : '',
    stderr: mime('application/vnd.jupyter.stderr').map(o => o.innerText),
    images: outputs.filter(o => o.dataset.mimeType && o.dataset.mimeType.startsWith('image/'))
      .filter(o => [...o.querySelectorAll('img')].some(img => img.complete && img.naturalWidth > 0)).length,
    markdown: mime('text/markdown').map(o => o.classList.contains('jp-RenderedMarkdown') ? o.innerText.trim() : ''),
    rendered: cell.classList.contains('jp-MarkdownCell')
      ? (cell.querySelector('.jp-RenderedMarkdown') || {innerText: ''}).innerText.trim() : null,
  };
})""".replace("PANEL", _PANEL)

_READY = """() => {
  const status = document.querySelector('PANEL .jp-Notebook-ExecutionIndicator');
  const kernel = document.querySelector('PANEL .jp-KernelName');
  const name = kernel ? kernel.innerText.trim() : '';
  return status && status.dataset.status === 'idle' && name !== '' && name !== 'No Kernel';
}""".replace("PANEL", _PANEL)

#: The file name on the current notebook's tab: which notebook is on show.
_SHOWN = """() => {
  const tab = document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel');
  return tab ? tab.innerText.trim() : '';
}"""

#: True once the notebook on show has the focus (JupyterLab's menus act on the notebook last focused).
_FOCUSED = """() => {
  const panel = document.querySelector('PANEL');
  return Boolean(panel && panel.contains(document.activeElement));
}""".replace("PANEL", _PANEL)

_MSG_TYPE = re.compile(r'"msg_type"\s*:\s*"(?P<type>\w+)"')
_KERNEL_SOCKET = re.compile(r"/api/kernels/(?P<id>[^/?]+)/channels")
_SCROLLER = f"{_PANEL} .jp-WindowedPanel-outer"  # the notebook scrolls in here, not the window
_NOT_RUN = ("[ ]:", "[*]:")
#: The browser window: a laptop's, so the screenshots show what a user sees.
_VIEWPORT = {"width": 1280, "height": 900}


def _error_line(text: str) -> str:
    """The line that names the exception, e.g. 'RuntimeError: injected', from a rendered traceback."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _kernel_findings(lab: Lab, name: str) -> list[str]:
    """The notebook's kernel must be this environment's python3, not some other Python on the machine."""
    sessions = [s for s in lab.api("/api/sessions") if s["path"] == name]
    if len(sessions) != 1:
        return [f"expected one kernel session, found {len(sessions)}"]
    kernel = sessions[0]["kernel"]
    findings = []
    if kernel["name"] != "python3":
        findings.append(f"kernel is {kernel['name']!r}, not 'python3'")
    spec = lab.api("/api/kernelspecs")["kernelspecs"].get(kernel["name"], {}).get("spec", {})
    if spec.get("display_name") != KERNEL_DISPLAY_NAME:
        findings.append(f"kernel display name is {spec.get('display_name')!r}, not {KERNEL_DISPLAY_NAME!r}")
    # jupyter_client runs a spec's bare 'python' as the server's own interpreter: check the process itself.
    argv0 = None
    for pid in descendants(lab.process.pid):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if any(f"kernel-{kernel['id']}.json" in arg for arg in argv):
            argv0 = argv[0]
    # The jupyter launcher may name python3 where sys.executable says python: same folder, same binary.
    ours = Path(sys.executable)
    if argv0 is None or not (Path(argv0).parent == ours.parent and Path(argv0).resolve() == ours.resolve()):
        findings.append(f"kernel runs {argv0!r}, not this environment's {sys.executable!r}")
    return findings


class LabPage:
    """One browser page of JupyterLab holding every notebook as a tab, as a user works: the app loads once.

    Kernel requests are counted per kernel (by the id in the websocket's address), so one notebook can
    be restarted while the page still talks to another's kernel. Console errors belong to the page, so each
    is reported with every notebook.
    """

    def __init__(self, browser: Any, lab: Lab) -> None:
        self.lab = lab
        self.console: list[str] = []
        self.pending: dict[str, Counter[str]] = {}  # kernel id: requests sent and not yet answered, by type
        self.page = browser.new_page(viewport=_VIEWPORT)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))
        self.page.on("websocket", self._on_websocket)

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            url = (message.location or {}).get("url", "").replace(self.lab.token, "TOKEN")
            self.console.append(f"console error: {message.text}" + (f" ({url})" if url else ""))

    def _on_websocket(self, socket: Any) -> None:
        match = _KERNEL_SOCKET.search(socket.url)
        if match:
            counts = self.pending.setdefault(match["id"], Counter())
            socket.on("framesent", lambda payload: _count(counts, payload, "request", 1))
            socket.on("framereceived", lambda payload: _count(counts, payload, "reply", -1))

    def close(self) -> None:
        self.page.close()


def _count(counts: Counter[str], payload: str | bytes, kind: str, step: int) -> None:
    """Track requests to a kernel; a message's own type is the first msg_type in its frame."""
    text = payload if isinstance(payload, str) else payload.decode("utf-8", errors="replace")
    match = _MSG_TYPE.search(text)
    if match and match["type"].endswith(f"_{kind}"):
        counts[match["type"].removesuffix(f"_{kind}")] += step


class NotebookRun:
    """One notebook in a tab of the shared page, taken step by step."""

    def __init__(self, shared: LabPage, name: str, expected: Expected, screenshot: Path | None) -> None:
        self.shared, self.lab, self.page = shared, shared.lab, shared.page
        self.name, self.expected, self.screenshot = name, expected, screenshot
        self.kernel = ""
        self.findings: list[str] = []
        self.failed = False

    def step(self, what: str, action: Any) -> None:
        """Run one step unless an earlier one failed; a failure becomes a finding, not an exception."""
        if self.failed:
            return
        try:
            action()
        except Exception as error:  # noqa: BLE001 - reported as a finding, with the screenshot
            self.failed = True
            self.findings.append(f"{what} failed: {str(error).splitlines()[0]}")

    def start_kernel(self) -> None:
        self.kernel = self.lab.start_kernel(self.name)

    def open(self, first: bool) -> None:
        """The first notebook loads JupyterLab in a workspace of its own; each other one is opened from the
        file browser with a double click, as a user opens it, into a tab of its own."""
        if first:
            url = f"{self.lab.url}/lab/workspaces/e2e/tree/{quote(self.name)}?reset&token={self.lab.token}"
            self.page.goto(url, wait_until="commit")
        else:
            label = self.page.locator(".jp-DirListing-itemText", has_text=re.compile(f"^{re.escape(self.name)}$"))
            self.page.locator(".jp-DirListing-item", has=label).dblclick(timeout=90_000)
        self.page.wait_for_function(f"({_SHOWN})() === {json.dumps(self.name)}", timeout=90_000)

    def show(self) -> None:
        """Bring this notebook's tab to the front."""
        tab = self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=re.compile(f"^{re.escape(self.name)}$"))
        tab.click()
        self.page.wait_for_function(f"({_SHOWN})() === {json.dumps(self.name)}", timeout=30_000)
        # A click in the notebook, as a user's, gives it the focus: the Kernel menu acts on the focused one.
        self.page.locator(f"{_PANEL} .jp-Cell").first.click(position={"x": 4, "y": 4})
        self.page.wait_for_function(_FOCUSED, timeout=30_000)

    def restart_and_run_all(self) -> None:
        """What a user does: Kernel > Restart Kernel and Run All Cells…, then confirm the restart."""
        page = self.page
        self.show()
        self.wait_until_quiet(90)
        page.locator(".lm-MenuBar-item", has_text="Kernel").click()
        page.get_by_role("menuitem", name="Restart Kernel and Run All Cells…").click()
        page.locator(".jp-Dialog .jp-mod-accept").click()
        page.locator(".jp-Dialog").wait_for(state="detached", timeout=30_000)

    def wait_until_quiet(self, timeout: float) -> None:
        """Wait until the kernel is connected, idle, and has answered every request the page sent it.

        Before the kernel exists the indicator says idle too, next to "No Kernel" (a restart then fails
        with "No kernel to restart"); a restart while JupyterLab still awaits its kernel_info reply
        makes it report "Canceled future for kernel_info_request" as a page error.
        """
        deadline, quiet_since = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            pending = self.shared.pending.get(self.kernel, Counter())
            quiet = self.page.evaluate(_READY) and not any(count > 0 for count in pending.values())
            quiet_since = (quiet_since or time.monotonic()) if quiet else None
            if quiet_since and time.monotonic() - quiet_since > 0.3:
                return
            time.sleep(0.05)
        pending = self.shared.pending.get(self.kernel, Counter())
        raise TimeoutError(f"no idle kernel after {timeout:.0f} s (unanswered: {dict(+pending)})")

    def wait_until_done(self, timeout: float) -> None:
        """Wait for the restarted kernel to finish: first cell counted, none queued, kernel idle a moment.
        The notebook is on show: restart_and_run_all brought it to the front, and a run keeps it there."""
        deadline, idle_since, state = time.monotonic() + timeout, None, None
        while time.monotonic() < deadline:
            state = self.page.evaluate(_RUN_STATE)
            prompts = state["prompts"]
            done = state["status"] == "idle" and (not prompts or prompts[0] not in _NOT_RUN) and "[*]:" not in prompts
            # Idle for a moment, so a gap between two cells is not taken for the end of the run.
            idle_since = (idle_since or time.monotonic()) if done else None
            if idle_since and time.monotonic() - idle_since > 0.5:
                return
            time.sleep(0.1)
        raise TimeoutError(f"run not finished after {timeout:.0f} s: kernel {state and state['status']}")

    def inspect(self) -> None:
        """Hold what the page shows to the committed notebook (on show since its run): kernel, errors, charts,
        narrative."""
        findings, expected = self.findings, self.expected
        findings += _kernel_findings(self.lab, self.name)
        shown = self.page.locator(f"{_PANEL} .jp-KernelName").inner_text().strip()
        if shown != KERNEL_DISPLAY_NAME:
            findings.append(f"toolbar shows kernel {shown!r}, not {KERNEL_DISPLAY_NAME!r}")
        if expected.code_cells and not expected.committed:
            findings.append("no committed outputs to hold charts and narrative to (run `make notebooks`)")
        cells, code_seen = self.page.evaluate(_CELLS), 0
        for number, cell in enumerate(cells, start=1):
            where = f"cell {number}"
            if cell["type"] == "markdown" and not cell["rendered"]:
                findings.append(f"{where}: Markdown cell rendered empty")
            if cell["type"] != "code":
                continue
            code_seen += 1
            if cell["prompt"] != f"[{code_seen}]:":
                findings.append(f"{where}: prompt {cell['prompt']} where a fresh run gives [{code_seen}]:")
            for text in cell["stderr"]:
                if "Traceback" in text or "Error" in _error_line(text):
                    findings.append(f"{where}: error {_error_line(text)}")
                else:
                    findings.append(f"{where}: stderr {text.strip().splitlines()[0] if text.strip() else ''}")
            want = expected.images.get(number, 0)
            if cell["images"] < want:
                findings.append(f"{where}: {cell['images']} chart image(s) shown, {want} expected")
            want, rendered = expected.markdown.get(number, 0), len([text for text in cell["markdown"] if text])
            if rendered < want:
                findings.append(f"{where}: {rendered} narrative Markdown output(s) rendered, {want} expected")
        if code_seen != expected.code_cells:
            findings.append(f"{code_seen} code cells in the page, {expected.code_cells} in the notebook")

    def take_screenshot(self) -> None:
        """Grow the window to the notebook's full height (JupyterLab scrolls inside its panel), capture, shrink back."""
        if self.screenshot is None:
            return
        page = self.page
        self.show()
        extra = page.evaluate(
            f"() => {{ const s = document.querySelector('{_SCROLLER}');"
            " if (!s) return 0; s.scrollTo(0, 0); return s.scrollHeight - s.clientHeight; }"
        )
        page.set_viewport_size(
            {"width": _VIEWPORT["width"], "height": min(_VIEWPORT["height"] + max(extra, 0) + 40, 16_000)}
        )
        page.wait_for_timeout(300)
        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.screenshot), full_page=True)
        page.set_viewport_size(_VIEWPORT)

    def report(self) -> list[str]:
        """The findings, each prefixed with the notebook's name; the page's console errors count for each."""
        return [f"{self.name}: {finding}" for finding in self.findings + self.shared.console]


def check_notebooks(
    browser: Any,
    lab: Lab,
    notebooks: dict[str, Expected],
    screenshots: Path | None = None,
    timeout: float = 180.0,
    every_screenshot: bool = False,
) -> dict[str, list[str]]:
    """Open each notebook in JupyterLab, restart its kernel and run all cells from the Kernel menu; report.

    One page holds every notebook as a tab (JupyterLab loads once: a page load costs the browser about
    2 s of CPU); their kernels start side by side, and then each notebook in turn is brought to the
    front, restarted and run, and checked. Findings read like 'NAME.ipynb: cell 3: error RuntimeError: injected',
    cells counted from 1 over all cells, top to bottom as the notebook shows them. No findings: the
    notebook ran on this environment's kernel with no error, every chart and narrative shown, and a
    quiet browser console. A screenshot lands in ``screenshots`` for each notebook with findings, or
    for every notebook with ``every_screenshot``.
    """
    shared = LabPage(browser, lab)
    runs = []
    try:
        for name, expected in notebooks.items():
            shot = screenshots / name.replace(".ipynb", ".png") if screenshots else None
            runs.append(NotebookRun(shared, name, expected, shot))
        for run in runs:
            run.step("starting its kernel", run.start_kernel)
        for number, run in enumerate(runs):
            run.step("opening the notebook", lambda run=run, first=number == 0: run.open(first))
        # Collapse the file browser so the notebooks get the window's width in the screenshots.
        open_tab = shared.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if open_tab.count():
            open_tab.click()
        deadline = time.monotonic() + timeout  # for all runs together
        for run in runs:  # one after the other: a notebook running all its cells takes the focus (and its tab) back
            run.step("Restart Kernel and Run All Cells", run.restart_and_run_all)
            run.step("waiting for the run", lambda run=run: run.wait_until_done(max(deadline - time.monotonic(), 1)))
            run.step("inspecting the page", run.inspect)
        for run in runs:
            if every_screenshot or run.findings or shared.console:
                run.failed = False  # the picture of a broken run is the quickest way to see what went wrong
                run.step("screenshot", run.take_screenshot)
    finally:
        results = {run.name: run.report() for run in runs}
        shared.close()
    return results
