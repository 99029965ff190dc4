import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import yazl from 'yazl';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import { nowIso } from '../../shared/ids';
import { APP_VERSION } from '../../version';
import {
  BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest, type BackupUser, MANIFEST_ENTRY, originalEntry, tableEntry, USERS_ENTRY,
} from './backup-format';
import { BACKUP_TABLES, selectProjectRows } from './backup-tables';

type Row = Record<string, unknown>;

// PostgreSQL answers bigint columns as strings: event ids are numbers in the file.
const INTEGER_IDS: Record<string, string[]> = { project_events: ['id', 'undone_by_event_id'], event_changes: ['event_id'] };

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function zipToBuffer(zip: yazl.ZipFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
    zip.end();
  });
}

/**
 * The whole project as one zip: `manifest.json` (format, versions, date, counts, checksums),
 * `users.json` (every account the rows refer to, by e-mail and name), one JSON Lines file per
 * table under `tables/`, and the imported files' bytes under `originals/`. The pseudonymisation key
 * list is left out unless `includeKeyList` (then `tables/pseudonym_entries.jsonl`).
 */
export async function buildBackup(
  db: Kysely<Database>, projectId: string, createdBy: string | null, options: { includeKeyList?: boolean } = {},
): Promise<{ name: string; bytes: Buffer }> {
  const project = await db.selectFrom('projects').select(['id', 'name']).where('id', '=', projectId).executeTakeFirst();
  if (!project) throw notFound('project');
  const zip = new yazl.ZipFile();
  const files: Record<string, string> = {};
  const counts: Record<string, number> = {};
  const userIds = new Set<string>();
  const entries: [string, Buffer][] = [];
  const add = (name: string, bytes: Buffer) => {
    files[name] = sha256(bytes);
    entries.push([name, bytes]);
  };

  for (const table of BACKUP_TABLES.filter((t) => !t.optional || options.includeKeyList)) {
    const rows = await selectProjectRows(db, table, projectId);
    for (const column of INTEGER_IDS[table.name] ?? []) for (const row of rows) if (row[column] !== null) row[column] = Number(row[column]);
    for (const column of table.users ?? []) for (const row of rows) if (typeof row[column] === 'string') userIds.add(row[column] as string);
    const lines = rows.map((row: Row) => {
      if (table.name !== 'document_originals') return JSON.stringify(row);
      const bytes = Buffer.from(row.bytes as Uint8Array);
      const entry = originalEntry(row.document_id as string);
      add(entry, bytes);
      return JSON.stringify({ document_id: row.document_id, media_type: row.media_type, bytes: entry });
    });
    counts[table.name] = rows.length;
    add(tableEntry(table.name), Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'));
  }

  const users: BackupUser[] = userIds.size === 0 ? [] : await db.selectFrom('users').select(['id', 'email', 'name']).where('id', 'in', [...userIds]).orderBy('email').execute();
  add(USERS_ENTRY, Buffer.from(JSON.stringify(users, null, 1), 'utf8'));
  const author = createdBy ? await db.selectFrom('users').select('email').where('id', '=', createdBy).executeTakeFirst() : undefined;
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, appVersion: APP_VERSION, createdAt: nowIso(),
    createdBy: author?.email ?? null, project: { id: project.id, name: project.name }, counts, files,
  };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'), MANIFEST_ENTRY);
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  return { name: project.name, bytes: await zipToBuffer(zip) };
}
