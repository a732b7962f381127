import { pendingSchemaChanges, startTestSubgraph } from '@hub/kit/testing';
import { training } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(training);
});
afterAll(() => subgraph?.stop());

describe('training subgraph', () => {
  it('lists the training operators and the validation body', async () => {
    const { body } = await subgraph.query(`{ trainingOperators { id } validationBodies { id kind } }`);
    expect(body).toEqual({
      data: {
        trainingOperators: [{ id: 'bruxelles_formation' }, { id: 'eps' }, { id: 'forem' }, { id: 'ifapme' }, { id: 'sfpme' }],
        validationBodies: [{ id: 'cvdc', kind: 'VALIDATION_BODY' }],
      },
    });
  });

  it('gives an operator with its legal basis and website; an unknown id is null', async () => {
    const { body } = await subgraph.query(`{ trainingOperator(id: "forem") { legalBasis website verified } unknown: trainingOperator(id: "nope") { id } }`);
    expect(body).toEqual({
      data: {
        trainingOperator: {
          legalBasis: "Décret du 6 mai 1999 relatif à l'Office wallon de la Formation professionnelle et de l'Emploi",
          website: 'https://www.leforem.be',
          verified: true,
        },
        unknown: null,
      },
    });
  });

  it('resolves operator references for the gateway', async () => {
    const { body } = await subgraph.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on TrainingOperator { id kind } } }`, {
      r: [{ __typename: 'TrainingOperator', id: 'ifapme' }, { __typename: 'TrainingOperator', id: 'nope' }],
    });
    expect(body).toEqual({ data: { _entities: [{ id: 'ifapme', kind: 'TRAINING_OPERATOR' }, null] } });
  });

  it('has migrations that create exactly what its entities describe', async () => {
    expect(await pendingSchemaChanges(training, subgraph.databaseUrl)).toBe('');
  });
});
