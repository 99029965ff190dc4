import type { Static } from 'typebox';
import type {
  AssessmentSchema, CriteriaMatrixSchema, CriterionSchema, DeriveResultSchema, InventorySummarySchema, ReportFilter, ThemeMatrixSchema,
} from '../../../server/features/assessment/assessment.schemas';
import { api } from './http';

export type Criterion = Static<typeof CriterionSchema>;
export type Assessment = Static<typeof AssessmentSchema>;
export type CriteriaMatrix = Static<typeof CriteriaMatrixSchema>;
export type ThemeMatrix = Static<typeof ThemeMatrixSchema>;
export type InventorySummary = Static<typeof InventorySummarySchema>;
export type DeriveResult = Static<typeof DeriveResultSchema>;
export type ReportFilters = Static<typeof ReportFilter>;
export type Score = NonNullable<Assessment['score']>;

export const SCORES: Score[] = ['met', 'partly', 'not_met', 'unknown'];
/** Symbols that carry a score without colour (colour-blind safe). */
export const SCORE_SYMBOLS: Record<Score, string> = { met: '✔', partly: '◐', not_met: '✖', unknown: '?' };

/** `?crimeType=…&region=…&rating=…` for the filters that are set. */
export function filterQuery(filters: ReportFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

const cell = (projectId: string, practiceId: string, criterionId: string) => `/api/projects/${projectId}/assessment/scores/${practiceId}/${criterionId}`;

/** The assessment protocol: criteria, scores with evidence, matrices and the inventory report. */
export const assessmentApi = {
  criteria: (projectId: string) => api.get<{ criteria: Criterion[] }>(`/api/projects/${projectId}/assessment/criteria`),
  createCriterion: (projectId: string, body: { name: string; description?: string; codeId?: string | null }) =>
    api.post<Criterion>(`/api/projects/${projectId}/assessment/criteria`, body),
  updateCriterion: (projectId: string, id: string, body: { name?: string; description?: string; codeId?: string | null }) =>
    api.patch<Criterion>(`/api/projects/${projectId}/assessment/criteria/${id}`, body),
  deleteCriterion: (projectId: string, id: string) => api.delete(`/api/projects/${projectId}/assessment/criteria/${id}`),
  reorder: (projectId: string, criterionIds: string[]) => api.request<{ criteria: Criterion[] }>('PUT', `/api/projects/${projectId}/assessment/criteria/order`, { criterionIds }),
  derive: (projectId: string, codeIds: string[]) => api.post<DeriveResult>(`/api/projects/${projectId}/assessment/criteria/derive`, { codeIds }),

  score: (projectId: string, practiceId: string, criterionId: string) => api.get<Assessment>(cell(projectId, practiceId, criterionId)),
  setScore: (projectId: string, practiceId: string, criterionId: string, score: Score, note?: string) =>
    api.request<Assessment>('PUT', cell(projectId, practiceId, criterionId), { score, note }),
  clearScore: (projectId: string, practiceId: string, criterionId: string) => api.delete(cell(projectId, practiceId, criterionId)),
  addEvidence: (projectId: string, practiceId: string, criterionId: string, segmentId: string, note = '') =>
    api.post<Assessment>(`${cell(projectId, practiceId, criterionId)}/evidence`, { segmentId, note }),
  removeEvidence: (projectId: string, practiceId: string, criterionId: string, evidenceId: string) =>
    api.delete<Assessment>(`${cell(projectId, practiceId, criterionId)}/evidence/${evidenceId}`),

  matrix: (projectId: string, filters: ReportFilters) => api.get<CriteriaMatrix>(`/api/projects/${projectId}/assessment/matrix${filterQuery(filters)}`),
  themes: (projectId: string, filters: ReportFilters) => api.get<ThemeMatrix>(`/api/projects/${projectId}/assessment/themes${filterQuery(filters)}`),
  matrixUrl: (projectId: string, kind: 'matrix' | 'themes', format: 'csv' | 'xlsx', filters: ReportFilters) =>
    `/api/projects/${projectId}/assessment/${kind}.${format}${filterQuery(filters)}`,

  inventory: (projectId: string, filters: ReportFilters) => api.get<InventorySummary>(`/api/projects/${projectId}/inventory${filterQuery(filters)}`),
  inventoryUrl: (projectId: string, format: 'html' | 'xlsx', filters: ReportFilters) => `/api/projects/${projectId}/inventory.${format}${filterQuery(filters)}`,
};
