"""HEAD, security headers and error wording through the app; over-long and slow request heads
through the real ``harmonia serve`` (uvicorn with :class:`api.hardening.GuardedH11Protocol`)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers import need_shared_data

from api.app import create_app
from api.hardening import HEAD_TIMEOUT
from bench.api import clean_env, free_port, harmonia_command, wait_healthy
from ingest.runner import ingest
from store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("hardening") / "graph.sqlite"
    with EmbeddedStore(path) as store:
        ingest(store, [need_shared_data()], only=["reference"])
    store = EmbeddedStore(path, read_only=True)
    with TestClient(create_app(store)) as test_client:
        yield test_client
    store.close()


@pytest.mark.parametrize("path", ["/regimes", "/", "/static/app.js", "/health"])
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == 200, head.text  # was 405
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == got.headers["content-length"]


def test_head_of_an_unknown_path_is_a_404(client: TestClient) -> None:
    assert client.head("/nowhere").status_code == 404


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/regimes", "/nowhere"])
def test_security_headers_on_every_answer(client: TestClient, path: str) -> None:
    for _ in range(2):  # the second /regimes comes from the answer cache
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_the_dashboard_sets_styles_through_the_cssom() -> None:
    """The page's policy refuses inline style attributes: the page must not write them."""
    static = Path(__file__).parents[2] / "api" / "static"
    script = "".join(p.read_text() for p in sorted(static.glob("*.js")))
    assert 'name === "style"' in script and "style.cssText" in script


def test_the_docs_load_their_viewers_from_this_server_and_are_never_framed(
    client: TestClient,
) -> None:
    page = client.get("/docs")
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self' 'unsafe-inline'" in policy
    # Swagger UI's files come from the installed package, not from a CDN.
    assert "cdn." not in page.text and "/static-offline-docs/swagger-ui-bundle.js" in page.text
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    redoc = client.get("/redoc")
    assert "/static-offline-docs/redoc.standalone.js" in redoc.text
    assert "fonts.googleapis" not in redoc.text


def test_a_code_error_names_no_python_type(client: TestClient) -> None:
    """/divergences has no numbering parameter; its code_prefix error once said
    'needs system=CodeSystem.SCOMET'."""
    response = client.get(
        "/divergences", params={"jurisdiction": ["US", "EU"], "code_prefix": "8A1x"}
    )
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "code_prefix" in message
    assert "CodeSystem" not in message and "system=" not in message


# --- the server's connection -----------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``harmonia serve`` over an empty graph (reads of the head do not need data)."""
    work = tmp_path_factory.mktemp("serve")
    port = free_port()
    process = subprocess.Popen(
        [*harmonia_command(), "serve", "--port", str(port)],
        cwd=work,
        env=clean_env(work / "graph.sqlite", work),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(process, base)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _exchange(base: str, request: bytes) -> bytes:
    """Send a whole request as a client does (all of it, then read), and the answer."""
    with _connect(base) as sock:
        sock.sendall(request)  # raises ConnectionResetError if the server drops us meanwhile
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def test_a_megabyte_query_string_gets_414(server: str) -> None:
    # httpx refuses URLs this long itself, hence the socket.
    request = b"GET /regimes?q=" + b"x" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert _exchange(server, request).startswith(b"HTTP/1.1 414 ")  # was a connection reset


def test_megabyte_headers_get_431(server: str) -> None:
    headers = {f"x-filler-{i}": "y" * 1000 for i in range(1000)}
    response = httpx.get(f"{server}/regimes", headers=headers, timeout=30)
    assert response.status_code == 431


def test_the_server_still_answers_after_refusing(server: str) -> None:
    request = b"GET /health?" + b"x" * 200_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert _exchange(server, request).startswith(b"HTTP/1.1 414 ")
    assert httpx.get(f"{server}/health", timeout=30).status_code == 200


def _connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=HEAD_TIMEOUT + 20)
    return sock


def test_a_head_sent_too_slowly_gets_408(server: str) -> None:
    sock = _connect(server)
    with sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # never the empty line
        started = time.monotonic()
        answer = sock.recv(4096)
        waited = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    assert waited < HEAD_TIMEOUT + 10


def test_an_idle_connection_is_closed(server: str) -> None:
    sock = _connect(server)
    with sock:
        assert sock.recv(4096) == b""  # closed, where it once stayed open for ever
