import { ApiError, uploadWithProgress } from '../../api/http';
import type { RestoreReport } from '../../../../server/features/exchange/backup-restore';

/** The tables a project exports as CSV or .xlsx. */
export const EXPORT_TABLES = ['documents', 'codebook', 'segments', 'memos'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** What a restore brought back (the server's shape: server/features/exchange/backup-restore.ts). */
export type { RestoreReport };

/** Backups and table exports (server: server/features/exchange/backup.routes.ts, tables.routes.ts). */
export const backupApi = {
  backupUrl: (projectId: string) => `/api/projects/${projectId}/backup`,
  exportUrl: (projectId: string, table: ExportTable, format: 'csv' | 'xlsx') => `/api/projects/${projectId}/exports/${table}.${format}`,

  /** Uploads a backup file with progress; resolves with the restore report, rejects with the server's ApiError. */
  async restore(file: File, onProgress: (fraction: number) => void): Promise<RestoreReport> {
    const form = new FormData();
    form.append('file', file, file.name);
    const { status, body } = await uploadWithProgress<RestoreReport & { error?: { code: string; message: string } }>('/api/projects/restore', form, onProgress);
    if (status !== 201 || body.error) throw new ApiError(status, body.error?.code ?? `HTTP_${status}`, body.error?.message ?? `The server answered ${status}.`);
    return body;
  },
};
