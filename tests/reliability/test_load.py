"""A bounded load run: concurrent readers (and an export downloader) on a real server while
ingests write the same graph.

It runs ``python -m bench.load`` (the benchmark script, on a smaller graph and for less time)
and asserts what must hold whatever the machine: not one failed or non-200 read, and the
writer really wrote during the run. Latencies are the benchmark's business, not a test's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, need_shared_data

from ingest.runner import ingest
from store.embedded import EmbeddedStore

SECONDS = 10
CLIENTS = 20


@pytest.mark.slow
def test_reads_never_fail_while_ingests_write(tmp_path: Path) -> None:
    db = tmp_path / "graph.sqlite"
    with EmbeddedStore(db) as store:
        outcomes = ingest(
            store, [need_shared_data()], only=["reference", "us-country-groups", "wassenaar-list"]
        )
        assert {o.status for o in outcomes} == {"written"}, outcomes
    env = {k: v for k, v in os.environ.items() if not k.startswith("HARMONIA_")}
    env["HARMONIA_SOURCES_DIR"] = str(need_shared_data())
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load",
            "--db",
            str(db),
            "--seconds",
            str(SECONDS),
            "--clients",
            str(CLIENTS),
            "--writer-source",
            "us-country-groups",
            "--json",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(result, indent=1))
    assert result["errors"] == 0, (result["statuses"], result["failures"])
    assert result["requests"] >= CLIENTS
    assert result["writes"] >= 1, result["writer_failures"]
    assert not result["writer_failures"]
    assert result["downloads"] >= 1 and result["download_errors"] == 0, result["failures"]
    assert result["leftover_files"] == 0  # export files and large answers go with the server
