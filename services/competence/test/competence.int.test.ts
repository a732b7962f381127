import { pendingSchemaChanges, startTestSubgraph } from '@hub/kit/testing';
import { competence } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(competence);
});
afterAll(() => subgraph?.stop());

describe('competence subgraph', () => {
  it('lists the provisionally labelled centres, their unknown validity left null', async () => {
    const { body } = await subgraph.query(`{ competenceCentres(labelStatus: PROVISIONAL) { id label { status decidedOn validFrom validTo } } }`);
    const label = { status: 'PROVISIONAL', decidedOn: '2020-11-12', validFrom: null, validTo: null };
    expect(body).toEqual({
      data: {
        competenceCentres: ['cefoverre', 'design_innovation', 'forem_cepegra', 'forem_pigments', 'forem_tourisme'].map((id) => ({ id, label })),
      },
    });
  });

  it('counts 19 centres whose label is known to be valid at the end of 2024, none in 2025', async () => {
    const { body } = await subgraph.query(`{ in2024: competenceCentres(labelActiveOn: "2024-12-31") { id } in2025: competenceCentres(labelActiveOn: "2025-01-01") { id } }`);
    expect([body.data.in2024.length, body.data.in2025.length]).toEqual([19, 0]);
  });

  it('gives a centre with its sectors, scope, place and provenance; publics unknown per centre are null', async () => {
    const { body } = await subgraph.query(`{
      competenceCentre(id: "epicuris") { name kind sectors { id } scope city province publics { id } verified }
      unknown: competenceCentre(id: "nope") { id }
    }`);
    expect(body).toEqual({
      data: {
        competenceCentre: {
          name: 'Epicuris',
          kind: 'COMPETENCE_CENTRE',
          sectors: [{ id: 'horeca' }, { id: 'industrie_alimentaire' }],
          scope: ['métiers de bouche (boulangerie, pâtisserie, boucherie)', 'Horeca / cuisine de collectivité'],
          city: 'Villers-le-Bouillet',
          province: 'Liège',
          publics: null,
          verified: true,
        },
        unknown: null,
      },
    });
  });

  it('adds competence centres to sectors, in one SQL statement for all of them', async () => {
    const { body, sqlStatements } = await subgraph.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Sector { id competenceCentres { id } } } }`,
      { r: ['construction', 'chimie', 'non_marchand'].map((id) => ({ __typename: 'Sector', id })) },
    );
    expect(body).toEqual({
      data: {
        _entities: [
          { id: 'construction', competenceCentres: [{ id: 'construform_hainaut' }, { id: 'construform_liege' }] },
          { id: 'chimie', competenceCentres: [{ id: 'cefochim' }] },
          { id: 'non_marchand', competenceCentres: [] },
        ],
      },
    });
    expect(sqlStatements).toBe(1);
  });

  it('lists the 4 label criteria and the publics with their yearly figures', async () => {
    const { body } = await subgraph.query(`{ labelCriteria { code labelEn } traineePublics { id averageTraineesPerYear } }`);
    expect(body.data.labelCriteria.map((c: { code: string }) => c.code)).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(body.data.traineePublics).toContainEqual({ id: 'travailleurs', averageTraineesPerYear: 36943 });
  });

  it('has migrations that create exactly what its entities describe', async () => {
    expect(await pendingSchemaChanges(competence, subgraph.databaseUrl)).toBe('');
  });

  it('ties each label to the decision that granted it, with the figures it published', async () => {
    const { body } = await subgraph.query(`{
      competenceCentre(id: "technifutur") { label { decision { id } } }
      labelDecisions {
        id decidedOn decidedBy { id } proposedBy certificatesHandedOverOn validFrom validTo retroactive
        fullLabelCount provisionalLabelCount centresInNetwork peopleTrainedPerYear centres { id }
      }
    }`);
    const [latest, first] = body.data.labelDecisions;
    expect(body.data.competenceCentre).toEqual({ label: { decision: { id: 'ld_2020' } } });
    expect({ ...latest, centres: latest.centres.length }).toEqual({
      id: 'ld_2020',
      decidedOn: '2020-11-12',
      decidedBy: { id: 'gov_wallonia' },
      proposedBy: "Willy Borsus (Ministre de l'IFAPME et des Centres de compétences)",
      certificatesHandedOverOn: null,
      validFrom: '2020-01-01',
      validTo: '2024-12-31',
      retroactive: true,
      fullLabelCount: 19,
      provisionalLabelCount: 5,
      centresInNetwork: 24,
      peopleTrainedPerYear: 111000,
      centres: 24,
    });
    expect(first).toEqual({
      id: 'ld_2007',
      decidedOn: null,
      decidedBy: null,
      proposedBy: null,
      certificatesHandedOverOn: '2007-03-19',
      validFrom: '2007',
      validTo: '2009',
      retroactive: null,
      fullLabelCount: null,
      provisionalLabelCount: null,
      centresInNetwork: 23,
      peopleTrainedPerYear: null,
      centres: [],
    });
  });
});
