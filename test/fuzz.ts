import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, startEmbeddedPostgres } from '@hub/kit';
import { createTestDatabase, freePort, freePortRange } from '@hub/kit/testing';
import { createHub } from '@hub/gateway';
import { FINDINGS, fuzz } from './support/fuzz-cases';

const OPTIONS = { cases: 5000, seed: 1, concurrency: 8, 'slow-ms': 2000 };

const HELP = `npm run fuzz [-- --cases 5000 --seed 1 --concurrency 8 --slow-ms 2000]
Starts the hub on a fresh database (DATABASE_URL's server, else an embedded PostgreSQL), with the gateway's
per-client rate limit lifted, and sends it --cases malformed and hostile requests made from --seed, from
--concurrency connections to 127.0.0.1: mutated example queries, bad JSON, variables of the wrong type,
huge, NUL and odd Unicode strings, deep nesting, many aliases, forged cursors, unknown enum values,
impossible dates, odd methods, paths, headers and content types, bad exports.
Prints the counts of crashes (no answer, or the hub no longer answering afterwards), 5xx answers (but 503
for a part of the hub down), leaked internals (stack traces, file paths, SQL), unknown error codes, masked
internal errors and answers slower than --slow-ms, with the first requests that caused them; exits with 1
unless all are zero. The same seed makes the same cases: try other seeds for new ones.`;

/** A wrong command line: said in one line, without a stack. */
class UsageError extends Error {}

function option(name: keyof typeof OPTIONS): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : OPTIONS[name];
  if (!Number.isSafeInteger(value) || value < (name === 'seed' ? 0 : 1)) throw new UsageError(`--${name} must be a whole number (npm run fuzz -- --help)`);
  return value;
}

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const unknown = process.argv.slice(2).filter((arg) => arg.startsWith('--') && !(arg.slice(2) in OPTIONS));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(', ')} (npm run fuzz -- --help)`);
  const [cases, seed, concurrency, slowMs] = [option('cases'), option('seed'), option('concurrency'), option('slow-ms')];
  const log = createLogger('fuzz');

  let database: { url: string; drop(): Promise<void> } | undefined;
  let embedded: { url: string; stop(): Promise<void> } | undefined;
  let scratch: string | undefined;
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
  } else {
    scratch = mkdtempSync(path.join(tmpdir(), 'hub-fuzz-'));
    embedded = await startEmbeddedPostgres(scratch, await freePort(), log);
  }
  const databaseUrl = (database ?? embedded)!.url;
  const config = { databaseUrl, dataDir: '', embeddedPostgresPort: 0, gatewayPort: await freePort(), subgraphBasePort: await freePortRange(4) };
  // one client sends every case: lift its rate limit
  const gatewayEnv = { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000' };
  const hub = await createHub(config, log, { echo: false, gatewayEnv }).start();
  try {
    const base = new URL(hub.url);
    base.hostname = '127.0.0.1'; // the gateway listens there; "localhost" may resolve elsewhere first
    process.stdout.write(`fuzz: ${cases} cases of seed ${seed} from ${concurrency} connections\n`);
    const report = await fuzz(base.origin, { seed, cases, concurrency, slowMs });
    const line = (counts: Record<string, number>) =>
      Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, count]) => `${key} ${count}`)
        .join(', ');
    process.stdout.write(
      `${report.cases} cases in ${report.seconds.toFixed(1)} s (${(report.cases / report.seconds).toFixed(0)}/s), slowest answer ${report.slowestMs.toFixed(0)} ms\n` +
        `cases: ${line(report.kinds)}\nHTTP statuses: ${line(report.statuses)}\nerror codes: ${line(report.codes)}\n` +
        `findings: ${FINDINGS.map((finding) => `${finding} ${report.counts[finding]}`).join(', ')}\n`,
    );
    for (const example of report.examples) process.stdout.write(`\n#${example.index} ${example.finding}: ${example.detail}\n  request: ${example.request}\n`);
    return FINDINGS.some((finding) => report.counts[finding] > 0) ? 1 : 0;
  } finally {
    await hub.stop();
    await database?.drop();
    await embedded?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof UsageError ? error.message : (error as Error).stack}\n`);
    process.exit(2);
  },
);
