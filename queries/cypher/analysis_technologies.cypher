// The technology taxonomy with labels and synonyms (technology filters, word search).
MATCH (t:Technology)
WHERE t.source_key IS NOT NULL
RETURN t.id AS id, properties(t) AS props
ORDER BY id;
