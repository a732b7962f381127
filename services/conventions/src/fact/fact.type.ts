import { Field, ID, ObjectType } from 'type-graphql';
import { Sourced } from '@hub/kit';

@ObjectType('Fact', { description: 'A sourced statement about sector conventions or competence centres that fits no other record (dates of programmes, counts, definitions).' })
@Sourced()
export class FactType {
  @Field(() => ID, { description: 'Stable slug, e.g. "f_cc_creation".' })
  id!: string;

  @Field({ description: 'The statement, as the hub curators wrote it from the sources (English, quoting the French).' })
  text!: string;
}
