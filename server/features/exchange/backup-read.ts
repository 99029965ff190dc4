import { createHash } from 'node:crypto';
import { badRequest } from '../../errors';
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

const notABackup = (why: string) => badRequest('NOT_A_BACKUP', `This file is not a workbench backup (${why}). Choose a file made with "Download a backup".`);
const corrupt = (why: string) => badRequest('BACKUP_CORRUPT', `This backup file is damaged and cannot be restored (${why}). Download a new backup from the original project.`);

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw corrupt(`${what} is not valid JSON`);
  }
}

function checkManifest(value: unknown): BackupManifest {
  const m = value as Partial<BackupManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== BACKUP_FORMAT) throw notABackup('its manifest is not that of a workbench backup');
  if (typeof m.formatVersion !== 'number' || !Number.isInteger(m.formatVersion) || m.formatVersion < 1) throw corrupt('the manifest has no valid format version');
  if (m.formatVersion > BACKUP_FORMAT_VERSION) {
    throw badRequest('BACKUP_TOO_NEW', `This backup was made by a newer version of the workbench (${String(m.appVersion ?? 'unknown')}, backup format ${m.formatVersion}); this server reads format ${BACKUP_FORMAT_VERSION}. Update the workbench first.`);
  }
  if (!m.files || typeof m.files !== 'object' || !m.counts || typeof m.counts !== 'object' || !m.project || typeof m.project.name !== 'string') throw corrupt('the manifest is incomplete');
  return m as BackupManifest;
}

function parseLines(bytes: Buffer, table: string): BackupRow[] {
  const rows: BackupRow[] = [];
  for (const [i, line] of bytes.toString('utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw corrupt(`line ${i + 1} of ${table} is not valid JSON`);
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw corrupt(`line ${i + 1} of ${table} is not a row`);
    for (const [key, value] of Object.entries(row)) {
      if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw corrupt(`${table}.${key} on line ${i + 1} holds an unexpected value`);
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
  if (!manifestBytes) throw notABackup('it has no manifest.json');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw notABackup('its manifest.json is not valid JSON');
  }
  const manifest = checkManifest(manifestJson);
  for (const [name, hash] of Object.entries(manifest.files)) {
    const entry = entries.get(name);
    if (!entry) throw corrupt(`"${name}" is missing`);
    if (createHash('sha256').update(entry).digest('hex') !== hash) throw corrupt(`"${name}" does not match its checksum`);
  }
  const known = new Set<string>(BACKUP_TABLES.map((t) => t.name));
  const unknown = Object.keys(manifest.counts).filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw badRequest('BACKUP_TOO_NEW', `This backup holds data this version of the workbench does not know (${unknown.join(', ')}). Update the workbench first.`);
  }
  const tables = new Map<string, BackupRow[]>();
  for (const table of BACKUP_TABLES) {
    const entry = entries.get(tableEntry(table.name));
    if (table.optional && !entry && manifest.counts[table.name] === undefined) {
      tables.set(table.name, []); // left out on purpose (the key list without includeKeyList), or an older backup
      continue;
    }
    if (!entry || manifest.files[tableEntry(table.name)] === undefined) throw corrupt(`the table ${table.name} is missing`);
    const rows = parseLines(entry, table.name);
    if (rows.length !== manifest.counts[table.name]) throw corrupt(`${table.name} has ${rows.length} rows, the manifest says ${manifest.counts[table.name]}`);
    tables.set(table.name, rows);
  }
  if (tables.get('projects')!.length !== 1) throw corrupt('it must hold exactly one project');
  const users = parseJson(entries.get(USERS_ENTRY) ?? Buffer.from('[]'), USERS_ENTRY);
  if (!Array.isArray(users) || users.some((u) => !u || typeof u.id !== 'string' || typeof u.email !== 'string' || typeof u.name !== 'string')) {
    throw corrupt('users.json is not a list of users');
  }
  return { manifest, users: users as BackupUser[], tables, entries };
}
