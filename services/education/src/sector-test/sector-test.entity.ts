import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { Searchable, SourcedEntity, type Source } from '@hub/kit';

/** One session of a sector test as a source reports it; a year the source does not give stays null. */
export interface SectorTestSession {
  year: number | null;
  schoolYear: string | null;
  dateText: string | null;
  trade: string | null;
  candidates: number | null;
  candidatesApprox: number | null;
  passed: number | null;
  passRate: number | null;
  place: string | null;
  note: string | null;
  sources: Source[];
}

/** A sector test (épreuve sectorielle) a sector fund organises for pupils and trainees. */
@Entity()
@Searchable('sector_test', ['id', 'name', 'organiser', 'hub_words(trades)', 'certificate', 'hub_words(partner_centres)'])
export class SectorTest extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The party id of the sector fund that organises it (a SectorBody of the conventions subgraph): data/rights.json lets it edit the test. */
  @Property({ type: 'text' })
  @Index()
  organiser!: string;

  @Property({ type: 'text[]', default: '{}' })
  trades: string[] = [];

  @Property({ type: 'text', nullable: true })
  targetPublic: string | null = null;

  @Property({ type: 'text', nullable: true })
  certificate: string | null = null;

  @Property({ type: 'text', nullable: true })
  passThreshold: string | null = null;

  @Property({ type: 'double', nullable: true })
  passMark: number | null = null;

  @Property({ type: 'text[]', default: '{}' })
  partnerCentres: string[] = [];

  @Property({ type: 'text', nullable: true })
  sfmqLink: string | null = null;

  @Property({ type: 'text', nullable: true })
  validationLink: string | null = null;

  /** The id of the specific convention (conventions subgraph) the test is carried out under, when a source says. */
  @Property({ type: 'text', nullable: true })
  convention: string | null = null;

  @Property({ type: 'json', default: '[]' })
  sessions: SectorTestSession[] = [];
}

/** A sector a test is for; the sector is owned by the conventions subgraph, so only its id is kept. */
@Entity()
export class SectorTestSector {
  [PrimaryKeyProp]?: ['test', 'sectorId'];

  @ManyToOne(() => SectorTest, { primary: true, deleteRule: 'cascade' })
  test!: SectorTest;

  @PrimaryKey({ type: 'text' })
  @Index()
  sectorId!: string;
}
