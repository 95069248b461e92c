"""API throughput and latency of the main read endpoints next to /health, same server, same run.

The server is the real thing: ``harmonia serve`` (uvicorn, access log on, as deployed) in its own
process on 127.0.0.1 over the full real graph. The client sends a bounded number of keep-alive
requests per endpoint from a few threads (the same for every endpoint), after a warm-up that
builds the served view. Each endpoint is measured twice against /health (goal: at least 30% of
its throughput), with p50/p99 latency:

- **repeat**: plain GETs, as a dashboard sends them; after the first, the answer comes from the
  served view's answer cache (``api/caching.py``);
- **computed**: ``Cache-Control: no-cache``, so every request runs the query and serialises
  the answer: what a read costs the first time after an ingest, or for a new filter.

/health reads nothing from the graph (it reports the served view); a 404 through the same
middleware is measured as well.

    python -m bench.api                   # builds the full graph in a temporary store (~20 s)
    python -m bench.api --db g.sqlite     # or serves an existing one
    python -m bench.api --requests 200    # per endpoint and path (default 300)

Endpoints are listed in READ_ENDPOINTS; GET operations of the OpenAPI without required
parameters are added automatically, so a new endpoint is measured as soon as it exists.
Endpoints not answering 200 on the real graph are reported and skipped.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.common import DATA, Figure, record, show

GOAL_RATIO = 0.30
BASELINE = "/health"
#: An answer through the same middleware, routing and error handler, with no endpoint at all.
TRIVIAL = "/bench-no-such-path"
#: The API key of servers the benchmarks start: a no-cache request computes only with it.
BENCH_KEY = "bench-key"
#: Asks the server to compute the answer rather than serve it from its answer cache (which it
#: does for the operator only).
COMPUTE = {"Cache-Control": "no-cache", "X-API-Key": BENCH_KEY}
#: The main reads, with real ids. Add an endpoint here to measure it (with real parameters).
READ_ENDPOINTS = [
    "/sources",
    "/countries",
    "/countries/FR",
    "/regimes",
    "/regimes/wassenaar",
    "/technologies",
    "/technologies/intrusion-software",
    "/lists",
    "/lists/list:wassenaar:2025/entries?category=5",
    "/entries/entry:wassenaar:2025:5A001.j",
    "/divergences?jurisdiction=US&jurisdiction=EU",
    "/coverage?list_id=list:wassenaar:2025&category=5",
    "/gaps/regimes/wassenaar?category=5",
    "/gaps/codes/echri-code-of-conduct",
    "/search?q=5A001.j",
    "/search?q=intrusion%20software",
    "/parties?name=huawei",
    "/documents",
    "/claims",
]
#: Served by the same app but not JSON reads of the graph.
NOT_READS = {"/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"}


# --- the graph and the server (shared with bench.startup and bench.load) -----------------------

_GRAPH: Path | None = None


def full_graph(workdir: Path) -> Path:
    """The full real graph: HARMONIA_BENCH_DB if given, else built once per process."""
    global _GRAPH
    given = os.environ.get("HARMONIA_BENCH_DB")
    if given and Path(given).is_file():
        return Path(given)
    if _GRAPH is None or not _GRAPH.is_file():
        from ingest.runner import ingest
        from store.embedded import EmbeddedStore

        path = workdir / "bench-graph.sqlite"
        started = time.perf_counter()
        with EmbeddedStore(path) as store:
            failed = [o for o in ingest(store, [DATA]) if o.status == "failed"]
        print(f"built the full graph in {time.perf_counter() - started:.1f}s: {path}")
        if failed:
            print(f"  failed sources: {', '.join(o.source_id for o in failed)}")
        _GRAPH = path
    return _GRAPH


def harmonia_command() -> list[str]:
    script = Path(sys.executable).with_name("harmonia")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from harmonia.cli import app; app()"]


def temporary_folder(workdir: Path) -> Path:
    """The TMPDIR of the processes the benchmarks start (to see what they leave behind)."""
    folder = workdir / "tmp"
    folder.mkdir(exist_ok=True)
    return folder


def clean_env(db: Path, workdir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HARMONIA_")}
    env.update(
        HARMONIA_DB_PATH=str(db),
        HARMONIA_STORE="embedded",
        HARMONIA_CACHE_DIR=str(workdir / "cache"),
        HARMONIA_API_KEY=BENCH_KEY,
        TMPDIR=str(temporary_folder(workdir)),
    )
    if DATA.is_dir():  # a sources folder that does not exist is refused (exit 2)
        env["HARMONIA_SOURCES_DIR"] = str(DATA)
    env.update(extra or {})
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    started_in: float  # seconds from launch until /health answered 200


def wait_healthy(process: subprocess.Popen[bytes], base: str, timeout: float = 120) -> float:
    started = time.perf_counter()
    with httpx.Client(timeout=5) as client:
        while True:
            try:
                if client.get(f"{base}/health").status_code == 200:
                    return time.perf_counter() - started
            except httpx.TransportError:
                pass
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode}")
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"no answer from {base}/health in {timeout:.0f}s")
            time.sleep(0.01)


@contextmanager
def serving(
    db: Path, workdir: Path, command: list[str] | None = None, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """``harmonia serve`` on a free port of 127.0.0.1, stopped afterwards (``env``: settings
    beside the defaults, such as another store)."""
    port = free_port()
    argv = command or [*harmonia_command(), "serve", "--port", str(port)]
    argv = [a.replace("{port}", str(port)) for a in argv]
    started = time.perf_counter()
    process = subprocess.Popen(
        argv,
        cwd=workdir,
        env=clean_env(db, workdir, env),
        stdout=subprocess.DEVNULL,
        # HARMONIA_BENCH_SERVER_LOG=1 shows the server's log (refreshes, errors) while measuring.
        stderr=None if os.environ.get("HARMONIA_BENCH_SERVER_LOG") else subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(process, base)
        yield Server(process, base, time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def discover(base: str) -> list[str]:
    """READ_ENDPOINTS, plus GET operations without required parameters not listed yet."""
    spec: dict[str, Any] = httpx.get(f"{base}/openapi.json", timeout=30).json()
    listed = {e.split("?")[0] for e in READ_ENDPOINTS}
    extra = []
    for path, operations in spec.get("paths", {}).items():
        get = operations.get("get")
        if get is None or "{" in path or path in listed | NOT_READS | {BASELINE}:
            continue
        if any(p.get("required") for p in get.get("parameters", [])):
            continue
        if "application/json" not in get.get("responses", {}).get("200", {}).get("content", {}):
            continue
        extra.append(path)
    return READ_ENDPOINTS + sorted(extra)


# --- measuring -----------------------------------------------------------------------------------


@dataclass
class Run:
    path: str
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def hammer(
    base: str,
    path: str,
    requests: int,
    threads: int,
    expect: int = 200,
    headers: dict[str, str] | None = None,
) -> Run:
    """``requests`` GETs of one path from ``threads`` keep-alive clients; wall time and each
    request's latency."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    share = [requests // threads + (i < requests % threads) for i in range(threads)]

    def worker(n: int) -> None:
        mine: list[float] = []
        bad = 0
        with httpx.Client(base_url=base, timeout=60, headers=headers) as client:
            for _ in range(n):
                t0 = time.perf_counter()
                response = client.get(path)
                mine.append(time.perf_counter() - t0)
                bad += response.status_code != expect
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    pool = [threading.Thread(target=worker, args=(n,)) for n in share]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return Run(path, time.perf_counter() - started, latencies, errors[0])


@dataclass
class Measured:
    trivial: Run
    baseline: Run
    repeat: list[Run]
    computed: list[Run]
    skipped: list[str]


def measure(base: str, requests: int, threads: int) -> Measured:
    endpoints = discover(base)
    usable, skipped = [], []
    with httpx.Client(base_url=base, timeout=120) as client:
        for path in endpoints:
            status = client.get(path).status_code  # also warms the per-revision caches
            if status == 200:
                usable.append(path)
            else:
                skipped.append(f"{path} ({status})")
        for path in [BASELINE, *usable]:
            for _ in range(10):
                client.get(path)
    return Measured(
        trivial=hammer(base, TRIVIAL, requests, threads, expect=404),
        baseline=hammer(base, BASELINE, requests, threads),
        repeat=[hammer(base, path, requests, threads) for path in usable],
        computed=[hammer(base, path, requests, threads, headers=COMPUTE) for path in usable],
        skipped=skipped,
    )


def endpoint_figures(run: Run, baseline: Run, how: str) -> list[Figure]:
    ratio = run.throughput / baseline.throughput
    return [
        Figure(
            f"api {run.path} throughput ({how})",
            run.throughput,
            "req/s",
            baseline.throughput,
            ratio,
            f">= {GOAL_RATIO:.0%} of {BASELINE}",
            ratio >= GOAL_RATIO and run.errors == 0,
        ),
        Figure(
            f"api {run.path} p50 ({how})",
            run.percentile(0.5) * 1000,
            "ms",
            baseline.percentile(0.5) * 1000,
            run.percentile(0.5) / baseline.percentile(0.5),
            "informational",
            None,
        ),
        Figure(
            f"api {run.path} p99 ({how})",
            run.percentile(0.99) * 1000,
            "ms",
            baseline.percentile(0.99) * 1000,
            run.percentile(0.99) / baseline.percentile(0.99),
            "informational",
            None,
        ),
    ]


def figures(m: Measured, threads: int) -> list[Figure]:
    trivial, baseline = m.trivial, m.baseline
    out = [
        Figure(
            f"api trivial (404) throughput ({threads} clients)",
            trivial.throughput,
            "req/s",
            None,
            None,
            "baseline",
            None,
        ),
        Figure(
            f"api {BASELINE} throughput ({threads} clients)",
            baseline.throughput,
            "req/s",
            trivial.throughput,
            baseline.throughput / trivial.throughput,
            "baseline",
            None,
        ),
        Figure(f"api {BASELINE} p50", baseline.percentile(0.5) * 1000, "ms", None, None, "", None),
        Figure(f"api {BASELINE} p99", baseline.percentile(0.99) * 1000, "ms", None, None, "", None),
    ]
    for repeat, computed in zip(m.repeat, m.computed, strict=True):
        out += endpoint_figures(repeat, baseline, "repeat")
        out += endpoint_figures(computed, baseline, "computed")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="An embedded store holding the real graph.")
    parser.add_argument("--requests", type=int, default=300, help="Requests per endpoint.")
    parser.add_argument("--threads", type=int, default=4, help="Concurrent keep-alive clients.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        db = args.db or full_graph(workdir)
        with serving(db, workdir) as server:
            measured = measure(server.base, args.requests, args.threads)
    result = figures(measured, args.threads)
    show(result)
    for path in measured.skipped:
        print(f"skipped (not 200 on the real graph): {path}")
    goal = GOAL_RATIO * measured.baseline.throughput
    for how, runs in (("repeat", measured.repeat), ("computed", measured.computed)):
        below = [f"{r.path} ({r.throughput:.0f}/s)" for r in runs if r.throughput < goal]
        print(f"{how}: {len(below)} of {len(runs)} endpoints under {GOAL_RATIO:.0%} of {BASELINE}")
        if below:
            print("  " + ", ".join(below))
    record(result)


if __name__ == "__main__":
    main()
