"""Serve start time and memory with the full graph, next to a bare FastAPI app on uvicorn.

Start time: from launching ``harmonia serve`` until /health answers 200 (median of 3 starts).
Memory: the server's resident set (VmRSS from /proc) once every main read endpoint has been
served, so the graph and the analyses' per-revision indexes are built, and its high-water mark
(VmHWM). The first read after start, which builds the graph in memory, is reported too.
Baseline, measured the same way in the same run: a FastAPI app with one route on uvicorn.
Goals: start <= 3 s, resident memory <= 500 MB.

    python -m bench.startup [--db g.sqlite] [--starts 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.api import READ_ENDPOINTS, full_graph, harmonia_command, serving
from bench.common import Figure, record, show

GOAL_START_S = 3.0
GOAL_RSS_MB = 500.0
BARE_APP = (
    "import uvicorn\n"
    "from fastapi import FastAPI\n"
    "app = FastAPI()\n"
    "@app.get('/health')\n"
    "def health() -> dict[str, str]:\n"
    "    return {'status': 'ok'}\n"
    "uvicorn.run(app, host='127.0.0.1', port={port}, log_level='info')\n"
)


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process, in MB (10^6 bytes)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) * 1024 / 1e6
    return fields["VmRSS"], fields["VmHWM"]


def one_start(
    db: Path, workdir: Path, command: list[str] | None, warm: list[str]
) -> dict[str, float]:
    with serving(db, workdir, command) as server:
        out = {"start": server.started_in}
        with httpx.Client(base_url=server.base, timeout=300) as client:
            for i, path in enumerate(warm):
                t0 = time.perf_counter()
                client.get(path)
                if i == 0:
                    out["first_read"] = time.perf_counter() - t0
        out["rss"], out["hwm"] = memory_mb(server.process.pid)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="An embedded store holding the real graph.")
    parser.add_argument("--starts", type=int, default=3, help="Starts to take the median of.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        db = args.db or full_graph(workdir)
        bare_cmd = [sys.executable, "-c", BARE_APP]
        bare = [one_start(db, workdir, bare_cmd, ["/health"]) for _ in range(args.starts)]
        real_cmd = [*harmonia_command(), "serve", "--port", "{port}"]
        warm = [READ_ENDPOINTS[1], *READ_ENDPOINTS]  # /countries first: it builds the graph
        real = [one_start(db, workdir, real_cmd, warm) for _ in range(args.starts)]

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    start, bare_start = med(real, "start"), med(bare, "start")
    rss, bare_rss = med(real, "rss"), med(bare, "rss")
    result = [
        Figure(
            "serve start until /health answers",
            start,
            "s",
            bare_start,
            start / bare_start,
            f"<= {GOAL_START_S:.0f} s",
            start <= GOAL_START_S,
        ),
        Figure(
            "serve first read (builds the graph in memory)",
            med(real, "first_read"),
            "s",
            None,
            None,
            "informational",
            None,
        ),
        Figure(
            "serve RSS with the full graph, all reads warm",
            rss,
            "MB",
            bare_rss,
            rss / bare_rss,
            f"<= {GOAL_RSS_MB:.0f} MB",
            rss <= GOAL_RSS_MB,
        ),
        Figure(
            "serve peak RSS (VmHWM)",
            med(real, "hwm"),
            "MB",
            med(bare, "hwm"),
            med(real, "hwm") / med(bare, "hwm"),
            f"<= {GOAL_RSS_MB:.0f} MB",
            med(real, "hwm") <= GOAL_RSS_MB,
        ),
    ]
    show(result)
    record(result)


if __name__ == "__main__":
    main()
