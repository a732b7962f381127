import { readReferenceData, startSubgraph, type Identity, type Logger, type ReferenceData, type RunningServer } from '@hub/kit';
import { createTestDatabase, postGraphQL, testServiceConfig, type TestDatabase } from '@hub/kit/testing';
import { conventions } from '../src/module';

// The conventions subgraph started again and again on one database, with the data file as it was and as
// it changed, while an agency changed a sector through the API in between.
let database: TestDatabase;
const config = () => testServiceConfig(database, 'conventions');
const errors: string[] = [];
const log: Logger = { info: () => {}, error: (message) => void errors.push(message) };
const ADMIN: Identity = { subject: 'ops', role: 'admin', agency: null, credential: 'token t' };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** Starts the subgraph on the data given, runs `work` against it, stops it. */
async function withSubgraph(data: ReferenceData, work: (ask: (query: string, variables?: Record<string, unknown>) => ReturnType<typeof postGraphQL>) => Promise<void>) {
  const settings = config();
  const server: RunningServer = await startSubgraph(conventions, settings, log, data);
  try {
    await work((query, variables) => postGraphQL(server.url, query, variables, { subgraphSecret: settings.subgraphSecret, identity: ADMIN }));
  } finally {
    await server.close();
  }
}

/** The data file with some sectors renamed. */
function renamed(names: Record<string, string>): ReferenceData {
  const data = readReferenceData();
  return { ...data, sectors: data.sectors.map((s) => (s.id in names ? { ...s, name_fr: names[s.id] } : s)) };
}

const nameOf = async (ask: Parameters<Parameters<typeof withSubgraph>[1]>[0], id: string) => (await ask(`{ sector(id: "${id}") { name version } }`)).body.data.sector;

describe('the data file and the agencies’ edits', () => {
  it('keeps an edit, applies the file to the records nobody edited, and reports an edited record whose file record changed', async () => {
    await withSubgraph(readReferenceData(), async (ask) => {
      const { version } = await nameOf(ask, 'eau');
      const answer = await ask('mutation ($input: UpdateSectorInput!) { updateSector(input: $input) { record { name } } }', { input: { id: 'eau', version, name: 'Eau (as the agency says)' } });
      expect(answer.body.errors).toBeUndefined();
    });

    // the same file again: nothing to report, the edit stays
    await withSubgraph(readReferenceData(), async (ask) => {
      expect((await nameOf(ask, 'eau')).name).toBe('Eau (as the agency says)');
    });
    expect(errors).toEqual([]);

    // the file changed both an edited sector and another one
    await withSubgraph(renamed({ eau: 'Eau (as the file says)', bois: 'Bois (as the file says)' }), async (ask) => {
      expect((await nameOf(ask, 'eau')).name).toBe('Eau (as the agency says)');
      expect((await nameOf(ask, 'bois')).name).toBe('Bois (as the file says)');
    });
    expect(errors).toEqual([expect.stringMatching(/^reference data not applied to sector "eau": an agency changed it through the API \(\d{4}-.*\) and the data file changed since/)]);
  }, 60_000);
});
