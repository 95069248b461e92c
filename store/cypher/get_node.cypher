MATCH (n:Node {id: $id})
WHERE n.source_key IS NOT NULL
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Node'][0] AS label,
       properties(n) AS props;
