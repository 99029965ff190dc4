import { api } from './http';

export interface Metrics {
  percent: number | null;
  cohenKappa: number | null;
  krippendorffAlpha: number | null;
  brennanPrediger: number | null;
}
export interface Counts {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}
export interface AgreementResult {
  coders: { id: string; name: string }[];
  documents: { id: string; name: string; length: number }[];
  pooled: Metrics & { counts: Counts };
  perCode: (Metrics & {
    codeId: string; name: string; path: string; counts: Counts; unitizingAlpha: number | null; fleissKappa: number | null; multiAlpha: number | null;
    documentLevel: { percent: number | null; cohenKappa: number | null; krippendorffAlpha: number | null };
  })[];
  cells: (Metrics & { codeId: string; documentId: string; counts: Counts; unitizingAlpha: number | null })[];
}
export interface Disagreement {
  start: number;
  end: number;
  text: string;
  a: { segmentId: string; start: number; end: number; exact: string }[];
  b: { segmentId: string; start: number; end: number; exact: string }[];
}
export interface SaturationResult {
  options: { baseSize: number; runLength: number; threshold: number };
  interviews: { documentId: string; name: string; interviewDate: string | null; respondentGroup: string | null; codes: number; newCodes: { id: string; name: string }[]; cumulative: number }[];
  guest: { reached: boolean; label: string | null; baseCodes: number; saturationIndex: number | null; runs: { start: number; end: number; newCodes: string[]; ratio: number | null }[] };
  sensitivity: { baseSize: number; runLength: number; threshold: number; reached: boolean; label: string | null; saturationIndex: number | null }[];
  firstAppearances: { codeId: string; name: string; documentId: string; documentName: string; position: number; interviews: number }[];
  byGroup: { group: string; interviews: number; label: string | null; reached: boolean; curve: number[] }[];
  byCoder: { coderId: string; name: string; interviews: number; label: string | null; reached: boolean; curve: number[] }[];
}
export interface CodeLabel {
  codeId: string;
  name: string;
  path: string;
  color: string;
}

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();
  return s ? `?${s}` : '';
};

/** Team review: agreement, saturation and the code tables. */
export const analysisApi = {
  agreement: (projectId: string, params: { coderIds?: string; documentIds?: string; codeIds?: string } = {}) => api.get<AgreementResult>(`/api/projects/${projectId}/analysis/agreement${q(params)}`),
  disagreements: (projectId: string, params: { documentId: string; codeId: string; coderA: string; coderB: string }) =>
    api.get<{ disagreements: Disagreement[] }>(`/api/projects/${projectId}/analysis/disagreements${q(params)}`),
  resolve: (projectId: string, body: { documentId: string; codeId: string; coderA: string; coderB: string; start: number; end: number; action: 'accept-a' | 'accept-b' | 'merge' }) =>
    api.post<void>(`/api/projects/${projectId}/analysis/disagreements/resolve`, body),
  saturation: (projectId: string, params: Record<string, string | number | undefined> = {}) => api.get<SaturationResult>(`/api/projects/${projectId}/analysis/saturation${q(params)}`),
  frequencies: (projectId: string) => api.get<{ codes: (CodeLabel & { segments: number; documents: number; respondents: number; coders: number })[] }>(`/api/projects/${projectId}/analysis/frequencies`),
  crosstab: (projectId: string, attribute: string, unit: 'documents' | 'segments') => api.get<{
    attribute: string; attributeName: string; unit: string; columns: string[]; columnTotals: number[];
    rows: (CodeLabel & { total: number; cells: { count: number; rowPercent: number | null; columnPercent: number | null }[] })[];
  }>(`/api/projects/${projectId}/analysis/crosstab${q({ attribute, unit })}`),
  cooccurrence: (projectId: string, mode: 'overlap' | 'turn', limit = 20) => api.get<{ mode: string; codes: CodeLabel[]; matrix: number[][] }>(`/api/projects/${projectId}/analysis/cooccurrence${q({ mode, limit })}`),
  exportUrl: (projectId: string, view: string, format: 'csv' | 'xlsx', params: Record<string, string | number | undefined> = {}) => `/api/projects/${projectId}/analysis/${view}${q({ ...params, format })}`,
};
