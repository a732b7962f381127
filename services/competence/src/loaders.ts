import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeOn,
  badFilterValue,
  dateBetween,
  foldedIn,
  foldText,
  idChecker,
  linkLoader,
  ListQuery,
  manyLoader,
  nestedConnections,
  nullsLast,
  oneLoader,
  raw,
  recordPredicates,
  sectorLinks,
  type SectorLinks,
  sql,
  textKey,
  UPDATED_AT_KEY,
  historyLoader,
  findReadOnly,
} from '@hub/kit';
import { CentrePublic, CentreSector, CompetenceCentre, type LabelStatus } from './centre/centre.entity';
import { PROVINCES } from './centre/centre.list';
import type { TraineePublic } from './label/label.entity';
import { LabelDecision } from './label/decision.entity';

const fold = (text: string) => foldText(text).trim();
const FOLDED_PROVINCES = new Set(PROVINCES.map(fold));

/** The link table of centres and the sectors they serve. */
export const CENTRE_SECTORS = 'competence.centre_sector';

/** The competence centres, filtered, searched, ordered and paged in SQL, for one request. */
function centreList(em: EntityManager, sectors: SectorLinks) {
  const checkCentres = idChecker(em, 'competence.competence_centre', 'competence centre');
  return () =>
    new ListQuery<CompetenceCentre>(em, {
      entity: CompetenceCentre,
      table: 'competence.competence_centre',
      predicates: {
        ...recordPredicates(checkCentres),
        sector: sectors.filter,
        province: (names: string[]) => {
          const unknown = names.filter((name) => !FOLDED_PROVINCES.has(fold(name)));
          if (unknown.length > 0) throw badFilterValue(`Unknown province ${unknown.map((n) => JSON.stringify(n.slice(0, 100))).join(', ')} in filter.province (one of ${PROVINCES.join(', ')}).`, 'province');
          return foldedIn(raw('t.province'), names);
        },
        city: (names: string[]) => sql`(${foldedIn(raw('t.city'), names)} or exists (select 1 from unnest(t.sites) site where ${foldedIn(raw('site'), names)}))`,
        managingBody: (names: string[]) => foldedIn(raw('t.managing_body'), names),
        labelStatus: (statuses: LabelStatus[]) => sql`t.label_status = any(${statuses})`,
        labelActiveOn: activeOn('label_valid_from', 'label_valid_to'),
        labelExpiresBetween: dateBetween('label_valid_to'),
      },
      nameColumn: 'name',
      order: {
        NAME: textKey('name'),
        PROVINCE: nullsLast('province'),
        CITY: nullsLast('city'),
        LABEL_STATUS: [{ sql: raw('t.label_status') }],
        LABEL_VALID_TO: nullsLast('label_valid_to'),
        UPDATED_AT: UPDATED_AT_KEY,
      },
    });
}

/** Every DataLoader of the competence subgraph, made anew for each request. */
export function createLoaders(em: EntityManager) {
  const centreSectors = sectorLinks(em, CENTRE_SECTORS, 'centre_id');
  const centres = centreList(em, centreSectors);
  return {
    centres,
    centreById: oneLoader((ids) => findReadOnly(em, CompetenceCentre, 'id', ids), (c) => c.id),
    decisionHistory: historyLoader(em, 'LabelDecision'),
    sectorIdsByCentre: manyLoader((ids) => findReadOnly(em, CentreSector, 'centre', ids, 'sectorId'), (s) => s.centre.id),
    publicsByCentre: linkLoader<TraineePublic>(em, CentrePublic, 'centre', 'traineePublic'),
    decisionById: oneLoader((ids) => findReadOnly(em, LabelDecision, 'id', ids), (d) => d.id),
    // The nested lists: every parent's page in one statement per distinct set of arguments.
    centresBySector: nestedConnections(centres, centreSectors.underSector),
    centresByDecision: nestedConnections(centres, raw('t.label_decision_id = p.key')),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

