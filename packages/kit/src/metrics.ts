import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import client from 'prom-client';

/**
 * The process's metrics, served at GET /metrics in Prometheus's text format: one registry per process,
 * every series labelled with the service that counted it (tests run several services in one process).
 */
export const metrics = new client.Registry();
client.collectDefaultMetrics({ register: metrics, prefix: 'hub_' });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const requestsTotal = new client.Counter({
  name: 'hub_requests_total',
  help: 'GraphQL operations answered, by operation name and outcome (ok, or the first error code).',
  labelNames: ['service', 'operation', 'outcome'],
  registers: [metrics],
});
export const requestDuration = new client.Histogram({
  name: 'hub_request_duration_seconds',
  help: 'Time to answer a GraphQL operation, by operation name and outcome.',
  labelNames: ['service', 'operation', 'outcome'],
  buckets: LATENCY_BUCKETS,
  registers: [metrics],
});
export const errorsTotal = new client.Counter({ name: 'hub_errors_total', help: 'Errors answered, by code.', labelNames: ['service', 'code'], registers: [metrics] });
export const requestsShed = new client.Counter({
  name: 'hub_requests_shed_total',
  help: 'Requests refused at once because the process was serving and queueing all it may (HTTP 503).',
  labelNames: ['service'],
  registers: [metrics],
});
export const subgraphFetchDuration = new client.Histogram({
  name: 'hub_subgraph_fetch_duration_seconds',
  help: 'Time the gateway waited for a subgraph request, by subgraph and outcome (ok, unavailable).',
  labelNames: ['subgraph', 'outcome'],
  buckets: LATENCY_BUCKETS,
  registers: [metrics],
});
export const subgraphFetchesShared = new client.Counter({
  name: 'hub_subgraph_fetches_shared_total',
  help: 'Subgraph requests not sent because an identical one in flight answered them (deduplication).',
  labelNames: ['subgraph'],
  registers: [metrics],
});
export const cacheLookups = new client.Counter({
  name: 'hub_cache_lookups_total',
  help: "The gateway's response cache: operations answered from it (hit), computed and offered to it (miss), or past it (bypass: a write, a subgraph's check, an unreachable store).",
  labelNames: ['outcome'],
  registers: [metrics],
});
export const cacheInvalidations = new client.Counter({
  name: 'hub_cache_invalidations_total',
  help: 'Changes the write path published to the response cache (changes), and the cached answers they removed (entries).',
  labelNames: ['kind'],
  registers: [metrics],
});
export const sqlStatements = new client.Counter({ name: 'hub_sql_statements_total', help: 'SQL statements run.', labelNames: ['service'], registers: [metrics] });
export const sqlDuration = new client.Histogram({
  name: 'hub_sql_duration_seconds',
  help: 'Time of one SQL statement, as the driver measured it.',
  labelNames: ['service'],
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  registers: [metrics],
});

/** What a database pool holds now: connections in use, idle, and requests waiting for one. */
export interface PoolState {
  used: number;
  free: number;
  pending: number;
}
const pools = new Map<string, () => PoolState>();
new client.Gauge({
  name: 'hub_db_pool_connections',
  help: 'Database connections of the pool, by state (used, free; pending: requests waiting for one).',
  labelNames: ['service', 'state'],
  registers: [metrics],
  collect() {
    this.reset();
    for (const [service, read] of pools) for (const [state, value] of Object.entries(read())) this.set({ service, state }, value);
  },
});

/** Reports a service's database pool in /metrics. */
export const watchPool = (service: string, read: () => PoolState) => void pools.set(service, read);

/** At most this many operation names per service get series of their own; the rest count as "other". */
const MAX_OPERATION_NAMES = 200;
const operationNames = new Map<string, Set<string>>();

/** The name a series gives an operation: its own, "anonymous", or "other" once a service has seen many. */
function operationLabel(service: string, name: string | null | undefined): string {
  if (!name) return 'anonymous';
  const seen = operationNames.get(service) ?? new Set<string>();
  operationNames.set(service, seen);
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(name);
  return name;
}

/** Counts and times every operation a service answers, and its errors by code. */
export function metricsPlugin<TContext extends BaseContext>(service: string): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const labels = { service, operation: operationLabel(service, operationName), outcome: codes[0] ?? 'ok' };
          requestsTotal.inc(labels);
          requestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
          for (const code of codes) errorsTotal.inc({ service, code });
        },
      };
    },
  };
}
