import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, startEmbeddedPostgres } from '@hub/kit';
import { createTestDatabase, freePort, freePortRange, type TestDatabase } from '@hub/kit/testing';
import { createHub } from '@hub/gateway';
import { growData } from './support/grow';

const HELP = `npm run bench [-- --seconds 10 --connections 8 --grow 70]
Starts the hub on a fresh database (DATABASE_URL's server, else an embedded PostgreSQL), then sends the
convention-graph query through the gateway from concurrent connections: once on the reference data and
once after adding --grow synthetic sectors (10× the data). Prints requests/s, p50/p95/p99 latency and the
SQL statements per request (all subgraphs together), and how they change when the data grows.`;

const QUERY = `{
  sectors {
    id name sectorFund { name }
    frameworkAgreements {
      id title validFrom validTo signatories { __typename id name }
      conventions { id kind objectives { code } parties { __typename id name kind } }
    }
    competenceCentres { id name label { status validTo } }
  }
}`;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

interface Run {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  statements: Set<number>;
  bytes: number;
}

/** `connections` loops, each sending the query as soon as the previous answer arrived, for `seconds`. */
async function load(url: string, seconds: number, connections: number): Promise<Run> {
  const run: Run = { requests: 0, errors: 0, seconds, latencies: [], statements: new Set(), bytes: 0 };
  const body = JSON.stringify({ query: QUERY });
  const end = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const t0 = process.hrtime.bigint();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await response.text();
        run.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        run.requests++;
        run.bytes = text.length;
        run.statements.add(Number(response.headers.get('x-sql-statements')));
        if (!response.ok || text.includes('"errors"')) run.errors++;
      }
    }),
  );
  run.seconds = (Date.now() - started) / 1000;
  return run;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function report(label: string, run: Run) {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const statements = [...run.statements].sort((a, b) => a - b).join(' or ');
  process.stdout.write(
    `${label.padEnd(26)} ${String(run.requests).padStart(6)} requests  ${(run.requests / run.seconds).toFixed(1).padStart(7)} req/s  ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  ` +
      `SQL statements/request ${statements}  response ${(run.bytes / 1024).toFixed(1)} KiB  errors ${run.errors}\n`,
  );
}

async function main() {
  if (process.argv.includes('--help')) return void process.stdout.write(`${HELP}\n`);
  const seconds = option('seconds', 10);
  const connections = option('connections', 8);
  const grow = option('grow', 70);
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
  const hub = await createHub(config, log, { echo: false }).start();
  try {
    await load(hub.url, 1, connections); // warm-up: connections, JIT, query plans
    process.stdout.write(`convention-graph query, ${connections} connections, ${seconds} s each\n`);
    const base = await load(hub.url, seconds, connections);
    report('reference data (8 sectors)', base);
    await growData(databaseUrl, grow);
    const grown = await load(hub.url, seconds, connections);
    report(`grown (${8 + grow} sectors)`, grown);
    const [s1, s2] = [Math.max(...base.statements), Math.max(...grown.statements)];
    process.stdout.write(`response size ×${(grown.bytes / base.bytes).toFixed(1)}, SQL statements per request ×${(s2 / s1).toFixed(2)} (${s1} → ${s2})\n`);
  } finally {
    await hub.stop();
    await database?.drop();
    await embedded?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
