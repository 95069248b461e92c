// The entries of one list edition with their alignment (IMPLEMENTS, ORIGIN) and technology
// tags (COVERS) and the same entry in the next edition (NEXT_EDITION): what coverage, divergence, gaps, changes and search read per list.
MATCH (:Node {id: $list_id})-[:CONTAINS]->(e:ControlEntry)
WHERE e.source_key IS NOT NULL
RETURN e.id AS id,
       properties(e) AS props,
       [(e)-[r:IMPLEMENTS]->(t:ControlEntry) | {target: t.id, props: properties(r)}] AS implements,
       [(e)-[r:ORIGIN]->(t:Node) | {target: t.id, props: properties(r)}] AS origins,
       [(e)-[r:COVERS]->(t:Technology) | {target: t.id, props: properties(r)}] AS covers,
       [(e)-[r:NEXT_EDITION]->(t:ControlEntry) | {target: t.id, props: properties(r)}] AS next,
       [(e)-[s:SAME_CONTROL]-(t:ControlEntry) WHERE coalesce(s.bounds, 'same') = 'same' | t.id] AS same,
       [(e)-[s:SAME_CONTROL]-(t:ControlEntry) WHERE s.bounds = 'other' | t.id] AS like
ORDER BY e.canonical;
