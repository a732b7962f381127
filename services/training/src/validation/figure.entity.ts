import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Searchable, SourcedEntity } from '@hub/kit';

/** What a figure of the CVDC counts. */
export enum ValidationMeasure {
  TITLES_DELIVERED = 'TITLES_DELIVERED',
  HOLDERS = 'HOLDERS',
  EPREUVES = 'EPREUVES',
  SUCCESS_RATE = 'SUCCESS_RATE',
  TRADES_OFFERED = 'TRADES_OFFERED',
  APPROVED_CENTRES = 'APPROVED_CENTRES',
  SECTORS_COVERED = 'SECTORS_COVERED',
}

/** Where a figure counts. */
export enum ValidationRegion {
  WALLONIA_BRUSSELS = 'WALLONIA_BRUSSELS',
  WALLONIA = 'WALLONIA',
  BRUSSELS = 'BRUSSELS',
}

/** How exact the source says a figure is ("près de 5.000", "plus de 74"). */
export enum FigureQualifier {
  EXACT = 'EXACT',
  ABOUT = 'ABOUT',
  MORE_THAN = 'MORE_THAN',
  ALMOST = 'ALMOST',
}

/**
 * One figure of validation of competences as one source states it: sources that disagree give figures of
 * their own for the same measure and period, kept side by side, never merged.
 */
@Entity()
@Searchable('validation_figure', ['id', 'stated_as', 'period_text'])
@Index({ properties: ['measure', 'year'] })
export class ValidationFigure extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Enum({ items: () => ValidationMeasure })
  measure!: ValidationMeasure;

  @Enum({ items: () => ValidationRegion })
  region!: ValidationRegion;

  /** The year counted (for a running total, the year it was reached); null when the source gives none. */
  @Property({ type: 'int', nullable: true })
  year: number | null = null;

  /** A running total (since the start, or since `sinceYear`) rather than one year's figure. */
  @Property({ default: false })
  cumulative: boolean = false;

  @Property({ type: 'int', nullable: true })
  sinceYear: number | null = null;

  @Property({ type: 'double' })
  value!: number;

  @Enum({ items: () => FigureQualifier })
  qualifier: FigureQualifier = FigureQualifier.EXACT;

  /** The source's own words for the figure, verbatim. */
  @Property({ type: 'text' })
  statedAs!: string;

  /** The period as the source words it when it gives no year ("l'an dernier", "premier semestre 2019"). */
  @Property({ type: 'text', nullable: true })
  periodText: string | null = null;
}
