"""From a document to the controls it concerns, on the real graph and a real Arabic article
(``../shared/corpus/ar-2021-12-03-us-surveillance-export-campaign.txt``)."""

from __future__ import annotations

import pytest
from real_graph import real_graph_with_documents

from queries.analyses import Analyses
from queries.document_controls import DocumentControlQueries
from queries.documents import DocumentQueries
from queries.errors import NotFound
from queries.requests import DivergenceRequest, SearchRequest
from queries.views import DocumentControls
from store.embedded import EmbeddedStore

CAMPAIGN = "ar-2021-12-03-us-surveillance-export-campaign.txt"
ECHRI_LAUNCH = "ar-2021-12-10-echri-launch.txt"
#: The article's opening: the US plans to restrict the export of surveillance tools.
SURVEILLANCE = (
    "إن الولايات المتحدة تخطط لبدء حملة عالمية من شأنها تقييد تصدير أدوات المراقبة للأنظمة "
    "الاستبدادية"
)
#: The article's account of the Entity List additions of November 2021: firms from Israel,
#: Singapore and Russia (countries the graph holds no list for).
ENTITY_LIST = "وضعت إدارة بايدن أربع شركات للأمن السيبراني، من إسرائيل وسنغافورة وروسيا"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return EmbeddedStore(real_graph_with_documents(), read_only=True)


@pytest.fixture(scope="module")
def analyses(store: EmbeddedStore) -> Analyses:
    return Analyses(store)


@pytest.fixture(scope="module")
def queries(store: EmbeddedStore, analyses: Analyses) -> DocumentControlQueries:
    return DocumentControlQueries(DocumentQueries(store), analyses)


def doc_id(store: EmbeddedStore, file: str) -> str:
    found = [d.id for d in DocumentQueries(store).documents() if d.source.endswith(file)]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def campaign(store: EmbeddedStore, queries: DocumentControlQueries) -> DocumentControls:
    return queries.controls(doc_id(store, CAMPAIGN))


def test_the_article_says_what_the_test_reads(store: EmbeddedStore) -> None:
    text = DocumentQueries(store).document(doc_id(store, CAMPAIGN)).text
    assert SURVEILLANCE in text
    assert ENTITY_LIST in text


def test_surveillance_is_the_technology_and_its_words_are_the_articles(
    campaign: DocumentControls, analyses: Analyses
) -> None:
    assert campaign.language == "ar"
    techs = {t.technology: t for t in campaign.technologies}
    assert "tech:surveillance" in techs
    surveillance = techs["tech:surveillance"]
    assert "أدوات المراقبة" in surveillance.mentions
    # Narrower technologies count: spyware is a kind of surveillance in the taxonomy.
    assert set(surveillance.narrower) == analyses.index.tech_closure("tech:surveillance") - {
        "tech:surveillance"
    }


def test_us_entries_are_those_the_search_by_technology_finds(
    campaign: DocumentControls, analyses: Analyses
) -> None:
    us = next(j for j in campaign.jurisdictions if j.key == "US")
    assert "الولايات المتحدة" in us.mentions
    (us_list,) = [i.list_id for i in us.lists]
    row = next(
        c
        for c in campaign.controls
        if (c.technology, c.jurisdiction) == ("tech:surveillance", "US")
    )
    assert row.state == "covered"
    # The analyses' search, asked with the article's own words on the US list.
    found = analyses.search(SearchRequest(q="أدوات المراقبة", list_id=us_list), limit=None)
    assert found.technologies == ["tech:surveillance"]
    by_technology = {h.entry.id for h in found.items if h.match == "technology"}
    assert by_technology
    assert {h.entry.id for h in row.entries} == by_technology
    assert all(h.edition.list_id == us_list for h in row.entries)
    # Intrusion software (4A005) is among them, as the US list tags it.
    assert any(h.entry.code == "4A005" for h in row.entries)


def test_named_countries_without_a_list_say_so(campaign: DocumentControls) -> None:
    named = {j.key: j for j in campaign.jurisdictions}
    for key in ("IL", "SG", "RU"):
        assert named[key].lists == []
        row = next(
            c
            for c in campaign.controls
            if (c.technology, c.jurisdiction) == ("tech:surveillance", key)
        )
        assert row.state == "no-list-held"
        assert row.entries == []


def test_divergences_are_the_analyses_for_the_named_list_holders(
    campaign: DocumentControls, analyses: Analyses
) -> None:
    holders = [j.key for j in campaign.jurisdictions if j.lists]
    assert holders == ["US", "IN", "AU", "EU"]
    (div,) = [d for d in campaign.divergences if d.technology == "tech:surveillance"]
    assert div.jurisdictions == holders
    expected = analyses.divergences(
        DivergenceRequest(jurisdiction=holders, technology="tech:surveillance"), limit=10
    )
    assert div.report == expected
    assert div.report.total == sum(div.report.counts.values()) > 0


def test_member_states_are_compared_as_the_eu_once(
    store: EmbeddedStore, queries: DocumentControlQueries
) -> None:
    launch = queries.controls(doc_id(store, ECHRI_LAUNCH))
    named = {j.key: j for j in launch.jurisdictions}
    # The launch article names Denmark, France and the Netherlands as well as the EU.
    assert {"DK", "FR", "NL", "EU"} <= named.keys()
    assert named["DK"].via == "regime:eu"
    for div in launch.divergences:
        assert div.jurisdictions.count("EU") == 1
        assert not {"DK", "FR", "NL"} & set(div.jurisdictions)
    rows = {(c.technology, c.jurisdiction): c for c in launch.controls}
    assert [h.entry.id for h in rows["tech:surveillance", "DK"].entries] == [
        h.entry.id for h in rows["tech:surveillance", "EU"].entries
    ]


def test_unknown_document(queries: DocumentControlQueries) -> None:
    with pytest.raises(NotFound):
        queries.controls("doc:0000000000000000")
