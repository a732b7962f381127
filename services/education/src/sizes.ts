import { groupsAtMost, mostInJson, mostPerParent, raw, rowsOf, type ListSizes } from '@hub/kit';
import { PROFILE_GROUPINGS, TEST_GROUPINGS } from './counts/counts';

/** The most items each list of this subgraph holds now (the gateway's cost estimate reads them); a sub-sector's rows count for its sector. */
export const LIST_SIZES: ListSizes = {
  'Query.educationNetworks': rowsOf('education.organisation'),
  'Query.educationAuthorities': rowsOf('education.organisation'),
  'Query.sectorTests': rowsOf('education.sector_test'),
  'Query.sfmqProfiles': rowsOf('education.sfmq_profile'),
  'Query.sfmqApprovalBatches': rowsOf('education.sfmq_approval_batch'),
  'Query.sectorTestCounts': groupsAtMost('education.sector_test', TEST_GROUPINGS),
  'Query.sfmqProfileCounts': groupsAtMost('education.sfmq_profile', PROFILE_GROUPINGS),
  'Sector.sectorTests': mostPerParent('education.sector_test_sector l', "split_part(l.sector_id, '/', 1)"),
  'Sector.sfmqProfiles': mostPerParent('education.sfmq_profile_sector l', "split_part(l.sector_id, '/', 1)"),
  'SectorBody.sectorTests': mostPerParent('education.sector_test l', 'l.organiser', raw('l.deleted_at is null')),
  'SectorTest.sectors': mostPerParent('education.sector_test_sector l', 'l.test_id'),
  'SectorTest.sessions': mostInJson('education.sector_test', 'sessions'),
  'SfmqProfile.sectors': mostPerParent('education.sfmq_profile_sector l', 'l.profile_id'),
  'SfmqProfile.versions': mostInJson('education.sfmq_profile', 'versions'),
  'SfmqProfile.governmentApprovals': mostInJson('education.sfmq_profile', 'government_approvals'),
};
