OPTIONAL MATCH (m:HarmoniaMeta {key: 'graph'})
RETURN coalesce(m.revision, 0) AS revision;
