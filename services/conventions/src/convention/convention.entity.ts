import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { OrderIndex, PartyKind, Searchable, SourcedEntity, type PartialDate } from '@hub/kit';
import { FrameworkAgreement } from '../agreement/agreement.entity';
import { Sector } from '../sector/sector.entity';

export enum ConventionKind {
  TRAINING_OPERATOR = 'TRAINING_OPERATOR',
  EDUCATION = 'EDUCATION',
  QUALIFICATIONS = 'QUALIFICATIONS',
  VALIDATION = 'VALIDATION',
}

/** One of the 8 objectives of the education conventions (seed 000). */
@Entity()
export class Objective extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  labelFr!: string;

  @Property({ type: 'text' })
  labelEn!: string;
}

/** A specific convention (convention spécifique) carrying out a framework agreement. */
@Entity()
@Searchable('specific_convention', ['title', 'note'])
// conventions are the list that grows most: its default order (by id) and its order by title come from indexes
@OrderIndex('specific_convention_id_order_index', ['id collate "C"'])
@OrderIndex('specific_convention_title_order_index', ['hub_fold(title) collate "C"', 'id collate "C"'])
export class SpecificConvention extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  title!: string;

  @Enum({ items: () => ConventionKind })
  kind!: ConventionKind;

  @ManyToOne(() => FrameworkAgreement, { nullable: true, deleteRule: 'set null' })
  @Index()
  frameworkAgreement: FrameworkAgreement | null = null;

  @Property({ type: 'text', nullable: true })
  signedOn: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  validFrom: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  validTo: PartialDate | null = null;
}

@Entity()
export class ConventionSector {
  [PrimaryKeyProp]?: ['convention', 'sector'];

  @ManyToOne(() => SpecificConvention, { primary: true, deleteRule: 'cascade' })
  convention!: SpecificConvention;

  @ManyToOne(() => Sector, { primary: true, deleteRule: 'cascade' })
  @Index()
  sector!: Sector;
}

/** A party; it may be owned by another subgraph, so only its id and kind are kept here. */
@Entity()
export class ConventionParty {
  [PrimaryKeyProp]?: ['convention', 'partyId'];

  @ManyToOne(() => SpecificConvention, { primary: true, deleteRule: 'cascade' })
  convention!: SpecificConvention;

  @PrimaryKey({ type: 'text' })
  @Index()
  partyId!: string;

  @Enum({ items: () => PartyKind })
  partyKind!: PartyKind;
}

@Entity()
export class ConventionObjective {
  [PrimaryKeyProp]?: ['convention', 'objective'];

  @ManyToOne(() => SpecificConvention, { primary: true, deleteRule: 'cascade' })
  convention!: SpecificConvention;

  @ManyToOne(() => Objective, { primary: true })
  objective!: Objective;
}
