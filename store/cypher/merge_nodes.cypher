UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n += row.props, n.source_key = $key, n.`_json` = row.json
SET n:$(row.label);
