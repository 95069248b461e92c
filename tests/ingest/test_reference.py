"""The reference data the project maintains: counts and facts checked against the sources."""

from __future__ import annotations

from datetime import date

from ingest.reference.loader import load_reference, reference_batch


def _members(regime: str) -> dict[str, tuple[date | None, date | None]]:
    ref = load_reference()
    out = {}
    for block in ref.memberships:
        if block.regime == regime:
            for m in block.members:
                out[m.country] = (m.since, m.until)
    return out


def test_wassenaar_has_42_participating_states() -> None:
    members = _members("wassenaar")
    assert len(members) == 42
    assert members["IN"][0] == date(2017, 12, 8)
    assert members["MX"][0] is not None and members["MX"][0].year == 2012
    assert "CN" not in members


def test_eu_27_and_the_uk_until_brexit() -> None:
    members = _members("eu")
    current = {c for c, (_, until) in members.items() if until is None}
    assert len(current) == 27
    assert members["GB"][1] == date(2020, 1, 31)
    assert members["HR"][0] == date(2013, 7, 1)


def test_later_echri_code_subscribers() -> None:
    # The 22 endorsers of 2023-03-29 come from the fact sheet (source echri-code); the reference
    # data holds the three that subscribed later, by the first plenary of September 2023.
    (code,) = load_reference().codes_of_conduct
    assert {s.country for s in code.subscribers} == {"SK", "ES", "CR"}
    assert all(s.date is not None and s.date > date(2023, 3, 29) for s in code.subscribers)
    assert {"intrusion-software", "spyware"} <= set(code.technologies)


def test_taxonomy_has_three_languages_and_the_required_technologies() -> None:
    techs = {t.id: t for t in load_reference().technologies}
    required = {
        "ip-network-surveillance",
        "intrusion-software",
        "spyware",
        "facial-recognition",
        "social-media-analytics",
        "thermal-imaging",
        "dna-sequencing",
        "cryptography",
        "quantum-computing",
        "advanced-semiconductors",
        "semiconductor-manufacturing-equipment",
        "ai-compute",
        "ai-model-weights",
        "uavs",
    }
    assert required <= set(techs)
    for tech in techs.values():
        assert set(tech.labels) >= {"en", "fr", "ar"}, tech.id
    assert "5A001.j" in techs["ip-network-surveillance"].code_hints


def test_batch_is_deterministic_and_countries_are_complete() -> None:
    one, two = reference_batch(), reference_batch()
    assert one.digest() == two.digest()
    countries = {n.id for n in one.nodes if n.label == "Country"}
    assert {"country:XK", "country:US", "country:IN"} <= countries
    assert len(countries) == 250
