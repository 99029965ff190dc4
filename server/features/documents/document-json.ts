import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import { LruBySize, revisionKey } from '../../shared/lru-bytes';
import { attributesRepository } from '../attributes/attributes.repository';
import { documentDetailWithoutText } from './document-views';
import { documentsRepository } from './documents.repository';

/**
 * `GET /api/documents/:id` as ready JSON bytes (issue 9: opening a transcript in under 20 ms).
 *
 * The text is most of the answer (a 20,000-word interview is over 100 KiB) and never changes for a
 * revision, yet escaping it for JSON, counting its UTF-8 length and encoding it cost more than all
 * the queries of the request. So each revision's text is kept as its encoded JSON string, and only
 * the small rest (names, turns, speakers) is serialized per request (entries keyed by `revisionKey`).
 * The answer is the same JSON as `documentDetail` gives.
 */
export class DocumentJson {
  private readonly texts = new LruBySize<Buffer>(64 * 1024 * 1024, (b) => b.length);

  constructor(private readonly db: Kysely<Database>) {}

  async of(documentId: string): Promise<Buffer> {
    const doc = await documentsRepository.findById(this.db, documentId);
    if (!doc || !doc.current_revision_id) throw notFound('document');
    const revisionId = doc.current_revision_id;
    const [revision, turns, speakers, values, hasOriginal] = await Promise.all([
      this.db.selectFrom('document_revisions').select(['id', 'number', 'created_at', 'sha256']).where('id', '=', revisionId).executeTakeFirstOrThrow(),
      this.db.selectFrom('turns').select(['id', 'speaker_id', 'start_offset', 'end_offset', 'media_start_ms', 'media_end_ms'])
        .where('revision_id', '=', revisionId).orderBy('position').execute(),
      documentsRepository.speakers(this.db, documentId),
      attributesRepository.valuesForDocument(this.db, documentId),
      documentsRepository.hasOriginal(this.db, documentId),
    ]);
    const text = await this.textJson(revision.id, revision.sha256);
    const rest = JSON.stringify(documentDetailWithoutText(doc, revision, turns, speakers, values, hasOriginal));
    return Buffer.concat([Buffer.from(`${rest.slice(0, -1)},"text":`), text, CLOSE]);
  }

  private async textJson(revisionId: string, sha256: string): Promise<Buffer> {
    const key = revisionKey(revisionId, sha256);
    let json = this.texts.get(key);
    if (!json) {
      const { text } = await this.db.selectFrom('document_revisions').select('text').where('id', '=', revisionId).executeTakeFirstOrThrow();
      json = Buffer.from(JSON.stringify(text));
      this.texts.set(key, json);
    }
    return json;
  }
}

const CLOSE = Buffer.from('}');
