"""The base of every read model, and a page of results."""

from __future__ import annotations

from typing import Any, Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class View(BaseModel):
    model_config = ConfigDict(frozen=True)

    @classmethod
    def of(cls, record: object, **given: Any) -> Self:
        """This view of ``record``: the fields ``given``, and every other field read from the
        record's attribute of the same name (views mostly repeat their record's fields)."""
        values = {name: getattr(record, name) for name in cls.model_fields if name not in given}
        return cls(**values, **given)


class Page(View, Generic[T]):
    """One page of a longer result."""

    items: list[T] = Field(description="The items of this page.")
    total: int = Field(description="Number of items over all pages.")
    limit: int = Field(description="Page size asked for.")
    offset: int = Field(description="Index of the first item of this page.")


class ProvenanceView(View):
    source: str = Field(description="Source id the fact comes from.", examples=["reference"])
    edition: str | None = Field(default=None, description="Edition of that source.")
    citation: str | None = Field(default=None, description="URL or section the fact cites.")
    file_sha256: str | None = Field(default=None, description="Checksum of the file read.")
