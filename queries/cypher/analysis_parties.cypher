// Listed parties: names and aliases for the fuzzy name index (party search and gaps).
MATCH (p:Party)
WHERE p.source_key IS NOT NULL
RETURN p.id AS id, properties(p) AS props
ORDER BY id;
