UNWIND $ids AS id
MATCH (n:Node {id: id})
WHERE n.source_key IS NOT NULL AND n.source_key <> $key
RETURN n.id AS id, n.source_key AS owner
LIMIT 1;
