// Every control-list edition with the node that issues it (all analyses).
MATCH (l:ControlList)
WHERE l.source_key IS NOT NULL
OPTIONAL MATCH (issuer:Node)-[:ISSUES]->(l)
RETURN l.id AS id, properties(l) AS props, issuer.id AS issuer
ORDER BY id;
