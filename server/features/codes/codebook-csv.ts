import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { CodeRow, Database } from '../../db/schema';
import { badRequest } from '../../errors';
import { translator, type Translator } from '../../i18n/translator';
import { COLOR_PATTERN } from '../../shared/code-colors';
import { nowIso } from '../../shared/ids';
import { ChangeSet } from '../history/change-set';
import { codePaths, codesRepository } from './codes.repository';
import type { CodesService } from './codes.service';

/** Separator of the hierarchy in the `path` column: `Working mechanisms > Outreach`. */
export const PATH_SEPARATOR = ' > ';
const ENGLISH = translator('en');
const COLUMNS = ['path', 'color', 'definition', 'inclusion', 'exclusion', 'example', 'archived'] as const;

/** The codebook as CSV, one code a line, parents before children, the hierarchy as a path. */
export async function exportCodebookCsv(db: Kysely<Database>, projectId: string): Promise<string> {
  const codes = await codesRepository.list(db, projectId);
  const paths = codePaths(codes);
  const ordered = [...codes].sort((a, b) => {
    const pa = paths.get(a.id)!;
    const pb = paths.get(b.id)!;
    return pa.join('\u0000').localeCompare(pb.join('\u0000'));
  });
  return stringify(
    ordered.map((c) => [paths.get(c.id)!.join(PATH_SEPARATOR), c.color, c.definition, c.inclusion, c.exclusion, c.example, c.archived ? 'yes' : '']),
    { header: true, columns: [...COLUMNS], bom: true },
  );
}

export interface CodebookImportReport {
  created: number;
  updated: number;
  rows: { line: number; path: string; status: 'created' | 'updated' | 'unchanged' | 'error'; message?: string }[];
}

/**
 * Imports a codebook CSV (columns as exported; only `path` is required): missing codes along each
 * path are created, existing ones get the given fields. All in one undoable action; bad lines are
 * reported and skipped, in the reader's language (the translator given; English by default).
 */
export async function importCodebookCsv(db: Kysely<Database>, codes: CodesService, projectId: string, userId: string, csv: string, { t }: Translator = ENGLISH): Promise<CodebookImportReport> {
  let table: Record<string, string>[];
  try {
    table = parse(csv, { bom: true, columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), delimiter: [',', ';', '\t'], skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw badRequest('CSV_INVALID', 'projectErrors.csvUnreadable', { reason: (error as Error).message });
  }
  if (table.length === 0 || !('path' in table[0]!)) throw badRequest('CSV_INVALID', 'projectErrors.codebookCsvNoPath');
  return db.transaction().execute(async (trx) => {
    const changes = new ChangeSet(trx);
    const report: CodebookImportReport = { created: 0, updated: 0, rows: [] };
    const existing = await codesRepository.list(trx, projectId);
    const byPath = new Map<string, CodeRow>();
    for (const [id, path] of codePaths(existing)) byPath.set(path.join(PATH_SEPARATOR).toLocaleLowerCase(), existing.find((c) => c.id === id)!);
    for (const [i, row] of table.entries()) {
      const line = i + 2;
      const parts = (row.path ?? '').split(PATH_SEPARATOR.trim()).map((p) => p.trim()).filter(Boolean);
      if (parts.length === 0) {
        report.rows.push({ line, path: '', status: 'error', message: t('codebook.import.emptyPath') });
        continue;
      }
      if (row.color && !COLOR_PATTERN.test(row.color)) {
        report.rows.push({ line, path: parts.join(PATH_SEPARATOR), status: 'error', message: t('codebook.import.badColour', { value: row.color }) });
        continue;
      }
      let parent: CodeRow | null = null;
      let status: 'created' | 'updated' | 'unchanged' = 'unchanged';
      for (const [depth, name] of parts.entries()) {
        const key = parts.slice(0, depth + 1).join(PATH_SEPARATOR).toLocaleLowerCase();
        let code = byPath.get(key);
        if (!code) {
          code = await codes.createIn(changes, projectId, userId, { name, parentId: parent?.id ?? null });
          byPath.set(key, code);
          report.created += 1;
          status = 'created';
        }
        parent = code;
      }
      const fields: Partial<CodeRow> = {};
      for (const key of ['color', 'definition', 'inclusion', 'exclusion', 'example'] as const) {
        if (row[key] !== undefined && row[key] !== '' && row[key] !== parent![key]) fields[key] = row[key];
      }
      if (row.archived !== undefined && row.archived !== '') {
        const archived = /^(yes|true|1|ja|oui|x)$/i.test(row.archived) ? 1 : 0;
        if (archived !== parent!.archived) fields.archived = archived;
      }
      if (Object.keys(fields).length > 0) {
        await changes.update('codes', parent!.id, { ...fields, updated_at: nowIso() });
        Object.assign(parent!, fields);
        if (status === 'unchanged') {
          status = 'updated';
          report.updated += 1;
        }
      }
      report.rows.push({ line, path: parts.join(PATH_SEPARATOR), status });
    }
    if (changes.changes.length > 0) {
      await changes.commit({ projectId, userId, type: 'codebook.imported', entityType: 'project', entityId: projectId, after: { created: report.created, updated: report.updated } });
    }
    return report;
  });
}
