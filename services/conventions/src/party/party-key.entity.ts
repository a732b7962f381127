import { Entity, Enum, PrimaryKey } from '@mikro-orm/postgresql';
import { PartyKind } from '@hub/kit';

/**
 * Every party this subgraph may link to, its own or another subgraph's (id and kind only), so that a
 * link or a filter naming an unknown party is refused here, without reading another subgraph's tables.
 */
@Entity()
export class PartyKey {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Enum({ items: () => PartyKind })
  kind!: PartyKind;
}
