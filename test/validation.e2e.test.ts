import { parse } from 'csv-parse/sync';
import type { Role } from '@hub/kit';
import { refusal, startTestHub, type TestHub } from './support/hub';

// The CVDC's validation titles and figures through the real gateway and subgraph processes.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(() => hub?.stop());

const tokenFor = (role: Role, agency?: string, subject?: string) => hub.tokenFor(role, agency, subject);
const ask = (query: string, variables: Record<string, unknown> = {}, token?: string) => hub.ask(query, variables, token);

const CREATE_TITLE = `mutation ($input: CreateValidationTitleInput!) {
  createValidationTitle(input: $input) { record { id name version sectors { id name } operators { name } years { year epreuves sources { id } } verified sources { id } } }
}`;
const UPDATE_TITLE = `mutation ($input: UpdateValidationTitleInput!) { updateValidationTitle(input: $input) { record { id name version } } }`;
const NEW_TITLE = {
  id: 'vt_carreleur',
  name: 'Carreleur',
  sectors: ['construction'],
  operators: ['forem', 'ifapme'],
  years: [{ year: 2024, epreuves: 120, sources: ['S205'] }],
  sources: ['S202'],
  unverifiedFields: ['years'],
};

describe('what an analyst asks of the CVDC', () => {
  it('searches, filters, pages and counts the titles and the figures through the gateway', async () => {
    const first = await ask(`{
      validationTitles(filter: { search: "electricien", verifiedOnly: true }, orderBy: [{ field: NAME }], first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { name } }
      validationTitleCounts(groupBy: [REFERENTIAL_YEAR]) { key { referentialYear } count }
      validationFigureCounts(groupBy: [REGION], filter: { measure: SUCCESS_RATE }) { key { region } count }
      figures: validationFigures(filter: { or: [{ measure: EPREUVES }, { measure: HOLDERS, cumulative: false }] }, orderBy: [{ field: VALUE, direction: DESC }]) { nodes { id measure value qualifier } }
    }`);
    expect(first.body).toEqual({
      data: {
        validationTitles: { totalCount: 2, pageInfo: { hasNextPage: true, endCursor: expect.any(String) }, nodes: [{ name: 'Installateur électricien tertiaire' }] },
        validationTitleCounts: [{ key: { referentialYear: null }, count: 20 }, { key: { referentialYear: 2009 }, count: 1 }],
        validationFigureCounts: [{ key: { region: 'WALLONIA_BRUSSELS' }, count: 3 }, { key: { region: 'BRUSSELS' }, count: 1 }],
        figures: { nodes: [{ id: 'vf_2024_epreuves', measure: 'EPREUVES', value: 5000, qualifier: 'ALMOST' }, { id: 'vf_2022_holders', measure: 'HOLDERS', value: 2834, qualifier: 'EXACT' }] },
      },
    });
    const cursor = first.body.data.validationTitles.pageInfo.endCursor;
    const next = await ask(`query ($after: String) { validationTitles(filter: { search: "electricien", verifiedOnly: true }, orderBy: [{ field: NAME }], first: 1, after: $after) { pageInfo { hasNextPage } nodes { name } } }`, { after: cursor });
    expect(next.body).toEqual({ data: { validationTitles: { pageInfo: { hasNextPage: false }, nodes: [{ name: 'Installateur(rice) électricien(ne) résidentiel' }] } } });
    expect(refusal(await ask('{ validationFigures(filter: { measure: VOTES }) { totalCount } }'))[1]).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('validation titles, written by the CVDC', () => {
  it('refuses a training operator and asks an anonymous caller to sign in', async () => {
    expect(refusal(await ask(CREATE_TITLE, { input: NEW_TITLE }))[1]).toBe('UNAUTHENTICATED');
    expect(refusal(await ask(CREATE_TITLE, { input: NEW_TITLE }, await tokenFor('editor', 'forem')))).toEqual([
      403,
      'FORBIDDEN',
      'forem may not edit ValidationTitle "vt_carreleur": data/rights.json gives it no type.',
    ]);
    expect((await ask('{ validationTitle(id: "vt_carreleur") { id } }')).body).toEqual({ data: { validationTitle: null } });
  });

  it('lets the CVDC add a title in a sector of the conventions subgraph, seen from the sector at once', async () => {
    const cvdc = await tokenFor('editor', 'cvdc', 'claire');
    const created = await ask(CREATE_TITLE, { input: NEW_TITLE }, cvdc);
    expect(created.body).toEqual({
      data: {
        createValidationTitle: {
          record: {
            id: 'vt_carreleur',
            name: 'Carreleur',
            version: 1,
            sectors: [{ id: 'construction', name: 'Construction' }],
            operators: [{ name: "Le Forem – Office wallon de la formation professionnelle et de l'emploi" }, { name: 'IFAPME – Institut wallon de formation en alternance et des indépendants et petites et moyennes entreprises' }],
            years: [{ year: 2024, epreuves: 120, sources: [{ id: 'S205' }] }],
            verified: true,
            sources: [{ id: 'S202' }],
          },
        },
      },
    });
    // the cross-subgraph walk: a sector of the conventions subgraph, its titles (training) and centres (competence)
    const sector = await ask(`{
      sector(id: "construction") {
        name
        validationTitles { totalCount nodes { name operators { id } history { agency operation } } }
        competenceCentres(first: 1) { totalCount }
      }
    }`);
    expect(sector.body).toEqual({
      data: {
        sector: {
          name: 'Construction',
          validationTitles: { totalCount: 1, nodes: [{ name: 'Carreleur', operators: [{ id: 'forem' }, { id: 'ifapme' }], history: [{ agency: 'cvdc', operation: 'CREATE' }] }] },
          competenceCentres: { totalCount: expect.any(Number) },
        },
      },
    });
    const operator = await ask('{ trainingOperator(id: "ifapme") { validationTitles { nodes { id } } } }');
    expect(operator.body).toEqual({ data: { trainingOperator: { validationTitles: { nodes: [{ id: 'vt_carreleur' }] } } } });
  });

  it('refuses a stale version, an unknown sector or source, and a year given twice, naming the field', async () => {
    const cvdc = await tokenFor('editor', 'cvdc');
    const changed = await ask(UPDATE_TITLE, { input: { id: 'vt_carreleur', version: 1, name: 'Carreleur(euse)' } }, cvdc);
    expect(changed.body).toEqual({ data: { updateValidationTitle: { record: { id: 'vt_carreleur', name: 'Carreleur(euse)', version: 2 } } } });
    const stale = await ask(UPDATE_TITLE, { input: { id: 'vt_carreleur', version: 1, name: 'Carreleur' } }, cvdc);
    expect(refusal(stale)).toEqual([409, 'CONFLICT', 'ValidationTitle "vt_carreleur" was changed since you read it: it is at version 2, you sent 1. Read it again and re-apply your change.']);
    const refused = async (input: Record<string, unknown>) => {
      const answer = await ask(UPDATE_TITLE, { input: { id: 'vt_carreleur', version: 2, ...input } }, cvdc);
      return [answer.status, answer.body.errors?.[0].extensions.code, answer.body.errors?.[0].extensions.field];
    };
    expect(await refused({ sectors: ['nowhere'] })).toEqual([400, 'BAD_USER_INPUT', 'sectors[0]']);
    expect(await refused({ years: [{ year: 2023 }, { year: 2024, sources: ['S999'] }] })).toEqual([400, 'BAD_USER_INPUT', 'years[1].sources[0]']);
    expect(await refused({ years: [{ year: 2023 }, { year: 2023 }] })).toEqual([400, 'BAD_USER_INPUT', 'years[1]']);
    expect(await refused({ operators: ['cvdc'] })).toEqual([400, 'BAD_USER_INPUT', 'operators[0]']);
    expect((await ask('{ validationTitle(id: "vt_carreleur") { name version years { year } } }')).body.data.validationTitle).toEqual({ name: 'Carreleur(euse)', version: 2, years: [{ year: 2024 }] });
  });

  it('will not delete an operator a title names, and deletes the title softly', async () => {
    const admin = await tokenFor('admin');
    const operator = await ask(`mutation { deleteTrainingOperator(input: { id: "forem", version: 1 }) { record { id } } }`, {}, admin);
    expect(refusal(operator)[1]).toBe('CONFLICT');
    expect(operator.body.errors?.[0].extensions.namedBy).toEqual(['ValidationTitle "vt_carreleur"']);
    const titles = '{ sector(id: "construction") { validationTitles { totalCount } } }';
    expect((await ask(titles)).body).toEqual({ data: { sector: { validationTitles: { totalCount: 1 } } } });
    const deleted = await ask(`mutation { deleteValidationTitle(input: { id: "vt_carreleur", version: 2 }) { record { id } } }`, {}, await tokenFor('editor', 'cvdc'));
    expect(deleted.body).toEqual({ data: { deleteValidationTitle: { record: { id: 'vt_carreleur' } } } });
    // the same question again: the response cache heard the deletion
    const after = await ask(titles);
    expect([after.body, after.headers.get('x-cache')]).toEqual([{ data: { sector: { validationTitles: { totalCount: 0 } } } }, 'MISS']);
    expect((await ask('{ validationTitle(id: "vt_carreleur") { id } }')).body).toEqual({ data: { validationTitle: null } });
  });
});

describe('validation figures', () => {
  const CREATE_FIGURE = `mutation ($input: CreateValidationFigureInput!) { createValidationFigure(input: $input) { record { id value disagreeingFigures { id value } } } }`;

  it('lets the CVDC add a figure that disagrees with another, kept beside it; refuses a rate over 1', async () => {
    const cvdc = await tokenFor('editor', 'cvdc');
    const input = { id: 'vf_2022_centres_report', measure: 'APPROVED_CENTRES', region: 'WALLONIA_BRUSSELS', year: 2022, value: 47, statedAs: '47 centres agréés', sources: ['S202'] };
    expect((await ask(CREATE_FIGURE, { input }, cvdc)).body).toEqual({
      data: { createValidationFigure: { record: { id: 'vf_2022_centres_report', value: 47, disagreeingFigures: [{ id: 'vf_2022_centres', value: 46 }] } } },
    });
    const rate = await ask(CREATE_FIGURE, { input: { ...input, id: 'vf_rate', measure: 'SUCCESS_RATE', value: 73.5 } }, cvdc);
    expect(refusal(rate)).toEqual([400, 'BAD_USER_INPUT', 'value: a success rate is a share from 0 to 1, not 73.5.']);
    expect(refusal(await ask(CREATE_FIGURE, { input: { ...input, id: 'vf_other' } }, await tokenFor('editor', 'sfmq')))[1]).toBe('FORBIDDEN');
  });

  it('exports the figures of a measure as a CSV file, one row a figure', async () => {
    const url = new URL('/export.csv', hub.url);
    url.searchParams.set('query', '{ validationFigures(filter: { measure: SUCCESS_RATE }, orderBy: [{ field: YEAR }, { field: REGION }]) { nodes { year region value sources { id } } } }');
    const response = await fetch(url);
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect([response.status, response.headers.get('content-disposition')]).toEqual([200, 'attachment; filename="validationFigures.csv"']);
    expect(parse(text, { bom: true })).toEqual([
      ['year', 'region', 'value', 'sources.id'],
      ['2014', 'WALLONIA_BRUSSELS', '0.724', 'S208'],
      ['2018', 'WALLONIA_BRUSSELS', '0.756', 'S208'],
      ['2019', 'BRUSSELS', '0.674', 'S208'],
      ['2019', 'WALLONIA_BRUSSELS', '0.735', 'S208'],
    ]);
  });
});
