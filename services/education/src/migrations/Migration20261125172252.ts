import { Migration } from '@mikro-orm/migrations';

export class Migration20261125172252 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "education"."organisation" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education"."organisation" drop column "version", drop column "edited_at";`);
  }

}
