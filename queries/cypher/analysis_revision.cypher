// Graph revision: the analyses rebuild their indexes when it changes.
OPTIONAL MATCH (m:HarmoniaMeta {key: 'graph'})
RETURN coalesce(m.revision, 0) AS revision;
