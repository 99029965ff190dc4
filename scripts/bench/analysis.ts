/**
 * Team-review analyses on 100,000 codings: agreement (character level and unitizing),
 * saturation and co-occurrence — through the API of the running server (the codings are written
 * straight into its SQLite file, which WAL mode allows while it serves), and the pure functions
 * alone in this process.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { binaryAgreementFromIntervals, unitizingAlpha } from '../../server/analysis/agreement';
import { cooccurrence, type Passage } from '../../server/analysis/code-tables';
import { guestSaturation } from '../../server/analysis/saturation';
import { mulberry32 } from '../generate-transcript';
import type { Api } from './http';

export interface AnalysisBench {
  codings: number;
  documents: number;
  coders: number;
  api: { agreementMs: number; saturationMs: number; cooccurrenceOverlapMs: number; cooccurrenceTurnMs: number; frequenciesMs: number };
  inProcess: { agreementMs: number; saturationMs: number; cooccurrenceMs: number };
}

const timed = async (run: () => Promise<unknown>) => {
  await run(); // warm-up (index, caches)
  const t0 = performance.now();
  await run();
  return Math.round(performance.now() - t0);
};

/** Writes `codings` codings by 3 coders over the project's documents into the server's database. */
function writeCodings(dataDir: string, projectId: string, coderIds: string[], codeIds: string[], codings: number) {
  const db = new SQLite(path.join(dataDir, 'socprev.sqlite'));
  db.pragma('busy_timeout = 10000');
  const docs = db.prepare(`select d.id, d.current_revision_id as rev, r.text from documents d join document_revisions r on r.id = d.current_revision_id where d.project_id = ?`).all(projectId) as { id: string; rev: string; text: string }[];
  const rand = mulberry32(11);
  const insertSegment = db.prepare(`insert into segments (id, document_id, revision_id, start_offset, end_offset, exact, prefix, suffix, status, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, '', '', 'anchored', ?, ?, ?)`);
  const insertCoding = db.prepare(`insert into codings (id, segment_id, code_id, coder_id, created_at) values (?, ?, ?, ?, ?)`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < codings; i++) {
      const doc = docs[i % docs.length]!;
      const start = Math.floor(rand() * (doc.text.length - 400));
      const end = start + 40 + Math.floor(rand() * 300);
      const coder = coderIds[i % coderIds.length]!;
      const segmentId = crypto.randomUUID();
      insertSegment.run(segmentId, doc.id, doc.rev, start, end, doc.text.slice(start, end), coder, now, now);
      insertCoding.run(crypto.randomUUID(), segmentId, codeIds[Math.floor(rand() ** 2 * codeIds.length)]!, coder, now);
    }
  })();
  db.close();
  return docs.length;
}

export async function benchAnalysis(api: Api, dataDir: string, projectId: string, codings: number, log: (m: string) => void): Promise<AnalysisBench> {
  const coderIds: string[] = [];
  for (const name of ['Bench coder A', 'Bench coder B', 'Bench coder C']) {
    const email = `${name.toLowerCase().replaceAll(' ', '.')}@socprev.example`;
    const user = (await api.post<{ id: string }>('/api/users', { email, name: `${name} (fictional)`, password: 'fictional bench password' })).body;
    await api.post(`/api/projects/${projectId}/members`, { userId: user.id, role: 'coder' });
    coderIds.push(user.id);
  }
  const codeIds: string[] = [];
  for (let i = 1; i <= 40; i++) codeIds.push((await api.post<{ id: string }>(`/api/projects/${projectId}/codes`, { name: `Bench code ${i}` })).body.id);
  log(`analysis: writing ${codings} codings into the server's database …`);
  const documents = writeCodings(dataDir, projectId, coderIds, codeIds, codings);
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
    codings, documents, coders: 3, api: apiTimes,
    inProcess: { agreementMs: Math.round(agreementMs), saturationMs: Math.round(saturationMs), cooccurrenceMs: Math.round(cooccurrenceMs) },
  };
}
