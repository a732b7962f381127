import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The sector entity of the conventions subgraph, extended here with its competence centres. */
@ObjectType('Sector')
@Directive('@key(fields: "id")')
export class SectorType {
  @Field(() => ID)
  id!: string;
}
