import { MikroORM, DefaultLogger, type LoggerOptions, type LogContext, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import pg from 'pg';

/**
 * Counts the SQL statements each request runs (the em fork carries the request id as logger context),
 * so a response can say how many it cost and tests can prove the count does not grow with the data.
 */
export class StatementCounter extends DefaultLogger {
  private static readonly counts = new Map<string, number>();

  override logQuery(context: { query: string } & LogContext): void {
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
}

export function ormOptions(options: DatabaseOptions) {
  return {
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    allowGlobalContext: false,
    debug: options.logSql ? (['query', 'query-params'] as const).slice() : false,
    loggerFactory: (loggerOptions: LoggerOptions) => new StatementCounter(loggerOptions),
    pool: { min: 0, max: 10 },
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
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`hub:${schema}`]);
    return await work();
  } finally {
    await client.end(); // ending the session releases the lock
  }
}

/**
 * Connects, creates the subgraph's schema when missing and runs its pending migrations, then
 * `whileLocked` (loading reference data, say), all under the schema's lock.
 */
export async function openDatabase(options: DatabaseOptions, whileLocked?: (orm: MikroORM) => Promise<void>): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(options));
  try {
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

/** Runs `work` in one transaction: all of it is written, or none. */
export function inTransaction<T>(orm: MikroORM, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return orm.em.fork().transactional((em) => work(em as EntityManager));
}
