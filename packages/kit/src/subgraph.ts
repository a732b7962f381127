import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApolloServerPlugin } from '@apollo/server';
import { loadMigrationConfig, loadServiceConfig, type ServiceConfig, type SubgraphName } from './config';
import { createContext, requestIdOf, type Context } from './context';
import { identityOf } from './identity';
import { hubClient } from './hub-client';
import { publishToGateway } from './changes';
import { startTracing } from './tracing';
import { stopImports } from './imports';
import { metricsPlugin, watchPool } from './metrics';
import { Rights } from './rights';
import type { ReferenceConflict } from './writes';
import { listSizesRoute, type ListSizes } from './list-sizes';
import { grantServiceRole, inTransaction, openDatabase, openServiceDatabase, StatementCounter, type DatabaseOptions } from './database';
import { buildSubgraph, printSubgraphSdl, type SubgraphDefinition } from './federation';
import { onShutdown, requestIdPlugin, serveGraphQL, type RunningServer } from './http';
import { captureConsole, createLogger, errorFields, type Logger } from './log';
import { readReferenceData, type ReferenceData } from './reference-data';

/** Everything that makes one subgraph; its main.ts hands this to runSubgraph. */
export interface SubgraphModule<Loaders = unknown> {
  name: SubgraphName;
  entities: DatabaseOptions['entities'];
  migrations: DatabaseOptions['migrations'];
  definition: SubgraphDefinition;
  createLoaders(em: EntityManager): Loaders;
  /** The most items each of its list fields holds (list-sizes.ts): what the gateway's cost estimate counts. */
  listSizes: ListSizes;
  /** Loads the data file; returns the records it left as an agency edited them although the file changed. */
  loadReferenceData(em: EntityManager, data: ReferenceData): Promise<ReferenceConflict[] | void>;
}

/** Reports each response's SQL statement count in `x-sql-statements`; the gateway adds them up. */
function statementCountPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          response.http.headers.set('x-sql-statements', String(StatementCounter.take(contextValue.statementKey)));
        },
      };
    },
  };
}

/**
 * Migrates the subgraph's schema and loads the reference data in one transaction as DATABASE_URL's role,
 * lets the subgraph's own role read the schema, then serves it through that role only (requests signed
 * by the gateway only).
 */
export async function startSubgraph(
  module: SubgraphModule,
  config: ServiceConfig,
  log: Logger,
  data: ReferenceData = readReferenceData(),
): Promise<RunningServer> {
  const options = { schema: module.name, entities: module.entities, migrations: module.migrations, logSql: config.logSql };
  const owner = await openDatabase({ ...options, url: config.databaseUrl }, async (migrated) => {
    const conflicts = await inTransaction(migrated, (em) => module.loadReferenceData(em, data));
    for (const conflict of conflicts ?? []) {
      log.error(`reference data not applied to ${conflict.table} "${conflict.id}": an agency changed it through the API (${conflict.editedAt.toISOString()}) and the data file changed since; see its history, then bring the file and the record together`, { ...conflict });
    }
    await grantServiceRole(config.databaseUrl, module.name, config.serviceDatabaseUrl);
  });
  await owner.close();
  const rights = Rights.load(); // a malformed rights file stops the start-up
  const askHub = hubClient(config.gatewayUrl, config.subgraphSecret);
  const orm = await openServiceDatabase({ ...options, url: config.serviceDatabaseUrl, changeFeed: config.publishChanges === false ? undefined : publishToGateway(config.gatewayUrl, config.subgraphSecret, log) });
  watchPool(module.name, () => {
    const pool = orm.em.getConnection().getKnex().client.pool;
    return pool ? { used: pool.numUsed(), free: pool.numFree(), pending: pool.numPendingAcquires() } : { used: 0, free: 0, pending: 0 };
  });
  try {
    const schema = await buildSubgraph(module.definition);
    const server = await serveGraphQL<Context>({
      service: module.name,
      apollo: { schema, plugins: [requestIdPlugin(), statementCountPlugin(), metricsPlugin(module.name)] },
      host: config.host,
      port: config.port,
      log,
      context: async (req) => createContext(orm, module.createLoaders, { requestId: requestIdOf(req.headers), identity: identityOf(req), subgraph: module.name, rights, askHub }),
      signatureSecret: config.subgraphSecret,
      route: listSizesRoute(() => orm.em.fork(), module.listSizes),
      instance: config.instance,
      admission: config.admission,
      ready: async () => (await orm.em.getConnection().execute('select 1 as one')).length === 1,
    });
    const close = async () => {
      stopImports(module.name); // a running import rolls back rather than hold the stop
      await server.close();
      await orm.close();
    };
    return { ...server, close };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

/** The whole life of a subgraph process: configuration, start, graceful stop on Ctrl-C. */
export async function runSubgraph(module: SubgraphModule): Promise<void> {
  const log = createLogger(module.name);
  captureConsole(log);
  const stopTracing = startTracing(module.name);
  try {
    const running = await startSubgraph(module, loadServiceConfig(module.name), log);
    onShutdown(log, async () => {
      await running.close();
      await stopTracing?.(); // the last spans are sent before the process ends
    });
    log.info(`ready at ${running.url}`);
  } catch (error) {
    log.error(`could not start: ${(error as Error).message ?? error}`, { err: errorFields(error) });
    process.exit(1);
  }
}

/**
 * The maintenance commands of a subgraph: `sdl` prints its schema (for `npm run compose`);
 * `create-migration` writes a migration for the entity changes since the last one (DATABASE_URL needed).
 */
export async function subgraphCli(module: SubgraphModule, migrationsDir: string): Promise<void> {
  const command = process.argv[2];
  if (command === 'sdl') {
    process.stdout.write(await printSubgraphSdl(module.definition));
  } else if (command === 'create-migration') {
    const config = loadMigrationConfig();
    const orm = await openDatabase({ url: config.databaseUrl, schema: module.name, entities: module.entities, migrations: module.migrations, migrationsPath: migrationsDir });
    const result = await orm.getMigrator().createMigration(migrationsDir, false, module.migrations.length === 0);
    process.stdout.write(result.fileName ? `wrote ${migrationsDir}/${result.fileName}: add it to migrations/index.ts\n` : 'no entity change\n');
    await orm.close();
  } else {
    process.stderr.write(`usage: node dist/src/cli.js sdl | create-migration\n`);
    process.exit(2);
  }
}
