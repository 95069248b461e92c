"""Full ingest of every source next to bare extraction of the same files, in the same run.

Bare extraction is what no parser can avoid: PDF text of every page (pypdfium2), ``json.loads``
of the JSON, every cell of the workbook (openpyxl read-only), every paragraph of a Word file
(python-docx), antiword's text of every legacy ``.doc`` of a folder source, the text file read.
Full ingest is checksum + parse + assertions + the atomic write into a fresh embedded store.
Goal: ingest at most 2x bare extraction. Peak memory is the resident high-water mark of a child
process that ingests everything.

    python -m bench.ingest            # prints the figures and updates bench/report.json
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from bench.common import DATA, Figure, record, show, timed
from ingest.registry import all_sources
from ingest.runner import ingest, ingest_file
from store.embedded import EmbeddedStore

GOAL_RATIO = 2.0


def bare_extract(path: Path, fmt: str) -> None:
    if fmt == "pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(doc)):
                doc[i].get_textpage().get_text_range()
        finally:
            doc.close()
    elif fmt == "json":
        json.loads(path.read_bytes())
    elif fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        book.close()
    elif fmt == "docx":
        import docx

        for paragraph in docx.Document(str(path)).paragraphs:
            _ = paragraph.text
    elif fmt == "folder":
        for child in sorted(path.iterdir()):
            if child.suffix == ".doc":
                subprocess.run(
                    ["antiword", "-w", "0", "-m", "UTF-8.txt", str(child)],
                    check=True,
                    capture_output=True,
                    timeout=60,
                )
            elif child.suffix == ".docx":
                bare_extract(child, "docx")
    else:
        path.read_text(encoding="utf-8")


def full_ingest(source_id: str, path: Path, db: Path) -> None:
    """What ``harmonia ingest`` does for one source: verify, parse, check, write."""
    with EmbeddedStore(db) as store:
        ingest_file(store, source_id, path)


def _child_all() -> None:
    """Ingest everything into one store and print time and peak RSS (run as a subprocess)."""
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "g.sqlite") as store:
        started = time.perf_counter()
        failed = [o for o in ingest(store, [DATA]) if o.status == "failed"]
        if failed:
            raise SystemExit(f"ingest failed: {failed[0].source_id}: {failed[0].message}")
        seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))


def main() -> None:
    figures: list[Figure] = []
    total_bare = total_full = 0.0
    for source_id, definition in all_sources().items():
        meta = definition.meta
        path = DATA / meta.file
        if not path.exists():
            print(f"skip {source_id}: {path} not found")
            continue
        bare = timed(partial(bare_extract, path, meta.format))
        with tempfile.TemporaryDirectory() as tmp:
            # A fresh store each run: re-ingesting into the same one would be a no-op.
            dbs = iter(Path(tmp) / f"g{i}.sqlite" for i in range(100))
            full = timed(lambda: full_ingest(source_id, path, next(dbs)))  # noqa: B023
        total_bare += bare
        total_full += full
        ratio = full / bare
        figures.append(
            Figure(
                f"ingest {source_id}",
                full,
                "s",
                bare,
                ratio,
                f"<= {GOAL_RATIO}x bare",
                ratio <= GOAL_RATIO,
            )
        )
    if total_bare:
        ratio = total_full / total_bare
        figures.append(
            Figure(
                "ingest all sources (sum)",
                total_full,
                "s",
                total_bare,
                ratio,
                f"<= {GOAL_RATIO}x bare",
                ratio <= GOAL_RATIO,
            )
        )
    child = subprocess.run(
        [sys.executable, "-m", "bench.ingest", "--child"],
        capture_output=True,
        text=True,
        check=True,
    )
    whole = json.loads(child.stdout.strip().splitlines()[-1])
    figures.append(
        Figure(
            "ingest everything + alignment (one process)",
            whole["seconds"],
            "s",
            None,
            None,
            "informational",
            None,
        )
    )
    figures.append(
        Figure(
            "ingest peak RSS",
            whole["peak_mib"],
            "MiB",
            None,
            None,
            "<= 500 MiB",
            whole["peak_mib"] <= 500,
        )
    )
    show(figures)
    record(figures)


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child_all()
    else:
        main()
