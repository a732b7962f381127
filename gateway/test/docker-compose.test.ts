import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_GATEWAY_LIMITS, GATEWAY_VARIABLES, loadGatewayConfig, loadServiceConfig, repositoryRoot, SERVICE_VARIABLES, SUBGRAPHS, urlVariable } from '@hub/kit';

// No Docker engine runs here: this keeps docker-compose.yml in step with the services instead.
const compose = parse(readFileSync(path.join(repositoryRoot(), 'docker-compose.yml'), 'utf8'), { merge: true });

/** The environment as docker compose gives it, `${NAME:?message}` replaced from `values` (compose refuses to start without them). */
function interpolate(environment: Record<string, string>, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [
      key,
      String(value)
        .replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => {
          if (!(name in values)) throw new Error(`no value for ${name}`);
          return values[name];
        })
        .replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => values[name] ?? fallback),
    ]),
  );
}

describe('docker-compose.yml', () => {
  it('writes no secret: the database password, the subgraph secret and the roles’ passwords come from the environment', () => {
    const text = readFileSync(path.join(repositoryRoot(), 'docker-compose.yml'), 'utf8');
    expect(compose.services.postgres.environment.POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}');
    expect(text).not.toMatch(/postgres:\/\/[^:]+:(?!\$\{)/);
    expect(text).not.toMatch(/SUBGRAPH_SECRET: (?!\$\{SUBGRAPH_SECRET:\?)/);
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s.port] as const))('runs the %s subgraph on port %i with the variables it reads', (name, port) => {
    const service = compose.services[name];
    expect(service.command).toEqual(['node', `services/${name}/dist/src/main.js`]);
    expect(service.environment.PORT).toBe(String(port));
    expect(service.environment.DATABASE_URL).toBe('postgres://hub:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/hub');
    const password = `${name.toUpperCase()}_DB_PASSWORD`;
    expect(service.environment.SERVICE_DATABASE_URL).toBe(`postgres://hub_${name}:\${${password}:?set ${password}}@postgres:5432/hub`);
    expect(service.environment.SUBGRAPH_SECRET).toBe('${SUBGRAPH_SECRET:?set SUBGRAPH_SECRET}');
    expect(Object.keys(service.environment).sort()).toEqual([...SERVICE_VARIABLES].filter((v) => v !== 'LOG_SQL').sort());
    const values = { POSTGRES_PASSWORD: 'p0', SUBGRAPH_SECRET: 's'.repeat(43), [password]: 'p1' };
    const resolved = loadServiceConfig(name, interpolate(service.environment, values));
    expect([resolved.databaseUrl, resolved.serviceDatabaseUrl]).toEqual(['postgres://hub:p0@postgres:5432/hub', `postgres://hub_${name}:p1@postgres:5432/hub`]);
    expect(service.depends_on.postgres.condition).toBe('service_healthy');
  });

  it('points the gateway at every subgraph by the variables it reads', () => {
    const gateway = compose.services.gateway;
    expect(gateway.command).toEqual(['node', 'gateway/dist/src/main.js']);
    expect(Object.keys(gateway.environment).sort()).toEqual(GATEWAY_VARIABLES().sort());
    for (const s of SUBGRAPHS) expect(gateway.environment[urlVariable(s.name)]).toBe(`http://${s.name}:${s.port}/graphql`);
    expect(Object.keys(gateway.depends_on).sort()).toEqual([...SUBGRAPHS.map((s) => s.name), 'redis'].sort());
  });

  it('states the gateway limits it runs with, the defaults', () => {
    const environment = interpolate(compose.services.gateway.environment, { SUBGRAPH_SECRET: 's'.repeat(43) });
    expect(loadGatewayConfig(environment).limits).toEqual(DEFAULT_GATEWAY_LIMITS);
  });

  it('signs people in with the operator’s token key and the API keys of its volume', () => {
    const environment = interpolate(compose.services.gateway.environment, { SUBGRAPH_SECRET: 's'.repeat(43), JWT_SECRET: 'j'.repeat(43) });
    expect(loadGatewayConfig(environment).signIn).toEqual({
      jwtSecret: 'j'.repeat(43),
      jwksFile: undefined,
      issuer: 'sector-conventions-hub',
      audience: 'sector-conventions-hub',
      clockSkewSeconds: 30,
      apiKeysFile: '/keys/api-keys.json',
      required: false,
    });
    expect(compose.services.gateway.volumes).toEqual(['gateway-keys:/keys']);
  });

  it.each([...SUBGRAPHS.map((s) => s.name), 'gateway'])('checks that the %s is ready (/health/ready), not only that it answers', (name) => {
    const [kind, , , script] = compose.services[name].healthcheck.test;
    expect([kind, script]).toEqual(['CMD', "fetch('http://127.0.0.1:' + process.env.PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]);
  });

  it('runs exactly the database, the four subgraphs, the gateway and the Redis its response cache shares', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', ...SUBGRAPHS.map((s) => s.name), 'gateway', 'redis'].sort());
  });
});
