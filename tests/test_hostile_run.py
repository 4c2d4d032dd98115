"""``python -m kit run`` against hostile or unlucky surroundings: addresses that are no Dask scheduler, odd
option values, signals, a lock that is a folder, runs files built to blow up. Each ends with exit 2 (or the
usual interrupted message) and a clear line, never a hang, a MemoryError or a traceback.
"""

from __future__ import annotations

import http.server
import shutil
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tiny_notebooks import (
    ENV,
    ROOT,
    kit_command,
    kit_run,
    left_behind,
    make_notebook,
    start_kit_run,
    stopped_at_the_end,
    summary_row,
    wait_for,
    write_runs,
)

from kit.ledger.scaffold import ScaffoldError, create

pytestmark = pytest.mark.batch


@pytest.fixture
def project(tmp_path: Path) -> Path:
    make_notebook(tmp_path / "quick.ipynb", "label = 'x'", "print('report for', label)")
    write_runs(tmp_path / "runs.yaml", [{"name": "quick", "notebook": "quick.ipynb"}])
    return tmp_path


@contextmanager
def serving(handle) -> Iterator[int]:
    """A server on 127.0.0.1 that answers each connection with ``handle(connection)``; its port. Stopped at the end."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                handle(connection, stop)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def _ssh_banner(connection: socket.socket, stop: threading.Event) -> None:
    connection.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
    stop.wait(5)


def _http_server() -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def run_with_scheduler(project: Path, address: str) -> subprocess.CompletedProcess:
    """The batch against ``address``, with Dask's connect timeout at 2 s (the kit's wait follows it)."""
    env = dict(ENV, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    command = kit_command("--runs", "runs.yaml", "--out", "out", "--scheduler", address)
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=90)


def _refused(result, address: str) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"python -m kit run: cannot reach the Dask scheduler at {address}:")
    assert "nothing was run" in lines[0]
    return lines[0]


def test_a_plain_http_server_is_no_scheduler(project: Path) -> None:
    server, thread = _http_server()
    try:
        address = f"tcp://127.0.0.1:{server.server_address[1]}"
        result = run_with_scheduler(project, address)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert "nothing there answered as a Dask scheduler within 2 s" in _refused(result, address)
    assert not (project / "out" / "quick.html").exists()


def test_a_server_that_speaks_first_is_no_scheduler(project: Path) -> None:
    with serving(_ssh_banner) as port:
        address = f"127.0.0.1:{port}"
        result = run_with_scheduler(project, address)
    assert "something answers there, but not a Dask scheduler (it said b'SSH-2.0-')" in _refused(result, address)


def test_an_address_of_another_scheme_is_refused_at_once(project: Path) -> None:
    result = run_with_scheduler(project, "foo://bar:99")
    assert "not a scheduler address (foo:// is not tcp:// or tls://)" in _refused(result, "foo://bar:99")


def test_a_fractional_timeout_is_rounded_up_and_the_run_succeeds(project: Path) -> None:
    """The kernel's timeout is whole seconds: 30.5 used to pass the check and fail every run with a TraitError."""
    result = kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "1", "--timeout", "30.5", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary_row(result.stdout, "quick")[1] == "ok"
    assert "report for x" in (project / "out" / "quick.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["inf", "nan", "0", "1e300"])
def test_a_timeout_no_timer_holds_is_refused(project: Path, value: str) -> None:
    result = kit_run("--runs", "runs.yaml", "--out", "out", "--timeout", value, cwd=project, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr
        == "python -m kit run: --timeout must be a number of seconds above 0 and at most 604800 (a week)\n"
    )


def test_an_empty_only_is_refused_not_read_as_everything(project: Path) -> None:
    result = kit_run("--runs", "runs.yaml", "--out", "out", "--only", "", cwd=project, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert "--only needs a pattern" in result.stderr
    assert not (project / "out").exists()


def test_a_lock_that_is_a_folder_is_named(project: Path) -> None:
    (project / "out" / ".runs" / "lock").mkdir(parents=True)
    result = kit_run("--runs", "runs.yaml", "--out", "out", cwd=project, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "python -m kit run: cannot lock out: out/.runs/lock is a folder, not the batch's lock file; "
        "remove it and rerun\n"
    )


def test_a_lock_that_is_a_link_is_refused_and_its_target_untouched(project: Path, tmp_path_factory) -> None:
    """Opening the lock for appending would follow the link and create or touch a file outside OUT."""
    victim = tmp_path_factory.mktemp("elsewhere") / "victim.txt"
    victim.write_bytes(b"not the kit's\n")
    (project / "out" / ".runs").mkdir(parents=True)
    (project / "out" / ".runs" / "lock").symlink_to(victim)
    result = kit_run("--runs", "runs.yaml", "--out", "out", cwd=project, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert "out/.runs/lock is a link, not the batch's lock file" in result.stderr
    assert victim.read_bytes() == b"not the kit's\n"


def test_a_runs_file_with_an_alias_bomb_is_refused_in_one_short_line(project: Path) -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level, name in enumerate("bcdefgh"):
        previous = "abcdefg"[level]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    lines.append("runs: [*h]")
    (project / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = kit_run("--runs", "bomb.yaml", "--out", "out", cwd=project, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "python -m kit run: the runs file has problems:\n"
        "  bomb.yaml: not valid YAML: line 2: an alias (*a); write each value out\n"
    )


@pytest.mark.parametrize("name", ["index", "Index.html"])
def test_kit_new_refuses_a_name_kit_run_refuses(tmp_path: Path, name: str) -> None:
    seed = tmp_path / "article.txt"
    seed.write_text("A headline\n\nSome text.\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="a batch's index has that name"):
        create(name, seed, tmp_path)
    assert not (tmp_path / name).exists()


def test_an_article_dated_beyond_the_charts_fails_alone(tmp_path: Path) -> None:
    """9999-12-31T23:59:59-12:00 is year 10000 in UTC: the batch used to die of an OverflowError before any run."""
    for name, source in (("good", "2025-04-07-riverwire-flood"), ("bad", "2025-04-08-riverwire-briefing")):
        shutil.copytree(ROOT / "tests" / "corpus" / source, tmp_path / name, symlinks=False)
    package = tmp_path / "bad" / "datapackage.json"
    text = package.read_text(encoding="utf-8")
    assert text.count('"published": "2025-04-08"') == 1
    package.write_text(text.replace('"published": "2025-04-08"', '"published": "9999-12-31T23:59:59-12:00"'))
    make_notebook(tmp_path / "nb.ipynb", "ledger = ''", "import kit\nprint(kit.article(ledger).title)")
    write_runs(tmp_path / "runs.yaml", [{"name": "one", "notebook": "nb.ipynb"}])
    result = kit_run("--ledger", "good", "--ledger", "bad", "--runs", "runs.yaml", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr
    assert summary_row(result.stdout, "good/one")[1] == "ok"
    assert summary_row(result.stdout, "bad/one")[1] == "failed"
    assert "'9999-12-31T23:59:59-12:00' is outside the years the kit can draw (1800 to 2199)" in result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid``, from /proc (ppid is the 4th field of /proc/PID/stat)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="follows processes in /proc")
def test_after_kill_9_of_the_batch_its_workers_and_kernels_leave_on_their_own(project: Path) -> None:
    make_notebook(
        project / "slow.ipynb",
        "name = 'a'",
        "import pathlib, time\npathlib.Path(name + '.started').touch()\ntime.sleep(600)",
    )
    runs = [{"name": n, "notebook": "slow.ipynb", "parameters": {"name": n}} for n in ("a", "b")]
    write_runs(project / "runs.yaml", runs)
    with stopped_at_the_end(start_kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", cwd=project)) as child:
        wait_for(lambda: (project / "a.started").exists() and (project / "b.started").exists(), child, "two kernels")
        below = _descendants(child.pid)
        assert len(below) >= 5  # the fork server, two workers, two kernels
        child.kill()
        child.wait(10)
        left = left_behind(below, 40)
    assert left == []


def _slow_runs(project: Path, names: str) -> None:
    make_notebook(
        project / "slow.ipynb",
        "name = 'a'",
        "import pathlib, time\npathlib.Path(name + '.started').touch()\ntime.sleep(600)",
    )
    write_runs(project / "runs.yaml", [{"name": n, "notebook": "slow.ipynb", "parameters": {"name": n}} for n in names])


def _ended_as_interrupted(child: subprocess.Popen) -> None:
    stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr and "InvalidStateError" not in stderr, stderr
    assert stderr.rstrip().endswith(
        "python -m kit run: interrupted; finished runs are saved, the others were not run "
        "(no file was left half-written; rerun to continue)"
    ), stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_with_runs_queued_ends_with_the_usual_message(project: Path, signum: int) -> None:
    """Runs waiting in the pool's queue when the batch stops: the pool used to print an InvalidStateError."""
    _slow_runs(project, "abcdef")
    with stopped_at_the_end(start_kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", cwd=project)) as child:
        wait_for(lambda: len(list(project.glob("*.started"))) >= 2, child, "two kernels")
        child.send_signal(signum)
        _ended_as_interrupted(child)


def test_sigterm_before_the_runs_start_ends_with_the_usual_message(project: Path) -> None:
    _slow_runs(project, "ab")
    with stopped_at_the_end(start_kit_run("--runs", "runs.yaml", "--out", "out", "--jobs", "2", cwd=project)) as child:
        wait_for(lambda: (project / "out" / ".runs").is_dir(), child, "the batch preparing its folder", timeout=60)
        child.send_signal(signal.SIGTERM)
        _ended_as_interrupted(child)
