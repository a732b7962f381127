import path from 'node:path';

/** A configuration problem, reported before anything starts. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function port(env: Env, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(variable, `must be a port number (0-65535), got "${raw}"`);
  }
  return value;
}

function databaseUrl(env: Env): string {
  const raw = env.DATABASE_URL;
  if (!raw) throw new ConfigError('DATABASE_URL', 'is required (postgres://user@host:port/database)');
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new ConfigError('DATABASE_URL', `must start with postgres://, got "${raw}"`);
  }
  return raw;
}

/** The subgraphs, in the order the hub starts them; the ports are the defaults of `npm start`. */
export const SUBGRAPHS = [
  { name: 'conventions', port: 4001 },
  { name: 'education', port: 4002 },
  { name: 'training', port: 4003 },
  { name: 'competence', port: 4004 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The environment variable that holds a subgraph's URL for the gateway, e.g. CONVENTIONS_URL. */
export const urlVariable = (name: SubgraphName) => `${name.toUpperCase()}_URL`;

/** The environment variables each kind of process reads (docker-compose.yml is checked against these). */
export const SERVICE_VARIABLES = ['DATABASE_URL', 'HOST', 'PORT', 'LOG_SQL'];
export const GATEWAY_VARIABLES = () => ['HOST', 'PORT', ...SUBGRAPHS.map((s) => urlVariable(s.name))];

export interface ServiceConfig {
  databaseUrl: string;
  host: string;
  port: number;
  /** Print every SQL statement (LOG_SQL=1). */
  logSql: boolean;
}

/** Configuration of one subgraph process. */
export function loadServiceConfig(name: SubgraphName, env: Env = process.env): ServiceConfig {
  const fallback = SUBGRAPHS.find((s) => s.name === name)!.port;
  return {
    databaseUrl: databaseUrl(env),
    host: env.HOST || '127.0.0.1',
    port: port(env, 'PORT', fallback),
    logSql: env.LOG_SQL === '1',
  };
}

export interface GatewayConfig {
  host: string;
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
}

/** Configuration of the gateway process. */
export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const subgraphUrls = {} as Record<SubgraphName, string>;
  for (const s of SUBGRAPHS) {
    const variable = urlVariable(s.name);
    const url = env[variable] || `http://127.0.0.1:${s.port}/graphql`;
    if (!/^https?:\/\//.test(url)) throw new ConfigError(variable, `must be an http(s) URL, got "${url}"`);
    subgraphUrls[s.name] = url;
  }
  return { host: env.HOST || '127.0.0.1', port: port(env, 'PORT', 4000), subgraphUrls };
}

export interface HubConfig {
  /** Set: use this server. Unset: run an embedded PostgreSQL in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  gatewayPort: number;
  /** Where the subgraph ports start (4001 by default: conventions, education, training, competence). */
  subgraphBasePort: number;
}

/** Configuration of `npm start`, which runs the whole hub. */
export function loadHubConfig(env: Env = process.env, cwd = process.cwd()): HubConfig {
  return {
    databaseUrl: env.DATABASE_URL ? databaseUrl(env) : undefined,
    dataDir: path.resolve(cwd, env.HUB_DATA_DIR || '.data'),
    embeddedPostgresPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    gatewayPort: port(env, 'PORT', 4000),
    subgraphBasePort: port(env, 'SUBGRAPH_BASE_PORT', 4001),
  };
}

/** The server tests make their own databases on: DATABASE_URL (jest's global set-up sets it when absent). */
export function loadTestConfig(env: Env = process.env): { databaseUrl: string } {
  return { databaseUrl: databaseUrl(env) };
}
