import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { IndexedDocument, IndexedNote } from './project-index';

type Db = Kysely<Database>;

/** Documents of a project (or the given ones) as the index keeps them: current text and turns. */
export async function loadIndexedDocuments(db: Db, projectId: string, documentIds?: string[]): Promise<IndexedDocument[]> {
  if (documentIds && documentIds.length === 0) return [];
  let query = db
    .selectFrom('documents')
    .innerJoin('document_revisions', 'document_revisions.id', 'documents.current_revision_id')
    .select(['documents.id', 'document_revisions.id as revision_id', 'document_revisions.text'])
    .where('documents.project_id', '=', projectId);
  if (documentIds) query = query.where('documents.id', 'in', documentIds);
  const docs = await query.execute();
  if (docs.length === 0) return [];
  const turns = await db
    .selectFrom('turns')
    .leftJoin('speakers', 'speakers.id', 'turns.speaker_id')
    .select(['turns.revision_id', 'turns.start_offset', 'turns.end_offset', 'turns.media_start_ms', 'speakers.role', 'speakers.name'])
    .where('turns.revision_id', 'in', docs.map((d) => d.revision_id))
    .orderBy('turns.revision_id')
    .orderBy('turns.position')
    .execute();
  const byRevision = new Map<string, IndexedDocument['turns']>();
  // Each row brings its own copy of the speaker's name and role: the index keeps one of each.
  const strings = new Map<string, string>();
  const shared = (s: string | null) => {
    if (s === null) return null;
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  for (const t of turns) {
    const list = byRevision.get(t.revision_id) ?? [];
    list.push({ start: t.start_offset, end: t.end_offset, role: shared(t.role), speaker: shared(t.name), mediaStartMs: t.media_start_ms });
    byRevision.set(t.revision_id, list);
  }
  return docs.map((d) => ({ id: d.id, revisionId: d.revision_id, text: d.text, turns: byRevision.get(d.revision_id) ?? [] }));
}

/** The current revision of every document of a project (to check a snapshot). */
export async function currentRevisions(db: Db, projectId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('documents').select(['id', 'current_revision_id']).where('project_id', '=', projectId).execute();
  return new Map(rows.map((r) => [r.id, r.current_revision_id ?? '']));
}

/** Memos and code definitions, searchable beside the transcripts. */
export async function loadNotes(db: Db, projectId: string): Promise<IndexedNote[]> {
  const [memos, codes] = await Promise.all([
    db.selectFrom('memos').select(['id', 'title', 'body']).where('project_id', '=', projectId).execute(),
    db.selectFrom('codes').select(['id', 'name', 'definition', 'inclusion', 'exclusion', 'example']).where('project_id', '=', projectId).execute(),
  ]);
  return [
    ...memos.map((m) => ({ kind: 'memo' as const, id: m.id, title: m.title, text: m.body })),
    ...codes.map((c) => ({ kind: 'code' as const, id: c.id, title: c.name, text: [c.definition, c.inclusion, c.exclusion, c.example].filter(Boolean).join('\n') })),
  ];
}
