import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_ERROR_CODES, ErrorCode, repositoryRoot, UNAVAILABLE_CODES } from '@hub/kit';

/**
 * Malformed and hostile requests for the gateway, made from a seed (the same seed gives the same cases),
 * and the checks every answer must pass. Shared by the fuzz test (test/fuzz.e2e.test.ts) and
 * `npm run fuzz` (test/fuzz.ts).
 */

/** One HTTP request to the gateway. */
export interface FuzzCase {
  /** The generator that made it, for the counts. */
  kind: string;
  method: string;
  /** Path and query string, e.g. `/graphql?query=…`. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** A small seeded PRNG (mulberry32): enough to spread cases, and the same sequence for the same seed. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)], chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof prng>;

const EXAMPLES = (() => {
  const folder = path.join(repositoryRoot(), 'examples');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(folder, file), 'utf8').replace(/^#.*$/gm, '').trim());
})();

const LISTS = ['sectors', 'conventions', 'frameworkAgreements', 'competenceCentres', 'trainingOperators', 'validationBodies', 'educationNetworks', 'educationAuthorities', 'publicAuthorities', 'sectorBodies', 'sources', 'facts'];
const ONE = ['sector', 'convention', 'frameworkAgreement', 'competenceCentre', 'trainingOperator', 'validationBody', 'educationNetwork', 'educationAuthority', 'publicAuthority', 'sectorBody'];
const COUNTS = ['conventionCounts(groupBy: [SECTOR, KIND])', 'competenceCentreCounts(groupBy: [PROVINCE])', 'frameworkAgreementCounts(groupBy: [YEAR_SIGNED])'];
const NAMES = ['id', 'name', 'title', 'kind', 'nodes', 'edges', 'node', 'cursor', 'totalCount', 'pageInfo', 'endCursor', 'sectors', 'parties', '__typename', 'nope', 'password', '__schema', '__type'];

/** Text a client might send anywhere a string goes: long, empty, NUL, control characters, any script, broken UTF-16, injections. */
const HOSTILE_TEXT = [
  '',
  ' ',
  'x'.repeat(10_000),
  'é'.repeat(3000),
  '\u0000',
  'a\u0000b',
  '\n\r\t\b\f',
  '\u2028\u2029',
  '😀'.repeat(300),
  '\ud800',
  'a\udfffb',
  '\uffff\ufffe',
  '\ufeffBOM',
  '\u202eRTL',
  'e\u0301'.repeat(200),
  '\u200b',
  'İıß',
  '٣٤',
  '%',
  '_',
  '%_\\',
  '\\',
  "'",
  '"',
  "' OR '1'='1",
  '1; DROP TABLE conventions.sector --',
  '$1',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'null',
  'NaN',
  '-1',
  'liege',
  'industrie_alimentaire',
  'forem',
];
const HOSTILE_INT = ['-1', '0', '1', '499', '500', '501', '2147483647', '2147483648', '-2147483649', '99999999999999999999', '1.5', '1e3', '-0', 'null', '"5"', 'true', '[1]', '{a: 1}'];
const HOSTILE_DATE = ['2026-02-29', '2024-02-29', '2026-04-31', '0000', '0001-01-01', '9999-12-31', '10000', '2026-13', '2026-00', '2026-01-00', '2026-1-1', ' 2026', '2026 ', '2026-01-01T00:00:00Z', '', '-2026', '+2026', '٢٠٢٦', '2026-01-01\u0000', '1e3', '2026/01/01', 'x'.repeat(5000)];
const HOSTILE_VALUE = ['null', '1', '-1', '1.5', 'true', '""', '"x"', '[]', '[null]', '{}', '{ a: 1 }', 'NOPE', '$nope', 'FULL', '[[[["x"]]]]'];
const ENUMS = ['SECTOR', 'KIND', 'PROVINCE', 'FULL', 'PROVISIONAL', 'EDUCATION', 'TITLE', 'NAME', 'ASC', 'DESC', 'NOPE', 'name', 'sector', 'DROP'];

/** A GraphQL string literal of `text` (JSON's escapes are GraphQL's). */
const literal = (text: string) => JSON.stringify(text);

const base64url = (text: string) => Buffer.from(text).toString('base64url');
/** Cursors that are not: not base64, not JSON, the wrong shape or types, a real one's signature with hostile values (see `realCursor`). */
function hostileCursor(random: Random, real: string | undefined): string {
  const [signature] = real ? (JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as [string]) : ['x'];
  const values = ['null', '{}', '[]', '1e308', '-1', 'true', literal('\u0000'), literal('x'.repeat(5000)), literal('2026-13-45'), '{"$gt":""}', literal("' or 1=1 --")];
  return random.pick([
    '',
    'x',
    '====',
    '%%%',
    'a'.repeat(5000),
    base64url('{}'),
    base64url('null'),
    base64url('[1,2,3]'),
    base64url('["x"]'),
    base64url(`[${literal(signature)}]`),
    base64url(`[${literal(signature)},${random.pick(values)}]`),
    base64url(`[${literal(signature)},${random.pick(values)},${random.pick(values)}]`),
    base64url(`[${literal(signature)},${random.pick(values)},${random.pick(values)},${random.pick(values)}]`),
    real ?? 'x',
  ]);
}

const TOKENS = /"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\.\.|\s+|[^]/g;

/** One random change to a document, at the token level, each likely to reach a different check. */
function mutate(random: Random, document: string, cursor: string | undefined): string {
  const tokens = document.match(TOKENS) ?? [];
  const at = (test: (token: string) => boolean) => {
    const found = tokens.map((token, i) => (test(token) ? i : -1)).filter((i) => i >= 0);
    return found.length ? random.pick(found) : random.int(tokens.length);
  };
  switch (random.int(12)) {
    case 0:
      tokens[at((t) => t.startsWith('"'))] = literal(random.pick(HOSTILE_TEXT));
      break;
    case 1:
      tokens[at((t) => /^-?\d/.test(t))] = random.pick(HOSTILE_INT);
      break;
    case 2:
      tokens[at((t) => /^[A-Z][A-Z_]+$/.test(t))] = random.pick(ENUMS);
      break;
    case 3:
      tokens[at((t) => /^[a-z_]/i.test(t))] = random.pick(NAMES);
      break;
    case 4:
      tokens.splice(random.int(tokens.length), 1 + random.int(3));
      break;
    case 5: {
      const i = random.int(tokens.length);
      tokens.splice(i, 0, ...tokens.slice(i, i + 1 + random.int(5)));
      break;
    }
    case 6:
      tokens.splice(random.int(tokens.length), 0, random.pick(['{', '}', '(', ')', '[', ']', ':', '$', '@', '...', '!', '=', '|', '&', '"', '\\', '#', ',', '\u0000', '\ud800', 'é']));
      break;
    case 7: {
      // arguments on a field: page sizes, cursors, filters it has or not
      const args = random.pick([
        `(first: ${random.pick(HOSTILE_INT)})`,
        `(last: ${random.pick(HOSTILE_INT)}, before: ${literal(hostileCursor(random, cursor))})`,
        `(first: 2, after: ${literal(hostileCursor(random, cursor))})`,
        `(filter: { search: ${literal(random.pick(HOSTILE_TEXT))} })`,
        `(filter: { id: [${literal(random.pick(HOSTILE_TEXT))}] })`,
        `(filter: { not: { not: { not: { id: [] } } } })`,
        `(orderBy: [{ field: ${random.pick(ENUMS)}, direction: ${random.pick(ENUMS)} }])`,
        `(nope: ${random.pick(HOSTILE_VALUE)})`,
      ]);
      tokens.splice(at((t) => /^[a-z]/.test(t)) + 1, 0, args);
      break;
    }
    case 8:
      tokens.splice(at((t) => /^[a-z]/.test(t)) + 1, 0, random.pick([' @skip(if: true)', ' @include(if: false)', ' @skip(if: $nope)', ' @deprecated', ' @defer', ' @nope(x: 1)', ' @include(if: true) @include(if: true)']));
      break;
    case 9:
      return document.slice(0, random.int(document.length));
    case 10: {
      const [i, j] = [random.int(tokens.length), random.int(tokens.length)];
      [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
      break;
    }
    default:
      tokens[at((t) => t.startsWith('"'))] = literal(random.pick(HOSTILE_DATE));
  }
  return tokens.join('');
}

/** A field nested `depth` levels through the sector → agreement → convention → sector cycle. */
function nested(depth: number): string {
  const steps = ['sectors(first: 2) { nodes {', 'frameworkAgreements(first: 2) { nodes {', 'conventions(first: 2) { nodes {', 'sectors {'];
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const step = i === 0 ? steps[0] : steps[1 + ((i - 1) % 3)];
    open += `${step} id `;
    close += step.split('{').length - 1 === 2 ? '} } ' : '} ';
  }
  return `{ ${open}${close}}`;
}

/** A document made to stress one check of the gateway: depth, aliases, directives, fragments, tokens, cost, introspection. */
function heavyDocument(random: Random): string {
  const n = 1 + random.int(random.pick([10, 50, 1000, 6000]));
  switch (random.int(10)) {
    case 0:
      return nested(1 + random.int(40));
    case 1:
      return `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${random.pick(['__typename', 'sectors { totalCount }', 'objectives { code }'])}`).join(' ')} }`;
    case 2:
      return `{ sectors ${'@include(if: true) '.repeat(n)}{ totalCount } }`;
    case 3: {
      // a fragment bomb: each fragment spreads the next one twice
      const levels = 2 + random.int(30);
      const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : 'sectors { totalCount }'} }`);
      return `{ ...F0 } ${fragments.join(' ')}`;
    }
    case 4:
      return random.pick([`{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, `{ ...Missing }`, `{ sectors { totalCount } } fragment Unused on Query { sectors { totalCount } }`, `fragment A on Query { sectors { totalCount } }`]);
    case 5:
      return `${'{'.repeat(n)}${'}'.repeat(n)}`;
    case 6:
      return `{ ${Array.from({ length: Math.min(n, 40) }, (_, i) => `l${i}: ${random.pick(LISTS)}(first: 500) { nodes { id } }`).join(' ')} }`;
    case 7:
      return random.pick([
        '{ __schema { types { name kind fields(includeDeprecated: true) { name args { name type { name } } type { name ofType { name ofType { name } } } } } } }',
        `{ __type(name: ${literal(random.pick(['Sector', 'Query', 'Nope', 'x'.repeat(5000)]))}) { name fields { name } } }`,
        '{ __typename }',
        '{ _service { sdl } }',
        '{ _entities(representations: [{ __typename: "Sector", id: "construction" }]) { __typename } }',
      ]);
    case 8:
      return `{ sectors(first: 500) { nodes { frameworkAgreements(first: 500) { nodes { conventions(first: 500) { nodes { title } } } } } } }`;
    default:
      return `${Array.from({ length: Math.min(n, 200) }, (_, i) => `query Q${i} { sectors { totalCount } }`).join(' ')}`;
  }
}

/** A document that asks one thing with a hostile argument: ids, searches, dates, page sizes, cursors, enums. */
function hostileArgument(random: Random, cursor: string | undefined): string {
  const text = () => literal(random.pick(HOSTILE_TEXT));
  const date = () => literal(random.pick(HOSTILE_DATE));
  const list = random.pick(LISTS);
  return random.pick([
    () => `{ ${random.pick(ONE)}(id: ${text()}) { id name } }`,
    () => `{ ${list}(filter: { search: ${text()} }) { totalCount nodes { id } } }`,
    () => `{ ${list}(filter: { id: [${text()}, ${text()}] }) { totalCount } }`,
    () => `{ conventions(filter: { ${random.pick(['sector', 'party', 'agreement'])}: [${text()}] }) { totalCount } }`,
    () => `{ competenceCentres(filter: { ${random.pick(['province', 'city', 'managingBody', 'sector'])}: [${text()}] }) { totalCount } }`,
    () => `{ conventions(filter: { activeOn: ${date()} }) { totalCount } }`,
    () => `{ frameworkAgreements(filter: { signedBetween: { from: ${date()}, to: ${date()} } }) { totalCount } }`,
    () => `{ competenceCentres(filter: { labelActiveOn: ${date()}, labelExpiresBetween: { to: ${date()} } }) { totalCount } }`,
    () => `{ ${list}(filter: { changedSince: ${random.pick([text(), date(), '"2026-01-01T00:00:00Z"', '"2026-01-01T25:61:00Z"', '"-271821-04-20T00:00:00Z"'])} }) { totalCount } }`,
    () => `{ ${list}(first: ${random.pick(HOSTILE_INT)}, last: ${random.pick(HOSTILE_INT)}) { totalCount } }`,
    () => `{ ${random.pick(['sectors', 'conventions', 'competenceCentres'])}(${random.pick(['first: 2, after', 'last: 2, before', 'after', 'before'])}: ${literal(hostileCursor(random, cursor))}) { nodes { id } } }`,
    () => `{ sectors(first: 2, orderBy: [{ field: NAME }], after: ${literal(hostileCursor(random, cursor))}) { nodes { id } } }`,
    () => `{ ${random.pick(COUNTS).replace(/\[.*\]/, `[${random.pick(ENUMS)}]`)} { count } }`,
    () => `{ conventions(filter: { kind: [${random.pick(ENUMS)}], partyKind: ${random.pick(ENUMS)} }) { totalCount } }`,
    () => `{ competenceCentres(filter: { labelStatus: ${random.pick(ENUMS)} }, orderBy: [{ field: ${random.pick(ENUMS)} }]) { totalCount } }`,
    () => `{ sectors(filter: { ${random.pick(['and', 'or'])}: [${Array.from({ length: 1 + random.int(60) }, () => `{ search: ${text()} }`).join(', ')}] }) { totalCount } }`,
    () => {
      const depth = 1 + random.int(80);
      return `{ sectors(filter: ${'{ not: '.repeat(depth)}{ id: ["x"] }${' }'.repeat(depth)}) { totalCount } }`;
    },
  ])();
}

/** Variables of the wrong type, size or shape for a document that declares some. */
function hostileVariables(random: Random, cursor: string | undefined): { query: string; variables: unknown } {
  const query = random.pick([
    'query Page($after: String, $first: Int) { sectors(first: $first, after: $after, orderBy: [{ field: NAME }]) { nodes { id } pageInfo { endCursor } } }',
    'query ($filter: SpecificConventionFilter) { conventions(filter: $filter) { totalCount } }',
    'query ($day: PartialDate, $since: DateTimeISO) { competenceCentres(filter: { labelActiveOn: $day, changedSince: $since }) { totalCount } }',
    'query ($id: ID!) { sector(id: $id) { id name } }',
    'query ($groups: [ConventionGrouping!]!) { conventionCounts(groupBy: $groups) { count } }',
    'query ($order: [CompetenceCentreOrder!], $status: [LabelStatus!]) { competenceCentres(orderBy: $order, filter: { labelStatus: $status }) { totalCount } }',
  ]);
  const value = (depth = 0): unknown =>
    random.pick<() => unknown>([
      () => random.pick(HOSTILE_TEXT),
      () => random.pick(HOSTILE_DATE),
      () => random.pick([0, -1, 501, 2 ** 31, 2 ** 53 + 1, 1.5, 1e308, -0]),
      () => random.pick([null, true, false]),
      () => hostileCursor(random, cursor),
      () => (depth < 4 ? Array.from({ length: random.int(5) }, () => value(depth + 1)) : []),
      () => (depth < 4 ? { [random.pick(['search', 'id', 'sector', 'kind', 'not', 'or', 'field', 'direction', 'nope', '__proto__'])]: value(depth + 1) } : {}),
      () => random.pick(['SECTOR', 'FULL', 'NAME', 'NOPE', 'ASC']),
      () => JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`),
    ])();
  const names = [...query.matchAll(/\$(\w+):/g)].map((match) => match[1]);
  const variables = random.pick<() => unknown>([
    () => Object.fromEntries(names.map((name) => [name, value()])),
    () => Object.fromEntries([...names, 'extra'].map((name) => [name, value()])),
    () => random.pick([null, 'x', 1, [], [1], true]),
    () => ({}),
  ])();
  return { query, variables };
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** A POST /graphql of `body` as JSON. */
const post = (kind: string, body: unknown, headers: Record<string, string> = JSON_TYPE): FuzzCase => ({ kind, method: 'POST', target: '/graphql', headers, body: JSON.stringify(body) });

/** The request of case `index` of `seed`: each case has its own PRNG, so any one can be made again alone. */
export function fuzzCase(seed: number, index: number, cursor?: string): FuzzCase {
  const random = prng((seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const example = () => random.pick(EXAMPLES);
  const document = () => {
    let text = example();
    for (let i = 0, n = 1 + random.int(3); i < n; i++) text = mutate(random, text, cursor);
    return text;
  };
  const query = () =>
    random.pick<() => string>([document, document, document, () => heavyDocument(random), () => hostileArgument(random, cursor), () => hostileArgument(random, cursor)])();
  const search = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
  switch (random.int(20)) {
    case 0:
    case 1:
    case 2:
    case 3:
      return post('mutated example', { query: document() });
    case 4:
    case 5:
      return post('heavy document', { query: heavyDocument(random) });
    case 6:
    case 7:
    case 8:
      return post('hostile argument', { query: hostileArgument(random, cursor) });
    case 9:
    case 10:
      return post('hostile variables', hostileVariables(random, cursor));
    case 11: {
      const operationName = random.pick<unknown>([null, '', 'Page', 'Nope', 'x'.repeat(100_000), 'A\n{"level":"error","msg":"forged"}', 1, {}, []]);
      const body = random.pick<unknown>([
        { query: query(), operationName },
        { query: 'query A { sectors { totalCount } } query B { objectives { code } }', operationName },
        { query: random.pick([null, 1, {}, [], true, '', ' ', '#']) },
        {},
        { query: query(), variables: null, extensions: random.pick([null, 'x', { persistedQuery: { version: 1, sha256Hash: random.pick(['', 'x', 'ab'.repeat(32)]) } }, { persistedQuery: 'x' }]) },
        [{ query: '{ __typename }' }, { query: '{ __typename }' }],
      ]);
      return post('bad request shape', body);
    }
    case 12: {
      // not JSON, or JSON cut short or nested deep, or a body too large
      const valid = JSON.stringify({ query: example() });
      const body = random.pick([
        valid.slice(0, random.int(valid.length)),
        '{',
        '{"query": }',
        'null',
        '0',
        '"x"',
        `\ufeff${valid}`,
        `${valid}${valid}`,
        `{"query": "{ __typename }", "variables": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
        `{"query": ${literal('{ __typename }'.padEnd(1_100_000))}}`,
        '\u0000',
        '\ud800',
      ]);
      return { kind: 'bad JSON', method: 'POST', target: '/graphql', headers: JSON_TYPE, body };
    }
    case 13: {
      const type = random.pick(['', 'text/plain', 'application/graphql', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'APPLICATION/JSON', 'application/graphql-response+json', 'application/json, text/plain', ';;;', 'x'.repeat(5000)]);
      return { kind: 'content type', method: 'POST', target: random.pick(['/graphql', '/export.csv']), headers: type ? { 'content-type': type } : {}, body: JSON.stringify({ query: query() }) };
    }
    case 14:
    case 15: {
      // GET with the query in the URL, with or without Apollo's CSRF header
      const params: Record<string, string> = { query: random.pick([query(), query(), 'mutation { sectors { totalCount } }', '']) };
      if (random.chance(0.3)) params.variables = random.pick(['{', 'null', '[]', '{"after":"x"}', '"x"', JSON.stringify(hostileVariables(random, cursor).variables) ?? 'null']);
      if (random.chance(0.2)) params.operationName = random.pick(['', 'Page', 'x'.repeat(3000)]);
      if (random.chance(0.1)) params.extensions = random.pick(['{', '{"persistedQuery":{"version":1,"sha256Hash":"x"}}']);
      const headers = random.pick<Record<string, string>>([{}, { 'apollo-require-preflight': 'true' }, { 'content-type': 'application/json' }, { accept: 'text/html' }, { accept: 'multipart/mixed; deferSpec=20220824' }]);
      return { kind: 'GET', method: 'GET', target: `/graphql${search(params)}`, headers };
    }
    case 16:
    case 17: {
      // the spreadsheet export: a good or bad query, a good or bad separator, GET or POST
      const params: Record<string, string> = {};
      if (random.chance(0.9)) params.query = random.pick([example(), query(), '{ labelCriteria { code } }', '{ sector(id: "construction") { name } }']);
      if (random.chance(0.3)) params.separator = random.pick([',', ';', '\t', '', 'ab', '\u0000', '\n', '"', 'x'.repeat(1000)]);
      if (random.chance(0.2)) params.variables = random.pick(['{', '[]', '{"after":"x"}', 'null']);
      if (random.chance(0.5)) return { kind: 'export', method: 'GET', target: `/export.csv${search(params)}`, headers: {} };
      return { kind: 'export', method: 'POST', target: `/export.csv${params.separator === undefined ? '' : search({ separator: params.separator })}`, headers: JSON_TYPE, body: JSON.stringify({ query: params.query }) };
    }
    case 18: {
      const method = random.pick(['OPTIONS', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'GET']);
      const target = random.pick(['/graphql', '/export.csv', '/', '/health', '/health?x=1', '/graphql/', '/GRAPHQL', '/nope', '/explorer/../package.json', '/explorer/graphiql.min.js.map', '/%2e%2e/%2e%2e/etc/passwd', '/graphql%00', `/${'x'.repeat(6000)}`, '/graphql?query=%E0%A4%A']);
      const headers = random.pick<Record<string, string>>([{}, { origin: 'https://evil.example', 'access-control-request-method': 'POST' }, { accept: 'text/html' }, JSON_TYPE]);
      return { kind: 'method and path', method, target, headers, body: method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify({ query: query() }) };
    }
    default: {
      // headers a client chooses: request ids, credentials, accept
      const headers: Record<string, string> = { ...JSON_TYPE };
      headers[random.pick(['x-request-id', 'x-api-key', 'authorization', 'accept', 'apollo-require-preflight'])] = random.pick(['', 'x'.repeat(8000), '../../x', 'a b c', '{"json":1}', 'Bearer x', 'é', 'application/graphql-response+json', 'text/csv', '*/*;q=0']);
      return post('headers', { query: query() }, headers);
    }
  }
}

/** What the gateway answered to a case. */
export interface FuzzOutcome {
  status: number;
  contentType: string;
  body: string;
  ms: number;
  /** The request failed: no answer (the connection was closed or refused) or none in time. */
  failure?: string;
}

/** Sends a case to the gateway at `base` (http://127.0.0.1:port), waiting at most `timeoutMs`. */
export async function send(base: string, fuzz: FuzzCase, timeoutMs = 10_000): Promise<FuzzOutcome> {
  const started = performance.now();
  try {
    const response = await fetch(new URL(fuzz.target, base), { method: fuzz.method, headers: fuzz.headers, body: fuzz.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const body = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, contentType: '', body: '', ms: performance.now() - started, failure: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/**
 * The kinds of findings; each must be zero. `unavailable`: an answer saying a part of the hub is down (503
 * is allowed for that), while it is not: the request itself made it look so.
 */
export const FINDINGS = ['crash', '5xx', 'leak', 'unknown code', 'internal error', 'unavailable', 'slow'] as const;
export type Finding = (typeof FINDINGS)[number];

const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), ...CLIENT_ERROR_CODES]);
/** What a response must never show: a stack trace, a path on the server, SQL or the database's words. */
const LEAKS: [string, RegExp][] = [
  ['a stack trace', /\n\s+at \S|\bat (?:async )?[\w.$<>]+ \((?:\/|node:|file:)/],
  ['a file path', /\/work\/|\/home\/|\/root\/|\/usr\/|node_modules|\/dist\/src\/|\w\.tsx?:\d+|\w\.js:\d+:\d+|\bnode:internal\b/],
  ['SQL', /\bselect\b[^"]{0,200}\bfrom\b\s+"?\w+"?\.|relation "[^"]*" does not exist|syntax error at or near|violates \w+ constraint|invalid input syntax for|\bSQLSTATE\b|\bcollate "C"|\bmikro_orm\b|\bknex\b|\bpg_trgm\b|\bsearch_text\b/i],
];

/** The findings of one answer, each with what shows it. */
export function check(fuzz: FuzzCase, outcome: FuzzOutcome, slowMs: number): { codes: string[]; findings: { finding: Finding; detail: string }[] } {
  if (outcome.failure) return { codes: [], findings: [{ finding: outcome.failure.startsWith('TimeoutError') ? 'slow' : 'crash', detail: outcome.failure }] };
  const findings: { finding: Finding; detail: string }[] = [];
  if (outcome.ms > slowMs) findings.push({ finding: 'slow', detail: `${Math.round(outcome.ms)} ms` });
  // the explorer page and its scripts are files of the installed packages, not answers
  const asset = /^text\/(html|css|javascript)/.test(outcome.contentType);
  for (const [what, pattern] of asset ? [] : LEAKS) {
    const match = pattern.exec(outcome.body);
    if (match) findings.push({ finding: 'leak', detail: `${what}: …${outcome.body.slice(Math.max(0, match.index - 80), match.index + 120)}…` });
  }
  let answer: { errors?: { extensions?: { code?: unknown } }[] } | undefined;
  if (outcome.contentType.includes('json') && fuzz.method !== 'HEAD') {
    try {
      answer = JSON.parse(outcome.body);
    } catch {
      findings.push({ finding: 'unknown code', detail: `a JSON content type, but not JSON: ${outcome.body.slice(0, 200)}` });
    }
  }
  const codes = (Array.isArray(answer?.errors) ? answer.errors : []).map((error) => String(error?.extensions?.code));
  const unknown = codes.filter((code) => !KNOWN_CODES.has(code));
  if (unknown.length) findings.push({ finding: 'unknown code', detail: [...new Set(unknown)].join(', ') });
  if (codes.includes(ErrorCode.INTERNAL_SERVER_ERROR)) findings.push({ finding: 'internal error', detail: outcome.body.slice(0, 300) });
  if (codes.some((code) => UNAVAILABLE_CODES.has(code))) findings.push({ finding: 'unavailable', detail: outcome.body.slice(0, 300) });
  const unavailable = outcome.status === 503 && codes.length > 0 && codes.every((code) => UNAVAILABLE_CODES.has(code));
  if (outcome.status >= 500 && !unavailable) findings.push({ finding: '5xx', detail: `HTTP ${outcome.status}: ${outcome.body.slice(0, 300)}` });
  if (outcome.status >= 400 && fuzz.method !== 'HEAD' && !answer?.errors) {
    findings.push({ finding: 'unknown code', detail: `HTTP ${outcome.status} without errors: ${outcome.body.slice(0, 200)}` });
  }
  return { codes: [...new Set(codes)], findings };
}

export interface FuzzReport {
  cases: number;
  seconds: number;
  /** Answers per HTTP status. */
  statuses: Record<string, number>;
  /** Cases per kind. */
  kinds: Record<string, number>;
  /** Error codes in the answers (each answer's codes once). */
  codes: Record<string, number>;
  counts: Record<Finding, number>;
  /** The first findings, with the request that caused them. */
  examples: { index: number; finding: Finding; detail: string; request: string }[];
  slowestMs: number;
}

/** A request in one line, cut short, to quote in a report. */
export function describeCase(fuzz: FuzzCase): string {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);
  return `${fuzz.method} ${cut(fuzz.target, 300)} ${JSON.stringify(fuzz.headers).slice(0, 200)}${fuzz.body === undefined ? '' : ` ${cut(fuzz.body, 500)}`}`;
}

/** Sends `cases` cases of `seed` from `concurrency` connections, then checks that the hub still answers. */
export async function fuzz(base: string, options: { seed: number; cases: number; concurrency: number; slowMs: number }): Promise<FuzzReport> {
  const started = performance.now();
  const report: FuzzReport = { cases: options.cases, seconds: 0, statuses: {}, kinds: {}, codes: {}, counts: Object.fromEntries(FINDINGS.map((f) => [f, 0])) as Record<Finding, number>, examples: [], slowestMs: 0 };
  const cursor = await realCursor(base);
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let index = next++; index < options.cases; index = next++) {
        const request = fuzzCase(options.seed, index, cursor);
        const outcome = await send(base, request);
        report.kinds[request.kind] = (report.kinds[request.kind] ?? 0) + 1;
        report.statuses[outcome.status] = (report.statuses[outcome.status] ?? 0) + 1;
        report.slowestMs = Math.max(report.slowestMs, outcome.ms);
        const { codes, findings } = check(request, outcome, options.slowMs);
        for (const code of codes) report.codes[code] = (report.codes[code] ?? 0) + 1;
        for (const { finding, detail } of findings) {
          report.counts[finding]++;
          if (report.examples.length < 20) report.examples.push({ index, finding, detail, request: describeCase(request) });
        }
      }
    }),
  );
  report.seconds = (performance.now() - started) / 1000;
  const alive = await stillAnswers(base);
  if (alive) {
    report.counts.crash++;
    report.examples.push({ index: -1, finding: 'crash', detail: alive, request: 'the check after the last case' });
  }
  return report;
}

/** A real cursor of the sectors by name, for cases that forge cursors from its signature. */
async function realCursor(base: string): Promise<string | undefined> {
  const response = await send(base, post('setup', { query: '{ sectors(first: 2, orderBy: [{ field: NAME }]) { pageInfo { endCursor } } }' }));
  try {
    return JSON.parse(response.body).data.sectors.pageInfo.endCursor;
  } catch {
    return undefined;
  }
}

/** Undefined when every subgraph still answers through the gateway, else what went wrong. */
async function stillAnswers(base: string): Promise<string | undefined> {
  const query = '{ sectors { totalCount } trainingOperator(id: "ifapme") { id } competenceCentre(id: "technifutur") { id } educationNetworks { totalCount } }';
  const outcome = await send(base, post('after', { query }));
  const expected = /^\{"data":\{"sectors":\{"totalCount":\d+\},"trainingOperator":\{"id":"ifapme"\},"competenceCentre":\{"id":"technifutur"\},"educationNetworks":\{"totalCount":\d+\}\}\}/;
  return outcome.status === 200 && expected.test(outcome.body) ? undefined : `HTTP ${outcome.status} ${outcome.failure ?? outcome.body.slice(0, 500)}`;
}
