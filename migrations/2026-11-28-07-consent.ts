import type { Kysely } from 'kysely';

/**
 * Consent and retention per participant (one interview per respondent, so one document per participant):
 * columns on `documents` rather than a separate table, because consent belongs to exactly one document,
 * is deleted with it, and travels in backups and restores with no new table to scope or remap.
 * Booleans are integers (0/1), as everywhere in the schema.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('consent_status', 'text', (c) => c.notNull().defaultTo('unknown')).execute();
  await db.schema.alterTable('documents').addColumn('consent_date', 'text').execute();
  await db.schema.alterTable('documents').addColumn('consent_no_quotes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('documents').addColumn('consent_no_export', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['consent_no_export', 'consent_no_quotes', 'consent_date', 'consent_status']) {
    await db.schema.alterTable('documents').dropColumn(column).execute();
  }
}
