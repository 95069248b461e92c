UNWIND $rows AS row
MERGE (a:Node {id: row.source})
MERGE (b:Node {id: row.target})
CREATE (a)-[r:$(row.type)]->(b)
SET r += row.props, r.id = row.id, r.source_key = $key, r.`_json` = row.json;
