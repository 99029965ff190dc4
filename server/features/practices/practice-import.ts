import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest } from '../../errors';
import type { Translator } from '../../i18n/translator';
import { nowIso } from '../../shared/ids';
import { ChangeSet } from '../history/change-set';
import { columnOf, PRACTICE_COLUMNS, type PracticeColumn, practiceColumns, readCell } from './practice-columns';
import { checkPractice, columnsOf, EMPTY_PRACTICE, identityKey, type PracticeRow, tidy, valuesOf } from './practice-record';
import { practicesRepository } from './practices.repository';
import type { ImportProblem, PracticeValues } from './practices.schemas';
import type { PracticesService } from './practices.service';
import type { SheetRow } from './sheet-reader';

export interface PracticeImportReport {
  created: number;
  updated: number;
  rows: { row: number; id: string; name: string; status: 'created' | 'updated' }[];
}

/** Maps the header row to columns; unknown and repeated headers are problems of row 1. */
function readHeader(header: SheetRow, tr: Translator): { columns: (PracticeColumn | null)[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const expected = practiceColumns(tr).map((c) => c.header).join(', ');
  const seen = new Map<string, string>();
  const columns = header.cells.map((raw) => {
    const text = raw.trim();
    if (!text) return null;
    const column = columnOf(text);
    if (!column) {
      problems.push({ row: header.row, column: text, value: text, code: 'UNKNOWN_COLUMN', message: tr.t('literatureErrors.practiceImport.unknownColumn', { value: text, columns: expected }) });
      return null;
    }
    if (seen.has(column.key)) {
      problems.push({ row: header.row, column: text, value: text, code: 'REPEATED_COLUMN', message: tr.t('literatureErrors.practiceImport.repeatedColumn', { column: seen.get(column.key) }) });
      return null;
    }
    seen.set(column.key, text);
    return column;
  });
  if (!seen.has('name')) problems.push({ row: header.row, column: 'Name', value: '', code: 'NO_NAME_COLUMN', message: tr.t('literatureErrors.practiceImport.noNameColumn') });
  return { columns, problems };
}

/**
 * Imports practice records from sheet rows (row 1 the headers, in English, Dutch or French). A
 * row whose name and municipality match a record updates it (only the columns present); other
 * rows create records. When any row has a problem nothing is written: 400 IMPORT_INVALID with
 * every problem (`{ row, column, value, message }`, the message in `tr`'s language) in
 * `details.problems`. Otherwise one undoable action.
 */
export async function importPractices(db: Kysely<Database>, practices: PracticesService, projectId: string, userId: string, sheet: SheetRow[], tr: Translator): Promise<PracticeImportReport> {
  const [header, ...body] = sheet;
  if (!header || header.cells.every((c) => !c.trim())) throw badRequest('IMPORT_EMPTY', 'literatureErrors.practiceImport.empty');
  const { columns, problems } = readHeader(header, tr);
  if (problems.length > 0) throw badRequest('IMPORT_INVALID', 'literatureErrors.practiceImport.headerInvalid', { count: problems.length }, { problems });
  const headerOf = (key: keyof PracticeValues) => header.cells[columns.findIndex((c) => c?.key === key)]?.trim() || PRACTICE_COLUMNS.find((c) => c.key === key)!.header;

  return db.transaction().execute(async (trx) => {
    const existing = new Map((await practicesRepository.list(trx, projectId)).map((r) => [identityKey(r.name, r.municipality), r]));
    const planned: { row: number; values: PracticeValues; target?: PracticeRow }[] = [];
    const firstRowOf = new Map<string, number>();
    for (const line of body) {
      if (line.cells.every((c) => !c.trim())) continue;
      const given: Partial<Record<keyof PracticeValues, unknown>> = {};
      const rowProblems: ImportProblem[] = [];
      columns.forEach((column, i) => {
        if (!column) return;
        const raw = line.cells[i] ?? '';
        const read = readCell(column.key, raw, tr);
        if ('error' in read) rowProblems.push({ row: line.row, column: header.cells[i]!.trim(), value: raw, code: read.code, message: read.error });
        else given[column.key] = read.value;
      });
      const name = String(given.name ?? '').trim();
      const key = identityKey(name, String(given.municipality ?? ''));
      const target = existing.get(key);
      const values = tidy({ ...(target ? valuesOf(target) : EMPTY_PRACTICE), ...given } as PracticeValues);
      if (!target && given.region === undefined && !rowProblems.some((p) => p.column === headerOf('region'))) {
        rowProblems.push({ row: line.row, column: headerOf('region'), value: '', code: 'MISSING_REGION', message: tr.t('literatureErrors.practiceImport.noRegionColumn') });
      }
      const failed = new Set(rowProblems.map((p) => p.column));
      for (const p of checkPractice(values, tr)) {
        const column = headerOf(p.field as keyof PracticeValues);
        if (!failed.has(column)) rowProblems.push({ row: line.row, column, value: String(given[p.field as keyof PracticeValues] ?? ''), code: p.code, message: p.message });
      }
      if (name && firstRowOf.has(key)) {
        rowProblems.push({ row: line.row, column: headerOf('name'), value: name, code: 'DUPLICATE_ROW', otherRow: firstRowOf.get(key), message: tr.t('literatureErrors.practiceImport.duplicateRow', { row: firstRowOf.get(key) }) });
      } else if (name) firstRowOf.set(key, line.row);
      problems.push(...rowProblems);
      planned.push({ row: line.row, values, target });
    }
    if (problems.length > 0) {
      const rows = new Set(problems.map((p) => p.row)).size;
      throw badRequest('IMPORT_INVALID', 'literatureErrors.practiceImport.rowsInvalid', { count: rows }, { problems });
    }
    if (planned.length === 0) throw badRequest('IMPORT_EMPTY', 'literatureErrors.practiceImport.noRecords');

    const changes = new ChangeSet(trx);
    const report: PracticeImportReport = { created: 0, updated: 0, rows: [] };
    for (const { row, values, target } of planned) {
      if (target) {
        await changes.update('practice_records', target.id, { ...columnsOf(values), updated_at: nowIso() });
        report.updated += 1;
        report.rows.push({ row, id: target.id, name: values.name, status: 'updated' });
      } else {
        const created = await practices.insertIn(changes, projectId, userId, values);
        report.created += 1;
        report.rows.push({ row, id: created.id, name: values.name, status: 'created' });
      }
    }
    await changes.commit({ projectId, userId, type: 'practice.imported', entityType: 'project', entityId: projectId, after: { created: report.created, updated: report.updated } });
    return report;
  });
}
