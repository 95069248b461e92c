"""Divergences on the real graph. Known answers were checked in the documents themselves:
the US CCL JSON (ECCNs 3A090, 4A090, 4D090, 4E091 present; no 0A001, no 1C012), the Wassenaar
2025 PDF text (3.D.6, 4.A.5, 4.D.4, 4.E.1, 1.C.12 present; no 3.A.90), Norway's Liste II text
(= EU 2021: 0A001, 1C012, 4A005, 4D004, 4E001 present; no 3D006) and the SCOMET PDF (8D306)."""

from __future__ import annotations

import pytest
from real_graph import shared_analyses

from queries.analyses import Analyses
from queries.errors import InvalidQuery, NotFound
from queries.requests import CoverageRequest, DivergenceRequest, build
from queries.views import DivergenceReport, DivergenceRow, Implementation


@pytest.fixture(scope="module")
def analyses() -> Analyses:
    return shared_analyses()


def _row(report: DivergenceReport, code: str) -> DivergenceRow:
    found = [r for r in report.items if r.code == code]
    assert found, f"no row {code}: {[r.code for r in report.items][:50]}"
    return found[0]


def _side(row: DivergenceRow, key: str) -> str:
    return next(s.status for s in row.sides if s.jurisdiction == key)


def _us_without_row(analyses: Analyses, other: str, prefix: str, code: str) -> Implementation:
    """No US-``other`` row for the regime entry ``code``; the US side of its coverage."""
    report = analyses.divergences(DivergenceRequest(jurisdiction=["US", other], code_prefix=prefix))
    assert not [r for r in report.items if r.code == code]
    coverage = analyses.coverage(CoverageRequest(code_prefix=code, jurisdiction=["US"]), limit=1)
    return coverage.items[0].implementations[0]


@pytest.mark.parametrize("other", ["EU", "wassenaar", "IN"])
def test_us_advanced_computing_is_unilateral(analyses: Analyses, other: str) -> None:
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", other], kind=["unilateral"])
    )
    # Against the EU, 3A090.a and 4A090.a are the EU's 3A501.a.16 and 4A507 with other bounds
    # (see below): only their other paragraphs are the US's alone.
    wholly = ("3A090.b", "4A090.b") if other == "EU" else ("3A090", "4A090")
    for code in (*wholly, "4D090", "4E091"):
        row = _row(report, code)
        assert row.kind == "unilateral"
        assert row.controlled_by == ["US"]
        assert _side(row, "US") == "controls"
        if other == "IN":
            # SCOMET numbers differently and 09x ECCNs have no regime counterpart to go through.
            assert row.not_controlled_by == []
            assert _side(row, other) == "no-comparable-list"
            assert "IN cannot be checked by code" in row.reason
        else:
            assert row.not_controlled_by == [other]
            assert _side(row, other) == "not-implemented"
        assert row.reference is None
        assert "unilateral" in row.reason and "advanced-computing" in row.reason
        us = next(s for s in row.sides if s.jurisdiction == "US")
        assert us.editions[0].list_id == "list:us:2026-07-23"
        assert us.entries[0].code == code
    assert "Integrated circuits" in _row(report, wholly[0]).sides[0].entries[0].text
    assert "artificial intelligence model" in _row(report, "4E091").sides[0].entries[0].text


def test_us_and_eu_advanced_computing_is_one_control_with_other_bounds(
    analyses: Analyses,
) -> None:
    # CCL 3A090.a.1 "A 'total processing performance' of 4800 or more"; EU Annex I 2025
    # 3A501.a.16 "... a 'Total Processing Performance' ('TPP') of 6000 or more".
    report = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="3A090"))
    row = _row(report, "3A090.a")
    assert row.kind == "unilateral"
    assert row.controlled_by == ["US", "EU"]
    assert row.not_controlled_by == []
    assert _side(row, "EU") == "other-bounds"
    assert "EU also lists with other bounds" in row.reason
    assert "EU 3A501.a.16: total processing performance 6000 or more" in row.reason
    assert "total processing performance 4800 or more" in row.reason
    assert "does not list" not in row.reason
    eu = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="4A507"))
    computers = _row(eu, "4A507")
    assert _side(computers, "US") == "other-bounds"
    assert "US 4A090.a" in computers.reason
    # 3A090.b ("b.1. A 'total processing performance' of 2400 or more and less than 4800 and a
    # 'performance density' of 1.6 or more and less than 5.92", or b.2) is below the EU's
    # bound: still the US's own.
    assert _row(report, "3A090.b").not_controlled_by == ["EU"]


def test_us_and_eu_agree_on_intrusion_software(analyses: Analyses) -> None:
    plain = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "EU"], technology="intrusion software")
    )
    assert plain.total == 0
    assert plain.compared == plain.agreed == 3
    report = analyses.divergences(
        DivergenceRequest(
            jurisdiction=["US", "EU"], technology="intrusion software", include_agreements=True
        )
    )
    assert [r.code for r in report.items] == ["4.A.5", "4.D.4", "4.E.1.c"]
    for row in report.items:
        assert row.kind == "agreement"
        assert row.controlled_by == ["US", "EU"]
        assert {s.status for s in row.sides} == {"same"}
        assert "tech:intrusion-software" in row.technologies
        assert "both control" in row.reason
    first = report.items[0].sides
    assert "intrusion software" in first[0].entries[0].text
    assert first[1].editions[0].list_id == "list:eu:2025-11-15"
    # French and Arabic labels of a narrower technology reach the same entries.
    for label in ("logiciels espions", "برامج التجسس"):
        again = analyses.divergences(
            DivergenceRequest(jurisdiction=["US", "EU"], technology=label, include_agreements=True)
        )
        assert [r.code for r in again.items] == ["4.A.5", "4.D.4", "4.E.1.c"]
        assert again.filters == {"technology": "tech:spyware"}


def test_edition_lag_only_where_the_editions_prove_it(analyses: Analyses) -> None:
    # ML10.j (sub-orbital craft) is in Wassenaar 2025 and not in the 2021 Word files (15_ML.doc
    # runs ML10.a-i). Its j.1 '"Sub-orbital craft"' has the words of dual-use 9.A.4.h, which
    # the EU and SCOMET (8A904.h, p. 355) implement; j.2, launch, recovery and ground support
    # equipment, has no such twin. The EU Common Military List of 2020-02-17 predates the 2021
    # edition, so it provably lags. India's SCOMET of 2024-09-02 has no 6A010.j either (6A010
    # runs a-i, PDF pp. 172-173), but it is newer than Wassenaar 2021: whether ML10.j was
    # added before or after 2024-09-02 cannot be told from the editions held, so it is
    # not-implemented, with when Wassenaar added it.
    lag = analyses.divergences(
        DivergenceRequest(jurisdiction=["EU", "wassenaar"], code_prefix="ML10.j")
    )
    assert "ML10.j.1" not in {r.code for r in lag.items}
    row = _row(lag, "ML10.j.2")
    assert row.kind == "edition-lag"
    eu = next(s for s in row.sides if s.jurisdiction == "EU")
    assert eu.status == "not-in-edition-held"
    assert eu.editions[0].list_id == "list:eu-military:2020-02-17"
    assert "predates the Wassenaar 2021 (2021-12-22) edition" in (eu.note or "")
    both = analyses.divergences(
        DivergenceRequest(jurisdiction=["IN", "EU", "wassenaar"], code_prefix="ML10.j")
    )
    row = _row(both, "ML10.j.2")
    assert row.kind == "not-implemented"
    india = next(s for s in row.sides if s.jurisdiction == "IN")
    assert india.status == "not-implemented"
    assert "added it between its 2021 (2021-12-22) and 2025" in (india.note or "")
    assert "may predate the addition" in (india.note or "")


def test_content_match_beats_a_code_mismatch(analyses: Analyses) -> None:
    # EU 6E003.b says what Wassenaar 2025 6.E.3.e says ("technology" for diagnostic
    # instruments or targets in test facilities for "SHPL" testing): the EU implements it under
    # another letter, so it is not reported as not implemented.
    report = analyses.coverage(CoverageRequest(code_prefix="6.E.3.e", jurisdiction=["EU"]), limit=1)
    how = report.items[0].implementations[0]
    assert how.status == "same"
    assert [e.code for e in how.entries] == ["6E003.b"]
    assert "has the text of Wassenaar 6.E.3.e under another code" in how.evidence[0]


def test_a_control_the_regime_dropped_is_reported_with_its_placeholder(
    analyses: Analyses,
) -> None:
    # Wassenaar 2025 p. 51: "3.A.1.a.5.a.1. Not used since 2025" (the 8 to 10 bit converters
    # above 1.3 GSPS, decontrolled); the CCL still lists 3A001.a.5.a.1 "A resolution of 8 bit
    # or more, but less than 10 bit, with a "sample rate" greater than 1.3 Giga Samples Per
    # Second". A code match to a placeholder is not an implementation: the US keeps a control
    # the regime dropped (it was reported as nothing at all).
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "wassenaar"], code_prefix="3A001.a.5.a")
    )
    row = _row(report, "3A001.a.5.a.1")
    assert row.kind == "not-in-regime-list"
    assert row.controlled_by == ["US"]
    assert "marks that paragraph 'Not used since 2025'" in row.reason


def test_a_number_the_regime_never_used_is_a_national_addition(analyses: Analyses) -> None:
    # Wassenaar 2021 and 2025 both write "3.B.1.c. Not used since 2015"; the CCL's 3B001.c
    # ("Etch equipment", dry etching added by the US) is a control of its own under that
    # number, not one the regime dropped.
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "wassenaar"], code_prefix="3B001.c")
    )
    row = _row(report, "3B001.c")
    assert row.kind == "unilateral"
    assert "marks 'Not used since 2015': the regime controls nothing under that number" in (
        row.reason
    )
    assert "still controls what" not in row.reason
    # DSGL 2024 ML8.a.32.g, NTDNA (CAS 75393-84-9), is "Not used since 2010" in both
    # Wassenaar editions held (2025 p. 192): a control of Australia's own, not a lag.
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["AU", "wassenaar"], code_prefix="ML8.a.32")
    )
    row = _row(report, "ML8.a.32.g")
    assert row.kind == "unilateral"
    assert "Not used since 2010" in row.reason


def test_paragraphs_held_under_another_heading_are_not_folded_into_a_claim_of_absence(
    analyses: Analyses,
) -> None:
    # CCL 3B001.c.1 "Equipment designed for dry etching as follows:" .a isotropic dry etching
    # ("(SiGe:Si) etch selectivity ... 100:1") and .c anisotropic: AU DSGL 3B901 "Equipment
    # designed for dry etching having any of the following:" has both, word for word, as .a
    # and .b. No US-AU row may say AU lacks 3B001.c.1; c.2 (not in the DSGL) still diverges.
    codes = {
        r.code
        for r in analyses.divergences(
            DivergenceRequest(jurisdiction=["US", "AU"], code_prefix="3B001.c")
        ).items
    }
    assert not {"3B001.c", "3B001.c.1", "3B001.c.1.a", "3B001.c.1.c"} & codes
    assert "3B001.c.2" in codes
    # Against Wassenaar, which has none of it, the EU's own 3B501 stays one row.
    eu = analyses.divergences(
        DivergenceRequest(jurisdiction=["EU", "wassenaar"], code_prefix="3B501")
    )
    assert [r.code for r in eu.items if r.kind == "unilateral"][:1] == ["3B501"]


def test_groups_are_kept_once_per_relevant_comparison(analyses: Analyses) -> None:
    """Comparisons with lists that hold no twin of the US entries share one set of groups:
    requests naming ever new combinations cannot grow the cache."""
    index = analyses.index
    us = index.jurisdiction("US")
    india = frozenset(i.id for i in index.jurisdiction("IN").lists)
    japan = frozenset(i.id for i in index.jurisdiction("JP").lists)
    alone = index.national_groups(us)
    assert index.national_groups(us, india) is alone
    assert index.national_groups(us, india | japan) is alone
    au = frozenset(i.id for i in index.jurisdiction("AU").lists)
    assert index.national_groups(us, au) is not alone  # AU 3B901 splits US 3B001.c.1


def test_not_implemented_in_an_edition_as_recent_as_the_regime(analyses: Analyses) -> None:
    # Wassenaar 4.A.1.a.1 (computers rated for operation below -45 °C or above 85 °C): the EU
    # 2025 list has 4A001.a.1; the US CCL JSON writes "a.1. [Reserved]" (judged in the audit).
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="4A001.a.1")
    )
    row = _row(report, "4.A.1.a.1")
    assert row.kind == "not-implemented"
    assert row.not_controlled_by == ["US"]
    assert _side(row, "US") == "not-implemented"
    assert _side(row, "EU") == "same"
    assert "where 4A001.a.1 is reserved" in row.reason
    # But the CCL's own 4A994.a (anti-terrorism only) takes "Electronic computers and related
    # equipment ... rated for operation at an ambient temperature above 343 K (70 °C)": the row
    # says the US lacks the regime's control, not every control of those computers.
    assert "not implemented as the regime's control" in row.reason
    assert "no counterpart" not in row.reason
    assert "its own 4A994.a" in row.reason
    assert "above 343 K (70 °C)" in row.reason


def test_a_short_entry_is_not_matched_to_an_own_control_by_chance(analyses: Analyses) -> None:
    # Wassenaar 2025 p.53, 3.A.1.a.9 "Neural network integrated circuits": the CCL writes
    # "3A001.a.9 [Reserved]" and holds "integrated circuits" in many 9xx entries, none of them
    # about neural networks, so none is named as carrying its words.
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "wassenaar"], code_prefix="3A001.a.9")
    )
    row = _row(report, "3.A.1.a.9")
    assert row.kind == "not-implemented"
    assert "like words" not in row.reason


def test_an_item_the_copy_cites_but_lacks_is_not_held(analyses: Analyses) -> None:
    # The CCL JSON has no 3D006, but its 3D005 notes say "For the purposes of 3D006" (the copy
    # merged it there), and its 1E001 cites 1C012: the copy lost them, absence is not claimed.
    report = analyses.coverage(CoverageRequest(code_prefix="3.D.6", jurisdiction=["US"]), limit=1)
    us = report.items[0].implementations[0]
    assert us.status == "not-held-in-copy"
    assert [e.code for e in us.entries] == ["3D005"]
    rows = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="1C012"))
    assert all(r.code != "1.C.12" for r in rows.items)


def test_a_gap_in_the_numbering_of_a_lossy_copy_is_not_held(analyses: Analyses) -> None:
    # Wassenaar 2025 p. 155 has 8.D.1 (software for 8.A-8.C); the CCL JSON goes from 8C609 to
    # 8D002 (15 CFR 774 has 8D001). The source says its copy loses whole ECCNs: not held.
    report = analyses.coverage(CoverageRequest(code_prefix="8.D.1", jurisdiction=["US"]), limit=1)
    us = report.items[0].implementations[0]
    assert us.status == "not-held-in-copy"
    assert [e.code for e in us.entries] == ["8D002"]
    rows = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "wassenaar"], code_prefix="8D001")
    )
    assert all(r.code != "8.D.1" for r in rows.items)


def test_below_a_paragraph_the_copy_lost_is_not_held(analyses: Analyses) -> None:
    # Wassenaar 2025 p. 74 3.C.3.a (organo-metallic compounds of Al, Ga or In) with a.1 and
    # a.2; the CCL JSON's 3C003 starts at "b.": a.1 and a.2 are lost with a.
    report = analyses.coverage(
        CoverageRequest(code_prefix="3.C.3.a", jurisdiction=["US"]), limit=None
    )
    statuses = {r.entry.code: r.implementations[0].status for r in report.items}
    assert statuses["3.C.3.a"] == statuses["3.C.3.a.1"] == statuses["3.C.3.a.2"]
    assert statuses["3.C.3.a.2"] == "not-held-in-copy"
    rows = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="3C003"))
    assert not [r for r in rows.items if r.kind == "not-implemented"]


def test_us_firearms_are_munitions_list_items(analyses: Analyses) -> None:
    # US 0A501 "Firearms ... and related commodities" came from USML Category I; the EU
    # controls firearms under ML1 of its Common Military List (2020-02-17, p. 3): no divergence
    # "from another regime" between them.
    report = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="0A501"))
    assert all(r.kind != "other-regime" for r in report.items)
    coverage = analyses.coverage(CoverageRequest(code_prefix="ML1", jurisdiction=["US"]), limit=1)
    assert "0A501" in [e.code for e in coverage.items[0].implementations[0].entries]


def test_other_regimes_items_are_not_claimed_absent_by_code(analyses: Analyses) -> None:
    # EU 0A001 (nuclear reactors, NSG trigger list): the US CCL has no 0A001 because reactors
    # are licensed by the NRC (10 CFR part 110), not because the US does not control them; and
    # the lists number other regimes' items each their own way (US 1A101 is AU 1C101). A code
    # not found is no evidence: no row, and a note says so.
    report = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="0A001"))
    assert all(r.code != "0A001" for r in report.items)
    assert any("could not be compared" in n and "absence is not claimed" in n for n in report.notes)
    # What a content match to a held regime list decides is still compared.
    both = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "AU"], kind=["other-regime"]), limit=None
    )
    assert all(r.controlled_by and r.not_controlled_by for r in both.items)


def test_scope_differences_carry_the_thresholds(analyses: Analyses) -> None:
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "EU"], kind=["scope-differs"])
    )
    assert report.total >= 5
    for row in report.items:
        assert len({s.status for s in row.sides}) > 1
        assert row.reference is not None
    with_numbers = [r for r in report.items if r.parameter_differences]
    assert with_numbers
    diff = with_numbers[0].parameter_differences[0]
    assert set(diff.values) == {"US", "EU"}
    assert "thresholds" in with_numbers[0].reason


def test_filters_and_counts(analyses: Analyses) -> None:
    everything = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"]))
    assert sum(everything.counts.values()) == everything.total
    assert everything.total > 100
    five = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], category="5"))
    assert 0 < five.total < everything.total
    assert all(
        (r.category or "").startswith(("5", "ML")) or r.code.startswith("5") for r in five.items
    )
    paged = analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"]), limit=10, offset=10)
    assert paged.total == everything.total
    assert [r.code for r in paged.items] == [r.code for r in everything.items[10:20]]


def test_three_jurisdictions_and_regime(analyses: Analyses) -> None:
    report = analyses.divergences(
        DivergenceRequest(
            jurisdiction=["US", "EU", "IN", "wassenaar"],
            technology="ip network surveillance",
            include_agreements=True,
        )
    )
    row = _row(report, "5.A.1.j")
    assert row.kind == "agreement"
    assert [s.jurisdiction for s in row.sides] == ["US", "EU", "IN", "wassenaar"]
    assert row.sides[2].entries[0].code == "8A501.j"


def test_bad_requests(analyses: Analyses) -> None:
    with pytest.raises(InvalidQuery):
        analyses.divergences(build(DivergenceRequest, jurisdiction=["US"]))
    with pytest.raises(InvalidQuery):
        analyses.divergences(DivergenceRequest(jurisdiction=["US", "us"]))
    with pytest.raises(NotFound, match="no jurisdiction 'XX'"):
        analyses.divergences(DivergenceRequest(jurisdiction=["US", "XX"]))
    with pytest.raises(NotFound, match="intrusion-software"):
        analyses.divergences(
            DivergenceRequest(jurisdiction=["US", "EU"], technology="teleportation")
        )
    with pytest.raises(InvalidQuery, match="code_prefix"):
        analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="5.Z.1"))
    with pytest.raises(InvalidQuery, match="category"):
        analyses.divergences(build(DivergenceRequest, jurisdiction=["US", "EU"], category="12"))
    with pytest.raises(InvalidQuery, match="kind 'wrong'"):
        analyses.divergences(build(DivergenceRequest, jurisdiction=["US", "EU"], kind=["wrong"]))


def test_country_without_lists_is_said_so(analyses: Analyses) -> None:
    report = analyses.divergences(DivergenceRequest(jurisdiction=["US", "JP"]))
    assert report.total == 0
    assert any("JP: no control list" in n for n in report.notes)


def test_a_gap_in_an_incomplete_copy_is_not_absence(analyses: Analyses) -> None:
    # The CCL JSON's 1C004 lists paragraphs b, c and d only (its "items"); the official CCL has
    # 1C004.a (density exceeding 17.5 g/cm3), as Wassenaar 1.C.4.a does. A copy that skips "a"
    # while holding "b" is incomplete there: not held, never "not implemented".
    report = analyses.coverage(CoverageRequest(code_prefix="1.C.4.a", jurisdiction=["US"]), limit=1)
    us = report.items[0].implementations[0]
    assert us.status == "not-held-in-copy"
    assert [e.code for e in us.entries] == ["1C004.b"]
    rows = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "wassenaar"], code_prefix="1.C.4")
    )
    assert all(r.code != "1.C.4.a" for r in rows.items)


def test_a_heading_whose_items_the_copy_lacks_is_no_evidence(analyses: Analyses) -> None:
    # The CCL JSON holds item text for Categories 1, 3, 4 and 5 only: 9A610 "Military aircraft
    # and related commodities ... (see List of Items Controlled)" is a bare heading there.
    # Wassenaar 2025 ML10.j.2 (p. 204, launch, recovery and ground support equipment for
    # sub-orbital craft) cannot be said to be under it, nor to be missing.
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="ML10.j")
    )
    assert "ML10.j.2" not in {r.code for r in report.items}
    coverage = analyses.coverage(
        CoverageRequest(code_prefix="ML10.j.2", jurisdiction=["US"]), limit=1
    )
    assert coverage.items[0].implementations[0].status == "not-held-in-copy"


@pytest.mark.parametrize("other", ["wassenaar", "EU", "AU"])
def test_a_substance_a_note_moved_is_not_claimed_absent_where_its_old_entry_is_not_comparable(
    analyses: Analyses, other: str
) -> None:
    # Wassenaar 2025 p.20 lists "e. Iodine pentafluoride (CAS 7783-66-6)" under 1.C.11, and
    # p.196 takes it out of ML8.d.3 ("Note 3 ML8.d.3. does not apply to iodine pentafluoride").
    # The CCL's 1C011 ends at d. (nitroguanidine), but the US controls ML8 items in its 600
    # series, whose paragraphs are not Wassenaar's: 1C608.m "a compound composed of fluorine and
    # any of the following: other halogens, oxygen, or nitrogen" holds it. Not "not implemented".
    us = _us_without_row(analyses, other, "1C011.e", "1.C.11.e")
    assert us.status == "no-comparable-list"


@pytest.mark.parametrize("other", ["wassenaar", "EU", "AU"])
def test_no_scope_is_claimed_from_a_copy_that_lost_the_formula(
    analyses: Analyses, other: str
) -> None:
    # CCL 3B001.f.1.b adds an overlay bound ("less than or equal to 1.50 nm") to the MRF of
    # 45 nm or less, but the copy lost the formula that defines the MRF (Wassenaar 2025 p.72:
    # K factor 0.35; EU 3B501.f.1.b, worded as the CCL: 0,25): which side controls more is
    # not known, so no "US narrower" row.
    us = _us_without_row(analyses, other, "3B001.f.1", "3.B.1.f.1.b")
    assert us.status == "implemented"
    assert any("lost the formula" in line for line in us.evidence)


def test_a_side_shows_how_its_entry_was_aligned(analyses: Analyses) -> None:
    # Wassenaar 2025 p.67 3.A.2.a.7, "'upper 3dB frequency' greater than 90 GHz"; CCL
    # 3A002.a.7 "3dB bandwidth of 60 GHz or greater": aligned by the number both lists give it.
    report = analyses.divergences(
        DivergenceRequest(jurisdiction=["US", "wassenaar"], code_prefix="3A002.a.7")
    )
    row = _row(report, "3.A.2.a.7")
    us = next(s for s in row.sides if s.jurisdiction == "US")
    assert us.method == "code"
    assert us.score is not None and 0.7 <= us.score <= 1.0
    assert us.entries[0].code == "3A002.a.7" and us.entries[0].parameters
    assert us.editions[0].list_id == "list:us:2026-07-23"
    # A not-implemented side with a control of its own that carries the words says so too.
    computers = _row(
        analyses.divergences(DivergenceRequest(jurisdiction=["US", "EU"], code_prefix="4A001.a.1")),
        "4.A.1.a.1",
    )
    assert "its own 4A994.a" in (
        next(s for s in computers.sides if s.jurisdiction == "US").note or ""
    )
