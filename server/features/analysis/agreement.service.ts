import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { agreementTables } from './agreement-tables';
import type { AgreementRequest } from './agreement-passages';
import { loadAnalysisData } from './analysis-data';

export type { AgreementRequest } from './agreement-passages';

/**
 * Agreement between chosen coders on chosen transcripts and codes (see `agreementTables`), with
 * the coders' names.
 */
export async function computeAgreement(db: Kysely<Database>, projectId: string, request: AgreementRequest) {
  const data = await loadAnalysisData(db, projectId, undefined, request.exclude);
  const tables = agreementTables(data, request);
  const names = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', tables.coders).execute();
  return { ...tables, coders: tables.coders.map((id) => ({ id, name: names.find((n) => n.id === id)?.name ?? '' })) };
}
