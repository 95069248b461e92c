"""The server's scratch folder: nothing left in the temporary folder after SIGTERM, and what a
SIGKILL leaves is removed at the next start (each lifetime once left 146 MB behind)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx
from helpers import country_batch, sample_batch

from api.scratch import PREFIX, Scratch
from bench.api import clean_env, free_port, harmonia_command, wait_healthy
from store.embedded import EmbeddedStore


def _serve(db: Path, work: Path, tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**clean_env(db, work), "TMPDIR": str(tmp)}
    process = subprocess.Popen(
        [*harmonia_command(), "serve", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_healthy(process, base)
    return process, base


def _exports(base: str) -> None:
    for name in ("graph.json", "graph.graphml", "neo4j.zip"):
        assert httpx.get(f"{base}/exports/{name}", timeout=60).status_code == 200


def test_nothing_is_left_after_sigterm_and_a_sigkill_is_swept(tmp_path: Path) -> None:
    db = tmp_path / "graph.sqlite"
    with EmbeddedStore(db) as store:
        store.replace_source(country_batch())
        store.replace_source(sample_batch())
    tmp = tmp_path / "tmp"
    tmp.mkdir()

    process, base = _serve(db, tmp_path, tmp)
    _exports(base)
    assert [p.name for p in tmp.iterdir() if p.name.startswith(PREFIX)]  # files were written
    process.send_signal(signal.SIGTERM)
    # uvicorn shuts down gracefully, then re-raises the signal it caught.
    assert process.wait(timeout=30) in (0, -signal.SIGTERM)
    assert list(tmp.iterdir()) == []

    process, base = _serve(db, tmp_path, tmp)
    _exports(base)
    process.kill()
    process.wait(timeout=30)
    left = [p for p in tmp.iterdir() if p.name.startswith(f"{PREFIX}{process.pid}-")]
    assert left  # a SIGKILL cannot clean up
    process, base = _serve(db, tmp_path, tmp)
    assert not any(p.exists() for p in left)  # the next start sweeps it
    process.terminate()
    process.wait(timeout=30)
    assert list(tmp.iterdir()) == []


def test_sweep_spares_live_processes_and_other_folders(tmp_path: Path) -> None:
    mine = tmp_path / f"{PREFIX}{os.getpid()}-abc"
    other = tmp_path / f"{PREFIX}real-graph-xyz"
    for folder in (mine, other):
        folder.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    dead = tmp_path / f"{PREFIX}{gone.pid}-def"
    dead.mkdir()
    (dead / "r3-graph.json").write_text("{}")
    assert Scratch(tmp_path).sweep() == [dead]
    assert mine.exists() and other.exists() and not dead.exists()
