"""Load: many concurrent clients on the read endpoints, exports in the mix, optionally while
ingests write the same graph.

``harmonia serve`` runs on 127.0.0.1 over the full real graph, its temporary folder a fresh
one. For a bounded time, N clients (default 20, each its own keep-alive connection) send GETs
round the read endpoints and /health as fast as answers come back, every one with
``Cache-Control: no-cache`` (as a client trying to make the server compute would), while one
more client downloads the exports (whole-graph JSON, GraphML and Neo4j bundle, the CSVs) over
and over. Nothing is warmed first: the first answers of each revision are computed under the
load. Optionally a writer keeps ingesting into the same store file: it removes a source
edition and runs ``harmonia ingest <source>`` again, over and over. Readers must never see an
error; reported: latency percentiles overall and per endpoint (the goal: every read
endpoint's p95 <= 1 s, /health's p99 <= 100 ms), the server's peak memory (<= 600 MB), and the
files the server left in its temporary folder after SIGTERM (none).

    python -m bench.load                          # 20 clients, 60 s, full graph, no writer
    python -m bench.load --writer-source us-csl   # ... while the screening list is re-ingested
    python -m bench.load --seconds 10 --db g.sqlite --writer-source us-country-groups
    python -m bench.load --json                   # one JSON line with the figures (for tests)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from itertools import cycle
from pathlib import Path

import httpx

from bench.api import (
    READ_ENDPOINTS,
    clean_env,
    full_graph,
    harmonia_command,
    serving,
    temporary_folder,
)
from bench.common import Figure, record, show
from bench.startup import memory_mb

#: The endpoints every client goes round: bench.api's, the heavier analyses the dashboard
#: asks for, and /health.
LOAD_ENDPOINTS = [
    *(e for e in READ_ENDPOINTS if not e.startswith(("/documents", "/claims"))),
    "/divergences?jurisdiction=US&jurisdiction=EU&jurisdiction=IN&jurisdiction=wassenaar",
    "/dashboard/options",
    "/dashboard/matrix?jurisdiction=US&jurisdiction=EU&jurisdiction=IN",
    "/health",
]
#: What the exporting client downloads, over and over.
EXPORT_ENDPOINTS = [
    "/exports/coverage.csv",
    "/exports/divergences.csv?jurisdiction=US&jurisdiction=EU",
    "/exports/graph.json",
    "/exports/graph.graphml",
    "/exports/neo4j.zip",
]
#: What the clients send: a no-cache request asks for a computation, and must not get one.
NO_CACHE = {"Cache-Control": "no-cache"}
READ_P95_GOAL_MS = 1000.0
HEALTH_P99_GOAL_MS = 100.0
PEAK_GOAL_MB = 600.0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    #: Latencies per endpoint, to tell a slow endpoint from a slow moment.
    by_path: dict[str, list[float]] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s != 200) + len(self.failures)

    def record(self, path: str, took: float, status: int) -> None:
        self.latencies.append(took)
        self.by_path.setdefault(path, []).append(took)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def percentile(self, q: float, path: str | None = None) -> float:
        ordered = sorted(self.latencies if path is None else self.by_path.get(path, []))
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def client_loop(
    base: str,
    endpoints: list[str],
    offset: int,
    deadline: float,
    tally: Tally,
    headers: dict[str, str],
) -> None:
    order = cycle(endpoints[offset % len(endpoints) :] + endpoints[: offset % len(endpoints)])
    async with httpx.AsyncClient(base_url=base, timeout=300, headers=headers) as client:
        while time.perf_counter() < deadline:
            path = next(order)
            t0 = time.perf_counter()
            try:
                response = await client.get(path)
            except httpx.HTTPError as exc:
                tally.failures.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            tally.record(path, time.perf_counter() - t0, response.status_code)


def downloader(base: str, deadline: float, tally: Tally, headers: dict[str, str]) -> None:
    """Downloads the exports over and over, streaming each to nowhere, on its own thread (so
    that reading 100 MB files does not slow the measuring clients' event loop)."""
    order = cycle(EXPORT_ENDPOINTS)
    with httpx.Client(base_url=base, timeout=300, headers=headers) as client:
        while time.perf_counter() < deadline:
            path = next(order)
            t0 = time.perf_counter()
            try:
                with client.stream("GET", path) as response:
                    for _ in response.iter_bytes(1 << 20):
                        pass
            except httpx.HTTPError as exc:
                tally.failures.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            tally.record(path, time.perf_counter() - t0, response.status_code)


def readers(
    base: str, clients: int, seconds: float, headers: dict[str, str], exports: bool
) -> tuple[Tally, Tally]:
    reads, downloads = Tally(), Tally()
    deadline = time.perf_counter() + seconds
    thread = threading.Thread(target=downloader, args=(base, deadline, downloads, headers))
    if exports:
        thread.start()

    async def all_clients() -> None:
        await asyncio.gather(
            *(
                client_loop(base, LOAD_ENDPOINTS, i, deadline, reads, headers)
                for i in range(clients)
            )
        )

    asyncio.run(all_clients())
    if exports:
        thread.join()
    return reads, downloads


@dataclass
class Writer:
    """Keeps re-ingesting one source into the store until stopped."""

    db: Path
    workdir: Path
    source: str
    writes: int = 0
    failures: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def _remove(self) -> None:
        from store.embedded import EmbeddedStore

        with EmbeddedStore(self.db) as store:
            for record_ in store.sources():
                if record_.source_id == self.source:
                    store.remove_source(record_.key)

    def run(self) -> None:
        while not self.stop.is_set():
            self._remove()
            done = subprocess.run(
                [*harmonia_command(), "ingest", self.source],
                cwd=self.workdir,
                env=clean_env(self.db, self.workdir),
                capture_output=True,
                text=True,
            )
            if done.returncode == 0:
                self.writes += 1
            else:
                self.failures.append(done.stderr.strip()[-300:])


@dataclass
class LoadResult:
    clients: int
    seconds: float
    endpoints: int
    requests: int
    errors: int
    statuses: dict[str, int]
    failures: list[str]
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    #: p95 per read endpoint (ms), slowest first.
    endpoint_p95_ms: dict[str, float]
    health_p99_ms: float
    #: Downloads of exports: how many, errors, and the slowest (whole file) per export.
    downloads: int
    download_errors: int
    download_max_ms: dict[str, float]
    writes: int
    writer_failures: list[str]
    #: The server's resident memory at the end, and its high-water mark over its life.
    rss_mb: float
    peak_mb: float
    #: Files and folders the server left in its temporary folder once stopped by SIGTERM.
    leftover_files: int

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    @property
    def worst_read_p95_ms(self) -> float:
        reads = [v for path, v in self.endpoint_p95_ms.items() if path != "/health"]
        return max(reads, default=float("nan"))


def run(
    db: Path,
    workdir: Path,
    clients: int,
    seconds: float,
    source: str,
    *,
    no_cache: bool = True,
    exports: bool = True,
) -> LoadResult:
    headers = NO_CACHE if no_cache else {}
    with serving(db, workdir) as server:
        writer = Writer(db, workdir, source)
        thread = threading.Thread(target=writer.run if source != "none" else writer.stop.wait)
        thread.start()
        started = time.perf_counter()
        try:
            reads, downloads = readers(server.base, clients, seconds, headers, exports)
            rss_mb, peak_mb = memory_mb(server.process.pid)
        finally:
            writer.stop.set()
            thread.join()
        elapsed = time.perf_counter() - started
    # serving() stopped the server with SIGTERM and waited for it.
    leftovers = list(temporary_folder(workdir).iterdir())
    return LoadResult(
        clients=clients,
        seconds=elapsed,
        endpoints=len(LOAD_ENDPOINTS),
        requests=len(reads.latencies),
        errors=reads.errors,
        statuses={str(k): v for k, v in sorted(reads.statuses.items())},
        failures=[*reads.failures, *downloads.failures][:5],
        p50_ms=reads.percentile(0.50) * 1000,
        p95_ms=reads.percentile(0.95) * 1000,
        p99_ms=reads.percentile(0.99) * 1000,
        max_ms=max(reads.latencies, default=float("nan")) * 1000,
        endpoint_p95_ms={
            path: round(reads.percentile(0.95, path) * 1000, 1)
            for path in sorted(reads.by_path, key=lambda p: -reads.percentile(0.95, p))
        },
        health_p99_ms=reads.percentile(0.99, "/health") * 1000,
        downloads=len(downloads.latencies),
        download_errors=downloads.errors,
        download_max_ms={p: round(max(v) * 1000, 1) for p, v in downloads.by_path.items()},
        writes=writer.writes,
        writer_failures=writer.failures[:3],
        rss_mb=rss_mb,
        peak_mb=peak_mb,
        leftover_files=len(leftovers),
    )


def figures(r: LoadResult) -> list[Figure]:
    name = f"load {r.clients} clients no-cache" + (" + exports" if r.downloads else "")
    name += " + ingest" if r.writes else ""

    def info(label: str, value: float, unit: str) -> Figure:
        return Figure(f"{name} {label}", value, unit, None, None, "informational", None)

    def goal(label: str, value: float, unit: str, limit: float) -> Figure:
        return Figure(f"{name} {label}", value, unit, None, None, f"<= {limit:g}", value <= limit)

    return [
        Figure(f"{name} errors", r.errors, "req", None, None, "== 0", r.errors == 0),
        info("throughput", r.throughput, "req/s"),
        info("p50", r.p50_ms, "ms"),
        info("p99", r.p99_ms, "ms"),
        goal("slowest read endpoint's p95", r.worst_read_p95_ms, "ms", READ_P95_GOAL_MS),
        goal("/health p99", r.health_p99_ms, "ms", HEALTH_P99_GOAL_MS),
        info("export downloads", r.downloads, "files"),
        goal("server peak RSS", r.peak_mb, "MB", PEAK_GOAL_MB),
        info("server RSS at the end", r.rss_mb, "MB"),
        Figure(
            f"{name} files left in /tmp after SIGTERM",
            r.leftover_files,
            "files",
            None,
            None,
            "== 0",
            r.leftover_files == 0,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="An embedded store holding the graph.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--writer-source", default="none", help="A source re-ingested meanwhile (us-csl ...)."
    )
    parser.add_argument(
        "--cache", action="store_true", help="Plain GETs instead of Cache-Control: no-cache."
    )
    parser.add_argument("--no-exports", action="store_true", help="No export downloads.")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON only.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        db = args.db or full_graph(workdir)
        result = run(
            db,
            workdir,
            args.clients,
            args.seconds,
            args.writer_source,
            no_cache=not args.cache,
            exports=not args.no_exports,
        )
    if args.json:
        print(json.dumps({**asdict(result), "throughput": result.throughput}))
        return
    out = figures(result)
    show(out)
    print(f"{result.requests} requests, statuses {result.statuses}, failures {result.failures}")
    print(f"p95 per endpoint (ms): {result.endpoint_p95_ms}")
    print(f"slowest export downloads (ms): {result.download_max_ms}")
    if result.writer_failures:
        print(f"writer failures: {result.writer_failures}")
    record(out)


if __name__ == "__main__":
    main()
