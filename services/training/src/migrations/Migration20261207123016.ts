import { Migration } from '@mikro-orm/migrations';
import { touchTrigger } from '@hub/kit';

export class Migration20261207123016 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "training"."sector_key" ("id" text not null, constraint "sector_key_pkey" primary key ("id"));`);

    this.addSql(`create table "training"."validation_figure" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "edited_at" timestamptz null, "deleted_at" timestamptz null, "reference_hash" text null, "measure" text check ("measure" in ('TITLES_DELIVERED', 'HOLDERS', 'EPREUVES', 'SUCCESS_RATE', 'TRADES_OFFERED', 'APPROVED_CENTRES', 'SECTORS_COVERED')) not null, "region" text check ("region" in ('WALLONIA_BRUSSELS', 'WALLONIA', 'BRUSSELS')) not null, "year" int null, "cumulative" boolean not null default false, "since_year" int null, "value" double precision not null, "qualifier" text check ("qualifier" in ('EXACT', 'ABOUT', 'MORE_THAN', 'ALMOST')) not null default 'EXACT', "stated_as" text not null, "period_text" text null, "search_text" text generated always as (hub_search_text(ARRAY[id, stated_as, period_text])) stored null, constraint "validation_figure_pkey" primary key ("id"));`);
    this.addSql(`create index "validation_figure_measure_year_index" on "training"."validation_figure" ("measure", "year");`);
    this.addSql(`create index "validation_figure_search_text_index" on training.validation_figure using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "training"."validation_title" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "edited_at" timestamptz null, "deleted_at" timestamptz null, "reference_hash" text null, "name" text not null, "units" text[] null, "referential_approved_on" text null, "referential_published_on" text null, "years" jsonb not null, "search_text" text generated always as (hub_search_text(ARRAY[id, name, hub_words(units)])) stored null, constraint "validation_title_pkey" primary key ("id"));`);
    this.addSql(`create index "validation_title_search_text_index" on training.validation_title using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`create table "training"."title_sector" ("title_id" text not null, "sector_id" text not null, constraint "title_sector_pkey" primary key ("title_id", "sector_id"));`);
    this.addSql(`create index "title_sector_sector_id_index" on "training"."title_sector" ("sector_id");`);

    this.addSql(`create table "training"."title_operator" ("title_id" text not null, "operator_id" text not null, constraint "title_operator_pkey" primary key ("title_id", "operator_id"));`);
    this.addSql(`create index "title_operator_operator_id_index" on "training"."title_operator" ("operator_id");`);

    this.addSql(`alter table "training"."title_sector" add constraint "title_sector_title_id_foreign" foreign key ("title_id") references "training"."validation_title" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "training"."title_operator" add constraint "title_operator_title_id_foreign" foreign key ("title_id") references "training"."validation_title" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "training"."title_operator" add constraint "title_operator_operator_id_foreign" foreign key ("operator_id") references "training"."organisation" ("id") on update cascade;`);

    // updated_at follows real changes (the functions are installed by the kit before migrations run)
    this.addSql(touchTrigger('training.validation_title'));
    this.addSql(touchTrigger('training.validation_figure'));
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "training"."title_sector" drop constraint "title_sector_title_id_foreign";`);

    this.addSql(`alter table "training"."title_operator" drop constraint "title_operator_title_id_foreign";`);

    this.addSql(`drop table if exists "training"."sector_key" cascade;`);

    this.addSql(`drop table if exists "training"."validation_figure" cascade;`);

    this.addSql(`drop table if exists "training"."validation_title" cascade;`);

    this.addSql(`drop table if exists "training"."title_sector" cascade;`);

    this.addSql(`drop table if exists "training"."title_operator" cascade;`);
  }

}
