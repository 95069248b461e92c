"""The server's private scratch folder: export files and answers too large to keep in memory.

One folder per server process, ``harmonia-<pid>-*`` under the system's temporary folder (mode
0700, files 0600), made on first use and removed when the app shuts down: uvicorn runs the
app's shutdown on SIGTERM and SIGINT. A process killed outright (SIGKILL) cannot clean up,
so each start removes the folders of processes that no longer exist.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from pathlib import Path

PREFIX = "harmonia-"


class Scratch:
    def __init__(self, parent: Path | None = None) -> None:
        self.parent = parent or Path(tempfile.gettempdir())
        self._path: Path | None = None
        self._lock = threading.Lock()
        atexit.register(self.close)  # also when the app's shutdown never runs

    @property
    def path(self) -> Path:
        with self._lock:
            if self._path is None or not self._path.is_dir():
                self._path = Path(
                    tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=self.parent)
                )
            return self._path

    def folder(self, name: str) -> Path:
        """A sub-folder, made if needed."""
        path = self.path / name
        path.mkdir(mode=0o700, exist_ok=True)
        return path

    def close(self) -> None:
        with self._lock:
            if self._path is not None:
                shutil.rmtree(self._path, ignore_errors=True)
                self._path = None

    def sweep(self) -> list[Path]:
        """Remove the scratch folders of server processes that are gone; those removed."""
        removed = []
        for path in self.parent.glob(f"{PREFIX}*-*"):
            pid = path.name[len(PREFIX) :].split("-", 1)[0]
            if path.is_dir() and pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
        return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
