import { loadOrganisations, Organisation, organisationLoaders, organisationResolvers, PartyKind, resolveOrganisation, type SubgraphModule } from '@hub/kit';
import { TrainingOperatorType, ValidationBodyType } from './body/body.type';
import { migrations } from './migrations';

/** The training subgraph: the training operators and the CVDC. */
export const training: SubgraphModule<ReturnType<typeof organisationLoaders>> = {
  name: 'training',
  entities: [Organisation],
  migrations,
  definition: {
    resolvers: [
      ...organisationResolvers(TrainingOperatorType, {
        typeName: 'TrainingOperator',
        kinds: [PartyKind.TRAINING_OPERATOR],
        single: 'trainingOperator',
        plural: 'trainingOperators',
        what: 'training operator (opérateur de formation)',
      }),
      ...organisationResolvers(ValidationBodyType, {
        typeName: 'ValidationBody',
        kinds: [PartyKind.VALIDATION_BODY],
        single: 'validationBody',
        plural: 'validationBodies',
        what: 'validation body (CVDC)',
      }),
    ],
    references: { TrainingOperator: resolveOrganisation, ValidationBody: resolveOrganisation },
  },
  createLoaders: organisationLoaders,
  loadReferenceData: (em, data) => loadOrganisations(em, data, 'training'),
};
