import { Migration } from '@mikro-orm/migrations';

export class Migration20261125175112 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "competence"."label_criterion" add column "reference_hash" text null;`);

    this.addSql(`alter table "competence"."label_decision" add column "reference_hash" text null;`);

    this.addSql(`alter table "competence"."competence_centre" add column "reference_hash" text null;`);

    this.addSql(`alter table "competence"."trainee_public" add column "reference_hash" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "competence"."competence_centre" drop column "reference_hash";`);

    this.addSql(`alter table "competence"."label_criterion" drop column "reference_hash";`);

    this.addSql(`alter table "competence"."label_decision" drop column "reference_hash";`);

    this.addSql(`alter table "competence"."trainee_public" drop column "reference_hash";`);
  }

}
