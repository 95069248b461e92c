"""Pins each read to one view of the graph, validates with ETags, and answers repeated reads
from the view's cache (:mod:`api.caching`).

Since the answer to a URL cannot differ within a view, ``Cache-Control: no-cache`` is honoured
only from a client holding the API key (an operator checking a computation); from anyone else
it would only let them make the server compute at will. Every GET carries an ``ETag`` naming
the revision and the URL, and ``If-None-Match`` gets a 304.

Written as plain ASGI rather than ``@app.middleware``: it runs on every request, and the
generic HTTP middleware costs a task and a body stream per request.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.caching import (
    CACHE_HEADER,
    UNCACHED_PATHS,
    CachedAnswer,
    ResponseCache,
    Sink,
    keepable,
    send_answer,
    stored_headers,
)
from api.serving import Served


class SnapshotMiddleware:
    """Pin, validate, and answer repeated reads from the view's cache."""

    def __init__(self, app: ASGIApp, served: Served, api_key: str | None = None) -> None:
        self.app = app
        self.served = served
        self.api_key = api_key.encode() if api_key and api_key.strip() else None
        self._inflight: dict[tuple[int, str], asyncio.Future[CachedAnswer | None]] = {}

    def _may_recompute(self, headers: Headers) -> bool:
        """``no-cache`` from the operator (the API key) only; see the module's docstring."""
        if "no-cache" not in headers.get("cache-control", "") or self.api_key is None:
            return False
        given = headers.get("x-api-key", "").encode()
        return hmac.compare_digest(given, self.api_key)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] in UNCACHED_PATHS:
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
        if self._may_recompute(headers):
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
        if cached is not None and await send_answer(send, cached, b"hit"):
            return
        # The answer was not kept (an error, too large, or its file went with its view):
        # compute it here too.
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
        sink: Sink | None = None
        kept: CachedAnswer | None = None

        async def capture(message: Message) -> None:
            nonlocal start, sink, kept
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                ok = message["status"] == 200
                if ok and keepable(headers):
                    sink = Sink(cache)
                if ok:
                    headers += [
                        (b"etag", etag),
                        (b"cache-control", b"no-cache"),
                        (CACHE_HEADER.encode(), b"miss"),
                    ]
                start = {**message, "headers": headers}
                await send(start)
                return
            if message["type"] == "http.response.body" and sink is not None:
                sink.write(message.get("body", b""))
                if not message.get("more_body", False) and start is not None:
                    kept = sink.answer(stored_headers(start))
                    if kept is not None:
                        cache.put(key, kept)
                    sink = None
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            if sink is not None:  # the answer never finished (an error, a client gone)
                sink.abandon()
        return kept
