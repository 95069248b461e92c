// The entries of every list edition that implement one regime entry (IMPLEMENTS), with their
// list and the edge: an entry page's "implemented by", search by code and the national
// analysis read these for one entry rather than every edition's entries.
MATCH (:Node {id: $target_id})<-[r:IMPLEMENTS]-(e:ControlEntry)<-[:CONTAINS]-(l:ControlList)
WHERE e.source_key IS NOT NULL AND l.source_key IS NOT NULL
RETURN e.id AS id, l.id AS list_id, properties(r) AS props
ORDER BY list_id, id;
