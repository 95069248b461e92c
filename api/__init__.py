"""The HTTP API (FastAPI): routers per domain over the queries; never speaks Cypher."""
