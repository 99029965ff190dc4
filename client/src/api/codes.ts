import { api, ApiError, uploadWithProgress } from './http';
import type { CodeFields } from '../../../server/features/codes/codes.service';
import type { RetrievalFilter } from '../../../server/features/retrieval/retrieval.service';
import type { Code, RetrievedSegment } from './types';

export type { CodeFields, RetrievalFilter };

export interface CodebookImportReport {
  created: number;
  updated: number;
  rows: { line: number; path: string; status: string; message?: string }[];
}

const query = (filter: RetrievalFilter) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '' && v !== false) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
};

/** The codebook and retrieval. */
export const codesApi = {
  list: (projectId: string) => api.get<{ codes: Code[] }>(`/api/projects/${projectId}/codes`),
  create: (projectId: string, body: CodeFields & { name: string; parentId?: string | null }) => api.post<Code>(`/api/projects/${projectId}/codes`, body),
  update: (projectId: string, id: string, body: CodeFields) => api.patch<Code>(`/api/projects/${projectId}/codes/${id}`, body),
  move: (projectId: string, id: string, parentId: string | null, position?: number) =>
    api.post<Code>(`/api/projects/${projectId}/codes/${id}/move`, { parentId, ...(position === undefined ? {} : { position }) }),
  merge: (projectId: string, id: string, targetId: string) =>
    api.post<{ target: Code; moved: number; collapsed: number }>(`/api/projects/${projectId}/codes/${id}/merge`, { targetId }),
  deleteImpact: (projectId: string, id: string) => api.get<{ codes: number; codings: number; segments: number }>(`/api/projects/${projectId}/codes/${id}/delete-impact`),
  remove: (projectId: string, id: string) => api.delete<{ codes: number; codings: number }>(`/api/projects/${projectId}/codes/${id}`),
  exportUrl: (projectId: string) => `/api/projects/${projectId}/codebook.csv`,
  async importCsv(projectId: string, file: File): Promise<CodebookImportReport> {
    const form = new FormData();
    form.append('file', file, file.name);
    const { status, body } = await uploadWithProgress<CodebookImportReport & { error?: { code: string; message: string } }>(`/api/projects/${projectId}/codebook.csv`, form, () => {});
    if (body.error) throw new ApiError(status, body.error.code, body.error.message);
    return body;
  },
  segments: (projectId: string, codeId: string, filter: RetrievalFilter = {}) =>
    api.get<{ segments: RetrievedSegment[] }>(`/api/projects/${projectId}/codes/${codeId}/segments${query(filter)}`),
  segmentsExportUrl: (projectId: string, codeId: string, format: 'csv' | 'xlsx', filter: RetrievalFilter = {}) =>
    `/api/projects/${projectId}/codes/${codeId}/segments.${format}${query(filter)}`,
};
