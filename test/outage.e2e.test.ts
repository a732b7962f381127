import { postGraphQL } from '@hub/kit/testing';
import { startTestHub, type TestHub } from './support/hub';

// The hub with one subgraph process killed, as a crash would leave it: the others still answer.
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
  await hub.killSubgraph('competence');
}, 120_000);
afterAll(() => hub?.stop());

const ask = (query: string) => postGraphQL(hub.url, query);

const unreachable = (subgraph: string, path: (string | number)[]) => ({
  message: `The ${subgraph} subgraph is unreachable: its fields are missing from this answer. Try again later.`,
  path,
  extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph, serviceName: subgraph },
});

describe('the hub with the competence subgraph down', () => {
  it('still answers the convention graph: the sector, its agreements and conventions, without the competence centres', async () => {
    const { status, body } = await ask(`{
      sector(id: "industrie_alimentaire") {
        name
        frameworkAgreements { nodes { id conventions { nodes { id parties { __typename id name } } } } }
        competenceCentres { totalCount nodes { id } }
      }
    }`);
    expect([status, body]).toEqual([
      200,
      {
        errors: [unreachable('competence', ['sector', 'competenceCentres'])],
        data: {
          sector: {
            name: 'Industrie alimentaire',
            frameworkAgreements: {
              nodes: [
                {
                  id: 'fa_industrie_alimentaire',
                  conventions: {
                    nodes: [
                      {
                        id: 'sc_fevia_enseignement',
                        parties: [
                          { __typename: 'EducationAuthority', id: 'age', name: "Administration générale de l'Enseignement (AGE)" },
                          { __typename: 'SectorBody', id: 'fevia_wallonie', name: "FEVIA Wallonie – Fédération de l'industrie alimentaire wallonne" },
                          { __typename: 'EducationNetwork', id: 'net_cpeons', name: "CPEONS – Conseil des Pouvoirs organisateurs de l'Enseignement officiel neutre subventionné" },
                          { __typename: 'EducationNetwork', id: 'net_segec', name: "SeGEC – Secrétariat général de l'Enseignement catholique (FESeC for secondary)" },
                          { __typename: 'EducationNetwork', id: 'net_wbe', name: 'Wallonie-Bruxelles Enseignement (WBE) – réseau de la FWB' },
                        ],
                      },
                    ],
                  },
                },
                { id: 'fa_industrie_alimentaire_2007', conventions: { nodes: [] } },
              ],
            },
            competenceCentres: null,
          },
        },
      },
    ]);
  });

  it('answers the other subgraphs’ lists of a query that also asks the dead one', async () => {
    const { status, body } = await ask(`{ sectors { totalCount } competenceCentres { totalCount } trainingOperators { totalCount } }`);
    expect([status, body]).toEqual([
      200,
      {
        errors: [unreachable('competence', ['competenceCentres'])],
        data: { sectors: { totalCount: 23 }, competenceCentres: null, trainingOperators: { totalCount: 5 } },
      },
    ]);
  });

  it('answers 503 with Retry-After when the query asks only the dead subgraph', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ competenceCentres { totalCount } labelCriteria { code } }` }),
    });
    expect([response.status, response.headers.get('retry-after'), await response.json()]).toEqual([
      503,
      '30',
      {
        errors: [unreachable('competence', ['competenceCentres']), unreachable('competence', ['labelCriteria'])],
        data: { competenceCentres: null, labelCriteria: null },
      },
    ]);
  });

  it('keeps a list of parties when the subgraph owning some of them is down too, those parties null', async () => {
    await hub.killSubgraph('education');
    const { status, body } = await ask(`{ convention(id: "sc_fevia_enseignement") { id kind parties { __typename id name } } }`);
    expect([status, body]).toEqual([
      200,
      {
        errors: [unreachable('education', ['convention', 'parties'])],
        data: {
          convention: {
            id: 'sc_fevia_enseignement',
            kind: 'EDUCATION',
            parties: [null, { __typename: 'SectorBody', id: 'fevia_wallonie', name: "FEVIA Wallonie – Fédération de l'industrie alimentaire wallonne" }, null, null, null],
          },
        },
      },
    ]);
  });
});
