"""``kit run --scheduler``: runs on a Dask distributed cluster instead of the local process pool.

Dask's scheduler places the runs and its client is the queue: the kit writes no scheduler, queue or
worker protocol of its own. Each run is shipped as bytes (:mod:`kit.run.remote`), so workers need the
project's environment but no shared filesystem. A run whose worker dies is put on another worker by the
scheduler; with ``distributed.scheduler.allowed-failures`` at 1 (set for ``--scheduler local``; start
other schedulers with ``DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1``) that is one retry, after which
the run is marked failed with the reason.
"""

from __future__ import annotations

import logging
import socket
import struct
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

from kit.run.remote import LOG_ENV, VersionMismatch, run_shipped, ship
from kit.run.runsfile import Run
from kit.run.worker import first_line

#: seconds to wait for the scheduler to answer, and then for a first worker, at most; Dask's own
#: ``distributed.comm.timeouts.connect`` setting shortens it
CONNECT_TIMEOUT = 10
#: the tasks' key prefix: one task group, so the scheduler queues runs instead of piling them on workers
KEY_PREFIX = "kit-run"


class ClusterError(Exception):
    """The cluster cannot take the batch (no scheduler at the address, no workers, Dask not installed)."""


#: the schemes ``--scheduler`` takes; only tcp:// (and a bare HOST:PORT, which Dask reads as tcp) is probed
SCHEMES = ("tcp", "tls")
#: Dask's default scheduler port, for an address without one
DEFAULT_PORT = 8786
#: a Dask scheduler's first message (its handshake) is well under this; more means something else speaks
_HANDSHAKE_MAX = 64 * 1024


def probe(address: str, timeout: float) -> str | None:
    """Why ``address`` is not a Dask scheduler answering within ``timeout`` seconds, or None when it is one.

    Dask's client trusts whatever answers: an HTTP server keeps it waiting for ever, and a server that
    speaks first (an SSH banner) has its first bytes read as a message length ("Unable to allocate
    2.82 EiB"). A scheduler sends its handshake as soon as a connection opens: eight bytes of length, then
    a short msgpack message naming its pickle protocol. This reads that much, within the time, and no more.
    """
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        host, port = parse_host_port(location, DEFAULT_PORT) if scheme == "tcp" else ("", 0)
    except (ValueError, TypeError) as problem:
        return f"not a scheduler address ({first_line(str(problem))}); write tcp://HOST:PORT"
    if scheme not in SCHEMES:
        return f"not a scheduler address ({scheme}:// is not tcp:// or tls://); write tcp://HOST:PORT"
    if scheme != "tcp":
        return None  # tls:// needs the cluster's certificates: Dask's client checks it (within its own timeout)
    deadline = time.monotonic() + timeout
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            header = _receive(connection, 8, deadline)
            (length,) = struct.unpack("<Q", header)
            if not 0 < length <= _HANDSHAKE_MAX:
                return f"something answers there, but not a Dask scheduler (it said {header!r})"
            if b"pickle-protocol" not in _receive(connection, length, deadline):
                return "something answers there, but not a Dask scheduler (its first message is not Dask's)"
    except TimeoutError:
        return f"nothing there answered as a Dask scheduler within {timeout:g} s"
    except OSError as problem:
        return problem.strerror or str(problem) or type(problem).__name__
    return None


def _receive(connection: socket.socket, size: int, deadline: float) -> bytes:
    """Exactly ``size`` bytes before the deadline (TimeoutError otherwise; ConnectionError when it closes)."""
    data = b""
    while len(data) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        connection.settimeout(left)
        chunk = connection.recv(size - len(data))
        if not chunk:
            raise ConnectionError(f"the connection closed after {len(data)} bytes")
        data += chunk
    return data


class DaskCluster:
    """A Dask client as a batch backend: ``address`` is the scheduler's, or 'local' to start a LocalCluster."""

    def __init__(
        self,
        address: str,
        *,
        jobs: int,
        versions: dict[str, str],
        log: Path,
        timeout: float | None = None,
        validated: Path | None = None,
    ):
        try:
            import dask
            from dask.utils import parse_timedelta
            from distributed import Client, LocalCluster
        except ImportError as missing:
            raise ClusterError(
                f"--scheduler needs dask and distributed ({missing}): pip install -r requirements.txt"
            ) from None
        if timeout is None:  # Dask's own setting when it is shorter (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s)
            configured = dask.config.get("distributed.comm.timeouts.connect", CONNECT_TIMEOUT)
            timeout = min(CONNECT_TIMEOUT, parse_timedelta(configured, default="seconds"))
        self.versions = versions
        self.validated = validated  # the batch's checked ledgers, shipped with each run (kit/ledger/handover.py)
        self.cluster = None
        if address == "local":
            dask.config.set({"distributed.scheduler.allowed-failures": 1})
            self.cluster = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
                env={LOG_ENV: str(log)},  # the workers' nannies set it for the worker processes
            )
            address = self.cluster.scheduler_address
        else:
            reason = probe(address, timeout)
            if reason:
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {address}: {reason}; nothing was run "
                    "(start a scheduler and workers, see README 'Scaling out', or leave out --scheduler)"
                )
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as problem:
            self._close_cluster()
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address}: {first_line(str(problem)) or type(problem).__name__}; "
                "nothing was run (start a scheduler and workers, see README 'Scaling out', or leave out --scheduler)"
            ) from None
        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError) as problem:
            self.close(True)
            raise ClusterError(
                f"the Dask scheduler at {address} has no workers ({first_line(str(problem))}); nothing was run "
                "(start some with: dask worker ADDRESS)"
            ) from None

    def submit(self, run: Run, timeout: float) -> Any:
        """Ship one run to the cluster; the key names no run, so that all share one task group."""
        key = f"{KEY_PREFIX}-{uuid.uuid4().hex}"
        return self.client.submit(run_shipped, ship(run, timeout, self.versions, self.validated), key=key, pure=False)

    def completed(self, futures: Iterable[Any]) -> Iterator[Any]:
        """The futures as they finish, on this client's own event loop (it is not the process's default)."""
        from distributed import as_completed

        return iter(as_completed(list(futures), loop=self.client.loop))

    def failure(self, problem: BaseException) -> str:
        """Why a run failed in the cluster: its workers died, a worker refused it, or the task itself raised."""
        from distributed import KilledWorker

        if isinstance(problem, KilledWorker):
            tries = problem.allowed_failures + 1
            last = getattr(problem.last_worker, "address", problem.last_worker)
            return (
                f"the worker running it died, {tries} times on {tries} workers (retried {tries - 1}x); "
                f"the last was {last}"
            )
        if isinstance(problem, VersionMismatch):
            return str(problem)
        return f"{type(problem).__name__}: {first_line(str(problem))}"

    def cancel(self, futures: list[Any]) -> list[str]:
        """Cancel every unfinished run; a running one is 'interrupted' (its worker finishes and drops it)."""
        running: set[Any] = set()
        with suppress(Exception):
            running = {key for keys in self.client.processing().values() for key in keys}
        with suppress(Exception):
            self.client.cancel(futures, force=True)
        return ["interrupted" if future.key in running else "not run" for future in futures]

    def close(self, interrupted: bool) -> None:
        """Disconnect; stop the LocalCluster when this batch started it (a cluster of its own stays up)."""
        with suppress(Exception):
            self.client.close(timeout=CONNECT_TIMEOUT)
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            with suppress(Exception):
                self.cluster.close(timeout=CONNECT_TIMEOUT)
