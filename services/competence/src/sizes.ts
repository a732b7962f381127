import { groupsAtMost, mostPerParent, raw, rowsOf, type ListSizes } from '@hub/kit';
import { CENTRE_SECTORS } from './loaders';
import { CENTRE_GROUPINGS } from './counts/counts';

/** The most items each list of this subgraph holds now (the gateway's cost estimate reads them); a sub-sector's rows count for its sector. */
export const LIST_SIZES: ListSizes = {
  'Query.competenceCentreCounts': groupsAtMost('competence.competence_centre', CENTRE_GROUPINGS),

  'Query.competenceCentres': rowsOf('competence.competence_centre'),
  'Query.labelDecisions': rowsOf('competence.label_decision'),
  'Query.labelCriteria': rowsOf('competence.label_criterion', raw('true')),
  'Query.traineePublics': rowsOf('competence.trainee_public', raw('true')),
  'Sector.competenceCentres': mostPerParent(`${CENTRE_SECTORS} l`, "split_part(l.sector_id, '/', 1)"),
  'CompetenceCentre.sectors': mostPerParent(`${CENTRE_SECTORS} l`, 'l.centre_id'),
  'CompetenceCentre.publics': mostPerParent('competence.centre_public l', 'l.centre_id'),
  'LabelDecision.centres': mostPerParent('competence.competence_centre l', 'l.label_decision_id', raw('l.label_decision_id is not null')),
};
