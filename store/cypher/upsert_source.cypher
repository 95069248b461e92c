MERGE (s:HarmoniaSource {key: $key})
SET s.record = $record, s.digest = $digest;
