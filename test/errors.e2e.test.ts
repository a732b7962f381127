import { postGraphQL } from '@hub/kit/testing';
import { startTestHub, type TestHub } from './support/hub';

// Client mistakes through the real gateway: each is refused with a 4xx and a public code, never a 500.
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(() => hub?.stop());

const ask = (query: string, variables?: Record<string, unknown>) => postGraphQL(hub.url, query, variables);

/** POSTs a raw body; returns the status and the JSON answer. */
async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(hub.url, { method: 'POST', headers, body });
  return [response.status, await response.json()];
}

const DATE_RULE = 'PartialDate must be "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real date';

describe('client mistakes through the gateway', () => {
  it('refuses a date that does not exist, written in the query, at its line and column, before any subgraph is asked', async () => {
    const { status, body, sqlStatements } = await ask(`{ conventions(filter: { activeOn: "2026-13-01" }) { totalCount } }`);
    expect([status, body, sqlStatements]).toEqual([
      400,
      { errors: [{ message: `${DATE_RULE}, got "2026-13-01"`, locations: [{ line: 1, column: 35 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
      0,
    ]);
  });

  it('refuses a variable that is not a date, even for a field of another subgraph deep in the query', async () => {
    const { status, body } = await ask(`query ($day: PartialDate) { sector(id: "construction") { name competenceCentres(filter: { labelActiveOn: $day }) { totalCount } } }`, { day: 'today' });
    expect([status, body]).toEqual([
      400,
      { errors: [{ message: `Variable "$day" got invalid value "today"; ${DATE_RULE}, got "today"`, locations: [{ line: 1, column: 8 }], extensions: { code: 'BAD_USER_INPUT' } }] },
    ]);
    const moment = await ask(`query ($since: DateTimeISO) { conventions(filter: { changedSince: $since }) { totalCount } }`, { since: 'yesterday' });
    expect([moment.status, moment.body.errors?.[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('refuses text with a NUL character, which PostgreSQL cannot store, in a literal or a variable', async () => {
    const literal = await ask(`{ sector(id: "a\\u0000b") { id } }`);
    expect([literal.status, literal.body]).toEqual([
      400,
      { errors: [{ message: 'Text may not contain the NUL character (\\u0000): found in argument id.', locations: [{ line: 1, column: 14 }], extensions: { code: 'BAD_USER_INPUT', argument: 'id' } }] },
    ]);
    const nested = await ask(`{ competenceCentres(filter: { search: "forem\\u0000" }) { totalCount } }`);
    expect([nested.status, nested.body.errors?.[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', argument: 'filter.search' }]);
    const variable = await ask(`query ($filter: SpecificConventionFilter) { conventions(filter: $filter) { totalCount } }`, { filter: { party: ['forem', 'x\u0000'] } });
    expect([variable.status, variable.body]).toEqual([
      400,
      { errors: [{ message: 'Text may not contain the NUL character (\\u0000): found in variable $filter.party[1].', locations: [{ line: 1, column: 8 }], extensions: { code: 'BAD_USER_INPUT' } }] },
    ]);
  });

  it('passes a subgraph’s BAD_USER_INPUT through with its message, path and argument; 400 when nothing else was asked', async () => {
    const { status, body } = await ask(`{ conventions(filter: { sector: "nope" }) { totalCount } }`);
    expect([status, body]).toEqual([
      400,
      {
        errors: [{ message: 'Unknown sector "nope" in filter.sector.', path: ['conventions'], extensions: { code: 'BAD_USER_INPUT', argument: 'filter.sector', serviceName: 'conventions' } }],
        data: { conventions: null },
      },
    ]);
    const partial = await ask(`{ conventions(filter: { sector: "nope" }) { totalCount } competenceCentres { totalCount } }`);
    expect([partial.status, partial.body.data]).toEqual([200, { conventions: null, competenceCentres: { totalCount: 24 } }]);
  });

  it('refuses operations this read-only API does not have', async () => {
    const subscription = await ask(`subscription { sectors { totalCount } }`);
    expect([subscription.status, subscription.body]).toEqual([
      400,
      {
        errors: [
          {
            message: 'The subscription operation is not supported by the schema: this API is read-only and answers queries.',
            locations: [{ line: 1, column: 1 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    ]);
    const mutation = await ask(`mutation { sectors { totalCount } }`);
    expect([mutation.status, mutation.body.errors?.[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    const overGet = await fetch(`${hub.url}?query=${encodeURIComponent('mutation { sectors { totalCount } }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect([overGet.status, ((await overGet.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
  });

  it('asks for the operation name when the document has several operations, or names an unknown one', async () => {
    const document = `query A { sectors { totalCount } } query B { objectives { code } }`;
    expect(await post(JSON.stringify({ query: document }))).toEqual([
      400,
      { errors: [{ message: 'Must provide operation name if query contains multiple operations.', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
    expect(await post(JSON.stringify({ query: document, operationName: 'C' }))).toEqual([400, { errors: [{ message: 'Unknown operation named "C".', extensions: { code: 'BAD_REQUEST' } }] }]);
    expect(await post(JSON.stringify({ query: document, operationName: 'A' }))).toEqual([200, { data: { sectors: { totalCount: 23 } } }]);
  });

  it('refuses a malformed HTTP request with BAD_REQUEST', async () => {
    expect(await post(JSON.stringify({ query: 42 }))).toEqual([400, { errors: [{ message: 'GraphQL queries must be strings.', extensions: { code: 'BAD_REQUEST' } }] }]);
    expect(await post(JSON.stringify({ query: '{ objectives { code } }', variables: [1] }))).toEqual([
      400,
      { errors: [{ message: '`variables` in a POST body must be an object if provided.', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
    expect(await post(JSON.stringify({ query: '{ objectives { code } }' }), { 'content-type': 'text/plain' })).toEqual([
      415,
      { errors: [{ message: 'The request body must be JSON, sent with content-type: application/json (got text/plain).', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
    expect(await post('query=%7B%7D', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual([
      415,
      { errors: [{ message: 'The request body must be JSON, sent with content-type: application/json (got application/x-www-form-urlencoded).', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
  });

  it('answers persisted queries by the protocol: a miss asks for the query, a wrong hash or version is refused', async () => {
    const hash = 'ab'.repeat(32);
    expect(await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }))).toEqual([
      200,
      { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
    ]);
    expect(await post(JSON.stringify({ query: '{ objectives { code } }', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }))).toEqual([
      400,
      { errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
    expect(await post(JSON.stringify({ extensions: { persistedQuery: { version: 2, sha256Hash: hash } } }))).toEqual([
      400,
      { errors: [{ message: 'Unsupported persisted query version', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
  });
});
