"""Shared benchmark plumbing: timing, the report format, where the real data is."""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("HARMONIA_SOURCES_DIR", ROOT.parent / "shared" / "data"))
REPORT = ROOT / "bench" / "report.json"


@dataclass(frozen=True)
class Figure:
    """One measured figure next to its baseline; ``ratio`` = value / baseline."""

    name: str
    value: float
    unit: str
    baseline: float | None
    ratio: float | None
    goal: str
    met: bool | None


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of ``repeat`` runs, in seconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def record(figures: list[Figure], path: Path = REPORT) -> None:
    """Merge figures into bench/report.json, replacing earlier figures of the same name."""
    existing: list[dict[str, object]] = []
    if path.exists():
        existing = json.loads(path.read_text())
    names = {f.name for f in figures}
    merged = [f for f in existing if f.get("name") not in names] + [asdict(f) for f in figures]
    path.write_text(json.dumps(merged, indent=2) + "\n")


def show(figures: list[Figure]) -> None:
    for f in figures:
        base = f"{f.baseline:.3f}" if f.baseline is not None else "-"
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        met = {True: "met", False: "NOT MET", None: ""}[f.met]
        print(
            f"{f.name:<48} {f.value:>10.3f} {f.unit:<4} baseline {base:>9} "
            f"ratio {ratio:>7}  goal {f.goal} {met}"
        )
