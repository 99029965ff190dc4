import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, badRequest } from '../../errors';
import { translator, type Translator } from '../../i18n/translator';
import { newId, nowIso } from '../../shared/ids';
import { eventsRepository } from '../events/events.repository';
import { type BackupRow, corruptBackup, type ParsedBackup } from './backup-read';
import { IdRemapper } from './backup-remap';
import { BACKUP_TABLES, type BackupTable } from './backup-tables';

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** What a restore did, for the person who asked. */
export interface RestoreReport {
  project: { id: string; name: string; description: string; createdAt: string; updatedAt: string; role: 'owner' };
  originalName: string;
  backupCreatedAt: string;
  backupAppVersion: string;
  counts: Record<string, number>;
  /** People of the backup found on this server by e-mail: their work stays theirs, their role too. */
  matchedUsers: { email: string; name: string }[];
  /** People not found on this server: their work is now attributed to the restoring user. */
  reassignedUsers: { email: string; name: string }[];
  warnings: string[];
}

/** The columns of each table of this database (on PostgreSQL: of the schema in use only). */
async function tableColumns(db: Kysely<Database>): Promise<Map<string, Set<string>>> {
  let tables = await db.introspection.getTables();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    tables = tables.filter((t) => t.schema === rows[0]!.s);
  }
  return new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
}

/** Codes parents first, so that each code's parent exists when it is inserted. */
function parentsFirst(rows: BackupRow[]): BackupRow[] {
  const ids = new Set(rows.map((r) => r.id));
  const done = new Set<unknown>();
  const out: BackupRow[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const next = pending.filter((r) => r.parent_id !== null && ids.has(r.parent_id) && !done.has(r.parent_id));
    const ready = pending.filter((r) => !next.includes(r));
    if (ready.length === 0) throw corruptBackup('codebookCycle');
    for (const r of ready) {
      done.add(r.id);
      out.push(r);
    }
    pending = next;
  }
  return out;
}

async function freeName(db: Kysely<Database>, userId: string, name: string): Promise<string> {
  const rows = await db.selectFrom('projects').innerJoin('project_members', 'project_members.project_id', 'projects.id')
    .select('projects.name').where('project_members.user_id', '=', userId).execute();
  const taken = new Set(rows.map((r) => r.name.toLocaleLowerCase()));
  if (!taken.has(name.toLocaleLowerCase())) return name;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${name} (restored)` : `${name} (restored ${n})`;
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
}

/**
 * Restores a backup into a NEW project owned by `userId`, in one transaction: every id is new,
 * references and the undo history follow; people are matched by e-mail, others become the
 * restoring user. Nothing is written when anything fails.
 */
export async function restoreBackup(db: Kysely<Database>, backup: ParsedBackup, userId: string, tr: Translator = translator('en')): Promise<RestoreReport> {
  const remap = new IdRemapper(userId);
  const matchedUsers: RestoreReport['matchedUsers'] = [];
  const reassignedUsers: RestoreReport['reassignedUsers'] = [];
  const emails = backup.users.map((u) => u.email.toLowerCase());
  const accounts = emails.length === 0 ? [] : await db.selectFrom('users').select(['id', 'email']).execute();
  const byEmail = new Map(accounts.map((a) => [a.email.toLowerCase(), a.id]));
  for (const u of backup.users) {
    const found = byEmail.get(u.email.toLowerCase());
    if (found) matchedUsers.push({ email: u.email, name: u.name });
    else reassignedUsers.push({ email: u.email, name: u.name });
    remap.setUser(u.id, found ?? userId);
  }

  const columns = await tableColumns(db);
  const warnings: string[] = [];
  const original = backup.tables.get('projects')![0]!;
  const projectId = newId();
  remap.set(String(original.id), projectId);
  const now = nowIso();

  const translate = (table: BackupTable, row: BackupRow): Record<string, unknown> => {
    const known = columns.get(table.name)!;
    const out: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (!known.has(column)) {
        const warning = tr.t('exchange.warnings.unknownColumn', { column: `${table.name}.${column}` });
        if (!warnings.includes(warning)) warnings.push(warning);
        continue;
      }
      if (table.name === 'project_events' && column === 'id') continue;
      if (table.users?.includes(column)) out[column] = remap.user(value);
      else if (table.json?.includes(column)) out[column] = remap.json(value, table.name !== 'saved_queries');
      else if (column === 'event_id' || column === 'undone_by_event_id') out[column] = column === 'event_id' ? remap.event(value) : null;
      else if (table.name === 'document_originals' && column === 'bytes') {
        const bytes = backup.entries.get(String(value));
        if (!bytes) throw corruptBackup('originalMissing');
        out[column] = bytes;
      } else if ((column === 'id' || column.endsWith('_id')) && typeof value === 'string') out[column] = remap.ref(value);
      else out[column] = value;
    }
    return out;
  };

  const insertRows = async (trx: AnyDb, table: BackupTable, rows: Record<string, unknown>[]) => {
    if (rows.length === 0) return;
    const width = Math.max(1, Object.keys(rows[0]!).length);
    const batch = Math.max(1, Math.floor(2000 / width));
    for (let i = 0; i < rows.length; i += batch) await trx.insertInto(table.name).values(rows.slice(i, i + batch)).execute();
  };

  try {
    const project = await db.transaction().execute(async (trx) => {
      const any = trx as unknown as AnyDb;
      const name = await freeName(trx, userId, String(original.name));
      const projectRow = { ...translate(BACKUP_TABLES[0]!, original), id: projectId, name, updated_at: now };
      await any.insertInto('projects').values(projectRow).execute();
      for (const table of BACKUP_TABLES.slice(1)) {
        let rows = backup.tables.get(table.name)!;
        if (table.name === 'codes') rows = parentsFirst(rows);
        if (table.name === 'project_members') {
          const members = new Map<string, Record<string, unknown>>();
          for (const row of rows) {
            if (!backup.users.some((u) => u.id === row.user_id && byEmail.has(u.email.toLowerCase()))) continue;
            const member = translate(table, row);
            members.set(String(member.user_id), member);
          }
          members.set(userId, { project_id: projectId, user_id: userId, role: 'owner', created_at: now });
          await insertRows(any, table, [...members.values()]);
        } else if (table.name === 'project_events') {
          const undone: [number, unknown][] = [];
          for (const row of rows) {
            const inserted = await any.insertInto('project_events').values(translate(table, row)).returning('id').executeTakeFirstOrThrow();
            remap.events.set(Number(row.id), Number(inserted.id));
            if (row.undone_by_event_id !== null && row.undone_by_event_id !== undefined) undone.push([Number(inserted.id), row.undone_by_event_id]);
          }
          for (const [id, by] of undone) await any.updateTable('project_events').set({ undone_by_event_id: remap.event(by) }).where('id', '=', id).execute();
        } else {
          await insertRows(any, table, rows.map((row) => translate(table, row)));
        }
      }
      await eventsRepository.record(trx, {
        projectId, userId, type: 'project.restored', entityType: 'project', entityId: projectId,
        after: { name, originalName: original.name, backupCreatedAt: backup.manifest.createdAt, appVersion: backup.manifest.appVersion },
      });
      return { id: projectId, name, description: String(original.description ?? ''), createdAt: String(original.created_at), updatedAt: now, role: 'owner' as const };
    });
    const counts = Object.fromEntries(BACKUP_TABLES.map((t) => [t.name, backup.tables.get(t.name)!.length]));
    return {
      project, originalName: String(original.name), backupCreatedAt: backup.manifest.createdAt, backupAppVersion: backup.manifest.appVersion,
      counts, matchedUsers, reassignedUsers, warnings,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw badRequest('BACKUP_INVALID', 'exchangeErrors.backup.restoreFailed', { detail: (error as Error).message.slice(0, 200) });
  }
}
