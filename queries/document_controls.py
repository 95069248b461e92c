"""From a document to the controls it concerns.

The technologies a document mentions, the entries covering them in the current lists of the
countries (and the EU) it names, and the divergences among those that hold lists: read from the
document's mentions, answered by the analyses (the covering entries a search by technology finds,
the divergence report of ``/divergences``), never computed again here.
"""

from __future__ import annotations

from collections.abc import Iterable

from queries.analyses import Analyses
from queries.documents import DocumentQueries, MentionView
from queries.errors import InvalidQuery, NotFound
from queries.evidence import jurisdiction_view
from queries.reading.names import EU, Jurisdiction
from queries.requests import MAX_JURISDICTIONS, DivergenceRequest
from queries.views import (
    DocumentControls,
    DocumentDivergences,
    DocumentTechnology,
    EntryHit,
    NamedJurisdiction,
    TechnologyControls,
)

#: Divergence rows shown per technology; the counts cover them all.
FIRST_ROWS = 10


class DocumentControlQueries:
    def __init__(self, documents: DocumentQueries, analyses: Analyses) -> None:
        self.documents = documents
        self.analyses = analyses

    def controls(self, ident: str, *, rows: int = FIRST_ROWS) -> DocumentControls:
        """The controls document ``ident`` concerns (NotFound for an unknown document)."""
        doc = self.documents.document(ident)
        index = self.analyses.index
        notes: list[str] = []
        techs = self._technologies(doc.mentions)
        jurisdictions: list[tuple[Jurisdiction, list[str]]] = []
        for node, words in _first_mentions(
            m for m in doc.mentions if m.label == "Country" or m.node == EU
        ).items():
            try:
                jurisdictions.append((index.jurisdiction(node), words))
            except NotFound:
                notes.append(f"{node} is named but the graph holds no jurisdiction for it")
        controls = [
            self._state(tech.technology, juris) for tech in techs for juris, _ in jurisdictions
        ]
        compared = _compared(index.jurisdiction(j.via) if j.via else j for j, _ in jurisdictions)
        if len(compared) > MAX_JURISDICTIONS:
            notes.append(
                f"{len(compared)} named jurisdictions hold lists; divergences compare the first "
                f"{MAX_JURISDICTIONS} named"
            )
            compared = compared[:MAX_JURISDICTIONS]
        divergences: list[DocumentDivergences] = []
        if len(compared) >= 2:
            keys = [j.key for j in compared]
            for tech in techs:
                request = DivergenceRequest(jurisdiction=keys, technology=tech.technology)
                try:
                    report = self.analyses.divergences(request, limit=rows)
                except InvalidQuery as exc:
                    notes.append(f"no divergences for {tech.technology}: {exc}")
                    continue
                divergences.append(
                    DocumentDivergences(
                        technology=tech.technology, jurisdictions=keys, report=report
                    )
                )
        elif techs:
            notes.append("fewer than two of the jurisdictions named hold lists: nothing to compare")
        return DocumentControls(
            document=doc.id,
            title=doc.title,
            language=doc.language,
            published=doc.published,
            technologies=techs,
            jurisdictions=[
                NamedJurisdiction(**jurisdiction_view(juris).model_dump(), mentions=words)
                for juris, words in jurisdictions
            ],
            controls=controls,
            divergences=divergences,
            notes=notes,
        )

    def _technologies(self, mentions: list[MentionView]) -> list[DocumentTechnology]:
        index = self.analyses.index
        out: list[DocumentTechnology] = []
        for node, words in _first_mentions(m for m in mentions if m.label == "Technology").items():
            tech = index.techs.get(node)
            if tech is None:
                continue  # a mention of a technology node the lists' index does not hold
            out.append(
                DocumentTechnology(
                    technology=tech.id,
                    name=tech.name,
                    labels=dict(tech.labels),
                    mentions=words,
                    narrower=sorted(index.tech_closure(tech.id) - {tech.id}),
                )
            )
        return out

    def _state(self, technology: str, juris: Jurisdiction) -> TechnologyControls:
        if not juris.lists:
            return TechnologyControls(
                technology=technology, jurisdiction=juris.key, state="no-list-held"
            )
        hits: list[EntryHit] = []
        for info in juris.lists:
            hits += self.analyses.covering(technology, info.id)
        return TechnologyControls(
            technology=technology,
            jurisdiction=juris.key,
            state="covered" if hits else "no-entry-covers",
            entries=hits,
        )


def _first_mentions(mentions: Iterable[MentionView]) -> dict[str, list[str]]:
    """Node -> the words naming it, each once, nodes in order of first mention."""
    out: dict[str, list[str]] = {}
    for m in mentions:
        words = out.setdefault(m.node, [])
        if m.text not in words:
            words.append(m.text)
    return out


def _compared(named: Iterable[Jurisdiction]) -> list[Jurisdiction]:
    """The named jurisdictions holding lists, one per set of lists (a member state without its
    own is given as the EU, whose lists it reads: comparing France with the Netherlands would
    compare a list with itself)."""
    out: list[Jurisdiction] = []
    seen: set[tuple[str, ...]] = set()
    for juris in named:
        lists = tuple(sorted(i.id for i in juris.lists))
        if lists and lists not in seen:
            seen.add(lists)
            out.append(juris)
    return out
