// Codes of conduct, who established them, and the technologies they and their commitments
// address (commitment gaps).
MATCH (k:CodeOfConduct)
WHERE k.source_key IS NOT NULL
RETURN k.id AS id,
       properties(k) AS props,
       [(g:Regime)-[:ESTABLISHES]->(k) | g.id] AS established_by,
       [(k)-[:ADDRESSES]->(t:Technology) | t.id] AS technologies,
       [(k)-[:HAS_COMMITMENT]->(m:Commitment)-[:ADDRESSES]->(t:Technology) |
        {technology: t.id, number: m.number}] AS commitments
ORDER BY id;
