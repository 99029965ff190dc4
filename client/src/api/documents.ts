import { api, ApiError, uploadWithProgress } from './http';
import type { AttributeDefinition, AttributeType, CsvImportReport, DocumentDetail, DocumentSummary, ImportResult, Language, RespondentGroup, SpeakerRole } from './types';

export interface DocumentChanges {
  name?: string;
  respondentGroup?: RespondentGroup | null;
  language?: Language;
  interviewDate?: string | null;
  attributes?: Record<string, string | null>;
}

/** Transcripts: import, list, read, edit; and the project's attributes. */
export const documentsApi = {
  list: (projectId: string) => api.get<{ documents: DocumentSummary[] }>(`/api/projects/${projectId}/documents`),
  get: (id: string) => api.get<DocumentDetail>(`/api/documents/${id}`),
  update: (id: string, changes: DocumentChanges) => api.patch<DocumentDetail>(`/api/documents/${id}`, changes),
  remove: (id: string) => api.delete(`/api/documents/${id}`),
  updateSpeaker: (id: string, speakerId: string, changes: { name?: string; role?: SpeakerRole }) =>
    api.patch<DocumentDetail>(`/api/documents/${id}/speakers/${speakerId}`, changes),
  /** Uploads files; resolves with the per-file outcome (also for a one-file failure). */
  async upload(projectId: string, files: File[], options: { allowDuplicates?: boolean }, onProgress: (f: number) => void): Promise<ImportResult> {
    const form = new FormData();
    if (options.allowDuplicates) form.append('allowDuplicates', 'true');
    for (const file of files) form.append('files', file, file.name);
    const { status, body } = await uploadWithProgress<ImportResult & { error?: { code: string; message: string; details?: { fileName?: string; existingDocumentId?: string; existingName?: string } } }>(
      `/api/projects/${projectId}/documents`, form, onProgress,
    );
    if (!body.error) return body;
    const fileName = body.error.details?.fileName ?? files[0]?.name ?? '';
    if (status === 409 && body.error.details?.existingDocumentId) {
      return { documents: [], failed: [], duplicates: [{ fileName, existingDocumentId: body.error.details.existingDocumentId, existingName: body.error.details.existingName ?? '' }] };
    }
    return { documents: [], failed: [{ fileName, error: { code: body.error.code, message: body.error.message } }], duplicates: [] };
  },
};

export const attributesApi = {
  list: (projectId: string) => api.get<{ attributes: AttributeDefinition[] }>(`/api/projects/${projectId}/attributes`),
  create: (projectId: string, body: { name: string; type: AttributeType; choices?: string[] }) =>
    api.post<AttributeDefinition>(`/api/projects/${projectId}/attributes`, body),
  update: (projectId: string, id: string, body: { name?: string; choices?: string[] }) =>
    api.patch<AttributeDefinition>(`/api/projects/${projectId}/attributes/${id}`, body),
  remove: (projectId: string, id: string) => api.delete(`/api/projects/${projectId}/attributes/${id}`),
  async importCsv(projectId: string, file: File): Promise<CsvImportReport> {
    const form = new FormData();
    form.append('file', file, file.name);
    const { status, body } = await uploadWithProgress<CsvImportReport & { error?: { code: string; message: string } }>(
      `/api/projects/${projectId}/attributes/import`, form, () => {},
    );
    if (body.error) throw new ApiError(status, body.error.code, body.error.message);
    return body;
  },
};
