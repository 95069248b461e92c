// Countries: jurisdiction names and codes.
MATCH (c:Country)
WHERE c.source_key IS NOT NULL
RETURN c.id AS id, properties(c) AS props
ORDER BY id;
