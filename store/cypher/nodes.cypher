MATCH (n:Node)
WHERE n.source_key IS NOT NULL AND ($label IS NULL OR $label IN labels(n))
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Node'][0] AS label,
       properties(n) AS props
ORDER BY id;
