// Empties the database of the scale benchmark, in batches: one transaction over a large
// graph exceeds the transaction memory of the server.
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS;
