import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual, promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { Agent, request as httpRequest } from 'node:http';
import path from 'node:path';
import { createLogger, DEFAULT_GATEWAY_LIMITS, repositoryRoot, startEmbeddedPostgres } from '@hub/kit';
import { createTestDatabase, freePort, freePortRange, type TestDatabase } from '@hub/kit/testing';
import { createHub } from '@hub/gateway';
import { growConventions, growData } from './support/grow';
import { askGateway, tokenFor } from './support/hub';

const OPTIONS = { seconds: 10, connections: 8, grow: 70, conventions: 100_000, 'attack-seconds': 30, 'import-records': 100_000, 'overload-clients': 32 };

const HELP = `npm run bench [-- --seconds 10 --connections 8 --grow 70 --conventions 100000 --attack-seconds 30 --import-records 100000] [--only-import | --only-overload | --only-attack | --only-costs]
Starts the hub on a fresh database (DATABASE_URL's server, else an embedded PostgreSQL) and sends queries to
its gateway on 127.0.0.1 from --connections concurrent connections, --seconds for each run:
  1. the whole-graph query (every sector → agreements → conventions → parties, centres) on the reference
     data, beside one hand-written SQL statement giving the same answer (hub/SQL printed), then after adding --grow synthetic sectors, each with
     an agreement, a convention and a centre;
  2. after adding --conventions synthetic specific conventions over those sectors, the whole graph again (and the SQL statement)
     and three analyst queries: a search, a filtered and ordered page, counts per sector and year;
  3. overload: --overload-clients clients (each waiting 1 s when refused with 503) asking the whole graph
     on the grown data: how many are answered in time, shed at once, or left without a subgraph's fields
     (--only-overload runs this alone);
  4. the attack run, on a gateway with the default limits, --attack-seconds each: the filtered page from
     --connections − 1 clients (each its own loopback address), alone, then beside one more client looping the
     heaviest query the default limits admit; prints the share of throughput the normal clients keep. The
     attacker starts with a full cost budget, which admits one heaviest query at once: the longer the run,
     the less that opening weighs against the budget's steady share. That query is found on the data: the
     estimate counts what the data holds (--only-attack grows the data and runs this alone).
  5. npm run import of a file of --import-records new specific conventions (each with two parties checked with
     their owner), then the same file again (nothing to change); --only-import runs this alone.
First it prints, for each example of examples/ and the whole-graph query, the gateway's estimated cost
(x-cost-estimate) against what the answer held (x-cost-actual), on the reference data; --only-costs stops there.
Prints requests/s, p50/p95/p99 latency, the SQL statements per request (all subgraphs together), the response
size and the errors; then each query's SQL statements on the reference data against the grown data, which
should be equal: a request's statements depend on the query, not on the rows.`;

/** The whole graph: every sector → fund, framework agreements → signatories, conventions → objectives and parties; its centres. */
const WHOLE_GRAPH = `query WholeGraph {
  sectors(first: 500) {
    totalCount
    nodes {
      id name sectorFund { name }
      frameworkAgreements(first: 20) {
        totalCount
        nodes {
          id title validFrom validTo signatories { __typename id name }
          conventions(first: 20) { totalCount nodes { id kind signedOn objectives { code } parties { __typename id name kind } } }
        }
      }
      competenceCentres(first: 20) { totalCount nodes { id name label { status validTo } } }
    }
  }
}`;

/** What an analyst asks of the grown data: the words are those of the synthetic titles (see growConventions). */
const ANALYST_QUERIES = {
  search: `query ConventionSearch {
    conventions(filter: { search: "formation alternance" }, first: 20) { totalCount nodes { id title } }
  }`,
  'filtered page': `query ConstructionEducationConventionsActiveIn2016 {
    conventions(
      filter: { sector: ["construction"], kind: [EDUCATION], activeOn: "2016", verifiedOnly: true }
      first: 50
      orderBy: [{ field: SIGNED_ON, direction: DESC }]
    ) { totalCount pageInfo { endCursor hasNextPage } nodes { id title signedOn parties { __typename name } } }
  }`,
  aggregate: `query ConventionCountsBySectorAndYear {
    conventionCounts(groupBy: [SECTOR, YEAR_SIGNED]) { key { sector { name } yearSigned } count }
  }`,
};

/**
 * The attacker's query: `sectors` sectors × `conventions` conventions each, with their plain lists
 * (objectives, sectors, parties from three subgraphs).
 */
const heavyQuery = (sectors: number, conventions: number) => `query WorstAllowed {
  sectors(first: ${sectors}) { nodes { conventions(first: ${conventions}) { nodes { id title signedOn objectives { code } sectors { name } parties { __typename id name } } } } }
}`;

/** A request that has not answered after this long counts as an error, so that every run ends. */
const REQUEST_TIMEOUT_MS = 60_000;

/** A wrong command line: said in one line, without a stack. */
class UsageError extends Error {}

function option(name: keyof typeof OPTIONS): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : OPTIONS[name];
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} must be a positive whole number (npm run bench -- --help)`);
  return value;
}

interface Run {
  requests: number;
  errors: number;
  /** Of the errors, those refused for the client's rate or cost budget (HTTP 429). */
  refused: number;
  /** Of the errors, those refused at once because the hub was too busy (HTTP 503): the client waits 1 s. */
  shed: number;
  /** Of the errors, answers missing a subgraph's fields (SUBGRAPH_UNAVAILABLE: it did not answer in time). */
  unavailable: number;
  seconds: number;
  latencies: number[];
  statements: Set<number>;
  bytes: number;
  /** The last answer's body, to say what it held. */
  last: string;
  /** The last answer's estimated cost (x-cost-estimate). */
  estimate: number;
}

/** One POST on `agent`'s kept-alive connection: status, body, the statements the hub reported. */
function post(url: URL, body: string, agent: Agent) {
  return new Promise<{ status: number; text: string; statements: number; estimate: number }>((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({
        status: response.statusCode ?? 0,
        text: Buffer.concat(chunks).toString(),
        statements: Number(response.headers['x-sql-statements']),
        estimate: Number(response.headers['x-cost-estimate']),
      }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * `connections` loops, each sending the query as soon as the previous answer arrived, for `seconds` (or
 * `limit` requests). Each connection is a client of its own, from its own loopback address (127.0.0.`client`,
 * counting up from `firstClient`), as the gateway's per-client limits see it.
 */
async function load(url: string, query: string | ((client: number) => string), seconds: number, connections: number, { limit = Infinity, firstClient = 2 } = {}): Promise<Run> {
  const run: Run = { requests: 0, errors: 0, refused: 0, shed: 0, unavailable: 0, seconds, latencies: [], statements: new Set(), bytes: 0, last: '', estimate: NaN };
  const bodyOf = (client: number) => JSON.stringify({ query: typeof query === 'string' ? query : query(client) });
  const end = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${firstClient + i}` });
      const body = bodyOf(i);
      while (Date.now() < end && run.requests < limit) {
        const t0 = process.hrtime.bigint();
        run.requests++;
        try {
          const answer = await post(new URL(url), body, agent);
          run.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          run.bytes = Buffer.byteLength(answer.text);
          run.last = answer.text;
          run.estimate = answer.estimate;
          if (!Number.isNaN(answer.statements)) run.statements.add(answer.statements); // the SQL statement served alone reports none
          if (answer.status === 429) run.refused++;
          if (answer.text.includes('SUBGRAPH_UNAVAILABLE')) run.unavailable++;
          if (answer.status !== 200 || answer.text.includes('"errors"')) run.errors++;
          if (answer.status === 503) {
            run.shed++;
            await new Promise((resolve) => setTimeout(resolve, 1000)); // as Retry-After says
          }
        } catch {
          run.errors++; // timed out, or the gateway is gone
        }
      }
      agent.destroy();
    }),
  );
  run.seconds = (Date.now() - started) / 1000;
  return run;
}

/**
 * One request: its statements, and what it answered; from `client`'s address (127.0.0.250 is no client of
 * a run: the rate and cost budgets are per address).
 */
const once = (url: string, query: string, client = 2) => load(url, query, REQUEST_TIMEOUT_MS / 1000, 1, { limit: 1, firstClient: client });

const byLatency = (run: Run) => [...run.latencies].sort((a, b) => a - b);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const statementsOf = (run: Run) => [...run.statements].sort((a, b) => a - b).join(' or ') || '-';

/** What the answer held: the total of the list asked for, or the number of groups. */
function held(run: Run): string {
  try {
    const answer = Object.values(JSON.parse(run.last).data ?? {})[0] as { totalCount?: number } | unknown[] | undefined;
    if (Array.isArray(answer)) return `${answer.length} groups`;
    if (answer && typeof answer.totalCount === 'number') return `${answer.totalCount} found`;
  } catch {
    // no answer to describe
  }
  return '-';
}

function report(label: string, run: Run) {
  const sorted = byLatency(run);
  process.stdout.write(
    `${label.padEnd(40)} ${String(run.requests).padStart(6)} requests  ${(run.requests / run.seconds).toFixed(1).padStart(7)} req/s  ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  ` +
      `SQL statements/request ${statementsOf(run)}  response ${(run.bytes / 1024).toFixed(1)} KiB (${held(run)})  errors ${run.errors}${run.refused ? ` (${run.refused} refused: 429)` : ''}${run.shed ? ` (${run.shed} shed: 503)` : ''}${run.unavailable ? ` (${run.unavailable} SUBGRAPH_UNAVAILABLE)` : ''}\n`,
  );
}

/** Stops the bench at once when a query is refused (it no longer matches the schema), rather than timing errors. */
function mustAnswer(name: string, run: Run) {
  if (run.errors > 0) throw new Error(`the ${name} query failed: ${run.last.slice(0, 500) || 'no answer'}`);
}

/** The statements of a query on the reference data against the grown data (the most of either run). */
function compare(label: string, before: Run, after: Run) {
  const [s1, s2] = [Math.max(...before.statements), Math.max(...after.statements)];
  const why = held(before) === '0 found' ? '  (the reference answer is empty: its nested fields asked nothing)' : '';
  process.stdout.write(`${label.padEnd(40)} SQL statements ${s1} → ${s2} (×${(s2 / s1).toFixed(2)}), response ${held(before)} → ${held(after)}${why}\n`);
}

async function main() {
  if (process.argv.includes('--help')) return void process.stdout.write(`${HELP}\n`);
  const unknown = process.argv.slice(2).filter((arg) => arg.startsWith('--') && !(arg.slice(2) in OPTIONS) && !['--only-import', '--only-overload', '--only-attack', '--only-costs'].includes(arg));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(', ')} (npm run bench -- --help)`);
  const [seconds, connections, grow, conventions, attackSeconds] = [option('seconds'), option('connections'), option('grow'), option('conventions'), option('attack-seconds')];
  const log = createLogger('bench');

  let database: TestDatabase | undefined;
  let embedded: { stop(): Promise<void> } | undefined;
  let scratch: string | undefined;
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    databaseUrl = database.url;
  } else {
    scratch = mkdtempSync(path.join(tmpdir(), 'hub-bench-'));
    const started = await startEmbeddedPostgres(scratch, await freePort(), log);
    embedded = started;
    databaseUrl = started.url;
  }
  const config = { databaseUrl, dataDir: '', embeddedPostgresPort: 0, gatewayPort: await freePort(), subgraphBasePort: await freePortRange(4) };
  // The bench loads the hub from one client far past the per-client rate, with the whole graph of every sector:
  // it measures the hub, not its limits, so it lifts the rate and cost limits and the cost budget.
  // It grows the data behind the hub's back (SQL), which no write publishes: the response cache stays off
  // but in the run that measures it, on data that does not change meanwhile.
  const gatewayEnv = { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000', MAX_COST: '100000000', COST_PER_SECOND: '100000000', COST_BURST: '100000000', RESPONSE_CACHE: 'off' };
  let hub = await createHub(config, log, { echo: false, gatewayEnv }).start();
  const url = new URL(hub.url);
  url.hostname = '127.0.0.1'; // the gateway listens there; "localhost" may resolve elsewhere first
  const gateway = url.toString();
  // the attack run measures the default limits: the hub is started again without the lifted ones
  const attack = async () => {
    await hub.stop();
    hub = await createHub(config, log, { echo: false }).start();
    await attackRun(gateway, connections, attackSeconds);
  };
  try {
    if (process.argv.includes('--only-import')) return await importRun(gateway, hub.tokenSecret!, option('import-records'));
    if (process.argv.includes('--only-overload')) {
      await growData(databaseUrl, grow);
      await growConventions(databaseUrl, conventions);
      return await overloadRun(gateway, seconds, conventions);
    }
    if (process.argv.includes('--only-attack')) {
      await growData(databaseUrl, grow);
      await growConventions(databaseUrl, conventions);
      return await attack();
    }
    await costReport(gateway);
    if (process.argv.includes('--only-costs')) return;
    mustAnswer('whole graph', await once(gateway, WHOLE_GRAPH));
    await warmUp(gateway, WHOLE_GRAPH, connections); // connections, JIT, query plans: the hub is ~1.6× slower just after a start
    const reference: Record<string, Run> = {};
    for (const [name, query] of Object.entries(ANALYST_QUERIES)) mustAnswer(name, (reference[name] = await once(gateway, query)));

    process.stdout.write(`whole-graph query (every sector), ${connections} connections, ${seconds} s each, after a warm-up until throughput is steady\n`);
    const base = await load(gateway, WHOLE_GRAPH, seconds, connections);
    report('reference data', base);
    await againstSql('reference data', base, gateway, databaseUrl, seconds, connections);
    await hub.stop();
    hub = await createHub(config, log, { echo: false, gatewayEnv: { ...gatewayEnv, RESPONSE_CACHE: 'on' } }).start();
    await cachedRun(gateway, base, seconds, connections, hub.tokenSecret!);
    await hub.stop();
    hub = await createHub(config, log, { echo: false, gatewayEnv }).start();
    await warmUp(gateway, WHOLE_GRAPH, connections);
    await growData(databaseUrl, grow);
    const grown = await load(gateway, WHOLE_GRAPH, seconds, connections);
    report(`+${grow} sectors`, grown);
    compare('whole graph, +sectors', base, grown);

    const t0 = Date.now();
    await growConventions(databaseUrl, conventions);
    process.stdout.write(`\nadded ${conventions} specific conventions in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const runs: [string, Run, Run][] = [];
    for (const [name, query] of [['whole graph', WHOLE_GRAPH], ...Object.entries(ANALYST_QUERIES)] as const) {
      await load(gateway, query, 1, connections); // warm-up on the new data
      const run = await load(gateway, query, seconds, connections);
      report(`${name}, +${conventions} conventions`, run);
      runs.push([name, name === 'whole graph' ? base : reference[name], run]);
      if (name === 'whole graph') await againstSql(`+${conventions} conventions`, run, gateway, databaseUrl, seconds, connections);
    }
    process.stdout.write(`\nreference data → +${grow} sectors and +${conventions} conventions\n`);
    for (const [name, before, after] of runs) compare(name, before, after);

    await overloadRun(gateway, seconds, conventions);

    await attack();
    await importRun(gateway, hub.tokenSecret!, option('import-records'));
  } finally {
    await hub.stop();
    await database?.drop();
    await embedded?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The heaviest attacker's query the gateway's limits admit on the data it holds now, asked once. The
 * estimate counts what the data holds, so it is asked, not assumed: from 8 sectors × 500 conventions,
 * each refusal's cost (in its extensions) scales the sectors down, then the conventions, until one is admitted.
 */
async function worstAllowed(gateway: string) {
  let [sectors, conventions] = [8, 500];
  for (;;) {
    const [query, shape] = [heavyQuery(sectors, conventions), `${sectors} sectors × ${conventions} conventions`];
    const answer = await once(gateway, query, 250);
    if (!answer.last) throw new Error(`the attacker's query (${shape}) had no answer in ${REQUEST_TIMEOUT_MS / 1000} s`);
    const errors = (JSON.parse(answer.last) as { errors?: { extensions: Record<string, unknown> }[] }).errors;
    if (!errors) return { query, shape, cost: answer.estimate, seconds: answer.latencies[0] / 1000, bytes: answer.bytes };
    const { code, cost, limit } = errors[0].extensions as { code: string; cost: number; limit: number };
    if (code !== 'LIMIT_EXCEEDED' || !(cost > limit)) throw new Error(`the attacker's query (${shape}) failed: ${answer.last.slice(0, 300)}`);
    if (sectors === 1 && conventions === 1) throw new Error(`the limits admit no attacker's query: one sector × one convention costs ${cost}`);
    // the estimate is about proportional to either page: scale the outer one first, then the inner one
    if (sectors > 1) sectors = Math.max(1, Math.floor((sectors * limit) / cost));
    else conventions = Math.max(1, Math.floor((conventions * limit) / cost));
  }
}

/**
 * The attack run, on a gateway with the default limits: the filtered page from `connections` − 1 clients
 * (each its own address), alone, then beside one more client looping the worst query those limits admit.
 */
async function attackRun(gateway: string, connections: number, attackSeconds: number) {
  const worst = await worstAllowed(gateway);
  process.stdout.write(
    `\nthe worst query the default limits admit: ${worst.shape}, estimated cost ${worst.cost} of ${DEFAULT_GATEWAY_LIMITS.maxCost}, ` +
      `answered alone in ${worst.seconds.toFixed(1)} s (${(worst.bytes / 1024).toFixed(0)} KiB)\n`,
  );
  const normal = Math.max(1, connections - 1);
  process.stdout.write(`\nattack, default limits: ${normal} normal clients (filtered page) beside 1 client looping that query, ${attackSeconds} s each\n`);
  await load(gateway, ANALYST_QUERIES['filtered page'], 1, normal); // warm-up of the new gateway
  const alone = await load(gateway, ANALYST_QUERIES['filtered page'], attackSeconds, normal);
  report('normal clients alone', alone);
  const [attacked, attacker] = await Promise.all([
    load(gateway, ANALYST_QUERIES['filtered page'], attackSeconds, normal),
    load(gateway, worst.query, attackSeconds, 1, { firstClient: 200 }),
  ]);
  report('normal, beside the attacker', attacked);
  report('the attacker', attacker);
  // an attacker refused outright would make the share below measure refusals, not the hub's fairness
  if (attacker.requests === attacker.errors) throw new Error(`the attacker had no answer: ${attacker.last.slice(0, 300)}`);
  const throughput = (run: Run) => run.requests / run.seconds;
  process.stdout.write(
    `the attacker was answered ${attacker.requests - attacker.errors} times; ` +
      `normal clients keep ${((100 * throughput(attacked)) / throughput(alone)).toFixed(0)} % of their throughput; ` +
      `p95 ×${(percentile(byLatency(attacked), 95) / percentile(byLatency(alone), 95)).toFixed(1)}\n`,
  );
}

/** Each example's estimated cost against its answer's, as the gateway reports them, with their ratio. */
async function costReport(gateway: string) {
  const examples = path.join(repositoryRoot(), 'examples');
  const queries = [
    ...readdirSync(examples)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => [file, readFileSync(path.join(examples, file), 'utf8')]),
    ['whole graph (every sector)', WHOLE_GRAPH],
  ];
  process.stdout.write('estimated cost against the answer (reference data)\n');
  for (const [name, query] of queries) {
    const { headers, body } = await askGateway(gateway, query);
    if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors).slice(0, 300)}`);
    const [estimate, actual] = [Number(headers.get('x-cost-estimate')), Number(headers.get('x-cost-actual'))];
    process.stdout.write(`  ${name.padEnd(36)} estimate ${String(estimate).padStart(6)}  actual ${String(actual).padStart(6)}  estimate/actual ${(estimate / actual).toFixed(1)}\n`);
  }
}

/**
 * The dashboard's case: the same whole-graph query again and again, answered from the gateway's response
 * cache once warm; then a write through the hub, and the next answer must be computed afresh and hold it.
 */
async function cachedRun(gateway: string, uncached: Run, seconds: number, connections: number, tokenSecret: string) {
  await warmUp(gateway, WHOLE_GRAPH, connections);
  const cached = await load(gateway, WHOLE_GRAPH, seconds, connections);
  report('reference data, response cache warm', cached);
  const throughput = (run: Run) => run.requests / run.seconds;
  process.stdout.write(
    `cached/uncached: throughput ×${(throughput(cached) / throughput(uncached)).toFixed(1)}, ` +
      `p95 ×${(percentile(byLatency(cached), 95) / percentile(byLatency(uncached), 95)).toFixed(2)} (SQL statements per request: ${statementsOf(cached)})\n`,
  );
  const token = await tokenFor(tokenSecret, 'editor', 'gov_wallonia', 'bench');
  const rename = (input: object) => askGateway(gateway, 'mutation ($input: UpdateSectorInput!) { updateSector(input: $input) { record { version } } }', { input }, token);
  const sector = (await askGateway(gateway, '{ sectors(first: 1) { nodes { id name version } } }')).body.data.sectors.nodes[0];
  const written = await rename({ id: sector.id, version: sector.version, name: `${sector.name} (bench)` });
  if (written.body.errors) throw new Error(`the write through the cached hub failed: ${written.body.errors[0].message}`);
  const after = await askGateway(gateway, WHOLE_GRAPH);
  const fresh = JSON.stringify(after.body).includes(JSON.stringify(`${sector.name} (bench)`));
  process.stdout.write(`after a write: next whole-graph answer ${after.headers.get('x-cache')}, ${fresh ? 'holds the write' : 'STALE'}\n`);
  await rename({ id: sector.id, version: sector.version + 1, name: sector.name });
}

/**
 * Overload: far more clients than the hub serves at once, each asking the whole graph; the excess is
 * refused at once (503, Retry-After: 1 s) instead of every request waiting past the subgraph time limit.
 */
async function overloadRun(gateway: string, seconds: number, conventions: number) {
  const clients = option('overload-clients');
  process.stdout.write(`\noverload: ${clients} clients asking the whole graph, +${conventions} conventions, ${Math.max(seconds, 20)} s\n`);
  // each client's query differs (its page size), so that no two share a subgraph request: the load is real
  const distinct = (client: number) => WHOLE_GRAPH.replace('sectors(first: 500)', `sectors(first: ${500 - client})`);
  report('overload', await load(gateway, distinct, Math.max(seconds, 20), clients));
}

/** Runs `query` until its throughput is steady: 2 s windows until one is within 5 % of the one before (60 s at most). */
async function warmUp(url: string, query: string, connections: number) {
  const started = Date.now();
  const rates: number[] = [];
  for (;;) {
    const run = await load(url, query, 2, connections);
    rates.push(run.requests / run.seconds);
    const [before, last] = rates.slice(-2);
    if ((rates.length > 1 && Math.abs(last - before) <= 0.05 * before) || Date.now() - started > 60_000) break;
  }
  process.stdout.write(`warmed up in ${((Date.now() - started) / 1000).toFixed(0)} s: ${rates.map((r) => r.toFixed(1)).join(' → ')} req/s\n`);
}

/**
 * The whole graph made by one SQL statement (test/support/graph-sql.ts) in a process of its own, served
 * over HTTP: the physical limit. Checks it gives the hub's answer, loads it as the hub was loaded and
 * prints hub/SQL for throughput and p95.
 */
async function againstSql(label: string, hubRun: Run, gateway: string, databaseUrl: string, seconds: number, connections: number) {
  const child = spawn(process.execPath, [path.join(__dirname, 'support', 'graph-sql.js')], { env: { ...process.env, DATABASE_URL: databaseUrl, CONNECTIONS: String(connections) }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (line: Buffer) => resolve(line.toString().trim()));
      child.once('exit', (code) => reject(new Error(`the SQL server stopped (${code})`)));
    });
    const [hubAnswer, sqlAnswer] = [JSON.parse((await once(gateway, WHOLE_GRAPH)).last), JSON.parse((await once(url, WHOLE_GRAPH)).last)];
    const same = isDeepStrictEqual(hubAnswer, sqlAnswer);
    await warmUp(url, WHOLE_GRAPH, connections);
    const sql = await load(url, WHOLE_GRAPH, seconds, connections);
    report(`one SQL statement, ${label}`, sql);
    const throughput = (run: Run) => run.requests / run.seconds;
    const p95 = (run: Run) => percentile(byLatency(run), 95);
    process.stdout.write(
      `hub / SQL, ${label}: throughput ${(throughput(hubRun) / throughput(sql)).toFixed(2)} (1/${(throughput(sql) / throughput(hubRun)).toFixed(1)}), ` +
        `p95 ×${(p95(hubRun) / p95(sql)).toFixed(1)}; the same answer: ${same ? 'yes' : `NO (${firstDifference(hubAnswer, sqlAnswer)})`}\n`,
    );
  } finally {
    child.kill();
  }
}

/** Where two answers first differ: a path and both values. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
}

/** Times npm run import of `count` new conventions, then of the same file again (nothing to change). */
async function importRun(gateway: string, tokenSecret: string, count: number) {
  const folder = mkdtempSync(path.join(tmpdir(), 'hub-bench-import-'));
  try {
    const parties = [['forem', 'TRAINING_OPERATOR'], ['ifapme', 'TRAINING_OPERATOR'], ['age', 'EDUCATION_ADMINISTRATION'], ['gov_wallonia', 'GOVERNMENT']];
    const sectors = ['construction', 'horeca', 'automobile', 'chimie', 'bois'];
    const records = Array.from({ length: count }, (_, i) => JSON.stringify({
      type: 'SpecificConvention',
      id: `bench_import_${i}`,
      title: `Convention importée ${i}`,
      kind: 'TRAINING_OPERATOR',
      validFrom: String(2010 + (i % 10)),
      validTo: String(2012 + (i % 10)),
      sectors: [sectors[i % sectors.length]],
      parties: [parties[i % 2], parties[2 + (i % 2)]].map(([id, kind]) => ({ id, kind })),
      verified: false,
    }));
    const file = path.join(folder, 'conventions.json');
    writeFileSync(file, `{ "records": [\n${records.join(',\n')}\n] }\n`);
    const env = { ...process.env, HUB_TOKEN: await tokenFor(tokenSecret, 'admin') };
    const timed = async () => {
      const t0 = Date.now();
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, '..', '..', 'gateway', 'dist', 'src', 'transfer.js'), 'import', file, '--url', gateway], { env, maxBuffer: 1 << 26 });
      return { seconds: (Date.now() - t0) / 1000, said: stdout.trim().split('\n').at(-1) };
    };
    process.stdout.write(`\nnpm run import, ${count} new specific conventions (${(statSync(file).size / 1e6).toFixed(1)} MB)\n`);
    const first = await timed();
    process.stdout.write(`  first run: ${first.seconds.toFixed(1)} s, ${Math.round(count / first.seconds)} records/s: ${first.said}\n`);
    const again = await timed();
    process.stdout.write(`  same file again: ${again.seconds.toFixed(1)} s, ${Math.round(count / again.seconds)} records/s: ${again.said}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof UsageError ? error.message : (error.stack ?? error)}\n`);
  process.exit(1);
});
