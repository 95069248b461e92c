"""Pins each read to one view of the graph, validates with ETags, and keeps answers per view.

A view never changes once built (:mod:`api.serving`), so the JSON answer to a given URL is the
same for as long as the view is served: it is kept in a bounded least-recently-used cache that
goes with the view. A request with ``Cache-Control: no-cache`` is computed afresh (and its
answer stored). Every GET carries an ``ETag`` naming the revision and the URL, and
``If-None-Match`` gets a 304.

Written as plain ASGI rather than ``@app.middleware``: it runs on every request, and the
generic HTTP middleware costs a task and a body stream per request.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:  # api.serving keeps one ResponseCache per view: no import cycle at run time
    from api.serving import Served

#: Answers larger than this are not kept (an export, a whole list without paging).
MAX_ITEM_BYTES = 4_000_000
CACHE_HEADER = "x-harmonia-cache"


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """Answers by URL, least recently used dropped first once ``max_bytes`` is reached."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, CachedAnswer] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedAnswer | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, answer: CachedAnswer) -> None:
        size = len(answer.body)
        if self.max_bytes <= 0 or size > min(self.max_bytes, MAX_ITEM_BYTES):
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._items[key] = answer
            self._size += size
            while self._size > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped.body)

    @property
    def size(self) -> int:
        return self._size

    def __len__(self) -> int:
        return len(self._items)


class SnapshotMiddleware:
    """Pin, validate, and answer repeated reads from the view's cache."""

    def __init__(self, app: ASGIApp, served: Served) -> None:
        self.app = app
        self.served = served
        self._inflight: dict[tuple[int, str], asyncio.Future[CachedAnswer | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        view = self.served.peek()
        if view is None:  # the first view is still being read: the endpoint will wait for it
            await self.app(scope, receive, send)
            return
        # request.state.view: the endpoint's dependencies read this view and no other.
        scope.setdefault("state", {})["view"] = view
        query = scope.get("query_string", b"").decode("latin-1")
        key = f"{scope['path']}?{query}"
        digest = hashlib.sha256(f"{view.revision}|{key}".encode()).hexdigest()[:20]
        etag = f'W/"{digest}"'.encode()
        headers = Headers(scope=scope)
        if headers.get("if-none-match") == etag.decode():
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
            await send({"type": "http.response.body", "body": b""})
            return
        if "no-cache" in headers.get("cache-control", ""):
            await self._compute(scope, receive, send, key, etag, view.responses)
            return
        cached = view.responses.get(key)
        if cached is None:
            # Right after a new view is served, many clients ask the same thing at once: one
            # computes, the others wait for its answer instead of computing it again.
            flight = (id(view), key)
            leader = self._inflight.get(flight)
            if leader is not None:
                cached = await asyncio.shield(leader)
            else:
                done: asyncio.Future[CachedAnswer | None] = (
                    asyncio.get_running_loop().create_future()
                )
                self._inflight[flight] = done
                answer = None
                try:
                    answer = await self._compute(scope, receive, send, key, etag, view.responses)
                finally:
                    del self._inflight[flight]
                    done.set_result(answer)
                return
        if cached is not None:
            await _send_answer(send, cached, b"hit")
            return
        # The answer was not kept (an error, or too large): compute it here too.
        await self._compute(scope, receive, send, key, etag, view.responses)

    async def _compute(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        key: str,
        etag: bytes,
        cache: ResponseCache,
    ) -> CachedAnswer | None:
        """Run the endpoint; the answer it kept, if any."""
        start: Message | None = None
        chunks: list[bytes] = []
        keep = False
        kept: CachedAnswer | None = None

        async def capture(message: Message) -> None:
            nonlocal start, keep, kept
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                ok = message["status"] == 200
                keep = ok and (b"content-type", b"application/json") in headers
                if ok:
                    headers += [
                        (b"etag", etag),
                        (b"cache-control", b"no-cache"),
                        (CACHE_HEADER.encode(), b"miss"),
                    ]
                start = {**message, "headers": headers}
                await send(start)
                return
            if message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start is not None:
                    kept = CachedAnswer(_stored_headers(start), b"".join(chunks))
                    cache.put(key, kept)
            await send(message)

        await self.app(scope, receive, capture)
        return kept


def _stored_headers(start: Message) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, v in start["headers"] if k != CACHE_HEADER.encode()]


async def _send_answer(send: Send, answer: CachedAnswer, state: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [*answer.headers, (CACHE_HEADER.encode(), state)],
        }
    )
    await send({"type": "http.response.body", "body": answer.body})
