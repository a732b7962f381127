import { Migration } from '@mikro-orm/migrations';

export class Migration20261125175111 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "conventions"."fact" add column "reference_hash" text null;`);

    this.addSql(`alter table "conventions"."framework_agreement" add column "reference_hash" text null;`);

    this.addSql(`alter table "conventions"."objective" add column "reference_hash" text null;`);

    this.addSql(`alter table "conventions"."organisation" add column "reference_hash" text null;`);

    this.addSql(`alter table "conventions"."sector" add column "reference_hash" text null;`);

    this.addSql(`alter table "conventions"."specific_convention" add column "reference_hash" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "conventions"."fact" drop column "reference_hash";`);

    this.addSql(`alter table "conventions"."framework_agreement" drop column "reference_hash";`);

    this.addSql(`alter table "conventions"."objective" drop column "reference_hash";`);

    this.addSql(`alter table "conventions"."organisation" drop column "reference_hash";`);

    this.addSql(`alter table "conventions"."sector" drop column "reference_hash";`);

    this.addSql(`alter table "conventions"."specific_convention" drop column "reference_hash";`);
  }

}
