// Subscribers of codes of conduct with the date they subscribed (commitment gaps).
MATCH (c:Country)-[r:SUBSCRIBES]->(k:CodeOfConduct)
RETURN c.id AS country, k.id AS code, properties(r) AS props
ORDER BY code, country;
