import { Migration } from '@mikro-orm/migrations';
import { touchTrigger } from '@hub/kit';

export class Migration20261125142814 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "education"."organisation" add column "created_at" timestamptz not null default now(), add column "updated_at" timestamptz not null default now(), add column "search_text" text generated always as (hub_search_text(ARRAY[id, name])) stored null;`);
    this.addSql(`create index "organisation_search_text_index" on education.organisation using gin ("search_text" gin_trgm_ops);`);

    // updated_at follows real changes (the functions are installed by the kit before migrations run)
    this.addSql(touchTrigger('education.organisation'));
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists education_organisation_touch on "education"."organisation";`);
    this.addSql(`drop index "education"."organisation_search_text_index";`);
    this.addSql(`alter table "education"."organisation" drop column "created_at", drop column "updated_at", drop column "search_text";`);
  }

}
