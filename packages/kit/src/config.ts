import path from 'node:path';
import { GATEWAY_ADMISSION, SUBGRAPH_ADMISSION, type AdmissionLimits } from './admission';

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

function positiveInteger(env: Env, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(variable, `must be a whole number of at least 1, got "${raw}"`);
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

/** The bytes a SUBGRAPH_SECRET must have at least (256 bits, the size of the HMAC-SHA256 key). */
export const MIN_SECRET_BYTES = 32;

/** The secret the gateway signs its subgraph requests with (signature.ts); the same value in every process. */
function subgraphSecret(env: Env): string {
  const raw = env.SUBGRAPH_SECRET;
  if (!raw) throw new ConfigError('SUBGRAPH_SECRET', `is required: the same random value for the gateway and every subgraph, at least ${MIN_SECRET_BYTES} bytes (openssl rand -base64 32)`);
  return longEnough('SUBGRAPH_SECRET', raw);
}

function longEnough(variable: string, secret: string): string {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_SECRET_BYTES) throw new ConfigError(variable, `must be at least ${MIN_SECRET_BYTES} bytes (openssl rand -base64 32), got ${bytes}`);
  return secret;
}

/** How the gateway knows who is asking (README "Sign-in"). */
export interface SignInConfig {
  /** JWT_SECRET: tokens signed with HS256 and this secret are accepted. */
  jwtSecret?: string;
  /** JWKS_FILE: tokens signed (RS256, ES256) with a key of this JSON Web Key Set are accepted. */
  jwksFile?: string;
  /** A token's `iss` and `aud` must be these. */
  issuer: string;
  audience: string;
  /** How far a token's `exp` and `nbf` may be off this machine's clock. */
  clockSkewSeconds: number;
  /** API_KEYS_FILE: the API keys (their hashes) `npm run keys` keeps; absent: no API key is accepted. */
  apiKeysFile?: string;
  /** SIGN_IN_REQUIRED=1: anonymous callers are refused (401) instead of reading. */
  required: boolean;
}

export const DEFAULT_TOKEN_ISSUER = 'sector-conventions-hub';
export const DEFAULT_TOKEN_AUDIENCE = 'sector-conventions-hub';

/** How the gateway signs people in, from the environment (also what `npm run token` signs for). */
export function signInConfig(env: Env = process.env): SignInConfig {
  const required = env.SIGN_IN_REQUIRED ?? '';
  if (!['', '0', '1'].includes(required)) throw new ConfigError('SIGN_IN_REQUIRED', `must be 1 or 0, got "${required}"`);
  return {
    jwtSecret: env.JWT_SECRET ? longEnough('JWT_SECRET', env.JWT_SECRET) : undefined,
    jwksFile: env.JWKS_FILE || undefined,
    issuer: env.JWT_ISSUER || DEFAULT_TOKEN_ISSUER,
    audience: env.JWT_AUDIENCE || DEFAULT_TOKEN_AUDIENCE,
    clockSkewSeconds: positiveInteger(env, 'JWT_CLOCK_SKEW_SECONDS', 30),
    apiKeysFile: env.API_KEYS_FILE || undefined,
    required: required === '1',
  };
}

/**
 * The login of the subgraph's own PostgreSQL role, which serves its requests (database.ts,
 * grantServiceRole): a plain role name other than DATABASE_URL's, its password, the same database.
 */
function serviceDatabaseUrl(env: Env, adminUrl: string): string {
  const variable = 'SERVICE_DATABASE_URL';
  const raw = env[variable];
  if (!raw) throw new ConfigError(variable, 'is required (postgres://role:password@host:port/database: the role this subgraph serves requests as)');
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new ConfigError(variable, 'must start with postgres://');
  const [service, admin] = [new URL(raw), new URL(adminUrl)];
  const role = decodeURIComponent(service.username);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new ConfigError(variable, `must name a role of lower-case letters, digits and _ (got "${role}")`);
  if (role === decodeURIComponent(admin.username)) throw new ConfigError(variable, `must name a role of its own, not DATABASE_URL's "${role}"`);
  if (!service.password) throw new ConfigError(variable, `must hold the password of role "${role}" (the subgraph sets it)`);
  if (service.pathname !== admin.pathname) throw new ConfigError(variable, `must name DATABASE_URL's database (${admin.pathname.slice(1)}), got ${service.pathname.slice(1)}`);
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
export const SERVICE_VARIABLES = ['DATABASE_URL', 'SERVICE_DATABASE_URL', 'SUBGRAPH_SECRET', 'HOST', 'PORT', 'LOG_SQL', 'GATEWAY_URL'];
export const GATEWAY_VARIABLES = () => [
  'HOST',
  'PORT',
  'SUBGRAPH_SECRET',
  ...SUBGRAPHS.map((s) => urlVariable(s.name)),
  ...Object.values(LIMIT_VARIABLES),
  ...SIGN_IN_VARIABLES,
  ...CACHE_VARIABLES,
];

const CACHE_VARIABLES = ['RESPONSE_CACHE', 'RESPONSE_CACHE_TTL_SECONDS', 'RESPONSE_CACHE_MAX_ENTRIES', 'REDIS_URL'];

/** The gateway's response cache: in this process's memory, or in Redis shared by every replica. */
export interface ResponseCacheConfig {
  /** An entry's longest life, should an invalidation never arrive (a write the gateway did not hear). */
  ttlSeconds: number;
  /** In memory: the most entries kept (the least recently used go first). */
  maxEntries: number;
  /** Set: entries and invalidations live in this Redis, shared by every gateway that uses it. */
  redisUrl?: string;
}

/** RESPONSE_CACHE=off turns it off; RESPONSE_CACHE_TTL_SECONDS (300), RESPONSE_CACHE_MAX_ENTRIES (10,000), REDIS_URL. */
function responseCacheConfig(env: Env): ResponseCacheConfig | undefined {
  const switched = env.RESPONSE_CACHE || 'on';
  if (switched !== 'on' && switched !== 'off') throw new ConfigError('RESPONSE_CACHE', `must be on or off, got "${switched}"`);
  if (switched === 'off') return undefined;
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL', `must start with redis:// or rediss://, got "${redisUrl}"`);
  return { ttlSeconds: positiveInteger(env, 'RESPONSE_CACHE_TTL_SECONDS', 300), maxEntries: positiveInteger(env, 'RESPONSE_CACHE_MAX_ENTRIES', 10_000), redisUrl };
}

const SIGN_IN_VARIABLES = ['JWT_SECRET', 'JWKS_FILE', 'JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_CLOCK_SKEW_SECONDS', 'API_KEYS_FILE', 'SIGN_IN_REQUIRED'];

export interface ServiceConfig {
  /** The owner of the subgraph's schema: migrates it, loads the reference data and grants the service role. */
  databaseUrl: string;
  /** The subgraph's own role, which serves requests: it may only read its own schema. */
  serviceDatabaseUrl: string;
  /** Requests without the gateway's signature made with it are refused. */
  subgraphSecret: string;
  host: string;
  port: number;
  /** Print every SQL statement (LOG_SQL=1). */
  logSql: boolean;
  /** HUB_INSTANCE: the id `npm start` gave this process, returned by /health/live. */
  instance?: string;
  /**
   * GATEWAY_URL: where the subgraph checks a reference to a record another subgraph owns (never in its
   * tables), and tells the gateway's response cache what each committed write changed.
   */
  gatewayUrl: string;
  /** False where no gateway runs (a subgraph's own tests): nothing to tell. */
  publishChanges?: boolean;
  /** MAX_IN_FLIGHT, MAX_QUEUED, QUEUE_WAIT_MS. */
  admission: AdmissionLimits;
}

/** Configuration of one subgraph process. */
export function loadServiceConfig(name: SubgraphName, env: Env = process.env): ServiceConfig {
  const fallback = SUBGRAPHS.find((s) => s.name === name)!.port;
  const adminUrl = databaseUrl(env);
  return {
    databaseUrl: adminUrl,
    serviceDatabaseUrl: serviceDatabaseUrl(env, adminUrl),
    subgraphSecret: subgraphSecret(env),
    host: env.HOST || '127.0.0.1',
    port: port(env, 'PORT', fallback),
    logSql: env.LOG_SQL === '1',
    instance: env.HUB_INSTANCE || undefined,
    gatewayUrl: httpUrl(env, 'GATEWAY_URL', 'http://127.0.0.1:4000/graphql'),
    admission: admissionLimits(env, SUBGRAPH_ADMISSION),
  };
}

/** How much work the process takes on at once, from MAX_IN_FLIGHT, MAX_QUEUED and QUEUE_WAIT_MS. */
function admissionLimits(env: Env, defaults: AdmissionLimits): AdmissionLimits {
  return {
    maxInFlight: positiveInteger(env, 'MAX_IN_FLIGHT', defaults.maxInFlight),
    maxQueued: positiveInteger(env, 'MAX_QUEUED', defaults.maxQueued),
    queueWaitMs: positiveInteger(env, 'QUEUE_WAIT_MS', defaults.queueWaitMs),
  };
}

function httpUrl(env: Env, variable: string, fallback: string): string {
  const url = env[variable] || fallback;
  if (!/^https?:\/\//.test(url)) throw new ConfigError(variable, `must be an http(s) URL, got "${url}"`);
  return url;
}

/** What one request may ask of the gateway; each is refused with LIMIT_EXCEEDED before any subgraph is asked. */
export interface GatewayLimits {
  /** Fields nested in an operation, fragments followed (a connection's `nodes` is a level). */
  maxDepth: number;
  /** Aliased fields in an operation, counted at every place a fragment is spread. */
  maxAliases: number;
  /** Lexical tokens of the whole document: bounds the work of parsing and validating it. */
  maxTokens: number;
  /** Directives in an operation, counted at every place a fragment is spread. */
  maxDirectives: number;
  /** Estimated cost: each field counts once for every item of the connections around it (`first`/`last`, 50 when absent). */
  maxCost: number;
  /** How long an operation may run once planned; then it is answered with LIMIT_EXCEEDED. */
  operationTimeoutMs: number;
  /** Requests per second each client may send, on average (token bucket). */
  rateLimitPerSecond: number;
  /** Requests a client may send at once after being idle (the bucket's size). */
  rateLimitBurst: number;
  /** Field values each client may be answered per second, on average: its share of the hub's work. */
  costPerSecond: number;
  /** Field values a client may be answered at once after being idle (its cost bucket's size; at least maxCost). */
  costBurst: number;
}

/** The environment variable of each limit. */
const LIMIT_VARIABLES: Record<keyof GatewayLimits, string> = {
  maxDepth: 'MAX_DEPTH',
  maxAliases: 'MAX_ALIASES',
  maxTokens: 'MAX_TOKENS',
  maxDirectives: 'MAX_DIRECTIVES',
  maxCost: 'MAX_COST',
  operationTimeoutMs: 'OPERATION_TIMEOUT_MS',
  rateLimitPerSecond: 'RATE_LIMIT_PER_SECOND',
  rateLimitBurst: 'RATE_LIMIT_BURST',
  costPerSecond: 'COST_PER_SECOND',
  costBurst: 'COST_BURST',
};

/**
 * The limits when no variable says otherwise (why each, in README "Limits"): every example passes (the
 * heaviest, the convention graph, costs 38,358), the attack documents of issue 8 do not (a fragment bomb
 * costs billions, 1,000 aliases of one sector's graph 38 million). The cost budget gives one client about
 * a tenth of what a 2-core machine answers (see README "Performance", the attack run).
 */
export const DEFAULT_GATEWAY_LIMITS: Readonly<GatewayLimits> = {
  maxDepth: 16,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 30,
  maxCost: 50_000,
  operationTimeoutMs: 30_000,
  rateLimitPerSecond: 20,
  rateLimitBurst: 40,
  costPerSecond: 5_000,
  costBurst: 50_000,
};

export interface GatewayConfig {
  host: string;
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
  /** Every subgraph request is signed with it (signature.ts). */
  subgraphSecret: string;
  /** Absent: DEFAULT_GATEWAY_LIMITS. */
  limits?: GatewayLimits;
  /** HUB_INSTANCE: the id `npm start` gave this process, returned by /health/live. */
  instance?: string;
  /** Absent: tokens and API keys are refused, everyone reads anonymously. */
  signIn?: SignInConfig;
  /** MAX_IN_FLIGHT, MAX_QUEUED, QUEUE_WAIT_MS; absent: GATEWAY_ADMISSION. */
  admission?: AdmissionLimits;
  /** Absent: no response cache (RESPONSE_CACHE=off). */
  responseCache?: ResponseCacheConfig;
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
  const limits = { ...DEFAULT_GATEWAY_LIMITS };
  for (const [key, variable] of Object.entries(LIMIT_VARIABLES) as [keyof GatewayLimits, string][]) {
    limits[key] = positiveInteger(env, variable, DEFAULT_GATEWAY_LIMITS[key]);
  }
  // A full bucket must admit any operation within the cost limit, or some could never run.
  if (limits.costBurst < limits.maxCost) throw new ConfigError('COST_BURST', `must be at least MAX_COST (${limits.maxCost}), got ${limits.costBurst}`);
  return {
    host: env.HOST || '127.0.0.1',
    port: port(env, 'PORT', 4000),
    subgraphUrls,
    subgraphSecret: subgraphSecret(env),
    limits,
    instance: env.HUB_INSTANCE || undefined,
    signIn: signInConfig(env),
    admission: admissionLimits(env, GATEWAY_ADMISSION),
    responseCache: responseCacheConfig(env),
  };
}

export interface HubConfig {
  /** Set: use this server. Unset: run an embedded PostgreSQL in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  gatewayPort: number;
  /** Where the subgraph ports start (4001 by default: conventions, education, training, competence). */
  subgraphBasePort: number;
  /** `json` (the default, and when absent): every process's lines as they are, one JSON object each; `pretty`: readable lines for a terminal. */
  logFormat?: 'json' | 'pretty';
}

function logFormat(env: Env): 'json' | 'pretty' {
  const raw = env.LOG_FORMAT || 'json';
  if (raw !== 'json' && raw !== 'pretty') throw new ConfigError('LOG_FORMAT', `must be json or pretty, got "${raw}"`);
  return raw;
}

/** Configuration of `npm start`, which runs the whole hub. */
export function loadHubConfig(env: Env = process.env, cwd = process.cwd()): HubConfig {
  return {
    databaseUrl: env.DATABASE_URL ? databaseUrl(env) : undefined,
    dataDir: path.resolve(cwd, env.HUB_DATA_DIR || '.data'),
    embeddedPostgresPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    gatewayPort: port(env, 'PORT', 4000),
    subgraphBasePort: port(env, 'SUBGRAPH_BASE_PORT', 4001),
    logFormat: logFormat(env),
  };
}

/** Configuration of a subgraph's `create-migration` command: the database only. */
export function loadMigrationConfig(env: Env = process.env): { databaseUrl: string } {
  return { databaseUrl: databaseUrl(env) };
}

/** The server tests make their own databases on: DATABASE_URL (jest's global set-up sets it when absent). */
export function loadTestConfig(env: Env = process.env): { databaseUrl: string } {
  return { databaseUrl: databaseUrl(env) };
}
