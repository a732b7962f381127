import { Migration } from '@mikro-orm/migrations';

export class Migration20261125190407 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "education"."organisation" add column "deleted_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education"."organisation" drop column "deleted_at";`);
  }

}
