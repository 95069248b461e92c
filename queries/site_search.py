"""The dashboard's one search box: control entries by code (any numbering) or words, and
listed parties by name, in one answer.

Nothing is matched here: entries come from :class:`queries.search.Search` (a code in any
numbering, words in English, French or Arabic) and parties from the party name matcher
(:mod:`queries.party_match`: legal forms stripped with cleanco, common words set aside, so
"NSO Group Technologies" finds "NSO Group") completed by the fuzzy name search of ``/parties``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from queries.analyses import Analyses
from queries.errors import InvalidQuery
from queries.reading.records import PartyInfo
from queries.requests import Numbering, SearchRequest
from queries.views import PartyHit, SearchReport

#: From this fuzzy score (``/parties``) a name found by the plain name search is shown beside
#: the matcher's: "NSO" finds "NSO Group" (score 90), not "PNC Technology Group" (81).
FUZZY_SCORE = 90.0
#: Numberings tried, in order, when a code read in the default numbering finds nothing: a
#: SCOMET code (8A502) reads as an ECCN and exists only in SCOMET's numbering.
OTHER_NUMBERINGS: tuple[Numbering, ...] = ("scomet",)


class SiteSearch(BaseModel):
    """Entries and parties for one query, grouped."""

    model_config = ConfigDict(frozen=True)

    query: str = Field(description="The query as given.")
    entries: SearchReport = Field(description="Control entries found (see /search).")
    parties: list[PartyHit] = Field(
        description="Listed parties found by name, the party name matcher's first (one best "
        "per issuer holding party lists), then the fuzzy name search's."
    )


def site_search(analyses: Analyses, q: str, *, limit: int = 20) -> SiteSearch:
    text = q.strip()
    if not text:
        raise InvalidQuery("the query is empty")
    entries = analyses.search(SearchRequest(q=text), limit=limit)
    if not entries.total and entries.reading.kind == "code":
        for system in OTHER_NUMBERINGS:
            try:
                other = analyses.search(SearchRequest(q=text, system=system), limit=limit)
            except InvalidQuery:
                continue  # not a code in that numbering
            if other.total:
                entries = other
                break
    parties = party_hits(analyses, text, limit=limit) if len(text) >= 2 else []
    return SiteSearch(query=text, entries=entries, parties=parties)


def party_hits(analyses: Analyses, name: str, *, limit: int = 20) -> list[PartyHit]:
    """Parties whose name matches ``name``: for each issuer holding party lists, its party
    the matcher finds closest when it is a match or a possible one (the verdicts of
    ``/gaps/party-lists``), then the fuzzy name search's hits from :data:`FUZZY_SCORE`."""
    lists = analyses.party_lists()
    probe = PartyInfo(id="", name=name, kind="unknown", aliases=(), countries=(), lists=())
    found: dict[str, PartyHit] = {}
    for issuer in lists.issuers():
        match = lists.match(probe, [], issuer)
        if match.candidate is None or match.verdict == "only":
            continue
        party = match.candidate.party
        # The party's own hit carries its listings and its counterparts on the other
        # issuers' lists (who else lists it): found by its exact name.
        hits, _ = analyses.parties(party.name, limit=20, min_score=100)
        for hit in hits:
            if hit.party.id == party.id:
                how = "matches" if match.verdict == "both" else "may match"
                found[party.id] = hit.model_copy(
                    update={
                        "matched": match.candidate_name,
                        "score": match.score,
                        "reason": f"'{match.candidate_name}' {how} '{name}' by the party name "
                        f"matcher (score {match.score:.0f}, legal forms and common words set "
                        f"aside); {hit.reason.split('; ', 1)[-1]}",
                    }
                )
    fuzzy, _ = analyses.parties(name, limit=limit, min_score=FUZZY_SCORE)
    for hit in fuzzy:
        found.setdefault(hit.party.id, hit)
    return list(found.values())[:limit]
