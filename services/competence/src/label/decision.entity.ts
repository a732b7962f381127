import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { SourcedEntity, type PartialDate } from '@hub/kit';

/** A decision granting the competence-centre label to the centres of the network. */
@Entity()
export class LabelDecision extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text', nullable: true })
  decidedOn: PartialDate | null = null;

  /** The public authority that decided (a party of the conventions subgraph). */
  @Property({ type: 'text', nullable: true })
  decidedById: string | null = null;

  @Property({ type: 'text', nullable: true })
  proposedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  certificatesHandedOverOn: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  validFrom: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  validTo: PartialDate | null = null;

  @Property({ type: 'boolean', nullable: true })
  retroactive: boolean | null = null;

  @Property({ type: 'integer', nullable: true })
  fullLabelCount: number | null = null;

  @Property({ type: 'integer', nullable: true })
  provisionalLabelCount: number | null = null;

  @Property({ type: 'integer', nullable: true })
  centresInNetwork: number | null = null;

  @Property({ type: 'integer', nullable: true })
  peopleTrainedPerYear: number | null = null;
}
