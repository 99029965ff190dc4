import type { Kysely } from 'kysely';
import type { AssessmentScore, Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { newId, nowIso } from '../../shared/ids';
import { deleteSegmentIfEmpty } from '../codes/segment-cleanup';
import { ChangeSet } from '../history/change-set';
import type { Actor } from '../segments/segments.service';
import { assessmentRepository, type Passage } from './assessment.repository';

type Db = Kysely<Database>;

/** One practice × criterion cell: its score, note and evidence passages. */
export interface Assessment {
  practiceId: string; criterionId: string; id: string | null; score: AssessmentScore | null; note: string;
  evidence: (Passage & { id: string; note: string })[]; updatedAt: string | null;
}

/**
 * Scores of practice records on criteria (met | partly | not_met | unknown) with a note and
 * evidence passages; every change is one ChangeSet action (audited, live, undoable).
 */
export class ScoresService {
  constructor(private readonly db: Db) {}

  private async cellOf(db: Db, projectId: string, practiceId: string, criterionId: string) {
    const practice = await assessmentRepository.practice(db, projectId, practiceId);
    if (!practice) throw notFound('practiceRecord');
    const criterion = await assessmentRepository.criterion(db, projectId, criterionId);
    if (!criterion) throw notFound('criterion');
    return { practice, criterion, assessment: await assessmentRepository.assessment(db, practiceId, criterionId) };
  }

  /** The cell with its evidence described (document, respondent group, speaker, quote). */
  async get(projectId: string, practiceId: string, criterionId: string, db: Db = this.db): Promise<Assessment> {
    const { assessment } = await this.cellOf(db, projectId, practiceId, criterionId);
    if (!assessment) return { practiceId, criterionId, id: null, score: null, note: '', evidence: [], updatedAt: null };
    const evidence = await assessmentRepository.evidence(db, [assessment.id]);
    const passages = await assessmentRepository.passages(db, projectId, evidence.map((e) => e.segment_id));
    return {
      practiceId, criterionId, id: assessment.id, score: assessment.score, note: assessment.note, updatedAt: assessment.updated_at,
      evidence: evidence.filter((e) => passages.has(e.segment_id)).map((e) => ({ ...passages.get(e.segment_id)!, id: e.id, note: e.note })),
    };
  }

  /** Sets (or changes) the score and, when given, the note of a cell. */
  set(projectId: string, practiceId: string, criterionId: string, actor: Actor, input: { score: AssessmentScore; note?: string }): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const { practice, criterion, assessment } = await this.cellOf(trx, projectId, practiceId, criterionId);
      const changes = new ChangeSet(trx);
      const now = nowIso();
      const note = input.note?.trim();
      let id = assessment?.id;
      if (assessment) {
        await changes.update('assessments', assessment.id, { score: input.score, ...(note !== undefined ? { note } : {}), updated_at: now });
      } else {
        id = newId();
        await changes.insert('assessments', { id, practice_id: practiceId, criterion_id: criterionId, score: input.score, note: note ?? '', created_by: actor.userId, created_at: now, updated_at: now });
      }
      await changes.commit({
        projectId, userId: actor.userId, type: 'assessment.scored', entityType: 'assessment', entityId: id!,
        before: assessment ? { score: assessment.score } : undefined, after: { practice: practice.name, criterion: criterion.name, score: input.score },
      });
    });
  }

  /** Clears a cell: its score, note and evidence. */
  clear(projectId: string, practiceId: string, criterionId: string, actor: Actor): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const { practice, criterion, assessment } = await this.cellOf(trx, projectId, practiceId, criterionId);
      if (!assessment) throw notFound('score');
      const changes = new ChangeSet(trx);
      const evidence = await assessmentRepository.evidence(trx, [assessment.id]);
      for (const e of evidence) await changes.delete('assessment_evidence', e.id);
      await changes.delete('assessments', assessment.id);
      for (const e of evidence) await deleteSegmentIfEmpty(changes, e.segment_id);
      await changes.commit({ projectId, userId: actor.userId, type: 'assessment.cleared', entityType: 'assessment', entityId: assessment.id, before: { practice: practice.name, criterion: criterion.name, score: assessment.score } });
    });
  }

  /** Adds a passage of the project as evidence for a scored cell. */
  addEvidence(projectId: string, practiceId: string, criterionId: string, actor: Actor, input: { segmentId: string; note?: string }): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const { assessment } = await this.cellOf(trx, projectId, practiceId, criterionId);
      if (!assessment) throw badRequest('NOT_SCORED', 'literatureErrors.scores.notScored');
      const segment = await trx.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id').select('segments.id')
        .where('segments.id', '=', input.segmentId).where('documents.project_id', '=', projectId).executeTakeFirst();
      if (!segment) throw badRequest('UNKNOWN_SEGMENT', 'literatureErrors.unknownSegment');
      const existing = await trx.selectFrom('assessment_evidence').select('id').where('assessment_id', '=', assessment.id).where('segment_id', '=', input.segmentId).executeTakeFirst();
      if (existing) throw conflict('EVIDENCE_EXISTS', 'literatureErrors.scores.evidenceExists');
      const changes = new ChangeSet(trx);
      const id = newId();
      await changes.insert('assessment_evidence', { id, assessment_id: assessment.id, segment_id: input.segmentId, note: input.note?.trim() ?? '', created_by: actor.userId, created_at: nowIso() });
      await changes.commit({ projectId, userId: actor.userId, type: 'assessment.evidence_added', entityType: 'assessment', entityId: assessment.id, after: { segmentId: input.segmentId } });
    });
  }

  /** Removes one evidence passage from a cell (the segment itself is kept while codings or other links use it). */
  removeEvidence(projectId: string, practiceId: string, criterionId: string, evidenceId: string, actor: Actor): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const { assessment } = await this.cellOf(trx, projectId, practiceId, criterionId);
      const row = assessment && await trx.selectFrom('assessment_evidence').selectAll().where('id', '=', evidenceId).where('assessment_id', '=', assessment.id).executeTakeFirst();
      if (!assessment || !row) throw notFound('evidence');
      const changes = new ChangeSet(trx);
      await changes.delete('assessment_evidence', row.id);
      await deleteSegmentIfEmpty(changes, row.segment_id);
      await changes.commit({ projectId, userId: actor.userId, type: 'assessment.evidence_removed', entityType: 'assessment', entityId: assessment.id, before: { segmentId: row.segment_id } });
    });
  }
}
