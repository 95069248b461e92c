"""Load: many concurrent clients on the main read endpoints while ingests write the same graph.

``harmonia serve`` runs on 127.0.0.1 over the full real graph. For a bounded time, N clients
(default 50, each its own keep-alive connection) send GETs round the main read endpoints as
fast as answers come back, while a writer keeps ingesting into the same store file: it removes
a source edition and runs ``harmonia ingest <source>`` again (a real write of ~51k rows for the
Consolidated Screening List, then the alignment), over and over. Readers must never see an
error (zero non-200 answers, zero failed requests); latency percentiles are reported.

    python -m bench.load                          # 50 clients, 60 s, full graph
    python -m bench.load --seconds 10 --clients 20 --db g.sqlite --writer-source us-country-groups
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

from bench.api import READ_ENDPOINTS, clean_env, full_graph, harmonia_command, serving
from bench.common import Figure, record, show
from bench.startup import memory_mb

#: The endpoints every client goes round (those of bench.api that answer on the real graph).
LOAD_ENDPOINTS = [e for e in READ_ENDPOINTS if not e.startswith(("/documents", "/claims"))]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    #: The slowest answer per endpoint, to tell a slow endpoint from a slow moment.
    worst: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s != 200) + len(self.failures)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def client_loop(
    base: str, endpoints: list[str], offset: int, deadline: float, tally: Tally
) -> None:
    order = cycle(endpoints[offset % len(endpoints) :] + endpoints[: offset % len(endpoints)])
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while time.perf_counter() < deadline:
            path = next(order)
            t0 = time.perf_counter()
            try:
                response = await client.get(path)
            except httpx.HTTPError as exc:
                tally.failures.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            took = time.perf_counter() - t0
            tally.latencies.append(took)
            tally.worst[path] = max(took, tally.worst.get(path, 0.0))
            tally.statuses[response.status_code] = tally.statuses.get(response.status_code, 0) + 1


async def readers(base: str, endpoints: list[str], clients: int, seconds: float) -> Tally:
    tally = Tally()
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(client_loop(base, endpoints, i, deadline, tally) for i in range(clients))
    )
    return tally


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
    slowest: dict[str, float]
    writes: int
    writer_failures: list[str]
    #: The server's resident memory at the end, and its high-water mark (two views while a
    #: newer one is built).
    rss_mb: float
    peak_mb: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds


def run(db: Path, workdir: Path, clients: int, seconds: float, source: str) -> LoadResult:
    with serving(db, workdir) as server:
        with httpx.Client(base_url=server.base, timeout=300) as warm:
            endpoints = [e for e in LOAD_ENDPOINTS if warm.get(e).status_code == 200]
        writer = Writer(db, workdir, source)
        thread = threading.Thread(target=writer.run if source != "none" else writer.stop.wait)
        thread.start()
        started = time.perf_counter()
        try:
            tally = asyncio.run(readers(server.base, endpoints, clients, seconds))
            rss_mb, peak_mb = memory_mb(server.process.pid)
        finally:
            writer.stop.set()
            thread.join()
        elapsed = time.perf_counter() - started
    return LoadResult(
        clients=clients,
        seconds=elapsed,
        endpoints=len(endpoints),
        requests=len(tally.latencies),
        errors=tally.errors,
        statuses={str(k): v for k, v in sorted(tally.statuses.items())},
        failures=tally.failures[:5],
        p50_ms=tally.percentile(0.50) * 1000,
        p95_ms=tally.percentile(0.95) * 1000,
        p99_ms=tally.percentile(0.99) * 1000,
        max_ms=max(tally.latencies, default=float("nan")) * 1000,
        slowest={
            path: round(took * 1000, 1)
            for path, took in sorted(tally.worst.items(), key=lambda kv: -kv[1])[:3]
        },
        writes=writer.writes,
        writer_failures=writer.failures[:3],
        rss_mb=rss_mb,
        peak_mb=peak_mb,
    )


def figures(r: LoadResult) -> list[Figure]:
    name = f"load {r.clients} clients + ingest"

    def info(label: str, value: float, unit: str) -> Figure:
        return Figure(f"{name} {label}", value, unit, None, None, "informational", None)

    return [
        Figure(f"{name} errors", r.errors, "req", None, None, "== 0", r.errors == 0),
        info("throughput", r.throughput, "req/s"),
        info("p50", r.p50_ms, "ms"),
        info("p95", r.p95_ms, "ms"),
        info("p99", r.p99_ms, "ms"),
        info("max", r.max_ms, "ms"),
        info("server RSS at the end", r.rss_mb, "MB"),
        info("server peak RSS", r.peak_mb, "MB"),
        Figure(
            f"{name} ingests during the run", r.writes, "runs", None, None, ">= 1", r.writes >= 1
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="An embedded store holding the graph.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--writer-source", default="us-csl", help="The source re-ingested ('none': no writes)."
    )
    parser.add_argument("--json", action="store_true", help="Print the result as JSON only.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        db = args.db or full_graph(workdir)
        result = run(db, workdir, args.clients, args.seconds, args.writer_source)
    if args.json:
        print(json.dumps({**asdict(result), "throughput": result.throughput}))
        return
    out = figures(result)
    show(out)
    print(f"{result.requests} requests, statuses {result.statuses}, failures {result.failures}")
    print(f"slowest answers (ms): {result.slowest}")
    if result.writer_failures:
        print(f"writer failures: {result.writer_failures}")
    record(out)


if __name__ == "__main__":
    main()
