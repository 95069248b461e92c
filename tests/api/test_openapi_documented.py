"""Every field of every request and response model in the OpenAPI has a description."""

from __future__ import annotations

import re
from pathlib import Path

from api.app import create_app
from store.embedded import EmbeddedStore

# Schemas FastAPI generates itself (validation errors, form bodies): not ours to document.
GENERATED = {"HTTPValidationError", "ValidationError"}
GENERATED_PREFIX = re.compile(r"^Body_")


def test_every_schema_property_has_a_description(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        spec = create_app(store).openapi()
    finally:
        store.close()
    schemas = spec["components"]["schemas"]
    assert schemas, "the OpenAPI has no component schemas"
    missing = [
        f"{name}.{field}"
        for name, schema in schemas.items()
        if name not in GENERATED and not GENERATED_PREFIX.match(name)
        for field, prop in schema.get("properties", {}).items()
        if not str(prop.get("description") or "").strip()
    ]
    assert not missing, f"properties without a description: {missing}"
