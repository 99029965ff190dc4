import type { Kysely } from 'kysely';
import type { ConsentStatus, Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { nowIso } from '../../shared/ids';
import { documentsRepository } from '../documents/documents.repository';
import { eventsRepository } from '../events/events.repository';
import { scrubHistory } from './scrub-history';

export const CONSENT_STATUSES: ConsentStatus[] = ['given', 'restricted', 'withdrawn', 'unknown'];
/** Event type of the record kept when a withdrawn participant's documents are deleted (count, date, who; no names). */
export const WITHDRAWN_DELETED = 'consent.withdrawn_documents_deleted';

export interface Consent { documentId: string; status: ConsentStatus; date: string | null; noQuotes: boolean; noExport: boolean }
export interface ConsentInput { status: ConsentStatus; date?: string | null; noQuotes?: boolean; noExport?: boolean }
export interface DeletionRecord { date: string; count: number; userName: string | null }

const toConsent = (r: { id: string; consent_status: ConsentStatus; consent_date: string | null; consent_no_quotes: number; consent_no_export: number }): Consent => ({
  documentId: r.id, status: r.consent_status, date: r.consent_date, noQuotes: Number(r.consent_no_quotes) === 1, noExport: Number(r.consent_no_export) === 1,
});
const COLUMNS = ['id', 'consent_status', 'consent_date', 'consent_no_quotes', 'consent_no_export'] as const;

/** Consent and retention of each participant (document): status, date, restrictions, and deleting withdrawn participants' documents. */
export class ConsentService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every document's consent in a project, with the records of past deletions of withdrawn participants. */
  async list(projectId: string): Promise<{ participants: Consent[]; deletions: DeletionRecord[] }> {
    const rows = await this.db.selectFrom('documents').select(COLUMNS).where('project_id', '=', projectId).orderBy('name').execute();
    const events = await this.db.selectFrom('project_events').leftJoin('users', 'users.id', 'project_events.user_id')
      .select(['project_events.created_at', 'project_events.after_json', 'users.name'])
      .where('project_events.project_id', '=', projectId).where('project_events.type', '=', WITHDRAWN_DELETED)
      .orderBy('project_events.id', 'desc').execute();
    return {
      participants: rows.map(toConsent),
      deletions: events.map((e) => ({ date: e.created_at, count: Number((JSON.parse(e.after_json ?? '{}') as { count?: number }).count ?? 0), userName: e.name })),
    };
  }

  /**
   * Sets a document's consent (status, date as YYYY-MM-DD, no quotes, no export); one audit event.
   *
   * @example
   * await service.set(documentId, projectId, userId, { status: 'restricted', date: '2026-03-01', noQuotes: true });
   */
  async set(documentId: string, projectId: string, userId: string, input: ConsentInput): Promise<Consent> {
    if (!CONSENT_STATUSES.includes(input.status)) throw badRequest('INVALID_CONSENT_STATUS', 'documentErrors.consent.invalidStatus');
    const date = input.date ?? null;
    if (date !== null && !isDay(date)) throw badRequest('INVALID_CONSENT_DATE', 'documentErrors.consent.invalidDate');
    return this.db.transaction().execute(async (trx) => {
      const doc = await trx.selectFrom('documents').select([...COLUMNS, 'project_id']).where('id', '=', documentId).executeTakeFirst();
      if (!doc || doc.project_id !== projectId) throw notFound('document');
      const patch = { consent_status: input.status, consent_date: date, consent_no_quotes: input.noQuotes ? 1 : 0, consent_no_export: input.noExport ? 1 : 0 };
      await trx.updateTable('documents').set({ ...patch, updated_at: nowIso() }).where('id', '=', documentId).execute();
      const before = toConsent(doc);
      const after = toConsent({ id: documentId, ...patch });
      await eventsRepository.record(trx, { projectId, userId, type: 'consent.updated', entityType: 'document', entityId: documentId, before, after });
      return after;
    });
  }

  /**
   * Deletes every document of a participant who withdrew, with its revisions, segments and codings
   * (the database cascades), in one transaction; their content is scrubbed from the history (see
   * scrub-history.ts). Keeps one record with no personal data: the count, the date and who did it. Answers 409 NOTHING_TO_DELETE when no participant has withdrawn.
   */
  async deleteWithdrawn(projectId: string, userId: string): Promise<{ deleted: number }> {
    return this.db.transaction().execute(async (trx) => {
      const docs = await trx.selectFrom('documents').select('id').where('project_id', '=', projectId).where('consent_status', '=', 'withdrawn').execute();
      if (docs.length === 0) throw conflict('NOTHING_TO_DELETE', 'documentErrors.consent.nothingToDelete');
      await scrubHistory(trx, projectId, docs.map((d) => d.id));
      for (const d of docs) {
        await documentsRepository.delete(trx, d.id);
        // Keeps the search index in step (see search-indexes.ts); the event holds the document id only, no name or text.
        await eventsRepository.record(trx, { projectId, userId, type: 'consent.document_deleted', entityType: 'document', entityId: d.id });
      }
      await eventsRepository.record(trx, { projectId, userId, type: WITHDRAWN_DELETED, entityType: 'project', entityId: null, after: { count: docs.length } });
      return { deleted: docs.length };
    });
  }
}

function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
