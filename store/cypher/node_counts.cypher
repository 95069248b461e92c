MATCH (n:Node)
WHERE n.source_key IS NOT NULL
RETURN [label IN labels(n) WHERE label <> 'Node'][0] AS name, count(*) AS count;
