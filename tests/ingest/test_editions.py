"""The edition concordance on hand-written editions: by code, renumbered, reused codes,
threshold changes stated stricter or looser."""

from __future__ import annotations

from datetime import date

from graph_schema import ids
from graph_schema.model import ControlEntry
from graph_schema.provenance import Provenance
from ingest.editions import Edition, EditionPairer, edition_edges, series_of
from ingest.sources.helpers.parameters import extract_parameters

PROV = Provenance(source="test", edition="1")
OLD = Edition("list:demo:2021", "regime:demo", "demo", "2021", date(2021, 12, 1))
NEW = Edition("list:demo:2025", "regime:demo", "demo", "2025", date(2025, 12, 1))

SPRAY = (
    "Spray cooling thermal management systems employing closed loop fluid handling and "
    "reconditioning equipment in a sealed enclosure"
)
LASERS = "Lasers with an output energy exceeding 10 J per pulse and a pulse duration below 1 s"


def entry(edition: Edition, code: str, text: str) -> ControlEntry:
    parent = code.rsplit(".", 1)[0] if "." in code else None
    return ControlEntry(
        id=ids.entry_id(edition.id, code),
        list_id=edition.id,
        code=code,
        canonical=code,
        parent=parent,
        level=code.count("."),
        text=text,
        parameters=extract_parameters(text),
        provenance=PROV,
    )


def pairs(old: list[ControlEntry], new: list[ControlEntry]) -> dict[str, tuple[str, str]]:
    edges = EditionPairer(OLD, NEW, old, new, PROV).edges()
    return {e.source.rsplit(":", 1)[1]: (e.target.rsplit(":", 1)[1], e.change) for e in edges}


def test_same_code_same_text_is_unchanged() -> None:
    found = pairs([entry(OLD, "3A003", SPRAY)], [entry(NEW, "3A003", SPRAY)])
    assert found == {"3A003": ("3A003", "unchanged")}


def test_moved_text_is_renumbered_and_a_reused_code_is_not_a_change() -> None:
    old = [entry(OLD, "3A003", SPRAY), entry(OLD, "3A004", LASERS)]
    # 2025: spray cooling moved to 3A005; 3A003 now holds a different item.
    new = [
        entry(NEW, "3A003", "Gallium nitride wafers of a diameter of 150 mm or more"),
        entry(NEW, "3A004", LASERS),
        entry(NEW, "3A005", SPRAY),
    ]
    assert pairs(old, new) == {
        "3A003": ("3A005", "renumbered"),
        "3A004": ("3A004", "unchanged"),
    }


def test_children_follow_their_renumbered_parent() -> None:
    old = [
        entry(OLD, "6A099", SPRAY),
        entry(OLD, "6A099.a", "Pumps for closed loop fluids, sealed"),
    ]
    new = [
        entry(NEW, "6A010", SPRAY),
        entry(NEW, "6A010.a", "Pumps for closed loop fluids, sealed"),
    ]
    assert pairs(old, new) == {
        "6A099": ("6A010", "renumbered"),
        "6A099.a": ("6A010.a", "renumbered"),
    }


def test_short_texts_are_not_paired_by_text() -> None:
    # "a. Exceeding 10 kg;" texts repeat all over a list: a match says nothing.
    old = [entry(OLD, "1A001", SPRAY), entry(OLD, "1A001.a", "exceeding 10 kg")]
    new = [entry(NEW, "1A001", SPRAY), entry(NEW, "1A001.b", "exceeding 10 kg")]
    assert pairs(old, new) == {"1A001": ("1A001", "unchanged")}


def test_thresholds_stricter_and_looser() -> None:
    lower = LASERS.replace("10 J", "5 J")
    edges = list(
        EditionPairer(
            OLD, NEW, [entry(OLD, "6A005", LASERS)], [entry(NEW, "6A005", lower)], PROV
        ).edges()
    )
    assert len(edges) == 1 and edges[0].change == "changed"
    # A lower "exceeding" bound catches more lasers: the 2025 edition controls more.
    assert edges[0].thresholds == "stricter"
    assert any("5 J" in note and "10 J" in note for note in edges[0].threshold_notes)
    back = list(
        EditionPairer(
            OLD, NEW, [entry(OLD, "6A005", lower)], [entry(NEW, "6A005", LASERS)], PROV
        ).edges()
    )
    assert back[0].thresholds == "looser"


def test_consecutive_editions_only() -> None:
    middle = Edition("list:demo:2023", "regime:demo", "demo", "2023", date(2023, 12, 1))
    other = Edition("list:other:2025", "regime:demo", "other", "2025", date(2025, 12, 1))
    entries = {e.id: [entry(e, "3A003", SPRAY)] for e in (OLD, middle, NEW, other)}
    edges = list(edition_edges([NEW, other, OLD, middle], entries, PROV))
    assert sorted((e.source, e.target) for e in edges) == [
        ("entry:demo:2021:3A003", "entry:demo:2023:3A003"),
        ("entry:demo:2023:3A003", "entry:demo:2025:3A003"),
    ]
    assert series_of("list:eu-military:2020-02-17") == "eu-military"
