import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, DocumentLanguage, RespondentGroup, SpeakerRole } from '../../db/schema';
import { badRequest, type ErrorKey, notFound } from '../../errors';
import { translator } from '../../i18n/translator';
import { detectLanguage } from '../../import/detect-language';
import { readTranscript } from '../../import/read-transcript';
import { TranscriptImportError, type NormalisedTranscript } from '../../import/types';
import { newId, nowIso } from '../../shared/ids';
import { TimeLimitError, withTimeLimit } from '../../shared/time-limit';
import { AttributesService } from '../attributes/attributes.service';
import { attributesRepository } from '../attributes/attributes.repository';
import { eventsRepository } from '../events/events.repository';
import { documentsRepository } from './documents.repository';

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

/** Why a file could not be imported: a sentence of the error catalogs (`message`: the English one, for logs). */
export interface FileError {
  code: string;
  key: ErrorKey;
  params?: Record<string, unknown>;
  message: string;
}

export interface FileFailure {
  fileName: string;
  error: FileError;
}

export const fileError = (code: string, key: ErrorKey, params?: Record<string, unknown>): FileError =>
  ({ code, key, params, message: translator('en').t(key, params) });

export interface FileDuplicate {
  fileName: string;
  existingDocumentId: string;
  existingName: string;
}

const MEDIA_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  srt: 'application/x-subrip; charset=utf-8',
};

/** The last path component of an uploaded file's name (browsers may send a path). */
export function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop()?.trim() ?? '';
  return base.replace(/[\u0000-\u001f]/g, '').slice(0, 255) || 'unnamed';
}

/** JavaScript's `\s` (WhiteSpace and LineTerminator), by UTF-16 code unit. */
const isSpace = (c: number) =>
  (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** The number of `\S+` runs, counted without building them (a 20,000-word text would allocate 20,000 strings). */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export interface DocumentChanges {
  name?: string;
  respondentGroup?: RespondentGroup | null;
  language?: DocumentLanguage;
  interviewDate?: string | null;
  attributes?: Record<string, string | null>;
}

/** Transcript import, reading and editing of documents. */
export class DocumentsService {
  private readonly attributes: AttributesService;

  constructor(private readonly db: Kysely<Database>) {
    this.attributes = new AttributesService(db);
  }

  /**
   * Imports files one by one, each in its own transaction: a bad file is reported and leaves
   * nothing behind, the others still import. A file whose bytes are already in the project is
   * reported as a duplicate unless `allowDuplicates`. Reading one file may take at most
   * `timeLimitMs` (default 60 s): a file that takes longer fails with IMPORT_TIMEOUT.
   */
  async importFiles(projectId: string, userId: string, files: UploadedFile[], options: { allowDuplicates?: boolean; timeLimitMs?: number } = {}) {
    const imported: string[] = [];
    const failed: FileFailure[] = [];
    const duplicates: FileDuplicate[] = [];
    const seenInBatch = new Map<string, { id: string; name: string }>();
    for (const file of files) {
      const fileName = safeFileName(file.fileName);
      const contentHash = sha256(file.bytes);
      if (!options.allowDuplicates) {
        const existing = seenInBatch.get(contentHash) ?? (await documentsRepository.findByHash(this.db, projectId, contentHash));
        if (existing) {
          duplicates.push({ fileName, existingDocumentId: existing.id, existingName: existing.name });
          continue;
        }
      }
      let transcript: NormalisedTranscript;
      try {
        transcript = await withTimeLimit(() => readTranscript(fileName, file.bytes), options.timeLimitMs ?? 60_000, { fileName });
      } catch (error) {
        if (error instanceof TranscriptImportError || error instanceof TimeLimitError) {
          failed.push({ fileName, error: fileError(error.code, error.messageKey, error.messageParams) });
          continue;
        }
        throw error;
      }
      const id = await this.insertTranscript(projectId, userId, fileName, contentHash, file.bytes, transcript);
      imported.push(id);
      seenInBatch.set(contentHash, { id, name: fileName });
    }
    return { imported, failed, duplicates };
  }

  private async insertTranscript(projectId: string, userId: string, fileName: string, contentHash: string, bytes: Buffer, t: NormalisedTranscript) {
    const now = nowIso();
    const documentId = newId();
    const revisionId = newId();
    const speakerIds = new Map(t.speakers.map((s) => [s.key, newId()]));
    const name = fileName.replace(/\.[^.]+$/, '').slice(0, 200) || fileName;
    const document = {
      id: documentId, project_id: projectId, name, file_name: fileName, format: t.format, encoding: t.encoding,
      content_hash: contentHash, current_revision_id: null, language: detectLanguage(t.text), respondent_group: null,
      interview_date: null, word_count: countWords(t.text), created_by: userId, created_at: now, updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await documentsRepository.insertBundle(trx, {
        document,
        original: { document_id: documentId, media_type: MEDIA_TYPES[t.format] ?? 'application/octet-stream', bytes },
        revision: { id: revisionId, document_id: documentId, number: 1, text: t.text, sha256: sha256(t.text), created_by: userId, created_at: now },
        speakers: t.speakers.map((s, position) => ({ id: speakerIds.get(s.key)!, document_id: documentId, key: s.key, name: s.name, role: s.role, position })),
        turns: t.turns.map((turn, position) => ({
          id: newId(), revision_id: revisionId, position, speaker_id: turn.speakerKey === null ? null : speakerIds.get(turn.speakerKey)!,
          start_offset: turn.start, end_offset: turn.end, media_start_ms: turn.mediaStartMs, media_end_ms: turn.mediaEndMs,
        })),
      });
      await eventsRepository.record(trx, {
        projectId, userId, type: 'document.imported', entityType: 'document', entityId: documentId,
        after: { name, fileName, format: t.format, encoding: t.encoding, words: document.word_count, speakers: t.speakers.length, turns: t.turns.length, warnings: t.warnings },
      });
    });
    return documentId;
  }

  /** A document with its current revision (without the text: `revisionText`), turns, speakers and attributes. */
  async get(documentId: string) {
    const doc = await documentsRepository.findById(this.db, documentId);
    if (!doc || !doc.current_revision_id) throw notFound('document');
    const [revision, turns, speakers, values, hasOriginal] = await Promise.all([
      documentsRepository.revisionHeader(this.db, doc.current_revision_id),
      documentsRepository.turns(this.db, doc.current_revision_id),
      documentsRepository.speakers(this.db, documentId),
      attributesRepository.valuesForDocument(this.db, documentId),
      documentsRepository.hasOriginal(this.db, documentId),
    ]);
    return { doc, revision, turns, speakers, values, hasOriginal };
  }

  revisionText(revisionId: string) {
    return documentsRepository.revisionText(this.db, revisionId);
  }

  async update(documentId: string, projectId: string, userId: string, changes: DocumentChanges) {
    await this.db.transaction().execute(async (trx) => {
      const before = await documentsRepository.findById(trx, documentId);
      if (!before) throw notFound('document');
      const name = changes.name?.trim();
      if (changes.name !== undefined && !name) throw badRequest('INVALID_NAME', 'documentErrors.documents.nameRequired');
      const set = {
        ...(name ? { name } : {}),
        ...(changes.respondentGroup !== undefined ? { respondent_group: changes.respondentGroup } : {}),
        ...(changes.language !== undefined ? { language: changes.language } : {}),
        ...(changes.interviewDate !== undefined ? { interview_date: changes.interviewDate } : {}),
      };
      const valuesBefore = Object.fromEntries((await attributesRepository.valuesForDocument(trx, documentId)).map((v) => [v.attribute_id, v.value]));
      const values = changes.attributes ? await this.attributes.normaliseValues(trx, projectId, changes.attributes) : {};
      await documentsRepository.update(trx, documentId, { ...set, updated_at: nowIso() });
      for (const [attributeId, value] of Object.entries(values)) {
        await attributesRepository.setValue(trx, documentId, attributeId, value);
      }
      const pick = (row: typeof before) => ({ name: row.name, respondentGroup: row.respondent_group, language: row.language, interviewDate: row.interview_date });
      await eventsRepository.record(trx, {
        projectId, userId, type: 'document.updated', entityType: 'document', entityId: documentId,
        before: { ...pick(before), attributes: Object.fromEntries(Object.keys(values).map((k) => [k, valuesBefore[k] ?? null])) },
        after: { ...pick({ ...before, ...set }), attributes: values },
      });
    });
  }

  async updateSpeaker(documentId: string, projectId: string, userId: string, speakerId: string, changes: { name?: string; role?: SpeakerRole }) {
    await this.db.transaction().execute(async (trx) => {
      const before = await documentsRepository.findSpeaker(trx, documentId, speakerId);
      if (!before) throw notFound('speaker');
      const name = changes.name?.trim();
      if (changes.name !== undefined && !name) throw badRequest('INVALID_NAME', 'documentErrors.documents.speakerNameRequired');
      const set = { ...(name ? { name } : {}), ...(changes.role ? { role: changes.role } : {}) };
      await documentsRepository.updateSpeaker(trx, speakerId, set);
      await eventsRepository.record(trx, {
        projectId, userId, type: 'speaker.updated', entityType: 'speaker', entityId: speakerId,
        before: { documentId, name: before.name, role: before.role }, after: { documentId, name: set.name ?? before.name, role: set.role ?? before.role },
      });
    });
  }

  async delete(documentId: string, projectId: string, userId: string) {
    await this.db.transaction().execute(async (trx) => {
      const doc = await documentsRepository.findById(trx, documentId);
      if (!doc) throw notFound('document');
      await documentsRepository.delete(trx, documentId);
      await eventsRepository.record(trx, {
        projectId, userId, type: 'document.deleted', entityType: 'document', entityId: documentId,
        before: { name: doc.name, fileName: doc.file_name, contentHash: doc.content_hash },
      });
    });
  }
}
