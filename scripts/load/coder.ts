/** One simulated coder: loops over realistic requests until the deadline and records what the server acknowledged. */
import type { Answer, Client } from './client';
import type { LoadFixture } from './setup';

export type RequestKind = 'open_document' | 'list_segments' | 'create_segment' | 'list_codes' | 'delete_segment';

export interface CoderRecord {
  latencies: Record<RequestKind, number[]>;
  errors: { kind: RequestKind; status: number; body: string }[];
  /** Segments whose creation was answered 201, by id: document, codes, coder. */
  created: Map<string, { documentId: string; codeIds: string[]; coderId: string }>;
  /** Segment ids whose deletion was answered 204. */
  deleted: Set<string>;
}

/** A small deterministic random generator, so a run can be repeated with --seed. */
export function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * Runs coder number `index` (0-based, of `total`) until `deadline` (performance.now() ms): open a
 * document and its segments, code a passage with 1–2 codes, list the codebook, and in one
 * iteration out of five remove one of their own earlier codings. Each coder codes only ranges
 * starting at offsets ≡ index (mod total), so two coders never create the same range.
 */
export async function runCoder(client: Client, fixture: LoadFixture, index: number, total: number, deadline: number, seed: number, thinkMs: number): Promise<CoderRecord> {
  const rand = random(seed * 1000 + index + 1);
  const record: CoderRecord = {
    latencies: { open_document: [], list_segments: [], create_segment: [], list_codes: [], delete_segment: [] },
    errors: [], created: new Map(), deleted: new Set(),
  };
  const counters = fixture.documents.map(() => 0);
  const mine: string[] = [];
  const track = async <T>(kind: RequestKind, call: Promise<Answer<T>>, ok: number[]): Promise<Answer<T> | null> => {
    const answer = await call;
    record.latencies[kind].push(answer.ms);
    if (!ok.includes(answer.status)) {
      record.errors.push({ kind, status: answer.status, body: JSON.stringify(answer.body).slice(0, 200) });
      return null;
    }
    return answer;
  };
  while (performance.now() < deadline) {
    const d = Math.floor(rand() * fixture.documents.length);
    const doc = fixture.documents[d]!;
    await track('open_document', client.get(`/api/documents/${doc.id}`), [200]);
    await track('list_segments', client.get(`/api/documents/${doc.id}/segments`), [200]);
    const start = index + total * counters[d]!++;
    const end = start + 15 + Math.floor(rand() * 60);
    if (end <= doc.text.length) {
      const first = fixture.codeIds[Math.floor(rand() * fixture.codeIds.length)]!;
      const second = fixture.codeIds[Math.floor(rand() * fixture.codeIds.length)]!;
      const codeIds = rand() < 0.3 && second !== first ? [first, second] : [first];
      const answer = await track<{ id: string }>('create_segment', client.post(`/api/documents/${doc.id}/segments`, { start, end, exact: doc.text.slice(start, end), codeIds }), [201]);
      if (answer) {
        record.created.set(answer.body.id, { documentId: doc.id, codeIds: [...codeIds].sort(), coderId: client.userId });
        mine.push(answer.body.id);
      }
    }
    await track('list_codes', client.get(`/api/projects/${fixture.projectId}/codes`), [200]);
    if (mine.length > 3 && rand() < 0.2) {
      const id = mine.splice(Math.floor(rand() * mine.length), 1)[0]!;
      if (await track('delete_segment', client.delete(`/api/segments/${id}`), [204])) record.deleted.add(id);
    }
    if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + rand())));
  }
  return record;
}
