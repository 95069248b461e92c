MERGE (m:HarmoniaMeta {key: 'graph'})
ON CREATE SET m.revision = 0
SET m.revision = m.revision + 1;
