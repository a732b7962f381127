import { Directive, ObjectType } from 'type-graphql';
import { OrganisationFields, Party } from '@hub/kit';

@ObjectType('TrainingOperator', {
  implements: Party,
  description: 'A public training operator (opérateur de formation): Le Forem, IFAPME, Bruxelles Formation, SFPME/efp, promotion sociale.',
})
@Directive('@key(fields: "id")')
export class TrainingOperatorType extends OrganisationFields {}

@ObjectType('ValidationBody', {
  implements: Party,
  description: 'The Consortium de validation des compétences (CVDC), which issues titres de compétence.',
})
@Directive('@key(fields: "id")')
export class ValidationBodyType extends OrganisationFields {}
