import { groupsAtMost, mostInJson, mostPerParent, raw, rowsOf, type ListSizes } from '@hub/kit';
import { TITLE_SECTORS } from './loaders';
import { FIGURE_GROUPINGS, TITLE_GROUPINGS } from './validation/counts';

/** The most items each list of this subgraph holds now (the gateway's cost estimate reads them); a sub-sector's rows count for its sector. */
export const LIST_SIZES: ListSizes = {
  'Query.validationTitleCounts': groupsAtMost('training.validation_title', TITLE_GROUPINGS),
  'Query.validationFigureCounts': groupsAtMost('training.validation_figure', FIGURE_GROUPINGS),

  'Query.trainingOperators': rowsOf('training.organisation'),
  'Query.validationBodies': rowsOf('training.organisation'),
  'Query.validationTitles': rowsOf('training.validation_title'),
  'Query.validationFigures': rowsOf('training.validation_figure'),
  'Sector.validationTitles': mostPerParent(`${TITLE_SECTORS} l`, "split_part(l.sector_id, '/', 1)"),
  'TrainingOperator.validationTitles': mostPerParent('training.title_operator l', 'l.operator_id'),
  'ValidationTitle.sectors': mostPerParent(`${TITLE_SECTORS} l`, 'l.title_id'),
  'ValidationTitle.operators': mostPerParent('training.title_operator l', 'l.title_id'),
  'ValidationTitle.years': mostInJson('training.validation_title', 'years'),
  // the figures of one measure, region and period: each disagrees with at most all the others
  'ValidationFigure.disagreeingFigures': mostPerParent('training.validation_figure l', 'l.measure, l.region, l.cumulative, l.year, l.since_year', raw('l.deleted_at is null')),
};
