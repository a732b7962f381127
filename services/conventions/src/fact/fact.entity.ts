import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Searchable, SourcedEntity } from '@hub/kit';

/** A sourced statement about the domain that fits no other record (the reference data's `facts`). */
@Entity()
@Searchable('fact', ['text', 'note'])
export class Fact extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  text!: string;
}
