// Through the endpoints, whose ids are indexed: an edge's id is made from its endpoints
// (graph_schema.ids.edge_id), and a scan of every relationship per id is quadratic.
UNWIND $edges AS row
MATCH (:Node {id: row.source})-[r]->(:Node {id: row.target})
WHERE r.id = row.id AND r.source_key <> $key
RETURN r.id AS id, r.source_key AS owner
LIMIT 1;
