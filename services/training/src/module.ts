import { importResolver, namedLocally, Organisation, organisationResolvers, organisationWriter, PartyKind, resolveOrganisation, SectorKey, sql, type OrganisationOptions, type SubgraphModule } from '@hub/kit';
import { TrainingOperatorType, ValidationBodyType } from './body/body.type';
import type { TrainingContext } from './context';
import { createLoaders, type Loaders } from './loaders';
import { LIST_SIZES } from './sizes';
import { loadReferenceData } from './reference';
import { TitleOperator, TitleSector, ValidationTitle } from './validation/title.entity';
import { ValidationFigure } from './validation/figure.entity';
import { OperatorTitlesResolver, SectorTitlesResolver, ValidationTitleResolver } from './validation/title.resolver';
import { ValidationFigureResolver } from './validation/figure.resolver';
import { ValidationCountsResolver } from './validation/counts';
import { titleWriter, TitleWriteResolver } from './validation/title.write';
import { figureWriter, FigureWriteResolver } from './validation/figure.write';
import { migrations } from './migrations';

const TRAINING_OPERATORS: OrganisationOptions = {
  typeName: 'TrainingOperator',
  kinds: [PartyKind.TRAINING_OPERATOR],
  single: 'trainingOperator',
  plural: 'trainingOperators',
  what: 'training operator (opérateur de formation)',
  // an operator named as running a title's validation centre is not deleted under it
  namedBy: (operator, em) =>
    namedLocally(em, 'ValidationTitle', sql`select t.id from training.validation_title t join training.title_operator l on l.title_id = t.id where l.operator_id = ${operator.id} and t.deleted_at is null`),
};
const VALIDATION_BODIES: OrganisationOptions = {
  typeName: 'ValidationBody',
  kinds: [PartyKind.VALIDATION_BODY],
  single: 'validationBody',
  plural: 'validationBodies',
  what: 'validation body (CVDC)',
};

/** The training subgraph: the training operators, the CVDC, its validation titles and its figures. */
export const training: SubgraphModule<Loaders> = {
  name: 'training',
  entities: [Organisation, SectorKey, ValidationTitle, TitleSector, TitleOperator, ValidationFigure],
  migrations,
  definition: {
    resolvers: [
      ...organisationResolvers(TrainingOperatorType, TRAINING_OPERATORS),
      ...organisationResolvers(ValidationBodyType, VALIDATION_BODIES),
      ValidationTitleResolver,
      SectorTitlesResolver,
      OperatorTitlesResolver,
      TitleWriteResolver,
      ValidationFigureResolver,
      FigureWriteResolver,
      ValidationCountsResolver,
      importResolver('training', [organisationWriter(TRAINING_OPERATORS), organisationWriter(VALIDATION_BODIES), titleWriter, figureWriter]),
    ],
    references: {
      TrainingOperator: resolveOrganisation,
      ValidationBody: resolveOrganisation,
      ValidationTitle: (ref, { loaders }: TrainingContext) => loaders.titleById.load(ref.id),
      ValidationFigure: (ref, { loaders }: TrainingContext) => loaders.figureById.load(ref.id),
      Sector: (ref) => ({ id: ref.id }),
    },
  },
  createLoaders,
  listSizes: LIST_SIZES,
  loadReferenceData,
};
