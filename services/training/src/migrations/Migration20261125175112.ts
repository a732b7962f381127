import { Migration } from '@mikro-orm/migrations';

export class Migration20261125175112 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "training"."organisation" add column "reference_hash" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "training"."organisation" drop column "reference_hash";`);
  }

}
