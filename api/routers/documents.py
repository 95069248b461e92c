"""Documents (news, statements) with their mentions, and the claims they make."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import AnalysesDep, CatalogDep, DocumentsDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries import requests
from queries.document_controls import DocumentControlQueries
from queries.documents import ClaimView, DocumentDetail, DocumentSummary
from queries.requests import ClaimsRequest
from queries.views import DocumentControls, Page

router = APIRouter(tags=["documents"], responses=ERROR_RESPONSES)


DocumentId = Annotated[
    str,
    Path(
        min_length=4,
        max_length=40,
        pattern=r"^(doc:)?[0-9a-f]{16}$",
        description="Document id (doc:<16 hex digits>).",
        examples=["doc:75f2eb03d85826a8"],
    ),
]

Language = Annotated[
    requests.Language | None, Query(description="Only documents in this language.")
]


@router.get("/documents", summary="List ingested documents")
def list_documents(
    docs: DocumentsDep, paging: PagingDep, language: Language = None
) -> Page[DocumentSummary]:
    return paging.page(docs.documents(language=language))


@router.get("/documents/{document}", summary="One document with its mentions highlighted")
def get_document(docs: DocumentsDep, document: DocumentId) -> DocumentDetail:
    return docs.document(document)


@router.get(
    "/documents/{document}/controls",
    summary="The controls a document concerns: entries covering its technologies in the lists "
    "of the countries it names, and their divergences",
)
def document_controls(
    docs: DocumentsDep, analyses: AnalysesDep, document: DocumentId
) -> DocumentControls:
    """For each technology the document mentions (narrower ones included) and each country or
    the EU it names: the entries of that jurisdiction's current lists covering it, or that it
    holds no list (which says nothing of what it controls); and, when two or more of them hold
    lists, the divergences among them for the technology (counts over all rows, the first
    rows), as ``/divergences`` answers them."""
    return DocumentControlQueries(docs, analyses).controls(document)


@router.get("/claims", summary="Claims made by documents, with evidence and official agreement")
def list_claims(
    docs: DocumentsDep, paging: PagingDep, request: Annotated[ClaimsRequest, Query()]
) -> Page[ClaimView]:
    return paging.page(docs.claims(request))


@router.get(
    "/countries/{code}/claims",
    summary="Claims about one country (reported, next to its official profile)",
)
def country_claims(
    docs: DocumentsDep,
    paging: PagingDep,
    catalog: CatalogDep,
    code: Annotated[
        str,
        Path(
            pattern=r"^(country:)?[A-Za-z]{2}$",
            description="ISO 3166-1 alpha-2 code.",
            examples=["DK"],
        ),
    ],
) -> Page[ClaimView]:
    catalog.country_id(code)  # 404 with a hint for an unknown country
    return paging.page(docs.claims(ClaimsRequest(country=code)))
