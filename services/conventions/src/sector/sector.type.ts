import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Sourced } from '@hub/kit';

@ObjectType('Sector', {
  description:
    'A professional sector (secteur professionnel), or a sub-sector of one. Owned by the conventions subgraph; other subgraphs add their fields (competence centres, ...).',
})
@Directive('@key(fields: "id")')
@Sourced()
export class SectorType {
  @Field(() => ID, { description: 'Stable slug, the same in every subgraph, e.g. "construction"; a sub-sector is "<sector>/<sub-sector>".' })
  id!: string;

  @Field({ description: 'Name as published (French).' })
  name!: string;
}
