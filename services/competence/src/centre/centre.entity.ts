import { Embeddable, Embedded, Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { PartyKind, Searchable, SourcedEntity, type PartialDate } from '@hub/kit';
import { TraineePublic } from '../label/label.entity';
import { LabelDecision } from '../label/decision.entity';

export enum LabelStatus {
  FULL = 'FULL',
  PROVISIONAL = 'PROVISIONAL',
}

/** The label (label Centre de compétence) a centre holds, as last decided. */
@Embeddable()
export class Label {
  @Enum({ items: () => LabelStatus })
  status!: LabelStatus;

  @Property({ type: 'text', nullable: true })
  decidedOn: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  validFrom: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  validTo: PartialDate | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}

/** A labelled competence centre. */
@Entity()
@Searchable('competence_centre', ['id', 'name', 'city', 'province', 'managing_body', 'hub_words(scope)', 'hub_words(sites)'])
export class CompetenceCentre extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The sectors and trades as the sources word them, wider than the sector ids (e.g. "(bio)pharmacie"). */
  @Property({ type: 'text[]' })
  scope: string[] = [];

  @Property({ type: 'text', nullable: true })
  city: string | null = null;

  /** Every site, where the sources name several; empty otherwise (then `city` is the only site known). */
  @Property({ type: 'text[]', default: '{}' })
  sites: string[] = [];

  @Property({ type: 'text', nullable: true })
  @Index()
  province: string | null = null;

  @Property({ type: 'text', nullable: true })
  managingBody: string | null = null;

  @Property({ type: 'text', nullable: true })
  website: string | null = null;

  @Embedded(() => Label, { prefix: 'label_' })
  label!: Label;

  /** The decision that granted the current label; null when the sources do not tie it to one. */
  @ManyToOne(() => LabelDecision, { nullable: true })
  @Index()
  labelDecision: LabelDecision | null = null;

  get kind(): PartyKind {
    return PartyKind.COMPETENCE_CENTRE;
  }
}

/** A sector a centre serves; the sector is owned by the conventions subgraph, so only its id is kept. */
@Entity()
export class CentreSector {
  [PrimaryKeyProp]?: ['centre', 'sectorId'];

  @ManyToOne(() => CompetenceCentre, { primary: true, deleteRule: 'cascade' })
  centre!: CompetenceCentre;

  @PrimaryKey({ type: 'text' })
  @Index()
  sectorId!: string;
}

/** A public a centre is known to serve; no row for a centre means the sources do not say. */
@Entity()
export class CentrePublic {
  [PrimaryKeyProp]?: ['centre', 'traineePublic'];

  @ManyToOne(() => CompetenceCentre, { primary: true, deleteRule: 'cascade' })
  centre!: CompetenceCentre;

  @ManyToOne(() => TraineePublic, { primary: true, deleteRule: 'cascade' })
  @Index()
  traineePublic!: TraineePublic;
}
