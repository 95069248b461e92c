// Lints Cypher statements with Neo4j's own Cypher language support
// (npm @neo4j-cypher/language-support, pinned in package.json). Runs offline under Node 20+.
//
// Input (stdin, JSON), either
//   [{"name": "store/cypher/write.cypher#2", "text": "MATCH ..."}, ...]
// or
//   {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//    "statements": [{"name": ..., "text": ...}, ...]}
// The schema is optional. With it, labels, relationship types and property keys that are not
// in the graph model are reported as warnings (typos); without it they are not checked at all.
//
// Output (stdout): one line per diagnostic, `name:line:col: severity: message`, where line and
// col are 1-based and relative to the statement's text.
//
// What counts:
//   - error   (syntax errors, semantic errors such as undefined variables or wrong arity,
//              unknown built-in functions/procedures, a statement that holds more than one
//              query, a Cypher version other than 5): reported, and the exit status is 1.
//   - warning (deprecations, labels/types/properties outside the schema): reported only;
//              they never change the exit status.
//   - "Parameter $x is not defined." is dropped: parameters are bound by the driver at run
//     time, never known here (the package's own isNotParamError filter).
// Exit status: 0 no error, 1 at least one error, 2 bad input or a broken installation.
//
// Dialect: Cypher 5 (the project targets Neo4j 5.26 LTS): the DbSchema's defaultLanguage.

const INSTALL_HINT = 'run: npm ci --prefix tools/cypher-lint';
const DIALECT = 'CYPHER 5';
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

let ls;
try {
  ls = await import('@neo4j-cypher/language-support');
} catch (err) {
  process.stderr.write(
    `cypher-lint: cannot load @neo4j-cypher/language-support (${err.code ?? err.message}); ` +
      `${INSTALL_HINT}\n`,
  );
  process.exit(2);
}
const { lintCypherQuery, isNotParamError, parseStatementsStrs } = ls;

function fail(message) {
  process.stderr.write(`cypher-lint: ${message}\n`);
  process.exit(2);
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

// Built-in functions and procedures of Neo4j, so that a misspelt function (or an APOC one,
// which a plain Neo4j does not have) is an error. The package ships this catalogue, taken
// from a real server, as `testData.mockSchema`; if a future version drops it, function and
// procedure names are simply not checked.
function builtinRoutines() {
  const mock = ls.testData?.mockSchema;
  const functions = mock?.functions?.[DIALECT];
  const procedures = mock?.procedures?.[DIALECT];
  if (!functions || !procedures) return {};
  return {
    functions: {
      [DIALECT]: Object.fromEntries(
        Object.entries(functions).filter(([, fn]) => fn.isBuiltIn === true),
      ),
    },
    procedures: {
      [DIALECT]: Object.fromEntries(
        Object.entries(procedures).filter(([name]) => /^(db|dbms|tx)\./.test(name)),
      ),
    },
  };
}

function stringList(value, field) {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    fail(`schema.${field} must be a list of strings`);
  }
  return value;
}

function buildDbSchema(schema) {
  const dbSchema = { defaultLanguage: DIALECT, ...builtinRoutines() };
  if (schema !== undefined) {
    if (typeof schema !== 'object' || schema === null) fail('schema must be an object');
    const labels = stringList(schema.labels, 'labels');
    const relationshipTypes = stringList(schema.relationshipTypes, 'relationshipTypes');
    const propertyKeys = stringList(schema.propertyKeys, 'propertyKeys');
    if (labels) dbSchema.labels = labels;
    if (relationshipTypes) dbSchema.relationshipTypes = relationshipTypes;
    if (propertyKeys) dbSchema.propertyKeys = propertyKeys;
  }
  return dbSchema;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

const VERSION_PREFIX = /^\s*(?:(?:\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*CYPHER\s+(\d+)\b/i;

function diagnose(text, dbSchema) {
  const found = [];
  const version = VERSION_PREFIX.exec(text);
  if (version && version[1] !== '5') {
    found.push({
      severity: 1,
      line: 1,
      col: 1,
      message: `CYPHER ${version[1]} selected: the project targets Neo4j 5.26 (Cypher 5)`,
    });
  }
  const queries = parseStatementsStrs(text).filter((q) => stripComments(q).trim() !== '');
  if (queries.length > 1) {
    found.push({
      severity: 1,
      line: 1,
      col: 1,
      message: `${queries.length} statements in one text: end each with ';' at the end of a line`,
    });
  }
  const { diagnostics } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: false });
  for (const d of diagnostics.filter(isNotParamError)) {
    found.push({
      severity: d.severity ?? 1,
      line: d.range.start.line + 1,
      col: d.range.start.character + 1,
      message: d.message.replace(/\s*\n\s*/g, ' '),
    });
  }
  return found;
}

// The package swallows exceptions of its semantic analysis and then reports nothing; make
// sure both the parser and the semantic analysis are live before trusting a clean result.
function selfCheck(dbSchema) {
  const probes = [
    ['MATCH (n RETURN n', 'syntax'],
    ['MATCH (n) RETURN m', 'semantic'],
  ];
  for (const [query, kind] of probes) {
    if (!diagnose(query, dbSchema).some((d) => d.severity === 1)) {
      fail(`self-check failed: no ${kind} error for ${JSON.stringify(query)} (Node ${process.version})`);
    }
  }
}

let input;
try {
  input = JSON.parse(await readStdin());
} catch (err) {
  fail(`stdin is not JSON: ${err.message}`);
}
const statements = Array.isArray(input) ? input : input?.statements;
if (!Array.isArray(statements)) fail('expected a JSON list of {"name", "text"} objects');
const dbSchema = buildDbSchema(Array.isArray(input) ? undefined : input.schema);
selfCheck(dbSchema);

let errors = 0;
const lines = [];
for (const [index, statement] of statements.entries()) {
  if (typeof statement?.name !== 'string' || typeof statement?.text !== 'string') {
    fail(`statement ${index}: expected {"name": string, "text": string}`);
  }
  for (const d of diagnose(statement.text, dbSchema)) {
    if (d.severity === 1) errors += 1;
    lines.push(`${statement.name}:${d.line}:${d.col}: ${SEVERITY[d.severity] ?? 'info'}: ${d.message}`);
  }
}
if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
process.exitCode = errors > 0 ? 1 : 0;
