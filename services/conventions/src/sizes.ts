import { groupsAtMost, mostPerParent, raw, rowsOf, type ListSizes } from '@hub/kit';
import { AGREEMENT_GROUPINGS, CONVENTION_GROUPINGS } from './counts/counts.resolver';

/** Sector-linked rows count for the sector of a sub-sector too. */
const bySector = (table: string) => `conventions.${table} l join conventions.sector s on s.id = l.sector_id`;
const PARTY_TYPE_NAMES = ['PublicAuthority', 'SectorBody', 'TrainingOperator', 'ValidationBody', 'EducationNetwork', 'EducationAuthority', 'CompetenceCentre'];

/** The most items each list of this subgraph holds now (the gateway's cost estimate reads them). */
export const LIST_SIZES: ListSizes = {
  'Query.conventionCounts': groupsAtMost('conventions.specific_convention', CONVENTION_GROUPINGS),
  'Query.frameworkAgreementCounts': groupsAtMost('conventions.framework_agreement', AGREEMENT_GROUPINGS),

  'Query.sectors': rowsOf('conventions.sector'),
  'Query.frameworkAgreements': rowsOf('conventions.framework_agreement'),
  'Query.conventions': rowsOf('conventions.specific_convention'),
  'Query.publicAuthorities': rowsOf('conventions.organisation'),
  'Query.sectorBodies': rowsOf('conventions.organisation'),
  'Query.facts': rowsOf('conventions.fact'),
  'Query.sources': rowsOf('conventions.source', raw('true')),
  'Query.objectives': rowsOf('conventions.objective'),
  'Query.auditTrail': rowsOf('audit.entry', raw('true')),
  'Sector.subSectors': mostPerParent('conventions.sector l', 'l.parent_id', raw('l.parent_id is not null')),
  'Sector.frameworkAgreements': mostPerParent(bySector('agreement_sector'), 'coalesce(s.parent_id, s.id)'),
  'Sector.conventions': mostPerParent(bySector('convention_sector'), 'coalesce(s.parent_id, s.id)'),
  'FrameworkAgreement.conventions': mostPerParent('conventions.specific_convention l', 'l.framework_agreement_id', raw('l.framework_agreement_id is not null')),
  'FrameworkAgreement.sectors': mostPerParent('conventions.agreement_sector l', 'l.agreement_id'),
  'FrameworkAgreement.signatories': mostPerParent('conventions.agreement_signatory l', 'l.agreement_id'),
  'SpecificConvention.sectors': mostPerParent('conventions.convention_sector l', 'l.convention_id'),
  'SpecificConvention.parties': mostPerParent('conventions.convention_party l', 'l.convention_id'),
  'SpecificConvention.objectives': mostPerParent('conventions.convention_objective l', 'l.convention_id'),
  'SectorBody.sectors': mostPerParent(
    '(select sector_fund_id as body from conventions.sector where sector_fund_id is not null union all select federation_id from conventions.sector where federation_id is not null) l',
    'l.body',
  ),
  ...Object.fromEntries(
    PARTY_TYPE_NAMES.flatMap((type) => [
      [`${type}.conventions`, mostPerParent('conventions.convention_party l', 'l.party_id')],
      [`${type}.frameworkAgreements`, mostPerParent('conventions.agreement_signatory l', 'l.party_id')],
    ]),
  ),
};
