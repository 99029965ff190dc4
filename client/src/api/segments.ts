import { api } from './http';
import type { CompactSegmentList, CorrectionReport, HistoryEntry, Memo, MemoTarget, Segment } from './types';

/** Coding passages, corrections, memos and undo/redo. */
export const segmentsApi = {
  /** A document's segments in compact form, as the reader draws them (expand with `expandSegments`); the full form is `GET …/segments`. */
  compact: (documentId: string) => api.get<CompactSegmentList>(`/api/documents/${documentId}/segments/compact`),
  code: (documentId: string, body: { start: number; end: number; exact: string; codeIds: string[] }) =>
    api.post<Segment>(`/api/documents/${documentId}/segments`, body),
  setCodes: (segmentId: string, codeIds: string[]) => api.request<{ segment: Segment | null }>('PUT', `/api/segments/${segmentId}/codes`, { codeIds }),
  place: (segmentId: string, body: { start: number; end: number; exact: string }) => api.patch<Segment>(`/api/segments/${segmentId}`, body),
  remove: (segmentId: string) => api.delete(`/api/segments/${segmentId}`),
  correct: (documentId: string, text: string, baseRevisionId: string) =>
    api.post<CorrectionReport>(`/api/documents/${documentId}/revisions`, { text, baseRevisionId }),
};

export const memosApi = {
  list: (projectId: string, filter: { targetType?: MemoTarget; targetId?: string; codeId?: string; authorId?: string } = {}) => {
    const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
    return api.get<{ memos: Memo[] }>(`/api/projects/${projectId}/memos${params ? `?${params}` : ''}`);
  },
  create: (projectId: string, body: { targetType: MemoTarget; targetId?: string | null; title?: string; body: string; codeIds?: string[] }) =>
    api.post<Memo>(`/api/projects/${projectId}/memos`, body),
  update: (memoId: string, body: { title?: string; body?: string; codeIds?: string[] }) => api.patch<Memo>(`/api/memos/${memoId}`, body),
  remove: (memoId: string) => api.delete(`/api/memos/${memoId}`),
};

export const historyApi = {
  state: (projectId: string) => api.get<{ undo: HistoryEntry | null; redo: HistoryEntry | null }>(`/api/projects/${projectId}/history`),
  undo: (projectId: string) => api.post<{ undone: HistoryEntry }>(`/api/projects/${projectId}/undo`),
  redo: (projectId: string) => api.post<{ redone: HistoryEntry }>(`/api/projects/${projectId}/redo`),
};
