import { loadGatewayConfig, loadHubConfig, loadServiceConfig } from './config';

describe('configuration', () => {
  it('fails fast, naming the variable, when the database is not given', () => {
    expect(() => loadServiceConfig('education', {})).toThrow('configuration: DATABASE_URL is required');
    expect(() => loadServiceConfig('education', { DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL must start with postgres://');
  });

  it('rejects a port that is not one', () => {
    expect(() => loadServiceConfig('training', { DATABASE_URL: 'postgres://h/db', PORT: '80a' })).toThrow('configuration: PORT must be a port number (0-65535), got "80a"');
  });

  it('gives each process its defaults', () => {
    expect(loadServiceConfig('competence', { DATABASE_URL: 'postgres://h/db' })).toEqual({ databaseUrl: 'postgres://h/db', host: '127.0.0.1', port: 4004, logSql: false });
    expect(loadGatewayConfig({ TRAINING_URL: 'http://training:9/graphql' }).subgraphUrls).toEqual({
      conventions: 'http://127.0.0.1:4001/graphql',
      education: 'http://127.0.0.1:4002/graphql',
      training: 'http://training:9/graphql',
      competence: 'http://127.0.0.1:4004/graphql',
    });
    expect(loadHubConfig({}, '/repo')).toEqual({ databaseUrl: undefined, dataDir: '/repo/.data', embeddedPostgresPort: 54329, gatewayPort: 4000, subgraphBasePort: 4001 });
  });
});
