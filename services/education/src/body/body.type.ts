import { Directive, ObjectType } from 'type-graphql';
import { OrganisationFields, Party } from '@hub/kit';

@ObjectType('EducationNetwork', {
  implements: Party,
  description: "An education network (réseau d'enseignement) of the Fédération Wallonie-Bruxelles: WBE, CECP, CPEONS, SeGEC, FELSI.",
})
@Directive('@key(fields: "id")')
export class EducationNetworkType extends OrganisationFields {}

@ObjectType('EducationAuthority', {
  implements: Party,
  description: "A public education body: the Administration générale de l'Enseignement (AGE) or the SFMQ (Service francophone des Métiers et des Qualifications).",
})
@Directive('@key(fields: "id")')
export class EducationAuthorityType extends OrganisationFields {}
