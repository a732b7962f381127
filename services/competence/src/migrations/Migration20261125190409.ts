import { Migration } from '@mikro-orm/migrations';

export class Migration20261125190409 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "competence"."label_criterion" add column "deleted_at" timestamptz null;`);

    this.addSql(`alter table "competence"."label_decision" add column "deleted_at" timestamptz null;`);

    this.addSql(`alter table "competence"."competence_centre" add column "deleted_at" timestamptz null;`);

    this.addSql(`alter table "competence"."trainee_public" add column "deleted_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "competence"."competence_centre" drop column "deleted_at";`);

    this.addSql(`alter table "competence"."label_criterion" drop column "deleted_at";`);

    this.addSql(`alter table "competence"."label_decision" drop column "deleted_at";`);

    this.addSql(`alter table "competence"."trainee_public" drop column "deleted_at";`);
  }

}
