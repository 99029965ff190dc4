import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface DocumentFilter {
  respondentGroup?: string;
  language?: string;
  /** A project attribute and the value it must have. */
  attributeId?: string;
  attributeValue?: string;
  /** Documents that have (`with`) or lack (`without`) a coding with this code. */
  codeId?: string;
  codeMode?: 'with' | 'without';
  /** Documents coded by this coder. */
  coderId?: string;
}

/** The ids of a project's documents that pass the filter, or null when nothing filters. */
export async function allowedDocuments(db: Kysely<Database>, projectId: string, f: DocumentFilter): Promise<Set<string> | null> {
  if (!f.respondentGroup && !f.language && !f.attributeId && !f.codeId && !f.coderId) return null;
  let query = db.selectFrom('documents').select('documents.id').where('documents.project_id', '=', projectId);
  if (f.respondentGroup) query = query.where('documents.respondent_group', '=', f.respondentGroup as 'belgian');
  if (f.language) query = query.where('documents.language', '=', f.language as 'nl');
  if (f.attributeId && f.attributeValue !== undefined) {
    const { attributeId, attributeValue } = f;
    query = query.where((eb) => eb.exists(eb.selectFrom('document_attributes').select('document_attributes.document_id')
      .whereRef('document_attributes.document_id', '=', 'documents.id').where('attribute_id', '=', attributeId).where('value', '=', attributeValue)));
  }
  if (f.codeId) {
    const codeId = f.codeId;
    query = query.where((eb) => {
      const coded = eb.exists(eb.selectFrom('segments').innerJoin('codings', 'codings.segment_id', 'segments.id')
        .select('segments.id').whereRef('segments.document_id', '=', 'documents.id').where('codings.code_id', '=', codeId));
      return f.codeMode === 'without' ? eb.not(coded) : coded;
    });
  }
  if (f.coderId) {
    const coderId = f.coderId;
    query = query.where((eb) => eb.exists(eb.selectFrom('segments').select('segments.id').whereRef('segments.document_id', '=', 'documents.id').where('segments.created_by', '=', coderId)));
  }
  return new Set((await query.execute()).map((r) => r.id));
}
