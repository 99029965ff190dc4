import type { Kysely } from 'kysely';
import type { CodeRow, Database } from '../../db/schema';
import { translator, type Translator } from '../../i18n/translator';
import { nowIso } from '../../shared/ids';
import type { CodesService } from '../codes/codes.service';
import { ChangeSet } from '../history/change-set';
import type { RefiCode } from './refi-model';
import { splitCodeDescription } from './refi-plan';
import { readRefiCodebook } from './refi-read';

/** What a codebook import did: counts, and one line per code of the file. */
export interface QdcImportResult {
  created: number;
  updated: number;
  skipped: number;
  report: {
    codes: { path: string; status: 'created' | 'updated' | 'unchanged' }[];
    converted: string[];
    warnings: string[];
  };
}

const key = (name: string) => name.trim().toLocaleLowerCase();

/**
 * Imports a REFI-QDA codebook into an existing project as ONE undoable action: codes are matched
 * by their path (names compared without case); missing codes are created with their colour and
 * description, existing ones get the file's colour and description when they differ; nothing is
 * deleted. Codes in the project but not in the file are left as they are.
 */
export async function importQdcCodebook(db: Kysely<Database>, codes: CodesService, projectId: string, userId: string, xml: string, tr: Translator = translator('en')): Promise<QdcImportResult> {
  const tree = readRefiCodebook(xml);
  const result: QdcImportResult = { created: 0, updated: 0, skipped: 0, report: { codes: [], converted: [], warnings: [] } };
  return db.transaction().execute(async (trx) => {
    const changes = new ChangeSet(trx);
    const existing = await trx.selectFrom('codes').selectAll().where('project_id', '=', projectId).execute();
    const walk = async (list: RefiCode[], parent: CodeRow | null, path: string[]) => {
      for (const code of list) {
        const name = code.name.trim();
        if (!name) {
          result.skipped += 1;
          result.report.warnings.push(path.length ? tr.t('exchange.warnings.unnamedCodeUnder', { path: path.join(' > ') }) : tr.t('exchange.warnings.unnamedCode'));
          continue;
        }
        const here = [...path, name];
        const fields = { ...splitCodeDescription(code.description), ...(code.color ? { color: code.color } : {}) };
        let row = existing.find((c) => c.parent_id === (parent?.id ?? null) && key(c.name) === key(name));
        let status: 'created' | 'updated' | 'unchanged' = 'unchanged';
        if (!row) {
          row = await codes.createIn(changes, projectId, userId, { name, parentId: parent?.id ?? null, ...fields });
          existing.push(row);
          status = 'created';
          result.created += 1;
        } else {
          const patch: Partial<CodeRow> = {};
          for (const k of ['color', 'definition', 'inclusion', 'exclusion', 'example'] as const) {
            const value = (fields as Partial<Record<typeof k, string>>)[k];
            if (value !== undefined && value !== '' && value !== row[k]) patch[k] = value;
          }
          if (Object.keys(patch).length > 0) {
            await changes.update('codes', row.id, { ...patch, updated_at: nowIso() });
            Object.assign(row, patch);
            status = 'updated';
            result.updated += 1;
          } else result.skipped += 1;
        }
        result.report.codes.push({ path: here.join(' > '), status });
        await walk(code.children, row, here);
      }
    };
    await walk(tree, null, []);
    if (changes.changes.length > 0) {
      await changes.commit({ projectId, userId, type: 'codebook.imported', entityType: 'project', entityId: projectId, after: { format: 'qdc', created: result.created, updated: result.updated } });
    }
    if (result.skipped > 0) result.report.converted.push(tr.t('exchange.converted.unchangedCodes', { count: result.skipped, formatted: tr.number(result.skipped) }));
    return result;
  });
}
