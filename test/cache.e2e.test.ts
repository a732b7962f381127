import { startTestHub, type TestHub } from './support/hub';
import { parsePrometheus, sampleValue } from './support/prometheus';

// The gateway's response cache (in memory, the default), through the real gateway and subgraph processes.
let hub: TestHub;
beforeAll(async () => {
  // many requests from one address: past the rate limits a client normally has
  hub = await startTestHub({ gatewayEnv: { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' } });
}, 120_000);
afterAll(() => hub?.stop());

/** An answer with the headers the cache sets. */
async function post(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const { headers, body } = await hub.ask(query, variables, token);
  return { cache: headers.get('x-cache'), sql: Number(headers.get('x-sql-statements')), body };
}

const SECTOR = 'query Sector($id: ID!) { sector(id: $id) { name version } }';
const editor = () => hub.tokenFor('editor', 'gov_wallonia', 'cache-editor');

async function renameSector(id: string, name: string) {
  const { version } = (await post(SECTOR, { id })).body.data.sector;
  const answer = await post('mutation ($input: UpdateSectorInput!) { updateSector(input: $input) { record { version } } }', { input: { id, version, name } }, await editor());
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data.updateSector.record.version as number;
}

describe('the response cache', () => {
  it('answers a repeated query from the cache, without asking the subgraphs', async () => {
    const query = 'query CacheHit { sectors(first: 3) { totalCount nodes { id name } } }';
    const first = await post(query);
    const second = await post(query);
    expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    expect(first.sql).toBeGreaterThan(0);
    expect(second.sql).toBe(0);
    expect(second.body).toEqual(first.body);
    // other variables, another entry
    expect((await post(SECTOR, { id: 'chimie' })).cache).toBe('MISS');
    expect((await post(SECTOR, { id: 'construction' })).cache).toBe('MISS');
    expect((await post(SECTOR, { id: 'chimie' })).cache).toBe('HIT');
  });

  it('drops exactly the answers holding a changed record: the sector changed, not another', async () => {
    await post(SECTOR, { id: 'industrie_alimentaire' });
    await post(SECTOR, { id: 'bois' });
    expect((await post(SECTOR, { id: 'bois' })).cache).toBe('HIT');
    const version = await renameSector('industrie_alimentaire', 'Industrie alimentaire (renamed)');
    const agro = await post(SECTOR, { id: 'industrie_alimentaire' });
    expect([agro.cache, agro.body.data.sector]).toEqual(['MISS', { name: 'Industrie alimentaire (renamed)', version }]);
    expect((await post(SECTOR, { id: 'bois' })).cache).toBe('HIT');
  });

  it("drops the answers holding a record of another subgraph when its owner changes it (a convention's party)", async () => {
    const query = 'query Parties { conventions(first: 50, filter: { partyKind: [TRAINING_OPERATOR] }) { nodes { id parties { __typename id name } } } }';
    const partiesIn = (answer: Awaited<ReturnType<typeof post>>) => answer.body.data.conventions.nodes.flatMap((c: any) => c.parties);
    const before = await post(query);
    expect(before.body.errors).toBeUndefined();
    const party = partiesIn(before).find((p: any) => p.__typename === 'TrainingOperator');
    expect((await post(query)).cache).toBe('HIT');
    // the training subgraph owns it: the agency edits its own record
    const token = await hub.tokenFor('editor', party.id, `${party.id}-editor`);
    const { version } = (await post('query ($id: ID!) { trainingOperator(id: $id) { version } }', { id: party.id })).body.data.trainingOperator;
    const renamed = await post('mutation ($input: UpdatePartyInput!) { updateTrainingOperator(input: $input) { record { name } } }', { input: { id: party.id, version, name: `${party.name} (renamed)` } }, token);
    expect(renamed.body.errors).toBeUndefined();
    const after = await post(query);
    expect(after.cache).toBe('MISS');
    expect(partiesIn(after).find((p: any) => p.id === party.id).name).toBe(`${party.name} (renamed)`);
  });

  it('drops the lists, counts and empty look-ups of a type when a record of it is created, and keeps those of other types', async () => {
    const list = 'query SectorList { sectors(first: 100) { totalCount nodes { id } } }';
    const missing = 'query Missing { sector(id: "cache_new") { id name } }';
    const centres = 'query Centres { competenceCentres(first: 2) { totalCount } }';
    const counts = 'query Counts { conventionCounts(groupBy: [SECTOR]) { count } }';
    for (const query of [list, missing, centres, counts]) await post(query);
    const before = await post(list);
    expect(before.cache).toBe('HIT');
    expect((await post(missing)).body.data.sector).toBeNull();

    const created = await post('mutation ($input: CreateSectorInput!) { createSector(input: $input) { record { id } } }', { input: { id: 'cache_new', name: 'Cache', verified: false } }, await editor());
    expect(created.body.errors).toBeUndefined();
    const after = await post(list);
    expect(after.cache).toBe('MISS');
    expect(after.body.data.sectors.totalCount).toBe(before.body.data.sectors.totalCount + 1);
    expect((await post(missing)).body.data.sector).toEqual({ id: 'cache_new', name: 'Cache' });
    expect((await post(centres)).cache).toBe('HIT');
    expect((await post(counts)).cache).toBe('HIT');
  });

  it('never gives a signed-in caller an answer made for another caller', async () => {
    const query = 'query Viewer { viewer { subject role agency } sectors(first: 1) { nodes { id } } }';
    const [alice, bob] = [await hub.tokenFor('editor', 'forem', 'alice'), await hub.tokenFor('editor', 'forem', 'bob')];
    const anonymous = await post(query);
    expect((await post(query)).cache).toBe('HIT');
    const asAlice = await post(query, {}, alice);
    expect([asAlice.cache, asAlice.body.data.viewer.subject]).toEqual(['MISS', 'alice']);
    expect((await post(query, {}, alice)).cache).toBe('HIT');
    const asBob = await post(query, {}, bob);
    expect([asBob.cache, asBob.body.data.viewer.subject]).toEqual(['MISS', 'bob']);
    expect(anonymous.body.data.viewer.subject).toBe('anonymous');
  });

  it('keeps no mutation, no answer with an error and no import progress', async () => {
    const broken = 'query Broken { sector(id: "chimie") { name } conventions(first: -1) { totalCount } }';
    const first = await post(broken);
    expect([first.body.data.sector, first.body.errors?.[0].extensions.code]).toEqual([expect.any(Object), 'BAD_USER_INPUT']);
    expect((await post(broken)).cache).toBe('MISS');
    const job = 'query Job { conventionsImport(importId: "nothing") { id } }';
    await post(job);
    expect((await post(job)).cache).toBe('MISS');
  });

  it('gives GET answers an ETag, and 304 without a body while the answer is unchanged', async () => {
    const url = `${hub.url}?query=${encodeURIComponent('query Etag { sector(id: "tourisme") { name } }')}`;
    const get = (etag?: string) => fetch(url, { headers: { 'apollo-require-preflight': '1', ...(etag ? { 'if-none-match': etag } : {}) } });
    const first = await get();
    const etag = first.headers.get('etag')!;
    expect([first.status, first.headers.get('cache-control'), etag]).toEqual([200, 'public, no-cache', expect.stringMatching(/^"[\w-]+"$/)]);
    const again = await get(etag);
    expect([again.status, await again.text()]).toEqual([304, '']);
    await renameSector('tourisme', 'Tourisme (renamed)');
    const changed = await get(etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as any).data.sector.name).toBe('Tourisme (renamed)');
  });

  it('counts its hits, misses and invalidations in /metrics', async () => {
    const query = 'query Counted { sector(id: "eau") { name } }';
    await post(query);
    await post(query);
    const samples = parsePrometheus(await (await fetch(new URL('/metrics', hub.url))).text());
    expect(sampleValue(samples, 'hub_cache_lookups_total', { outcome: 'hit' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'hub_cache_lookups_total', { outcome: 'miss' })).toBeGreaterThan(0);
    // the writes of the tests above were published, and removed answers
    expect(sampleValue(samples, 'hub_cache_invalidations_total', { kind: 'changes' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'hub_cache_invalidations_total', { kind: 'entries' })).toBeGreaterThan(0);
  });

  it('never answers from before a write that was acknowledged, while reads and writes run together', async () => {
    const id = 'chimie';
    let acknowledged = (await post(SECTOR, { id })).body.data.sector.version as number;
    let writing = true;
    const stale: string[] = [];
    let reads = 0;
    const reader = async () => {
      while (writing) {
        const floor = acknowledged; // the latest write acknowledged before this read was sent
        const { version } = (await post(SECTOR, { id })).body.data.sector;
        reads += 1;
        if (version < floor) stale.push(`read version ${version} after version ${floor} was acknowledged`);
      }
    };
    const readers = Array.from({ length: 6 }, reader);
    for (let i = 0; i < 15; i += 1) acknowledged = await renameSector(id, `Chimie ${i}`);
    writing = false;
    await Promise.all(readers);
    expect(stale).toEqual([]);
    expect(reads).toBeGreaterThan(30);
  });
});
