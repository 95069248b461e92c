// Issuers with a party list in the graph: partners without one are "no party list held".
MATCH (issuer:Node)-[:LISTS]->(:Party)
RETURN DISTINCT issuer.id AS issuer
ORDER BY issuer;
