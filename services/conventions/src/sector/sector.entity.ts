import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Organisation, Searchable, SourcedEntity } from '@hub/kit';

/** A professional sector, or a sub-sector of one (then `parent` is set). */
@Entity()
@Searchable('sector', ['id', 'name'])
export class Sector extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Sector, { nullable: true })
  @Index()
  parent: Sector | null = null;

  @ManyToOne(() => Organisation, { nullable: true })
  @Index()
  sectorFund: Organisation | null = null;

  @ManyToOne(() => Organisation, { nullable: true })
  @Index()
  federation: Organisation | null = null;
}
