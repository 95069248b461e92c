"""Run every benchmark: ``python -m bench`` (or ``python -m bench api startup`` for some).

Every module ``bench/<name>.py`` that defines ``main()`` is a benchmark; each runs in turn with
its own default arguments, and a failing or missing one is reported without stopping the rest.
The figures land in bench/report.json (see bench/common.py); the summary of that file is
printed at the end. The full real graph is built once and shared, through HARMONIA_BENCH_DB
(and HARMONIA_DB_PATH when unset), with the modules that read it (nlp, api, startup, load).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench.common import REPORT

HERE = Path(__file__).resolve().parent
NOT_BENCHMARKS = {"__init__", "__main__", "common"}
#: Run first when present; anything else follows in name order.
ORDER = ["ingest", "queries", "nlp", "api", "startup", "load"]
#: Run only when named (``python -m bench scale``): about an hour, and a Neo4j server of its own.
ON_REQUEST = {"scale"}
#: Benchmarks that read the full graph this runner builds once (load, last, writes to it).
GRAPH_USERS = {"nlp", "api", "startup", "load"}


def discover() -> list[str]:
    """The benchmarks a plain ``python -m bench`` runs."""
    return [n for n in available() if n not in ON_REQUEST]


def available() -> list[str]:
    names = sorted(p.stem for p in HERE.glob("*.py") if p.stem not in NOT_BENCHMARKS)
    return [n for n in ORDER if n in names] + [n for n in names if n not in ORDER]


def run_one(name: str) -> str:
    try:
        module = importlib.import_module(f"bench.{name}")
    except Exception as exc:  # a benchmark being written by someone else may not import yet
        return f"cannot import: {type(exc).__name__}: {exc}"
    main = getattr(module, "main", None)
    if not callable(main):
        return "no main(): not a benchmark"
    saved = sys.argv
    sys.argv = [f"bench.{name}"]  # each main() parses its own, default, arguments
    try:
        main()
    except SystemExit as exc:
        if exc.code not in (0, None):
            return f"exited with {exc.code}"
    except Exception:
        traceback.print_exc()
        return "failed (traceback above)"
    finally:
        sys.argv = saved
    return "ok"


def summary() -> None:
    if not REPORT.exists():
        return
    rows = json.loads(REPORT.read_text())
    judged = [r for r in rows if r.get("met") is not None]
    missed = [r["name"] for r in judged if not r["met"]]
    print(f"\n{REPORT}: {len(rows)} figures, {len(judged) - len(missed)}/{len(judged)} goals met")
    for name in missed:
        print(f"  NOT MET: {name}")


def main() -> None:
    wanted = sys.argv[1:] or discover()
    if not sys.argv[1:]:
        REPORT.unlink(missing_ok=True)  # a full run: figures of renamed benchmarks go too
    unknown = [n for n in wanted if not (HERE / f"{n}.py").is_file()]
    if unknown:
        print(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(available())})")
        raise SystemExit(2)
    outcomes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if GRAPH_USERS & set(wanted) and "HARMONIA_BENCH_DB" not in os.environ:
            from bench.api import full_graph

            os.environ["HARMONIA_BENCH_DB"] = str(full_graph(Path(tmp)))
            # bench.nlp reads the configured store: point it at the same graph.
            os.environ.setdefault("HARMONIA_DB_PATH", os.environ["HARMONIA_BENCH_DB"])
        for name in wanted:
            print(f"\n=== bench.{name} ===", flush=True)
            started = time.perf_counter()
            outcomes[name] = run_one(name)
            print(f"--- bench.{name}: {outcomes[name]} ({time.perf_counter() - started:.0f}s)")
    print("\nbenchmarks:", ", ".join(f"{n} {o}" for n, o in outcomes.items()))
    summary()
    if any(o != "ok" for o in outcomes.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
