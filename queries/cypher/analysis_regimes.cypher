// Regimes, the EU and initiatives: jurisdictions that are not countries.
MATCH (g:Regime)
WHERE g.source_key IS NOT NULL
RETURN g.id AS id, properties(g) AS props
ORDER BY id;
