"""Provenance: where every fact in the graph comes from."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class Provenance(BaseModel):
    """The origin of one node or edge.

    Stored flattened (``prov_*`` properties) because Neo4j properties cannot hold maps.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(description="Source id, e.g. 'wassenaar-list' or 'reference'.")
    edition: str | None = Field(default=None, description="Edition of the source, e.g. '2025'.")
    file_sha256: str | None = Field(default=None, description="SHA-256 of the file read.")
    retrieved: date | None = Field(default=None, description="When the file was obtained.")
    citation: str | None = Field(default=None, description="URL, section or page of the fact.")
    sentence: str | None = Field(default=None, description="Sentence a text-derived fact rests on.")
