import { LruBySize, revisionKey } from '../../shared/lru-bytes';
import { documentDetailWithoutText } from './document-views';
import type { DocumentsService } from './documents.service';

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

  constructor(private readonly documents: DocumentsService) {}

  async of(documentId: string): Promise<Buffer> {
    const parts = await this.documents.get(documentId);
    const text = await this.textJson(parts.revision.id, parts.revision.sha256);
    const rest = JSON.stringify(documentDetailWithoutText(parts));
    return Buffer.concat([Buffer.from(`${rest.slice(0, -1)},"text":`), text, CLOSE]);
  }

  private async textJson(revisionId: string, sha256: string): Promise<Buffer> {
    const key = revisionKey(revisionId, sha256);
    let json = this.texts.get(key);
    if (!json) {
      json = Buffer.from(JSON.stringify(await this.documents.revisionText(revisionId)));
      this.texts.set(key, json);
    }
    return json;
  }
}

const CLOSE = Buffer.from('}');
