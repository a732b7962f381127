import type { EntityManager } from '@mikro-orm/postgresql';
import {
  dateBetween,
  findReadOnly,
  firstDay,
  lastDay,
  idChecker,
  ListQuery,
  manyLoader,
  nestedConnections,
  nullsLast,
  oneLoader,
  organisationLoaders,
  raw,
  recordPredicates,
  sectorLinks,
  sql,
  textKey,
  UPDATED_AT_KEY,
  type PartialDateRange,
  type SectorLinks,
} from '@hub/kit';
import { SectorTest, SectorTestSector } from './sector-test/sector-test.entity';
import { SfmqProfile, SfmqProfileSector, type SfmqProfileKind } from './sfmq/profile.entity';
import { SfmqApprovalBatch } from './sfmq/batch.entity';

export const TEST_SECTORS = 'education.sector_test_sector';
export const PROFILE_SECTORS = 'education.sfmq_profile_sector';

/** The sector tests, filtered, searched, ordered and paged in SQL, for one request. */
function sectorTestList(em: EntityManager, sectors: SectorLinks) {
  const checkTests = idChecker(em, 'education.sector_test', 'sector test');
  return () =>
    new ListQuery<SectorTest>(em, {
      entity: SectorTest,
      table: 'education.sector_test',
      predicates: {
        ...recordPredicates(checkTests),
        sector: sectors.filter,
        // an organiser is a party of the conventions subgraph: an id that organises no test finds none
        organiser: (ids: string[]) => sql`t.organiser = any(${ids})`,
        trade: (texts: string[]) => sql`exists (select 1 from unnest(t.trades) trade, unnest(${texts}) given where strpos(hub_fold(trade), hub_fold(given)) > 0)`,
        sessionYear: (years: number[]) => sql`exists (select 1 from jsonb_array_elements(t.sessions) s where s->>'year' = any(${years.map(String)}))`,
      },
      nameColumn: 'name',
      order: { NAME: textKey('name'), UPDATED_AT: UPDATED_AT_KEY },
    });
}

/** A government approval stated as falling in the period (any day it may stand for). */
const approvedBetween = (range: PartialDateRange) => {
  const on = raw(`(a->>'approvedOn')`);
  const bounds = [range.to ? sql` and hub_first_day(${on}) <= ${lastDay(range.to)}::date` : raw(''), range.from ? sql` and ${firstDay(range.from)}::date <= hub_last_day(${on})` : raw('')];
  return sql`exists (select 1 from jsonb_array_elements(t.government_approvals) a where ${on} is not null${bounds[0]}${bounds[1]})`;
};

/** The SFMQ profiles, filtered, searched, ordered and paged in SQL, for one request. */
function profileList(em: EntityManager, sectors: SectorLinks) {
  const checkProfiles = idChecker(em, 'education.sfmq_profile', 'SFMQ profile');
  return () =>
    new ListQuery<SfmqProfile>(em, {
      entity: SfmqProfile,
      table: 'education.sfmq_profile',
      predicates: {
        ...recordPredicates(checkProfiles),
        kind: (kinds: SfmqProfileKind[]) => sql`t.kind = any(${kinds})`,
        sector: sectors.filter,
        approvedBetween,
      },
      nameColumn: 'name',
      order: { NAME: textKey('name'), KIND: [{ sql: raw('t.kind') }], UPDATED_AT: UPDATED_AT_KEY },
    });
}

/** The approval batches, filtered, searched, ordered and paged in SQL, for one request. */
function batchList(em: EntityManager) {
  const checkBatches = idChecker(em, 'education.sfmq_approval_batch', 'approval batch');
  return () =>
    new ListQuery<SfmqApprovalBatch>(em, {
      entity: SfmqApprovalBatch,
      table: 'education.sfmq_approval_batch',
      predicates: {
        ...recordPredicates(checkBatches),
        // a government is a party of the conventions subgraph: an id that decided no batch finds none
        government: (ids: string[]) => sql`t.government = any(${ids})`,
        decidedBetween: dateBetween('decided_on'),
      },
      nameColumn: 'name',
      order: { DECIDED_ON: nullsLast('decided_on'), UPDATED_AT: UPDATED_AT_KEY },
    });
}

/** Every DataLoader of the education subgraph, made anew for each request. */
export function createLoaders(em: EntityManager) {
  const testSectors = sectorLinks(em, TEST_SECTORS, 'test_id');
  const profileSectors = sectorLinks(em, PROFILE_SECTORS, 'profile_id');
  const sectorTests = sectorTestList(em, testSectors);
  const sfmqProfiles = profileList(em, profileSectors);
  return {
    ...organisationLoaders(em),
    sectorTests,
    sfmqProfiles,
    sfmqApprovalBatches: batchList(em),
    sectorTestById: oneLoader((ids) => findReadOnly(em, SectorTest, 'id', ids), (t) => t.id),
    sfmqProfileById: oneLoader((ids) => findReadOnly(em, SfmqProfile, 'id', ids), (p) => p.id),
    sfmqApprovalBatchById: oneLoader((ids) => findReadOnly(em, SfmqApprovalBatch, 'id', ids), (b) => b.id),
    sectorIdsByTest: manyLoader((ids) => findReadOnly(em, SectorTestSector, 'test', ids, 'sectorId'), (s) => s.test.id),
    sectorIdsByProfile: manyLoader((ids) => findReadOnly(em, SfmqProfileSector, 'profile', ids, 'sectorId'), (s) => s.profile.id),
    // The nested lists: every parent's page in one statement per distinct set of arguments.
    sectorTestsBySector: nestedConnections(sectorTests, testSectors.underSector),
    sectorTestsByOrganiser: nestedConnections(sectorTests, raw('t.organiser = p.key')),
    sfmqProfilesBySector: nestedConnections(sfmqProfiles, profileSectors.underSector),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
