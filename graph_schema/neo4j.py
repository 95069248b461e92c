"""Neo4j constraints and indexes, generated from the node models.

Every node carries the generic label ``Node`` (unique ``id``) besides its own label, so edges
can be written between nodes by id whatever their type. Labels and property names come from the
models, never from data, so generating these texts is not value formatting.
"""

from __future__ import annotations

from graph_schema.model import NODE_TYPES

GENERIC_LABEL = "Node"
SOURCE_LABEL = "HarmoniaSource"
META_LABEL = "HarmoniaMeta"
#: Properties of the store's own bookkeeping nodes (sources, revision) and internal keys.
BOOKKEEPING_KEYS = ("key", "source_key", "digest", "record", "revision", "_json")


def schema_statements() -> list[str]:
    """Idempotent DDL: run on every start of the Neo4j backend."""
    statements = [
        f"CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:{GENERIC_LABEL}) REQUIRE n.id IS UNIQUE",
        f"CREATE CONSTRAINT source_key IF NOT EXISTS "
        f"FOR (s:{SOURCE_LABEL}) REQUIRE s.key IS UNIQUE",
        f"CREATE INDEX node_source_key IF NOT EXISTS FOR (n:{GENERIC_LABEL}) ON (n.source_key)",
    ]
    for label, cls in sorted(NODE_TYPES.items()):
        statements.append(
            f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        )
        for prop in cls.INDEXED:
            statements.append(
                f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
            )
    return statements
