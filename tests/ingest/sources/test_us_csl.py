"""The US Consolidated Screening List parser: the real 2026-07-31 file, a fixture, bad files.

Expected values were read from the raw JSON (grep of the compact entries and their table
indexes), not from the parser's output.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from helpers import need_shared_data

from graph_schema import ids
from graph_schema.model import Lists, Party
from ingest.registry import get_source
from ingest.runner import build_batch, check_expectations
from ingest.sources.base import ParseError

SOURCE = "us-csl"
FIXTURE = Path(__file__).parent / "fixtures" / "us_csl" / "mini.json"
EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
SSI = "Sectoral Sanctions Identifications List (SSI) - Treasury Department"
DPL = "Denied Persons List (DPL) - Bureau of Industry and Security"
ISN = "Nonproliferation Sanctions (ISN) - State Department"
MBS = "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"
PLC = "Palestinian Legislative Council List (PLC) - Treasury Department"
CMIC = "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department"
EL_POLICY = "License requirement: All items subject to the EAR. (See §744.11 of the EAR)"


@dataclass(frozen=True)
class Parsed:
    parties: list[Party]
    edges: list[Lists]

    def named(self, name: str) -> list[Party]:
        return [p for p in self.parties if p.name == name]

    def one(self, name: str, list_name: str | None = None) -> Party:
        found = [p for p in self.named(name) if list_name is None or list_name in p.lists]
        assert len(found) == 1, f"{name!r} on {list_name}: {len(found)} parties"
        return found[0]

    def edges_of(self, party: Party) -> dict[str, Lists]:
        return {e.key: e for e in self.edges if e.target == party.id}

    def search(self, text: str) -> list[Party]:
        """Case-insensitive substring over names and aliases: what a user would try first."""
        needle = text.casefold()
        return [
            p
            for p in self.parties
            if needle in p.name.casefold() or any(needle in a.casefold() for a in p.aliases)
        ]


def _parse(path: Path) -> Parsed:
    definition = get_source(SOURCE)
    records = list(definition.parse(path, definition.meta))
    parties = [r for r in records if isinstance(r, Party)]
    edges = [r for r in records if isinstance(r, Lists)]
    assert len(parties) + len(edges) == len(records)
    return Parsed(parties, edges)


@pytest.fixture(scope="module")
def real() -> Parsed:
    return _parse(need_shared_data() / get_source(SOURCE).meta.file)


# --- the real file ---------------------------------------------------------------------------


def test_counts(real: Parsed) -> None:
    # 25,921 entries; 96 OFAC entity numbers sit on two lists each (90 SDN+SSI, 3 SSI+NS-MBS,
    # 3 SDN+PLC) and become one party each.
    assert len(real.edges) == 25921
    assert len(real.parties) == 25921 - 96
    assert len({p.id for p in real.parties}) == len(real.parties)
    assert len({e.id for e in real.edges}) == len(real.edges)
    assert {e.target for e in real.edges} == {p.id for p in real.parties}
    assert all(e.source == "country:US" for e in real.edges)
    per_list = Counter(e.list_name for e in real.edges)
    assert per_list == {
        SDN: 19181,
        EL: 3420,  # '"s":4,' occurs 3,420 times in the raw file
        DPL: 1596,
        "ITAR Debarred (DTC) - State Department": 787,
        SSI: 286,
        "Unverified List (UVL) - Bureau of Industry and Security": 222,
        ISN: 161,
        PLC: 78,
        "Military End User (MEU) List - Bureau of Industry and Security": 70,
        CMIC: 68,
        MBS: 51,
        "Capta List (CAP) - Treasury Department": 1,
    }
    assert sum(EL in p.lists for p in real.parties) == 3420
    assert Counter(len(p.lists) for p in real.parties) == {1: 25729, 2: 96}


def test_kinds_as_the_data_gives_them(real: Parsed) -> None:
    # Raw 't': Entity 10,206, Individual 7,591, Vessel 1,524, Aircraft 344, none 6,256 (the
    # BIS and State lists); the merged pairs are 93 entities and 3 individuals.
    assert Counter(p.kind for p in real.parties) == {
        "entity": 10206 - 93,
        "individual": 7591 - 3,
        "unknown": 6256,
        "vessel": 1524,
        "aircraft": 344,
    }
    assert real.one("EP-GOL").kind == "aircraft"
    assert real.one("MAR AZUL").kind == "vessel"


def test_counts_pass_the_source_assertions(real: Parsed) -> None:
    definition = get_source(SOURCE)
    check_expectations(definition.meta, {"Party": len(real.parties), "LISTS": len(real.edges)})


def test_nso_group(real: Parsed) -> None:
    nso = real.one("NSO Group")
    assert (nso.kind, nso.countries, nso.lists, nso.aliases) == ("unknown", ["IL"], [EL], [])
    edge = real.edges_of(nso)[EL]
    assert edge.citation == "86 FR 60760"
    assert edge.reason == f"{EL_POLICY} | License policy: Presumption of denial."
    assert edge.date is None  # the citation writes no date
    assert edge.provenance.citation == "https://www.bis.gov/regulations/ear/744#supplement-4-744"
    assert nso.id == ids.party_id(SOURCE, f"{EL}|NSO Group|IL|86 FR 60760")


def test_candiru_and_its_aliases(real: Parsed) -> None:
    candiru = real.one("Candiru")
    assert candiru.countries == ["IL"]
    assert candiru.aliases == [
        "Candiru Ltd.",
        "DF Associates Ltd.",
        "Grindavik Solutions Ltd.",
        "Taveta Ltd.",
        "Saito Tech Ltd.",
        "Greenwick Solutions",
        "Tabatha Ltd.",
    ]
    assert real.edges_of(candiru)[EL].citation == "86 FR 60760"


def test_intellexa_and_cytrox_on_two_lists_as_separate_entries(real: Parsed) -> None:
    # BIS and OFAC list them independently; the file links the entries by nothing.
    el = real.one("Intellexa S.A.", EL)
    assert (el.countries, el.aliases) == (["GR"], ["Intellexa Anonymi Etaireia"])
    assert real.edges_of(el)[EL].citation == "88 FR 46071"
    sdn = real.one("INTELLEXA S.A.", SDN)
    assert (sdn.kind, sdn.countries, sdn.lists) == ("entity", ["GR"], [SDN])
    assert real.edges_of(sdn)[SDN].reason == "Programs: CYBER2"
    assert sdn.id == ids.party_id(SOURCE, "48059")
    assert real.one("Intellexa Limited", EL).countries == ["IE"]
    cytrox = real.one("Cytrox AD", EL)
    assert (cytrox.countries, cytrox.aliases) == (["MK"], ["Sytrox"])
    assert real.one("Cytrox Holdings Zrt", EL).countries == ["HU"]
    assert real.one("CYTROX HOLDINGS ZARTKORUEN MUKODO RESZVENYTARSASAG", SDN).countries == ["HU"]


def test_positive_technologies(real: Parsed) -> None:
    pt = real.one("Positive Technologies", EL)
    assert pt.countries == ["RU"]
    assert real.edges_of(pt)[EL].citation == "86 FR 60760"
    sdn = real.one("AKTSIONERNOE OBSHCHESTVO POZITIV TEKNOLODZHIZ", SDN)
    assert "JSC POSITIVE TECHNOLOGIES" in sdn.aliases
    assert real.edges_of(sdn)[SDN].reason == (
        "Programs: RUSSIA-EO14024; CAATSA - RUSSIA; CYBER2; NPWMD"
    )


def test_huawei_has_many_entity_list_entries(real: Parsed) -> None:
    named = [p for p in real.parties if "huawei" in p.name.casefold()]
    assert Counter(lst for p in named for lst in p.lists) == {EL: 135, CMIC: 2}
    assert len({c for p in named for c in p.countries}) == 50
    head = real.one("Huawei Technologies Co., Ltd. (Huawei)", EL)
    assert head.aliases == ["Shenzhen Huawei Technologies", "Huawei Technology"]
    citation = real.edges_of(head)[EL].citation
    assert citation.startswith("84 FR 22963, 84 FR 43495, 85 FR 29853, 85 FR 36720, 85 FR 51603")
    assert citation.count("FR") == 10
    cmic = real.one("HUAWEI TECHNOLOGIES CO., LTD.", CMIC)
    assert cmic.aliases == ["Huawei Investment & Holding Co Ltd"]
    assert real.edges_of(cmic)[CMIC].reason == "Programs: CMIC-EO13959"


def test_zte_corporation_is_not_listed_only_zte_parsian(real: Parsed) -> None:
    # ZTE Corporation itself is not in this edition; the one ZTE name is an Iranian company.
    found = [p for p in real.parties if "zte" in p.name.casefold().split()]
    assert [(p.name, p.countries, p.lists) for p in found] == [("ZTE Parsian", ["IR"], [EL])]
    assert real.edges_of(found[0])[EL].citation == "81 FR 12004"
    assert not real.search("Zhongxing")


def test_an_individual_on_the_sdn_list(real: Parsed) -> None:
    dilian = real.one("DILIAN, Tal Jonathan")
    assert (dilian.kind, dilian.countries, dilian.lists) == ("individual", ["CH"], [SDN])
    assert dilian.aliases == ["MENASHE, Tal Yonatan"]
    edge = real.edges_of(dilian)[SDN]
    assert edge.reason == "Programs: CYBER2"
    assert edge.provenance.citation == "https://sanctionslist.ofac.treas.gov/Home/SdnList"
    assert dilian.id == ids.party_id(SOURCE, "48060")


def test_one_ofac_entity_on_two_lists_is_one_party_with_two_edges(real: Parsed) -> None:
    gazprom = real.one("Public Joint Stock Company Gazprom")
    assert gazprom.id == ids.party_id(SOURCE, "17250")
    assert gazprom.lists == [MBS, SSI]
    assert gazprom.aliases == ["Gazprom PAO", "PJSC Gazprom", "Gazprom"]
    edges = real.edges_of(gazprom)
    assert sorted(edges) == sorted([MBS, SSI])
    assert {e.reason for e in edges.values()} == {"Programs: UKRAINE-EO13662; RUSSIA-EO14024"}
    # PLC and SDN write one person's name in two orders; the second becomes an alias.
    haniyah = real.one("Ismail Abdul Salah Haniyah")
    assert haniyah.lists == [PLC, SDN]
    assert "HANIYAH, Ismail Abdul Salah" in haniyah.aliases
    assert "HANIYEH, Ismail Abdel Salam Ahmed" in haniyah.aliases
    assert not real.named("HANIYAH, Ismail Abdul Salah")


def test_dates_come_from_the_citations(real: Parsed) -> None:
    xie = real.one("MING XIE", DPL)
    edge = real.edges_of(xie)[DPL]
    assert (edge.date, edge.citation, xie.countries) == (
        date(2014, 10, 8),
        "79 F.R. 60807 10/8/14",
        ["US"],
    )
    datalec = real.one("DATALEC, LTD.", DPL)
    assert real.edges_of(datalec)[DPL].date == date(1986, 6, 19)
    assert datalec.countries == ["GB"]
    eyani = real.edges_of(real.one("FARES ABDO AL EYANI", DPL))[DPL]
    assert eyani.date is None  # "8//28/2025" is a typo, not a date
    assert eyani.citation == "90 F.R. 41975 8//28/2025"
    minsk = real.edges_of(real.one("Minsk Wheel Tractor Plant", ISN))[ISN]
    assert minsk.date == date(2024, 4, 27)
    assert minsk.reason == "Programs: E.O. 13382"
    assert sum(e.date is not None for e in real.edges) > 1700


def test_countries_the_file_writes_oddly(real: Parsed) -> None:
    assert real.one("AC AVIATIE UK LIMITED").countries == ["GB"]  # "UK"
    assert real.one("PLATIFINO LIMITED").countries == ["IM"]  # "MAN, ISLE OF"
    assert real.one("KELMENDI, Elvis").countries == ["XK"]
    assert real.one("ONBOARD SHIP MANAGEMENT LIMITED").countries == ["CN"]  # "REGION: CHINA"
    # Skipped: "AN" (Netherlands Antilles, withdrawn), "REGION: KAFIA KINGI", "CRIMEA
    # (OCCUPIED)" (the entry also names UA) and "NM" (not a country code).
    assert real.one("NETHERLANDS CARIBBEAN BANK N.V.").countries == ["CU"]
    assert real.one("KONY, Ali").countries == []
    assert real.one("Chernomorneftegaz", EL).countries == ["UA"]
    assert real.one("STEPHEN EDWARD SMITH", DPL).countries == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nso group", "NSO Group"),
        ("CANDIRU", "Candiru"),
        ("saito tech", "Candiru"),
        ("intellexa", "Intellexa S.A."),
        ("cytrox", "Cytrox AD"),
        ("positive technologies", "Positive Technologies"),
        ("coseinc", "Computer Security Initiative Consultancy PTE. LTD."),
        ("hikvision", "Hangzhou Hikvision Digital Technology Co., Ltd."),
        ("sense time", "Beijing Sensetime Technology Development Co., Ltd."),
    ],
)
def test_spyware_and_surveillance_firms_are_findable(
    real: Parsed, text: str, expected: str
) -> None:
    found = real.search(text)
    assert any(p.name == expected and EL in p.lists for p in found)


def test_build_batch_is_deterministic(real: Parsed) -> None:
    definition = get_source(SOURCE)
    path = need_shared_data() / definition.meta.file
    one, counts = build_batch(definition, path)
    two, _ = build_batch(definition, path)
    assert counts == {"LISTS": 25921, "Party": 25825}
    assert one.digest() == two.digest()


# --- a hand-written fixture ------------------------------------------------------------------


def test_fixture() -> None:
    parsed = _parse(FIXTURE)
    spyware = parsed.one("Example Spyware Ltd.")  # double space collapsed
    assert spyware.countries == ["IL"]  # "NM" skipped
    assert parsed.edges_of(spyware)[EL].reason == (
        "License requirement: For all items subject to the EAR. (See §744.11 of the EAR) | "
        "License policy: Presumption of denial."
    )
    bank = parsed.one("EXAMPLE BANK PJSC")
    assert bank.id == ids.party_id(SOURCE, "90001")
    assert bank.lists == [SDN, SSI]
    # "Example Bank PJSC" and "Example Bank" repeat, in other case, what SDN gives.
    assert bank.aliases == ["EXAMPLE BANK", "Example Bank PJSC Branch", "PJSC EXAMPLE"]
    assert bank.countries == ["RU", "CN", "XK"]
    edges = parsed.edges_of(bank)
    assert edges[SDN].provenance.citation == "https://sanctionslist.ofac.treas.gov/Home/SdnList"
    assert edges[SSI].provenance.citation == get_source(SOURCE).meta.official_url  # no 'u'
    doe = parsed.one("DOE, Jane")
    assert (doe.kind, doe.countries) == ("individual", ["IM"])
    roes = parsed.named("JOHN ROE")
    assert len(roes) == 2  # two notices; the repeated entry adds nothing
    assert sorted(
        (parsed.edges_of(r)[DPL].date or date.min, parsed.edges_of(r)[DPL].citation) for r in roes
    ) == [
        (date.min, "90 F.R. 41975 8//28/2025"),
        (date(1994, 8, 19), "59 F.R. 42804 8/19/94 and 61 F.R. 19257 5/1/96"),
    ]
    twins = parsed.named("Twin Trading")
    assert len(twins) == 2 and len({t.id for t in twins}) == 2
    assert len(parsed.parties) == 7 and len(parsed.edges) == 8


# --- bad input -------------------------------------------------------------------------------


def _fixture_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(FIXTURE.read_text("utf-8"))
    return data


def _edited(**changes: object) -> bytes:
    data = _fixture_data()
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return json.dumps(data).encode("utf-8")


def _entries_with(entry: dict[str, object]) -> bytes:
    data = _fixture_data()
    entries = data["entries"]
    assert isinstance(entries, list)
    entries[0] = entry
    return json.dumps(data).encode("utf-8")


def _field_key_with(short: str, meaning: str) -> bytes:
    data = _fixture_data()
    key = data["fieldKey"]
    assert isinstance(key, dict)
    key[short] = meaning
    return json.dumps(data).encode("utf-8")


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "is empty"),
        (b"  \n", "is empty"),
        (FIXTURE.read_bytes()[:900], "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF"),
        (b"[1, 2, 3]", "holds a JSON list"),
        (b'"consolidated"', "holds a JSON str"),
        (_edited(fieldKey=None), "no 'fieldKey' object"),
        (_field_key_with("c", "city"), "fieldKey gives 'c' as 'city'"),
        (_edited(tables=None), "no 'tables' object"),
        (_edited(entries=None), "no 'entries' list"),
        (_edited(entryCount=25921), "declares 25921 entries but holds 9"),
        (_entries_with({"s": 0}), "entry 0 has no name"),
        (_entries_with({"n": "X", "s": 99}), "'s' = 99 is not in tables.sources"),
        (_entries_with({"n": "X"}), "'s' = None is not in tables.sources"),
        (_entries_with({"n": "X", "s": 0, "a": "Y"}), "'a' is not a list of strings"),
        (_entries_with({"n": "X", "s": 0, "c": [1]}), "'c' is not a list of strings"),
        (_entries_with({"n": "X", "s": 1, "e": 5}), "entity number 5 is not text"),
        (_entries_with({"n": "X", "s": 0, "lr": 7}), "'lr' = 7 is not an index"),
        (_entries_with({"n": "X", "s": 0, "pg": [0]}), "'pg' = [0] is not an index"),
    ],
)
def test_bad_files_raise_one_line_parse_errors(
    tmp_path: Path, payload: bytes, message: str
) -> None:
    path = tmp_path / "csl.json"
    path.write_bytes(payload)
    definition = get_source(SOURCE)
    with pytest.raises(ParseError, match=message.replace("[", r"\[").replace("]", r"\]")) as info:
        list(definition.parse(path, definition.meta))
    assert "\n" not in str(info.value)


def test_other_real_files_are_refused(shared_data: Path, tmp_path: Path) -> None:
    definition = get_source(SOURCE)
    with pytest.raises(ParseError, match="no 'fieldKey' object"):
        list(definition.parse(shared_data / "us/country-groups-2026-07-23.json", definition.meta))
    with pytest.raises(ParseError, match="is a PDF"):
        list(definition.parse(shared_data / "wassenaar/wa-list-2025-corr.pdf", definition.meta))
    truncated = tmp_path / "csl.json"
    truncated.write_bytes((shared_data / definition.meta.file).read_bytes()[:2_000_000])
    with pytest.raises(ParseError, match="not valid JSON"):
        list(definition.parse(truncated, definition.meta))
