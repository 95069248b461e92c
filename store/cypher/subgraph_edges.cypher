// The edges leaving the nodes of a chosen part of the graph; the caller keeps those whose
// target is in the part too (a list membership test per edge here would be linear in it).
UNWIND $ids AS wanted
MATCH (a:Node {id: wanted})-[r]->(b:Node)
WHERE r.source_key IS NOT NULL
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY id;
