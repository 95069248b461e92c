// Nodes of the replaced edition become bare placeholders: edges other sources drew to them
// stay, as in the embedded store, until the node is defined again or pruned.
MATCH (n:Node {source_key: $key})
WITH n, [label IN labels(n) WHERE label <> 'Node'] AS own
REMOVE n:$(own)
SET n = {id: n.id}
RETURN count(n) AS removed;
