"""The analyses over Neo4j: the same analysis code, reading its records from the server with
:class:`queries.reading.neo4j.Neo4jData`."""

from __future__ import annotations

from neo4j import Driver

from queries.analyses import Analyses
from queries.reading.neo4j import Neo4jData


class Neo4jAnalyses(Analyses):
    """Every analysis, over a Neo4j database (the store's own driver or another one)."""

    def __init__(self, driver: Driver, database: str | None = None) -> None:
        super().__init__(Neo4jData(driver, database))
