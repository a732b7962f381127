import { Migration } from '@mikro-orm/migrations';
import { touchTrigger } from '@hub/kit';

export class Migration20261125142816 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "competence"."sector_key" ("id" text not null, constraint "sector_key_pkey" primary key ("id"));`);

    this.addSql(`alter table "competence"."label_criterion" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now();`);

    this.addSql(`alter table "competence"."label_decision" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now();`);

    this.addSql(`alter table "competence"."competence_centre" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now(), add column "sites" text[] not null default '{}', add column "search_text" text generated always as (hub_search_text(ARRAY[id, name, city, province, managing_body, hub_words(scope), hub_words(sites)])) stored null;`);
    this.addSql(`create index "competence_centre_search_text_index" on competence.competence_centre using gin ("search_text" gin_trgm_ops);`);

    this.addSql(`alter table "competence"."trainee_public" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now();`);

    // updated_at follows real changes (the functions are installed by the kit before migrations run)
    this.addSql(touchTrigger('competence.label_criterion'));
    this.addSql(touchTrigger('competence.label_decision'));
    this.addSql(touchTrigger('competence.competence_centre'));
    this.addSql(touchTrigger('competence.trainee_public'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists competence_label_criterion_touch on "competence"."label_criterion";`);
    this.addSql(`drop trigger if exists competence_label_decision_touch on "competence"."label_decision";`);
    this.addSql(`drop trigger if exists competence_competence_centre_touch on "competence"."competence_centre";`);
    this.addSql(`drop trigger if exists competence_trainee_public_touch on "competence"."trainee_public";`);
    this.addSql(`drop table if exists "competence"."sector_key" cascade;`);

    this.addSql(`drop index "competence"."competence_centre_search_text_index";`);
    this.addSql(`alter table "competence"."competence_centre" drop column "created_at", drop column "updated_at", drop column "sites", drop column "search_text";`);

    this.addSql(`alter table "competence"."label_criterion" drop column "created_at", drop column "updated_at";`);

    this.addSql(`alter table "competence"."label_decision" drop column "created_at", drop column "updated_at";`);

    this.addSql(`alter table "competence"."trainee_public" drop column "created_at", drop column "updated_at";`);
  }

}
