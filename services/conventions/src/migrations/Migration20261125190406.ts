import { Migration } from '@mikro-orm/migrations';

export class Migration20261125190406 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "conventions"."fact" add column "deleted_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."framework_agreement" add column "deleted_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."objective" add column "deleted_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."organisation" add column "deleted_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."sector" add column "deleted_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."specific_convention" add column "deleted_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "conventions"."fact" drop column "deleted_at";`);

    this.addSql(`alter table "conventions"."framework_agreement" drop column "deleted_at";`);

    this.addSql(`alter table "conventions"."objective" drop column "deleted_at";`);

    this.addSql(`alter table "conventions"."organisation" drop column "deleted_at";`);

    this.addSql(`alter table "conventions"."sector" drop column "deleted_at";`);

    this.addSql(`alter table "conventions"."specific_convention" drop column "deleted_at";`);
  }

}
