import { createHash } from 'node:crypto';
import { badRequest } from '../../errors';
import type { ErrorMessages } from '../../i18n/messages';
import {
  BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupManifest, type BackupUser, MANIFEST_ENTRY, tableEntry, USERS_ENTRY,
} from './backup-format';
import { BACKUP_TABLES } from './backup-tables';
import { readZipEntries } from './backup-zip-reader';

export type BackupRow = Record<string, string | number | null>;

/** A backup read and checked, ready to restore. */
export interface ParsedBackup {
  manifest: BackupManifest;
  users: BackupUser[];
  tables: Map<string, BackupRow[]>;
  /** The zip's entries (for the originals' bytes). */
  entries: Map<string, Buffer>;
}

type ErrorsOfBackups = ErrorMessages['exchangeErrors']['backup'];

const notABackup = (why: keyof ErrorsOfBackups['notABackupWhy']) => badRequest('NOT_A_BACKUP', 'exchangeErrors.backup.notABackup', { why });

/** 400 BACKUP_CORRUPT, saying what is wrong (`exchangeErrors.backup.corruptWhy.<why>`, with its params). */
export const corruptBackup = (why: keyof ErrorsOfBackups['corruptWhy'], params: Record<string, string | number> = {}) =>
  badRequest('BACKUP_CORRUPT', 'exchangeErrors.backup.corrupt', { why, ...params });

function parseJson(text: string, onError: () => Error): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw onError();
  }
}

function checkManifest(value: unknown): BackupManifest {
  const m = value as Partial<BackupManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== BACKUP_FORMAT) throw notABackup('foreignManifest');
  if (typeof m.formatVersion !== 'number' || !Number.isInteger(m.formatVersion) || m.formatVersion < 1) throw corruptBackup('noFormatVersion');
  if (m.formatVersion > BACKUP_FORMAT_VERSION) {
    const versions = { version: m.appVersion, format: m.formatVersion, supported: BACKUP_FORMAT_VERSION };
    throw badRequest('BACKUP_TOO_NEW', m.appVersion ? 'exchangeErrors.backup.tooNew' : 'exchangeErrors.backup.tooNewFormat', versions);
  }
  if (!m.files || typeof m.files !== 'object' || !m.counts || typeof m.counts !== 'object' || !m.project || typeof m.project.name !== 'string') throw corruptBackup('manifestIncomplete');
  return m as BackupManifest;
}

function parseLines(bytes: Buffer, table: string): BackupRow[] {
  const rows: BackupRow[] = [];
  for (const [i, line] of bytes.toString('utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = { line: i + 1, table };
    const row = parseJson(line, () => corruptBackup('lineNotJson', where));
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw corruptBackup('lineNotRow', where);
    for (const [key, value] of Object.entries(row)) {
      if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw corruptBackup('unexpectedValue', { column: `${table}.${key}`, line: i + 1 });
    }
    rows.push(row as BackupRow);
  }
  return rows;
}

/**
 * Opens a backup file: a safe zip read, the manifest checked (format, version), every entry
 * checked against its sha256, every table parsed and counted. Throws clear 400s (NOT_A_BACKUP,
 * BACKUP_TOO_NEW, BACKUP_CORRUPT, BACKUP_UNSAFE, BACKUP_TOO_LARGE).
 */
export async function readBackup(bytes: Buffer): Promise<ParsedBackup> {
  const entries = await readZipEntries(bytes);
  const manifestBytes = entries.get(MANIFEST_ENTRY);
  if (!manifestBytes) throw notABackup('noManifest');
  const manifest = checkManifest(parseJson(manifestBytes.toString('utf8'), () => notABackup('manifestNotJson')));
  for (const [name, hash] of Object.entries(manifest.files)) {
    const entry = entries.get(name);
    if (!entry) throw corruptBackup('entryMissing', { name });
    if (createHash('sha256').update(entry).digest('hex') !== hash) throw corruptBackup('checksum', { name });
  }
  const known = new Set<string>(BACKUP_TABLES.map((t) => t.name));
  const unknown = Object.keys(manifest.counts).filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw badRequest('BACKUP_TOO_NEW', 'exchangeErrors.backup.unknownTables', { tables: unknown.join(', ') });
  }
  const tables = new Map<string, BackupRow[]>();
  for (const table of BACKUP_TABLES) {
    const entry = entries.get(tableEntry(table.name));
    if (table.optional && !entry && manifest.counts[table.name] === undefined) {
      tables.set(table.name, []); // left out on purpose (the key list without includeKeyList), or an older backup
      continue;
    }
    if (!entry || manifest.files[tableEntry(table.name)] === undefined) throw corruptBackup('tableMissing', { table: table.name });
    const rows = parseLines(entry, table.name);
    if (rows.length !== manifest.counts[table.name]) throw corruptBackup('rowCount', { table: table.name, rows: rows.length, expected: String(manifest.counts[table.name]) });
    tables.set(table.name, rows);
  }
  if (tables.get('projects')!.length !== 1) throw corruptBackup('projectCount');
  const users = parseJson(entries.get(USERS_ENTRY)?.toString('utf8') ?? '[]', () => corruptBackup('usersNotJson'));
  if (!Array.isArray(users) || users.some((u) => !u || typeof u.id !== 'string' || typeof u.email !== 'string' || typeof u.name !== 'string')) {
    throw corruptBackup('usersNotList');
  }
  return { manifest, users: users as BackupUser[], tables, entries };
}
