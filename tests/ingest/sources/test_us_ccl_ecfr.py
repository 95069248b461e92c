"""The Commerce Control List parser for the official eCFR XML (title 15, part 774).

The real file is not in the shared data, so this runs on a small excerpt written in the eCFR
versioner format (``DIV5`` part > ``DIV9`` Supplement No. 1; ``FP-2``/``B`` headings, ``TABLE``
of controls, ``NOTE`` with ``HED``), plus hostile and malformed XML.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from graph_schema.model import ControlEntry, ControlList
from ingest.registry import all_sources
from ingest.sources.base import ParseError, SourceMeta
from ingest.sources.us_ccl_ecfr.parser import parse

FIXTURE = Path(__file__).parent / "fixtures" / "us_ccl_ecfr" / "part774-excerpt.xml"


def _meta(path: Path) -> SourceMeta:
    return SourceMeta(
        id="us-ccl-ecfr",
        title="US Commerce Control List (eCFR XML)",
        issuer="country:US",
        edition="2026-07-23",
        edition_date=date(2026, 7, 23),
        official_url="https://www.ecfr.gov/api/versioner/v1/full/2026-07-23/title-15.xml?part=774",
        download_url="https://www.ecfr.gov/api/versioner/v1/full/2026-07-23/title-15.xml?part=774",
        obtained_from="test fixture written in the eCFR versioner format",
        format="xml",
        file="us/ccl-ecfr-2026-07-23.xml",
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )


@pytest.fixture(scope="module")
def records() -> list[object]:
    return list(parse(FIXTURE, _meta(FIXTURE)))


@pytest.fixture(scope="module")
def ccl(records: list[object]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


def _children(ccl: dict[str, ControlEntry], parent: str) -> list[str]:
    return [code for code, entry in ccl.items() if entry.parent == parent]


def test_the_source_records_its_checksum_at_fetch() -> None:
    # No copy of the official XML was at hand to pin: fetch records the digest it downloads.
    meta = all_sources()["us-ccl-ecfr"].meta
    assert meta.checksum == "recorded"
    assert meta.sha256 is None
    assert meta.download_url == meta.official_url


def test_only_the_supplement_eccns_are_read(
    records: list[object], ccl: dict[str, ControlEntry]
) -> None:
    (the_list,) = [r for r in records if isinstance(r, ControlList)]
    assert the_list.id == "list:us-ecfr:2026-07-23"
    assert the_list.issuer == "country:US"
    # § 774.1 mentions 5A001 and Supplement No. 2 has a bold "5A002": neither is an entry.
    assert [c for c, e in ccl.items() if e.level == 0] == ["4A005", "4E091", "5A001", "5A992"]
    assert len(ccl) == 47  # 4 + 1 + 34 + 8 paragraphs and ECCNs, counted in the fixture
    everything = " ".join(n for e in ccl.values() for n in e.notes)
    # General notes of a category or part sit between ECCNs and belong to none of them.
    assert "performing telecommunications or “local area network” functions" not in everything
    assert "The control status of “components,” test" not in everything
    assert "Cryptography Note" not in everything
    assert "61 FR 12937" not in everything  # the amendment citation closing the supplement


def test_5a001_items_and_notes(ccl: dict[str, ControlEntry]) -> None:
    five = ccl["5A001"]
    assert five.heading == (
        "Telecommunications systems, equipment, “components” and “accessories,” as follows "
        "(see List of Items Controlled)."
    )
    assert five.reasons == ["NS", "SL", "AT", "NS1", "NS2", "AT1"]
    assert five.notes[:6] == [
        "License requirements: NS applies to 5A001.a, b.5, .e, .f.3 and .h: NS Column 1.",
        "License requirements: NS applies to 5A001.b (except .b.5), .c, .d, .f (except f.3), "
        ".g, and .j: NS Column 2.",
        "License requirements: SL applies to 5A001.f.1: A license is required for all "
        "destinations, as specified in § 742.13 of the EAR.",
        "License requirements: AT applies to entire entry: AT Column 1.",
        "License exceptions: LVS: N/A for 5A001.a, b.5, .e, f.3 and .h; $5000 for 5A001.b.1, "
        ".b.2, .b.3, .b.6, .d, f.2, f.4, and .g; $3000 for 5A001.c.; GBS: Yes, except 5A001.a, "
        "b.5, e, and h.; ACE: Yes for 5A001.j, except to Country Group E:1 or E:2.",
        "Related controls: (1) See USML Category XI for controls on direction-finding "
        "“equipment.” (2) See also ECCNs 5A101, 5A980, and 5A991.",
    ]
    assert len(five.notes) == 6  # "Related Definitions: N/A" adds nothing
    assert _children(ccl, "5A001") == [f"5A001.{x}" for x in "abcdefghij"]
    # "Items: a. Any type ..." carries the first paragraph on the Items line.
    assert ccl["5A001.a"].text.startswith("Any type of telecommunications equipment")
    assert _children(ccl, "5A001.a") == [f"5A001.a.{n}" for n in "1234"]
    assert ccl["5A001.a.3"].notes == [
        "Note: 5A001.a.3 and 5A001.a.4 apply only to electronic equipment."
    ]
    assert ccl["5A001.b.1.b"].parent == "5A001.b.1"
    assert ccl["5A001.b.2.b"].notes == [
        "Note 1: 5A001.b.2.b does not control radio equipment “specially designed” for use with "
        "any of the following: a. Civil cellular radio-communications systems; or b. Fixed or "
        "mobile satellite Earth stations for commercial civil telecommunications."
    ]
    assert "2 × 10^9 N/m^2 or more" in ccl["5A001.c"].text
    assert ccl["5A001.c"].notes[0].startswith("Technical Note: For the purposes of 5A001.c,")
    assert ccl["5A001.f.4"].notes == ["N.B.: For radio receivers see 5A001.b.5."]
    assert ccl["5A001.i"].status == "reserved"


def test_5a001_j_surveillance(ccl: dict[str, ControlEntry]) -> None:
    j = ccl["5A001.j"]
    assert j.text == (
        "IP network communications surveillance systems or equipment, and “specially designed” "
        "components therefor, having all of the following:"
    )
    assert _children(ccl, "5A001.j") == ["5A001.j.1", "5A001.j.2"]
    assert ccl["5A001.j.1.a"].text.startswith("Analysis at the application layer (e.g., Layer 7")
    assert ccl["5A001.j.2.b"].text == (
        "Mapping of the relational network of an individual or of a group of people."
    )
    assert j.notes == [
        "Note: 5A001.j does not apply to “systems” or “equipment”, “specially designed” for any "
        "of the following: a. Marketing purpose; b. Network Quality of Service (QoS); or c. "
        "Quality of Experience (QoE)."
    ]
    assert "5A001.j.2.c" not in ccl and "5A001.k" not in ccl
    assert j.provenance.citation == "15 C.F.R. Part 774, Supplement No. 1, ECCN 5A001.j"


def test_intrusion_and_ai_entries(ccl: dict[str, ControlEntry]) -> None:
    intrusion = ccl["4A005"]  # heading in FP-1 with the bold part cut short
    assert intrusion.heading.endswith(
        "delivery of “intrusion software” (see List of Items Controlled)."
    )
    assert intrusion.reasons == ["NS", "RS", "AT", "NS1", "AT1"]
    assert (
        "Special conditions for STA: License Exception STA may not be used to ship items "
        "specified by ECCN 4A005." in intrusion.notes
    )
    assert (ccl["4A005.a"].text, ccl["4A005.a"].status) == ("through y. [Reserved]", "reserved")
    assert ccl["4A005.z.2"].parent == "4A005"
    model = ccl["4E091"]  # section labels as HD1
    assert model.heading == (
        "'Parameters' for an artificial intelligence model trained utilizing 10^26 or more "
        "'operations.'"
    )
    assert model.reasons == ["RS", "AT", "AT1"]
    assert _children(ccl, "4E091") == []
    assert model.notes[-1].startswith("Technical Notes: For the purposes of 4E091: 1. 'Parameters'")
    assert "License exceptions: TSR: N/A" in model.notes


def test_9xx_entry_5a992(ccl: dict[str, ControlEntry]) -> None:
    entry = ccl["5A992"]
    assert entry.heading == "Equipment not controlled by 5A002 (see List of Items Controlled)."
    assert entry.reasons == ["RS", "AT", "AT1"]
    assert [ccl[f"5A992.{x}"].status for x in "abd"] == ["reserved"] * 3
    assert ccl["5A992.c"].text.startswith("Commodities classified as mass market encryption")
    assert _children(ccl, "5A992.z") == ["5A992.z.1", "5A992.z.2"]
    assert entry.notes[-1] == "Related controls: See also ECCNs 3A090 and 4A090."


def _xml(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<DIV5 N="774" TYPE="PART">'
        f'<DIV9 N="Supplement No. 1 to Part 774" TYPE="APPENDIX">{body}</DIV9></DIV5>'
    ).encode()


_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
    b'<DIV9 N="Supplement No. 1 to Part 774"><FP-2><B>5A001 &lol3;</B></FP-2></DIV9>'
)
_EXTERNAL = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<DIV9 N="Supplement No. 1 to Part 774"><FP-2><B>5A001 &xxe;</B></FP-2></DIV9>'
)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (_BOMB, "declares a DOCTYPE or ENTITY"),
        (_EXTERNAL, "declares a DOCTYPE or ENTITY"),
        (b'<?xml version="1.0"?><!doctype DIV9><DIV9/>', "declares a DOCTYPE or ENTITY"),
        (FIXTURE.read_bytes()[:6000], "not well-formed XML"),
        (b"", "is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF"),
        (b'{"entries": []}', "is not XML"),
        (b"5A001 Telecommunications systems", "is not XML"),
        (b"<DIV9>\xff\xfe</DIV9>", "not UTF-8"),
        (
            b'<DIV5 N="740"><DIV9 N="Supplement No. 1 to Part 740"><P>A:1</P></DIV9></DIV5>',
            "no DIV9 'Supplement No. 1 to Part 774'",
        ),
        (_xml("<HD1>Category 0</HD1><P>No entries here.</P>"), "has no ECCN headings"),
        (
            _xml("<FP-2><B>5A001 Telecom.</B></FP-2><FP-2><B>5A001 Again.</B></FP-2>"),
            "5A001 appears twice",
        ),
        (_xml("<FP-2><B>5A001</B></FP-2>"), "ECCN 5A001 has no heading"),
    ],
)
def test_hostile_and_malformed_xml(tmp_path: Path, payload: bytes, message: str) -> None:
    path = tmp_path / "part774.xml"
    path.write_bytes(payload)
    with pytest.raises(ParseError, match=message):
        list(parse(path, _meta(path)))


def test_minimal_entry_without_items(tmp_path: Path) -> None:
    path = tmp_path / "part774.xml"
    path.write_bytes(
        _xml(
            "<FP-2><B>9A007 Solid rocket propulsion systems. (These items are “subject to the "
            "ITAR.” See 22 CFR parts 120 through 130.)</B></FP-2>"
        )
    )
    entries = [r for r in parse(path, _meta(path)) if isinstance(r, ControlEntry)]
    assert [(e.canonical, e.reasons, e.notes) for e in entries] == [("9A007", [], [])]
    assert entries[0].heading.startswith("Solid rocket propulsion systems.")
