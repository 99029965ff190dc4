import { api } from './http';

export type ConsentStatus = 'given' | 'restricted' | 'withdrawn' | 'unknown';
/** A participant's (document's) consent, as `/api/projects/:id/consent` lists it. */
export interface Consent { documentId: string; status: ConsentStatus; date: string | null; noQuotes: boolean; noExport: boolean }
/** A record that a withdrawn participant's documents were deleted (no names kept). */
export interface ConsentDeletion { date: string; count: number; userName: string | null }

/** Consent and retention: list, set (leads), delete withdrawn participants' documents (leads). */
export const consentApi = {
  list: (projectId: string) => api.get<{ participants: Consent[]; deletions: ConsentDeletion[] }>(`/api/projects/${projectId}/consent`),
  set: (documentId: string, consent: Omit<Consent, 'documentId'>) => api.request<Consent>('PUT', `/api/documents/${documentId}/consent`, consent),
  deleteWithdrawn: (projectId: string) => api.post<{ deleted: number }>(`/api/projects/${projectId}/consent/delete-withdrawn`),
};

/** True when the participant's documents are left out of exports and reports. */
export const excludedFromExports = (c: Consent) => c.status === 'withdrawn' || c.noExport;
