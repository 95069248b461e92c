"""Fetching from a real HTTP server on 127.0.0.1: verified downloads, clear failures."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from ingest.fetch import FetchError, fetch
from ingest.sources.base import SourceMeta

BODY = b'{"groups": {}}\n'
FILES = {"/good.json": BODY, "/changed.json": b'{"groups": {"X": []}}\n'}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = FILES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _meta(url: str | None) -> SourceMeta:
    meta = SourceMeta(
        id="sample",
        title="Sample",
        issuer="country:US",
        edition="1",
        edition_date=date(2026, 1, 1),
        official_url="https://example.org/official",
        format="json",
        file="us/sample.json",
        sha256=hashlib.sha256(BODY).hexdigest(),
    )
    # The metadata only admits https URLs; the local test server speaks plain http.
    return meta.model_copy(update={"download_url": url})


def test_download_is_verified_and_cached(server: str, tmp_path: Path) -> None:
    with httpx.Client() as client:
        path = fetch(_meta(f"{server}/good.json"), tmp_path, client)
        assert path == tmp_path / "us" / "sample.json"
        assert path.read_bytes() == BODY
        # Second time: the verified copy is used, even if the server has gone wrong.
        assert fetch(_meta(f"{server}/missing.json"), tmp_path, client) == path


def test_changed_file_is_refused_and_not_cached(server: str, tmp_path: Path) -> None:
    with httpx.Client() as client, pytest.raises(FetchError, match="checksum"):
        fetch(_meta(f"{server}/changed.json"), tmp_path, client)
    assert list(tmp_path.rglob("*")) == [tmp_path / "us"]


def test_http_error(server: str, tmp_path: Path) -> None:
    with httpx.Client() as client, pytest.raises(FetchError, match="HTTP 404"):
        fetch(_meta(f"{server}/missing.json"), tmp_path, client)


def test_unreachable_host_says_offline(tmp_path: Path) -> None:
    with httpx.Client(timeout=5) as client, pytest.raises(FetchError, match="offline"):
        fetch(_meta("http://127.0.0.1:9/none.json"), tmp_path, client)


def test_no_direct_download_points_to_the_official_source(tmp_path: Path) -> None:
    with httpx.Client() as client, pytest.raises(FetchError, match="official source"):
        fetch(_meta(None), tmp_path, client)


def test_recorded_checksum_is_written_at_fetch_and_checked_at_ingest(
    server: str, tmp_path: Path
) -> None:
    from ingest.fetch import expected_digest, sidecar
    from ingest.runner import IngestError, verify

    meta = _meta(f"{server}/good.json").model_copy(update={"sha256": None, "checksum": "recorded"})
    with httpx.Client() as client:
        path = fetch(meta, tmp_path, client)
    assert sidecar(path).read_text().strip() == hashlib.sha256(BODY).hexdigest()
    assert expected_digest(meta, path) == hashlib.sha256(BODY).hexdigest()
    assert verify(meta, path).sha256 == hashlib.sha256(BODY).hexdigest()
    path.write_bytes(b'{"groups": {"tampered": []}}')
    with pytest.raises(IngestError, match="checksum mismatch"):
        verify(meta, path)


def test_pinned_and_recorded_metadata_rules() -> None:
    from pydantic import ValidationError

    base = _meta("https://example.org/x.json").model_dump()
    with pytest.raises(ValidationError, match="pinned checksum needs sha256"):
        SourceMeta.model_validate({**base, "sha256": None})
    with pytest.raises(ValidationError, match="recorded checksum needs"):
        SourceMeta.model_validate({**base, "checksum": "recorded"})
