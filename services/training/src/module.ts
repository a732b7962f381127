import { loadOrganisations, Organisation, organisationLoaders, organisationResolvers, PartyKind, resolveOrganisation, importResolver, organisationWriter, type OrganisationOptions, type SubgraphModule } from '@hub/kit';
import { TrainingOperatorType, ValidationBodyType } from './body/body.type';
import { migrations } from './migrations';

const TRAINING_OPERATORS: OrganisationOptions = {
  typeName: 'TrainingOperator',
  kinds: [PartyKind.TRAINING_OPERATOR],
  single: 'trainingOperator',
  plural: 'trainingOperators',
  what: 'training operator (opérateur de formation)',
};
const VALIDATION_BODIES: OrganisationOptions = {
  typeName: 'ValidationBody',
  kinds: [PartyKind.VALIDATION_BODY],
  single: 'validationBody',
  plural: 'validationBodies',
  what: 'validation body (CVDC)',
};

/** The training subgraph: the training operators and the CVDC. */
export const training: SubgraphModule<ReturnType<typeof organisationLoaders>> = {
  name: 'training',
  entities: [Organisation],
  migrations,
  definition: {
    resolvers: [
      ...organisationResolvers(TrainingOperatorType, TRAINING_OPERATORS),
      ...organisationResolvers(ValidationBodyType, VALIDATION_BODIES),
      importResolver('training', [organisationWriter(TRAINING_OPERATORS), organisationWriter(VALIDATION_BODIES)]),
    ],
    references: { TrainingOperator: resolveOrganisation, ValidationBody: resolveOrganisation },
  },
  createLoaders: organisationLoaders,
  loadReferenceData: (em, data) => loadOrganisations(em, data, 'training'),
};
