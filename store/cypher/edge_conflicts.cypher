UNWIND $ids AS id
MATCH ()-[r]->()
WHERE r.id = id AND r.source_key <> $key
RETURN r.id AS id, r.source_key AS owner
LIMIT 1;
