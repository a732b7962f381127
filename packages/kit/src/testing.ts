import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { SUBGRAPH_ADMISSION } from './admission';
import { loadTestConfig, type ServiceConfig, type SubgraphName } from './config';
import { inTransaction, openDatabase, serviceDatabaseUrl } from './database';
import type { ReferenceData } from './reference-data';
import { generateSecret } from './secrets';
import { encodeIdentity, IDENTITY_HEADER, type Identity } from './identity';
import { SIGNATURE_HEADER, signRequest } from './signature';
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

/**
 * A new, empty database on the test server, so each test file runs alone and in parallel with others.
 * drop() drops it and the subgraphs' roles made for it (`<database>_<subgraph>`: roles belong to the server).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = loadTestConfig().databaseUrl;
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  await onServer(server, (client) => client.query(`create database ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      onServer(server, async (client) => {
        await client.query(`drop database if exists ${name} with (force)`);
        const roles = await client.query<{ rolname: string }>('select rolname from pg_roles where left(rolname, length($1)) = $1', [`${name}_`]);
        for (const { rolname } of roles.rows) await client.query(`drop role if exists ${client.escapeIdentifier(rolname)}`);
      }),
  };
}

/** The configuration of a subgraph on a test database: port 0, a role of its own and a subgraph secret, new for each call. */
export function testServiceConfig(database: TestDatabase, name: SubgraphName): ServiceConfig {
  return {
    databaseUrl: database.url,
    serviceDatabaseUrl: serviceDatabaseUrl(database.url, name, generateSecret()),
    subgraphSecret: generateSecret(),
    host: '127.0.0.1',
    port: 0,
    logSql: false,
    // no gateway in a subgraph's own tests: a reference to another subgraph's record cannot be checked there
    gatewayUrl: 'http://127.0.0.1:9/graphql',
    publishChanges: false,
    admission: SUBGRAPH_ADMISSION,
  };
}

/** Runs SQL on a test database (fixtures, row counts): tests check storage without going through the API. */
export const sql = <R extends pg.QueryResultRow = any>(url: string, text: string, values?: unknown[]) =>
  onServer(url, (client) => client.query<R>(text, values)).then((result) => result.rows);

/**
 * Ports for test servers come from 20000–32767, below Linux's ephemeral range (32768+), so an outgoing
 * connection can never take a port between our check and the server's bind; each jest worker owns its
 * own slice and walks it in order, so two workers never pick the same port at the same time.
 */
const TEST_PORTS = { first: 20000, last: 32767, slices: 16 };
const sliceSize = Math.floor((TEST_PORTS.last - TEST_PORTS.first + 1) / TEST_PORTS.slices);
const slice = (Number(process.env.JEST_WORKER_ID ?? process.pid) % TEST_PORTS.slices) * sliceSize + TEST_PORTS.first;
let nextPort = slice + Math.floor(Math.random() * sliceSize);

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** `count` consecutive TCP ports free on 127.0.0.1 right now, from this worker's slice. */
export async function freePortRange(count: number): Promise<number> {
  for (let tries = 0; tries < sliceSize; tries++) {
    if (nextPort + count > slice + sliceSize) nextPort = slice;
    const base = nextPort;
    nextPort += count;
    let free = true;
    for (let i = 0; i < count && free; i++) free = await isFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} free consecutive ports in ${slice}–${slice + sliceSize - 1}`);
}

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = () => freePortRange(1);

/** The headers of a JSON POST of `body` to a subgraph at `url`, signed as the gateway signs it (for `identity`, when given). */
export function signedHeaders(url: string, body: string, subgraphSecret: string, requestId?: string, identity?: Identity): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (requestId !== undefined) headers['x-request-id'] = requestId;
  const caller = identity ? encodeIdentity(identity) : '';
  if (caller) headers[IDENTITY_HEADER] = caller;
  headers[SIGNATURE_HEADER] = signRequest(subgraphSecret, { method: 'POST', path: new URL(url).pathname, requestId: requestId ?? '', identity: caller, body });
  return headers;
}

/**
 * POSTs a GraphQL request, signed as the gateway signs it when given the subgraph secret; returns the
 * status, the body and the SQL statement count the server reported.
 */
export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, options: { subgraphSecret?: string; identity?: Identity } = {}) {
  const body = JSON.stringify({ query, variables });
  const headers = options.subgraphSecret ? signedHeaders(url, body, options.subgraphSecret, undefined, options.identity) : { 'content-type': 'application/json' };
  const response = await fetch(url, { method: 'POST', headers, body });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: any[] },
    // undefined when the header is missing, so that a count of 0 is really one
    sqlStatements: response.headers.has('x-sql-statements') ? Number(response.headers.get('x-sql-statements')) : undefined,
  };
}

/** A logger for tests: silent, but for errors, which go to stderr. */
export const quietLogger = (name = 'test'): Logger => ({
  info: () => {},
  error: (message, fields) => process.stderr.write(`${name}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`),
});

/** A subgraph served on a free port, on a database of its own, with the reference data loaded. */
export async function startTestSubgraph(module: SubgraphModule) {
  const database = await createTestDatabase();
  const log = quietLogger(module.name);
  try {
    const config = testServiceConfig(database, module.name);
    const server = await startSubgraph(module, config, log);
    return {
      url: server.url,
      databaseUrl: database.url,
      serviceDatabaseUrl: config.serviceDatabaseUrl,
      subgraphSecret: config.subgraphSecret,
      /** A request signed as the gateway signs it. */
      query: (query: string, variables?: Record<string, unknown>) => postGraphQL(server.url, query, variables, { subgraphSecret: config.subgraphSecret }),
      /** Loads reference data into the subgraph's database the way start-up does: one transaction; returns its conflicts. */
      load: async (data: ReferenceData) => {
        const orm = await openDatabase({ url: database.url, schema: module.name, entities: module.entities, migrations: module.migrations });
        try {
          return (await inTransaction(orm, (em) => module.loadReferenceData(em, data))) ?? [];
        } finally {
          await orm.close();
        }
      },
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

/** The SQL a migration would still need once the subgraph's migrations have run: '' when they match its entities. */
export async function pendingSchemaChanges(module: SubgraphModule, databaseUrl: string): Promise<string> {
  const orm = await openDatabase({ url: databaseUrl, schema: module.name, entities: module.entities, migrations: module.migrations });
  try {
    return await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: module.name });
  } finally {
    await orm.close();
  }
}
