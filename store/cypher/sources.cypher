MATCH (s:HarmoniaSource)
RETURN s.record AS record
ORDER BY s.key;
