import { readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, getNamedType, getNullableType, isListType, isObjectType, type GraphQLObjectType } from 'graphql';
import { loadGatewayConfig, repositoryRoot, SUBGRAPHS, urlVariable, type RunningServer, type SubgraphName } from '@hub/kit';
import { postGraphQL, quietLogger } from '@hub/kit/testing';
import { ListSizeStore, startGateway } from '@hub/gateway';
import { askGateway, startTestHub, type TestHub } from './support/hub';

// Every subgraph and the gateway as real processes talking HTTP, on a database of this file's own; the
// rate and time limits on second gateways of their own, in this process, with low limits.
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(() => hub?.stop());

/** A request's answer and how long it took. */
async function timed(query: string, url = hub.url) {
  const started = performance.now();
  const answer = await postGraphQL(url, query);
  return { ...answer, ms: performance.now() - started };
}

/** Every sector with its agreements, conventions and their parties, centres and validation titles, 500 a page: an analyst's natural question. */
const EVERY_SECTOR_GRAPH = `{
  sectors(first: 500) {
    totalCount
    nodes {
      id name sectorFund { name }
      frameworkAgreements(first: 500) { totalCount nodes { title signatories { __typename name } conventions(first: 500) { nodes { title kind objectives { code } parties { __typename name kind } } } } }
      conventions(first: 500) { totalCount nodes { title kind parties { __typename name } } }
      competenceCentres(first: 500) { totalCount nodes { name city label { status validTo } } }
      validationTitles(first: 500) { totalCount nodes { name operators { name } } }
    }
  }
}`;

/** An answer with what the gateway estimated it would cost and what it held (x-cost-estimate, x-cost-actual). */
async function priced(query: string, variables?: Record<string, unknown>, token?: string, url = hub.url) {
  const answer = await askGateway(url, query, variables, token);
  return { ...answer, estimate: Number(answer.headers.get('x-cost-estimate')), actual: Number(answer.headers.get('x-cost-actual')) };
}

/** A refusal's body: its message, where, and what the operation had beside the limit (`{ cost, limit }`…). */
const refused = (message: string, locations?: { line: number; column: number }[], measured: Record<string, number> = {}) => ({
  errors: [{ message, ...(locations ? { locations } : {}), extensions: { code: 'LIMIT_EXCEEDED', ...measured } }],
});

const EXAMPLES = path.join(repositoryRoot(), 'examples');
/** The convention graph of one sector, as in the README. */
const SECTOR_GRAPH = readFileSync(path.join(EXAMPLES, 'convention-graph.graphql'), 'utf8').replace(/#.*\n/g, '').trim().slice(1, -1);

/** `count` fragments, each spreading the next twice: 2^count copies of the last once expanded (the attack run's document). */
function fragmentBomb(count: number) {
  const fragments = Array.from({ length: count }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `{ ...F0 }\n${fragments.join('\n')}\nfragment F${count} on Query { sectors { nodes { name } } }`;
}

/** A second gateway, in this process, on the hub's subgraphs, configured from these variables. */
async function gatewayWith(variables: Record<string, string>): Promise<RunningServer> {
  const urls = Object.fromEntries(SUBGRAPHS.map((s, i) => [urlVariable(s.name), `http://127.0.0.1:${hub.subgraphBasePort + i}/graphql`]));
  return startGateway({ ...loadGatewayConfig({ ...urls, SUBGRAPH_SECRET: hub.subgraphSecret, ...variables }), port: 0 }, quietLogger('gateway'));
}

describe('the attack run’s documents are refused at once, before any subgraph is asked', () => {
  it('refuses the 24-fragment bomb in well under a second', async () => {
    const { status, body, sqlStatements, ms } = await timed(fragmentBomb(24));
    expect([status, sqlStatements]).toEqual([400, 0]);
    expect(body).toEqual(
      refused(
        'The operation may cost 989855744 (each field counts once per item of the lists around it: their `first` or `last`, else 50, or what the data holds when it holds fewer); ' +
          'the limit is 50000. Ask for smaller pages or fewer nested lists, or split it into several requests.',
        [{ line: 1, column: 1 }],
        { cost: 989_855_744, limit: 50_000 },
      ),
    );
    expect(ms).toBeLessThan(1000);
  });

  it('refuses 1,000 aliases of the sector graph at the token limit, without reading the document to its end', async () => {
    const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: ${SECTOR_GRAPH}`).join(' ')} }`;
    const { status, body, sqlStatements, ms } = await timed(query);
    expect([status, sqlStatements]).toEqual([400, 0]);
    expect(body).toEqual(
      refused('The document has more than 5000 tokens (names, values and punctuation); the limit is 5000. Split it into several requests.', [{ line: 1940, column: 24 }]),
    );
    expect(ms).toBeLessThan(1000);
  });

  it('refuses 1,000 aliases within the token limit at the alias limit', async () => {
    const { status, body, sqlStatements, ms } = await timed(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect([status, sqlStatements]).toEqual([400, 0]);
    expect(body).toEqual(refused('The operation has 1000 aliases; the limit is 30. Split it into several requests.', [{ line: 1, column: 1 }], { aliases: 1000, limit: 30 }));
    expect(ms).toBeLessThan(1000);
  });
});

describe('each limit, with its message and HTTP 400', () => {
  it('refuses an operation nested deeper than 16 fields, fragments followed', async () => {
    const { status, body, sqlStatements } = await timed(`{ sector(id: "chimie") { ...up } }
      fragment up on Sector { parent { parent { parent { parent { ...up2 } } } } }
      fragment up2 on Sector { parent { parent { parent { parent { ...up3 } } } } }
      fragment up3 on Sector { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } }`);
    expect([status, sqlStatements]).toEqual([400, 0]);
    expect(body).toEqual(refused('The operation is nested 18 fields deep; the limit is 16. Split it into several requests.', [{ line: 1, column: 1 }], { depth: 18, limit: 16 }));
  });

  it('refuses more than 30 aliases', async () => {
    const { status, body } = await timed(`{ ${Array.from({ length: 31 }, (_, i) => `s${i}: sector(id: "chimie") { name }`).join(' ')} }`);
    expect([status, body]).toEqual([400, refused('The operation has 31 aliases; the limit is 30. Split it into several requests.', [{ line: 1, column: 1 }], { aliases: 31, limit: 30 })]);
  });

  it('refuses more than 30 directives', async () => {
    const { status, body } = await timed(`{ sector(id: "chimie") { ${Array.from({ length: 31 }, () => 'name @include(if: true)').join(' ')} } }`);
    expect([status, body]).toEqual([400, refused('The operation has 31 directives; the limit is 30.', [{ line: 1, column: 1 }], { directives: 31, limit: 30 })]);
  });

  it('refuses a document of more than 5000 tokens', async () => {
    const { status, body } = await timed(`{ ${'__typename '.repeat(5000)}}`);
    expect([status, body]).toEqual([
      400,
      refused('The document has more than 5000 tokens (names, values and punctuation); the limit is 5000. Split it into several requests.', [{ line: 1, column: 54992 }]),
    ]);
  });

  it('prices an operation by what the data holds: the whole graph of every sector, 500 a page, is admitted and its estimate bounds its answer', async () => {
    const { status, body, estimate, actual } = await priced(EVERY_SECTOR_GRAPH);
    expect([status, body.errors, body.data.sectors.nodes.length]).toEqual([200, undefined, 23]);
    expect(actual).toBeGreaterThan(500);
    expect(estimate).toBeGreaterThanOrEqual(actual);
    // a page multiplied by pages the data cannot fill is not refused; a bomb still is (above)
    const nested = `query ($n: Int) { sectors(first: 5) { nodes { conventions(first: 500) { nodes { parties { ... on EducationNetwork { conventions(first: $n) { nodes { id title } } } } } } } } }`;
    const small = await priced(nested, { n: 100 });
    expect([small.status, small.body.errors]).toEqual([200, undefined]);
    expect(small.estimate).toBeLessThan(2_000);
  });

  it('applies the same limits to spreadsheet exports', async () => {
    const url = new URL('/export.csv', hub.url);
    url.searchParams.set('query', `{ ${Array.from({ length: 31 }, (_, i) => `s${i}: sectors { nodes { id } }`).join(' ')} }`);
    const response = await fetch(url);
    expect([response.status, await response.json()]).toEqual([400, refused('The operation has 31 aliases; the limit is 30. Split it into several requests.', [{ line: 1, column: 1 }], { aliases: 31, limit: 30 })]);
  });

  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql')))('still answers the README example %s', async (file) => {
    const { status, body } = await postGraphQL(hub.url, readFileSync(path.join(EXAMPLES, file), 'utf8'));
    expect([status, body.errors]).toEqual([200, undefined]);
  });
});

describe('time limit', () => {
  it('answers an operation still running after OPERATION_TIMEOUT_MS with LIMIT_EXCEEDED instead of waiting for it', async () => {
    const gateway = await gatewayWith({ OPERATION_TIMEOUT_MS: '1' });
    try {
      const { status, body } = await timed(SECTOR_GRAPH.replace(/^/, '{ ') + ' }', gateway.url);
      expect([status, body]).toEqual([400, refused('The operation ran for more than 1 ms; the limit is 1 ms. Ask for less: smaller pages, fewer nested lists.')]);
    } finally {
      await gateway.close();
    }
  });
});

/** A POST from `localAddress` (any 127.x.y.z reaches the gateway on 127.0.0.1): another client, as the gateway counts them. */
function postFrom(localAddress: string, url: string, query: string) {
  const body = JSON.stringify({ query });
  return new Promise<{ status: number; retryAfter?: string; body: any }>((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'], body: JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('cost budget', () => {
  // Every source, with its excerpt: estimated 1 + 150 sources × (1 + 4) = 751, answered 2 + 150 × 4 = 602 field values.
  const SOURCES = '{ sources(first: 200) { nodes { id title excerpt url } } }';

  it('makes a client whose answers add up past its share wait (429, Retry-After), while another client goes on', async () => {
    const gateway = await gatewayWith({ MAX_COST: '3000', COST_BURST: '3000', COST_PER_SECOND: '50' });
    try {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await postFrom('127.0.0.2', gateway.url, SOURCES));
      const refusal = answers.find((answer) => answer.status === 429)!;
      expect(answers.slice(0, 3).map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect(Number(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(refusal.body).toEqual(
        refused(
          `This client has been answered more than its share: 50 field values a second, 3000 at once; this operation may cost 751. Retry after ${refusal.retryAfter} s, or ask for less (smaller pages, fewer fields).`,
        ),
      );
      expect((await postFrom('127.0.0.3', gateway.url, SOURCES)).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  it('gives back what an estimate overstated: a small answer to a large estimate costs what it held', async () => {
    const gateway = await gatewayWith({ MAX_COST: '3000', COST_BURST: '3000', COST_PER_SECOND: '1' });
    try {
      // Every sector is priced as if it had as many conventions, each as many parties, as the busiest has:
      // estimated 1 + 29 × (2 + 3 × (2 + 6)) = 755, answered far less: without the settlement the fifth would be refused.
      const query = '{ sectors(first: 500) { nodes { conventions(first: 500) { nodes { parties { name } } } } } }';
      const statuses = [];
      for (let i = 0; i < 10; i++) statuses.push((await postFrom('127.0.0.4', gateway.url, query)).status);
      expect(statuses).toEqual(Array(10).fill(200));
    } finally {
      await gateway.close();
    }
  });
});

describe('rate limit', () => {
  it('refuses a client over its rate with 429, LIMIT_EXCEEDED and Retry-After, on /graphql and /export.csv alike', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '2' });
    try {
      const ask = (headers: Record<string, string> = {}) =>
        fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://dashboard.example', ...headers }, body: '{"query":"{ __typename }"}' });
      expect([(await ask()).status, (await ask()).status]).toEqual([200, 200]);
      const over = await ask();
      expect([over.status, over.headers.get('retry-after'), over.headers.get('access-control-expose-headers'), await over.json()]).toEqual([
        429,
        '1',
        'x-request-id, x-sql-statements, x-cache, x-cost-estimate, x-cost-actual, etag, retry-after',
        refused('Too many requests from this client: the limit is 1 per second, with bursts of up to 2. Retry after 1 s.'),
      ]);
      const exported = await fetch(new URL('/export.csv?query=%7B%20labelCriteria%20%7B%20code%20%7D%20%7D', gateway.url));
      expect([exported.status, exported.headers.get('retry-after')]).toEqual([429, '1']);
      // a made-up API key is no way around it: only a verified one counts apart from the address
      expect((await ask({ 'x-api-key': `made-up-${Math.random()}` })).status).toBe(401);
      expect((await fetch(new URL('/health', gateway.url))).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await ask()).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });
});

describe('the estimate follows the data', () => {
  it('counts a list that a write made longer in the very next estimate', async () => {
    const query = '{ conventions(first: 500) { nodes { id parties { name } } } }';
    const before = await priced(query);
    const token = await hub.tokenFor('editor', 'gov_wallonia');
    const created = await hub.ask(
      'mutation ($input: CreateConventionInput!) { createConvention(input: $input) { record { id } } }',
      { input: { id: 'conv_estimate', title: 'Convention estimée', kind: 'TRAINING_OPERATOR', sectors: ['bois'], parties: [{ id: 'forem', kind: 'TRAINING_OPERATOR' }], sources: ['S01'] } },
      token,
    );
    expect(created.body).toEqual({ data: { createConvention: { record: { id: 'conv_estimate' } } } });
    const after = await priced(query);
    // 1 + rows × (nodes, id, parties, and as many names as any convention has parties): one row more, priced as the others
    const rows = before.body.data.conventions.nodes.length;
    expect(after.body.data.conventions.nodes).toHaveLength(rows + 1);
    expect((after.estimate - 1) / (rows + 1)).toBe((before.estimate - 1) / rows);
    expect(after.estimate).toBeGreaterThanOrEqual(after.actual);
  });
});

describe('a subgraph that cannot say its list sizes', () => {
  it('keeps the gateway not ready, and has its plain lists priced at a page: too high then, never too low', async () => {
    const query = '{ sectorTests(first: 5) { nodes { sessions { year } } } }';
    const sessions = (await priced(query)).estimate;
    // an education subgraph that says it is ready but cannot say its list sizes, until `sizes` is set
    let sizes: Record<string, number> | undefined;
    const education = createServer((req, res) => {
      const [status, body] = req.url === '/health/ready' ? [200, { status: 'ok' }] : req.url === '/hub/list-sizes' && sizes ? [200, { sizes }] : [500, {}];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => education.listen(0, '127.0.0.1', resolve));
    const gateway = await gatewayWith({ [urlVariable('education')]: `http://127.0.0.1:${(education.address() as AddressInfo).port}/graphql` });
    try {
      expect((await fetch(new URL('/health/ready', gateway.url))).status).toBe(503);
      const degraded = await priced(query, undefined, undefined, gateway.url);
      // sectorTests 1 + 5 × (nodes 1 + sessions 1 + 50 × year), where the data holds fewer sessions a test
      expect(degraded.estimate).toBe(1 + 5 * (2 + 50));
      expect(degraded.estimate).toBeGreaterThan(sessions);
      // once it says them, the gateway is ready (the readiness check asks again)
      sizes = { 'Query.sectorTests': 2, 'SectorTest.sessions': 3 };
      expect((await fetch(new URL('/health/ready', gateway.url))).status).toBe(200);
      expect((await priced(query, undefined, undefined, gateway.url)).estimate).toBe(1 + 2 * (2 + 3));
    } finally {
      await gateway.close();
      education.close();
    }
  });
});

describe('list sizes', () => {
  it('are known for every connection and every list of records of the schema, so that none is priced by its page alone', async () => {
    const { body } = await postGraphQL(hub.url, getIntrospectionQuery());
    const schema = buildClientSchema(body.data);
    const store = new ListSizeStore(
      Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, `http://127.0.0.1:${hub.subgraphBasePort + i}/graphql`])) as Record<SubgraphName, string>,
      hub.subgraphSecret,
      quietLogger('gateway'),
    );
    await store.refresh();
    // lists of values (names, sources, the audit trail of a record, count groups) are not records the data multiplies
    const unsized = new Set(['Source', 'AuditEntry', 'String', 'ImportProblem', 'ImportRecordOutcome', 'ValidationTitleYear']);
    const missing = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && !type.name.endsWith('Connection'))
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter((field) => {
            const named = getNamedType(field.type);
            const listed = named.name.endsWith('Connection') || isListType(getNullableType(field.type));
            return listed && !unsized.has(named.name) && !named.name.endsWith('Count') && store.sizeOf(type.name, field.name) === undefined;
          })
          .map((field) => `${type.name}.${field.name}`),
      );
    expect(missing).toEqual([]);
    // a subgraph tells them to the gateway only
    const unsigned = await fetch(`http://127.0.0.1:${hub.subgraphBasePort}/hub/list-sizes`);
    expect(unsigned.status).toBe(401);
  });
});
