"""Endpoints that write. Off unless HARMONIA_API_KEY is set; then they need that key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from api.deps import require_api_key
from api.serving import Served
from ingest.runner import ingest

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_api_key)])


class IngestOutcome(BaseModel):
    source_id: str = Field(description="Id of the source.")
    key: str = Field(description="'<source id>@<edition>'.")
    status: str = Field(description="written, unchanged, skipped or failed.")
    message: str = Field(description="What happened, in words.")


@router.post("/ingest", summary="Ingest sources from the configured sources directory")
def trigger_ingest(
    request: Request,
    source: Annotated[
        list[Annotated[str, Query(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")]]
        | None,
        Query(max_length=50, description="Source ids; all available when omitted."),
    ] = None,
) -> list[IngestOutcome]:
    """Runs in the request; reads go on from the graph as it was. When the ingest is done
    the served graph is brought up to date before answering, so the caller reads its write."""
    served: Served = request.app.state.served
    with served.writing() as store:
        outcomes = ingest(store, request.app.state.sources_search, only=source)
    served.refresh()
    return [
        IngestOutcome(source_id=o.source_id, key=o.key, status=o.status, message=o.message)
        for o in outcomes
    ]
