import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { SourcedEntity } from '@hub/kit';

/** One of the 4 criteria a centre must meet to hold the label (seed 004). */
@Entity()
export class LabelCriterion extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  labelFr!: string;

  @Property({ type: 'text' })
  detailFr!: string;

  @Property({ type: 'text' })
  labelEn!: string;
}

/** A public the competence centres train (demandeurs d'emploi, travailleurs, ...). */
@Entity()
export class TraineePublic extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  labelFr!: string;

  @Property({ type: 'integer', nullable: true })
  averageTraineesPerYear: number | null = null;
}
