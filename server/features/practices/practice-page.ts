import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { codePaths, codesRepository } from '../codes/codes.repository';
import { formatCitation } from '../literature/citations';
import { queriesRepository } from '../queries/queries.repository';
import { turnAt } from '../retrieval/passage-context';
import { practicesRepository } from './practices.repository';
import type { PracticePage } from './practices.schemas';
import type { PracticesService } from './practices.service';

/**
 * Everything a record's page shows: the record, its themes (code, path, colour, note) each with
 * its evidence quotes (document, respondent group, speaker, text, link to the reader), and its
 * literature sources as formatted citations.
 */
export async function practicePage(db: Kysely<Database>, practices: PracticesService, projectId: string, practiceId: string): Promise<PracticePage> {
  const record = await practices.get(projectId, practiceId);
  const codes = await codesRepository.list(db, projectId);
  const paths = codePaths(codes);
  const byId = new Map(codes.map((c) => [c.id, c]));
  const evidence = await practicesRepository.evidence(db, record.codes.map((c) => c.linkId));
  const turns = await queriesRepository.turns(db, [...new Set(evidence.map((e) => e.revision_id))]);
  const turnsOf = new Map<string, typeof turns>();
  for (const turn of turns) turnsOf.set(turn.revision_id, [...(turnsOf.get(turn.revision_id) ?? []), turn]);

  const themes = record.codes.map((link) => {
    const code = byId.get(link.codeId);
    return {
      linkId: link.linkId, codeId: link.codeId, codeName: code?.name ?? '', codePath: (paths.get(link.codeId) ?? []).join(' > '),
      color: code?.color ?? '#888888', note: link.note,
      evidence: evidence.filter((e) => e.practice_code_id === link.linkId).map((e) => ({
        evidenceId: e.id, segmentId: e.segment_id, note: e.note, documentId: e.document_id, documentName: e.document_name,
        respondentGroup: e.respondent_group ?? 'unknown' as const, speaker: turnAt(turnsOf.get(e.revision_id), e.start_offset)?.name ?? null,
        text: e.exact, start: e.start_offset, end: e.end_offset, status: e.status,
        readerUrl: `/documents/${e.document_id}?start=${e.start_offset}&end=${e.end_offset}`,
      })),
    };
  }).sort((a, b) => a.codePath.localeCompare(b.codePath));

  const sourceRows = await practicesRepository.sources(db, projectId, record.sourceIds);
  const links = await db.selectFrom('practice_sources').select(['id', 'source_id']).where('practice_id', '=', practiceId).execute();
  const sources = sourceRows.map((s) => ({
    linkId: links.find((l) => l.source_id === s.id)?.id ?? '', sourceId: s.id, citationKey: s.citation_key, title: s.title,
    year: s.year === null ? null : Number(s.year), citation: formatCitation(s),
  })).sort((a, b) => a.citation.localeCompare(b.citation));
  return { record, themes, sources };
}
