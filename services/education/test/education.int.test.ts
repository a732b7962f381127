import { pendingSchemaChanges, startTestSubgraph } from '@hub/kit/testing';
import { education } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(education);
});
afterAll(() => subgraph?.stop());

describe('education subgraph', () => {
  it('lists the education networks, the unsourced ones flagged', async () => {
    const { body } = await subgraph.query(`{ educationNetworks { id kind verified } verified: educationNetworks(verifiedOnly: true) { id } }`);
    expect(body).toEqual({
      data: {
        educationNetworks: [
          { id: 'net_cecp', kind: 'EDUCATION_NETWORK', verified: false },
          { id: 'net_cpeons', kind: 'EDUCATION_NETWORK', verified: true },
          { id: 'net_felsi', kind: 'EDUCATION_NETWORK', verified: false },
          { id: 'net_segec', kind: 'EDUCATION_NETWORK', verified: true },
          { id: 'net_wbe', kind: 'EDUCATION_NETWORK', verified: true },
        ],
        verified: [{ id: 'net_cpeons' }, { id: 'net_segec' }, { id: 'net_wbe' }],
      },
    });
  });

  it('finds a body by id; an unknown id, or the id of another kind of body, is null', async () => {
    const { body } = await subgraph.query(`{
      educationNetwork(id: "net_wbe") { name sources { id } }
      educationAuthority(id: "sfmq") { kind }
      unknown: educationNetwork(id: "nope") { id }
      otherKind: educationNetwork(id: "age") { id }
    }`);
    expect(body).toEqual({
      data: {
        educationNetwork: { name: 'Wallonie-Bruxelles Enseignement (WBE) – réseau de la FWB', sources: expect.arrayContaining([expect.objectContaining({ id: expect.any(String) })]) },
        educationAuthority: { kind: 'QUALIFICATIONS_BODY' },
        unknown: null,
        otherKind: null,
      },
    });
  });

  it('resolves references in one SQL statement, whatever their number', async () => {
    const representations = ['net_wbe', 'net_segec', 'net_cpeons', 'net_cecp', 'net_felsi'].map((id) => ({ __typename: 'EducationNetwork', id }));
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on EducationNetwork { id name } ... on EducationAuthority { id name } } }`;
    const five = await subgraph.query(query, { r: representations });
    const one = await subgraph.query(query, { r: [{ __typename: 'EducationAuthority', id: 'age' }] });
    expect(five.body.data._entities.map((e: { id: string }) => e.id)).toEqual(['net_wbe', 'net_segec', 'net_cpeons', 'net_cecp', 'net_felsi']);
    expect(one.body.data._entities).toEqual([{ id: 'age', name: "Administration générale de l'Enseignement (AGE)" }]);
    expect([five.sqlStatements, one.sqlStatements]).toEqual([1, 1]);
  });

  it('has migrations that create exactly what its entities describe', async () => {
    expect(await pendingSchemaChanges(education, subgraph.databaseUrl)).toBe('');
  });
});
