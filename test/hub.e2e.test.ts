import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '@hub/kit';
import { postGraphQL } from '@hub/kit/testing';
import { EXPLORER_QUERY } from '@hub/gateway';
import { startTestHub, type TestHub } from './support/hub';
import { parsePrometheus, sampleValue } from './support/prometheus';
import { growData } from './support/grow';

// Every subgraph and the gateway as real processes talking HTTP, on a database of this file's own.
let hub: TestHub;
const EXAMPLES = path.join(repositoryRoot(), 'examples');

beforeAll(async () => {
  // The statement-count test asks every sector's graph at once, past the default cost limit and budget;
  // it counts the subgraphs' work and grows the data behind the hub's back (SQL): no response cache.
  hub = await startTestHub({ gatewayEnv: { MAX_COST: '1000000', COST_BURST: '1000000', RESPONSE_CACHE: 'off' } });
}, 120_000);
afterAll(() => hub?.stop());

const ask = (query: string, variables?: Record<string, unknown>) => postGraphQL(hub.url, query, variables);

const CONVENTION_GRAPH = `{
  sector(id: "industrie_alimentaire") {
    name
    sectorFund { name }
    frameworkAgreements {
      nodes {
        id
        signatories { __typename id }
        conventions {
          nodes {
            id
            kind
            objectives { code }
            parties {
              __typename
              id
              name
              ... on EducationNetwork { verified }
              ... on EducationAuthority { kind }
            }
          }
        }
      }
    }
    competenceCentres { nodes { id city label { status validTo } } }
  }
}`;

describe('the hub through the gateway', () => {
  it('walks sector → framework agreement → specific conventions → parties across every subgraph in one request', async () => {
    const { status, body } = await ask(CONVENTION_GRAPH);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        sector: {
          name: 'Industrie alimentaire',
          sectorFund: { name: 'Alimento' },
          frameworkAgreements: {
            nodes: [
            {
              id: 'fa_industrie_alimentaire',
              signatories: [
                { __typename: 'SectorBody', id: 'fevia_wallonie' },
                { __typename: 'PublicAuthority', id: 'gov_fwb' },
                { __typename: 'PublicAuthority', id: 'gov_wallonia' },
              ],
              conventions: {
                nodes: [
                {
                  id: 'sc_fevia_enseignement',
                  kind: 'EDUCATION',
                  objectives: [{ code: 'OBJ1' }, { code: 'OBJ2' }],
                  parties: [
                    { __typename: 'EducationAuthority', id: 'age', name: "Administration générale de l'Enseignement (AGE)", kind: 'EDUCATION_ADMINISTRATION' },
                    { __typename: 'SectorBody', id: 'fevia_wallonie', name: "FEVIA Wallonie – Fédération de l'industrie alimentaire wallonne" },
                    { __typename: 'EducationNetwork', id: 'net_cpeons', name: "CPEONS – Conseil des Pouvoirs organisateurs de l'Enseignement officiel neutre subventionné", verified: true },
                    { __typename: 'EducationNetwork', id: 'net_segec', name: "SeGEC – Secrétariat général de l'Enseignement catholique (FESeC for secondary)", verified: true },
                    { __typename: 'EducationNetwork', id: 'net_wbe', name: 'Wallonie-Bruxelles Enseignement (WBE) – réseau de la FWB', verified: true },
                  ],
                },
                ],
              },
            },
            {
              id: 'fa_industrie_alimentaire_2007',
              signatories: [
                { __typename: 'PublicAuthority', id: 'gov_fwb' },
                { __typename: 'PublicAuthority', id: 'gov_wallonia' },
              ],
              conventions: { nodes: [] },
            },
            ],
          },
          competenceCentres: {
            nodes: [
              { id: 'epicuris', city: null, label: { status: 'FULL', validTo: '2024-12-31' } },
              { id: 'forem_formalim', city: null, label: { status: 'FULL', validTo: '2024-12-31' } },
            ],
          },
        },
      },
    });
  });

  it('follows the reverse links from parties owned by other subgraphs to their conventions', async () => {
    const { body } = await ask(`{
      validationBody(id: "cvdc") { name conventions { nodes { id sectors { id } } } }
      educationNetwork(id: "net_segec") { conventions { nodes { id } } }
      trainingOperator(id: "forem") { name conventions { totalCount nodes { id } } }
    }`);
    expect(body).toEqual({
      data: {
        validationBody: { name: 'CVDC – Consortium de validation des compétences', conventions: { nodes: [{ id: 'conv_sfmq_ifpm_cvdc', sectors: [{ id: 'industrie_technologique' }] }, { id: 'sc_educam_cvdc', sectors: [{ id: 'automobile' }] }] } },
        educationNetwork: { conventions: { nodes: [{ id: 'sc_fevia_enseignement' }, { id: 'sc_ifpm_reseaux' }] } },
        trainingOperator: { name: "Le Forem – Office wallon de la formation professionnelle et de l'emploi", conventions: { totalCount: 0, nodes: [] } },
      },
    });
  });

  it('resolves Party across subgraphs: every party of every convention has its owner’s name', async () => {
    const { body } = await ask(`{ conventions { nodes { id parties { __typename id name kind } } } }`);
    const conventions = body.data.conventions.nodes;
    const parties = conventions.flatMap((c: { parties: { __typename: string; name: string }[] }) => c.parties);
    expect(new Set(parties.map((p: { __typename: string }) => p.__typename))).toEqual(
      new Set(['EducationAuthority', 'SectorBody', 'EducationNetwork', 'PublicAuthority', 'ValidationBody', 'TrainingOperator']),
    );
    expect(parties.every((p: { name: unknown }) => typeof p.name === 'string' && p.name.length > 0)).toBe(true);
    expect(conventions.find((c: { id: string }) => c.id === 'sc_educam_cvdc').parties).toEqual([
      { __typename: 'ValidationBody', id: 'cvdc', name: 'CVDC – Consortium de validation des compétences', kind: 'VALIDATION_BODY' },
      { __typename: 'SectorBody', id: 'educam', name: 'EDUCAM', kind: 'SECTOR_FUND' },
    ]);
  });

  it('answers null for unknown ids, in every subgraph', async () => {
    const { body } = await ask(`{
      sector(id: "x") { id } convention(id: "x") { id } competenceCentre(id: "x") { id }
      trainingOperator(id: "x") { id } educationNetwork(id: "x") { id }
    }`);
    expect(body).toEqual({ data: { sector: null, convention: null, competenceCentre: null, trainingOperator: null, educationNetwork: null } });
  });

  it('rejects a malformed query with a clear error, a stable code and the place at fault', async () => {
    const parse = await ask(`{ sectors { totalCount }`);
    expect(parse.status).toBe(400);
    expect(parse.body).toEqual({
      errors: [{ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 25 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
    const notJson = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect([notJson.status, await notJson.json()]).toEqual([400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] }]);
    const huge = await ask(`{ sectors { totalCount } }`, { padding: 'x'.repeat(1_100_000) });
    expect([huge.status, huge.body]).toEqual([413, { errors: [{ message: 'Request body is larger than 1000000 bytes.', extensions: { code: 'LIMIT_EXCEEDED' } }] }]);
    const unknownField = await ask(`{ sector(id: "horeca") { budget } }`);
    expect(unknownField.body).toEqual({
      errors: [{ message: 'Cannot query field "budget" on type "Sector".', locations: [{ line: 1, column: 26 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
  });

  it('refuses an operation nested deeper than the limit, before asking any subgraph', async () => {
    const walk = (depth: number): string => (depth === 0 ? 'id' : `conventions { nodes { parties { ... on EducationNetwork { ${walk(depth - 1)} } } } }`);
    const { status, body, sqlStatements } = await ask(`{ educationNetwork(id: "net_wbe") { ${walk(6)} } }`);
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        { message: 'The operation is nested 20 fields deep; the limit is 16. Split it into several requests.', locations: [{ line: 1, column: 1 }], extensions: { code: 'LIMIT_EXCEEDED', depth: 20, limit: 16 } },
      ],
    });
    expect(sqlStatements).toBe(0);
  });

  it('lets a partner dashboard on another origin call it from a browser', async () => {
    const preflight = await fetch(hub.url, { method: 'OPTIONS', headers: { origin: 'https://dashboard.example', 'access-control-request-method': 'POST' } });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin'), preflight.headers.get('access-control-allow-headers')]).toEqual([
      204,
      '*',
      'content-type, apollo-require-preflight, x-request-id, authorization, x-api-key, if-none-match',
    ]);
    const response = await fetch(hub.url, { method: 'POST', headers: { origin: 'https://dashboard.example', 'content-type': 'application/json' }, body: '{"query":"{ objectives { code } }"}' });
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id, x-sql-statements, x-cache, x-cost-estimate, x-cost-actual, etag, retry-after');
  });

  it('serves the explorer from installed packages', async () => {
    const page = await fetch(hub.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/explorer/graphiql.min.js"></script>');
    for (const asset of ['/explorer/graphiql.min.js', '/explorer/graphiql.min.css', '/explorer/react.min.js', '/explorer/react-dom.min.js']) {
      const response = await fetch(new URL(asset, hub.url));
      expect([asset, response.status, (await response.arrayBuffer()).byteLength > 1000]).toEqual([asset, 200, true]);
    }
    expect(html).toContain(JSON.stringify(EXPLORER_QUERY));
    const { status, body } = await ask(EXPLORER_QUERY);
    expect([status, body.errors, body.data.sector.competenceCentres.totalCount]).toEqual([200, undefined, 2]);
  });

  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql')))('answers the README example %s without errors', async (file) => {
    const { status, body } = await ask(readFileSync(path.join(EXAMPLES, file), 'utf8'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(Object.values(body.data).every((value) => value !== null)).toBe(true);
  });

  it('sends identical reads in flight at once to each subgraph once, and every caller gets the whole answer', async () => {
    const query = '{ sectors(first: 50) { nodes { id name competenceCentres { totalCount } conventions { nodes { id parties { __typename id name } } } } } }';
    const alone = await ask(query);
    const together = await Promise.all(Array.from({ length: 8 }, () => ask(query)));
    for (const answer of together) expect(answer.body).toEqual(alone.body);
    // the followers report no statements of their own: together the 8 ran fewer than 8 times one
    const total = together.reduce((sum, answer) => sum + answer.sqlStatements!, 0);
    expect(total).toBeLessThan(8 * alone.sqlStatements!);
    expect(total).toBeGreaterThanOrEqual(alone.sqlStatements!);
  });

  it('exposes Prometheus metrics on the gateway and every subgraph: requests, latency, errors by code, subgraph fetches, SQL, pool, process', async () => {
    await postGraphQL(hub.url, 'query MetricsProbe { sector(id: "construction") { name conventions { totalCount } } }');
    await postGraphQL(hub.url, 'query MetricsBroken { nosuchfield }');
    const scrape = async (url: string) => {
      const response = await fetch(new URL('/metrics', url));
      expect([response.status, response.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/plain')]);
      return parsePrometheus(await response.text());
    };
    const gateway = await scrape(hub.url);
    expect(sampleValue(gateway, 'hub_requests_total', { service: 'gateway', operation: 'MetricsProbe', outcome: 'ok' })).toBe(1);
    expect(sampleValue(gateway, 'hub_request_duration_seconds_count', { service: 'gateway', operation: 'MetricsProbe', outcome: 'ok' })).toBe(1);
    expect(sampleValue(gateway, 'hub_errors_total', { service: 'gateway', code: 'GRAPHQL_VALIDATION_FAILED' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(gateway, 'hub_subgraph_fetch_duration_seconds_count', { subgraph: 'conventions', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(gateway, 'hub_process_cpu_user_seconds_total')).toBeGreaterThan(0);

    const conventions = await scrape(`http://127.0.0.1:${hub.subgraphBasePort}/graphql`);
    expect(sampleValue(conventions, 'hub_requests_total', { service: 'conventions', operation: 'MetricsProbe__conventions__0', outcome: 'ok' })).toBe(1);
    expect(sampleValue(conventions, 'hub_sql_statements_total', { service: 'conventions' })).toBeGreaterThan(0);
    expect(sampleValue(conventions, 'hub_sql_duration_seconds_count', { service: 'conventions' })).toBeGreaterThan(0);
    expect(sampleValue(conventions, 'hub_db_pool_connections', { service: 'conventions', state: 'used' })).toBe(0);
    expect(sampleValue(conventions, 'hub_db_pool_connections', { service: 'conventions', state: 'free' })).toBeGreaterThan(0);
  });

  // Last: it adds data to the database this file shares.
  it('runs as many SQL statements when the data grows 4×', async () => {
    const query = `{
      sectors(first: 500) {
        nodes {
          id
          frameworkAgreements(first: 5) { nodes { id signatories { id } conventions(first: 10) { nodes { id objectives { code } sectors { id } parties { __typename id name } } } } }
          conventions(first: 10) { totalCount nodes { id } }
          competenceCentres(first: 10) { totalCount nodes { id } }
        }
      }
      competenceCentres(first: 500) { totalCount nodes { id sectors { id } } }
    }`;
    const before = await ask(query);
    await growData(hub.databaseUrl, 70);
    const after = await ask(query);
    expect(before.body.errors).toBeUndefined();
    expect(after.body.errors).toBeUndefined();
    expect([before.body.data.sectors.nodes.length, after.body.data.sectors.nodes.length]).toEqual([23, 93]);
    expect(after.body.data.competenceCentres.totalCount).toBe(94);
    expect(before.sqlStatements).toBeGreaterThan(0);
    expect(after.sqlStatements).toBe(before.sqlStatements);
  });
});
