// The nodes of a chosen part of the graph (the filtered graph export), by id; ids the graph
// does not hold are skipped.
UNWIND $ids AS wanted
MATCH (n:Node {id: wanted})
WHERE n.source_key IS NOT NULL
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Node'][0] AS label,
       properties(n) AS props
ORDER BY id;
