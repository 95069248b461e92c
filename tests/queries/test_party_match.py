"""Matching parties across issuers' lists by name: the normalisation, the score, the verdict.

Small hand-made parties (names in the styles of the US and Japanese lists); the real lists are
compared in test_gaps.py.
"""

from __future__ import annotations

import pytest

from queries.party_match import IssuerParties, Listed, forms, normalise, score
from queries.reading.records import ListingInfo, PartyInfo


def _listed(
    issuer: str, name: str, *aliases: str, country: str = "IR", kind: str = "entity"
) -> Listed:
    pid = f"party:{issuer}:{name}"
    listing = ListingInfo(issuer, pid, f"{issuer} list", None, "", "", "test", None)
    party = PartyInfo(pid, name, kind, aliases, (country,) if country else (), (f"{issuer} list",))
    return Listed(party, issuer, (f"{issuer} list",), (listing,))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Shenzhen Iprogift Technology Co., Ltd", "shenzhen iprogift technology"),
        ("SHENZHEN CASPRO TECHNOLOGY CO.， LTD", "shenzhen caspro technology"),  # full-width
        ("Joint Stock Company Concern Avtomatika", "concern avtomatika"),
        # A legal form inside the name stays; the form without brackets ends with it.
        ("Delta Engineering Concern FZE （DEC）", "delta engineering concern fze dec"),
        ("Delta Engineering Concern FZE", "delta engineering concern"),
        ("Al Qa'ida/Islamic Army", "al qa ida islamic army"),
        ("S.A.L", "sal"),  # a name that is only a legal form keeps it
    ],
)
def test_normalise(name: str, expected: str) -> None:
    assert normalise(name) == expected


def test_forms_drop_brackets_and_descriptions() -> None:
    keys = [f.key for f in forms("Korea Kangsong Trading Corp. (朝鮮強盛貿易会社)")]
    assert keys == ["korea kangsong trading corporation 朝鮮強盛貿易会社", "korea kangsong trading"]
    ministry = "Ministry of Defence of the Russian Federation, including the Armed Forces"
    assert "ministry defense russian federation" in [f.key for f in forms(ministry)]


def _score(a: str, b: str, common: frozenset[str] = frozenset()) -> float:
    return max(score(x, y, common) for x in forms(a) for y in forms(b))


def test_scores() -> None:
    common = frozenset({"korea", "trading", "group", "research", "center"})
    assert (
        _score("SAMAN TEJARAT BARMAN TRADINGCOMPANY", "Saman Tejarat Barman Trading Company") == 100
    )
    assert _score("Behnam Sahriyari Trading Company", "BEHNAM SHAHRIYARI TRADING CO", common) >= 95
    # Near names of distinct parties are judged on the words that tell them apart.
    kangsong = _score("Korea Kangsong Trading Corp.", "KOREA KWANGSONG TRADING CORPORATION", common)
    assert 85 <= kangsong < 95
    assert _score("CETC 16", "CETC 26") <= 75  # different numbers, different institutes
    assert _score("Korea Trading", "Korea Songkwang Trading", common) <= 75
    assert _score("Houthi", "HOUTHI GROUP", common) == 90  # only a common word differs
    assert _score("Nuclear Research Center Negev", "Nuclear Research Center", common) == 90


def test_verdicts() -> None:
    us = IssuerParties(
        "country:US",
        [
            _listed("country:US", "KALAYE ELECTRIC COMPANY", "KALA ELECTRIC COMPANY"),
            _listed("country:US", "KOREA KWANGSONG TRADING CORPORATION", country="KP"),
            _listed("country:US", "MODERN TECHNOLOGIES LLC", country="RU"),
            _listed("country:US", "KALAYE, Ali", kind="individual"),
            _listed("country:US", "ICGOO ELECTRONICS LIMITED", country="CN"),
        ],
    )
    jp = [
        _listed("country:JP", "Kalaye Electric Co."),
        _listed("country:JP", "Korea Kangsong Trading Corp.", country="KP"),
        _listed("country:JP", "Modern Technologies FZC", country="AE"),
        _listed("country:JP", "ICGOO ELECTRONICS LIMITED（創新在線電子有限公司）", country="HK"),
        _listed("country:JP", "Abu Zaabal Company for Speciality Chemicals", country="EG"),
    ]
    # Words frequent in the lists (here given) do not tell parties apart.
    common = frozenset({"korea", "trading", "electronics"})
    found = {p.party.name: us.best(p, forms(p.party.name), common=common) for p in jp}
    kalaye = found["Kalaye Electric Co."]
    assert (kalaye.verdict, kalaye.countries_agree) == ("both", True)
    assert kalaye.candidate is not None and kalaye.candidate.party.kind == "entity"
    assert found["Korea Kangsong Trading Corp."].verdict == "review"
    modern = found["Modern Technologies FZC"]  # the same words, but RU and AE
    assert (modern.verdict, modern.countries_agree) == ("review", False)
    icgoo = found["ICGOO ELECTRONICS LIMITED（創新在線電子有限公司）"]  # HK counts as CN
    assert (icgoo.verdict, icgoo.countries_agree) == ("both", True)
    abu = found["Abu Zaabal Company for Speciality Chemicals"]
    assert abu.verdict == "only" and abu.candidate is None and abu.score == 0
