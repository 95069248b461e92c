// Memberships with their dates: who belongs to which regime (coverage, gaps, profiles).
MATCH (c:Country)-[r:MEMBER_OF]->(g:Regime)
RETURN c.id AS country, g.id AS regime, properties(r) AS props
ORDER BY regime, country;
