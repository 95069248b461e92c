"""The only code that reads the graph.

- :mod:`queries.reading.records`: the typed records the analyses read, and their builders.
- :mod:`queries.reading.source`: the adapters a reader takes nodes and edges from (the
  networkx view of a store, or the store protocol).
- :mod:`queries.reading.reader`: the rows reader, written once over those adapters;
  :mod:`queries.reading.neo4j` answers the same protocol with Cypher run on a Neo4j server.
- :mod:`queries.reading.names`: one resolver of jurisdiction, regime, country and technology
  names, used by the analyses, the catalogue and the documents.
- :mod:`queries.reading.neighbours`: one node's properties and edges, for the catalogue and
  document pages.
"""
