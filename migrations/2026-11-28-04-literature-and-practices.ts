import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

const TABLES = [
  'assessment_evidence', 'assessments', 'assessment_criteria',
  'practice_sources', 'practice_code_evidence', 'practice_codes', 'practice_records',
  'gap_code_evidence', 'gap_codes', 'gap_sources', 'literature_gaps', 'literature_sources',
];

/**
 * Literature sources and gaps with code↔gap links and their evidence; practice records (prevention
 * projects) with code links, evidence and literature; assessment criteria and the scores of each record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const table = (name: string) => db.schema.createTable(name).addColumn('id', 'text', (c) => c.primaryKey());
  const stamps = (t: CreateTableBuilder<string, string>) => t
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

  await stamps(table('literature_sources')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('citation_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('article-journal'))
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('year', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('doi', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('focus', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('csl', 'text', (c) => c.notNull().defaultTo('{}'))).execute();
  await db.schema.createIndex('literature_sources_project_idx').on('literature_sources').column('project_id').execute();

  await stamps(table('literature_gaps')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('focus', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('international'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))).execute();
  await db.schema.createIndex('literature_gaps_project_idx').on('literature_gaps').column('project_id').execute();

  await table('gap_sources')
    .addColumn('gap_id', 'text', (c) => c.notNull().references('literature_gaps.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('literature_sources.id').onDelete('cascade'))
    .addUniqueConstraint('gap_sources_uq', ['gap_id', 'source_id'])
    .execute();

  await stamps(table('gap_codes')
    .addColumn('gap_id', 'text', (c) => c.notNull().references('literature_gaps.id').onDelete('cascade'))
    .addColumn('code_id', 'text', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('gap_codes_uq', ['gap_id', 'code_id'])).execute();
  await db.schema.createIndex('gap_codes_code_idx').on('gap_codes').column('code_id').execute();

  await table('gap_code_evidence')
    .addColumn('gap_code_id', 'text', (c) => c.notNull().references('gap_codes.id').onDelete('cascade'))
    .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('gap_code_evidence_uq', ['gap_code_id', 'segment_id'])
    .execute();
  await db.schema.createIndex('gap_code_evidence_segment_idx').on('gap_code_evidence').column('segment_id').execute();

  await stamps(table('practice_records')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('municipality', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target_group', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('crime_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('intervention_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('working_mechanisms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('budget_eur', 'real')
    .addColumn('cost_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evaluation_status', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('sms_level', 'integer')
    .addColumn('evidence_rating', 'text')
    .addColumn('record_source', 'text', (c) => c.notNull().defaultTo(''))).execute();
  await sql`create unique index practice_records_name_uq on practice_records (project_id, lower(name), lower(municipality))`.execute(db);

  await stamps(table('practice_codes')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practice_records.id').onDelete('cascade'))
    .addColumn('code_id', 'text', (c) => c.notNull().references('codes.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('practice_codes_uq', ['practice_id', 'code_id'])).execute();
  await db.schema.createIndex('practice_codes_code_idx').on('practice_codes').column('code_id').execute();

  await table('practice_code_evidence')
    .addColumn('practice_code_id', 'text', (c) => c.notNull().references('practice_codes.id').onDelete('cascade'))
    .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('practice_code_evidence_uq', ['practice_code_id', 'segment_id'])
    .execute();
  await db.schema.createIndex('practice_code_evidence_segment_idx').on('practice_code_evidence').column('segment_id').execute();

  await table('practice_sources')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practice_records.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('literature_sources.id').onDelete('cascade'))
    .addUniqueConstraint('practice_sources_uq', ['practice_id', 'source_id'])
    .execute();

  await stamps(table('assessment_criteria')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('code_id', 'text', (c) => c.references('codes.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))).execute();
  await sql`create unique index assessment_criteria_name_uq on assessment_criteria (project_id, lower(name))`.execute(db);

  await stamps(table('assessments')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practice_records.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('assessment_criteria.id').onDelete('cascade'))
    .addColumn('score', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('assessments_uq', ['practice_id', 'criterion_id'])).execute();

  await table('assessment_evidence')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('segment_id', 'text', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_evidence_uq', ['assessment_id', 'segment_id'])
    .execute();
  await db.schema.createIndex('assessment_evidence_segment_idx').on('assessment_evidence').column('segment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of TABLES) await db.schema.dropTable(name).execute();
}
