"""Latency of every analysis on the full real graph, and API throughput of /divergences.

In process: p50/p95 of each analysis once the per-revision indexes are built (their one-off
build is reported too). Divergence is timed for every pair of jurisdictions holding lists, over
all categories, with every row built (goal: p95 <= 50 ms).

Over HTTP: the app served by uvicorn on 127.0.0.1 in this process, a bounded number of
sequential keep-alive requests from an httpx client, /divergences (US vs EU, first page) next to
/health served the same way in the same run (goal: at least 30% of /health's throughput).

    python -m bench.queries            # builds the real graph in a temporary store (~20 s)
    python -m bench.queries --db g.sqlite   # or uses an existing one
"""

from __future__ import annotations

import argparse
import itertools
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn

from api.app import create_app
from bench.common import DATA, Figure, record, show
from graph_schema import ids
from graph_schema.model import EdgeRecord, NodeRecord
from ingest.registry import get_source
from ingest.runner import build_batch, ingest
from queries.analyses import Analyses
from queries.requests import ChangesRequest, DivergenceRequest, PartyGapsRequest, SearchRequest
from store.base import SourceBatch
from store.embedded import EmbeddedStore

DIVERGENCE_GOAL_MS = 50.0
THROUGHPUT_GOAL = 0.30
PAIRS = ["US", "EU", "NO", "IN", "GB", "wassenaar"]
REQUESTS = 300


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # the first call may build a lazy index; it is reported separately
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - started) * 1000.0)
    return runs


def older_wassenaar(store: EmbeddedStore) -> None:
    """A second, older edition of the Wassenaar list (3D006 removed), so changes has work."""
    definition = get_source("wassenaar-list")
    batch, _ = build_batch(definition, DATA / definition.meta.file)
    old = "list:wassenaar:2024"

    def rename(value: str) -> str:
        return value.replace("list:wassenaar:2025", old).replace(
            "entry:wassenaar:2025:", "entry:wassenaar:2024:"
        )

    nodes = []
    for n in batch.nodes:
        props = dict(n.properties)
        if n.label == "ControlEntry":
            if props["canonical"].startswith("3D006"):
                continue
            props["list_id"] = old
        if n.label == "ControlList":
            props.update(edition="2024", edition_date="2024-12-05")
        nodes.append(NodeRecord(id=rename(n.id), label=n.label, properties=props))
    kept = {n.id for n in nodes}
    edges = []
    for e in batch.edges:
        source, target = rename(e.source), rename(e.target)
        if target in kept and (source in kept or not source.startswith("entry:")):
            key = str(e.properties.get("key", ""))
            edges.append(
                EdgeRecord(
                    id=ids.edge_id(e.type, source, target, key),
                    type=e.type,
                    source=source,
                    target=target,
                    properties=e.properties,
                )
            )
    store.replace_source(
        SourceBatch(
            source_id=batch.source_id,
            edition="2024",
            title=batch.title,
            issuer=batch.issuer,
            nodes=nodes,
            edges=edges,
        )
    )


def in_process(path: Path) -> list[Figure]:
    figures: list[Figure] = []
    with EmbeddedStore(path, read_only=True) as store:
        analyses = Analyses(store)
        started = time.perf_counter()
        analyses.warm()
        build = time.perf_counter() - started
        figures.append(
            Figure("queries: index build (once per revision)", build, "s", None, None, "-", None)
        )
        pairs = list(itertools.combinations(PAIRS, 2))
        runs: list[float] = []
        for _ in range(10):
            for a, b in pairs:
                request = DivergenceRequest(jurisdiction=[a, b])
                runs += latency(lambda request=request: analyses.divergences(request), 1)  # type: ignore[misc]
        p95 = percentile(runs, 0.95)
        figures.append(
            Figure(
                f"queries: divergence, {len(pairs)} pairs, all rows, p95",
                p95,
                "ms",
                None,
                None,
                f"<= {DIVERGENCE_GOAL_MS:.0f} ms",
                p95 <= DIVERGENCE_GOAL_MS,
            )
        )
        figures.append(
            Figure(
                "queries: divergence, all pairs, p50",
                statistics.median(runs),
                "ms",
                None,
                None,
                "-",
                None,
            )
        )
        has_two = len(analyses.lists(issuer="wassenaar")) > 1
        cases: list[tuple[str, Callable[[], object]]] = [
            (
                "divergence US/EU first page",
                lambda: analyses.divergences(
                    DivergenceRequest(jurisdiction=["US", "EU"]), limit=50
                ),
            ),
            (
                "divergence US/EU/IN/NO/wassenaar",
                lambda: analyses.divergences(
                    DivergenceRequest(jurisdiction=["US", "EU", "IN", "NO", "wassenaar"])
                ),
            ),
            (
                "divergence US/EU intrusion software",
                lambda: analyses.divergences(
                    DivergenceRequest(jurisdiction=["US", "EU"], technology="intrusion software")
                ),
            ),
            ("coverage Wassenaar first page", lambda: analyses.coverage(limit=50)),
            ("coverage Wassenaar all rows", lambda: analyses.coverage()),
            ("gaps Wassenaar first page", lambda: analyses.regime_gaps("wassenaar", limit=50)),
            ("gaps ECHRI all rows", lambda: analyses.commitment_gaps("echri")),
            (
                "gaps parties NSO Group",
                lambda: analyses.party_gaps(PartyGapsRequest(name="NSO Group")),
            ),
            ("search code 5.A.1.j", lambda: analyses.search(SearchRequest(q="5.A.1.j"))),
            (
                "search words (fr)",
                lambda: analyses.search(SearchRequest(q="logiciels d'intrusion")),
            ),
            (
                "search words (en text)",
                lambda: analyses.search(SearchRequest(q="nuclear reactors")),
            ),
            ("parties fuzzy Intellexa", lambda: analyses.parties("Intellexa")),
            ("country controls IN", lambda: analyses.country_controls("IN")),
            ("entry detail", lambda: analyses.entry("entry:wassenaar:2025:5A001.j")),
        ]
        if has_two:
            cases.append(
                (
                    "changes Wassenaar 2021->2025",
                    lambda: analyses.changes(ChangesRequest(after="list:wassenaar:2025")),
                )
            )
        for name, fn in cases:
            runs = latency(fn, 30)
            figures.append(
                Figure(
                    f"queries: {name} p50/p95",
                    statistics.median(runs),
                    "ms",
                    None,
                    None,
                    f"p95 {percentile(runs, 0.95):.1f} ms",
                    None,
                )
            )
    return figures


def _serve(path: Path) -> tuple[uvicorn.Server, threading.Thread, str, EmbeddedStore]:
    store = EmbeddedStore(path, read_only=True)
    app = create_app(store)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 30 s")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}", store


def throughput(path: Path) -> list[Figure]:
    server, thread, base, store = _serve(path)
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            divergences = "/divergences?jurisdiction=US&jurisdiction=EU"
            client.get(divergences).raise_for_status()  # builds the indexes
            rates = {}
            for url in ("/health", divergences):
                client.get(url).raise_for_status()
                started = time.perf_counter()
                for _ in range(REQUESTS):
                    client.get(url).raise_for_status()
                rates[url] = REQUESTS / (time.perf_counter() - started)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
    health, div = rates["/health"], rates[divergences]
    ratio = div / health
    return [
        Figure("api: /health throughput", health, "r/s", None, None, "-", None),
        Figure(
            "api: /divergences US/EU throughput",
            div,
            "r/s",
            health,
            ratio,
            f">= {THROUGHPUT_GOAL:.0%} of /health",
            ratio >= THROUGHPUT_GOAL,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="An embedded store holding the real graph.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path: Path = args.db if args.db is not None else Path(tmp) / "graph.sqlite"
        if args.db is None:
            with EmbeddedStore(path) as store:
                ingest(store, [DATA])
                older_wassenaar(store)
        figures = in_process(path) + throughput(path)
    show(figures)
    record(figures)


if __name__ == "__main__":
    main()
