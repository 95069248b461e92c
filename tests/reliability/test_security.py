"""Security: bounded parameters, API-key writes, CORS, secrets kept out of output, and
read-only transactions on Neo4j.

(That no Cypher is built from values is tests/tools/test_cypher_lint.py's job.)
"""

from __future__ import annotations

import ast
import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers import ROOT, need_shared_data

from api.app import create_app
from bench.api import free_port, harmonia_command
from harmonia.settings import Settings
from ingest.runner import ingest
from store.embedded import EmbeddedStore

# A parameter is bounded when validation caps its size: a maximum length, an enum, or a regex
# that can only match so many characters; numbers need both ends.
UNBOUNDED_WIDTH = 1 << 16
MARKER_PASSWORD = "neo4j-pw-7f3a9c1e-do-not-log"
MARKER_KEY = "api-key-5b2d8e4f-do-not-log"


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("security") / "graph.sqlite"
    with EmbeddedStore(path) as store:
        ingest(store, [need_shared_data()], only=["reference", "us-country-groups"])
    return path


@pytest.fixture(scope="module")
def spec(graph_path: Path) -> Iterator[dict[str, Any]]:
    with EmbeddedStore(graph_path, read_only=True) as store:
        yield create_app(store).openapi()


# --- every parameter validated and bounded ----------------------------------------------------


def _max_regex_width(pattern: str) -> int:
    # re's own parser (private, Python 3.11+) tells the longest string a pattern can match.
    from re import _parser as sre_parse  # type: ignore[attr-defined,unused-ignore]

    width: int = sre_parse.parse(pattern).getwidth()[1]
    return width


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        resolved: dict[str, Any] = spec["components"]["schemas"][name]
        return resolved
    return schema


def unbounded(schema: dict[str, Any], spec: dict[str, Any], where: str) -> list[str]:
    """What in ``schema`` a client could make arbitrarily large."""
    schema = _resolve(schema, spec)
    if "anyOf" in schema or "oneOf" in schema:
        return [
            p
            for option in schema.get("anyOf", schema.get("oneOf", []))
            for p in unbounded(option, spec, where)
        ]
    kind = schema.get("type")
    if "enum" in schema or "const" in schema or kind in ("boolean", "null"):
        return []
    if kind == "string":
        if "maxLength" in schema or schema.get("format") in ("date", "date-time"):
            return []
        pattern = schema.get("pattern")
        if pattern and _max_regex_width(pattern) < UNBOUNDED_WIDTH:
            return []
        return [f"{where}: string without maxLength"]
    if kind in ("integer", "number"):
        ends = [e for e in ("minimum", "maximum") if e not in schema]
        ends = [e for e in ends if f"exclusive{e.title()}" not in schema]
        return [f"{where}: {kind} without {' and '.join(ends)}"] if ends else []
    if kind == "array":
        found = [] if "maxItems" in schema else [f"{where}: array without maxItems"]
        return found + unbounded(schema.get("items", {}), spec, f"{where}[]")
    return [f"{where}: unchecked schema {schema}"]


#: Unbounded parameters found outside this suite's files, with where the fix belongs. The test
#: fails when one is fixed (remove it here) or a new one appears.
KNOWN_UNBOUNDED: set[str] = set()


def test_every_parameter_of_every_operation_is_bounded(spec: dict[str, Any]) -> None:
    problems = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                where = f"{method.upper()} {path} {parameter['in']}:{parameter['name']}"
                problems += unbounded(parameter["schema"], spec, where)
    assert set(problems) == KNOWN_UNBOUNDED, "\n".join(sorted(set(problems) ^ KNOWN_UNBOUNDED))


def test_the_bounds_check_catches_what_it_should() -> None:
    spec: dict[str, Any] = {"components": {"schemas": {}}}
    assert unbounded({"type": "string"}, spec, "s")
    assert unbounded({"type": "string", "pattern": "^[a-z]+$"}, spec, "s")
    assert not unbounded({"type": "string", "pattern": "^(country:)?[A-Za-z]{2}$"}, spec, "s")
    assert unbounded({"type": "integer", "minimum": 0}, spec, "i")
    assert unbounded({"type": "array", "items": {"type": "string", "maxLength": 3}}, spec, "a")
    assert unbounded({"type": "array", "maxItems": 3, "items": {"type": "string"}}, spec, "a")
    assert not unbounded(
        {"anyOf": [{"type": "string", "maxLength": 9}, {"type": "null"}]}, spec, "o"
    )


def test_oversized_values_are_refused_not_served(graph_path: Path) -> None:
    with EmbeddedStore(graph_path, read_only=True) as store:
        client = TestClient(create_app(store))
        for url in (
            "/countries?regime=" + "w" * 10_000,
            "/regimes/" + "w" * 10_000,
            "/countries?limit=501",
            "/countries?offset=" + "9" * 5000,
            "/search?q=" + "5A001" * 2000,
        ):
            response = client.get(url)
            assert response.status_code in (404, 414, 422), (url[:60], response.status_code)
            assert response.json()["error"]["code"] in ("invalid_parameter", "not_found")


# --- writes: off by default, then only with the key --------------------------------------------


@pytest.fixture
def writable(graph_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(graph_path) as store:
        yield store


@pytest.mark.parametrize("configured", [None, "", "   "])
def test_writes_stay_off_without_a_real_key(
    writable: EmbeddedStore, configured: str | None
) -> None:
    client = TestClient(create_app(writable, api_key=configured))
    for headers in ({}, {"X-API-Key": ""}, {"X-API-Key": "   "}, {"X-API-Key": "anything"}):
        response = client.post("/admin/ingest", headers=headers)
        assert response.status_code == 403, (configured, headers)
        assert response.json()["error"]["code"] == "forbidden"


def test_the_settings_turn_a_blank_key_into_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARMONIA_API_KEY", "")
    cfg = Settings(_env_file=None)
    assert not cfg.api_key  # the CLI passes None to the app for this


def test_key_only_in_its_header_and_compared_whole(writable: EmbeddedStore) -> None:
    client = TestClient(create_app(writable, api_key="s3cret-key"))
    refused = [
        {"params": {"api_key": "s3cret-key", "X-API-Key": "s3cret-key"}},
        {"headers": {"Authorization": "Bearer s3cret-key"}},
        {"headers": {"X-API-Key": "s3cret-ke"}},
        {"headers": {"X-API-Key": "s3cret-key "}},
        {"headers": {"X-API-Key": "S3CRET-KEY"}},
        {"headers": {"X-API-Key": "s3cret-key\u00e9".encode()}},  # not ASCII: no 500
    ]
    for kwargs in refused:
        response = client.post("/admin/ingest", **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 401, kwargs
        assert response.headers["www-authenticate"] == "ApiKey"
    long_key = client.post("/admin/ingest", headers={"X-API-Key": "k" * 5000})
    assert long_key.status_code == 422
    assert client.get("/admin/ingest", headers={"X-API-Key": "s3cret-key"}).status_code == 405


def test_key_comparison_is_constant_time() -> None:
    source = (ROOT / "api" / "deps.py").read_text()
    tree = ast.parse(source)
    guard = next(
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "require_api_key"
    )
    calls = {ast.unparse(c.func) for c in ast.walk(guard) if isinstance(c, ast.Call)}
    assert "hmac.compare_digest" in calls
    compares = [c for c in ast.walk(guard) if isinstance(c, ast.Compare)]
    for compare in compares:  # no '==' between the key and the header
        assert not any(isinstance(op, ast.Eq | ast.NotEq) for op in compare.ops), ast.unparse(
            compare
        )


# --- CORS ---------------------------------------------------------------------------------------


def test_cors_allows_the_configured_origin_only(graph_path: Path) -> None:
    allowed, other = "https://dashboard.example.org", "https://evil.example.com"
    with EmbeddedStore(graph_path, read_only=True) as store:
        client = TestClient(create_app(store, cors_origins=[allowed]))
        ok = client.get("/regimes", headers={"Origin": allowed})
        assert ok.headers["access-control-allow-origin"] == allowed
        refused = client.get("/regimes", headers={"Origin": other})
        assert refused.status_code == 200  # the response is served, the browser withholds it
        assert "access-control-allow-origin" not in refused.headers
        preflight = {"Access-Control-Request-Method": "GET"}
        good = client.options("/regimes", headers={"Origin": allowed, **preflight})
        assert good.status_code == 200
        assert good.headers["access-control-allow-origin"] == allowed
        bad = client.options("/regimes", headers={"Origin": other, **preflight})
        assert "access-control-allow-origin" not in bad.headers
        # Writes are not for browsers: a preflight for POST is refused even from the dashboard.
        post = client.options(
            "/admin/ingest",
            headers={"Origin": allowed, "Access-Control-Request-Method": "POST"},
        )
        assert post.status_code == 400


def test_no_cors_unless_configured(graph_path: Path) -> None:
    with EmbeddedStore(graph_path, read_only=True) as store:
        client = TestClient(create_app(store))
        response = client.get("/regimes", headers={"Origin": "https://dashboard.example.org"})
        assert "access-control-allow-origin" not in response.headers


def test_cors_origins_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARMONIA_CORS_ORIGINS", '["https://a.example.org","https://b.example.org"]')
    assert Settings(_env_file=None).cors_origins == [
        "https://a.example.org",
        "https://b.example.org",
    ]


# --- secrets never in output --------------------------------------------------------------------


def secret_env(db: Path, workdir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HARMONIA_")}
    env.update(
        HARMONIA_DB_PATH=str(db),
        HARMONIA_CACHE_DIR=str(workdir / "cache"),
        HARMONIA_SOURCES_DIR=str(need_shared_data()),
        HARMONIA_NEO4J_PASSWORD=MARKER_PASSWORD,
        HARMONIA_API_KEY=MARKER_KEY,
        HARMONIA_CORS_ORIGINS='["https://dashboard.example.org"]',
        **extra,
    )
    return env


def _assert_no_secret(text: str, what: str) -> None:
    assert MARKER_PASSWORD not in text, f"the Neo4j password appears in {what}"
    assert MARKER_KEY not in text, f"the API key appears in {what}"


def test_settings_never_show_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARMONIA_NEO4J_PASSWORD", MARKER_PASSWORD)
    monkeypatch.setenv("HARMONIA_API_KEY", MARKER_KEY)
    cfg = Settings(_env_file=None)
    for shown in (repr(cfg), str(cfg), cfg.model_dump_json(), str(cfg.model_dump())):
        _assert_no_secret(shown, "the settings' text")
    assert cfg.api_key is not None and cfg.api_key.get_secret_value() == MARKER_KEY


def test_serve_and_ingest_never_print_secrets(graph_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "graph.sqlite"
    db.write_bytes(graph_path.read_bytes())
    port = free_port()
    env = secret_env(db, tmp_path)
    server = subprocess.Popen(
        [*harmonia_command(), "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, "harmonia serve exited"
            assert time.monotonic() < deadline, "harmonia serve did not answer in 60 s"
            time.sleep(0.2)
        origin = {"Origin": "https://dashboard.example.org"}
        assert httpx.get(f"{base}/regimes", headers=origin).headers.get(
            "access-control-allow-origin"
        ) == ("https://dashboard.example.org")
        wrong = httpx.post(f"{base}/admin/ingest", headers={"X-API-Key": "wrong"})
        assert wrong.status_code == 401
        _assert_no_secret(wrong.text, "a 401 body")
        right = httpx.post(
            f"{base}/admin/ingest",
            params={"source": "us-country-groups"},
            headers={"X-API-Key": MARKER_KEY},
            timeout=120,
        )
        assert right.status_code == 200, right.text
        _assert_no_secret(right.text, "the admin answer")
        _assert_no_secret(httpx.get(f"{base}/openapi.json").text, "the OpenAPI")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert "POST /admin/ingest" in output  # the access log is there, and still clean
    _assert_no_secret(output, "the server's log")

    runs = [
        (["ingest", "us-country-groups"], {}),
        (["query", "regimes"], {}),
        (["query", "regimes"], {"HARMONIA_STORE": "neo4j", "HARMONIA_NEO4J_URI": "bolt://x:1"}),
        (["query", "regimes"], {"HARMONIA_PORT": "not-a-port"}),
    ]
    for args, extra in runs:
        done = subprocess.run(
            [*harmonia_command(), *args],
            cwd=tmp_path,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )
        _assert_no_secret(done.stdout + done.stderr, f"'harmonia {' '.join(args)}' {extra}")
        if extra:
            assert done.returncode != 0 and len(done.stderr.splitlines()) == 1, done.stderr


# --- Neo4j: reads in read transactions ------------------------------------------------------------

NEO4J_BACKEND = ROOT / "store" / "neo4j_backend.py"
READ_METHODS = ("revision", "sources", "get_node", "nodes", "edges", "counts", "to_networkx")
WRITE_CLAUSES = re.compile(r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|LOAD\s+CSV)\b", re.I)


def _neo4j_modules() -> list[Path]:
    found = []
    for folder in ("store", "queries", "api", "harmonia", "ingest"):
        for path in (ROOT / folder).rglob("*.py"):
            if re.search(r"^\s*(from|import) neo4j\b", path.read_text(), re.M):
                found.append(path)
    return found


def _functions(path: Path) -> Iterator[tuple[str, ast.FunctionDef]]:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    yield f"{node.name}.{item.name}", item


def _called(function: ast.FunctionDef) -> set[str]:
    return {
        c.func.attr
        for c in ast.walk(function)
        if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
    }


def test_neo4j_code_reads_only_in_read_transactions() -> None:
    modules = _neo4j_modules()
    assert NEO4J_BACKEND in modules
    for path in modules:
        for name, function in _functions(path):
            called = _called(function)
            where = f"{path.relative_to(ROOT)}:{name}"
            if "execute_write" in called:
                assert path == NEO4J_BACKEND and name.endswith("._write"), where
            readers = ("_read", "_reads")
            if name.split(".")[-1] in readers and "session" in called:
                assert "execute_read" in called and "execute_write" not in called, where
            if "session" in called and name.split(".")[-1] not in ("__init__", "_write", *readers):
                pytest.fail(f"{where} opens a session outside _read(s)/_write")
    backend = dict(_functions(NEO4J_BACKEND))
    for method in READ_METHODS:
        called = _called(backend[f"Neo4jStore.{method}"])
        assert not called & {"_write", "execute_write", "run", "session"}, method


def test_read_statements_do_not_write() -> None:
    for path in _neo4j_modules():
        tree = ast.parse(path.read_text())
        names: set[str] = {
            c.args[0].value
            for c in ast.walk(tree)
            if isinstance(c, ast.Call)
            and isinstance(c.func, ast.Attribute)
            and c.func.attr == "_read"
            and c.args
            and isinstance(c.args[0], ast.Constant)
            and isinstance(c.args[0].value, str)
        }
        # Statements batched into one read transaction: ("name", {params}) in a reading method.
        for _, function in _functions(path):
            if "_reads" in _called(function) and "_write" not in _called(function):
                names |= {
                    t.elts[0].value
                    for t in ast.walk(function)
                    if isinstance(t, ast.Tuple)
                    and len(t.elts) == 2
                    and isinstance(t.elts[0], ast.Constant)
                    and isinstance(t.elts[0].value, str)
                    and isinstance(t.elts[1], ast.Dict)
                }
        for name in names:
            text = next(
                (ROOT / d / "cypher" / f"{name}.cypher")
                for d in ("store", "queries")
                if (ROOT / d / "cypher" / f"{name}.cypher").is_file()
            ).read_text()
            code = "\n".join(line.split("//")[0] for line in text.splitlines())
            assert not WRITE_CLAUSES.search(code), f"{name}.cypher writes"


class _Recorder:
    """A stand-in for the neo4j driver that records which kind of transaction is used."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def verify_connectivity(self) -> None:
        pass

    def close(self) -> None:
        pass

    def session(self, **_: Any) -> _Recorder:
        return self

    def __enter__(self) -> _Recorder:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def run(self, *_: Any, **__: Any) -> Any:
        self.calls.append("run")
        return self

    def consume(self) -> None:
        pass

    def execute_read(self, work: Any) -> Any:
        self.calls.append("execute_read")
        return work(_EmptyTx())

    def execute_write(self, work: Any) -> Any:
        self.calls.append("execute_write")
        return work(_EmptyTx())


class _EmptyTx:
    def run(self, *_: Any, **__: Any) -> list[Any]:
        return []


def test_neo4j_store_reads_through_execute_read() -> None:
    from store.neo4j_backend import Neo4jStore

    driver = _Recorder()
    store = Neo4jStore("bolt://unused", "neo4j", "x", driver=driver)  # type: ignore[arg-type]
    driver.calls.clear()  # the schema set-up (constraints) is a write by nature
    for method in READ_METHODS:
        try:
            result = getattr(store, method)()
            if hasattr(result, "__next__"):
                list(result)
        except (IndexError, KeyError, TypeError):
            pass  # an empty fake database; only the transaction kind matters here
    assert driver.calls and set(driver.calls) == {"execute_read"}, driver.calls
