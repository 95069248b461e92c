"""General export authorisations: which ones an export may use."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AnalysesDep
from api.errors import ERROR_RESPONSES
from queries.requests import AuthorisationsRequest
from queries.views import AuthorisationReport

router = APIRouter(prefix="/authorisations", tags=["authorisations"], responses=ERROR_RESPONSES)


@router.get("", summary="Which general export authorisations cover an export")
def authorisations(
    analyses: AnalysesDep, request: Annotated[AuthorisationsRequest, Query()]
) -> AuthorisationReport:
    """Every general authorisation of the issuer, whether it covers the item for the
    destination, and why (its destinations, and the entries it excludes or lists)."""
    return analyses.authorisations(request)
