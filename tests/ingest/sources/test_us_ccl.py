"""The Commerce Control List parser on the real JSON (15 CFR 774 Supp. No. 1, eCFR 2026-07-23).

Expected values were read from the JSON file itself (its ``entries``) and checked against the
official CCL wording; the comments say where the file's own shape needed a repair.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import need_shared_data

from graph_schema.model import ControlEntry, ControlList, Issues, ParentOf
from ingest.registry import get_source
from ingest.runner import build_batch
from ingest.sources.base import ParseError
from ingest.sources.us_ccl.common import reason_codes

SOURCE = "us-ccl"


@pytest.fixture(scope="module")
def data_file() -> Path:
    return need_shared_data() / get_source(SOURCE).meta.file


@pytest.fixture(scope="module")
def records(data_file: Path) -> list[object]:
    definition = get_source(SOURCE)
    return list(definition.parse(data_file, definition.meta))


@pytest.fixture(scope="module")
def ccl(records: list[object]) -> dict[str, ControlEntry]:
    return {r.canonical: r for r in records if isinstance(r, ControlEntry)}


def _children(ccl: dict[str, ControlEntry], parent: str) -> list[str]:
    return [code for code, entry in ccl.items() if entry.parent == parent]


def _notes(entry: ControlEntry, prefix: str) -> list[str]:
    return [note for note in entry.notes if note.startswith(prefix)]


def test_every_eccn_of_the_file_is_an_entry(
    ccl: dict[str, ControlEntry], records: list[object], data_file: Path
) -> None:
    written = {e["eccn"] for e in json.loads(data_file.read_text("utf-8"))["entries"]}
    eccns = {code for code, entry in ccl.items() if entry.level == 0}
    assert len(eccns) == 633
    assert eccns == written
    assert {ccl[code].category for code in eccns} == set("0123456789")
    assert all(ccl[code].heading and ccl[code].text == ccl[code].heading for code in eccns)
    (the_list,) = [r for r in records if isinstance(r, ControlList)]
    assert the_list.id == "list:us:2026-07-23"
    assert the_list.issuer == "country:US"
    assert the_list.numbering == "eccn"
    assert [(r.source, r.target) for r in records if isinstance(r, Issues)] == [
        ("country:US", "list:us:2026-07-23")
    ]
    # Every paragraph hangs below an ECCN of its own list.
    items = [e for e in ccl.values() if e.level > 0]
    assert len(items) == len([r for r in records if isinstance(r, ParentOf)])
    assert all(e.parent is not None and e.parent.startswith(e.canonical[:5]) for e in items)
    assert 2450 <= len(ccl) <= 2700


def test_counts_meet_the_source_metadata(data_file: Path) -> None:
    _, counts = build_batch(get_source(SOURCE), data_file)
    assert counts["ControlEntry"] == counts["CONTAINS"] == 2578
    assert counts["PARENT_OF"] == 2578 - 633
    assert counts["ControlList"] == counts["ISSUES"] == 1


def test_advanced_computing_entries(ccl: dict[str, ControlEntry]) -> None:
    for code in ("3A090", "4A090", "4D090", "4E091"):
        assert ccl[code].reasons[:2] == ["RS", "AT"], code
        assert "AT1" in ccl[code].reasons
    assert ccl["3A090"].heading == "Integrated circuits as follows (see List of Items Controlled)."
    assert ccl["3A090.a.1"].text == "A 'total processing performance' of 4800 or more; or"
    assert ccl["3A090.c"].text.startswith(
        "High bandwidth memory (HBM) having a 'memory bandwidth density' greater than 2 gigabytes"
    )
    assert _children(ccl, "3A090") == ["3A090.a", "3A090.b", "3A090.c"]
    # Note 1 to 3A090 has paragraphs a. to d. of its own; they stay in the note.
    assert ccl["3A090.b"].text.startswith("Integrated circuits having one or more digital")
    (exceptions,) = _notes(ccl["3A090"], "License exceptions: ")
    assert "HBM: Yes, for 3A090.c. See § 740.25 of the EAR." in exceptions
    assert ccl["4A090.a"].text.endswith("any of which meets or exceeds the limits in 3A090.a.")
    assert ccl["4D090"].heading.endswith("components” therefor specified in ECCN 4A090.")
    assert _children(ccl, "4D090") == []
    assert "10 26 or more 'operations.'" in ccl["4E091"].heading
    assert (
        "License requirements: RS applies entire entry: To or within any destination worldwide. "
        "See § 742.6(a)(13)." in ccl["4E091"].notes
    )


def test_ip_network_surveillance_5a001_j(ccl: dict[str, ControlEntry]) -> None:
    j = ccl["5A001.j"]
    assert j.text == (
        "IP network communications surveillance systems or equipment, and “specially designed” "
        "components therefor, having all of the following:"
    )
    assert (j.parent, j.level, j.category) == ("5A001", 1, "5")
    assert _children(ccl, "5A001.j") == ["5A001.j.1", "5A001.j.2"]
    assert ccl["5A001.j.2.a"].text == "Execution of searches on the basis of “hard selectors”; and"
    assert ccl["5A001.j.2.b"].parent == "5A001.j.2"
    (exclusion,) = [n for n in j.notes if "does not apply" in n]
    assert exclusion.endswith(
        "a. Marketing purpose; b. Network Quality of Service (QoS); or c. Quality of "
        "Experience (QoE)."
    )
    assert j.provenance.citation == "15 C.F.R. Part 774, Supplement No. 1, ECCN 5A001.j"
    five = ccl["5A001"]
    assert five.reasons == ["NS", "SL", "AT", "NS1", "NS2", "AT1"]
    assert _children(ccl, "5A001") == [f"5A001.{x}" for x in "abcdefghij"]
    assert ccl["5A001.i"].status == "reserved"
    assert (
        "License requirements: NS applies to 5A001.b (except .b.5), .c, .d, .f (except f.3), .g, "
        "and .j: NS Column 2." in five.notes
    )
    assert _notes(five, "License exceptions: LVS: N/A for 5A001.a, b.5, .e, f.3 and .h;")
    assert _notes(five, "Related controls: (1) See USML Category XI for controls on direction")


def test_intrusion_software_4a005_and_4d004(ccl: dict[str, ControlEntry]) -> None:
    hardware = ccl["4A005"]
    assert "delivery of “intrusion software” (see List of Items Controlled)." in hardware.heading
    assert hardware.reasons == ["NS", "RS", "AT", "NS1", "AT1"]
    (exceptions,) = _notes(hardware, "License exceptions: ")
    assert "STA: License Exception STA may not be used to ship items specified by ECCN 4A005." in (
        exceptions
    )
    assert (ccl["4A005.a"].text, ccl["4A005.a"].status) == ("through y. [Reserved]", "reserved")
    # z.2 arrives as plain text ("z.2 Commodities ...") in the file; its label is recovered.
    assert ccl["4A005.z.2"].text.endswith("performance parameters in 4A090.b.")
    software = ccl["4D004"]
    assert software.heading == (
        "“Software” “specially designed” or modified for the generation, command and control, "
        "or delivery of “intrusion software.”"
    )
    assert software.reasons == ["NS", "AT", "NS1", "AT1"]
    # Its list of items is the heading; the lettered paragraphs belong to the update note.
    assert _children(ccl, "4D004") == []
    (update,) = [n for n in software.notes if n.startswith("4D004 does not apply")]
    assert "a. The update or upgrade operates only with the authorization of the owner" in update


def test_information_security_5a002(ccl: dict[str, ControlEntry]) -> None:
    entry = ccl["5A002"]
    assert entry.heading.startswith("“Information security” systems, equipment and “components,”")
    assert entry.reasons == ["NS", "RS", "AT", "EI", "NS1", "AT1"]
    assert ccl["5A002.b"].text == "Being a 'cryptographic activation token';"
    assert ccl["5A002.c"].text == "Designed or modified to use or perform “quantum cryptography”;"
    assert ccl["5A002.f"].status == "reserved"
    assert [c for c in _children(ccl, "5A002") if c.count(".") == 1] == [
        f"5A002.{x}" for x in "abcdefz"
    ]
    # Note 2 to 5A002.a ("does not control ... a. Smart cards ... j. ...") is one note.
    assert "5A002.g" not in ccl
    (note_2,) = [n for n in ccl["5A002.a"].notes if n.startswith("5A002.a does not control")]
    assert "a. Smart cards and smart card 'readers/writers' as follows:" in note_2
    assert "j. Items specially designed for a 'connected civil industry application'" in note_2
    assert ccl["5A002.z.5.b"].parent == "5A002.z"


def test_military_and_anti_terrorism_entries(ccl: dict[str, ControlEntry]) -> None:
    foreign = ccl["0A919"]
    assert foreign.heading.startswith("“Military commodities” located and produced outside")
    # No "Reason for Control" line in the file: the codes come from the control rows.
    assert foreign.reasons == ["RS", "AT", "RS1", "AT1"]
    aircraft = ccl["9A610"]
    assert aircraft.heading.startswith("Military Aircraft and Related Commodities, Other Than")
    assert aircraft.reasons == ["NS", "RS", "MT", "AT", "UN", "NS1", "RS1", "MT1", "AT1"]
    assert _notes(aircraft, "License exceptions: LVS: $1,500; GBS: N/A; STA: (1) Paragraph")
    assert _notes(aircraft, "Related controls: (1) Military aircraft and related articles")
    assert _children(ccl, "9A610") == []  # Category 9 has headings only in this file
    assert ccl["3A611.y.1"].text == "Electrical connectors;"
    assert ccl["3A611.y.1"].parent == "3A611.y"
    mass_market = ccl["5A992"]
    assert mass_market.reasons == ["RS", "AT", "AT1"]
    assert ccl["5A992.c"].text == (
        "Commodities classified as mass market encryption commodities in accordance with "
        "§ 740.17(b) of the EAR."
    )
    assert [ccl["5A992.a"].status, ccl["5A992.d"].status] == ["reserved", "reserved"]
    assert ccl["5A992.z.2"].parent == "5A992"  # the file has no "z." paragraph itself
    assert (ccl["0A980"].heading, ccl["0A980"].reasons) == ("Horses by sea.", ["SS"])


def test_reason_lines_as_written(ccl: dict[str, ControlEntry]) -> None:
    assert reason_codes("NS, MT NP, AT") == ["NS", "MT", "NP", "AT"]  # 2B004
    assert reason_codes("RS AT") == ["RS", "AT"]  # 6A999
    assert reason_codes("NS, MT and AT") == ["NS", "MT", "AT"]  # 7A005
    assert reason_codes("CW, AT.") == ["CW", "AT"]  # 1C355
    assert reason_codes("CC 1") == ["CC1"]  # 0A977
    assert ccl["2B004"].reasons[:4] == ["NS", "MT", "NP", "AT"]
    assert ccl["0A998"].reasons == ["Foreign policy"]
    assert ccl["1C355"].reasons == ["CW", "AT"]


def test_paragraph_repairs(ccl: dict[str, ControlEntry]) -> None:
    # "b.1 Being underwater ..." and "b.2.a.. Automatically ..." are plain text in the file.
    assert ccl["5A001.b.1"].text.startswith("Being underwater untethered communications systems")
    assert ccl["5A001.b.2.a"].text.startswith("Automatically predicting and selecting")
    # 1A607 numbers "f.2.1" (two numbers in a row), which the ECCN scheme cannot hold.
    assert "1A607.f.2.1" not in ccl
    assert "f.2.1 Materials specified by USML Category XIV (a) or (b); or" in ccl["1A607.f.2"].text
    # Lettered paragraphs of notes do not become items.
    (note,) = [n for n in ccl["5A001.b.3.b"].notes if "does not control" in n]
    assert "a. Civil cellular radio-communications systems; or b. Fixed or mobile" in note
    assert ccl["1C001.b"].text.startswith("Materials not transparent to visible light")
    assert (
        ccl["1C010.c"].text
        == "Inorganic “fibrous or filamentary materials”, having all of the following:"
    )
    # 1C210 starts at "b.": the file lacks the official list's paragraph a.
    assert _children(ccl, "1C210") == ["1C210.b", "1C210.c"]


def _write(tmp_path: Path, name: str, payload: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(payload)
    return path


def _minimal(**changes: object) -> bytes:
    entry = {"eccn": "5A001", "heading": "Telecommunications systems", "reasonForControl": "NS"}
    data: dict[str, object] = {"ecfrIssueDate": "2026-07-23", "entryCount": 1, "entries": [entry]}
    data.update(changes)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF"),
        (b'{"entries": [{"eccn": "5A001", "heading": "Tele', "not valid JSON"),
        (b"\xff\xfe{\x00}\x00", "not UTF-8"),
        (b'{"groups": {"A:1": ["France"]}}', "no 'entries' list"),
        (b"[1, 2, 3]", "holds a JSON list"),
        (_minimal(entries=[{"heading": "x"}]), "entry 1 has no 'eccn'"),
        (_minimal(entries=[{"eccn": "5A01", "heading": "x"}]), "'5A01' is not an ECCN"),
        (_minimal(entries=[{"eccn": "5A001", "heading": ""}]), "5A001 has no heading"),
        (_minimal(entryCount=633), "declares 633 ECCNs but holds 1"),
        (_minimal(ecfrIssueDate="2025-01-01"), "eCFR of 2025-01-01, not the 2026-07-23"),
        (_minimal(entries=[], entryCount=0), "lists no ECCNs"),
        (
            _minimal(entries=[{"eccn": "5A001", "heading": "x", "items": [{"kind": "row"}]}]),
            "item 1 is not an item, text or note paragraph",
        ),
        (
            _minimal(entries=[{"eccn": "5A001", "heading": "x"}] * 2, entryCount=2),
            "5A001 appears twice",
        ),
    ],
)
def test_bad_files_raise_parse_error(tmp_path: Path, payload: bytes, message: str) -> None:
    definition = get_source(SOURCE)
    path = _write(tmp_path, "ccl.json", payload)
    with pytest.raises(ParseError, match=message):
        list(definition.parse(path, definition.meta))


def test_truncated_real_file_and_other_documents(tmp_path: Path, data_file: Path) -> None:
    definition = get_source(SOURCE)
    cut = _write(tmp_path, "cut.json", data_file.read_bytes()[:400_000])
    with pytest.raises(ParseError, match="not valid JSON"):
        list(definition.parse(cut, definition.meta))
    shared = need_shared_data()
    with pytest.raises(ParseError, match="is a PDF"):
        list(definition.parse(shared / "wassenaar/wa-list-2025-corr.pdf", definition.meta))
    with pytest.raises(ParseError, match="no 'entries' list"):
        list(definition.parse(shared / "us/country-groups-2026-07-23.json", definition.meta))


def test_an_emptied_eccn_is_no_control(ccl: dict[str, ControlEntry]) -> None:
    # The JSON's 1C018 says "No items currently are in this ECCN." (its items moved to 1C608):
    # a placeholder, kept with its text, never compared as a control.
    emptied = ccl["1C018"]
    assert emptied.status == "not-used"
    assert any(n.startswith("No items currently are in this ECCN") for n in emptied.notes)
    assert ccl["1C011"].status == "active"
