import { readReferenceData, type ReferenceData } from '@hub/kit';
import { pendingSchemaChanges, startTestSubgraph } from '@hub/kit/testing';
import { training } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(training);
});
afterAll(() => subgraph?.stop());

const load = (data: ReferenceData) => subgraph.load(data);

describe('training subgraph', () => {
  it('lists the training operators and the validation body', async () => {
    const { body } = await subgraph.query(`{
      trainingOperators { totalCount nodes { id kind } pageInfo { hasNextPage hasPreviousPage } }
      validationBodies { totalCount nodes { id kind } }
    }`);
    expect(body).toEqual({
      data: {
        trainingOperators: {
          totalCount: 5,
          nodes: ['bruxelles_formation', 'eps', 'forem', 'ifapme', 'sfpme'].map((id) => ({ id, kind: 'TRAINING_OPERATOR' })),
          pageInfo: { hasNextPage: false, hasPreviousPage: false },
        },
        validationBodies: { totalCount: 1, nodes: [{ id: 'cvdc', kind: 'VALIDATION_BODY' }] },
      },
    });
  });

  it('leaves out the bodies no source backs when asked for verified ones only', async () => {
    const data = readReferenceData();
    data.parties.find((p) => p.id === 'sfpme')!.unverified = true;
    data.parties.find((p) => p.id === 'eps')!.source_ids = [];
    await load(data);
    try {
      const { body } = await subgraph.query(`{
        verified: trainingOperators(filter: {verifiedOnly: true}) { totalCount nodes { id } }
        all: trainingOperators(filter: {verifiedOnly: false}) { totalCount nodes { id verified } }
        eps: trainingOperator(id: "eps") { verified sources { id } }
      }`);
      expect(body).toEqual({
        data: {
          verified: { totalCount: 3, nodes: [{ id: 'bruxelles_formation' }, { id: 'forem' }, { id: 'ifapme' }] },
          all: {
            totalCount: 5,
            nodes: [
              { id: 'bruxelles_formation', verified: true },
              { id: 'eps', verified: false },
              { id: 'forem', verified: true },
              { id: 'ifapme', verified: true },
              { id: 'sfpme', verified: false },
            ],
          },
          eps: { verified: false, sources: [] },
        },
      });
    } finally {
      await load(readReferenceData());
    }
  });

  it('finds bodies by every word of a search, regardless of case and accents', async () => {
    const { body } = await subgraph.query(`{
      forem: trainingOperators(filter: {search: "forem"}) { nodes { id } }
      everyWord: trainingOperators(filter: {search: "formation professionnelle"}) { nodes { id } }
      adults: trainingOperators(filter: {search: "Promotion sociale"}) { nodes { id } }
      validation: validationBodies(filter: {search: "validation des competences"}) { nodes { id } }
    }`);
    expect(body).toEqual({
      data: {
        forem: { nodes: [{ id: 'forem' }] },
        // IFAPME and SFPME train too, but their names do not say "professionnelle"
        everyWord: { nodes: [{ id: 'bruxelles_formation' }, { id: 'forem' }] },
        adults: { nodes: [{ id: 'eps' }] },
        validation: { nodes: [{ id: 'cvdc' }] },
      },
    });
  });

  it('pages through the operators with cursors', async () => {
    const first = await subgraph.query(`{ trainingOperators(first: 2) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }`);
    const next = await subgraph.query(`query ($after: String) { trainingOperators(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`, {
      after: first.body.data.trainingOperators.pageInfo.endCursor,
    });
    expect(first.body).toEqual({
      data: { trainingOperators: { nodes: [{ id: 'bruxelles_formation' }, { id: 'eps' }], pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: expect.any(String) } } },
    });
    expect(next.body).toEqual({ data: { trainingOperators: { nodes: [{ id: 'forem' }, { id: 'ifapme' }], pageInfo: { hasNextPage: true, hasPreviousPage: true } } } });
  });

  it('gives an operator with its legal basis and website; an unknown id, or the id of another kind of body, is null', async () => {
    const { body } = await subgraph.query(`{
      trainingOperator(id: "forem") { name legalBasis website verified unverifiedFields sources { id } }
      unknown: trainingOperator(id: "nope") { id }
      otherKind: trainingOperator(id: "cvdc") { id }
    }`);
    expect(body).toEqual({
      data: {
        trainingOperator: {
          name: "Le Forem – Office wallon de la formation professionnelle et de l'emploi",
          legalBasis: "Décret du 6 mai 1999 relatif à l'Office wallon de la Formation professionnelle et de l'Emploi",
          website: 'https://www.leforem.be',
          verified: true,
          unverifiedFields: [],
          sources: [{ id: 'S01' }, { id: 'S13' }, { id: 'S15' }, { id: 'S02' }],
        },
        unknown: null,
        otherKind: null,
      },
    });
  });

  it('resolves operator references for the gateway in one SQL statement', async () => {
    const { body, sqlStatements } = await subgraph.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on TrainingOperator { id kind } ... on ValidationBody { id kind } } }`,
      {
        r: [
          { __typename: 'TrainingOperator', id: 'ifapme' },
          { __typename: 'ValidationBody', id: 'cvdc' },
          { __typename: 'TrainingOperator', id: 'nope' },
        ],
      },
    );
    expect(body).toEqual({ data: { _entities: [{ id: 'ifapme', kind: 'TRAINING_OPERATOR' }, { id: 'cvdc', kind: 'VALIDATION_BODY' }, null] } });
    expect(sqlStatements).toBe(1);
  });

  it('resolves a reference to another kind of body as null, like the query by id', async () => {
    const { body } = await subgraph.query(`query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on TrainingOperator { id kind } ... on ValidationBody { id kind } } }`, {
      r: [
        { __typename: 'TrainingOperator', id: 'cvdc' },
        { __typename: 'ValidationBody', id: 'forem' },
      ],
    });
    expect(body).toEqual({ data: { _entities: [null, null] } });
  });

  it('has migrations that create exactly what its entities describe', async () => {
    expect(await pendingSchemaChanges(training, subgraph.databaseUrl)).toBe('');
  });
});
