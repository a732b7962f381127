import { inTransaction, openDatabase, readReferenceData, type ReferenceData } from '@hub/kit';
import { pendingSchemaChanges, startTestSubgraph } from '@hub/kit/testing';
import { education } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(education);
});
afterAll(() => subgraph?.stop());

/** Loads reference data into the subgraph's database the way start-up does: one transaction. */
async function load(data: ReferenceData) {
  const orm = await openDatabase({ url: subgraph.databaseUrl, schema: 'education', entities: education.entities, migrations: education.migrations });
  try {
    await inTransaction(orm, (em) => education.loadReferenceData(em, data));
  } finally {
    await orm.close();
  }
}

describe('education subgraph', () => {
  it('lists the education networks and authorities, with the fields no source backs', async () => {
    const { body } = await subgraph.query(`{
      educationNetworks { totalCount nodes { id kind verified unverifiedFields } }
      educationAuthorities { totalCount nodes { id kind } }
    }`);
    expect(body).toEqual({
      data: {
        educationNetworks: {
          totalCount: 5,
          nodes: [
            { id: 'net_cecp', kind: 'EDUCATION_NETWORK', verified: true, unverifiedFields: [] },
            { id: 'net_cpeons', kind: 'EDUCATION_NETWORK', verified: true, unverifiedFields: ['name'] },
            { id: 'net_felsi', kind: 'EDUCATION_NETWORK', verified: true, unverifiedFields: ['name'] },
            { id: 'net_segec', kind: 'EDUCATION_NETWORK', verified: true, unverifiedFields: [] },
            { id: 'net_wbe', kind: 'EDUCATION_NETWORK', verified: true, unverifiedFields: [] },
          ],
        },
        educationAuthorities: {
          totalCount: 2,
          nodes: [
            { id: 'age', kind: 'EDUCATION_ADMINISTRATION' },
            { id: 'sfmq', kind: 'QUALIFICATIONS_BODY' },
          ],
        },
      },
    });
  });

  it('leaves out the bodies no source backs when asked for verified ones only', async () => {
    const data = readReferenceData();
    data.parties.find((p) => p.id === 'net_felsi')!.unverified = true;
    data.parties.find((p) => p.id === 'sfmq')!.source_ids = [];
    await load(data);
    try {
      const { body } = await subgraph.query(`{
        verified: educationNetworks(filter: {verifiedOnly: true}) { totalCount nodes { id } }
        all: educationNetworks(filter: {verifiedOnly: false}) { totalCount nodes { id verified } }
        authorities: educationAuthorities(filter: {verifiedOnly: true}) { totalCount nodes { id } }
        sfmq: educationAuthority(id: "sfmq") { verified sources { id } }
      }`);
      expect(body).toEqual({
        data: {
          verified: { totalCount: 4, nodes: [{ id: 'net_cecp' }, { id: 'net_cpeons' }, { id: 'net_segec' }, { id: 'net_wbe' }] },
          all: {
            totalCount: 5,
            nodes: [
              { id: 'net_cecp', verified: true },
              { id: 'net_cpeons', verified: true },
              { id: 'net_felsi', verified: false },
              { id: 'net_segec', verified: true },
              { id: 'net_wbe', verified: true },
            ],
          },
          authorities: { totalCount: 1, nodes: [{ id: 'age' }] },
          sfmq: { verified: false, sources: [] },
        },
      });
    } finally {
      await load(readReferenceData());
    }
  });

  it('finds bodies by words in their name, regardless of case and accents, typos allowed', async () => {
    const { body } = await subgraph.query(`{
      typo: educationNetworks(filter: {search: "catholque"}) { nodes { id } }
      accents: educationNetworks(filter: {search: "Federation etablissements"}) { nodes { id } }
      everyWord: educationNetworks(filter: {search: "enseignement communes"}) { nodes { id } }
      several: educationNetworks(filter: {search: "enseignement"}) { totalCount nodes { id } }
      authority: educationAuthorities(filter: {search: "qualifications"}) { nodes { id } }
    }`);
    expect(body).toEqual({
      data: {
        typo: { nodes: [{ id: 'net_segec' }] },
        accents: { nodes: [{ id: 'net_felsi' }] },
        everyWord: { nodes: [{ id: 'net_cecp' }] },
        // FELSI's name does not say "enseignement"
        several: { totalCount: 4, nodes: [{ id: 'net_cecp' }, { id: 'net_cpeons' }, { id: 'net_segec' }, { id: 'net_wbe' }] },
        authority: { nodes: [{ id: 'sfmq' }] },
      },
    });
  });

  it('filters by id and kind within the type asked; an id of another subgraph is refused, naming it', async () => {
    const { body } = await subgraph.query(`{
      felsi: educationNetworks(filter: {id: "net_felsi"}) { nodes { id name } }
      authorityIds: educationAuthorities(filter: {id: ["age", "net_wbe"]}) { totalCount nodes { id } }
      qualifications: educationAuthorities(filter: {kind: QUALIFICATIONS_BODY}) { totalCount nodes { id } }
    }`);
    expect(body).toEqual({
      data: {
        felsi: { nodes: [{ id: 'net_felsi', name: 'FELSI – Fédération des établissements libres subventionnés indépendants' }] },
        // net_wbe is a network, not an authority
        authorityIds: { totalCount: 1, nodes: [{ id: 'age' }] },
        qualifications: { totalCount: 1, nodes: [{ id: 'sfmq' }] },
      },
    });
    const foreign = await subgraph.query(`{ educationNetworks(filter: {id: ["net_wbe", "forem"]}) { totalCount } }`);
    expect(foreign.body).toEqual({
      errors: [
        {
          message: 'Unknown party "forem" in filter.id.',
          locations: [{ line: 1, column: 3 }],
          path: ['educationNetworks'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter.id' },
        },
      ],
      data: { educationNetworks: null },
    });
  });

  it('finds a body by id; an unknown id, or the id of another kind of body, is null', async () => {
    const { body } = await subgraph.query(`{
      educationNetwork(id: "net_wbe") { name sources { id } }
      educationAuthority(id: "sfmq") { kind website }
      unknown: educationNetwork(id: "nope") { id }
      otherKind: educationNetwork(id: "age") { id }
    }`);
    expect(body).toEqual({
      data: {
        educationNetwork: { name: 'Wallonie-Bruxelles Enseignement (WBE) – réseau de la FWB', sources: [{ id: 'S64' }, { id: 'S19' }] },
        educationAuthority: { kind: 'QUALIFICATIONS_BODY', website: 'https://sfmq.cfwb.be' },
        unknown: null,
        otherKind: null,
      },
    });
  });

  it('resolves references in one SQL statement, whatever their number', async () => {
    const representations = ['net_wbe', 'net_segec', 'net_cpeons', 'net_cecp', 'net_felsi'].map((id) => ({ __typename: 'EducationNetwork', id }));
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on EducationNetwork { id } ... on EducationAuthority { id name } } }`;
    const five = await subgraph.query(query, { r: representations });
    const one = await subgraph.query(query, { r: [{ __typename: 'EducationAuthority', id: 'age' }] });
    expect(five.body).toEqual({ data: { _entities: ['net_wbe', 'net_segec', 'net_cpeons', 'net_cecp', 'net_felsi'].map((id) => ({ id })) } });
    expect(one.body).toEqual({ data: { _entities: [{ id: 'age', name: "Administration générale de l'Enseignement (AGE)" }] } });
    expect([five.sqlStatements, one.sqlStatements]).toEqual([1, 1]);
  });

  it('has migrations that create exactly what its entities describe', async () => {
    expect(await pendingSchemaChanges(education, subgraph.databaseUrl)).toBe('');
  });
});
