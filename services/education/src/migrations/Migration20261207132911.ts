import { Migration } from '@mikro-orm/migrations';
import { touchTrigger } from '@hub/kit';

export class Migration20261207132911 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "education"."sector_key" ("id" text not null, constraint "sector_key_pkey" primary key ("id"));`);

    this.addSql(`create table "education"."sector_test" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "edited_at" timestamptz null, "deleted_at" timestamptz null, "reference_hash" text null, "name" text not null, "organiser" text not null, "trades" text[] not null default '{}', "target_public" text null, "certificate" text null, "pass_threshold" text null, "pass_mark" double precision null, "partner_centres" text[] not null default '{}', "sfmq_link" text null, "validation_link" text null, "convention" text null, "sessions" jsonb not null default '[]', "search_text" text generated always as (hub_search_text(ARRAY[id, name, organiser, hub_words(trades), certificate, hub_words(partner_centres)])) stored null, constraint "sector_test_pkey" primary key ("id"));`);
    this.addSql(`create index "sector_test_organiser_index" on "education"."sector_test" ("organiser");`);
    this.addSql(`create index "sector_test_search_text_index" on education.sector_test using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "education"."sector_test_sector" ("test_id" text not null, "sector_id" text not null, constraint "sector_test_sector_pkey" primary key ("test_id", "sector_id"));`);
    this.addSql(`create index "sector_test_sector_sector_id_index" on "education"."sector_test_sector" ("sector_id");`);

    this.addSql(`create table "education"."sfmq_approval_batch" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "edited_at" timestamptz null, "deleted_at" timestamptz null, "reference_hash" text null, "name" text not null, "government" text not null, "decided_on" text null, "profile_kind" text check ("profile_kind" in ('JOB_PROFILE', 'TRAINING_PROFILE', 'CERTIFICATION_PROFILE')) null, "profile_count" int null, "first_approved_count" int null, "rectified_on" text null, "search_text" text generated always as (hub_search_text(ARRAY[id, name])) stored null, constraint "sfmq_approval_batch_pkey" primary key ("id"));`);
    this.addSql(`create index "sfmq_approval_batch_government_index" on "education"."sfmq_approval_batch" ("government");`);
    this.addSql(`create index "sfmq_approval_batch_search_text_index" on education.sfmq_approval_batch using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "education"."sfmq_profile" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "edited_at" timestamptz null, "deleted_at" timestamptz null, "reference_hash" text null, "kind" text check ("kind" in ('JOB_PROFILE', 'TRAINING_PROFILE', 'CERTIFICATION_PROFILE')) not null, "name" text not null, "grappe" text null, "document_date" text null, "versions" jsonb not null default '[]', "government_approvals" jsonb not null default '[]', "search_text" text generated always as (hub_search_text(ARRAY[id, name, grappe])) stored null, constraint "sfmq_profile_pkey" primary key ("id"));`);
    this.addSql(`create index "sfmq_profile_kind_index" on "education"."sfmq_profile" ("kind");`);
    this.addSql(`create index "sfmq_profile_search_text_index" on education.sfmq_profile using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "education"."sfmq_profile_sector" ("profile_id" text not null, "sector_id" text not null, constraint "sfmq_profile_sector_pkey" primary key ("profile_id", "sector_id"));`);
    this.addSql(`create index "sfmq_profile_sector_sector_id_index" on "education"."sfmq_profile_sector" ("sector_id");`);

    this.addSql(`alter table "education"."sector_test_sector" add constraint "sector_test_sector_test_id_foreign" foreign key ("test_id") references "education"."sector_test" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "education"."sfmq_profile_sector" add constraint "sfmq_profile_sector_profile_id_foreign" foreign key ("profile_id") references "education"."sfmq_profile" ("id") on update cascade on delete cascade;`);
    this.addSql(touchTrigger('education.sector_test'));
    this.addSql(touchTrigger('education.sfmq_profile'));
    this.addSql(touchTrigger('education.sfmq_approval_batch'));
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education"."sector_test_sector" drop constraint "sector_test_sector_test_id_foreign";`);

    this.addSql(`alter table "education"."sfmq_profile_sector" drop constraint "sfmq_profile_sector_profile_id_foreign";`);

    this.addSql(`drop table if exists "education"."sector_key" cascade;`);

    this.addSql(`drop table if exists "education"."sector_test" cascade;`);

    this.addSql(`drop table if exists "education"."sector_test_sector" cascade;`);

    this.addSql(`drop table if exists "education"."sfmq_approval_batch" cascade;`);

    this.addSql(`drop table if exists "education"."sfmq_profile" cascade;`);

    this.addSql(`drop table if exists "education"."sfmq_profile_sector" cascade;`);
  }

}
