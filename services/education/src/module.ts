import { importResolver, Organisation, organisationResolvers, organisationWriter, PartyKind, resolveOrganisation, SectorKey, type OrganisationOptions, type SubgraphModule } from '@hub/kit';
import { EducationAuthorityType, EducationNetworkType } from './body/body.type';
import { EducationCountsResolver } from './counts/counts';
import { createLoaders, type Loaders } from './loaders';
import { LIST_SIZES } from './sizes';
import { migrations } from './migrations';
import { loadReferenceData } from './reference';
import { SectorTest, SectorTestSector } from './sector-test/sector-test.entity';
import { SectorTestResolver, SectorTestsOfOrganiserResolver, SectorTestsOfSectorResolver } from './sector-test/sector-test.resolver';
import { sectorTestWriter, SectorTestWriteResolver } from './sector-test/sector-test.write';
import { SfmqApprovalBatch } from './sfmq/batch.entity';
import { SfmqApprovalBatchResolver } from './sfmq/batch.resolver';
import { batchWriter, BatchWriteResolver } from './sfmq/batch.write';
import { SfmqProfile, SfmqProfileSector } from './sfmq/profile.entity';
import { SfmqProfileResolver, SfmqProfilesOfSectorResolver } from './sfmq/profile.resolver';
import { sfmqProfileWriter, SfmqProfileWriteResolver } from './sfmq/profile.write';

const EDUCATION_NETWORKS: OrganisationOptions = {
  typeName: 'EducationNetwork',
  kinds: [PartyKind.EDUCATION_NETWORK],
  single: 'educationNetwork',
  plural: 'educationNetworks',
  what: 'education network (réseau d’enseignement)',
};
const EDUCATION_AUTHORITIES: OrganisationOptions = {
  typeName: 'EducationAuthority',
  kinds: [PartyKind.EDUCATION_ADMINISTRATION, PartyKind.QUALIFICATIONS_BODY],
  single: 'educationAuthority',
  plural: 'educationAuthorities',
  what: 'public education body (AGE, SFMQ)',
};

/** The education subgraph: the AGE, the education networks and the SFMQ; sector tests, SFMQ profiles and their approval batches. */
export const education: SubgraphModule<Loaders> = {
  name: 'education',
  entities: [Organisation, SectorKey, SectorTest, SectorTestSector, SfmqProfile, SfmqProfileSector, SfmqApprovalBatch],
  migrations,
  definition: {
    resolvers: [
      ...organisationResolvers(EducationNetworkType, EDUCATION_NETWORKS),
      ...organisationResolvers(EducationAuthorityType, EDUCATION_AUTHORITIES),
      SectorTestResolver,
      SectorTestWriteResolver,
      SectorTestsOfSectorResolver,
      SectorTestsOfOrganiserResolver,
      SfmqProfileResolver,
      SfmqProfileWriteResolver,
      SfmqProfilesOfSectorResolver,
      SfmqApprovalBatchResolver,
      BatchWriteResolver,
      EducationCountsResolver,
      importResolver('education', [organisationWriter(EDUCATION_NETWORKS), organisationWriter(EDUCATION_AUTHORITIES), sectorTestWriter, sfmqProfileWriter, batchWriter]),
    ],
    references: {
      EducationNetwork: resolveOrganisation,
      EducationAuthority: resolveOrganisation,
      Sector: (ref) => ({ id: ref.id }),
      SectorBody: (ref) => ({ id: ref.id }),
    },
  },
  createLoaders,
  listSizes: LIST_SIZES,
  loadReferenceData,
};

