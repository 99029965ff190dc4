import type { Static } from 'typebox';
import type {
  CreatePracticeBody, ImportProblemSchema, ImportReportSchema, PracticeFilter, PracticePageSchema, PracticeSchema, UpdatePracticeBody,
} from '../../../server/features/practices/practices.schemas';
import type { CrimeType, EvaluationStatus, EvidenceRating, PracticeRegion } from '../../../server/db/schema';
import { api, ApiError, uploadWithProgress } from './http';

export type Practice = Static<typeof PracticeSchema>;
export type PracticeInput = Static<typeof CreatePracticeBody>;
export type PracticeChanges = Static<typeof UpdatePracticeBody>;
export type PracticePage = Static<typeof PracticePageSchema>;
export type ImportProblem = Static<typeof ImportProblemSchema>;
export type ImportReport = Static<typeof ImportReportSchema>;
export type { CrimeType, EvaluationStatus, EvidenceRating, PracticeFilter, PracticeRegion };

export const REGIONS: PracticeRegion[] = ['flanders', 'wallonia', 'brussels', 'abroad'];
export const CRIME_TYPES: CrimeType[] = ['economic_compulsive', 'systemic', 'psychopharmacological'];
export const EVALUATION_STATUSES: EvaluationStatus[] = ['none', 'monitoring', 'process', 'outcome', 'impact'];
export const EVIDENCE_RATINGS: EvidenceRating[] = ['best_practice', 'promising', 'insufficient', 'not_effective'];
/** Statuses a Maryland SMS level applies to. */
export const SMS_STATUSES: EvaluationStatus[] = ['outcome', 'impact'];

/** A failed import: the server's 400 IMPORT_INVALID with the per-row problems. */
export class ImportFailed extends ApiError {
  constructor(status: number, code: string, message: string, readonly problems: ImportProblem[]) {
    super(status, code, message, { problems });
  }
}

const query = (filter: PracticeFilter) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
};

/** Practice records, their import/export and their links (themes, evidence, sources). */
export const practicesApi = {
  list: (projectId: string, filter: PracticeFilter = {}) => api.get<{ practices: Practice[] }>(`/api/projects/${projectId}/practices${query(filter)}`),
  create: (projectId: string, body: PracticeInput) => api.post<Practice>(`/api/projects/${projectId}/practices`, body),
  update: (projectId: string, id: string, body: PracticeChanges) => api.patch<Practice>(`/api/projects/${projectId}/practices/${id}`, body),
  remove: (projectId: string, id: string) => api.delete(`/api/projects/${projectId}/practices/${id}`),
  exportUrl: (projectId: string, format: 'csv' | 'xlsx', filter: PracticeFilter = {}) => `/api/projects/${projectId}/practices/export.${format}${query(filter)}`,
  importColumns: (projectId: string) => api.get<{ columns: { key: string; header: string; aliases: string[] }[] }>(`/api/projects/${projectId}/practices/import-columns`),
  templateUrl: (projectId: string, format: 'csv' | 'xlsx') => `/api/projects/${projectId}/practices/template.${format}`,

  /** Uploads a CSV or .xlsx file; rejects with `ImportFailed` (per-row problems) when nothing was imported. */
  async importFile(projectId: string, file: File, onProgress: (fraction: number) => void = () => {}): Promise<ImportReport> {
    const form = new FormData();
    form.append('file', file, file.name);
    const { status, body } = await uploadWithProgress<ImportReport & { error?: { code: string; message: string; details?: { problems?: ImportProblem[] } } }>(
      `/api/projects/${projectId}/practices/import`, form, onProgress);
    if (body.error) throw new ImportFailed(status, body.error.code, body.error.message, body.error.details?.problems ?? []);
    return body;
  },

  page: (projectId: string, id: string) => api.get<PracticePage>(`/api/projects/${projectId}/practices/${id}/page`),
  addTheme: (projectId: string, id: string, codeId: string, note = '') => api.post<PracticePage>(`/api/projects/${projectId}/practices/${id}/themes`, { codeId, note }),
  updateTheme: (projectId: string, id: string, linkId: string, note: string) => api.patch<PracticePage>(`/api/projects/${projectId}/practices/${id}/themes/${linkId}`, { note }),
  removeTheme: (projectId: string, id: string, linkId: string) => api.delete<PracticePage>(`/api/projects/${projectId}/practices/${id}/themes/${linkId}`),
  addEvidence: (projectId: string, id: string, linkId: string, segmentId: string, note = '') =>
    api.post<PracticePage>(`/api/projects/${projectId}/practices/${id}/themes/${linkId}/evidence`, { segmentId, note }),
  updateEvidence: (projectId: string, id: string, linkId: string, evidenceId: string, note: string) =>
    api.patch<PracticePage>(`/api/projects/${projectId}/practices/${id}/themes/${linkId}/evidence/${evidenceId}`, { note }),
  removeEvidence: (projectId: string, id: string, linkId: string, evidenceId: string) =>
    api.delete<PracticePage>(`/api/projects/${projectId}/practices/${id}/themes/${linkId}/evidence/${evidenceId}`),
  sourceChoices: (projectId: string) => api.get<{ sources: Omit<PracticePage['sources'][number], 'linkId'>[] }>(`/api/projects/${projectId}/practices/source-choices`),
  linkSource: (projectId: string, id: string, sourceId: string) => api.post<PracticePage>(`/api/projects/${projectId}/practices/${id}/sources`, { sourceId }),
  unlinkSource: (projectId: string, id: string, sourceId: string) => api.delete<PracticePage>(`/api/projects/${projectId}/practices/${id}/sources/${sourceId}`),
};
