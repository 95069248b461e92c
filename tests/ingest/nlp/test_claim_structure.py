"""Claims by structure: sentences written for these tests, one rule each."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.nlp.pipeline import Analyzer
from ingest.nlp.thresholds import thresholds


def _claims(analyzer: Analyzer, text: str, lang: str) -> set[tuple[str, str, str]]:
    return {c.triple for c in analyzer.analyse(text, lang).claims}


SME = "tech:semiconductor-manufacturing-equipment"


def test_joining_another_states_controls(analyzer: Analyzer) -> None:
    text = "Japan joined the U.S. in restricting exports of semiconductor manufacturing equipment."
    assert _claims(analyzer, text, "en") == {
        ("country:JP", "aligns_with", "country:US"),
        ("country:JP", "controls", SME),
        ("country:US", "controls", SME),
    }
    fr = "Le Japon limitera la vente d'équipements de fabrication de puces, se joignant aux "
    fr += "États-Unis et aux Pays-Bas."
    found = _claims(analyzer, fr, "fr")
    assert ("country:JP", "aligns_with", "country:US") in found
    assert ("country:JP", "aligns_with", "country:NL") in found


def test_intentions_and_negations_are_not_facts(analyzer: Analyzer) -> None:
    for text, lang in [
        (
            "Japan may join the U.S. in restricting exports of semiconductor manufacturing "
            "equipment.",
            "en",
        ),
        (
            "Japan did not join the U.S. in restricting exports of semiconductor manufacturing "
            "equipment.",
            "en",
        ),
        ("De nouvelles entreprises pourraient être ajoutées à la liste noire, dont Huawei.", "fr"),
        (
            "تعتزم اليابان الانضمام إلى الولايات المتحدة في تقييد تصدير "
            "معدات تصنيع أشباه الموصلات.",
            "ar",
        ),
    ]:
        assert _claims(analyzer, text, lang) == set(), text


def test_a_reference_back_to_a_regime(analyzer: Analyzer) -> None:
    text = (
        "The Australia Group met in Paris. "
        "The Plenary welcomed Mexico as a new participating state in the Group."
    )
    assert ("country:MX", "member_of", "regime:australia-group") in _claims(analyzer, text, "en")


def test_restrictions_on_what_the_text_is_about(analyzer: Analyzer) -> None:
    text = (
        "Quantum computers are hard to build. Quantum computers are expensive. "
        "The UK, France and Spain have imposed these restrictions."
    )
    assert _claims(analyzer, text, "en") == {
        (f"country:{c}", "controls", "tech:quantum-computing") for c in ("GB", "FR", "ES")
    }


def test_claims_carry_the_resolved_date(analyzer: Analyzer) -> None:
    text = "The United States added NSO Group to the Entity List on Wednesday."
    claims = analyzer.analyse(text, "en", published=date(2021, 11, 4)).claims
    assert [(c.triple[1], c.date) for c in claims] == [("lists_party", "2021-11-03")]


QUANTUM = "tech:quantum-computing"


def test_a_threshold_set_on_what_is_restricted(analyzer: Analyzer) -> None:
    for text, lang in [
        ("The United States restricts exports of quantum computers with 34 qubits or more.", "en"),
        ("La France restreint l'exportation d'ordinateurs quantiques de 34 qubits ou plus.", "fr"),
        ("فرضت فرنسا قيودا على تصدير الحواسيب الكمومية ذات ٣٤ كيوبت فأكثر.", "ar"),
    ]:
        claims = analyzer.analyse(text, lang).claims
        [claim] = [c for c in claims if c.predicate == "sets_threshold"]
        assert claim.object == QUANTUM, text
        assert claim.parameter is not None
        assert (claim.parameter.comparator, claim.parameter.value) == (">=", 34.0)
        assert claim.parameter.unit == "qubit"
        assert claim.qualifier == ">= 34 qubit"


def test_from_a_number_alone_is_a_lower_bound_a_range_is_not(analyzer: Analyzer) -> None:
    """Issue 15's own example, "quantum computers from 34 qubits", is a threshold of 34 or
    more; "from 7 nm to 5 nm" stays the two bounds the list reader makes of a range."""
    text = "The United States restricts exports of quantum computers from 34 qubits."
    [claim] = [c for c in analyzer.analyse(text, "en").claims if c.predicate == "sets_threshold"]
    assert claim.qualifier == ">= 34 qubit"
    ranged = thresholds("Chips moved from 7 nm to 5 nm.", "en")
    assert [(p.comparator, p.value) for p in ranged] == [(">=", 7.0), ("<=", 5.0)]
    assert thresholds("Shipments from 3 companies resumed in 2023.", "en") == []


def test_a_threshold_stated_before_the_states_that_impose_it(analyzer: Analyzer) -> None:
    text = (
        "Les restrictions s'appliquent aux ordinateurs quantiques de 34 qubits ou plus. "
        "L'Espagne et les Pays-Bas ont imposé ces restrictions."
    )
    found = {c.triple for c in analyzer.analyse(text, "fr").claims}
    assert {(c, "sets_threshold", QUANTUM) for c in ("country:ES", "country:NL")} <= found


def test_counts_durations_and_statistics_are_no_thresholds(analyzer: Analyzer) -> None:
    for text, lang in [
        ("La France restreint l'exportation d'ordinateurs quantiques vers plus de 30 pays.", "fr"),
        ("France restricted exports of quantum computers for 2 years.", "en"),
        ("France restricted exports of quantum computers, which fell 20%.", "en"),
    ]:
        claims = analyzer.analyse(text, lang).claims
        assert ("country:FR", "controls", QUANTUM) in {c.triple for c in claims}, text
        assert not [c for c in claims if c.predicate == "sets_threshold"], text


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Inflections: the French future and present plural, English "acceded", "curbed".
        (
            "L'Inde rejoindra l'arrangement de Wassenaar.",
            "fr",
            {("country:IN", "member_of", "regime:wassenaar")},
        ),
        (
            "Les Pays-Bas restreignent les exportations d'équipements de fabrication de "
            "semi-conducteurs.",
            "fr",
            {("country:NL", "controls", SME)},
        ),
        (
            "La France et le Maroc adoptent le code de conduite de l'initiative sur les "
            "contrôles à l'exportation et les droits de l'homme.",
            "fr",
            {(f"country:{c}", "subscribes_to", "coc:echri-code-of-conduct") for c in ("FR", "MA")},
        ),
        (
            "India acceded to the Wassenaar Arrangement in 2017.",
            "en",
            {("country:IN", "member_of", "regime:wassenaar")},
        ),
        (
            "Japan curbed exports of semiconductor manufacturing equipment.",
            "en",
            {("country:JP", "controls", SME)},
        ),
        # Passives: the agent after "by", "par" is the subject.
        (
            "Exports of semiconductor manufacturing equipment were restricted by Japan and "
            "the Netherlands.",
            "en",
            {("country:JP", "controls", SME), ("country:NL", "controls", SME)},
        ),
        (
            "Les exportations d'équipements de fabrication de semi-conducteurs sont "
            "restreintes par le Japon.",
            "fr",
            {("country:JP", "controls", SME)},
        ),
        (
            "L'initiative sur les contrôles à l'exportation et les droits de l'homme a été "
            "lancée par les États-Unis, le Danemark et la Norvège.",
            "fr",
            {(f"country:{c}", "member_of", "regime:echri") for c in ("US", "DK", "NO")},
        ),
    ],
)
def test_claim_words_in_their_forms_and_passives(
    analyzer: Analyzer, text: str, lang: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= _claims(analyzer, text, lang), text


def test_listing_words_in_their_forms(analyzer: Analyzer) -> None:
    for text, lang in [
        ("Les États-Unis ajoutent Huawei à la liste noire.", "fr"),
        ("Les États-Unis placent Huawei sur la liste noire.", "fr"),
        ("The United States is placing Huawei on the Entity List.", "en"),
    ]:
        claims = analyzer.analyse(text, lang).claims
        assert [(c.subject, c.predicate, c.object_text) for c in claims] == [
            ("country:US", "lists_party", "Huawei")
        ], text


def test_widened_words_in_another_sense_yield_nothing(analyzer: Analyzer) -> None:
    for text, lang in [
        ("India banned exports of non-basmati white rice.", "en"),
        ("L'Inde restreindra les exportations de riz.", "fr"),
        ("La France n'a pas rejoint l'arrangement de Wassenaar.", "fr"),
    ]:
        assert _claims(analyzer, text, lang) == set(), text
