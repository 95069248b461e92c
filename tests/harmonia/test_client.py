"""``harmonia.open()`` on the real graph: the analyses as DataFrames (every column documented in
its method's docstring) and the graph or a chosen part of it as networkx."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pypdfium2
import pytest
from helpers import PartsOnly
from real_graph import real_graph_path, real_graph_with_documents, real_neo4j

import harmonia
from harmonia.client import Harmonia
from queries.errors import InvalidQuery
from queries.views import PairBrief


@pytest.fixture(scope="module")
def kg() -> Iterator[Harmonia]:
    with harmonia.open(db_path=real_graph_path()) as opened:
        yield opened


CALLS: dict[str, Callable[[Harmonia], pd.DataFrame]] = {
    "countries": lambda kg: kg.countries(),
    "regimes": lambda kg: kg.regimes(),
    "technologies": lambda kg: kg.technologies(),
    "memberships": lambda kg: kg.memberships(),
    "divergences": lambda kg: kg.divergences(["US", "EU", "wassenaar"], category="3"),
    "coverage": lambda kg: kg.coverage(category="5"),
    "coverage_matrix": lambda kg: kg.coverage_matrix(["US", "EU"]),
    "gaps": lambda kg: kg.gaps("wassenaar"),
    "commitment_gaps": lambda kg: kg.commitment_gaps("echri"),
    "search": lambda kg: kg.search("5A001.j"),
    "claims": lambda kg: kg.claims(),
}


@pytest.fixture(scope="module")
def kg_neo4j() -> Iterator[Harmonia]:
    """The client over the real graph in Neo4j, on a store that fails any whole-graph read."""
    server = real_neo4j()
    with PartsOnly(server.uri, server.user, server.password) as store:
        yield Harmonia(store)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_same_frames_from_neo4j(kg: Harmonia, kg_neo4j: Harmonia, name: str) -> None:
    pd.testing.assert_frame_equal(CALLS[name](kg_neo4j), CALLS[name](kg))


def _documented(method: Any) -> set[str]:
    return set(re.findall(r"``([a-z0-9_<>J]+)``", inspect.getdoc(method) or ""))


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_column_is_documented(kg: Harmonia, name: str) -> None:
    frame = CALLS[name](kg)
    assert isinstance(frame, pd.DataFrame)
    documented = _documented(getattr(Harmonia, name))
    if name == "coverage_matrix":
        # Columns are the jurisdictions, the values the documented ``value`` choices.
        assert {"percent", "controlled", "comparable", "entries"} <= documented
        assert list(frame.columns) == ["US", "EU"]
        return
    assert len(frame) > 0 or name == "claims"
    for column in frame.columns:
        template = re.sub(r"_(US|EU|wassenaar)$", "_<J>", str(column))
        assert template in documented, f"{name}: column {column!r} is not in the docstring"


def test_changes_frame(kg: Harmonia) -> None:
    frame = kg.changes("list:wassenaar:2025")  # against the edition held before: 2021
    assert frame.attrs["before"] == "list:wassenaar:2021"
    assert set(frame.columns) <= _documented(Harmonia.changes)
    added = set(frame[frame["change"] == "added"]["canonical"])
    assert {"ML10.j", "9E003.k"} <= added  # new in 2025 (not in the 2021 Word files)
    from queries.errors import NotFound

    with pytest.raises(NotFound, match="no earlier edition"):
        kg.changes("list:wassenaar:2021")


def test_divergences_frame(kg: Harmonia) -> None:
    frame = kg.divergences(["US", "EU", "wassenaar"], technology="surveillance")
    assert frame.attrs["compared"] == frame.attrs["agreed"] > 0
    assert set(frame["kind"]) == {"unilateral"}
    row = frame.set_index("code").loc["3A980"]
    assert row["status_US"] == "controls" and row["status_EU"] == "not-implemented"
    assert row["editions_US"] == "list:us:2026-07-23 (2026-07-23)"
    assert frame.attrs["editions"]["EU"] == ["list:eu-military:2020-02-17", "list:eu:2025-11-15"]
    computing = kg.divergences(["US", "EU"], technology="ai-compute")
    # 3A090.a is EU 3A501.a.16 with other bounds; 3A090.b is the US's own.
    assert {"3A090.a", "3A090.b"} <= set(computing["code"])
    row = computing.set_index("code").loc["3A090.a"]
    assert row["status_EU"] == "other-bounds"


def test_coverage_and_matrix_agree(kg: Harmonia) -> None:
    coverage = kg.coverage(category="5")
    summary = {s["jurisdiction"]: s for s in coverage.attrs["summary"]}
    matrix = kg.coverage_matrix(["US", "EU", "IN"])
    assert matrix.loc["5", "US"] == summary["US"]["percent"]
    assert matrix.loc["5", "IN"] == summary["IN"]["percent"]
    assert set(coverage["jurisdiction"]) == {"AU", "EU", "GB", "IN", "NO", "US"}
    us = coverage[coverage["jurisdiction"] == "US"]
    assert us["controlled"].sum() == summary["US"]["controlled"]
    entries = kg.coverage_matrix(["US", "EU"], by="technology", value="entries")
    compute = entries.loc["tech:ai-compute"]
    assert float(compute["US"]) > float(compute["EU"])


def test_reference_frames(kg: Harmonia) -> None:
    countries = kg.countries().set_index("iso2")
    assert countries.loc["FR", "via"] == "regime:eu"
    assert countries.loc["FR", "lists"] == "list:eu-military:2020-02-17, list:eu:2025-11-15"
    assert countries.loc["IN", "name_fr"] == "Inde"
    members = kg.memberships()
    wassenaar = members[(members["regime"] == "regime:wassenaar") & (members["kind"] == "member")]
    assert len(wassenaar) == 42
    assert pd.api.types.is_datetime64_any_dtype(members["since"])
    regimes = kg.regimes().set_index("id")
    assert regimes.loc["regime:wassenaar", "lists"] == "list:wassenaar:2025"


def test_subgraph_by_jurisdiction_and_technology(kg: Harmonia) -> None:
    graph = kg.to_networkx(jurisdiction="US", technology="intrusion software")
    entries = {d["code"] for _, d in graph.nodes(data=True) if d["label"] == "ControlEntry"}
    assert {"4A005", "4D004", "4E001.c"} <= entries
    assert {"4.A.5", "4.D.4"} <= entries  # the Wassenaar entries they implement
    assert "country:US" in graph and "list:us:2026-07-23" in graph
    assert "regime:wassenaar" in graph  # a membership of the US
    assert graph.nodes["list:us:2026-07-23"]["edition_date"] == date(2026, 7, 23)
    implements = [d for _, _, d in graph.edges(data=True) if d["type"] == "IMPLEMENTS"]
    assert implements and all(isinstance(d["score"], float) for d in implements)
    graph.add_node("mine")  # a copy the caller may change


def test_subgraph_by_category_and_eu_member(kg: Harmonia) -> None:
    graph = kg.to_networkx(jurisdiction=["FR"], category="5")
    lists = {n for n, d in graph.nodes(data=True) if d["label"] == "ControlList"}
    assert "list:eu:2025-11-15" in lists  # France applies the EU list
    categories = {
        d["category"]
        for _, d in graph.nodes(data=True)
        if d["label"] == "ControlEntry" and d["list_id"] == "list:eu:2025-11-15"
    }
    assert categories == {"5"}


def test_whole_graph(kg: Harmonia) -> None:
    frozen = kg.to_networkx(typed=False)
    assert nx.is_frozen(frozen)
    typed = kg.to_networkx()
    assert typed.number_of_nodes() == frozen.number_of_nodes()
    assert typed.nodes["list:eu:2021"]["edition_date"] == date(2021, 5, 20)
    assert frozen.nodes["list:eu:2021"]["edition_date"] == "2021-05-20"  # store untouched


def test_open_rebuilds_an_alignment_a_killed_ingest_left_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers import country_batch, sample_batch

    from ingest.runner import alignment_stale
    from store.embedded import EmbeddedStore

    path = tmp_path / "graph.sqlite"
    with EmbeddedStore(path) as store:  # sources written, the alignment never was
        store.replace_source(country_batch())
        store.replace_source(sample_batch())
        assert alignment_stale(store)
    monkeypatch.delenv("HARMONIA_STORE", raising=False)
    kg = harmonia.open(db_path=path)
    try:
        assert not alignment_stale(kg.store)
        assert "alignment" in {s.source_id for s in kg.store.sources()}
    finally:
        kg.store.close()


def test_a_notebook_in_a_subfolder_opens_the_projects_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jupyter starts a notebook in its own folder (notebooks/): the default relative graph
    path is found in the folder above, and a missing graph says where it was looked for."""
    from helpers import country_batch

    from store.base import StoreError
    from store.embedded import EmbeddedStore

    project = tmp_path / "project"
    (project / "var").mkdir(parents=True)
    (project / "notebooks").mkdir()
    with EmbeddedStore(project / "var" / "harmonia.sqlite") as store:
        store.replace_source(country_batch())
    for name in ("HARMONIA_STORE", "HARMONIA_DB_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(project / "notebooks")
    with harmonia.open() as kg:
        assert kg.store.get_node("country:FR") is not None
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match=r"no graph at .*harmonia.sqlite: run 'harmonia ingest'"):
        harmonia.open()


def test_brief(kg: Harmonia) -> None:
    b = kg.brief("IN", category="3", items=5)
    assert b.reference_edition.list_id == "list:wassenaar:2025"
    assert [c.category for c in b.standing.categories] == ["3"]
    assert b.to_align.total >= len(b.to_align.items) > 0
    with pytest.raises(InvalidQuery, match="items"):
        kg.brief("IN", items=0)


def test_a_brief_against_another_state_is_the_pair_brief(kg: Harmonia) -> None:
    """kg.brief("IN", against="US") dispatches as `harmonia brief IN --against US` does."""
    b = kg.brief("IN", against="US", items=3)
    assert isinstance(b, PairBrief)
    assert b == kg.pair_brief("IN", "US", items=3)


def test_the_brief_parts_beyond_the_regimes(kg: Harmonia) -> None:
    """A category asked for bounds the shared controls too; the parts are the model's."""
    b = kg.brief("IN", category="3", items=3)
    assert b.shared.total >= len(b.shared.items) > 0
    assert {p.row.category for p in b.shared.items} == {"3"}
    assert all(len(p.partners) >= 2 and "IN" not in p.partners for p in b.shared.items)
    assert not b.parties.held and b.commitments == []


def test_brief_text_in_each_language(kg: Harmonia) -> None:
    b = kg.brief("IN", category="3", items=2)
    # Without the isolates that keep codes left to right inside the Arabic text.
    arabic = kg.brief_markdown("IN", category="3", items=2, lang="ar")
    arabic = arabic.replace("\u2066", "").replace("\u2069", "")
    # India's Arabic name (reference data); the same points as the brief the client returns.
    assert arabic.startswith("# مذكرة مواءمة: الهند")
    assert all(f"**{row.code}**" in arabic for row in b.to_align.items)
    assert kg.brief_markdown("IN", items=1).startswith("# Harmonisation brief: India")
    with pytest.raises(InvalidQuery, match="lang 'de'"):
        kg.brief_markdown("IN", lang="de")  # type: ignore[arg-type]


def test_brief_printed_from_the_notebook(kg: Harmonia, tmp_path: Path) -> None:
    target = tmp_path / "india.pdf"
    b = kg.brief("IN", items=3, pdf=target)
    assert target.read_bytes().startswith(b"%PDF")
    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(target))
    assert f"{b.standing.convergence.percent:.1f}%" in text


def test_document_controls_frame() -> None:
    """The Arabic article on the US surveillance-export campaign (corpus
    ar-2021-12-03-us-surveillance-export-campaign.txt), as the API's controls say."""
    from queries.documents import DocumentQueries

    with harmonia.open(db_path=real_graph_with_documents()) as kg:
        (doc,) = [
            d.id
            for d in DocumentQueries(kg.store).documents(language="ar")
            if d.source.endswith("us-surveillance-export-campaign.txt")
        ]
        frame = kg.document_controls(doc)
        documented = _documented(Harmonia.document_controls)
        assert set(frame.columns) <= documented
        assert frame.attrs["language"] == "ar"
        surveillance = frame[frame["technology"] == "tech:surveillance"]
        us = surveillance[surveillance["jurisdiction"] == "US"]
        assert set(us["state"]) == {"covered"}
        assert set(us["entry"]) == {
            h.entry.id for h in kg.analyses.covering("tech:surveillance", us["list_id"].iloc[0])
        }
        singapore = surveillance[surveillance["jurisdiction"] == "SG"]
        assert list(singapore["state"]) == ["no-list-held"] and singapore["entry"].isna().all()
        compared = frame.attrs["compared"]["tech:surveillance"]
        assert frame.attrs["divergences"]["tech:surveillance"] == dict(
            kg.divergences(compared, technology="tech:surveillance").attrs["counts"]
        )
