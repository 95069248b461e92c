"""All of Harmonia's settings, read from the environment (prefix ``HARMONIA_``) or a .env file.

A leaf module: it imports nothing of the project. The edges (CLI, API app factory,
``harmonia.open()``) read it and pass what each room needs down as arguments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HARMONIA_", env_file=".env", extra="ignore")

    store: Literal["embedded", "neo4j"] = Field(
        default="embedded", description="Which backend holds the graph."
    )
    db_path: Path = Field(
        default=Path("var/harmonia.sqlite"), description="File of the embedded store."
    )
    sources_dir: Path | None = Field(
        default=None,
        description="Directory holding the raw source files (e.g. ../shared/data). "
        "Falls back to the fetch cache.",
    )
    cache_dir: Path = Field(
        default=Path("var/cache"), description="Where 'harmonia fetch' stores downloads."
    )
    neo4j_uri: str | None = Field(default=None, description="e.g. bolt://localhost:7687")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str | None = None
    host: str = Field(default="127.0.0.1", description="Address 'harmonia serve' listens on.")
    port: int = Field(default=8000, ge=1, le=65535)
    api_key: SecretStr | None = Field(
        default=None, description="Key for endpoints that write; unset = they are off."
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed to call the API from a browser."
    )
    response_cache_mb: float = Field(
        default=32.0,
        ge=0,
        le=4096,
        description="Answers kept per graph revision for repeated reads, in MB (0: none).",
    )
    refresh_seconds: float = Field(
        default=0.5,
        gt=0,
        le=3600,
        description="How often the server may look for a newer graph revision to serve.",
    )
    chromium: Path | None = Field(
        default=None,
        description="The Chromium that prints PDFs; unset: chromium found on the PATH.",
    )
