"""Documents into the graph: one atomic write per document, clear failures, nothing half done."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import SHARED

from graph_schema.model import Lists, Party
from graph_schema.provenance import Provenance
from ingest.documents import collect, document_batch, ingest_documents
from ingest.nlp.pipeline import Analyzer
from ingest.reference.loader import reference_batch
from store.base import SourceBatch
from store.embedded import EmbeddedStore

NSO = "party:sample-parties:nso"
FIXTURES = Path(__file__).parent / "nlp" / "fixtures"
ECHRI_AR = SHARED / "corpus" / "ar-2021-12-10-echri-launch.txt"
JOINT = (
    SHARED
    / "data"
    / "echri"
    / "2021-12-10-joint-statement-on-the-export-controls-and-human-rights-initiative.md"
)


def party_batch() -> SourceBatch:
    prov = Provenance(source="sample-parties", edition="1")
    party = Party(
        id=NSO,
        name="NSO Group",
        countries=["IL"],
        provenance=prov,
        lists=["Entity List (EL) - Bureau of Industry and Security"],
    )
    edge = Lists(
        source="country:US",
        target=NSO,
        provenance=prov,
        list_name="Entity List (EL) - Bureau of Industry and Security",
    )
    return SourceBatch(
        source_id="sample-parties",
        edition="1",
        title="parties",
        nodes=[party.to_record()],
        edges=[edge.to_record()],
    )


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "base.sqlite"
    with EmbeddedStore(path) as store:
        store.replace_source(reference_batch())
        store.replace_source(party_batch())
    return path


@pytest.fixture(scope="module")
def analyzer(base_store: Path) -> Analyzer:
    with EmbeddedStore(base_store, read_only=True) as store:
        return Analyzer(store.to_networkx())


@pytest.fixture
def store(base_store: Path, tmp_path: Path) -> Iterator[EmbeddedStore]:
    path = tmp_path / "graph.sqlite"
    shutil.copy(base_store, path)
    with EmbeddedStore(path) as s:
        yield s


def test_real_article_becomes_document_mentions_and_claims(
    store: EmbeddedStore, analyzer: Analyzer
) -> None:
    [outcome] = ingest_documents(store, [ECHRI_AR], analyzer=analyzer)
    assert outcome.status == "written"
    assert outcome.language == "ar"
    assert outcome.key.startswith("documents@")
    doc = store.get_node(outcome.document)
    assert doc is not None and doc.label == "Document"
    assert doc.properties["published"] == "2021-12-10"
    assert doc.properties["text"].startswith("أعلنت إدارة بايدن")
    mentions = list(store.edges("MENTIONS", source=outcome.document))
    text = doc.properties["text"]
    for m in mentions:  # offsets point at the words
        assert text[m.properties["start"] : m.properties["end"]] == m.properties["text"]
    assert {"country:DK", "regime:echri", "regime:wassenaar", NSO} <= {m.target for m in mentions}
    claims = {
        (n.properties["subject"], n.properties["predicate"], n.properties["object"]): n.properties
        for n in store.nodes("Claim")
    }
    wassenaar = claims[("country:US", "member_of", "regime:wassenaar")]
    assert wassenaar["agreement"] == "agrees"
    assert "اتفاق واسينار" in wassenaar["sentence"]
    assert wassenaar["prov_sentence"] == wassenaar["sentence"]
    nso = claims[("country:US", "lists_party", NSO)]
    assert nso["qualifier"].startswith("Entity List")
    assert nso["agreement"] == "agrees"
    about = {(e.source, e.target, e.properties["role"]) for e in store.edges("ABOUT")}
    assert any(t == NSO and r == "object" for _, t, r in about)
    asserts = list(store.edges("ASSERTS", source=outcome.document))
    assert len(asserts) == len(claims)


def test_reingesting_the_same_file_changes_nothing(
    store: EmbeddedStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    ingest_documents(store, [JOINT], analyzer=analyzer)
    revision = store.revision()
    copy = tmp_path / "renamed.md"
    shutil.copy(JOINT, copy)
    outcomes = ingest_documents(store, [JOINT, copy], analyzer=analyzer)
    assert [o.status for o in outcomes] == ["unchanged", "unchanged"]
    assert store.revision() == revision


def test_each_document_is_its_own_source(store: EmbeddedStore, analyzer: Analyzer) -> None:
    outcomes = ingest_documents(store, [JOINT, FIXTURES / "fr-statement.txt"], analyzer=analyzer)
    keys = {s.key for s in store.sources() if s.source_id == "documents"}
    assert keys == {o.key for o in outcomes}
    store.remove_source(outcomes[0].key)
    assert store.get_node(outcomes[0].document) is None
    assert store.get_node(outcomes[1].document) is not None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"---\ntitle: x\n---\n\n  \n", "no text left"),
        ("doc.txt", b"%PDF-1.7\n" + b"\x00" * 100, "binary file (a PDF)"),
        ("nul.txt", b"abc\x00def" * 50, "contains NUL bytes"),
        (
            "latin1.txt",
            "La France a rejoint l'initiative, déclare le ministère.".encode("latin-1"),
            "not valid UTF-8",
        ),
        (
            "code.py",
            b"print('hello world, this is not a document at all')",
            "unsupported file type",
        ),
    ],
)
def test_bad_files_fail_clearly_and_leave_the_graph_unchanged(
    store: EmbeddedStore,
    analyzer: Analyzer,
    tmp_path: Path,
    name: str,
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    revision = store.revision()
    [outcome] = ingest_documents(store, [path], analyzer=analyzer)
    assert outcome.status == "failed"
    assert message in outcome.message
    assert "\n" not in outcome.message
    assert store.revision() == revision


def test_enormous_file_is_refused_before_reading(
    store: EmbeddedStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 50 MiB on paper, nothing written
        fh.truncate(50 * 2**20)
    [outcome] = ingest_documents(store, [path], analyzer=analyzer, max_bytes=5 * 2**20)
    assert outcome.status == "failed"
    assert "50.0 MiB is above the 5.0 MiB limit" in outcome.message


def test_unsupported_language_is_its_own_outcome(
    store: EmbeddedStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    path = tmp_path / "de.txt"
    path.write_text(
        "Die Bundesregierung hat die Ausfuhr von Überwachungstechnik für das Jahr nicht "
        "genehmigt und wird sie auch in Zukunft nicht mit den Partnern erlauben.",
        encoding="utf-8",
    )
    revision = store.revision()
    [outcome] = ingest_documents(store, [path], analyzer=analyzer)
    assert outcome.status == "unsupported"
    assert "unsupported language: German" in outcome.message
    assert store.revision() == revision


def test_one_bad_file_does_not_stop_the_others(
    store: EmbeddedStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    shutil.copy(FIXTURES / "fr-statement.txt", tmp_path / "b.txt")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    assert [p.name for p in collect([tmp_path])] == ["a-empty.txt", "b.txt"]
    outcomes = ingest_documents(store, [tmp_path], analyzer=analyzer)
    assert [o.status for o in outcomes] == ["failed", "written"]


def test_html_is_read_without_markup(analyzer: Analyzer, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<!doctype html><html><head><title>Export news</title>"
        '<meta property="article:published_time" content="2024-02-01T10:00:00Z">'
        "<script>var x = 'Denmark';</script></head><body><h1>Export news</h1>"
        "<p>Today <b>Denmark</b> and the United States announced that they joined the "
        "Export Controls and Human Rights Initiative.</p></body></html>",
        encoding="utf-8",
    )
    batch, raw, analysis = document_batch(path, analyzer)
    assert raw.title == "Export news"
    assert str(raw.published) == "2024-02-01"
    assert "<b>" not in raw.text and "var x" not in raw.text
    assert ("country:DK", "member_of", "regime:echri") in {c.triple for c in analysis.claims}
    assert batch.key == f"documents@{raw.sha256[:16]}"


def test_cli_ingest_docs(base_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from harmonia.cli import app

    db = tmp_path / "graph.sqlite"
    shutil.copy(base_store, db)
    monkeypatch.setenv("HARMONIA_DB_PATH", str(db))
    runner = CliRunner()
    ok = runner.invoke(app, ["ingest-docs", str(JOINT)])
    assert ok.exit_code == 0, ok.output
    assert "written" in ok.output
    again = runner.invoke(app, ["ingest-docs", str(JOINT)])
    assert again.exit_code == 0 and "unchanged" in again.output
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    failed = runner.invoke(app, ["ingest-docs", str(bad), str(JOINT)])
    assert failed.exit_code == 1
    assert "empty.txt: empty file" in failed.output
    missing = runner.invoke(app, ["ingest-docs", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
    assert "no such file or directory" in missing.output


def test_a_report_longer_than_spacy_takes_is_read_in_pieces(
    store: EmbeddedStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    # spaCy refuses texts over 1,000,000 characters; a 5 MB report is normal input. A bad file
    # in the middle of the batch stops nothing.
    filler = (
        "The committee met in the spring to review the annual budget and the staffing plan of "
        "its secretariat, and agreed to meet again after the summer.\n"
    )
    tail = "In its closing session it heard that the United States had added parties to the list.\n"
    text = filler * (4_900_000 // len(filler)) + tail
    (tmp_path / "a-report.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    shutil.copy(FIXTURES / "fr-statement.txt", tmp_path / "c-statement.txt")
    outcomes = ingest_documents(store, [tmp_path], analyzer=analyzer)
    assert [o.status for o in outcomes] == ["written", "failed", "written"]
    assert "\n" not in outcomes[1].message
    # Offsets found in the last piece point into the whole text.
    analysis = analyzer.analyse(text, "en")
    [us] = [m for m in analysis.mentions if m.text == "United States"]
    assert us.start == text.rindex("United States")
    assert text[us.start : us.end] == "United States"


def test_the_same_text_under_another_name_is_not_written_again(
    store: EmbeddedStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    """Without front matter the file name was the document's source, so a renamed copy of a
    plain-text statement counted as new content and was written over the first."""
    original = FIXTURES / "fr-statement.txt"
    [first] = ingest_documents(store, [original], analyzer=analyzer)
    assert first.status == "written"
    revision = store.revision()
    copy = tmp_path / "communique-copie.txt"
    shutil.copy(original, copy)
    [again] = ingest_documents(store, [copy], analyzer=analyzer)
    assert again.status == "unchanged"
    assert again.document == first.document
    assert store.revision() == revision
    doc = store.get_node(first.document)
    assert doc is not None and doc.properties["source"] == "file:fr-statement.txt"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "https://",
        "https://example.org/a b",
    ],
)
def test_a_source_url_that_is_not_a_web_address_is_refused(
    store: EmbeddedStore, analyzer: Analyzer, tmp_path: Path, url: str
) -> None:
    path = tmp_path / "statement.md"
    path.write_text(
        f"---\ntitle: A statement\nsource_url: {json.dumps(url)}\n---\n"
        "The United States and France discussed export controls on surveillance tools.\n"
    )
    revision = store.revision()
    [outcome] = ingest_documents(store, [path], analyzer=analyzer)
    assert outcome.status == "failed"
    assert "http(s)" in outcome.message and "statement.md" in outcome.message
    assert store.revision() == revision


def test_a_web_source_url_is_kept(store: EmbeddedStore, analyzer: Analyzer, tmp_path: Path) -> None:
    path = tmp_path / "statement.md"
    path.write_text(
        "---\ntitle: A statement\nsource_url: https://www.state.gov/a-statement/\n---\n"
        "The United States and France discussed export controls on surveillance tools.\n"
    )
    [outcome] = ingest_documents(store, [path], analyzer=analyzer)
    assert outcome.status == "written"
    doc = store.get_node(outcome.document)
    assert doc is not None and doc.properties["source"] == "https://www.state.gov/a-statement/"
