"""Hostile and malformed files against every parser and the ``harmonia ingest`` command.

Each case feeds one file to one source. The file's checksum is made to match (in the child
process only), so the parser itself meets the file instead of the checksum check stopping it.
The case runs ``harmonia ingest <source> --file F`` in a forked child (CliRunner, with a spy
on ``build_batch`` to see what the parser raised), under a memory ceiling and a time limit, so
a bomb that works fails the test instead of taking the test run down. It must give:

* a non-zero exit and exactly one line on stderr, free of terminal escapes and bidi overrides;
* a ``ParseError`` (or the runner's own count assertion, or a record validation error) and not a
  ``KeyError``, ``IndexError``, ``TypeError``, ``RecursionError`` ... leaking from the parser;
* a graph exactly as it was.

The inputs: the committed corpus (``corpus/``, written by ``make_corpus.py``), plus files made
here in ``tmp_path``: truncated copies of the real sources, 50 MB files, a zip bomb, a zip of
too many members, and the real files of other sources (a PDF of another document, ...).
Sources are grouped by the format in their ``source.yaml``, so a new source is covered as soon
as its folder exists. A few cases also run the real ``harmonia`` executable (checksum refusal,
hostile file names, a directory).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import select
import shutil
import signal
import sqlite3
import subprocess
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
from helpers import SHARED_DATA, need_shared_data
from typer.testing import CliRunner

from bench.api import harmonia_command
from harmonia.cli import app  # imported here, once: every forked child inherits it
from ingest import runner
from ingest.registry import SourceDefinition, all_sources
from ingest.runner import ingest
from store.base import SourceBatch
from store.embedded import EmbeddedStore

CORPUS = Path(__file__).resolve().parent / "corpus"
HUGE = 50 * 1024 * 1024
TIME_LIMIT = 90.0  # a hang detector for bombs, far above any sane parse
MEMORY_HEADROOM = 2 * 1024**3  # for the 50 MB inputs
SMALL_HEADROOM = 512 * 1024**2  # corpus files are < 100 KB: needing more is a bomb going off
MAX_MESSAGE = 1000
#: Terminal escapes and bidi controls must never reach a terminal from an error message.
BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}
#: What a parser may raise for bad input (the runner wraps it in IngestError); no cause at all
#: means the runner's own checks (checksum, expected counts) refused the file.
ALLOWED_CAUSES = {None, "ParseError", "ValidationError"}

TEXT_LIKE = {"txt", "md", "html"}


def _sources_by_format() -> dict[str, list[str]]:
    """Format -> ids of sources with distinct parsers (two sources sharing one parser, like
    eu-dual-use and no-liste-ii, need the corpus only once)."""
    found: dict[str, list[str]] = {}
    seen: set[int] = set()
    for source_id, definition in all_sources().items():
        if id(definition.parse) in seen:
            continue
        seen.add(id(definition.parse))
        found.setdefault(definition.meta.format, []).append(source_id)
    return found


def _targets(corpus_format: str, by_format: dict[str, list[str]]) -> list[str]:
    if corpus_format in TEXT_LIKE:
        return [s for f in sorted(TEXT_LIKE) for s in by_format.get(f, [])]
    return by_format.get(corpus_format, [])


#: One file from each format, given to every source of another format ("wrong type").
WRONG_TYPE = [
    "pdf/other-document.pdf",
    "json/array.json",
    "xlsx/other-workbook.xlsx",
    "xml/other-document.xml",
    "html/malformed.html",
]


@dataclass(frozen=True)
class Case:
    source_id: str
    kind: str  # corpus | truncated | huge | real | bomb
    arg: str

    @property
    def name(self) -> str:
        return f"{self.source_id}:{self.kind}:{self.arg}"


def cases() -> list[Case]:
    by_format = _sources_by_format()
    out: list[Case] = []
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file():
            rel = path.relative_to(CORPUS).as_posix()
            out += [Case(s, "corpus", rel) for s in _targets(rel.split("/")[0], by_format)]
    for rel in WRONG_TYPE:
        fmt = rel.split("/")[0]
        for source_fmt, ids in sorted(by_format.items()):
            if source_fmt != fmt and not (fmt in TEXT_LIKE and source_fmt in TEXT_LIKE):
                out += [Case(s, "corpus", rel) for s in ids]
    for fmt, ids in sorted(by_format.items()):
        for source_id in ids:
            out += [Case(source_id, "truncated", f) for f in ("third", "4k")]
            out.append(Case(source_id, "huge", "50MB"))
            # Real files of the other sources: a PDF of another document, another JSON ...
            own = all_sources()[source_id].meta.file
            others = [o for o, d in all_sources().items() if d.meta.file != own]
            same = [o for o in others if all_sources()[o].meta.format == fmt]
            out += [Case(source_id, "real", o) for o in (same or others[:1])]
    # A real PDF that is no one's list but its own sources' (Norway's Liste I).
    liste_i = "no/liste-i-military-2020.pdf"
    out += [
        Case(s, "real", liste_i)
        for s in by_format.get("pdf", [])
        if all_sources()[s].meta.file != liste_i
    ]
    out += [Case(s, "bomb", "zip-bomb") for s in by_format.get("xlsx", [])]
    out += [Case(s, "bomb", "zip-members") for s in by_format.get("xlsx", [])]
    out += [Case(s, "bomb", "deep-xml") for s in by_format.get("xml", [])]
    return out


# --- making the input files ------------------------------------------------------------------


def _real_file(source_id: str) -> Path | None:
    path = SHARED_DATA / all_sources()[source_id].meta.file
    return path if path.is_file() else None


def _zip_bomb(target: Path) -> None:
    """An XLSX whose shared strings inflate to 256 MiB of spaces (about 250 KB on disk)."""
    shutil.copy(CORPUS / "xlsx/right-sheet-empty.xlsx", target)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("xl/sharedStrings.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(256):
                member.write(chunk)


def _padded_xlsx(target: Path) -> None:
    """A workbook of 50 MB: the right sheet, empty, beside a big incompressible member."""
    shutil.copy(CORPUS / "xlsx/right-sheet-empty.xlsx", target)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_STORED) as archive:
        info = zipfile.ZipInfo("xl/media/image1.png", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(info, os.urandom(HUGE))


def _zip_members(target: Path) -> None:
    shutil.copy(CORPUS / "xlsx/right-sheet-empty.xlsx", target)
    with zipfile.ZipFile(target, "a", zipfile.ZIP_STORED) as archive:
        for i in range(12_000):
            archive.writestr(zipfile.ZipInfo(f"xl/media/{i}.bin", (2026, 1, 1, 0, 0, 0)), b"")


def _huge(fmt: str, target: Path) -> None:
    """About 50 MB of something close to what the source expects."""
    if fmt == "xlsx":
        _padded_xlsx(target)
        return
    filler = b"x" * HUGE
    with target.open("wb") as out:
        if fmt == "pdf":
            # A valid PDF, then 50 MB after %%EOF: the reader must rescan a big file.
            out.write((CORPUS / "pdf/wassenaar-lookalike.pdf").read_bytes())
            out.write(b"\n% padding\n" * (HUGE // 11))
        elif fmt == "json":
            huge = filler[: HUGE // 2].decode()  # twice: about 50 MB in all
            out.write(
                json.dumps(
                    {
                        "groups": {"A:1": [huge]},
                        "entries": [{"eccn": "5A001", "heading": huge}],
                        "fieldKey": {"n": "name"},
                        "tables": {},
                    }
                ).encode()
            )
        elif fmt == "xml":
            out.write(b'<?xml version="1.0"?><DIV5><DIV9 N="Supplement No. 1 to Part 774">')
            out.write(b"<P>5A001 a.</P>\n" * (HUGE // 16))
            out.write(b"</DIV9></DIV5>")
        elif fmt == "md":
            out.write(b"---\ntitle: t\ndate: 2023-03-29\nsource_url: https://example.org\n---\n")
            out.write(b"The governments are: France, Germany. " * (HUGE // 38))
        else:
            out.write(b"5A001 Telecommunications systems\n  a. any\n" * (HUGE // 42))


def _deep_xml(target: Path) -> None:
    depth = 200_000
    target.write_bytes(
        b'<?xml version="1.0"?><DIV5><DIV9 N="Supplement No. 1 to Part 774"><HEAD>'
        + b"<SU>" * depth
        + b"x"
        + b"</SU>" * depth
        + b"</HEAD></DIV9></DIV5>"
    )


def make_input(case: Case, tmp_path: Path) -> Path:
    fmt = all_sources()[case.source_id].meta.format
    if case.kind == "corpus":
        return CORPUS / case.arg
    target = tmp_path / f"input.{fmt}"
    if case.kind == "truncated":
        real = _real_file(case.source_id)
        if real is None:
            pytest.skip(f"{case.source_id}: real file not in {SHARED_DATA}")
        data = real.read_bytes()
        target.write_bytes(data[: len(data) // 3] if case.arg == "third" else data[:4096])
    elif case.kind == "huge":
        _huge(fmt, target)
    elif case.kind == "real":
        other = SHARED_DATA / (case.arg if "/" in case.arg else all_sources()[case.arg].meta.file)
        if not other.is_file():
            pytest.skip(f"{other} not found")
        return other
    elif case.arg == "zip-bomb":
        _zip_bomb(target)
    elif case.arg == "zip-members":
        _zip_members(target)
    else:
        _deep_xml(target)
    return target


# --- running a case in a forked child --------------------------------------------------------


def _vm_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def run_forked(
    work: Callable[[], dict[str, Any]],
    limit: float = TIME_LIMIT,
    headroom: int = MEMORY_HEADROOM,
) -> dict[str, Any]:
    """``work()`` in a forked child with a memory ceiling and a time limit; its JSON result."""
    read_end, write_end = os.pipe()
    ceiling = _vm_size() + headroom
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
            answer = work()
        except BaseException as exc:  # everything, MemoryError included, is a finding
            answer = {"child_crash": f"{type(exc).__name__}: {str(exc)[:500]}"}
        with os.fdopen(write_end, "wb") as out:
            out.write(json.dumps(answer).encode())
        os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limit
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([pipe], [], [], max(left, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail(f"no answer within {limit:.0f}s: the input hangs the parser")
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        pytest.fail(f"the child died without an answer (wait status {status})")
    result: dict[str, Any] = json.loads(b"".join(chunks))
    return result


def facts(batch: SourceBatch) -> str:
    """What a batch says, apart from which file (checksum) it was read from."""
    rows = [json.dumps(asdict(n), sort_keys=True) for n in batch.nodes]
    rows += [json.dumps(asdict(e), sort_keys=True) for e in batch.edges]
    h = hashlib.sha256()
    for row in sorted(rows):
        h.update(row.replace(batch.file_sha256 or "\x00", "").encode())
    return h.hexdigest()


def whole_file_facts(source_id: str) -> str | None:
    """In the child: the facts of the real, complete file (for truncated inputs)."""
    real = _real_file(source_id)
    if real is None:
        return None
    return facts(runner.build_batch(all_sources()[source_id], real)[0])


def ingest_through_cli(
    source_id: str, path: Path, db: Path, compare_whole: bool = False
) -> dict[str, Any]:
    """In the child: ``harmonia ingest SOURCE --file PATH`` with a matching checksum."""
    whole = whole_file_facts(source_id) if compare_whole else None
    definition = all_sources()[source_id]
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    meta = definition.meta.model_copy(update={"sha256": digest})
    all_sources()[source_id] = SourceDefinition(meta, definition.parse, definition.folder)
    seen: dict[str, Any] = {"accepted": False}
    real_build = runner.build_batch

    def spy(d: SourceDefinition, p: Path) -> Any:
        try:
            out = real_build(d, p)
        except BaseException as exc:
            cause = exc.__cause__
            seen.update(
                raised=type(exc).__name__,
                cause=None if cause is None else type(cause).__name__,
                cause_message=None if cause is None else str(cause)[:300],
            )
            raise
        seen["accepted"] = True
        seen["facts"] = facts(out[0])
        return out

    runner.build_batch = spy  # type: ignore[assignment]  # a spy with the same signature
    started = time.perf_counter()
    result = CliRunner().invoke(
        app,
        ["ingest", source_id, "--file", str(path)],
        env={"HARMONIA_DB_PATH": str(db), "HARMONIA_STORE": "embedded"},
    )
    unhandled = result.exception
    if isinstance(unhandled, SystemExit):
        unhandled = None
    return {
        **seen,
        "whole_facts": whole,
        "seconds": time.perf_counter() - started,
        "exit_code": result.exit_code,
        "stderr": result.stderr[:5000],  # enough to judge, small enough for the pipe
        "unhandled": None if unhandled is None else f"{type(unhandled).__name__}: {unhandled}",
    }


# --- the graph the failed ingests must leave alone -------------------------------------------


def graph_digest(db: Path) -> str:
    with EmbeddedStore(db):  # recovery, as the next user would open it
        pass
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        for query in (
            "SELECT id, label, source_key, props FROM nodes ORDER BY id",
            "SELECT id, type, src, dst, source_key, props FROM edges ORDER BY id",
            "SELECT key, record FROM sources ORDER BY key",
            "SELECT key, value FROM meta ORDER BY key",
        ):
            for row in conn.execute(query):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def base_graph(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("bad-input") / "graph.sqlite"
    with EmbeddedStore(db) as store:
        outcomes = ingest(store, [need_shared_data()], only=["reference", "us-country-groups"])
        assert {o.status for o in outcomes} == {"written"}, outcomes
    return db, graph_digest(db)


@pytest.fixture
def graph(base_graph: tuple[Path, str], tmp_path: Path) -> tuple[Path, str]:
    """A copy of the base graph per case, so one finding cannot cascade into the next."""
    db = tmp_path / "graph.sqlite"
    shutil.copy(base_graph[0], db)
    return db, base_graph[1]


def _unsafe_characters(text: str) -> list[str]:
    return sorted(
        {
            f"U+{ord(c):04X}"
            for c in text
            if c in BIDI or (unicodedata.category(c) == "Cc" and c not in "\n")
        }
    )


def check_refusal(result: dict[str, Any], graph: tuple[Path, str]) -> None:
    assert "child_crash" not in result, result["child_crash"]
    assert result["unhandled"] is None, f"the command crashed: {result['unhandled']}"
    if result["accepted"] and result["whole_facts"] == result["facts"]:
        return  # cut after everything the source reads: the same facts as the whole file
    assert not result["accepted"], "a bad file was accepted as a source edition"
    assert result["exit_code"] != 0
    assert result.get("raised") == "IngestError", result
    assert result["cause"] in ALLOWED_CAUSES, (
        f"the parser let {result['cause']} escape: {result['cause_message']}"
    )
    lines = result["stderr"].splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {result['stderr']!r}"
    line = lines[0]
    assert line.startswith("error: "), line
    assert len(line) <= MAX_MESSAGE, f"a {len(line)}-character error line: {line[:200]}..."
    assert "Traceback" not in line
    assert not _unsafe_characters(line), f"{_unsafe_characters(line)} in {line!r}"
    db, before = graph
    assert graph_digest(db) == before, "a refused file changed the graph"


CASES = cases()

#: Findings in parsers this suite does not own, with where the fix belongs. Strict: once a
#: parser is fixed its case passes, the xfail turns into a failure, and the entry goes.
KNOWN_FAILURES: dict[str, str] = {}


def _param(case: Case) -> Any:
    reasons = [r for pattern, r in KNOWN_FAILURES.items() if fnmatch(case.name, pattern)]
    marks = [pytest.mark.xfail(strict=True, reason=reasons[0])] if reasons else []
    return pytest.param(case, marks=marks, id=case.name)


def test_the_corpus_is_broad() -> None:
    """At least 30 hostile files, spread over every format the project reads."""
    files = [p for p in CORPUS.rglob("*") if p.is_file()]
    assert len(files) >= 30
    assert {p.parent.name for p in files} >= {"pdf", "json", "xlsx", "xml", "txt", "md", "html"}
    assert len(CASES) >= 100
    every_parser = {s for ids in _sources_by_format().values() for s in ids}
    assert {c.source_id for c in CASES} == every_parser


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_file_is_refused_with_one_line_and_no_change(
    case: Case, graph: tuple[Path, str], tmp_path: Path
) -> None:
    path = make_input(case, tmp_path)
    compare = case.kind == "truncated"
    headroom = SMALL_HEADROOM if case.kind == "corpus" else MEMORY_HEADROOM
    result = run_forked(
        lambda: ingest_through_cli(case.source_id, path, graph[0], compare), headroom=headroom
    )
    check_refusal(result, graph)


# --- the real executable ----------------------------------------------------------------------


def _run_cli(args: list[str], db: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HARMONIA_")}
    env.update(HARMONIA_DB_PATH=str(db), HARMONIA_CACHE_DIR=str(cwd / "cache"))
    return subprocess.run(
        [*harmonia_command(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def _hostile_names(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    payload = (CORPUS / "json/control-chars.json").read_bytes()
    for name in ("line\nbreak.json", f"evil{chr(0x202E)}nosj.json", "ansi\x1b[31m.json"):
        path = tmp_path / name
        path.write_bytes(payload)
        yield name, ["ingest", "us-country-groups", "--file", str(path)]
    huge = tmp_path / "huge.json"
    _huge("json", huge)
    yield "50 MB", ["ingest", "us-country-groups", "--file", str(huge)]
    yield "directory", ["ingest", "us-country-groups", "--file", str(tmp_path)]
    yield "two sources", ["ingest", "us-country-groups", "us-csl", "--file", str(huge)]
    yield "unknown source", ["ingest", "no-such-source", "--file", str(huge)]
    yield "unknown source, hostile", ["ingest", "[/bold]\x1b[2J", "--file", str(huge)]
    yield "unknown source, no file", ["ingest", "[/bold]\x1b[2J"]


def test_the_real_command_refuses_with_one_line(graph: tuple[Path, str], tmp_path: Path) -> None:
    db, before = graph
    for label, args in _hostile_names(tmp_path):
        done = _run_cli(args, db, tmp_path)
        assert done.returncode != 0, label
        lines = done.stderr.splitlines()
        assert len(lines) == 1, f"{label}: {done.stderr!r}"
        assert lines[0].startswith("error: "), f"{label}: {lines[0]!r}"
        assert not _unsafe_characters(lines[0]), f"{label}: {lines[0]!r}"
        assert "Traceback" not in done.stderr
        assert graph_digest(db) == before, label


# --- the documents reader, when it is there ---------------------------------------------------


def _document_reader() -> Callable[[Path], object] | None:
    try:
        from ingest.nlp.reader import read_document
    except ImportError:
        return None
    return read_document


def test_documents_reader_survives_the_text_corpus(tmp_path: Path) -> None:
    read = _document_reader()
    if read is None:
        pytest.skip("no document reader (ingest.nlp.reader) yet")
    files = [p for d in ("html", "md", "txt") for p in sorted((CORPUS / d).iterdir())]
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<html><body>" + b"<p>x</p>" * (HUGE // 8))
    files.append(huge)

    def read_all() -> dict[str, Any]:
        outcomes: dict[str, Any] = {}
        for path in files:
            try:
                read(path)
                outcomes[path.name] = "read"
            except Exception as exc:
                outcomes[path.name] = [type(exc).__name__, str(exc)]
        return outcomes

    outcomes = run_forked(read_all, headroom=SMALL_HEADROOM)
    assert "child_crash" not in outcomes, outcomes
    for name, outcome in outcomes.items():
        if outcome == "read":
            continue
        kind, message = outcome
        assert kind == "DocumentError", f"{name}: {kind}: {message}"
        assert "\n" not in message and len(message) <= MAX_MESSAGE, name


def test_documents_command_gives_one_clean_line_per_refused_file(
    graph: tuple[Path, str], tmp_path: Path
) -> None:
    if "ingest-docs" not in {c.name for c in app.registered_commands}:
        pytest.skip("no 'harmonia ingest-docs' command yet")
    docs = tmp_path / "docs"
    docs.mkdir()
    for folder in ("html", "md", "txt"):
        for path in (CORPUS / folder).iterdir():
            shutil.copy(path, docs / f"{folder}-{path.name}")
    (docs / "huge.html").write_bytes(b"<html><body>" + b"<p>x</p>" * (HUGE // 8))
    (docs / f"evil{chr(0x202E)}lmth.md").write_bytes(b"\x1b[2J[/bold] \x00")
    # Names the results table shows: they must reach the terminal as plain text.
    article = b"The United States and France discussed export controls on surveillance tools. "
    for name in ("ansi\x1b[31mred.txt", "two\nlines.txt", "[bold red]markup.txt"):
        (docs / name).write_bytes(article + name.encode())
    done = _run_cli(["ingest-docs", str(docs)], graph[0], tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert not _unsafe_characters(done.stdout), done.stdout
    assert "[bold" in done.stdout  # shown, not interpreted as style
    assert not any(line.rstrip().endswith("two") for line in done.stdout.splitlines())
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) >= 10, done.stderr
    for line in errors:
        assert line.startswith("error: "), line
        assert len(line) <= MAX_MESSAGE and not _unsafe_characters(line), line


def _hang() -> dict[str, Any]:
    time.sleep(30)
    return {}


def test_fork_harness_catches_hangs_and_crashes() -> None:
    """The harness itself: a child that raises, and one that never answers."""
    crashed = run_forked(lambda: {"x": [][1]})
    assert crashed["child_crash"].startswith("IndexError")
    with pytest.raises(pytest.fail.Exception, match="no answer"):
        run_forked(_hang, limit=1)
    # The memory ceiling turns an allocation bomb into a MemoryError, not an OOM kill.
    bomb = run_forked(lambda: {"n": len(bytearray(MEMORY_HEADROOM * 2))})
    assert bomb["child_crash"].startswith("MemoryError")
