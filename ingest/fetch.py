"""Download source files from their official URLs into the cache, verified by checksum."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from ingest.checksum import sha256_file
from ingest.sources.base import SourceMeta


class FetchError(RuntimeError):
    """One-line reason a file could not be fetched; the cache is unchanged."""


def sidecar(path: Path) -> Path:
    """Where a recorded checksum is kept: beside the file, as ``<name>.sha256``."""
    return path.with_name(path.name + ".sha256")


def expected_digest(meta: SourceMeta, path: Path) -> str | None:
    """The digest ``path`` must have: pinned in the metadata, or recorded when fetched."""
    if meta.sha256 is not None:
        return meta.sha256
    recorded = sidecar(path)
    if recorded.is_file():
        return recorded.read_text().strip() or None
    return None


def fetch(meta: SourceMeta, cache_dir: Path, client: httpx.Client, *, force: bool = False) -> Path:
    """Return the cached file of ``meta``, downloading it first if needed.

    A download lands in a temporary file and is moved into place only once its checksum
    matches, so the cache never holds a half or wrong file.
    """
    target = cache_dir / meta.file
    if target.is_file() and not force and sha256_file(target) == expected_digest(meta, target):
        return target
    url = meta.download_url
    if url is None:
        raise FetchError(
            f"{meta.id}: no direct download of this file; its official source is "
            f"{meta.official_url} ({meta.obtained_from or 'see source.yaml'}); "
            f"place the file at <sources>/{meta.file}"
        )
    host = urlsplit(url).hostname or url
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".fetch-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, client.stream("GET", url) as response:
            if response.status_code != 200:
                raise FetchError(
                    f"{meta.id}: {host} answered HTTP {response.status_code} for {url}"
                )
            for chunk in response.iter_bytes():
                out.write(chunk)
        actual = sha256_file(tmp)
        if meta.sha256 is not None and actual != meta.sha256:
            raise FetchError(
                f"{meta.id}: downloaded file has checksum {actual[:12]}..., expected "
                f"{meta.sha256[:12]}...: the publisher changed it or the download was damaged"
            )
        tmp.replace(target)
        if meta.checksum == "recorded":
            sidecar(target).write_text(actual + "\n")
        return target
    except httpx.ConnectError as exc:
        raise FetchError(f"{meta.id}: cannot reach {host} (offline?): {exc}") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(f"{meta.id}: {host} timed out") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{meta.id}: download from {host} failed: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
