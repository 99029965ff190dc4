import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest, notFound } from '../../errors';
import { quoteSelector } from '../../shared/anchoring';
import { newId, nowIso } from '../../shared/ids';
import { deleteSegmentIfEmpty } from '../codes/segment-cleanup';
import { documentsRepository } from '../documents/documents.repository';
import { ChangeSet } from '../history/change-set';

type Db = Kysely<Database>;

export interface CoderSegment {
  segmentId: string;
  start: number;
  end: number;
  exact: string;
}

export interface Disagreement {
  start: number;
  end: number;
  text: string;
  a: CoderSegment[];
  b: CoderSegment[];
}

async function codedBy(db: Db, documentId: string, codeId: string, coderId: string): Promise<CoderSegment[]> {
  const rows = await db
    .selectFrom('segments')
    .innerJoin('documents', 'documents.id', 'segments.document_id')
    .innerJoin('codings', 'codings.segment_id', 'segments.id')
    .select(['segments.id', 'segments.start_offset', 'segments.end_offset', 'segments.exact'])
    .where('segments.document_id', '=', documentId)
    .where('codings.code_id', '=', codeId)
    .where('segments.created_by', '=', coderId)
    .where('segments.status', '=', 'anchored')
    .whereRef('segments.revision_id', '=', 'documents.current_revision_id')
    .orderBy('segments.start_offset')
    .execute();
  return rows.map((r) => ({ segmentId: r.id, start: r.start_offset, end: r.end_offset, exact: r.exact }));
}

/**
 * Where two coders applied a code differently in a transcript: the stretches covered by either
 * coder's passages (overlapping passages join one stretch), except those where both coded
 * exactly the same bounds. Each comes with both coders' passages, side by side.
 */
export async function findDisagreements(db: Db, documentId: string, codeId: string, coderA: string, coderB: string): Promise<Disagreement[]> {
  const doc = await documentsRepository.findById(db, documentId);
  if (!doc?.current_revision_id) throw notFound('document');
  const text = (await documentsRepository.findRevision(db, doc.current_revision_id)).text;
  const [a, b] = await Promise.all([codedBy(db, documentId, codeId, coderA), codedBy(db, documentId, codeId, coderB)]);
  const all = [...a.map((s) => ({ ...s, who: 'a' as const })), ...b.map((s) => ({ ...s, who: 'b' as const }))].sort((x, y) => x.start - y.start);
  const regions: Disagreement[] = [];
  let current: Disagreement | null = null;
  for (const s of all) {
    if (current && s.start < current.end) {
      current.end = Math.max(current.end, s.end);
      current[s.who].push(s);
    } else {
      current = { start: s.start, end: s.end, text: '', a: [], b: [] };
      current[s.who].push(s);
      regions.push(current);
    }
  }
  return regions
    .filter((r) => !(r.a.length === 1 && r.b.length === 1 && r.a[0]!.start === r.b[0]!.start && r.a[0]!.end === r.b[0]!.end))
    .map((r) => ({ ...r, text: text.slice(r.start, r.end), a: r.a.map(({ segmentId, start, end, exact }) => ({ segmentId, start, end, exact })), b: r.b.map(({ segmentId, start, end, exact }) => ({ segmentId, start, end, exact })) }));
}

/**
 * A lead settles a disagreement in one undoable action: `accept` gives the other coder the
 * chosen coder's version of the stretch; `merge` gives both coders one passage covering it all.
 */
export async function resolveDisagreement(
  db: Db,
  input: { projectId: string; userId: string; documentId: string; codeId: string; coderA: string; coderB: string; start: number; end: number; action: 'accept-a' | 'accept-b' | 'merge' },
) {
  return db.transaction().execute(async (trx) => {
    const doc = await documentsRepository.findById(trx, input.documentId);
    if (!doc?.current_revision_id || doc.project_id !== input.projectId) throw notFound('document');
    const code = await trx.selectFrom('codes').select(['id', 'name']).where('id', '=', input.codeId).where('project_id', '=', input.projectId).executeTakeFirst();
    if (!code) throw notFound('code');
    const revision = await documentsRepository.findRevision(trx, doc.current_revision_id);
    const inRegion = (list: CoderSegment[]) => list.filter((s) => s.start < input.end && s.end > input.start);
    const a = inRegion(await codedBy(trx, input.documentId, input.codeId, input.coderA));
    const b = inRegion(await codedBy(trx, input.documentId, input.codeId, input.coderB));
    if (a.length + b.length === 0) throw badRequest('NOTHING_TO_RESOLVE', 'projectErrors.nothingToResolve');
    const changes = new ChangeSet(trx);
    const uncode = async (segments: CoderSegment[]) => {
      for (const s of segments) {
        const coding = await trx.selectFrom('codings').select('id').where('segment_id', '=', s.segmentId).where('code_id', '=', input.codeId).executeTakeFirst();
        if (coding) await changes.delete('codings', coding.id);
        await deleteSegmentIfEmpty(changes, s.segmentId);
      }
    };
    const codeFor = async (coderId: string, start: number, end: number) => {
      const now = nowIso();
      const segmentId = newId();
      await changes.insert('segments', {
        id: segmentId, document_id: input.documentId, revision_id: revision.id, start_offset: start, end_offset: end,
        ...quoteSelector(revision.text, start, end), status: 'anchored', created_by: coderId, created_at: now, updated_at: now,
      });
      await changes.insert('codings', { id: newId(), segment_id: segmentId, code_id: input.codeId, coder_id: coderId, created_at: now });
    };
    if (input.action === 'merge') {
      const all = [...a, ...b];
      const start = Math.min(...all.map((s) => s.start));
      const end = Math.max(...all.map((s) => s.end));
      await uncode(all);
      await codeFor(input.coderA, start, end);
      await codeFor(input.coderB, start, end);
    } else {
      const [kept, replaced, otherCoder] = input.action === 'accept-a' ? [a, b, input.coderB] : [b, a, input.coderA];
      await uncode(replaced);
      for (const s of kept) await codeFor(otherCoder, s.start, s.end);
    }
    await changes.commit({
      projectId: input.projectId, userId: input.userId, type: 'agreement.resolved', entityType: 'segment', entityId: null,
      after: { documentId: input.documentId, documentName: doc.name, codes: [code.name], name: code.name, action: input.action, quote: revision.text.slice(input.start, Math.min(input.end, input.start + 120)) },
    });
  });
}
