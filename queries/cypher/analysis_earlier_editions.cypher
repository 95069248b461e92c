// For each entry of one list edition, the editions held before it that have it (NEXT_EDITION
// followed back, through renumberings): when a regime entry was added, without reading the
// older editions' entries.
MATCH (:Node {id: $list_id})-[:CONTAINS]->(e:ControlEntry)
WHERE e.source_key IS NOT NULL
MATCH (l:ControlList)-[:CONTAINS]->(:ControlEntry)-[:NEXT_EDITION*1..]->(e)
WHERE l.source_key IS NOT NULL
RETURN e.id AS id, collect(DISTINCT l.id) AS editions;
