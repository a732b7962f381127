import { Migration } from '@mikro-orm/migrations';

export class Migration20261125024253 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "competence";`);
    this.addSql(`create table "competence"."competence_centre" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "name" text not null, "scope" text[] not null, "city" text null, "province" text null, "managing_body" text null, "website" text null, "label_status" text check ("label_status" in ('FULL', 'PROVISIONAL')) not null, "label_decided_on" text null, "label_valid_from" text null, "label_valid_to" text null, "label_note" text null, constraint "competence_centre_pkey" primary key ("id"));`);
    this.addSql(`create index "competence_centre_province_index" on "competence"."competence_centre" ("province");`);

    this.addSql(`create table "competence"."centre_sector" ("centre_id" text not null, "sector_id" text not null, constraint "centre_sector_pkey" primary key ("centre_id", "sector_id"));`);
    this.addSql(`create index "centre_sector_sector_id_index" on "competence"."centre_sector" ("sector_id");`);

    this.addSql(`create table "competence"."label_criterion" ("code" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "label_fr" text not null, "detail_fr" text not null, "label_en" text not null, constraint "label_criterion_pkey" primary key ("code"));`);

    this.addSql(`create table "competence"."trainee_public" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "label_fr" text not null, "average_trainees_per_year" int null, constraint "trainee_public_pkey" primary key ("id"));`);

    this.addSql(`create table "competence"."centre_public" ("centre_id" text not null, "trainee_public_id" text not null, constraint "centre_public_pkey" primary key ("centre_id", "trainee_public_id"));`);
    this.addSql(`create index "centre_public_trainee_public_id_index" on "competence"."centre_public" ("trainee_public_id");`);

    this.addSql(`alter table "competence"."centre_sector" add constraint "centre_sector_centre_id_foreign" foreign key ("centre_id") references "competence"."competence_centre" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "competence"."centre_public" add constraint "centre_public_centre_id_foreign" foreign key ("centre_id") references "competence"."competence_centre" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "competence"."centre_public" add constraint "centre_public_trainee_public_id_foreign" foreign key ("trainee_public_id") references "competence"."trainee_public" ("id") on update cascade on delete cascade;`);
  }

}
