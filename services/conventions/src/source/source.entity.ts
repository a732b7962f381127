import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Searchable } from '@hub/kit';

/**
 * A public page the reference data rests on. Each record keeps its own copy of its sources (read with
 * it, no join); this table is the list analysts search (`Query.sources`).
 */
@Entity({ tableName: 'source' })
@Searchable('source', ['id', 'title', 'url', 'excerpt'])
export class SourcePage {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  excerpt: string | null = null;
}
