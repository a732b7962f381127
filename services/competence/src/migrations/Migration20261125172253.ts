import { Migration } from '@mikro-orm/migrations';

export class Migration20261125172253 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "competence"."label_criterion" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);

    this.addSql(`alter table "competence"."label_decision" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);

    this.addSql(`alter table "competence"."competence_centre" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);

    this.addSql(`alter table "competence"."trainee_public" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "competence"."competence_centre" drop column "version", drop column "edited_at";`);

    this.addSql(`alter table "competence"."label_criterion" drop column "version", drop column "edited_at";`);

    this.addSql(`alter table "competence"."label_decision" drop column "version", drop column "edited_at";`);

    this.addSql(`alter table "competence"."trainee_public" drop column "version", drop column "edited_at";`);
  }

}
