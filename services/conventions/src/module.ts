import { AuditTrailResolver, importResolver, Organisation, organisationWriter, resolveOrganisation, ViewerResolver, type SubgraphModule } from '@hub/kit';
import type { ConventionsContext } from './context';
import { AgreementSector, AgreementSignatory, FrameworkAgreement } from './agreement/agreement.entity';
import { AgreementResolver } from './agreement/agreement.resolver';
import { agreementWriter, AgreementWriteResolver } from './agreement/agreement.write';
import { ConventionObjective, ConventionParty, ConventionSector, Objective, SpecificConvention } from './convention/convention.entity';
import { ConventionResolver } from './convention/convention.resolver';
import { conventionWriter, ConventionWriteResolver } from './convention/convention.write';
import { PARTY_TYPES_HERE } from './party/party.type';
import { partyLinksResolvers, PUBLIC_AUTHORITIES, publicAuthorityResolvers, SECTOR_BODIES, SectorBodyResolver, sectorBodyResolvers } from './party/party.resolver';
import { Sector } from './sector/sector.entity';
import { SectorResolver } from './sector/sector.resolver';
import { sectorWriter, SectorWriteResolver } from './sector/sector.write';
import { Fact } from './fact/fact.entity';
import { FactResolver } from './fact/fact.resolver';
import { PartyKey } from './party/party-key.entity';
import { SourcePage } from './source/source.entity';
import { SourceResolver } from './source/source.resolver';
import { AgreementCountKeyResolver, ConventionCountKeyResolver, CountsResolver } from './counts/counts.resolver';
import { createLoaders, type Loaders } from './loaders';
import { LIST_SIZES } from './sizes';
import { loadReferenceData } from './reference';
import { migrations } from './migrations';

// A party owned elsewhere: this subgraph only adds its reverse links, which need nothing but the id.
const foreign = (ref: { id: string }) => ({ id: ref.id });

// the types an import of this subgraph writes (records are written in the file's order: an agreement before the conventions naming it)
const ImportResolver = importResolver('conventions', [organisationWriter(PUBLIC_AUTHORITIES), organisationWriter(SECTOR_BODIES), sectorWriter, agreementWriter, conventionWriter]);

/** The conventions subgraph: sectors, framework agreements, specific conventions and their parties. */
export const conventions: SubgraphModule<Loaders> = {
  name: 'conventions',
  entities: [Organisation, PartyKey, SourcePage, Fact, Sector, FrameworkAgreement, AgreementSector, AgreementSignatory, Objective, SpecificConvention, ConventionSector, ConventionParty, ConventionObjective],
  migrations,
  definition: {
    resolvers: [ViewerResolver, AuditTrailResolver, SectorResolver, SectorWriteResolver, AgreementResolver, AgreementWriteResolver, ConventionResolver, ConventionWriteResolver, SourceResolver, FactResolver, CountsResolver, ConventionCountKeyResolver, AgreementCountKeyResolver, SectorBodyResolver, ...publicAuthorityResolvers, ...sectorBodyResolvers, ...partyLinksResolvers, ImportResolver],
    orphanedTypes: PARTY_TYPES_HERE,
    references: {
      Sector: (ref, { loaders }: ConventionsContext) => loaders.sectorById.load(ref.id),
      PublicAuthority: resolveOrganisation,
      SectorBody: resolveOrganisation,
      SpecificConvention: (ref, { loaders }: ConventionsContext) => loaders.conventionById.load(ref.id),
      TrainingOperator: foreign,
      ValidationBody: foreign,
      EducationNetwork: foreign,
      EducationAuthority: foreign,
      CompetenceCentre: foreign,
    },
  },
  createLoaders,
  listSizes: LIST_SIZES,
  loadReferenceData,
};
