import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { Searchable, SourcedEntity, type PartialDate, type Source } from '@hub/kit';

export enum SfmqProfileKind {
  JOB_PROFILE = 'JOB_PROFILE',
  TRAINING_PROFILE = 'TRAINING_PROFILE',
  CERTIFICATION_PROFILE = 'CERTIFICATION_PROFILE',
}

/** A version of a profile and the dates the SFMQ's chambers gave it, as the document states them. */
export interface SfmqProfileVersion {
  label: string;
  versionDate: PartialDate | null;
  chamValidatedOn: PartialDate | null;
  chaefValidatedOn: PartialDate | null;
  chacaAgreedOn: PartialDate | null;
  note: string | null;
  sources: Source[];
}

/** A government's approval as one place of a source states it; conflicting statements are kept side by side. */
export interface GovernmentApproval {
  government: { id: string };
  approvedOn: PartialDate | null;
  statedAs: string | null;
  sources: Source[];
}

/** A profile of the SFMQ (profil métier, profil de formation) or an FWB profil de certification (CPU) written from them. */
@Entity()
@Searchable('sfmq_profile', ['id', 'name', 'grappe'])
export class SfmqProfile extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Enum({ items: () => SfmqProfileKind })
  @Index()
  kind!: SfmqProfileKind;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  grappe: string | null = null;

  @Property({ type: 'text', nullable: true })
  documentDate: PartialDate | null = null;

  @Property({ type: 'json', default: '[]' })
  versions: SfmqProfileVersion[] = [];

  @Property({ type: 'json', default: '[]' })
  governmentApprovals: GovernmentApproval[] = [];
}

/** A sector a profile belongs to; the sector is owned by the conventions subgraph, so only its id is kept. */
@Entity()
export class SfmqProfileSector {
  [PrimaryKeyProp]?: ['profile', 'sectorId'];

  @ManyToOne(() => SfmqProfile, { primary: true, deleteRule: 'cascade' })
  profile!: SfmqProfile;

  @PrimaryKey({ type: 'text' })
  @Index()
  sectorId!: string;
}
