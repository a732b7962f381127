import { encodeIdentity, generateSecret, grantServiceRole, IDENTITY_HEADER, SIGNATURE_HEADER, signRequest, SUBGRAPHS } from '@hub/kit';
import { postGraphQL, signedHeaders, sql } from '@hub/kit/testing';
import { startTestHub, type TestHub } from './support/hub';

// The attack run of issue 8 called the subgraphs' ports directly; here the subgraphs answer the gateway
// only, and read the database as roles that can do nothing else.
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(() => hub?.stop());

const subgraphUrl = (name: string) => `http://127.0.0.1:${hub.subgraphBasePort + SUBGRAPHS.findIndex((s) => s.name === name)}/graphql`;

const SERVICE = JSON.stringify({ query: '{ _service { sdl } }' });
const ENTITIES = JSON.stringify({
  query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Sector { id name } } }',
  variables: { r: [{ __typename: 'Sector', id: 'chimie' }] },
});
const DEEP = JSON.stringify({ query: `{ sector(id: "chimie") { ${'parent { '.repeat(60)}id${' }'.repeat(60)} } }` });

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return [response.status, await response.json()];
}

const refused = (why: string) => [
  401,
  { errors: [{ message: `This subgraph answers only the hub's gateway (${why}): send your request to the gateway.`, extensions: { code: 'UNAUTHENTICATED' } }] },
];

describe('the subgraphs answer the gateway only', () => {
  it.each(SUBGRAPHS.map((s) => s.name))('the %s subgraph refuses _service, _entities and a 60-deep query without the gateway’s signature', async (name) => {
    const url = subgraphUrl(name);
    for (const body of [SERVICE, ENTITIES, DEEP]) expect(await post(url, body)).toEqual(refused(`missing ${SIGNATURE_HEADER}`));
    const overGet = await fetch(`${url}?query=${encodeURIComponent('{ _service { sdl } }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(overGet.status).toBe(401);
    const health = await fetch(new URL('/health', url));
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok', instance: expect.any(String) }]);
  });

  it('refuses a signature made with another secret, an expired one, and one of another body', async () => {
    const url = subgraphUrl('conventions');
    const sign = (secret: string, body: string, now = Date.now()) => signRequest(secret, { method: 'POST', path: '/graphql', requestId: '', identity: '', body }, now);
    expect(await post(url, ENTITIES, { [SIGNATURE_HEADER]: sign(generateSecret(), ENTITIES) })).toEqual(refused(`wrong ${SIGNATURE_HEADER}`));
    expect(await post(url, ENTITIES, { [SIGNATURE_HEADER]: sign(hub.subgraphSecret, ENTITIES, Date.now() - 90_000) })).toEqual(refused(`expired ${SIGNATURE_HEADER} (90 s old)`));
    expect(await post(url, SERVICE, { [SIGNATURE_HEADER]: sign(hub.subgraphSecret, ENTITIES) })).toEqual(refused(`wrong ${SIGNATURE_HEADER}`));
  });

  it('refuses a signed request whose caller was changed: the signature covers who is asking', async () => {
    const url = subgraphUrl('conventions');
    const captured = signedHeaders(url, ENTITIES, hub.subgraphSecret, 'req-caller');
    const admin = encodeIdentity({ subject: 'mallory', role: 'admin', agency: null, credential: 'token made-up' });
    expect(await post(url, ENTITIES, { ...captured, [IDENTITY_HEADER]: admin })).toEqual(refused(`wrong ${SIGNATURE_HEADER}`));
  });

  it('answers the hub’s own calls to the gateway only when signed with the subgraph secret, for the gateway', async () => {
    const body = JSON.stringify({ query: '{ source(id: "S01") { id } }' });
    const sign = (secret: string, audience: 'gateway' | 'subgraph' = 'gateway') => ({
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signRequest(secret, { method: 'POST', path: '/graphql', requestId: '', identity: '', body, audience }),
    });
    const code = async (response: Response) => [response.status, ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code];
    expect(await code(await fetch(hub.url, { method: 'POST', headers: sign(generateSecret()), body }))).toEqual([401, 'UNAUTHENTICATED']);
    // a request the gateway signed for a subgraph, captured and sent to the gateway instead
    expect(await code(await fetch(hub.url, { method: 'POST', headers: sign(hub.subgraphSecret, 'subgraph'), body }))).toEqual([401, 'UNAUTHENTICATED']);
    const signed = await fetch(hub.url, { method: 'POST', headers: sign(hub.subgraphSecret), body });
    expect(await signed.json()).toEqual({ data: { source: { id: 'S01' } } });
  });

  it('answers a captured signed request once: sent again, it is refused', async () => {
    const url = subgraphUrl('conventions');
    const captured = signedHeaders(url, ENTITIES, hub.subgraphSecret, 'req-replay');
    expect((await post(url, ENTITIES, captured))[0]).toBe(200);
    expect(await post(url, ENTITIES, captured)).toEqual(refused(`${SIGNATURE_HEADER} already used`));
  });

  it('answers what the gateway signs, and the gateway answers everyone', async () => {
    const url = subgraphUrl('conventions');
    expect(await post(url, ENTITIES, signedHeaders(url, ENTITIES, hub.subgraphSecret, 'req-1'))).toEqual([200, { data: { _entities: [{ id: 'chimie', name: 'Chimie, matières plastiques et sciences de la vie' }] } }]);
    expect((await postGraphQL(hub.url, '{ sector(id: "chimie") { id competenceCentres { totalCount } } }')).body).toEqual({
      data: { sector: { id: 'chimie', competenceCentres: { totalCount: 1 } } },
    });
  });
});

/** The SQLSTATE a statement fails with as `url`'s role, or 'ok'. */
const outcome = (url: string, statement: string) => sql(url, statement).then(() => 'ok', (error: { code?: string; message: string }) => `${error.code}: ${error.message}`);

describe('each subgraph reads the database as a role of its own, which can only read its own schema', () => {
  it('serves requests through those roles, not through the owner of the schemas', async () => {
    await postGraphQL(hub.url, '{ sectors(first: 1) { nodes { id } } educationNetworks(first: 1) { nodes { id } } trainingOperators(first: 1) { nodes { id } } competenceCentres(first: 1) { nodes { id } } }');
    const database = new URL(hub.databaseUrl).pathname.slice(1);
    const sessions = await sql<{ usename: string }>(
      hub.databaseUrl,
      `select distinct usename from pg_stat_activity where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid() order by usename`,
      [database],
    );
    expect(sessions.map((s) => s.usename)).toEqual(SUBGRAPHS.map((s) => `${database}_${s.name}`).sort());
  });

  it('the conventions role reads and writes its tables, appends to the audit trail, and cannot read another subgraph’s, delete, change the audit trail, or change or drop its tables', async () => {
    const role = hub.serviceDatabaseUrls.conventions;
    expect(await sql(role, 'select count(*)::int as sectors from conventions.sector')).toEqual([{ sectors: 29 }]);
    expect(await sql(role, `select public.hub_fold('Liège') as folded`)).toEqual([{ folded: 'liege' }]);
    expect(await outcome(role, 'select * from education.organisation')).toBe('42501: permission denied for schema education');
    expect(await outcome(role, 'select * from competence.competence_centre')).toBe('42501: permission denied for schema competence');
    // the write API's statements (the where clauses keep the data as it is)
    expect(await outcome(role, `update conventions.sector set name = name where false`)).toBe('ok');
    expect(await outcome(role, `insert into conventions.sector (id, name, sources) select id, name, sources from conventions.sector where false`)).toBe('ok');
    expect(await outcome(role, `insert into audit.entry (request_id, subgraph, subject, role, credential, operation, record_type, record_id) select 'r', 's', 's', 'admin', 'c', 'update', 'T', 'i' where false`)).toBe('ok');
    expect(await sql(role, 'select count(*)::int as entries from audit.entry')).toEqual([{ entries: expect.any(Number) }]);
    expect(await outcome(role, `update audit.entry set subject = 'x'`)).toBe('42501: permission denied for table entry');
    expect(await outcome(role, 'delete from audit.entry')).toBe('42501: permission denied for table entry');
    expect(await outcome(role, 'truncate audit.entry')).toBe('42501: permission denied for table entry');
    expect(await outcome(role, 'delete from conventions.sector')).toBe('42501: permission denied for table sector');
    // a record's lists are replaced by deleting their rows; the migrations' table stays the owner's
    expect(await outcome(role, 'delete from conventions.convention_sector where false')).toBe('ok');
    expect(await outcome(role, 'delete from conventions.source where false')).toBe('42501: permission denied for table source');
    expect(await outcome(role, 'delete from conventions.party_key where false')).toBe('42501: permission denied for table party_key');
    expect(await outcome(role, `update conventions.mikro_orm_migrations set name = name where false`)).toBe('42501: permission denied for table mikro_orm_migrations');
    expect(await outcome(role, 'truncate conventions.sector')).toBe('42501: permission denied for table sector');
    expect(await outcome(role, 'drop table conventions.sector')).toBe('42501: must be owner of table sector');
    expect(await outcome(role, 'alter table conventions.sector add column x int')).toBe('42501: must be owner of table sector');
    expect(await outcome(role, 'create table conventions.stolen (x int)')).toBe('42501: permission denied for schema conventions');
    expect(await outcome(role, 'create schema stolen')).toMatch(/^42501: permission denied for database/);
    expect(await outcome(role, 'set role postgres')).toBe('42501: permission denied to set role "postgres"');
    expect(await sql(hub.databaseUrl, 'select count(*)::int as sectors from conventions.sector')).toEqual([{ sectors: 29 }]);
  });

  it('never takes over a role that may do more (here the superuser) as a subgraph’s role', async () => {
    const superuser = new URL(hub.databaseUrl);
    superuser.password = 'stolen';
    await expect(grantServiceRole(hub.databaseUrl, 'conventions', superuser.toString())).rejects.toThrow(
      `SERVICE_DATABASE_URL's role "${superuser.username}" may do more than read one schema: give the conventions subgraph a plain role of its own`,
    );
    expect(await sql(hub.databaseUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
  });
});
