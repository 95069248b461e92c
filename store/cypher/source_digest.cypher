MATCH (s:HarmoniaSource {key: $key})
RETURN s.digest AS digest;
