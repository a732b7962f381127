import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Searchable, SourcedEntity, type PartialDate } from '@hub/kit';
import { SfmqProfileKind } from './profile.entity';

/** A government decision approving a batch of SFMQ profiles at once, whose profiles a source may not name. */
@Entity()
@Searchable('sfmq_approval_batch', ['id', 'name'])
export class SfmqApprovalBatch extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The party id of the government that decided (a PublicAuthority of the conventions subgraph). */
  @Property({ type: 'text' })
  @Index()
  government!: string;

  @Property({ type: 'text', nullable: true })
  decidedOn: PartialDate | null = null;

  @Enum({ items: () => SfmqProfileKind, nullable: true })
  profileKind: SfmqProfileKind | null = null;

  @Property({ type: 'integer', nullable: true })
  profileCount: number | null = null;

  @Property({ type: 'integer', nullable: true })
  firstApprovedCount: number | null = null;

  @Property({ type: 'text', nullable: true })
  rectifiedOn: PartialDate | null = null;
}
