import { DEFAULT_GATEWAY_LIMITS, GATEWAY_VARIABLES, loadGatewayConfig, loadHubConfig, loadServiceConfig } from './config';

const SECRET = 'a'.repeat(32);
const SERVICE = { DATABASE_URL: 'postgres://owner:pw@h/db', SERVICE_DATABASE_URL: 'postgres://db_competence:pw2@h/db', SUBGRAPH_SECRET: SECRET };

describe('configuration', () => {
  it('fails fast, naming the variable, when the database is not given', () => {
    expect(() => loadServiceConfig('education', {})).toThrow('configuration: DATABASE_URL is required');
    expect(() => loadServiceConfig('education', { DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL must start with postgres://');
  });

  it('takes json or pretty log lines for npm start, nothing else', () => {
    expect(loadHubConfig({ LOG_FORMAT: 'pretty' }, '/repo').logFormat).toBe('pretty');
    expect(() => loadHubConfig({ LOG_FORMAT: 'yaml' }, '/repo')).toThrow('configuration: LOG_FORMAT must be json or pretty, got "yaml"');
  });

  it('rejects a port that is not one', () => {
    expect(() => loadServiceConfig('training', { ...SERVICE, PORT: '80a' })).toThrow('configuration: PORT must be a port number (0-65535), got "80a"');
  });

  it('gives each process its defaults', () => {
    expect(loadServiceConfig('competence', SERVICE)).toEqual({
      databaseUrl: 'postgres://owner:pw@h/db',
      serviceDatabaseUrl: 'postgres://db_competence:pw2@h/db',
      subgraphSecret: SECRET,
      host: '127.0.0.1',
      port: 4004,
      logSql: false,
      gatewayUrl: 'http://127.0.0.1:4000/graphql',
      admission: { maxInFlight: 64, maxQueued: 256, queueWaitMs: 2000 },
    });
    expect(loadServiceConfig('competence', { ...SERVICE, GATEWAY_URL: 'http://gateway:4000/graphql' }).gatewayUrl).toBe('http://gateway:4000/graphql');
    expect(() => loadServiceConfig('competence', { ...SERVICE, GATEWAY_URL: 'gateway:4000' })).toThrow('configuration: GATEWAY_URL must be an http(s) URL, got "gateway:4000"');
    expect(loadGatewayConfig({ TRAINING_URL: 'http://training:9/graphql', SUBGRAPH_SECRET: SECRET }).subgraphUrls).toEqual({
      conventions: 'http://127.0.0.1:4001/graphql',
      education: 'http://127.0.0.1:4002/graphql',
      training: 'http://training:9/graphql',
      competence: 'http://127.0.0.1:4004/graphql',
    });
    expect(loadHubConfig({}, '/repo')).toEqual({ databaseUrl: undefined, dataDir: '/repo/.data', embeddedPostgresPort: 54329, gatewayPort: 4000, subgraphBasePort: 4001, logFormat: 'json' });
    expect(loadGatewayConfig({ SUBGRAPH_SECRET: SECRET }).admission).toEqual({ maxInFlight: 8, maxQueued: 64, queueWaitMs: 1000 });
    expect(loadGatewayConfig({ SUBGRAPH_SECRET: SECRET, MAX_IN_FLIGHT: '4', MAX_QUEUED: '8', QUEUE_WAIT_MS: '250' }).admission).toEqual({ maxInFlight: 4, maxQueued: 8, queueWaitMs: 250 });
    expect(loadGatewayConfig({ SUBGRAPH_SECRET: SECRET }).limits).toEqual({
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
    });
  });

  it('reads each gateway limit from its variable', () => {
    const env = {
      SUBGRAPH_SECRET: SECRET,
      MAX_DEPTH: '8',
      MAX_ALIASES: '5',
      MAX_TOKENS: '900',
      MAX_DIRECTIVES: '3',
      MAX_COST: '1000',
      OPERATION_TIMEOUT_MS: '250',
      RATE_LIMIT_PER_SECOND: '2',
      RATE_LIMIT_BURST: '4',
      COST_PER_SECOND: '10',
      COST_BURST: '1000',
    };
    expect(loadGatewayConfig(env).limits).toEqual({
      maxDepth: 8,
      maxAliases: 5,
      maxTokens: 900,
      maxDirectives: 3,
      maxCost: 1000,
      operationTimeoutMs: 250,
      rateLimitPerSecond: 2,
      rateLimitBurst: 4,
      costPerSecond: 10,
      costBurst: 1000,
    });
    expect(GATEWAY_VARIABLES()).toEqual(expect.arrayContaining(Object.keys(env)));
    expect(loadGatewayConfig({ MAX_COST: '', SUBGRAPH_SECRET: SECRET }).limits!.maxCost).toBe(DEFAULT_GATEWAY_LIMITS.maxCost);
  });

  it('rejects a cost budget smaller than the cost limit: some operations could never run', () => {
    expect(() => loadGatewayConfig({ MAX_COST: '1000', COST_BURST: '999', SUBGRAPH_SECRET: SECRET })).toThrow('configuration: COST_BURST must be at least MAX_COST (1000), got 999');
  });

  it('rejects a limit that is not a whole number of at least 1, naming its variable', () => {
    for (const [variable, raw] of [['MAX_DEPTH', '0'], ['MAX_COST', '1e3.5'], ['OPERATION_TIMEOUT_MS', '30s'], ['RATE_LIMIT_PER_SECOND', '-1'], ['RATE_LIMIT_BURST', '2.5']]) {
      expect(() => loadGatewayConfig({ [variable]: raw, SUBGRAPH_SECRET: SECRET })).toThrow(`configuration: ${variable} must be a whole number of at least 1, got "${raw}"`);
    }
  });

  it('requires the subgraph secret of the gateway and the subgraphs, at least 32 bytes, without printing it', () => {
    const { SUBGRAPH_SECRET: _none, ...withoutSecret } = SERVICE;
    for (const load of [() => loadServiceConfig('education', withoutSecret), () => loadGatewayConfig({})]) {
      expect(load).toThrow('configuration: SUBGRAPH_SECRET is required: the same random value for the gateway and every subgraph, at least 32 bytes');
    }
    expect(() => loadGatewayConfig({ SUBGRAPH_SECRET: 'hunter2-hunter2-hunter2-hunter2' })).toThrow('configuration: SUBGRAPH_SECRET must be at least 32 bytes (openssl rand -base64 32), got 31');
    expect(() => loadServiceConfig('education', { ...SERVICE, SUBGRAPH_SECRET: 'short' })).toThrow(/^((?!short).)*$/);
  });

  it('requires a role of the subgraph’s own to serve requests, with its password, on the same database', () => {
    const refused = (url: string | undefined) => () => loadServiceConfig('competence', { ...SERVICE, SERVICE_DATABASE_URL: url });
    expect(refused(undefined)).toThrow('configuration: SERVICE_DATABASE_URL is required');
    expect(refused('postgres://owner:pw@h/db')).toThrow('configuration: SERVICE_DATABASE_URL must name a role of its own, not DATABASE_URL\'s "owner"');
    expect(refused('postgres://db_competence@h/db')).toThrow('configuration: SERVICE_DATABASE_URL must hold the password of role "db_competence"');
    expect(refused('postgres://db_competence:pw@h/other')).toThrow('configuration: SERVICE_DATABASE_URL must name DATABASE_URL\'s database (db), got other');
    expect(refused('postgres://Robert%22%3B:pw@h/db')).toThrow('configuration: SERVICE_DATABASE_URL must name a role of lower-case letters, digits and _ (got "Robert";")');
  });
});
