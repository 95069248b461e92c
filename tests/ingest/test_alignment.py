"""Alignment on the real lists: known answers checked against the documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from helpers import need_shared_data

from ingest.alignment import Aligner, code_vs_text, same_words
from ingest.runner import ingest
from ingest.sources.helpers.parameters import extract_parameters, parameter_scope
from store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    path = tmp_path_factory.mktemp("align") / "graph.sqlite"
    with EmbeddedStore(path) as writer:
        outcomes = ingest(writer, [need_shared_data()])
        failed = [o for o in outcomes if o.status == "failed"]
        assert not failed, failed
    reader = EmbeddedStore(path, read_only=True)
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def graph(store: EmbeddedStore) -> nx.MultiDiGraph:
    return store.to_networkx()


def _out(graph: nx.MultiDiGraph, node: str, edge_type: str) -> list[tuple[str, dict[str, Any]]]:
    assert node in graph, f"{node} missing from the graph"
    return [(v, d) for _, v, d in graph.out_edges(node, data=True) if d["type"] == edge_type]


@pytest.mark.parametrize("eccn", ["3A090", "4A090", "4D090", "4E091"])
def test_us_advanced_computing_is_unilateral(graph: nx.MultiDiGraph, eccn: str) -> None:
    node = f"entry:us:2026-07-23:{eccn}"
    ((target, origin),) = _out(graph, node, "ORIGIN")
    assert target == "country:US"
    assert origin["unilateral"] is True
    assert origin["series"] == "us-advanced-computing"
    assert _out(graph, node, "IMPLEMENTS") == []


@pytest.mark.parametrize(
    ("node", "target"),
    [
        ("entry:us:2026-07-23:5A001.j", "entry:wassenaar:2025:5A001.j"),
        ("entry:eu:2021:5A001.j", "entry:wassenaar:2025:5A001.j"),
        ("entry:no:2021:5A001.j", "entry:wassenaar:2025:5A001.j"),
        ("entry:us:2026-07-23:4A005", "entry:wassenaar:2025:4A005"),
        ("entry:eu:2021:4D004", "entry:wassenaar:2025:4D004"),
        ("entry:in:2024-09-02:8A101", "entry:wassenaar:2025:1A001"),
        ("entry:in:2024-09-02:8A502", "entry:wassenaar:2025:5A002"),
        ("entry:uk-military:2018-03-01:ML10", "entry:wassenaar:2025:ML10"),
        ("entry:us:2026-07-23:9A610", "entry:wassenaar:2025:ML10"),
    ],
)
def test_national_entries_implement_their_wassenaar_counterpart(
    graph: nx.MultiDiGraph, node: str, target: str
) -> None:
    ((found, edge),) = _out(graph, node, "IMPLEMENTS")
    assert found == target
    assert edge["method"] == "code"
    assert 0.0 < edge["score"] <= 1.0
    assert edge["evidence"]


def test_identical_texts_are_the_same_scope(graph: nx.MultiDiGraph) -> None:
    # 5A001.j reads the same in the EU 2021 text and the Wassenaar 2025 PDF.
    ((_, edge),) = _out(graph, "entry:eu:2021:5A001.j", "IMPLEMENTS")
    assert edge["similarity"] >= 0.98
    assert edge["scope"] == "same"


def test_us_600_series_text_differs_from_the_munitions_list(graph: nx.MultiDiGraph) -> None:
    ((_, edge),) = _out(graph, "entry:us:2026-07-23:9A610", "IMPLEMENTS")
    assert edge["text_differs"] is True
    assert "600-series" in edge["evidence"]


@pytest.mark.parametrize(
    ("node", "target", "series", "unilateral"),
    [
        ("entry:eu:2021:1C350", "regime:australia-group", "australia-group", False),
        ("entry:eu:2021:1C450", "regime:cwc", "cwc", False),
        ("entry:eu:2021:9A101", "regime:mtcr", "mtcr", False),
        ("entry:eu:2021:0A001", "regime:nsg", "nsg", False),
        ("entry:us:2026-07-23:5A992", "country:US", "us-900-series", True),
        # CCL 0A919: '"Military commodities" located and produced outside the United States',
        # Munitions List items under an added US licence requirement.
        ("entry:us:2026-07-23:0A919", "regime:wassenaar", "us-restated", False),
        ("entry:us:2026-07-23:0A998", "country:US", "us-900-series", True),
        ("entry:uk-national:2018-03-01:PL5001", "country:GB", "uk-national", True),
    ],
)
def test_origin_of_entries_without_a_wassenaar_counterpart(
    graph: nx.MultiDiGraph, node: str, target: str, series: str, unilateral: bool
) -> None:
    ((found, edge),) = _out(graph, node, "ORIGIN")
    assert (found, edge["series"], edge["unilateral"]) == (target, series, unilateral)
    assert edge["reason"]


def test_scomet_stated_cwc_correspondence(graph: nx.MultiDiGraph) -> None:
    stated = [
        (u, v)
        for u, v, d in graph.edges(data=True)
        if d["type"] == "ORIGIN" and d.get("method") == "stated"
    ]
    assert stated, "SCOMET states CWC schedule correspondences (pp. 55-65)"
    assert {v for _, v in stated} == {"regime:cwc"}
    assert all(u.startswith("entry:in:") for u, _ in stated)


@pytest.mark.parametrize(
    ("technology", "entry"),
    [
        ("tech:ip-network-surveillance", "entry:wassenaar:2025:5A001.j"),
        ("tech:ip-network-surveillance", "entry:us:2026-07-23:5A001.j"),
        ("tech:intrusion-software", "entry:us:2026-07-23:4A005"),
        ("tech:intrusion-software", "entry:eu:2021:4D004"),
        ("tech:ai-compute", "entry:us:2026-07-23:4A090"),
        ("tech:ai-model-weights", "entry:us:2026-07-23:4E091"),
        ("tech:cryptography", "entry:eu:2021:5A002"),
    ],
)
def test_technology_tags(graph: nx.MultiDiGraph, technology: str, entry: str) -> None:
    tags = {v: d for v, d in _out(graph, entry, "COVERS")}
    assert technology in tags
    assert tags[technology]["method"] in {"code-hint", "code-hint-ancestor", "phrase"}


def test_code_and_text_mostly_agree(store: EmbeddedStore) -> None:
    # Measured 2026-11: 398 of 7,810 code matches (5.1%) have a closer text elsewhere in the
    # same category and group; mostly renumbered sub-items between the EU 2021 and Wassenaar
    # 2025 editions and short sub-item texts. Pinned so a regression cannot pass silently.
    result = code_vs_text(Aligner(store))
    assert result.checked > 7000
    assert result.rate < 0.07


def test_parameter_scope_pairs_thresholds_in_order() -> None:
    national = extract_parameters("a payload exceeding 300 kg and a range exceeding 200 km")
    regime = extract_parameters("a payload exceeding 500 kg and a range exceeding 300 km")
    scope, notes = parameter_scope(national, regime)
    assert scope == "broader"
    assert len(notes) == 2
    scope, _ = parameter_scope(regime, national)
    assert scope == "narrower"
    # Different numbers of thresholds for a quantity are not paired by guesswork.
    assert parameter_scope(extract_parameters("exceeding 5 kg"), regime)[0] is None


def test_alignment_is_idempotent(store: EmbeddedStore, tmp_path: Path) -> None:
    from ingest.alignment import alignment_batch

    assert alignment_batch(store).digest() == alignment_batch(store).digest()


def _concordance() -> list[dict[str, str]]:
    import yaml

    path = Path(__file__).parent / "concordance_regime_annexes.yaml"
    rows: list[dict[str, str]] = yaml.safe_load(path.read_text("utf-8"))
    return rows


@pytest.mark.parametrize(
    "row", _concordance(), ids=lambda r: f"{r['national_code']}-{r['regime_code']}"
)
def test_national_entries_match_the_regime_annexes_by_text(
    graph: nx.MultiDiGraph, row: dict[str, str]
) -> None:
    """EU x1xx / x2xx entries name no annex item; their texts do (pairs read in both texts)."""
    from graph_schema.codes import CodeSystem, normalise

    system = CodeSystem(row["regime"])
    edition = {"mtcr": "2021", "nsg": "2022"}[row["regime"]]
    wanted = f"entry:{row['regime']}:{edition}:{normalise(row['regime_code'], system)}"
    for national in ("eu:2021", "eu:2025-11-15"):
        source = f"entry:{national}:{row['national_code']}"
        targets = {v: d for v, d in _out(graph, source, "IMPLEMENTS")}
        assert wanted in targets, (source, sorted(targets))
        assert targets[wanted]["method"] == "text"
        # The origin still names the regime the numbering belongs to.
        origins = _out(graph, source, "ORIGIN")
        assert [v for v, _ in origins] == [f"regime:{row['regime']}"]


def test_editions_are_chained_entry_by_entry(graph: nx.MultiDiGraph) -> None:
    """NEXT_EDITION pairs each entry with itself in the next edition held of its list."""
    nxt = _out(graph, "entry:wassenaar:2021:5A001.j", "NEXT_EDITION")
    assert [v for v, _ in nxt] == ["entry:wassenaar:2025:5A001.j"]
    eu = _out(graph, "entry:eu:2021:4A005", "NEXT_EDITION")
    assert [v for v, _ in eu] == ["entry:eu:2022-05-05:4A005"] or [v for v, _ in eu] == [
        "entry:eu:2025-11-15:4A005"
    ]
    # Different series never chain: Norway's Liste II is not an edition of the EU list.
    no = _out(graph, "entry:no:2021:4A005", "NEXT_EDITION")
    assert no == []


def test_controls_adopted_outside_the_regimes_are_aligned_across_states(
    graph: nx.MultiDiGraph,
) -> None:
    """Quantum computers: US 4A906, Australia 4A901 and EU 4A506 say the same ("34 or more,
    but fewer than 100 ... physical qubits", read in the CCL JSON, the DSGL and the EU JSON);
    Wassenaar 2025 has no such entry (no "qubit" in its text)."""
    same = {frozenset((u, v)) for u, v, d in graph.edges(data=True) if d["type"] == "SAME_CONTROL"}
    us, au, eu = (
        "entry:us:2026-07-23:4A906",
        "entry:au:2024:4A901",
        "entry:eu:2025-11-15:4A506",
    )
    assert frozenset((us, au)) in same or frozenset((au, us)) in same
    assert frozenset((us, eu)) in same
    assert frozenset((au, eu)) in same
    # Pairs under one code are left to the comparison by code.
    assert all(u.rsplit(":", 1)[1] != v.rsplit(":", 1)[1] for u, v in same)


def test_words_decide_where_the_regime_renumbered(graph: nx.MultiDiGraph) -> None:
    # Wassenaar 2025 (p. 126) split the first band of 6.A.5.d.1.b in three, so AU DSGL 2024
    # 6A005.d.1.b.2 "Wavelength equal to or greater than 1,400 nm and less than 1,900 nm ...
    # exceeding 2.5 W" is now Wassenaar b.4, and AU b.3 ("1,900 nm ... exceeding 1 W") b.5.
    ((target, edge),) = _out(graph, "entry:au:2024:6A005.d.1.b.2", "IMPLEMENTS")
    assert target == "entry:wassenaar:2025:6A005.d.1.b.4"
    assert (edge["method"], edge["scope"]) == ("text", "same")
    ((target, _),) = _out(graph, "entry:au:2024:6A005.d.1.b.3", "IMPLEMENTS")
    assert target == "entry:wassenaar:2025:6A005.d.1.b.5"


def test_words_printed_without_a_number_are_found(graph: nx.MultiDiGraph) -> None:
    # SCOMET p. 257 prints 'Microwave power amplifiers containing "vacuum electronic devices"
    # specified by 8A301.b.1. ...' with no number of its own, after 8A301.b.7.d: it is
    # Wassenaar 3.A.1.b.8 (p. 60, "specified in 3.A.1.b.1."), with its a. to c.
    found = {t for t, _ in _out(graph, "entry:in:2024-09-02:8A301.b.7.d", "IMPLEMENTS")}
    assert "entry:wassenaar:2025:3A001.b.8" in found
    found = {t for t, _ in _out(graph, "entry:in:2024-09-02:8A301.b.7.d.c", "IMPLEMENTS")}
    assert found == {"entry:wassenaar:2025:3A001.b.8.c"}


def test_a_broader_national_paragraph_catches_a_new_regime_one(graph: nx.MultiDiGraph) -> None:
    # Wassenaar 2025 p. 121 added 6.A.5.a.6.a.3 (single transverse mode, over 1.5 kW, spectral
    # bandwidth 40-100 GHz); AU DSGL 2024 6A005.a.6.a.1 "Output power exceeding 1,000 W" has
    # no bandwidth condition, so it controls all of them and more.
    edges = dict(_out(graph, "entry:au:2024:6A005.a.6.a.1", "IMPLEMENTS"))
    caught = edges["entry:wassenaar:2025:6A005.a.6.a.3"]
    assert (caught["method"], caught["scope"]) == ("parameters", "broader")
    # AU b.1 "less than 1,400 nm ... exceeding 25 W": Wassenaar b.3 (1,100-1,400 nm, over
    # 25 W) is the same control for that band, b.2 (780-1,100 nm, over 30 W) a looser one.
    edges = dict(_out(graph, "entry:au:2024:6A005.d.1.b.1", "IMPLEMENTS"))
    assert edges["entry:wassenaar:2025:6A005.d.1.b.3"]["scope"] == "same"
    assert edges["entry:wassenaar:2025:6A005.d.1.b.2"]["scope"] == "broader"
    # Against b.1 ("less than 780 nm ... exceeding 25 W"), the wider band is b.2's and b.3's,
    # compared there: for b.1's lasers the same 25 W. SCOMET 8A605.d.1.b.1 (p. 324) alike.
    own = edges["entry:wassenaar:2025:6A005.d.1.b.1"]
    assert own["scope"] == "same"
    assert "wider wavelength band is also Wassenaar 6.A.5.d.1.b.2, 6.A.5.d.1.b.3" in own["evidence"]
    edges = dict(_out(graph, "entry:in:2024-09-02:8A605.d.1.b.1", "IMPLEMENTS"))
    assert edges["entry:wassenaar:2025:6A005.d.1.b.1"]["scope"] == "same"


def test_words_every_branch_has_are_not_taken_from_another_branch(
    graph: nx.MultiDiGraph,
) -> None:
    # Each wavelength band of 6.A.5.a has its "'Multiple transverse mode' output" paragraph.
    # SCOMET's for 975-1,150 nm (Wassenaar 6.A.5.a.6.b) is misplaced by its text layer; the
    # one of the 1,850-2,100 nm band (8A605.a.9.b) must not stand in for it.
    found = {t for t, _ in _out(graph, "entry:in:2024-09-02:8A605.a.9.b", "IMPLEMENTS")}
    assert found == {"entry:wassenaar:2025:6A005.a.9.b"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            'Microwave power amplifiers containing "vacuum electronic devices" specified in '
            "3.A.1.b.1. and having all of the following:",
            "Microwave power amplifiers containing “vacuum electronic devices” specified by "
            "8A301.b.1. and having all of the following:",
            True,
        ),
        ("A volume of less than 400 cm3 ;", "A volume of lessthan 400 cm3", True),
        ("Output power exceeding 1,000 W; or", "Output power exceeding 1000 W", True),
        ("'Single transverse mode' output", "'Multiple transverse mode' output", False),
        (
            "average or CW output power exceeding 25 W",
            "average or CW output power exceeding 30 W",
            False,
        ),
        ("Having all of the following:", "Having any of the following:", False),
    ],
)
def test_same_words(a: str, b: str, same: bool) -> None:
    assert same_words(a, b) is same


def test_np_column_2_items_are_unilateral(graph: nx.MultiDiGraph) -> None:
    # US 2A290 (generators for nuclear plants) is numbered in the NSG block but its licence
    # requirement reads "NP applies to entire entry: NP Column 2": a US-only nuclear control.
    ((target, origin),) = _out(graph, "entry:us:2026-07-23:2A290", "ORIGIN")
    assert target == "country:US"
    assert origin["unilateral"] is True
    assert "NP Column 2" in origin["reason"]
    # 3A233 is NP Column 1, an NSG item: it keeps the NSG origin.
    origins = _out(graph, "entry:us:2026-07-23:3A233", "ORIGIN")
    assert all(t != "country:US" for t, _ in origins)


def test_us_firearms_implement_the_munitions_list(graph: nx.MultiDiGraph) -> None:
    ((target, edge),) = _out(graph, "entry:us:2026-07-23:0A505", "IMPLEMENTS")
    assert target == "entry:wassenaar:2025:ML3"
    assert "moved from the USML" in edge["evidence"]


def test_a_band_cut_short_is_caught_by_a_sibling(graph: nx.MultiDiGraph) -> None:
    # Wassenaar 2025 p. 69 3.A.2.d.5.d runs to 110 GHz; the CCL JSON's 3A002.d.5.d stops at
    # 90 GHz (the 2021 text), but its 3A002.d.6 controls any signal generator with "a maximum
    # frequency exceeding 90 GHz": the US controls all that Wassenaar's paragraph does.
    edges = dict(_out(graph, "entry:us:2026-07-23:3A002.d.5.d", "IMPLEMENTS"))
    edge = edges["entry:wassenaar:2025:3A002.d.5.d"]
    assert edge["scope"] == "same"
    assert "caught by 3A002.d.6" in edge["evidence"]


def test_a_formula_the_copy_lost_leaves_the_scope_unknown(graph: nx.MultiDiGraph) -> None:
    # Wassenaar 2025 p. 72 3.B.1.f.1.b: lithography equipment "Capable of producing a pattern
    # with a ... (MRF) of 45 nm or less", MRF = wavelength x K factor / numerical aperture,
    # "where the K factor = 0.35". CCL 3B001.f.1.b: "A light source wavelength equal to or
    # longer than 193 nm and having all of the following:" .b.1 the same MRF bound, .b.2 "a
    # maximum dedicated chuck overlay value of less than or equal to 1.50 nm"; its Note says
    # the MRF "is calculated by the following formula:" and the copy has no formula. The EU's
    # 3B501.f.1.b, the same words as the CCL's, sets "the K factor = 0,25": with another K
    # the US may catch scanners the regime does not, so the added overlay bound alone does not
    # make the US narrower.
    edges = dict(_out(graph, "entry:us:2026-07-23:3B001.f.1.b", "IMPLEMENTS"))
    edge = edges["entry:wassenaar:2025:3B001.f.1.b"]
    assert edge["scope"] == "unknown"
    assert "national adds conditions" in edge["evidence"]
    assert "'less than or equal to 1.50 nm'" in edge["evidence"]
    assert "lost the formula that defines 'Minimum Resolvable Feature size'" in edge["evidence"]
    # "193 nm or longer" narrows nothing: Wassenaar's sibling 3.B.1.f.1.a takes "shorter than
    # 193 nm".
    assert "wavelength" not in edge["evidence"]
    # Copies that kept the formula are compared as before: Australia's DSGL 3B001.f.1.b has
    # Wassenaar's words, bound and K factor (0.35): the same scope.
    au = dict(_out(graph, "entry:au:2024:3B001.f.1.b", "IMPLEMENTS"))
    assert au["entry:wassenaar:2025:3B001.f.1.b"]["scope"] == "same"


def test_x018_entries_are_munitions_list_items_not_national_additions(
    graph: nx.MultiDiGraph,
) -> None:
    # US 1B018 is headed "Items on the Wassenaar Arrangement Munitions List"; 1D018 is its
    # software. Neither is a US-only control.
    ((target, origin),) = _out(graph, "entry:us:2026-07-23:1D018", "ORIGIN")
    assert target == "regime:wassenaar"
    assert origin["unilateral"] is False
    assert origin["series"] == "us-018-munitions"


def test_software_citing_twin_items_is_the_same_control(graph: nx.MultiDiGraph) -> None:
    """AU 4D901 (DSGL 2024): "Software specially designed or modified for the development or
    production of items specified in 4A901.b or 4A901.c"; US 4D906 (CCL): "... of commodities
    controlled by 4A906.b or 4A906.c". Different codes and citing words, the same items."""
    same = {frozenset((u, v)) for u, v, d in graph.edges(data=True) if d["type"] == "SAME_CONTROL"}
    assert frozenset(("entry:au:2024:4D901", "entry:us:2026-07-23:4D906")) in same
    # Citing other items is not the same control: AU 3D901 is software for its 3B901, US
    # 3D201 software for equipment in 3A225.
    assert frozenset(("entry:au:2024:3D901", "entry:us:2026-07-23:3D201")) not in same


def test_us_z_paragraphs_restate_regime_items(graph: nx.MultiDiGraph) -> None:
    # US 5D002.z.1: "Software that is described in 5D002.a.1 and that also meet or exceed the
    # performance parameters in 3D001 for 3A090 or 4D001 for 4A090": Wassenaar 5.D.2.a.1
    # software under a second US licence requirement, not a control Wassenaar lacks.
    origins = [
        d
        for node in graph
        if node.startswith("entry:us:2026-07-23:5D002.z")
        for _, d in _out(graph, node, "ORIGIN")
    ]
    assert origins
    assert all(d["series"] == "us-restated" and d["unilateral"] is False for d in origins)


def test_a_munitions_entry_worded_as_a_dual_use_item_is_covered_by_it(
    graph: nx.MultiDiGraph,
) -> None:
    # Wassenaar 2025 p. 204 ML10.j.1 '"Sub-orbital craft"' has the words of 9.A.4.h (p. 166,
    # '"Sub-orbital craft".'), which controls them all. SCOMET 8A904.h (p. 355) and DSGL
    # 9A004.h implement 9.A.4.h, so they hold ML10.j.1 too; j.2 (launch, recovery and ground
    # support equipment) has no such twin.
    for national in ("entry:in:2024-09-02:8A904.h", "entry:au:2024:9A004.h"):
        edges = dict(_out(graph, national, "IMPLEMENTS"))
        assert "entry:wassenaar:2025:9A004.h" in edges
        assert "9.A.4.h" in edges["entry:wassenaar:2025:ML10.j.1"]["evidence"]
    implementing_j2 = [
        u
        for u, v, d in graph.in_edges("entry:wassenaar:2025:ML10.j.2", data=True)
        if d["type"] == "IMPLEMENTS" and u.startswith("entry:au:2024:")
    ]
    assert implementing_j2 == []


def test_a_ccl_heading_pointing_to_its_items_is_compared_by_its_words(
    graph: nx.MultiDiGraph,
) -> None:
    # CCL 2E903 (JSON): "Technology, not specified elsewhere, for the development or
    # production of 'coating systems' having all of the following: (see List of Items
    # Controlled)."; EU Annex I 2025 2E503.g has the same words before its g.1 and g.2.
    same = {frozenset((u, v)) for u, v, d in graph.edges(data=True) if d["type"] == "SAME_CONTROL"}
    assert frozenset(("entry:us:2026-07-23:2E903", "entry:eu:2025-11-15:2E503.g")) in same


def test_numbers_a_copy_lost_are_no_threshold_difference(graph: nx.MultiDiGraph) -> None:
    # Wassenaar 2025 p. 136 6.C.4.c.2: "Second order non-linear susceptibility (chi 2) of
    # 3.3x10-11 m/V or more"; SCOMET p. 335 prints the same, but its text layer reads
    # "of -11 m/V". The superscript exponent of 6.A.5.g.5 (p. 130, "10" raised "3") is read
    # as 10³ in the Wassenaar PDF, and the EU JSON's flattened "103" is the same number.
    edges = dict(_out(graph, "entry:in:2024-09-02:8C604.c.2", "IMPLEMENTS"))
    edge = edges["entry:wassenaar:2025:6C004.c.2"]
    # Rendered, SCOMET p. 335 shows the very number: the words decide, thresholds are not read.
    assert edge["scope"] == "same"
    assert "numbers missing from one text" in edge["evidence"]
    edges = dict(_out(graph, "entry:eu:2025-11-15:6A005.g.5", "IMPLEMENTS"))
    assert edges["entry:wassenaar:2025:6A005.g.5"]["scope"] == "same"


def test_one_paragraph_for_a_heading_over_all_of_the_following(graph: nx.MultiDiGraph) -> None:
    # Wassenaar 2025 p. 67 3.A.2.a.7 "Real-time oscilloscopes having all of the following:"
    # a. rms noise below 2% of full-scale, b. "'upper 3dB frequency' greater than 90 GHz". The
    # DSGL 2024 and the CCL keep the 2021 sentence ("... 3dB bandwidth of 60 GHz or
    # greater"): they control more.
    for national in ("entry:au:2024:3A002.a.7", "entry:us:2026-07-23:3A002.a.7"):
        edge = dict(_out(graph, national, "IMPLEMENTS"))["entry:wassenaar:2025:3A002.a.7"]
        assert edge["scope"] == "broader"
        assert "60 GHz or greater" in edge["evidence"]


def test_same_thresholds_in_close_words_under_the_same_heading(graph: nx.MultiDiGraph) -> None:
    # CCL 3B001.d.8: ALD equipment for a work function metal, "more than one metal source of
    # which one is designed for an aluminum (Al) precursor", a precursor vessel "greater than
    # 30 °C", "titanium-aluminum carbide (TiAlC)", "a work function greater than 4.0 eV". EU
    # Annex I 2025 3B501.n.1.c says it otherwise ("greater than or equal to 303,15 K (30 °C)",
    # "greater than 4,0 eV"), both under "Semiconductor manufacturing deposition equipment".
    same = {frozenset((u, v)) for u, v, d in graph.edges(data=True) if d["type"] == "SAME_CONTROL"}
    assert frozenset(("entry:us:2026-07-23:3B001.d.8", "entry:eu:2025-11-15:3B501.n.1.c")) in same
    # The same words under other headings are other controls: DSGL 1C117.c.2.a, tungsten
    # "cylinders having a diameter of 120 mm or greater", is not EU 1C107.a.1, graphite ones.
    assert frozenset(("entry:au:2024:1C117.c.2.a", "entry:eu:2025-11-15:1C107.a.1")) not in same


def test_the_same_control_with_other_bounds(graph: nx.MultiDiGraph) -> None:
    # CCL 3A090.a: "Integrated circuits having one or more digital processing units having
    # either of the following: a.1. A 'total processing performance' of 4800 or more; or a.2. A
    # 'total processing performance' of 1600 or more and a 'performance density' of 5.92 or
    # more". EU Annex I 2025 3A501.a.16: "Integrated circuits having one or more digital
    # processing units having a 'Total Processing Performance' ('TPP') of 6000 or more".
    # Computers containing them: CCL 4A090.a ("... any of which meets or exceeds the limits in
    # 3A090.a.") and EU 4A507 ("... containing one or more integrated circuits, specified by
    # 3A501.a.16.").
    edges = {
        frozenset((u, v)): d for u, v, d in graph.edges(data=True) if d["type"] == "SAME_CONTROL"
    }
    chips = edges[frozenset(("entry:us:2026-07-23:3A090.a", "entry:eu:2025-11-15:3A501.a.16"))]
    assert chips["bounds"] == "other"
    assert "total processing performance" in chips["evidence"]
    assert "6000 or more" in chips["evidence"] and "4800 or more" in chips["evidence"]
    computers = edges[frozenset(("entry:us:2026-07-23:4A090.a", "entry:eu:2025-11-15:4A507"))]
    assert computers["bounds"] == "other"
    # Same words, same bounds in another unit print: one control (1 Torr is 133.3 Pa; the EU
    # writes "1,33 × 10² Pa (1 Torr)"), never "other bounds".
    assert all(
        d["bounds"] == "same"
        for pair, d in edges.items()
        if "entry:us:2026-07-23:3B001.d.4.c.3" in pair
    )
    # A heading whose parts are matched part by part is not matched whole to a larger entry:
    # DSGL 3B901.a/.b are CCL 3B001.c.1.a/.c, and 3B901 is not "3B001.c with other bounds".
    assert frozenset(("entry:au:2024:3B901", "entry:us:2026-07-23:3B001.c")) not in edges
    # Entries of the other regimes' annexes (NSG, Australia Group) are not controls adopted
    # outside the regimes: none is linked with other bounds.
    assert all(d["bounds"] == "same" or ":2B350" not in " ".join(pair) for pair, d in edges.items())


def test_an_exclusion_the_regime_makes_and_the_national_list_does_not(
    graph: nx.MultiDiGraph,
) -> None:
    # Wassenaar 2025 p. 113 6.A.2.d.3, Note 2: "does not apply to optical fibre Bragg gratings
    # specially designed for thermal sensing ..."; EU Annex I 2025 6A002.d.3 has only the
    # bore-hole Note: the EU controls those gratings. Wassenaar p. 196 ML8.d.3 Note 3, iodine
    # pentafluoride (CAS 7783-66-6): DSGL 2024 ML8.d.3 has Notes 1 and 2 only.
    eu = dict(_out(graph, "entry:eu:2025-11-15:6A002.d.3", "IMPLEMENTS"))
    edge = eu["entry:wassenaar:2025:6A002.d.3"]
    assert edge["scope"] == "broader"
    assert "Bragg gratings" in edge["evidence"]
    au = dict(_out(graph, "entry:au-military:2024:ML8.d.3", "IMPLEMENTS"))
    assert au["entry:wassenaar:2025:ML8.d.3"]["scope"] == "broader"
    assert "7783-66-6" in au["entry:wassenaar:2025:ML8.d.3"]["evidence"]
    # Worded otherwise is excluded all the same: DSGL 6A002.a.3.d "(not to exceed 32
    # elements) having detector elements limited solely to germanium material".
    au = dict(_out(graph, "entry:au:2024:6A002.a.3.d", "IMPLEMENTS"))
    assert au["entry:wassenaar:2025:6A002.a.3.d"]["scope"] == "same"
    # SCOMET's text layer runs Note 3 of 6A008.d.3 (p. 164) into other lines: its copy as
    # read may lack Notes, so no claim either way.
    scomet = dict(_out(graph, "entry:in:2024-09-02:6A008.d.3", "IMPLEMENTS"))
    assert scomet["entry:wassenaar:2025:ML8.d.3"]["scope"] != "broader"


def test_a_heading_is_told_by_what_it_heads(graph: nx.MultiDiGraph) -> None:
    # Wassenaar 2025 6.E.3 keeps its old letters as headings "a. ACOUSTICS - None", "b.
    # OPTICAL SENSORS - None", "c. CAMERAS - None"; its optical-coating and diamond-turning
    # technology is 6.E.3.d ('"Technology" as follows:' with d.1 and d.2). EU Annex I 2025
    # says it all under 6E003.a.
    edges = dict(_out(graph, "entry:eu:2025-11-15:6E003.a", "IMPLEMENTS"))
    assert edges["entry:wassenaar:2025:6E003.d"]["method"] == "text"


def test_words_run_into_a_paragraph_add_no_bounds_to_it(graph: nx.MultiDiGraph) -> None:
    # SCOMET p. 257: 8A301.b.7.d holds, unnumbered, the words of Wassenaar 3.A.1.b.8
    # (microwave power amplifiers, "exceeding 80 W/kg", "less than 400 cm3"); those bounds
    # are not conditions SCOMET adds to 3.A.1.b.7.d.
    edges = dict(_out(graph, "entry:in:2024-09-02:8A301.b.7.d", "IMPLEMENTS"))
    edge = edges["entry:wassenaar:2025:3A001.b.7.d"]
    assert edge["scope"] != "narrower"
    assert "the bounds it adds are the words of Wassenaar 3.A.1.b.8" in edge["evidence"]


def test_a_substance_a_regime_note_moved_is_held_where_the_note_is_lacking(
    graph: nx.MultiDiGraph,
) -> None:
    # Wassenaar 2025 lists iodine pentafluoride (CAS 7783-66-6) as dual-use 1.C.11.e (p. 20)
    # and takes it out of ML8.d.3 by Note 3 (p. 196). DSGL 2024 ML8.d.3, "Compounds composed
    # of fluorine and any of the following: a. Other halogens", has no such Note: Australia
    # controls it there, as a munition.
    edges = dict(_out(graph, "entry:au-military:2024:ML8.d.3", "IMPLEMENTS"))
    edge = edges["entry:wassenaar:2025:1C011.e"]
    assert edge["scope"] == "unknown"
    assert "7783-66-6" in edge["evidence"]
