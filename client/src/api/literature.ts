import type { Static } from 'typebox';
import type { CoverageSchema, GapPageSchema, GapSchema, ImportReportSchema, SourceSchema } from '../../../server/features/literature/literature.schemas';
import { api, ApiError, uploadWithProgress } from './http';

export type Source = Static<typeof SourceSchema>;
export type Gap = Static<typeof GapSchema> & { codeIds?: string[] };
export type GapPage = Static<typeof GapPageSchema>;
export type Coverage = Static<typeof CoverageSchema>;
export type ImportReport = Static<typeof ImportReportSchema>;
export type Focus = Source['focus'];
/** A source as the form sends it: authors as "Family, Given; Family, Given". */
export type SourceInput = Omit<Partial<Source>, 'authors'> & { title: string; authors?: string };
export type GapFilter = { focus?: string; scope?: string; status?: string };

const base = (projectId: string) => `/api/projects/${projectId}/literature`;
const qs = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return s ? `?${s}` : '';
};

/** Literature sources, gaps with code links and evidence, coverage and the gap report. */
export const literatureApi = {
  sources: (projectId: string, filter: { focus?: string; q?: string } = {}) => api.get<{ sources: Source[] }>(`${base(projectId)}/sources${qs(filter)}`),
  createSource: (projectId: string, body: SourceInput) => api.post<Source>(`${base(projectId)}/sources`, body),
  updateSource: (projectId: string, id: string, body: Partial<SourceInput>) => api.patch<Source>(`${base(projectId)}/sources/${id}`, body),
  sourceUsage: (projectId: string, id: string) => api.get<{ gapCount: number; practiceCount: number }>(`${base(projectId)}/sources/${id}/usage`),
  deleteSource: (projectId: string, id: string) => api.delete<{ gapCount: number; practiceCount: number }>(`${base(projectId)}/sources/${id}`),
  /** Imports .bib/.ris files; throws ApiError with the server's message on 4xx. */
  importSources: async (projectId: string, files: File[], focus: string) => {
    const form = new FormData();
    form.append('focus', focus);
    for (const f of files) form.append('files', f, f.name);
    const { status, body } = await uploadWithProgress<ImportReport & { error?: { code: string; message: string } }>(`${base(projectId)}/sources/import`, form, () => {});
    if (status >= 400) throw new ApiError(status, body.error?.code ?? 'ERROR', body.error?.message ?? String(status));
    return body as ImportReport;
  },
  bibtexUrl: (projectId: string, focus?: string) => `${base(projectId)}/sources.bib${qs({ focus })}`,

  gaps: (projectId: string, filter: GapFilter = {}) => api.get<{ gaps: Gap[] }>(`${base(projectId)}/gaps${qs(filter)}`),
  createGap: (projectId: string, body: Partial<Gap>) => api.post<Gap>(`${base(projectId)}/gaps`, body),
  updateGap: (projectId: string, id: string, body: Partial<Gap>) => api.patch<Gap>(`${base(projectId)}/gaps/${id}`, body),
  reorderGaps: (projectId: string, gapIds: string[]) => api.post<void>(`${base(projectId)}/gaps/order`, { gapIds }),
  deleteGap: (projectId: string, id: string) => api.delete(`${base(projectId)}/gaps/${id}`),
  gapPage: (projectId: string, id: string, passageLimit = 10) => api.get<GapPage>(`${base(projectId)}/gaps/${id}?passageLimit=${passageLimit}`),
  linkCode: (projectId: string, gapId: string, body: { codeId: string; relation: string; note?: string }) => api.post<GapPage>(`${base(projectId)}/gaps/${gapId}/codes`, body),
  updateLink: (projectId: string, gapId: string, linkId: string, body: { relation?: string; note?: string }) => api.patch<GapPage>(`${base(projectId)}/gaps/${gapId}/codes/${linkId}`, body),
  unlinkCode: (projectId: string, gapId: string, linkId: string) => api.delete(`${base(projectId)}/gaps/${gapId}/codes/${linkId}`),
  addEvidence: (projectId: string, gapId: string, linkId: string, body: { segmentId: string; note?: string }) =>
    api.post<{ id: string; codedWithLink: boolean; warning: string | null }>(`${base(projectId)}/gaps/${gapId}/codes/${linkId}/evidence`, body),
  removeEvidence: (projectId: string, gapId: string, linkId: string, evidenceId: string) => api.delete(`${base(projectId)}/gaps/${gapId}/codes/${linkId}/evidence/${evidenceId}`),

  coverage: (projectId: string, filter: GapFilter = {}) => api.get<Coverage>(`${base(projectId)}/coverage${qs(filter)}`),
  coverageUrl: (projectId: string, format: 'csv' | 'xlsx', filter: GapFilter = {}) => `${base(projectId)}/coverage.${format}${qs(filter)}`,
  reportUrl: (projectId: string, format: 'html' | 'xlsx', filter: GapFilter = {}) => `${base(projectId)}/gaps/report.${format}${qs(filter)}`,
};
