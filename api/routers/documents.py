"""Documents (news, statements) with their mentions, and the claims they make."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import CatalogDep, DocumentsDep, PagingDep
from api.errors import ERROR_RESPONSES
from queries.documents import ClaimView, DocumentDetail, DocumentSummary
from queries.views import Page

router = APIRouter(tags=["documents"], responses=ERROR_RESPONSES)


Language = Annotated[
    Literal["ar", "en", "fr"] | None, Query(description="Only documents in this language.")
]


@router.get("/documents", summary="List ingested documents")
def list_documents(
    docs: DocumentsDep, paging: PagingDep, language: Language = None
) -> Page[DocumentSummary]:
    return paging.page(docs.documents(language=language))


@router.get("/documents/{document}", summary="One document with its mentions highlighted")
def get_document(
    docs: DocumentsDep,
    document: Annotated[
        str,
        Path(
            min_length=4,
            max_length=40,
            pattern=r"^(doc:)?[0-9a-f]{16}$",
            description="Document id (doc:<16 hex digits>).",
            examples=["doc:75f2eb03d85826a8"],
        ),
    ],
) -> DocumentDetail:
    return docs.document(document)


@router.get("/claims", summary="Claims made by documents, with evidence and official agreement")
def list_claims(
    docs: DocumentsDep,
    paging: PagingDep,
    country: Annotated[
        str | None,
        Query(
            pattern=r"^(country:)?[A-Za-z]{2}$",
            description="ISO code; either side.",
            examples=["DK"],
        ),
    ] = None,
    initiative: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Regime or initiative id (its codes count too).",
            examples=["echri"],
        ),
    ] = None,
    technology: Annotated[
        str | None, Query(max_length=100, description="Technology id.", examples=["spyware"])
    ] = None,
    agreement: Annotated[
        Literal["agrees", "contradicts", "unknown"] | None,
        Query(description="Agreement with the official data in the graph."),
    ] = None,
    predicate: Annotated[
        Literal["member_of", "subscribes_to", "lists_party", "controls", "partners_with"] | None,
        Query(description="Kind of claim."),
    ] = None,
    language: Language = None,
) -> Page[ClaimView]:
    return paging.page(
        docs.claims(
            country=country,
            initiative=initiative,
            technology=technology,
            agreement=agreement,
            predicate=predicate,
            language=language,
        )
    )


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
    return paging.page(docs.claims(country=code))
