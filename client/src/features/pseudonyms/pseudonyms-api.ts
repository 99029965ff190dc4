import { api } from '../../api/http';

export type PseudonymKind = 'person' | 'place' | 'organisation' | 'other';
export const KINDS: PseudonymKind[] = ['person', 'place', 'organisation', 'other'];

export interface PseudonymEntry {
  id: string;
  original: string;
  pseudonym: string;
  kind: PseudonymKind;
  notes: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NameCandidate {
  text: string;
  count: number;
  documents: number;
  example: { documentId: string; documentName: string; contextBefore: string; text: string; contextAfter: string };
}

export interface PreviewDocument {
  documentId: string;
  documentName: string;
  revisionId: string;
  count: number;
  byEntry: { entryId: string; original: string; pseudonym: string; count: number }[];
  occurrences: { entryId: string; start: number; end: number; found: string; replacement: string; contextBefore: string; contextAfter: string }[];
}

export interface ApplyResult {
  total: number;
  eventId: number;
  originalsRemoved: number;
  documents: { documentId: string; documentName: string; replaced: number; revision: { id: string; number: number } | null; segments: { anchored: number; orphaned: number } }[];
}

type EntryInput = { original: string; pseudonym: string; kind: PseudonymKind; notes?: string };

/** The pseudonymisation key list and its use (owners only). */
export const pseudonymsApi = {
  list: (projectId: string) => api.get<{ entries: PseudonymEntry[] }>(`/api/projects/${projectId}/pseudonyms`),
  create: (projectId: string, input: EntryInput) => api.post<PseudonymEntry>(`/api/projects/${projectId}/pseudonyms`, input),
  update: (projectId: string, id: string, input: Partial<EntryInput>) => api.patch<PseudonymEntry>(`/api/projects/${projectId}/pseudonyms/${id}`, input),
  remove: (projectId: string, id: string) => api.delete(`/api/projects/${projectId}/pseudonyms/${id}`),
  suggestions: (projectId: string) => api.get<{ candidates: NameCandidate[] }>(`/api/projects/${projectId}/pseudonyms/suggestions`),
  preview: (projectId: string, documentIds: string[]) =>
    api.post<{ total: number; documents: PreviewDocument[] }>(`/api/projects/${projectId}/pseudonyms/preview`, { documentIds }),
  apply: (projectId: string, documentIds: string[], baseRevisionIds: Record<string, string>, removeOriginals: boolean) =>
    api.post<ApplyResult>(`/api/projects/${projectId}/pseudonyms/apply`, { documentIds, baseRevisionIds, removeOriginals }),
  /** The backup download that includes the key list. */
  backupWithKeyListUrl: (projectId: string) => `/api/projects/${projectId}/backup?includeKeyList=true`,
};
