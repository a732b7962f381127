import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Party, PartyKind, Sourced } from '@hub/kit';

@ObjectType('CompetenceCentre', {
  implements: Party,
  description: 'A competence centre (Centre de compétence): a labelled training centre serving one or more sectors, open to several publics.',
})
@Directive('@key(fields: "id")')
@Sourced()
export class CompetenceCentreType implements Party {
  @Field(() => ID, { description: 'Stable slug, e.g. "technifutur".' })
  id!: string;

  @Field({ description: 'Name as published; a renaming is explained in `note`.' })
  name!: string;

  @Field(() => PartyKind, { description: 'Always COMPETENCE_CENTRE.' })
  kind!: PartyKind;

  @Field(() => [String], { description: 'The sectors and trades the centre serves, worded as in the sources (wider than `sectors`).' })
  scope!: string[];

  @Field(() => String, { nullable: true, description: 'Town or locality of the main site, as the source names it (e.g. "Gosselies"); null when no source gives it.' })
  city!: string | null;

  @Field(() => [String], { description: 'Every site, where the sources name several (the first is the main one); empty when only `city` is known.' })
  sites!: string[];

  @Field(() => String, { nullable: true, description: 'Province of the main site (Brabant wallon, Hainaut, Liège, Luxembourg, Namur); null when no source gives it.' })
  province!: string | null;

  @Field(() => String, { nullable: true, description: 'Who runs the centre, in short ("Le Forem", "IFAPME", "Le Forem / IFAPME", "ASBL Technifutur"); details in `note`; null when unknown.' })
  managingBody!: string | null;

  @Field(() => String, { nullable: true, description: 'Website; null when not sourced.' })
  website!: string | null;
}
