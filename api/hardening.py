"""What every answer gets whatever the endpoint: HEAD answered like GET, security headers, and a
server connection that answers over-long or slow request heads instead of dropping them.

:class:`HardeningMiddleware` is plain ASGI (it wraps the cache too, so cached answers get the
same headers). :class:`GuardedH11Protocol` is given to uvicorn as its HTTP protocol by
``harmonia serve``: uvicorn itself closes the socket on a request head longer than its buffer
(the client, still sending, sees a reset) and waits for ever for a head that never ends.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

#: The dashboard loads its own script and stylesheet and reads the API of the same origin;
#: nothing inline, nothing from elsewhere, never framed (clickjacking).
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
#: /docs and /redoc load their viewers from this server (fastapi-offline's files) and start them
#: with an inline script; ReDoc runs its search in a worker made from a blob.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
#: The brief's printable page: its own inline print stylesheet, no script at all.
PRINT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
_DOCS_PATHS = ("/docs", "/redoc", "/static-offline-docs")
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class HardeningMiddleware:
    """HEAD as GET without the body, and the security headers on every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        docs = scope["path"].startswith(_DOCS_PATHS)
        policy = (DOCS_POLICY if docs else PAGE_POLICY).encode()

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", policy))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            elif message["type"] == "http.response.body" and head:
                # The length header stays that of the GET answer, as HEAD requires.
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, guarded)


#: Bytes of a request head (request line and headers) read at most; uvicorn's default.
HEAD_LIMIT = 16 * 1024
#: Seconds a client has to send a whole request head, from connecting or from its last answer.
HEAD_TIMEOUT = 10.0
#: Seconds (and bytes) read and thrown away after refusing an over-long head, so the client
#: finishes sending and reads the refusal instead of a reset.
DRAIN_SECONDS = 5.0
DRAIN_BYTES = 8_000_000


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering 414/431 to an over-long request head and 408 to a head
    not complete within :data:`HEAD_TIMEOUT`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._draining = False
        self._drained = 0
        self._first_line_seen = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._draining:
            self._drain(data)
            return
        if not self._first_line_seen and b"\n" in data:
            self._first_line_seen = True
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is complete (or refused)
            self._disarm_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._first_line_seen = False
            self._arm_head_timer()

    def send_400_response(self, msg: str) -> None:
        limit = self.config.h11_max_incomplete_event_size or HEAD_LIMIT
        overflow = len(self.conn.trailing_data[0]) > limit
        if self.conn.their_state is not h11.ERROR or not overflow:
            super().send_400_response(msg)
            return
        # h11 refused the head for its length: answer, then read the rest of what the client
        # is still sending before closing, so that it gets to read the answer.
        status = 431 if self._first_line_seen else 414
        reason = b"Request Header Fields Too Large" if status == 431 else b"URI Too Long"
        text = b"the request line or headers are too long\n"
        self._disarm_head_timer()
        self.transport.write(
            b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (status, reason, len(text), text)
        )
        self._draining = True
        self.loop.call_later(DRAIN_SECONDS, self.transport.close)

    def _drain(self, data: bytes) -> None:
        self._drained += len(data)
        # A GET's head ends with an empty line; past it, or past the budget, close.
        if b"\r\n\r\n" in data or self._drained > DRAIN_BYTES:
            self.transport.close()

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if not self.conn.trailing_data[0]:  # nothing of a request arrived: close quietly
            self.transport.close()
            return
        text = b"the request head was not sent in time\n"
        self.transport.write(
            b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(text), text)
        )
        self.transport.close()
