// Who lists the given parties, on which list, when and why (party search and gaps).
UNWIND $ids AS party_id
MATCH (issuer:Node)-[r:LISTS]->(p:Node {id: party_id})
RETURN issuer.id AS issuer, p.id AS party, properties(r) AS props
ORDER BY party, issuer, r.list_name;
