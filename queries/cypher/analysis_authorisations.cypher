// General export authorisations (EU001-EU008...) with their destinations and the entries they
// exclude or cover: which authorisation an export may use.
MATCH (g:GeneralAuthorisation)
RETURN g.id AS id,
       properties(g) AS props,
       [(g)-[:VALID_FOR]->(c:Country) | c.id] AS destinations,
       [(g)-[:EXCLUDES]->(e:ControlEntry) | e.id] AS excluded,
       [(g)-[:COVERS_ENTRY]->(e:ControlEntry) | e.id] AS covered
ORDER BY id;
