/** The format of a workbench backup file (a zip). Bump FORMAT_VERSION when a restore of older files needs conversion. */
export const BACKUP_FORMAT = 'socprev-workbench-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** `manifest.json`, the first entry of a backup. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  /** Who made the backup (e-mail), for the restore report. */
  createdBy: string | null;
  project: { id: string; name: string };
  /** Rows per table, as written. */
  counts: Record<string, number>;
  /** sha256 (hex) of every other entry, to detect a damaged file. */
  files: Record<string, string>;
}

/** One user the project's rows refer to, as written in `users.json`. */
export interface BackupUser {
  id: string;
  email: string;
  name: string;
}

/** Entry names inside the zip. */
export const tableEntry = (table: string) => `tables/${table}.jsonl`;
export const originalEntry = (documentId: string) => `originals/${documentId}.bin`;
export const MANIFEST_ENTRY = 'manifest.json';
export const USERS_ENTRY = 'users.json';
