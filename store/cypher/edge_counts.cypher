MATCH ()-[r]->()
WHERE r.source_key IS NOT NULL
RETURN type(r) AS name, count(*) AS count;
