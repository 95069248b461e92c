"""Keeps the answers of one view of the graph, in memory or spooled to disk.

A view never changes once built (:mod:`api.serving`), so the answer to a given URL (JSON or
CSV) is the same for as long as the view is served: it is kept in a bounded least-recently-used
cache that goes with the view, in memory, or on disk in the server's scratch folder when it is
large (a CSV export). :mod:`api.middleware` pins each read to a view and answers from here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import anyio
from starlette.types import Message, Send

#: Answers larger than this are kept on disk rather than in memory (a CSV export).
MAX_ITEM_BYTES = 4_000_000
#: Answers larger than this are not kept at all (whole-graph exports keep their own files).
MAX_SPOOLED_BYTES = 64_000_000
#: Disk the answers kept on disk may take, per view.
SPOOL_BYTES = 256_000_000
CACHE_HEADER = "x-harmonia-cache"
#: Answers that change within a revision (the served view's state), never kept.
UNCACHED_PATHS = frozenset({"/health"})
#: Answers of these types are kept (others, a zip or GraphML, are files of their own).
KEPT_TYPES = (b"application/json", b"text/csv")
_CHUNK = 256 * 1024


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    headers: list[tuple[bytes, bytes]]
    body: bytes
    #: The file holding the body when it is kept on disk (``body`` is then empty).
    path: Path | None = None
    size: int = 0

    @property
    def length(self) -> int:
        return self.size if self.path is not None else len(self.body)


class ResponseCache:
    """Answers by URL, least recently used dropped first once ``max_bytes`` (in memory) or
    ``spool_bytes`` (on disk, in ``spool``) is reached."""

    def __init__(
        self, max_bytes: int, *, spool: Path | None = None, spool_bytes: int = SPOOL_BYTES
    ) -> None:
        self.max_bytes = max_bytes
        self.spool = spool
        self.spool_bytes = spool_bytes if spool is not None else 0
        self._items: OrderedDict[str, CachedAnswer] = OrderedDict()
        self._size = 0
        self._spooled = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedAnswer | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, answer: CachedAnswer) -> None:
        on_disk = answer.path is not None
        size = answer.length
        fits = (
            size <= min(self.spool_bytes, MAX_SPOOLED_BYTES)
            if on_disk
            else self.max_bytes > 0 and size <= min(self.max_bytes, MAX_ITEM_BYTES)
        )
        if not fits:
            _discard(answer)
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._forget(old)
            self._items[key] = answer
            if on_disk:
                self._spooled += size
            else:
                self._size += size
            while self._size > self.max_bytes or self._spooled > self.spool_bytes:
                # The oldest answer of the kind that is over budget goes first.
                over_disk = self._spooled > self.spool_bytes
                victim = next(
                    k for k, a in self._items.items() if (a.path is not None) == over_disk
                )
                self._forget(self._items.pop(victim))

    def _forget(self, answer: CachedAnswer) -> None:
        if answer.path is not None:
            self._spooled -= answer.size
        else:
            self._size -= len(answer.body)
        _discard(answer)

    def spool_to(self, folder: Path, spool_bytes: int = SPOOL_BYTES) -> None:
        """Keep large answers as files in ``folder`` (made when first needed)."""
        self.spool = folder
        self.spool_bytes = spool_bytes

    def spool_file(self) -> tuple[BinaryIO, Path] | None:
        """A new private file for a large answer, or None when answers are not kept on disk
        (or not kept at all: a cache of 0 bytes)."""
        if self.spool is None or self.spool_bytes <= 0 or self.max_bytes <= 0:
            return None
        try:
            # Not parents=True: a scratch folder removed at shutdown is not made again here.
            self.spool.mkdir(mode=0o700, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=self.spool, prefix="answer-")
        except FileNotFoundError:
            return None
        return os.fdopen(fd, "wb"), Path(name)

    def clear(self) -> None:
        """Drop every answer (the view is no longer served); files go with them."""
        with self._lock:
            for answer in self._items.values():
                _discard(answer)
            self._items.clear()
            self._size = self._spooled = 0
            if self.spool is not None:
                shutil.rmtree(self.spool, ignore_errors=True)

    @property
    def size(self) -> int:
        return self._size

    @property
    def spooled(self) -> int:
        return self._spooled

    def __len__(self) -> int:
        return len(self._items)


def _discard(answer: CachedAnswer) -> None:
    # A request still streaming the file keeps reading it: unlinking only drops the name.
    if answer.path is not None:
        answer.path.unlink(missing_ok=True)


def keepable(headers: list[tuple[bytes, bytes]]) -> bool:
    found = dict(headers)
    kind = found.get(b"content-type", b"").split(b";")[0].strip()
    length = found.get(b"content-length")
    small = length is None or (length.isdigit() and int(length) <= MAX_SPOOLED_BYTES)
    return kind in KEPT_TYPES and small


class Sink:
    """Collects an answer's body: in memory up to ``MAX_ITEM_BYTES``, then in a spool file."""

    def __init__(self, cache: ResponseCache) -> None:
        self.cache = cache
        self.chunks: list[bytes] = []
        self.size = 0
        self.file: BinaryIO | None = None
        self.path: Path | None = None
        self.failed = False

    def write(self, chunk: bytes) -> None:
        if self.failed:
            return
        self.size += len(chunk)
        if self.size > MAX_SPOOLED_BYTES:
            self.abandon()
            return
        if self.file is None and self.size > MAX_ITEM_BYTES:
            spool = self.cache.spool_file()
            if spool is None:
                self.abandon()
                return
            self.file, self.path = spool
            self.file.write(b"".join(self.chunks))
            self.chunks = []
        if self.file is not None:
            self.file.write(chunk)
        else:
            self.chunks.append(chunk)

    def answer(self, headers: list[tuple[bytes, bytes]]) -> CachedAnswer | None:
        if self.failed:
            return None
        if self.file is None:
            return CachedAnswer(headers, b"".join(self.chunks))
        self.file.close()
        return CachedAnswer(headers, b"", self.path, self.size)

    def abandon(self) -> None:
        self.failed = True
        self.chunks = []
        if self.file is not None:
            self.file.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def stored_headers(start: Message) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, v in start["headers"] if k != CACHE_HEADER.encode()]


async def send_answer(send: Send, answer: CachedAnswer, state: bytes) -> bool:
    """Send a kept answer; False (and nothing sent) if its file is gone meanwhile."""
    start = {
        "type": "http.response.start",
        "status": 200,
        "headers": [*answer.headers, (CACHE_HEADER.encode(), state)],
    }
    if answer.path is None:
        await send(start)
        await send({"type": "http.response.body", "body": answer.body})
        return True
    try:
        fh = await anyio.open_file(answer.path, "rb")
    except FileNotFoundError:
        return False
    async with fh:
        await send(start)
        while chunk := await fh.read(_CHUNK):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})
    return True
