import { AppError, badRequest } from '../../errors';
import { readZipSafely } from './safe-zip';

export interface ZipLimits {
  /** Most entries accepted. */
  maxEntries: number;
  /** Most bytes accepted once decompressed, all entries together (counted while inflating, not trusted from headers). */
  maxTotalBytes: number;
}

export const BACKUP_ZIP_LIMITS: ZipLimits = { maxEntries: 50_000, maxTotalBytes: 2 * 1024 ** 3 };

/** The archive reader's refusals, said of a backup (same params, the backup's sentence). */
const AS_BACKUP: Record<string, (error: AppError) => AppError> = {
  ARCHIVE_DAMAGED: (e) => (e.messageParams?.why === 'notZip'
    ? badRequest('NOT_A_BACKUP', 'exchangeErrors.backup.notABackup', { why: 'notZip' })
    : badRequest('BACKUP_CORRUPT', 'exchangeErrors.backup.unreadable', e.messageParams)),
  ARCHIVE_UNSAFE: (e) => badRequest('BACKUP_UNSAFE', 'exchangeErrors.backup.unsafe', e.messageParams),
  ARCHIVE_TOO_LARGE: (e) => badRequest('BACKUP_TOO_LARGE', e.messageKey === 'exchangeErrors.archive.tooManyFiles'
    ? 'exchangeErrors.backup.tooManyFiles' : 'exchangeErrors.backup.tooLarge', e.messageParams),
};

/**
 * Reads every file entry of a backup zip into memory through the safe archive reader (caps on
 * entries and on decompressed size counted while inflating, no unsafe names, no duplicates).
 * Throws 400 NOT_A_BACKUP, BACKUP_CORRUPT, BACKUP_UNSAFE or BACKUP_TOO_LARGE.
 */
export async function readZipEntries(bytes: Buffer, limits: ZipLimits = BACKUP_ZIP_LIMITS): Promise<Map<string, Buffer>> {
  try {
    return await readZipSafely(bytes, { ...limits, maxEntryBytes: limits.maxTotalBytes });
  } catch (error) {
    const translate = error instanceof AppError ? AS_BACKUP[error.code] : undefined;
    throw translate ? translate(error as AppError) : error;
  }
}
