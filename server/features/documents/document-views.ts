import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { attributesRepository } from '../attributes/attributes.repository';
import { documentsRepository } from './documents.repository';
import type { DocumentsService } from './documents.service';

/** A project's documents as the API shows them (optionally only `ids`, in that order). */
export async function documentSummaries(db: Kysely<Database>, projectId: string, ids?: string[]) {
  const [rows, speakers, values] = await Promise.all([
    documentsRepository.listForProject(db, projectId),
    documentsRepository.speakersForProject(db, projectId),
    attributesRepository.valuesForProject(db, projectId),
  ]);
  const speakersOf = new Map<string, { id: string; name: string; role: 'interviewer' | 'respondent' | 'other' }[]>();
  for (const s of speakers) {
    const list = speakersOf.get(s.document_id) ?? [];
    list.push({ id: s.id, name: s.name, role: s.role });
    speakersOf.set(s.document_id, list);
  }
  const valuesOf = new Map<string, Record<string, string>>();
  for (const v of values) {
    const record = valuesOf.get(v.document_id) ?? {};
    record[v.attribute_id] = v.value;
    valuesOf.set(v.document_id, record);
  }
  const summaries = rows.map((r) => ({
    id: r.id, name: r.name, fileName: r.file_name, format: r.format, encoding: r.encoding, language: r.language,
    respondentGroup: r.respondent_group, interviewDate: r.interview_date, wordCount: r.word_count,
    turnCount: Number(r.turn_count ?? 0), speakers: speakersOf.get(r.id) ?? [], attributes: valuesOf.get(r.id) ?? {},
    createdAt: r.created_at, updatedAt: r.updated_at,
  }));
  if (!ids) return summaries;
  const byId = new Map(summaries.map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/** One document with its text, turns and speakers, as the reader needs it. */
export async function documentDetail(service: DocumentsService, documentId: string) {
  const parts = await service.get(documentId);
  return { ...documentDetailWithoutText(parts), text: await service.revisionText(parts.revision.id) };
}

type DetailParts = Awaited<ReturnType<DocumentsService['get']>>;

/** Everything of `documentDetail` but the text (see document-json.ts, which adds it as ready bytes). */
export function documentDetailWithoutText({ doc, revision, turns, speakers, values, hasOriginal }: DetailParts) {
  const turnCounts = new Map<string, number>();
  for (const t of turns) if (t.speaker_id) turnCounts.set(t.speaker_id, (turnCounts.get(t.speaker_id) ?? 0) + 1);
  return {
    id: doc.id, projectId: doc.project_id, name: doc.name, fileName: doc.file_name, format: doc.format, encoding: doc.encoding,
    language: doc.language, respondentGroup: doc.respondent_group, interviewDate: doc.interview_date, wordCount: doc.word_count,
    turnCount: turns.length, createdAt: doc.created_at, updatedAt: doc.updated_at,
    speakers: speakers.map((s) => ({ id: s.id, name: s.name, role: s.role, turnCount: turnCounts.get(s.id) ?? 0 })),
    attributes: Object.fromEntries(values.map((v) => [v.attribute_id, v.value])),
    hasOriginal,
    revision: { id: revision.id, number: revision.number, createdAt: revision.created_at },
    turns: turns.map((t) => ({
      id: t.id, speakerId: t.speaker_id, start: t.start_offset, end: t.end_offset, mediaStartMs: t.media_start_ms, mediaEndMs: t.media_end_ms,
    })),
  };
}
