/**
 * Team-review analyses on 100,000 codings: agreement (character level and unitizing),
 * saturation and co-occurrence — through the API of the running server (the codings are written
 * straight into its database with Kysely, SQLite in WAL mode or PostgreSQL, while it serves: going
 * through the API would take minutes), and the pure functions alone in this process.
 */
import path from 'node:path';
import type { Insertable } from 'kysely';
import { createDb } from '../../server/db/create-db';
import type { CodingsTable, SegmentsTable } from '../../server/db/schema';
import { binaryAgreementFromIntervals, unitizingAlpha } from '../../server/analysis/agreement';
import { cooccurrence, type Passage } from '../../server/analysis/code-tables';
import { guestSaturation } from '../../server/analysis/saturation';
import { mulberry32 } from '../generate-transcript';
import type { Api } from './http';

export interface AnalysisBench {
  codings: number;
  /** Codings made through the API before (seeding, the coding load); the rest were written directly. */
  viaApi: number;
  documents: number;
  coders: number;
  api: { agreementMs: number; saturationMs: number; cooccurrenceOverlapMs: number; cooccurrenceTurnMs: number; frequenciesMs: number };
  inProcess: { agreementMs: number; saturationMs: number; cooccurrenceMs: number };
}

/** Median of 3 timed calls after a warm-up call (index, caches). */
const timed = async (run: () => Promise<unknown>) => {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return Math.round(times.sort((a, b) => a - b)[1]!);
};

/** Writes `codings` codings by the coders over the project's documents into the server's database. */
async function writeCodings(database: { dataDir: string; databaseUrl: string | null }, projectId: string, coderIds: string[], codeIds: string[], codings: number) {
  const handle = database.databaseUrl ? createDb({ databaseUrl: database.databaseUrl }) : createDb({ sqliteFile: path.join(database.dataDir, 'socprev.sqlite') });
  const { db } = handle;
  try {
    const docs = await db.selectFrom('documents as d').innerJoin('document_revisions as r', 'r.id', 'd.current_revision_id')
      .select(['d.id', 'd.current_revision_id as rev', 'r.text']).where('d.project_id', '=', projectId).execute();
    const [{ n }] = await db.selectFrom('codings as c').innerJoin('segments as s', 's.id', 'c.segment_id').innerJoin('documents as d', 'd.id', 's.document_id')
      .select((eb) => eb.fn.countAll<string | number>().as('n')).where('d.project_id', '=', projectId).execute() as [{ n: string | number }];
    const existing = Number(n);
    codings -= existing;
    const rand = mulberry32(11);
    const now = new Date().toISOString();
    const batch = 2000;
    for (let from = 0; from < codings; from += batch) {
      const segments: Insertable<SegmentsTable>[] = [];
      const rows: Insertable<CodingsTable>[] = [];
      for (let i = from; i < Math.min(codings, from + batch); i++) {
        const doc = docs[i % docs.length]!;
        const start = Math.floor(rand() * (doc.text.length - 400));
        const end = start + 40 + Math.floor(rand() * 300);
        const coder = coderIds[i % coderIds.length]!;
        const id = crypto.randomUUID();
        segments.push({ id, document_id: doc.id, revision_id: doc.rev!, start_offset: start, end_offset: end, exact: doc.text.slice(start, end), prefix: '', suffix: '', status: 'anchored' as const, created_by: coder, created_at: now, updated_at: now });
        rows.push({ id: crypto.randomUUID(), segment_id: id, code_id: codeIds[Math.floor(rand() ** 2 * codeIds.length)]!, coder_id: coder, created_at: now });
      }
      await db.transaction().execute(async (trx) => {
        for (let k = 0; k < segments.length; k += 500) await trx.insertInto('segments').values(segments.slice(k, k + 500)).execute();
        for (let k = 0; k < rows.length; k += 500) await trx.insertInto('codings').values(rows.slice(k, k + 500)).execute();
      });
    }
    return { documents: docs.length, existing };
  } finally {
    await handle.close();
  }
}

/**
 * Adds codings until the project has `codings` of them (the coders' own codings count), then times
 * the analyses through the API and the pure functions in-process.
 */
export async function benchAnalysis(api: Api, database: { dataDir: string; databaseUrl: string | null }, projectId: string, coderIds: string[], codeIds: string[], codings: number, log: (m: string) => void): Promise<AnalysisBench> {
  log(`analysis: topping the project up to ${codings} codings, written into the server's database …`);
  const { documents, existing } = await writeCodings(database, projectId, coderIds, codeIds, codings);
  const base = `/api/projects/${projectId}/analysis`;
  log('analysis: timing agreement, saturation, co-occurrence and frequencies through the API …');
  const apiTimes = {
    agreementMs: await timed(() => api.get(`${base}/agreement?coderIds=${coderIds[0]},${coderIds[1]}`, [200], false)),
    saturationMs: await timed(() => api.get(`${base}/saturation`, [200], false)),
    cooccurrenceOverlapMs: await timed(() => api.get(`${base}/cooccurrence?mode=overlap&limit=40`, [200], false)),
    cooccurrenceTurnMs: await timed(() => api.get(`${base}/cooccurrence?mode=turn&limit=40`, [200], false)),
    frequenciesMs: await timed(() => api.get(`${base}/frequencies`, [200], false)),
  };

  // The pure functions alone, on synthetic passages of the same size.
  const rand = mulberry32(5);
  const length = 50_000;
  const passages: Passage[] = Array.from({ length: codings }, (_, i) => {
    const start = Math.floor(rand() * (length - 400));
    return { segmentId: `s${i}`, documentId: `d${i % documents}`, start, end: start + 40 + Math.floor(rand() * 300), coderId: `c${i % 3}`, codeId: `k${Math.floor(rand() ** 2 * 40)}` };
  });
  let t0 = performance.now();
  const byKey = new Map<string, Passage[]>();
  for (const p of passages) {
    const key = `${p.codeId}|${p.documentId}`;
    const list = byKey.get(key);
    if (list) list.push(p);
    else byKey.set(key, [p]);
  }
  for (const list of byKey.values()) {
    const a = list.filter((p) => p.coderId === 'c0');
    const b = list.filter((p) => p.coderId === 'c1');
    binaryAgreementFromIntervals(length, a, b);
    unitizingAlpha(length, [a, b]);
  }
  const agreementMs = performance.now() - t0;
  t0 = performance.now();
  const perDoc = Array.from({ length: documents }, () => new Set<string>());
  for (const p of passages) perDoc[Number(p.documentId.slice(1))]!.add(p.codeId);
  guestSaturation(perDoc.map((s) => [...s]), { baseSize: 4, runLength: 2, threshold: 0.05 });
  const saturationMs = performance.now() - t0;
  t0 = performance.now();
  cooccurrence(passages, Array.from({ length: 40 }, (_, i) => `k${i}`), 'overlap', new Map());
  const cooccurrenceMs = performance.now() - t0;
  return {
    codings, viaApi: existing, documents, coders: coderIds.length, api: apiTimes,
    inProcess: { agreementMs: Math.round(agreementMs), saturationMs: Math.round(saturationMs), cooccurrenceMs: Math.round(cooccurrenceMs) },
  };
}
