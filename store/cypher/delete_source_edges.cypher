MATCH ()-[r]->()
WHERE r.source_key = $key
DELETE r
RETURN count(r) AS removed;
