import { rowsOf, loadOrganisations, Organisation, organisationLoaders, organisationResolvers, PartyKind, resolveOrganisation, importResolver, organisationWriter, type OrganisationOptions, type SubgraphModule } from '@hub/kit';
import { EducationAuthorityType, EducationNetworkType } from './body/body.type';
import { migrations } from './migrations';

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

/** The education subgraph: the AGE, the education networks and the SFMQ. */
export const education: SubgraphModule<ReturnType<typeof organisationLoaders>> = {
  name: 'education',
  entities: [Organisation],
  migrations,
  definition: {
    resolvers: [
      ...organisationResolvers(EducationNetworkType, EDUCATION_NETWORKS),
      ...organisationResolvers(EducationAuthorityType, EDUCATION_AUTHORITIES),
      importResolver('education', [organisationWriter(EDUCATION_NETWORKS), organisationWriter(EDUCATION_AUTHORITIES)]),
    ],
    references: { EducationNetwork: resolveOrganisation, EducationAuthority: resolveOrganisation },
  },
  createLoaders: organisationLoaders,
  listSizes: { 'Query.educationNetworks': rowsOf('education.organisation'), 'Query.educationAuthorities': rowsOf('education.organisation') },
  loadReferenceData: (em, data) => loadOrganisations(em, data, 'education'),
};
