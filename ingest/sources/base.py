"""What every source folder shares: the metadata model, the parse error and provenance."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph_schema.model import Record
from graph_schema.provenance import Provenance


class ParseError(ValueError):
    """The file is not what the source expects; the message says what was found."""


class CountRange(BaseModel):
    """Data-quality assertion: how many nodes of a label (or edges of a type) to expect."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> CountRange:
        if self.min > self.max:
            raise ValueError(f"min {self.min} > max {self.max}")
        return self


class SourceMeta(BaseModel):
    """The ``source.yaml`` of a source folder."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    issuer: str = Field(pattern=r"^(country|regime):", description="Node id of the issuer.")
    edition: str = Field(min_length=1)
    edition_date: date
    official_url: str = Field(pattern=r"^https://")
    download_url: str | None = Field(
        default=None,
        pattern=r"^https://",
        description="A URL serving exactly this file, if there is one; fetch uses it.",
    )
    obtained_from: str = Field(default="", description="How the file was obtained, honestly.")
    format: Literal["pdf", "json", "xml", "xlsx", "txt", "md", "html", "docx", "folder"] = Field(
        description="The file's format; 'folder' is an edition published as several files "
        "(its checksum is that of the folder's manifest, see ingest.checksum.sha256_path)."
    )
    file: str = Field(description="Path of the file (or folder) relative to the sources directory.")
    sha256: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="Expected SHA-256; required when the checksum is pinned.",
    )
    checksum: Literal["pinned", "recorded"] = Field(
        default="pinned",
        description="pinned: the file must have ``sha256``. recorded: no copy was at hand to "
        "pin; 'harmonia fetch' records the digest of what it downloads and ingest checks it.",
    )
    retrieved: date | None = None
    expected: dict[str, CountRange] = Field(
        default_factory=dict, description="Label or edge type -> expected count range."
    )
    notes: str = ""
    copy_may_lack: list[Literal["items", "paragraphs", "notes"]] = Field(
        default_factory=list,
        description="What this copy, as read, is known to lose against the official text: whole "
        "items ('items': ECCNs, headings), paragraphs ('paragraphs') or the Notes that narrow "
        "an entry ('notes'). A gap in such a copy is reported as not held, never as not "
        "controlled, and a Note it lacks is no evidence of a broader control.",
    )
    units: dict[str, str] = Field(
        default_factory=dict,
        description="How to name the counts printed at ingest: a label or edge type (or 'items', "
        "the top-level entries of a list) -> its unit, e.g. {items: ECCNs, ControlEntry: "
        "entries}.",
    )

    @field_validator("file")
    @classmethod
    def _relative(cls, value: str) -> str:
        path = PurePosixPath(value)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"file must be a path inside the sources directory: {value!r}")
        return value

    @model_validator(mode="after")
    def _checksum_mode(self) -> SourceMeta:
        if self.checksum == "pinned" and self.sha256 is None:
            raise ValueError("a pinned checksum needs sha256")
        if self.checksum == "recorded" and (self.sha256 is not None or not self.download_url):
            raise ValueError("a recorded checksum needs a download_url and no sha256")
        return self

    @property
    def key(self) -> str:
        return f"{self.id}@{self.edition}"

    def check_edition_date(self, path: Path, found: date, read_as: str) -> None:
        """Refuse a file of another date than the edition named here; ``read_as`` says what the
        file was read to be ("is MTCR/TEM/2023/Annex"), the date it bears follows it."""
        if found != self.edition_date:
            raise ParseError(
                f"{path.name} {read_as} of {found.isoformat()}, not the edition of "
                f"{self.edition_date.isoformat()} the metadata names"
            )

    def provenance(self, citation: str | None = None, sentence: str | None = None) -> Provenance:
        return Provenance(
            source=self.id,
            edition=self.edition,
            file_sha256=self.sha256,
            retrieved=self.retrieved,
            citation=citation or self.official_url,
            sentence=sentence,
        )


class Parser(Protocol):
    def __call__(self, path: Path, meta: SourceMeta) -> Iterator[Record]: ...


def load_json(path: Path, what: str) -> Any:
    """The JSON value in ``path``, or a one-line ParseError naming what was expected.

    ``what`` names the expected document ("the Commerce Control List JSON") for the messages.
    What the decoder refuses otherwise (nesting beyond its recursion limit, an integer beyond
    Python's digit limit) raises RecursionError or ValueError, for the caller to name.
    """
    raw = path.read_bytes()
    if not raw.strip():
        raise ParseError(f"{path.name} is empty")
    if raw.startswith(b"%PDF"):
        raise ParseError(f"{path.name} is a PDF, not {what}")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path.name} is not UTF-8 text: {exc.reason}") from exc
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"{path.name} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from exc


def load_json_object(path: Path, what: str) -> dict[str, Any]:
    """The JSON object in ``path``, or a one-line ParseError naming what was expected.

    ``what`` names the expected document ("the Commerce Control List JSON") for the messages.
    Deeply nested input is refused by the decoder's own recursion limit, caught here too.
    """
    try:
        data = load_json(path, what)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError(f"{path.name} is nested too deeply to be {what}") from exc
    except ValueError as exc:
        # e.g. an integer literal beyond Python's digit limit: not data any list publishes.
        raise ParseError(f"{path.name} is not {what}: {exc}") from exc
    if not isinstance(data, dict):
        raise ParseError(f"{path.name} holds a JSON {type(data).__name__}, not {what}")
    return data
