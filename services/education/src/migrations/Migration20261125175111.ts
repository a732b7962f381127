import { Migration } from '@mikro-orm/migrations';

export class Migration20261125175111 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "education"."organisation" add column "reference_hash" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education"."organisation" drop column "reference_hash";`);
  }

}
