"""Claims checked against the whole real graph: a threshold against the thresholds of the
entries covering the technology, joining another state's controls against the lists held."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from real_graph import real_graph_path

from ingest.nlp.official import Official
from ingest.nlp.pipeline import Analyzer
from ingest.nlp.types import ClaimDraft
from store.embedded import EmbeddedStore

QUANTUM = "tech:quantum-computing"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    with EmbeddedStore(real_graph_path(), read_only=True) as store:
        return store.to_networkx()


@pytest.fixture(scope="module")
def analyzer(graph: nx.MultiDiGraph) -> Analyzer:
    return Analyzer(graph)


def _claim(analyzer: Analyzer, text: str, lang: str, predicate: str, subject: str) -> ClaimDraft:
    [claim] = [
        c
        for c in analyzer.analyse(text, lang).claims
        if c.predicate == predicate and c.subject == subject
    ]
    return claim


def _entry(graph: nx.MultiDiGraph, list_prefix: str, code: str) -> dict[str, Any]:
    attrs: dict[str, Any]
    [attrs] = [
        d
        for _, d in graph.nodes(data=True)
        if d.get("label") == "ControlEntry"
        and str(d.get("list_id", "")).startswith(list_prefix)
        and d.get("code") == code
    ]
    return attrs


def test_a_threshold_agrees_with_the_entry_that_sets_it(
    graph: nx.MultiDiGraph, analyzer: Analyzer
) -> None:
    # The EU and US entries on quantum computers start at "34 or more ... 'physical qubits'".
    for prefix, code in (("list:eu:2025", "4A506.a.1"), ("list:us:", "4A906.a.1")):
        entry = _entry(graph, prefix, code)
        assert "physical qubits" in str(entry["text"])
        assert {"comparator": ">=", "value": 34.0} in [
            {"comparator": p["comparator"], "value": p["value"]} for p in entry["parameters"]
        ]
    text = (
        "Les restrictions s'appliquent à l'exportation d'ordinateurs quantiques dotés de 34 "
        "qubits ou plus. Des pays comme le Royaume-Uni et la France ont imposé ces restrictions."
    )
    france = _claim(analyzer, text, "fr", "sets_threshold", "country:FR")
    assert france.agreement == "agrees"
    assert "list:eu:2025" in france.agreement_reason and "4A506.a.1" in france.agreement_reason
    # The evidence runs from the sentence stating the threshold to the one naming France.
    assert france.sentence.startswith("Les restrictions") and "34 qubits ou plus" in france.sentence
    assert france.sentence.endswith("ont imposé ces restrictions.")
    assert text[france.start : france.end] == france.sentence
    us = _claim(
        analyzer,
        "The United States restricts exports of quantum computers with 34 qubits or more.",
        "en",
        "sets_threshold",
        "country:US",
    )
    assert us.agreement == "agrees" and "4A906.a.1" in us.agreement_reason


def test_a_threshold_no_entry_sets_stays_unknown(analyzer: Analyzer) -> None:
    us = _claim(
        analyzer,
        "The United States restricts exports of quantum computers with 50 qubits or more.",
        "en",
        "sets_threshold",
        "country:US",
    )
    assert us.agreement == "unknown"
    assert "none sets >= 50 qubit" in us.agreement_reason


def test_joining_controls_is_checked_against_the_list_of_the_state_joining(
    graph: nx.MultiDiGraph, analyzer: Analyzer
) -> None:
    official = Official(graph)
    text = (
        "Japan and the Netherlands joined the U.S. in restricting exports of semiconductor "
        "manufacturing equipment."
    )
    netherlands = _claim(analyzer, text, "en", "aligns_with", "country:NL")
    assert netherlands.qualifier == "tech:semiconductor-manufacturing-equipment"
    # The Netherlands' exports fall under the EU list, which covers the equipment.
    assert netherlands.agreement == "agrees"
    assert (
        official.judge(
            ClaimDraft(
                **{
                    **netherlands.__dict__,
                    "predicate": "controls",
                    "object": netherlands.qualifier,
                    "agreement": "unknown",
                }
            )
        )[0]
        == "agrees"
    )
    assert "list:eu:" in netherlands.agreement_reason
    assert "United States: list:us:" in netherlands.agreement_reason
    japan = _claim(analyzer, text, "en", "aligns_with", "country:JP")
    assert japan.agreement == "unknown"
    assert "no control list issued by Japan" in japan.agreement_reason
