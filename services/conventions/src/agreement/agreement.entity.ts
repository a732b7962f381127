import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { PartyKind, Searchable, SourcedEntity, type PartialDate } from '@hub/kit';
import { Sector } from '../sector/sector.entity';

/** A framework agreement (accord-cadre) between Wallonia, the FWB and one or more sectors. */
@Entity()
@Searchable('framework_agreement', ['title', 'programme', 'content', 'note'])
export class FrameworkAgreement extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  signedOn: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  validFrom: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  validTo: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  programme: string | null = null;

  @Property({ type: 'text', nullable: true })
  content: string | null = null;
}

@Entity()
export class AgreementSector {
  [PrimaryKeyProp]?: ['agreement', 'sector'];

  @ManyToOne(() => FrameworkAgreement, { primary: true, deleteRule: 'cascade' })
  agreement!: FrameworkAgreement;

  @ManyToOne(() => Sector, { primary: true, deleteRule: 'cascade' })
  @Index()
  sector!: Sector;
}

/** A signatory; it may be owned by another subgraph, so only its id and kind are kept here. */
@Entity()
export class AgreementSignatory {
  [PrimaryKeyProp]?: ['agreement', 'partyId'];

  @ManyToOne(() => FrameworkAgreement, { primary: true, deleteRule: 'cascade' })
  agreement!: FrameworkAgreement;

  @PrimaryKey({ type: 'text' })
  @Index()
  partyId!: string;

  @Enum({ items: () => PartyKind })
  partyKind!: PartyKind;
}
