"""How cost grows with the graph, on both backends in the same run.

Graphs of 1x, 3x and 10x the real data: the real sources, plus for each factor k-1 made-up older
editions of every real control list (its lists and entries copied under new ids, edition labels
ending in ``-synthetic-N`` and edition dates N years earlier, so the real editions stay the
current ones). The copies exist only inside this benchmark's stores. For each backend and size:

- **ingest**: parsing (measured once per real file in this run and counted once per edition),
  the atomic writes of every edition, and the derived alignment over all of them;
- **API RSS**: resident memory of a ``harmonia serve`` process over that store once it serves,
  and again after the requests below (the view on Neo4j holds no copy of the graph);
- **divergence p95** and **coverage p95**: latency of requests that compute their answer
  (``Cache-Control: no-cache``), the first of each excluded (it builds the indexes).

    python -m bench.scale                          # 1x, 3x, 10x; Neo4j at HARMONIA_NEO4J_URI
    python -m bench.scale --factors 1,3 --requests 20
    python -m bench.scale --backends embedded      # without a Neo4j server

The Neo4j database at ``--neo4j-uri`` is emptied before each size: point it at a server of its
own (``tools/neo4j_server.py start --home var/neo4j-bench --port 17688 --heap 8g``: the one
alignment write of 10x needs more than the default 2 GB heap), never at one whose data matters.
Figures go to bench/report.json; the README's table is written from them.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx

from bench.api import COMPUTE, hammer, serving
from bench.common import DATA, Figure, record, show
from graph_schema import ids
from graph_schema.model import EdgeRecord, NodeRecord
from ingest.registry import all_sources
from ingest.runner import bring_derived_up_to_date, build_batch, ingest_reference, locate
from store.base import GraphStore, SourceBatch
from store.embedded import EmbeddedStore
from store.neo4j_backend import Neo4jStore

DIVERGENCE = "/divergences?jurisdiction=US&jurisdiction=EU&limit=50"
COVERAGE = "/coverage?category=5&limit=50"
EMPTY_DATABASE = Path(__file__).with_name("cypher") / "empty_database.cypher"
#: A synthetic edition N is dated N of these before the real one.
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class Parsed:
    batches: list[SourceBatch]
    seconds: float  # parsing every real file once


def parse_real(sources: Path) -> Parsed:
    """Every registered source found under ``sources``, parsed once."""
    batches = []
    started = time.perf_counter()
    for definition in all_sources().values():
        path = locate(definition.meta, [sources])
        if path is not None:
            batches.append(build_batch(definition, path)[0])
    return Parsed(batches, time.perf_counter() - started)


def synthetic_edition(batch: SourceBatch, n: int) -> SourceBatch | None:
    """The batch's lists and entries as a made-up edition N years older (None: no list)."""
    label = f"synthetic-{n}"
    renamed: dict[str, str] = {}
    for node in batch.nodes:
        if node.label == "ControlList":
            renamed[node.id] = f"{node.id}-{label}"
    if not renamed:
        return None
    nodes = []
    for node in batch.nodes:
        props = dict(node.properties)
        props["prov_edition"] = f"{batch.edition}-{label}"
        if node.label == "ControlList":
            props["edition"] = f"{props['edition']}-{label}"
            older = props["edition_date"] and _older(props["edition_date"], n)
            props["edition_date"] = older
        elif node.label == "ControlEntry" and props.get("list_id") in renamed:
            props["list_id"] = renamed[props["list_id"]]
            renamed[node.id] = ids.entry_id(props["list_id"], props["canonical"])
        else:
            continue  # nodes a list shares with everyone (countries ...) are not copied
        nodes.append(NodeRecord(renamed[node.id], node.label, props))
    edges = []
    for edge in batch.edges:
        # The list's own structure, and its issuer; not what other nodes of the source say
        # about its entries (an authorisation excluding one stays about the real edition).
        if edge.target not in renamed or (edge.source not in renamed and edge.type != "ISSUES"):
            continue
        source, target = renamed.get(edge.source, edge.source), renamed[edge.target]
        props = {**edge.properties, "prov_edition": f"{batch.edition}-{label}"}
        edge_id = ids.edge_id(edge.type, source, target, str(props.get("key") or ""))
        edges.append(EdgeRecord(edge_id, edge.type, source, target, props))
    return batch.model_copy(
        update={"edition": f"{batch.edition}-{label}", "nodes": nodes, "edges": edges}
    )


def _older(iso: str, n: int) -> str:
    return (date.fromisoformat(iso) - n * YEAR).isoformat()


def load(store: GraphStore, parsed: Parsed, factor: int) -> tuple[float, float]:
    """Write the real editions and factor-1 synthetic copies of each list, then align:
    (seconds writing, seconds aligning)."""
    started = time.perf_counter()
    ingest_reference(store)
    for batch in parsed.batches:
        store.replace_source(batch)
        for n in range(1, factor):
            copy = synthetic_edition(batch, n)
            if copy is not None:
                store.replace_source(copy)
    written = time.perf_counter()
    bring_derived_up_to_date(store)
    return written - started, time.perf_counter() - written


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a process in MB (Linux /proc): now, or its peak with VmHWM."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


def wait_served(base: str, timeout: float = 900) -> None:
    """Until /health says the first view is built (status ok). A new connection per look:
    while a large graph is read the server may drop an idle keep-alive connection."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=60).json().get("status") == "ok":
                return
        except httpx.TransportError:
            pass  # busy building its view; ask again
        if time.monotonic() > deadline:
            raise RuntimeError(f"{base} did not serve a view in {timeout:.0f} s")
        time.sleep(0.5)


@dataclass(frozen=True)
class Row:
    backend: str
    factor: int
    nodes: int
    edges: int
    ingest_s: float
    rss_served_mb: float
    rss_after_mb: float
    rss_peak_mb: float
    divergence_p95_ms: float
    coverage_p95_ms: float
    error: str = ""  # what went wrong serving it (the figures after ingest are then NaN)


@contextmanager
def backend_store(backend: str, workdir: Path, neo4j_uri: str) -> Iterator[GraphStore]:
    """An empty store of one backend (the Neo4j database emptied first)."""
    if backend == "embedded":
        path = workdir / "scale.sqlite"
        path.unlink(missing_ok=True)
        with EmbeddedStore(path) as embedded:
            yield embedded
        return
    with (
        Neo4jStore(neo4j_uri, "neo4j", "") as old,
        old.driver.session(database=old.database) as session,
    ):
        session.run(EMPTY_DATABASE.read_text("utf-8").strip().removesuffix(";")).consume()
    with Neo4jStore(neo4j_uri, "neo4j", "") as store:  # schema and revision set up again
        yield store


def measure(
    backend: str, factor: int, parsed: Parsed, workdir: Path, neo4j_uri: str, requests: int
) -> Row:
    with backend_store(backend, workdir, neo4j_uri) as store:
        write_s, align_s = load(store, parsed, factor)
        counts = store.counts()
    nodes = sum(v for k, v in counts.items() if k[:1].isupper() and not k.isupper())
    env = {"HARMONIA_STORE": "neo4j", "HARMONIA_NEO4J_URI": neo4j_uri} if backend == "neo4j" else {}
    edges = sum(counts.values()) - nodes
    ingest_s = parsed.seconds * factor + write_s + align_s
    nan = float("nan")
    with serving(workdir / "scale.sqlite", workdir, env=env) as server:
        pid = server.process.pid
        try:
            wait_served(server.base)
            served = rss_mb(pid)
            p95 = {}
            for path in (DIVERGENCE, COVERAGE):
                httpx.get(server.base + path, headers=COMPUTE, timeout=600)  # builds indexes
                run = hammer(server.base, path, requests, 2, headers=COMPUTE)
                if run.errors:
                    raise RuntimeError(f"{run.errors} failed requests to {path}")
                p95[path] = run.percentile(0.95) * 1000
            after, peak = rss_mb(pid), rss_mb(pid, "VmHWM")
        except (httpx.TransportError, RuntimeError, OSError) as exc:
            code = server.process.poll()
            said = f"the server exited with {code}" if code is not None else str(exc)
            return Row(backend, factor, nodes, edges, ingest_s, nan, nan, nan, nan, nan, said)
    return Row(
        backend,
        factor,
        nodes,
        edges,
        ingest_s,
        served,
        after,
        peak,
        p95[DIVERGENCE],
        p95[COVERAGE],
    )


def figures(rows: list[Row]) -> list[Figure]:
    """Each figure against the same backend at 1x, measured in this run."""
    base = {r.backend: r for r in rows if r.factor == 1}
    out = []
    for r in rows:
        b = base.get(r.backend)
        for name, unit, value, baseline in [
            ("ingest", "s", r.ingest_s, b.ingest_s if b else None),
            ("API RSS after requests", "MB", r.rss_after_mb, b.rss_after_mb if b else None),
            ("divergence p95", "ms", r.divergence_p95_ms, b.divergence_p95_ms if b else None),
            ("coverage p95", "ms", r.coverage_p95_ms, b.coverage_p95_ms if b else None),
        ]:
            out.append(
                Figure(
                    f"scale {r.backend} {r.factor}x {name}",
                    value,
                    unit,
                    baseline,
                    value / baseline if baseline else None,
                    f"informational (baseline: {r.backend} at 1x)",
                    None,
                )
            )
    return out


TABLE_HEAD = (
    "| backend | size | nodes | edges | ingest | API RSS served / after / peak | "
    "divergence p95 | coverage p95 |\n|---|---|---:|---:|---:|---:|---:|---:|"
)


def table_row(r: Row) -> str:
    """One line of the README's table (Markdown)."""
    served = (
        f"{r.rss_served_mb:.0f} / {r.rss_after_mb:.0f} / {r.rss_peak_mb:.0f} MB"
        if not r.error
        else f"not served: {r.error}"
    )
    return (
        f"| {r.backend} | {r.factor}x | {r.nodes:,} | {r.edges:,} | {r.ingest_s:.0f} s | "
        f"{served} | {r.divergence_p95_ms:.0f} ms | {r.coverage_p95_ms:.0f} ms |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", default="1,3,10", help="sizes, times the real data")
    parser.add_argument("--backends", default="embedded,neo4j")
    parser.add_argument(
        "--neo4j-uri",
        default=os.environ.get("HARMONIA_NEO4J_URI", "bolt://127.0.0.1:17688"),
        help="a Neo4j server whose database may be emptied",
    )
    parser.add_argument("--requests", type=int, default=40, help="per endpoint and size")
    parser.add_argument("--sources", type=Path, default=DATA)
    args = parser.parse_args()
    factors = [int(f) for f in args.factors.split(",")]
    backends = args.backends.split(",")
    parsed = parse_real(args.sources)
    if not parsed.batches:
        parser.error(f"no source file found under {args.sources} (give --sources)")
    print(f"parsed {len(parsed.batches)} real sources in {parsed.seconds:.1f} s")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for factor in factors:
            for backend in backends:
                started = time.perf_counter()
                row = measure(backend, factor, parsed, Path(tmp), args.neo4j_uri, args.requests)
                rows.append(row)
                took = time.perf_counter() - started
                print(f"{backend} {factor}x measured in {took:.0f} s: {table_row(row)}")
    figs = figures(rows)
    show(figs)
    record(figs)
    print("\n".join([TABLE_HEAD, *map(table_row, rows)]))


if __name__ == "__main__":
    main()
