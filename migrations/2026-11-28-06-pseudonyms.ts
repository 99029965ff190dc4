import type { Kysely } from 'kysely';

/** The pseudonymisation key list: names (people, places, organisations) and their pseudonyms, per project. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pseudonym_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('original', 'text', (c) => c.notNull())
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pseudonym_entries_project_idx').on('pseudonym_entries').columns(['project_id', 'original']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pseudonym_entries').execute();
}
