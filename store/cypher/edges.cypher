MATCH (a:Node)-[r]->(b:Node)
WHERE r.source_key IS NOT NULL
  AND ($type IS NULL OR type(r) = $type)
  AND ($source IS NULL OR a.id = $source)
  AND ($target IS NULL OR b.id = $target)
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY id;
