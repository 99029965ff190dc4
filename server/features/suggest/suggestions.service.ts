import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { type Suggestion, trainSuggester } from './suggester';

type Db = Kysely<Database>;

/** The coded passages of a project (current, anchored), each with its codes, to learn from. */
export async function codedExamples(db: Db, projectId: string) {
  const rows = await db
    .selectFrom('segments')
    .innerJoin('documents', 'documents.id', 'segments.document_id')
    .innerJoin('codings', 'codings.segment_id', 'segments.id')
    .innerJoin('codes', 'codes.id', 'codings.code_id')
    .select(['segments.id', 'segments.exact', 'codings.code_id'])
    .where('documents.project_id', '=', projectId)
    .where('segments.status', '=', 'anchored')
    .where('codes.archived', '=', 0)
    .execute();
  const bySegment = new Map<string, { text: string; codeIds: string[] }>();
  for (const r of rows) {
    const entry = bySegment.get(r.id) ?? { text: r.exact, codeIds: [] };
    entry.codeIds.push(r.code_id);
    bySegment.set(r.id, entry);
  }
  return [...bySegment.values()];
}

/** Suggestions per project, retrained when the project has changed since (by its newest event). */
export class SuggestionsService {
  private cache = new Map<string, { eventId: number; suggest: (text: string, limit?: number) => Suggestion[] }>();

  constructor(private readonly db: Db) {}

  async suggest(projectId: string, text: string, limit = 5): Promise<Suggestion[]> {
    const row = await this.db.selectFrom('project_events').select((eb) => eb.fn.max<number>('id').as('max')).where('project_id', '=', projectId).executeTakeFirst();
    const eventId = Number(row?.max ?? 0);
    let cached = this.cache.get(projectId);
    if (!cached || cached.eventId !== eventId) {
      cached = { eventId, suggest: trainSuggester(await codedExamples(this.db, projectId)) };
      this.cache.set(projectId, cached);
      if (this.cache.size > 50) this.cache.delete(this.cache.keys().next().value!);
    }
    return cached.suggest(text, limit);
  }
}
