import { api } from './http';
import type { SearchResponse } from './types';

export interface SearchFilters {
  respondentGroup?: string;
  language?: string;
  role?: string;
  attributeId?: string;
  attributeValue?: string;
  codeId?: string;
  codeMode?: 'with' | 'without';
  coderId?: string;
}

export type AutocodeUnit = 'match' | 'sentence' | 'turn';

const clean = (filters: SearchFilters) => Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as SearchFilters;

/** Full-text search, auto-coding and code suggestions. */
export const searchApi = {
  search: (projectId: string, q: string, filters: SearchFilters = {}) =>
    api.get<SearchResponse>(`/api/projects/${projectId}/search?${new URLSearchParams({ q, ...clean(filters) } as Record<string, string>)}`),
  preview: (projectId: string, q: string, unit: AutocodeUnit, filters: SearchFilters = {}) =>
    api.post<{ passages: { documentId: string; documentName: string; start: number; end: number; text: string }[] }>(`/api/projects/${projectId}/search/autocode/preview`, { q, unit, filters: clean(filters) }),
  autocode: (projectId: string, q: string, unit: AutocodeUnit, codeId: string, filters: SearchFilters = {}) =>
    api.post<{ coded: number; skipped: number }>(`/api/projects/${projectId}/search/autocode`, { q, unit, codeId, filters: clean(filters) }),
  suggestions: (projectId: string, text: string) => api.post<{ suggestions: { codeId: string; score: number }[] }>(`/api/projects/${projectId}/suggestions`, { text }),
};
