import { Migration } from '@mikro-orm/migrations';

export class Migration20261125024101 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "conventions";`);
    this.addSql(`create table "conventions"."framework_agreement" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "title" text not null, "signed_on" text null, "valid_from" text null, "valid_to" text null, "programme" text null, "content" text null, constraint "framework_agreement_pkey" primary key ("id"));`);

    this.addSql(`create table "conventions"."agreement_signatory" ("agreement_id" text not null, "party_id" text not null, "party_kind" text check ("party_kind" in ('GOVERNMENT', 'SECTOR_FUND', 'SECTOR_FEDERATION', 'TRAINING_OPERATOR', 'VALIDATION_BODY', 'EDUCATION_ADMINISTRATION', 'EDUCATION_NETWORK', 'QUALIFICATIONS_BODY', 'COMPETENCE_CENTRE')) not null, constraint "agreement_signatory_pkey" primary key ("agreement_id", "party_id"));`);
    this.addSql(`create index "agreement_signatory_party_id_index" on "conventions"."agreement_signatory" ("party_id");`);

    this.addSql(`create table "conventions"."objective" ("code" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "label_fr" text not null, "label_en" text not null, constraint "objective_pkey" primary key ("code"));`);

    this.addSql(`create table "conventions"."organisation" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "name" text not null, "kind" text check ("kind" in ('GOVERNMENT', 'SECTOR_FUND', 'SECTOR_FEDERATION', 'TRAINING_OPERATOR', 'VALIDATION_BODY', 'EDUCATION_ADMINISTRATION', 'EDUCATION_NETWORK', 'QUALIFICATIONS_BODY', 'COMPETENCE_CENTRE')) not null, "legal_basis" text null, "website" text null, constraint "organisation_pkey" primary key ("id"));`);

    this.addSql(`create table "conventions"."sector" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "name" text not null, "parent_id" text null, "sector_fund_id" text null, "federation_id" text null, constraint "sector_pkey" primary key ("id"));`);
    this.addSql(`create index "sector_parent_id_index" on "conventions"."sector" ("parent_id");`);
    this.addSql(`create index "sector_sector_fund_id_index" on "conventions"."sector" ("sector_fund_id");`);
    this.addSql(`create index "sector_federation_id_index" on "conventions"."sector" ("federation_id");`);

    this.addSql(`create table "conventions"."agreement_sector" ("agreement_id" text not null, "sector_id" text not null, constraint "agreement_sector_pkey" primary key ("agreement_id", "sector_id"));`);
    this.addSql(`create index "agreement_sector_sector_id_index" on "conventions"."agreement_sector" ("sector_id");`);

    this.addSql(`create table "conventions"."specific_convention" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "title" text not null, "kind" text check ("kind" in ('TRAINING_OPERATOR', 'EDUCATION', 'QUALIFICATIONS', 'VALIDATION')) not null, "framework_agreement_id" text null, "valid_from" text null, "valid_to" text null, constraint "specific_convention_pkey" primary key ("id"));`);
    this.addSql(`create index "specific_convention_framework_agreement_id_index" on "conventions"."specific_convention" ("framework_agreement_id");`);

    this.addSql(`create table "conventions"."convention_sector" ("convention_id" text not null, "sector_id" text not null, constraint "convention_sector_pkey" primary key ("convention_id", "sector_id"));`);
    this.addSql(`create index "convention_sector_sector_id_index" on "conventions"."convention_sector" ("sector_id");`);

    this.addSql(`create table "conventions"."convention_party" ("convention_id" text not null, "party_id" text not null, "party_kind" text check ("party_kind" in ('GOVERNMENT', 'SECTOR_FUND', 'SECTOR_FEDERATION', 'TRAINING_OPERATOR', 'VALIDATION_BODY', 'EDUCATION_ADMINISTRATION', 'EDUCATION_NETWORK', 'QUALIFICATIONS_BODY', 'COMPETENCE_CENTRE')) not null, constraint "convention_party_pkey" primary key ("convention_id", "party_id"));`);
    this.addSql(`create index "convention_party_party_id_index" on "conventions"."convention_party" ("party_id");`);

    this.addSql(`create table "conventions"."convention_objective" ("convention_id" text not null, "objective_code" text not null, constraint "convention_objective_pkey" primary key ("convention_id", "objective_code"));`);

    this.addSql(`alter table "conventions"."agreement_signatory" add constraint "agreement_signatory_agreement_id_foreign" foreign key ("agreement_id") references "conventions"."framework_agreement" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "conventions"."sector" add constraint "sector_parent_id_foreign" foreign key ("parent_id") references "conventions"."sector" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "conventions"."sector" add constraint "sector_sector_fund_id_foreign" foreign key ("sector_fund_id") references "conventions"."organisation" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "conventions"."sector" add constraint "sector_federation_id_foreign" foreign key ("federation_id") references "conventions"."organisation" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "conventions"."agreement_sector" add constraint "agreement_sector_agreement_id_foreign" foreign key ("agreement_id") references "conventions"."framework_agreement" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "conventions"."agreement_sector" add constraint "agreement_sector_sector_id_foreign" foreign key ("sector_id") references "conventions"."sector" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "conventions"."specific_convention" add constraint "specific_convention_framework_agreement_id_foreign" foreign key ("framework_agreement_id") references "conventions"."framework_agreement" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "conventions"."convention_sector" add constraint "convention_sector_convention_id_foreign" foreign key ("convention_id") references "conventions"."specific_convention" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "conventions"."convention_sector" add constraint "convention_sector_sector_id_foreign" foreign key ("sector_id") references "conventions"."sector" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "conventions"."convention_party" add constraint "convention_party_convention_id_foreign" foreign key ("convention_id") references "conventions"."specific_convention" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "conventions"."convention_objective" add constraint "convention_objective_convention_id_foreign" foreign key ("convention_id") references "conventions"."specific_convention" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "conventions"."convention_objective" add constraint "convention_objective_objective_code_foreign" foreign key ("objective_code") references "conventions"."objective" ("code") on update cascade;`);
  }

}
