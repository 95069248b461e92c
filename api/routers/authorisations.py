"""General export authorisations: which ones an export may use."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AnalysesDep
from api.errors import ERROR_RESPONSES
from queries.views import AuthorisationReport

router = APIRouter(prefix="/authorisations", tags=["authorisations"], responses=ERROR_RESPONSES)


@router.get("", summary="Which general export authorisations cover an export")
def authorisations(
    analyses: AnalysesDep,
    code: Annotated[
        str,
        Query(
            min_length=2,
            max_length=40,
            pattern=r"^[A-Za-z0-9. ()]+$",
            description="Control code of the item, in the issuer's numbering or Wassenaar's.",
            examples=["5A001.j"],
        ),
    ],
    destination: Annotated[
        str,
        Query(
            min_length=2,
            max_length=60,
            description="Destination country: ISO code or name.",
            examples=["JP"],
        ),
    ],
    issuer: Annotated[
        str,
        Query(
            min_length=2,
            max_length=60,
            description="Whose authorisations: EU (Union General Export Authorisations).",
        ),
    ] = "EU",
) -> AuthorisationReport:
    """Every general authorisation of the issuer, whether it covers the item for the
    destination, and why (its destinations, and the entries it excludes or lists)."""
    return analyses.authorisations(code, destination, issuer)
