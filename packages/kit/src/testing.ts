import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { loadTestConfig } from './config';
import { openDatabase } from './database';
import type { Logger } from './log';
import { startSubgraph, type SubgraphModule } from './subgraph';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server, so each test file runs alone and in parallel with others. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = loadTestConfig().databaseUrl;
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  await onServer(server, (client) => client.query(`create database ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(server, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Runs SQL on a test database (fixtures, row counts): tests check storage without going through the API. */
export const sql = <R extends pg.QueryResultRow = any>(url: string, text: string, values?: unknown[]) =>
  onServer(url, (client) => client.query<R>(text, values)).then((result) => result.rows);

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** POSTs a GraphQL request; returns the status, the body and the SQL statement count the server reported. */
export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: any[] },
    sqlStatements: Number(response.headers.get('x-sql-statements')),
  };
}

/** A logger for tests: silent, but for errors, which go to stderr. */
export const quietLogger = (name = 'test'): Logger => ({ info: () => {}, error: (message) => process.stderr.write(`${name}: ${message}\n`) });

/** A subgraph served on a free port, on a database of its own, with the reference data loaded. */
export async function startTestSubgraph(module: SubgraphModule) {
  const database = await createTestDatabase();
  const log = quietLogger(module.name);
  try {
    const server = await startSubgraph(module, { databaseUrl: database.url, host: '127.0.0.1', port: 0, logSql: false }, log);
    return {
      url: server.url,
      databaseUrl: database.url,
      query: (query: string, variables?: Record<string, unknown>) => postGraphQL(server.url, query, variables),
      stop: async () => {
        await server.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** `count` consecutive TCP ports free on 127.0.0.1 right now (the hub gives its subgraphs a range). */
export async function freePortRange(count: number): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 40000);
    let free = true;
    for (let i = 0; i < count && free; i++) free = await isFree(base + i);
    if (free) return base;
  }
}

/** The SQL a migration would still need once the subgraph's migrations have run: '' when they match its entities. */
export async function pendingSchemaChanges(module: SubgraphModule, databaseUrl: string): Promise<string> {
  const orm = await openDatabase({ url: databaseUrl, schema: module.name, entities: module.entities, migrations: module.migrations });
  try {
    return await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: module.name });
  } finally {
    await orm.close();
  }
}
