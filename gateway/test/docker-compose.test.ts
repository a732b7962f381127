import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { GATEWAY_VARIABLES, repositoryRoot, SERVICE_VARIABLES, SUBGRAPHS, urlVariable } from '@hub/kit';

// No Docker engine runs here: this keeps docker-compose.yml in step with the services instead.
const compose = parse(readFileSync(path.join(repositoryRoot(), 'docker-compose.yml'), 'utf8'), { merge: true });

describe('docker-compose.yml', () => {
  it.each(SUBGRAPHS.map((s) => [s.name, s.port] as const))('runs the %s subgraph on port %i with the variables it reads', (name, port) => {
    const service = compose.services[name];
    expect(service.command).toEqual(['node', `services/${name}/dist/src/main.js`]);
    expect(service.environment.PORT).toBe(String(port));
    expect(service.environment.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
    expect(SERVICE_VARIABLES).toEqual(expect.arrayContaining(Object.keys(service.environment)));
    expect(service.depends_on.postgres.condition).toBe('service_healthy');
  });

  it('points the gateway at every subgraph by the variables it reads', () => {
    const gateway = compose.services.gateway;
    expect(gateway.command).toEqual(['node', 'gateway/dist/src/main.js']);
    expect(Object.keys(gateway.environment).sort()).toEqual(GATEWAY_VARIABLES().sort());
    for (const s of SUBGRAPHS) expect(gateway.environment[urlVariable(s.name)]).toBe(`http://${s.name}:${s.port}/graphql`);
    expect(Object.keys(gateway.depends_on).sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
  });

  it('runs exactly the database, the four subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', ...SUBGRAPHS.map((s) => s.name), 'gateway'].sort());
  });
});
