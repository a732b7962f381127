import { parse } from 'csv-parse/sync';
import { SUBGRAPHS, type SubgraphName } from '@hub/kit';
import { freePort, postGraphQL, quietLogger } from '@hub/kit/testing';
import { startGateway } from '@hub/gateway';
import { startTestHub, type TestHub } from './support/hub';

// Every subgraph and the gateway as real processes talking HTTP, on a database of this file's own.
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(() => hub?.stop());

function exportUrl(params: Record<string, string>, gatewayUrl = hub.url) {
  const url = new URL('/export.csv', gatewayUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

/** The answer with its body as sent: fetch's text() would drop the BOM this feature promises. */
async function download(url: URL, init?: RequestInit) {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: Buffer.from(await response.arrayBuffer()).toString('utf8') };
}

const CRITERIA = '{ labelCriteria { code label detail } }';

describe('GET /export.csv', () => {
  it('downloads the first list as a CSV file Excel opens: BOM, header, accents, quoted commas, the list as file name', async () => {
    const { body: answer } = await postGraphQL(hub.url, CRITERIA);
    const { status, headers, text } = await download(exportUrl({ query: CRITERIA }), { headers: { 'x-request-id': 'export-criteria', origin: 'https://dashboard.example' } });
    expect([status, headers.get('content-type'), headers.get('content-disposition'), headers.get('x-request-id'), headers.get('access-control-allow-origin')]).toEqual([
      200,
      'text/csv; charset=utf-8',
      'attachment; filename="labelCriteria.csv"',
      'export-criteria',
      '*',
    ]);
    expect(text.startsWith('\uFEFFcode,label,detail\r\nC1,un ancrage dans la vie économique,"s\'articuler autour de pôles de développement')).toBe(true);
    expect(parse(text, { bom: true })).toEqual([
      ['code', 'label', 'detail'],
      ...answer.data.labelCriteria.map((c: { code: string; label: string; detail: string }) => [c.code, c.label, c.detail]),
    ]);
  });

  it('separates with ";" for Excel in French; an unknown average is an empty cell', async () => {
    const { status, text } = await download(exportUrl({ query: '{ traineePublics { id label averageTraineesPerYear } }', separator: ';' }));
    expect(status).toBe(200);
    expect(parse(text, { bom: true, delimiter: ';' })).toEqual([
      ['id', 'label', 'averageTraineesPerYear'],
      ['apprentis', 'apprentis (IFAPME, etc.)', ''],
      ['cadres_chefs_entreprise', "cadres et chefs d'entreprise", ''],
      ['demandeurs_emploi', "demandeurs d'emploi", '21126'],
      ['etudiants', 'étudiants / élèves (enseignement qualifiant)', ''],
      ['professeurs', 'professeurs / enseignants', ''],
      ['travailleurs', 'travailleurs', '36943'],
    ]);
  });

  it('takes variables and an operation name, as /graphql does', async () => {
    const query = 'query Codes($withDetail: Boolean!) { labelCriteria { code detail @include(if: $withDetail) } } query Other { __typename }';
    const { status, text } = await download(exportUrl({ query, variables: '{"withDetail":false}', operationName: 'Codes' }));
    expect([status, parse(text, { bom: true })]).toEqual([200, [['code'], ['C1'], ['C2'], ['C3'], ['C4']]]);
  });
});

describe('POST /export.csv', () => {
  it('runs the JSON body, names the file after the alias, and joins a nested list of objects into one column', async () => {
    const query = 'query Goals { goals: objectives { code label labelEn sources { title } } } query Other { __typename }';
    const { body: answer } = await postGraphQL(hub.url, '{ objectives { code label labelEn sources { title } } }');
    const { status, headers, text } = await download(exportUrl({ separator: ';' }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, operationName: 'Goals' }),
    });
    expect([status, headers.get('content-disposition')]).toEqual([200, 'attachment; filename="goals.csv"']);
    expect(parse(text, { bom: true, delimiter: ';' })).toEqual([
      ['code', 'label', 'labelEn', 'sources.title'],
      ...answer.data.objectives.map((o: { code: string; label: string; labelEn: string; sources: { title: string }[] }) => [
        o.code,
        o.label,
        o.labelEn,
        o.sources.map((s) => s.title).join(' | '),
      ]),
    ]);
  });
});

describe('an export that cannot be made answers JSON errors with a code', () => {
  const errorsOf = async (url: URL, init?: RequestInit) => {
    const { status, headers, text } = await download(url, init);
    return [status, headers.get('content-type'), JSON.parse(text)];
  };
  const json = 'application/json; charset=utf-8';

  it('passes a parse error on as Apollo answered it', async () => {
    expect(await errorsOf(exportUrl({ query: '{ objectives {' }))).toEqual([
      400,
      json,
      { errors: [{ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 15 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] },
    ]);
  });

  it('refuses an answer that holds no list', async () => {
    expect(await errorsOf(exportUrl({ query: '{ __typename }' }))).toEqual([
      400,
      json,
      { errors: [{ message: "The answer holds no list to export: select a list or a connection's nodes.", extensions: { code: 'BAD_USER_INPUT' } }] },
    ]);
  });

  it('refuses a request without a query', async () => {
    expect(await errorsOf(exportUrl({}))).toEqual([
      400,
      json,
      { errors: [{ message: 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.', extensions: { code: 'BAD_REQUEST' } }] },
    ]);
  });

  it('refuses a separator Excel does not use', async () => {
    expect(await errorsOf(exportUrl({ query: CRITERIA, separator: '|' }))).toEqual([
      400,
      json,
      { errors: [{ message: 'The separator must be "," (the default), ";" or a tab ("%09").', extensions: { code: 'BAD_USER_INPUT' } }] },
    ]);
  });

  it('never exports a partial answer: a subgraph down makes the export fail with its error, 503', async () => {
    // A second gateway that reaches only the competence subgraph: labelCriteria answers, sector does not.
    const closedPort = await freePort();
    const subgraphUrls = Object.fromEntries(
      SUBGRAPHS.map((s, i) => [s.name, `http://127.0.0.1:${s.name === 'competence' ? hub.subgraphBasePort + i : closedPort}/graphql`]),
    ) as Record<SubgraphName, string>;
    const gateway = await startGateway({ host: '127.0.0.1', port: 0, subgraphUrls, subgraphSecret: hub.subgraphSecret }, quietLogger('gateway'));
    try {
      const query = '{ labelCriteria { code } sector(id: "chimie") { name } }';
      expect((await postGraphQL(gateway.url, query)).body.data).toEqual({ labelCriteria: [{ code: 'C1' }, { code: 'C2' }, { code: 'C3' }, { code: 'C4' }], sector: null });
      expect((await download(exportUrl({ query }, gateway.url))).headers.get('retry-after')).toBe('30');
      expect(await errorsOf(exportUrl({ query }, gateway.url))).toEqual([
        503,
        json,
        {
          errors: [
            {
              message: 'The conventions subgraph is unreachable: its fields are missing from this answer. Try again later.',
              path: ['sector'],
              extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'conventions', serviceName: 'conventions' },
            },
          ],
        },
      ]);
    } finally {
      await gateway.close();
    }
  });
});
