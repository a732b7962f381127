import { importResolver, SectorKey, type SubgraphModule } from '@hub/kit';
import type { CompetenceContext } from './context';
import { CentrePublic, CentreSector, CompetenceCentre } from './centre/centre.entity';
import { CentreCountsResolver } from './counts/counts';
import { centreWriter, CentreWriteResolver } from './centre/centre.write';
import { decisionWriter, DecisionWriteResolver } from './label/decision.write';
import { CentreResolver, SectorCentresResolver } from './centre/centre.resolver';
import { LabelCriterion, TraineePublic } from './label/label.entity';
import { LabelDecision } from './label/decision.entity';
import { LabelDecisionResolver, LabelResolver } from './label/decision.resolver';
import { createLoaders, type Loaders } from './loaders';
import { LIST_SIZES } from './sizes';
import { loadReferenceData } from './reference';
import { migrations } from './migrations';

/** The competence subgraph: competence centres, their labels, the label criteria and the publics. */
export const competence: SubgraphModule<Loaders> = {
  name: 'competence',
  entities: [CompetenceCentre, SectorKey, CentreSector, CentrePublic, LabelCriterion, TraineePublic, LabelDecision],
  migrations,
  definition: {
    resolvers: [CentreResolver, CentreWriteResolver, SectorCentresResolver, CentreCountsResolver, LabelDecisionResolver, DecisionWriteResolver, LabelResolver, importResolver('competence', [decisionWriter, centreWriter])],
    references: {
      CompetenceCentre: (ref, { loaders }: CompetenceContext) => loaders.centreById.load(ref.id),
      Sector: (ref) => ({ id: ref.id }),
    },
  },
  createLoaders,
  listSizes: LIST_SIZES,
  loadReferenceData,
};
