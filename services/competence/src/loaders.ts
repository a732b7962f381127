import type { EntityManager } from '@mikro-orm/postgresql';
import { linkLoader, manyLoader, oneLoader } from '@hub/kit';
import { CentrePublic, CentreSector, CompetenceCentre } from './centre/centre.entity';
import type { TraineePublic } from './label/label.entity';
import { LabelDecision } from './label/decision.entity';

/** Every DataLoader of the competence subgraph, made anew for each request. */
export function createLoaders(em: EntityManager) {
  return {
    centreById: oneLoader((ids) => em.find(CompetenceCentre, { id: { $in: ids } }), (c) => c.id),
    sectorIdsByCentre: manyLoader((ids) => em.find(CentreSector, { centre: { $in: ids } }, { orderBy: { sectorId: 'asc' } }), (s) => s.centre.id),
    centresBySector: manyLoader(
      (ids) => em.find(CentreSector, { sectorId: { $in: ids } }, { populate: ['centre'], orderBy: { centre: { id: 'asc' } } }),
      (s) => s.sectorId,
    ),
    publicsByCentre: linkLoader<TraineePublic>(em, CentrePublic, 'centre', 'traineePublic'),
    decisionById: oneLoader((ids) => em.find(LabelDecision, { id: { $in: ids } }), (d) => d.id),
    centresByDecision: manyLoader((ids) => em.find(CompetenceCentre, { labelDecision: { $in: ids } }, { orderBy: { id: 'asc' } }), (c) => c.labelDecision!.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
