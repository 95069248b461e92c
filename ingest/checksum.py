"""SHA-256 of files, read in chunks so big PDFs do not sit in memory twice."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_path(path: Path) -> str:
    """Digest of a file, or of a folder source (one edition published as several files).

    A folder's digest is the SHA-256 of its manifest: one ``<sha256>  <name>`` line per regular
    file, sorted by name (the ``sha256sum`` layout), so renaming, adding or changing any file
    changes it and the digest can be checked with ordinary tools.
    """
    if not path.is_dir():
        return sha256_file(path)
    lines = [
        f"{sha256_file(child)}  {child.name}\n"
        for child in sorted(path.iterdir(), key=lambda p: p.name)
        if child.is_file() and not child.name.startswith(".")
    ]
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()
