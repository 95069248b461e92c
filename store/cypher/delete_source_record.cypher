MATCH (s:HarmoniaSource {key: $key})
DELETE s
RETURN count(s) AS removed;
