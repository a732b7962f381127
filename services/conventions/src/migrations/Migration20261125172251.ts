import { Migration } from '@mikro-orm/migrations';

export class Migration20261125172251 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "conventions"."fact" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."framework_agreement" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."objective" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."organisation" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."sector" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);

    this.addSql(`alter table "conventions"."specific_convention" add column "version" int not null default 1, add column "edited_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "conventions"."fact" drop column "version", drop column "edited_at";`);

    this.addSql(`alter table "conventions"."framework_agreement" drop column "version", drop column "edited_at";`);

    this.addSql(`alter table "conventions"."objective" drop column "version", drop column "edited_at";`);

    this.addSql(`alter table "conventions"."organisation" drop column "version", drop column "edited_at";`);

    this.addSql(`alter table "conventions"."sector" drop column "version", drop column "edited_at";`);

    this.addSql(`alter table "conventions"."specific_convention" drop column "version", drop column "edited_at";`);
  }

}
