import { ApiError, uploadWithProgress } from '../../api/http';
import type { Project } from '../../api/types';
import type { RefiImportReport } from '../../../../server/features/exchange/refi-import';

// The report's shape is the server's own (server/features/exchange/refi-import.ts).
export type { RefiImportReport };

/** The report of a .qdc codebook import. */
export interface QdcImportResult {
  created: number;
  updated: number;
  skipped: number;
  report: { codes: { path: string; status: 'created' | 'updated' | 'unchanged' }[]; converted: string[]; warnings: string[] };
}

async function send<T>(url: string, file: File, expected: number, onProgress: (fraction: number) => void): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { status, body } = await uploadWithProgress<T & { error?: { code: string; message: string } }>(url, form, onProgress);
  if (status !== expected || body.error) throw new ApiError(status, body.error?.code ?? `HTTP_${status}`, body.error?.message ?? `The server answered ${status}.`);
  return body;
}

/** REFI-QDA imports (server: server/features/exchange/refi-import.routes.ts). */
export const refiImportApi = {
  /** Uploads a .qdpx or .qde with progress; resolves with the new project and the import report. */
  importProject: (file: File, onProgress: (fraction: number) => void) =>
    send<{ project: Project; report: RefiImportReport }>('/api/projects/import', file, 201, onProgress),
  /** Uploads a .qdc codebook into a project with progress. */
  importCodebook: (projectId: string, file: File, onProgress: (fraction: number) => void) =>
    send<QdcImportResult>(`/api/projects/${projectId}/codebook.qdc`, file, 200, onProgress),
};
