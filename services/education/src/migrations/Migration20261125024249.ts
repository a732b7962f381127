import { Migration } from '@mikro-orm/migrations';

export class Migration20261125024249 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "education";`);
    this.addSql(`create table "education"."organisation" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "name" text not null, "kind" text check ("kind" in ('GOVERNMENT', 'SECTOR_FUND', 'SECTOR_FEDERATION', 'TRAINING_OPERATOR', 'VALIDATION_BODY', 'EDUCATION_ADMINISTRATION', 'EDUCATION_NETWORK', 'QUALIFICATIONS_BODY', 'COMPETENCE_CENTRE')) not null, "legal_basis" text null, "website" text null, constraint "organisation_pkey" primary key ("id"));`);
  }

}
