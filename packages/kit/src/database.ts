import { MikroORM, DefaultLogger, type LoggerOptions, type LogContext, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import pg from 'pg';
import { AUDIT_SQL } from './audit';
import { ChangeFeed, type PublishChanges } from './changes';
import { sqlDuration, sqlStatements } from './metrics';
import { traceStatement } from './tracing';
import { SourcedEntity } from './provenance';
import { SHARED_SQL } from './search';
import { scramVerifier } from './secrets';

/**
 * Counts the SQL statements each request runs (the em fork carries the request id as logger context),
 * so a response can say how many it cost and tests can prove the count does not grow with the data.
 */
export class StatementCounter extends DefaultLogger {
  private static readonly counts = new Map<string, number>();

  constructor(
    options: LoggerOptions,
    private readonly service: string,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    sqlStatements.inc({ service: this.service });
    traceStatement(this.service, context.query, context.took);
    if (context.took !== undefined) sqlDuration.observe({ service: this.service }, context.took / 1000);
    const key = context.statementKey as string | undefined;
    if (key) StatementCounter.counts.set(key, (StatementCounter.counts.get(key) ?? 0) + 1);
    super.logQuery(context);
  }

  /** The number of statements run under a key so far; forgets the key. */
  static take(key: string): number {
    const count = StatementCounter.counts.get(key) ?? 0;
    StatementCounter.counts.delete(key);
    return count;
  }
}

export interface DatabaseOptions {
  url: string;
  /** The PostgreSQL schema this subgraph owns; its migrations table lives in it too. */
  schema: string;
  entities: Function[];
  migrations: { name: string; class: new (...args: any[]) => Migration }[];
  logSql?: boolean;
  /** Where `create-migration` writes new migrations (the source folder, not the compiled one). */
  migrationsPath?: string;
  /** Told what each committed transaction wrote (the gateway's response cache). */
  changeFeed?: PublishChanges;
}

export function ormOptions(options: DatabaseOptions) {
  return {
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    subscribers: options.changeFeed ? [new ChangeFeed(options.changeFeed)] : [],
    allowGlobalContext: false,
    debug: options.logSql ? (['query', 'query-params'] as const).slice() : false,
    loggerFactory: (loggerOptions: LoggerOptions) => new StatementCounter(loggerOptions, options.schema),
    // A full pool or a database that does not answer fails within 10 s, before the gateway's 15 s limit,
    // so the client learns SERVICE_UNAVAILABLE (the database) rather than SUBGRAPH_UNAVAILABLE.
    pool: { min: 0, max: 10, acquireTimeoutMillis: 10_000 },
    // a deleted record is gone from every read through the ORM (its row stays, as a tombstone)
    filters: {
      live: { cond: { deletedAt: null }, default: true, entity: options.entities.filter((entity) => entity.prototype instanceof SourcedEntity).map((entity) => entity.name) },
    },
    // a record's links to others are read as they are: a record still named elsewhere cannot be deleted
    autoJoinRefsForFilters: false,
    // the audit trail is the hub's, made by AUDIT_SQL, not by any subgraph's migrations
    schemaGenerator: { ignoreSchema: ['audit'] },
    migrations: {
      tableName: `${options.schema}.mikro_orm_migrations`,
      migrationsList: options.migrations,
      path: options.migrationsPath,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
  };
}

/**
 * Runs `work` holding a PostgreSQL advisory lock named after the schema, so two replicas of a subgraph
 * starting together migrate and load one after the other, never at once.
 */
export async function withSchemaLock<T>(url: string, schema: string, work: () => Promise<T>): Promise<T> {
  return withLock(url, `hub:${schema}`, () => work());
}

async function withLock<T>(url: string, name: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    return await work(client);
  } finally {
    await client.end(); // ending the session releases the lock
  }
}

/** The extensions and functions every subgraph's migrations rely on, installed once per database. */
async function installSharedSql(url: string) {
  await withLock(url, 'hub:shared', async (client) => {
    for (const statement of [...SHARED_SQL, ...AUDIT_SQL]) await client.query(statement);
  });
}

/**
 * Connects, creates the subgraph's schema when missing and runs its pending migrations, then
 * `whileLocked` (loading reference data, say), all under the schema's lock.
 */
export async function openDatabase(options: DatabaseOptions, whileLocked?: (orm: MikroORM) => Promise<void>): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(options));
  try {
    await installSharedSql(options.url);
    await withSchemaLock(options.url, options.schema, async () => {
      await orm.em.fork().getConnection().execute(`create schema if not exists "${options.schema}"`);
      await orm.getMigrator().up();
      await whileLocked?.(orm);
    });
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

/**
 * The subgraph's database as its own role (SERVICE_DATABASE_URL), which serves requests: it may read
 * its own schema's tables and nothing else (grantServiceRole). Never creates or migrates anything.
 */
export async function openServiceDatabase(options: DatabaseOptions): Promise<MikroORM> {
  return MikroORM.init({ ...ormOptions(options), ensureDatabase: false });
}

/**
 * Makes the role of `serviceUrl` (created when missing, its password set to the URL's) able to read and
 * write the tables of `schema` and nothing more: USAGE on the schema, SELECT, INSERT and UPDATE on its
 * tables (the write API; a deletion leaves a tombstone), DELETE only on the tables of a record's lists
 * (keyed by two columns or more), SELECT and INSERT on the audit trail (append only); no other schema, no DDL,
 * no DELETE of a record, no TRUNCATE. Run by the schema's owner after each migration,
 * so new tables are granted too. A role that
 * could do more (superuser, CREATEROLE, CREATEDB, replication, BYPASSRLS, member of another role) is
 * refused rather than demoted: it is someone else's.
 */
export async function grantServiceRole(adminUrl: string, schema: string, serviceUrl: string): Promise<void> {
  const { username, password } = new URL(serviceUrl);
  const role = decodeURIComponent(username);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // every subgraph grants on the public schema and its functions: one at a time, or PostgreSQL fails
    // the second with "tuple concurrently updated" (released when the session ends)
    await client.query('select pg_advisory_lock(hashtext($1))', ['hub:shared']);
    const [id, owned] = [client.escapeIdentifier(role), client.escapeIdentifier(schema)];
    const found = await client.query<{ powerful: boolean }>(
      `select rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls
              or exists (select 1 from pg_auth_members where member = pg_roles.oid) as powerful
         from pg_roles where rolname = $1`,
      [role],
    );
    if (found.rows[0]?.powerful) throw new Error(`SERVICE_DATABASE_URL's role "${role}" may do more than read one schema: give the ${schema} subgraph a plain role of its own`);
    // one transaction: replicas already serving never see the role between the revoke and the grants
    await client.query('begin');
    if (found.rowCount === 0) await client.query(`create role ${id} nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls`);
    await client.query(`alter role ${id} with login password ${client.escapeLiteral(scramVerifier(decodeURIComponent(password)))}`);
    await client.query(`revoke all on all tables in schema ${owned} from ${id}`);
    await client.query(`revoke all on all sequences in schema ${owned} from ${id}`);
    await client.query(`grant usage on schema ${owned} to ${id}`);
    // the API writes through it: insert and update (a record is never deleted: a deletion is a tombstone);
    // the tables keyed by two columns or more are a record's lists (a convention's sectors), replaced by deleting rows
    await client.query(`grant select, insert, update on all tables in schema ${owned} to ${id}`);
    const lists = await client.query<{ name: string }>(
      `select c.relname as name from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        where i.indisprimary and i.indnatts > 1 and n.nspname = $1`,
      [schema],
    );
    for (const { name } of lists.rows) await client.query(`grant delete on ${owned}.${client.escapeIdentifier(name)} to ${id}`);
    // the migrations' own table stays the owner's to write
    await client.query(`revoke insert, update on ${owned}.mikro_orm_migrations from ${id}`);
    // the audit trail is append-only for the subgraphs: they read it and add to it, nothing more
    await client.query(`grant usage on schema audit to ${id}`);
    await client.query(`grant select, insert on audit.entry to ${id}`);
    // the shared functions (hub_fold, hub_search_text…) and the extensions' (PUBLIC may run them already,
    // unless a hardened database revoked that)
    await client.query(`grant usage on schema public to ${id}`);
    await client.query(`grant execute on all functions in schema public to ${id}`);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

/**
 * The SERVICE_DATABASE_URL `npm start` and the tests give a subgraph: DATABASE_URL with the role
 * `<database>_<schema>` (`hub_conventions` on the database `hub`; roles belong to the whole server, so
 * each database has its own) and `password`.
 */
export function serviceDatabaseUrl(adminUrl: string, schema: string, password: string): string {
  const url = new URL(adminUrl);
  let database = decodeURIComponent(url.pathname.slice(1)).toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (!/^[a-z_]/.test(database)) database = `hub_${database}`;
  url.username = `${database.slice(0, 62 - schema.length)}_${schema}`;
  url.password = password;
  return url.toString();
}

/** Runs `work` in one transaction: all of it is written, or none. */
export function inTransaction<T>(orm: MikroORM, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return orm.em.fork().transactional((em) => work(em as EntityManager));
}
