MATCH (n:Node)
WHERE n.source_key IS NULL AND NOT EXISTS { (n)--() }
DELETE n;
