import { Migration } from '@mikro-orm/migrations';

export class Migration20261125030912 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "competence"."label_decision" ("id" text not null, "verified" boolean not null default true, "unverified_fields" text[] not null default '{}', "note" text null, "sources" jsonb not null, "decided_on" text null, "decided_by_id" text null, "proposed_by" text null, "certificates_handed_over_on" text null, "valid_from" text null, "valid_to" text null, "retroactive" boolean null, "full_label_count" int null, "provisional_label_count" int null, "centres_in_network" int null, "people_trained_per_year" int null, constraint "label_decision_pkey" primary key ("id"));`);

    this.addSql(`alter table "competence"."competence_centre" add column "label_decision_id" text null;`);
    this.addSql(`alter table "competence"."competence_centre" add constraint "competence_centre_label_decision_id_foreign" foreign key ("label_decision_id") references "competence"."label_decision" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "competence_centre_label_decision_id_index" on "competence"."competence_centre" ("label_decision_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "competence"."competence_centre" drop constraint "competence_centre_label_decision_id_foreign";`);

    this.addSql(`drop table if exists "competence"."label_decision" cascade;`);

    this.addSql(`drop index "competence"."competence_centre_label_decision_id_index";`);
    this.addSql(`alter table "competence"."competence_centre" drop column "label_decision_id";`);
  }

}
