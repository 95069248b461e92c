"""Documents, their mentions and the claims they make, read from the graph.

Claims are reported facts: each carries the sentence it rests on, the document, a confidence,
and whether the official data in the graph agrees, contradicts or says nothing.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph_schema.model import Agreement
from queries.errors import NotFound
from queries.reading.neighbours import NodeReader, neighbours_of
from queries.reading.records import as_date
from queries.requests import ClaimsRequest
from store.base import GraphStore


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class DocumentSummary(_View):
    id: str = Field(description="Document node id.", examples=["doc:75f2eb03d85826a8"])
    title: str = Field(description="Title of the document.")
    language: str = Field(description="Language code of the text.", examples=["ar"])
    published: date | None = Field(default=None, description="Publication date.")
    source: str = Field(description="Where the document comes from (URL or file name).")
    file_sha256: str = Field(description="Checksum of the document file.")
    mention_count: int = Field(description="Mentions of graph nodes in it.")
    claim_count: int = Field(description="Claims extracted from it.")


class MentionView(_View):
    node: str = Field(description="Node id mentioned.", examples=["country:DK"])
    label: str = Field(description="Label of that node.", examples=["Country"])
    name: str = Field(description="The node's name.", examples=["Denmark"])
    text: str = Field(description="The words of the document.", examples=["والدنمارك"])
    start: int = Field(description="Start offset in the document text.")
    end: int = Field(description="End offset (exclusive) in the text.")


class Segment(_View):
    """A run of the document text; ``mention`` is set when the run names a node."""

    text: str = Field(description="The run of text.")
    mention: MentionView | None = Field(
        default=None, description="The mention this run is, if any."
    )


class ClaimView(_View):
    id: str = Field(description="Claim node id.")
    subject: str = Field(description="Node id the claim is about.", examples=["country:DK"])
    subject_name: str = Field(description="Name of the subject.")
    predicate: str = Field(description="Relation claimed.", examples=["member_of"])
    object: str = Field(description="Node id of the object.", examples=["regime:echri"])
    object_name: str = Field(description="Name of the object.")
    qualifier: str = Field(default="", description="Extra qualifier of the relation, if any.")
    date: str = Field(
        default="",
        description="When the claimed event happened (ISO date, year-month or year), from the "
        "sentence, else the document's date; empty when neither is known.",
        examples=["2021-11-03"],
    )
    sentence: str = Field(description="The evidence: the sentence that states the claim.")
    document: str = Field(description="Node id of the document.")
    document_title: str = Field(description="Title of the document.")
    published: dt.date | None = Field(default=None, description="Publication date of the document.")
    language: str = Field(description="Language of the sentence.")
    confidence: float = Field(description="Extraction confidence, 0.1..1.")
    agreement: Agreement = Field(description="What the official data in the graph says.")
    agreement_reason: str = Field(description="Why the agreement was judged so.")


class DocumentDetail(DocumentSummary):
    text: str = Field(description="Plain text; mention offsets refer to it.")
    mentions: list[MentionView] = Field(description="Node mentions, by offset.")
    segments: list[Segment] = Field(
        description="The text cut into runs, mentions marked: render them highlighted."
    )
    claims: list[ClaimView] = Field(description="Claims the document makes.")


class DocumentQueries:
    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @property
    def graph(self) -> NodeReader:
        return neighbours_of(self.store)

    def _summary(self, graph: NodeReader, node: str, attrs: dict[str, Any]) -> DocumentSummary:
        mentions = len(graph.out(node, "MENTIONS"))
        claims = len(graph.out(node, "ASSERTS"))
        return DocumentSummary(
            id=node,
            title=attrs.get("title", ""),
            language=attrs.get("language", ""),
            published=as_date(attrs.get("published")),
            source=attrs.get("source", ""),
            file_sha256=attrs.get("file_sha256", ""),
            mention_count=mentions,
            claim_count=claims,
        )

    def documents(self, language: str | None = None) -> list[DocumentSummary]:
        graph = self.graph
        graph.preload("MENTIONS", "ASSERTS")
        rows = [
            self._summary(graph, n, d)
            for n, d in graph.of_label("Document")
            if language is None or d.get("language") == language
        ]
        return sorted(rows, key=lambda r: (str(r.published or ""), r.id), reverse=True)

    def document(self, ident: str) -> DocumentDetail:
        graph = self.graph
        node = ident if ident.startswith("doc:") else f"doc:{ident}"
        attrs = graph.node(node)
        if attrs.get("label") != "Document":
            raise NotFound(f"no document {ident!r}: see /documents")
        mentions = sorted(
            (
                MentionView(
                    node=v,
                    label=str(graph.node(v).get("label", "")),
                    name=graph.name(v),
                    text=d["text"],
                    start=d["start"],
                    end=d["end"],
                )
                for v, d in graph.out(node, "MENTIONS")
            ),
            key=lambda m: (m.start, m.end),
        )
        text = attrs.get("text", "")
        return DocumentDetail(
            **self._summary(graph, node, attrs).model_dump(),
            text=text,
            mentions=mentions,
            segments=segments(text, mentions),
            claims=self.claims(document=node),
        )

    def claims(
        self, request: ClaimsRequest | None = None, *, document: str | None = None
    ) -> list[ClaimView]:
        """Claims, filtered (all of one ``document``'s without a request). ``country`` /
        ``initiative`` / ``technology`` match either side."""
        asked = request or ClaimsRequest()
        country, initiative, technology = asked.country, asked.initiative, asked.technology
        agreement, predicate, language = asked.agreement, asked.predicate, asked.language
        graph = self.graph
        wanted: list[set[str]] = []
        if country is not None:
            code = country.strip().removeprefix("country:").upper()
            wanted.append({f"country:{code}"})
        if initiative is not None:
            raw = initiative.strip()
            wanted.append(
                {raw if raw.startswith(("regime:", "coc:")) else f"regime:{raw.lower()}"}
                | self._codes_of(graph, raw)
            )
        if technology is not None:
            raw = technology.strip()
            wanted.append({raw if raw.startswith("tech:") else f"tech:{raw.lower()}"})
        rows: list[ClaimView] = []
        for node, d in graph.of_label("Claim"):
            sides = {d["subject"], d["object"]}
            if any(not (sides & w) for w in wanted):
                continue
            if agreement is not None and d["agreement"] != agreement:
                continue
            if predicate is not None and d["predicate"] != predicate:
                continue
            if language is not None and d["language"] != language:
                continue
            if document is not None and d["document"] != document:
                continue
            doc = graph.node(d["document"])
            rows.append(
                ClaimView(
                    id=node,
                    subject=d["subject"],
                    subject_name=graph.name(d["subject"]),
                    predicate=d["predicate"],
                    object=d["object"],
                    object_name=graph.name(d["object"]),
                    qualifier=d.get("qualifier", ""),
                    date=str(d.get("date") or ""),
                    sentence=d["sentence"],
                    document=d["document"],
                    document_title=doc.get("title", ""),
                    published=as_date(doc.get("published")),
                    language=d["language"],
                    confidence=d["confidence"],
                    agreement=d["agreement"],
                    agreement_reason=d.get("agreement_reason", ""),
                )
            )
        return sorted(rows, key=lambda c: (c.document, c.sentence, c.subject, c.object))

    @staticmethod
    def _codes_of(graph: NodeReader, regime: str) -> set[str]:
        """An initiative's codes of conduct count as the initiative (ECHRI -> its Code)."""
        rid = regime if regime.startswith("regime:") else f"regime:{regime.lower()}"
        return {v for v, _ in graph.out(rid, "ESTABLISHES")}


def segments(text: str, mentions: list[MentionView]) -> list[Segment]:
    """The text as plain runs and mention runs (overlapping mentions: the first wins)."""
    out: list[Segment] = []
    pos = 0
    for m in mentions:
        if m.start < pos or m.end > len(text):
            continue
        if m.start > pos:
            out.append(Segment(text=text[pos : m.start]))
        out.append(Segment(text=text[m.start : m.end], mention=m))
        pos = m.end
    if pos < len(text):
        out.append(Segment(text=text[pos:]))
    return out
