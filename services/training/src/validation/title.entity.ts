import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { Organisation, Searchable, SourcedEntity, type PartialDate, type Source } from '@hub/kit';

/** What a source says of one title in one year: épreuves held, titles delivered, its rank among the titles. */
export interface TitleYear {
  year: number;
  epreuves: number | null;
  titles: number | null;
  rank: number | null;
  note: string | null;
  sources: Source[];
}

/** A titre de compétence of the CVDC: a trade (métier) whose skills can be validated, and what is known of it. */
@Entity()
@Searchable('validation_title', ['id', 'name', 'hub_words(units)'])
export class ValidationTitle extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The units of competence (unités de compétence) of its référentiel; null when no source lists them. */
  @Property({ type: 'text[]', nullable: true })
  units: string[] | null = null;

  @Property({ type: 'text', nullable: true })
  referentialApprovedOn: PartialDate | null = null;

  /** Publication of the approval in the Moniteur belge. */
  @Property({ type: 'text', nullable: true })
  referentialPublishedOn: PartialDate | null = null;

  /** One entry per year a source gives figures for, oldest first. */
  @Property({ type: 'json' })
  years: TitleYear[] = [];
}

/** A sector a title belongs to; the sector is owned by the conventions subgraph, so only its id is kept. */
@Entity()
export class TitleSector {
  [PrimaryKeyProp]?: ['title', 'sectorId'];

  @ManyToOne(() => ValidationTitle, { primary: true, deleteRule: 'cascade' })
  title!: ValidationTitle;

  @PrimaryKey({ type: 'text' })
  @Index()
  sectorId!: string;
}

/** A training operator known to run a validation centre for the title. */
@Entity()
export class TitleOperator {
  [PrimaryKeyProp]?: ['title', 'operator'];

  @ManyToOne(() => ValidationTitle, { primary: true, deleteRule: 'cascade' })
  title!: ValidationTitle;

  @ManyToOne(() => Organisation, { primary: true })
  @Index()
  operator!: Organisation;
}
