import { Migration } from '@mikro-orm/migrations';
import { touchTrigger } from '@hub/kit';

export class Migration20261125142807 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "conventions"."fact" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "text" text not null, "search_text" text generated always as (hub_search_text(ARRAY[text, note])) stored null, constraint "fact_pkey" primary key ("id"));`);
    this.addSql(`create index "fact_search_text_index" on conventions.fact using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "conventions"."party_key" ("id" text not null, "kind" text check ("kind" in ('GOVERNMENT', 'SECTOR_FUND', 'SECTOR_FEDERATION', 'TRAINING_OPERATOR', 'VALIDATION_BODY', 'EDUCATION_ADMINISTRATION', 'EDUCATION_NETWORK', 'QUALIFICATIONS_BODY', 'COMPETENCE_CENTRE')) not null, constraint "party_key_pkey" primary key ("id"));`);

    this.addSql(`create table "conventions"."source" ("id" text not null, "url" text not null, "title" text not null, "excerpt" text null, "search_text" text generated always as (hub_search_text(ARRAY[id, title, url, excerpt])) stored null, constraint "source_pkey" primary key ("id"));`);
    this.addSql(`create index "source_search_text_index" on conventions.source using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`alter table "conventions"."framework_agreement" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now(), add column "search_text" text generated always as (hub_search_text(ARRAY[title, programme, content, note])) stored null;`);
    this.addSql(`create index "framework_agreement_search_text_index" on conventions.framework_agreement using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`alter table "conventions"."objective" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now();`);

    this.addSql(`alter table "conventions"."organisation" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now(), add column "search_text" text generated always as (hub_search_text(ARRAY[id, name])) stored null;`);
    this.addSql(`create index "organisation_search_text_index" on conventions.organisation using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`alter table "conventions"."sector" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now(), add column "search_text" text generated always as (hub_search_text(ARRAY[id, name])) stored null;`);
    this.addSql(`create index "sector_search_text_index" on conventions.sector using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`alter table "conventions"."specific_convention" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now(), add column "signed_on" text null, add column "search_text" text generated always as (hub_search_text(ARRAY[title, note])) stored null;`);
    this.addSql(`create index "specific_convention_search_text_index" on conventions.specific_convention using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create index "specific_convention_title_order_index" on conventions.specific_convention ((hub_fold(title) collate "C"), (id collate "C"));`);
    this.addSql(`create index "specific_convention_id_order_index" on conventions.specific_convention ((id collate "C"));`);

    // updated_at follows real changes (the functions are installed by the kit before migrations run)
    this.addSql(touchTrigger('conventions.fact'));
    this.addSql(touchTrigger('conventions.framework_agreement'));
    this.addSql(touchTrigger('conventions.objective'));
    this.addSql(touchTrigger('conventions.organisation'));
    this.addSql(touchTrigger('conventions.sector'));
    this.addSql(touchTrigger('conventions.specific_convention'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "conventions"."specific_convention_title_order_index";`);
    this.addSql(`drop index "conventions"."specific_convention_id_order_index";`);
    this.addSql(`drop trigger if exists conventions_fact_touch on "conventions"."fact";`);
    this.addSql(`drop trigger if exists conventions_framework_agreement_touch on "conventions"."framework_agreement";`);
    this.addSql(`drop trigger if exists conventions_objective_touch on "conventions"."objective";`);
    this.addSql(`drop trigger if exists conventions_organisation_touch on "conventions"."organisation";`);
    this.addSql(`drop trigger if exists conventions_sector_touch on "conventions"."sector";`);
    this.addSql(`drop trigger if exists conventions_specific_convention_touch on "conventions"."specific_convention";`);
    this.addSql(`drop table if exists "conventions"."fact" cascade;`);

    this.addSql(`drop table if exists "conventions"."party_key" cascade;`);

    this.addSql(`drop table if exists "conventions"."source" cascade;`);

    this.addSql(`drop index "conventions"."framework_agreement_search_text_index";`);
    this.addSql(`alter table "conventions"."framework_agreement" drop column "created_at", drop column "updated_at", drop column "search_text";`);

    this.addSql(`alter table "conventions"."objective" drop column "created_at", drop column "updated_at";`);

    this.addSql(`drop index "conventions"."organisation_search_text_index";`);
    this.addSql(`alter table "conventions"."organisation" drop column "created_at", drop column "updated_at", drop column "search_text";`);

    this.addSql(`drop index "conventions"."sector_search_text_index";`);
    this.addSql(`alter table "conventions"."sector" drop column "created_at", drop column "updated_at", drop column "search_text";`);

    this.addSql(`drop index "conventions"."specific_convention_search_text_index";`);
    this.addSql(`alter table "conventions"."specific_convention" drop column "created_at", drop column "updated_at", drop column "signed_on", drop column "search_text";`);
  }

}
