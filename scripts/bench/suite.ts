/**
 * One run of the benchmark suite on one database (SQLite or PostgreSQL): a fresh server, the
 * generated project, every measure of issue 9 beside its baseline, and the targets met or missed.
 */
import { generateProject, codingPassages } from '../generate-corpus';
import { generateDemoTranscript, mulberry32 } from '../generate-transcript';
import { benchAnalysis } from './analysis';
import { measureReader, type ReaderResult } from './browser';
import { benchCodingLoad } from './coding-load';
import { benchDocxImport } from './docx-import';
import { scatterEdits } from './edits';
import { Api } from './http';
import { pool, seedProject } from './project-seed';
import { processTreeRssMb } from './report';
import { benchSearch } from './search';
import { BenchServer, type Dialect } from './server';
import { runLoad, type LatencySummary } from './stats';
import { target, type TargetResult } from './targets';

export interface SuiteOptions {
  size: number;
  words: number;
  transcriptWords: number;
  readerCodings: number;
  analysisCodings: number;
  connections: number;
  loadSeconds: number;
  searchRounds: number;
  browser: boolean;
  seed: number;
}

const OWNER = { email: 'bench.owner@socprev.example', password: 'fictional benchmark passphrase 2026' };
const round = (n: number) => Math.round(n * 10) / 10;

interface Detail { id: string; text: string; wordCount: number; revision: { id: string }; speakers: { id: string; role: string }[]; turns: { speakerId: string | null; start: number; end: number }[] }

export async function runSuite(dialect: Dialect, o: SuiteOptions, log: (m: string) => void, onServer: (s: BenchServer) => void) {
  const say = (m: string) => log(`${dialect}: ${m}`);
  const server = await BenchServer.create(dialect, { SOCPREV_ADMIN_EMAIL: OWNER.email, SOCPREV_ADMIN_PASSWORD: OWNER.password, SOCPREV_ADMIN_NAME: 'Bench owner (fictional)' }, process.env.DATABASE_URL);
  onServer(server);
  try {
    const firstStartMs = await server.start();
    say(`server at ${server.url} (${server.databaseName ?? server.dataDir}), first start with migrations ${Math.round(firstStartMs)} ms`);
    const api = await Api.login(server.url, OWNER.email, OWNER.password);
    const health = (await api.get<{ database: string; version: string }>('/api/health')).body;

    // The generated project (issue 9: vocabulary and turn lengths from the demo, coders, codings, memos).
    const plan = await generateProject({ size: o.size, words: o.words, seed: o.seed });
    const project = await seedProject(api, plan, `Bench project ${o.size} (fictional)`, say);
    const pid = () => server.process!.pid!;

    // 1. Applying a code with 50 clients, on documents of that project.
    const rand = mulberry32(o.seed * 17 + 3);
    // Every request writes (a new passage, later a further code on one): see coding-load.ts.
    const perDocument = Math.ceil(20_000 / project.documents.length);
    const loadPassages = project.documents.flatMap((doc) => codingPassages(doc, perDocument, rand).map((p) => ({ documentId: doc.id, ...p, firstCode: Math.floor(rand() * project.codeIds.length) })));
    const load = await benchCodingLoad(api, loadPassages, project.codeIds, o.connections, o.loadSeconds, say);

    // 2. A 20,000-word transcript with 1,000 codings: server time of the reader's requests, first render.
    const readerProject = (await api.post<{ id: string }>('/api/projects', { name: 'Bench reader (fictional)' })).body;
    for (const name of ['Mechanisms', 'Costs', 'Evaluation', 'Target group']) await api.post(`/api/projects/${readerProject.id}/codes`, { name });
    const codes = (await api.get<{ codes: { id: string }[] }>(`/api/projects/${readerProject.id}/codes`)).body.codes.map((c) => c.id);
    const transcript = await generateDemoTranscript({ words: o.transcriptWords, seed: o.seed, language: 'en' });
    say(`reader: importing a ${transcript.words}-word transcript and applying ${o.readerCodings} codings …`);
    const documentId = (await api.upload<{ documents: { id: string }[] }>(`/api/projects/${readerProject.id}/documents`, [{ name: transcript.fileName, content: transcript.text }])).body.documents[0]!.id;
    const doc = (await api.get<Detail>(`/api/documents/${documentId}`)).body;
    const passages = codingPassages(doc, o.readerCodings, rand);
    await pool(passages, 8, async (p) => void (await api.post(`/api/documents/${documentId}/segments`, { ...p, codeIds: [codes[Math.floor(rand() * codes.length)]!] }, [200, 201], false)));
    let reader: ReaderResult = { skipped: '--no-browser' };
    if (o.browser) {
      say('reader: first render in Chromium …');
      try {
        reader = await measureReader(server.url, api.session, documentId);
      } catch (error) {
        reader = { skipped: `the browser measurement failed: ${(error as Error).message}` };
      }
    }
    const readerPaths = 'apiRequests' in reader ? reader.apiRequests : [`/api/documents/${documentId}`, `/api/documents/${documentId}/segments`];
    const requests: { path: string; bytes: number; forDocument: boolean; latency: LatencySummary }[] = [];
    for (const path of readerPaths) {
      let bytes = 0;
      const call = () => api.get(path, [200], false).then((r) => void (bytes = r.bytes));
      await runLoad(3, 1, call);
      requests.push({ path, bytes, forDocument: path.includes(documentId), latency: (await runLoad(30, 1, call)).summary });
    }
    const documentRequests = requests.filter((r) => r.forDocument);
    const serverMs = round(documentRequests.reduce((s, r) => s + r.latency.p50, 0));
    const allRequestsMs = round(requests.reduce((s, r) => s + r.latency.p50, 0));
    const healthSeq = (await runLoad(30, 1, () => api.get('/api/health', [200], false).then(() => undefined))).summary;

    // Re-anchoring after 30 scattered edits (an extra measure, no target).
    const edits = scatterEdits(doc.text, 30, rand);
    let t0 = performance.now();
    const correction = await api.post<{ segments: Record<string, number> }>(`/api/documents/${documentId}/revisions`, { text: edits.text, baseRevisionId: doc.revision.id }, [201]);
    const reanchor = { edits: edits.counts, ms: round(performance.now() - t0), segments: correction.body.segments };

    // 3. A .docx import beside mammoth alone.
    const docx = await benchDocxImport(api, transcript.text, 5, say);

    // 4. Search on the project, beside FTS5 over the same turns.
    say(`search: ${QUERY_NOTE} …`);
    const search = await benchSearch(api, pid(), project.projectId, project.documents, o.words, o.searchRounds);

    // 5. Agreement, saturation, co-occurrence over 100,000 codings.
    const analysis = await benchAnalysis(api, { dataDir: server.dataDir, databaseUrl: server.databaseUrl }, project.projectId, project.coderIds, project.codeIds, o.analysisCodings, say);

    // 6. Cold start: stop, start on the same data, serve the project (a search and a transcript), memory.
    say('restart: stopping the server and timing a start on the same data …');
    await server.stop();
    t0 = performance.now();
    const healthyMs = await server.start();
    await api.get(`/api/projects/${project.projectId}/search?q=${encodeURIComponent('prevention')}`, [200], false);
    await api.get(`/api/documents/${project.documents[0]!.id}`, [200], false);
    const readyMs = performance.now() - t0;
    for (const q of ['police', 'schuld', 'jeunes']) await api.get(`/api/projects/${project.projectId}/search?q=${q}`, [200], false);
    await api.get(`/api/projects/${project.projectId}/analysis/frequencies`, [200], false);
    const rssMb = processTreeRssMb(pid());

    const targets: TargetResult[] = [
      target({ id: 'coding-rps', measure: `Apply a code, ${o.connections} clients, ${o.size}-transcript project: req/s`, value: load.coding.rps, unit: 'req/s', comparison: '>=', target: 1000, baseline: { name: 'bare Fastify route', value: load.baseline.rps, unit: 'req/s' }, note: `health route ${load.health.rps} req/s; ${load.coding.non2xx} non-2xx, ${load.coding.errors} errors` }),
      target({ id: 'coding-p99', measure: `Apply a code, ${o.connections} clients: p99`, value: load.coding.p99, unit: 'ms', comparison: '<', target: 50, baseline: { name: 'bare Fastify route', value: load.baseline.p99, unit: 'ms' }, note: `health route p99 ${load.health.p99} ms` }),
      target({ id: 'open-server', measure: `Open a ${doc.wordCount}-word transcript with ${o.readerCodings} codings: server time (sum of p50 of the reader's ${documentRequests.length} document requests)`, value: serverMs, unit: 'ms', comparison: '<', target: 20, baseline: { name: `GET /api/health × ${documentRequests.length}`, value: round(healthSeq.p50 * Math.max(1, documentRequests.length)), unit: 'ms' }, note: `all ${requests.length} requests of a fresh page load: ${allRequestsMs} ms` }),
      target({ id: 'open-render', measure: 'Open it: first render in Chromium (median of 3 loads, performance marks)', value: 'runs' in reader ? [...reader.runs.map((r) => r.readyMs)].sort((a, b) => a - b)[1]! : null, unit: 'ms', comparison: '<', target: 300, baseline: null, note: 'runs' in reader ? `turns ${reader.runs.map((r) => r.turnsMs).join('/')} ms, ready ${reader.runs.map((r) => r.readyMs).join('/')} ms since navigation start` : reader.skipped }),
      target({ id: 'search-p95', measure: `Search p95, ${o.size} × ${o.words} words (over HTTP)`, value: search.http.p95, unit: 'ms', comparison: '<', target: 50, baseline: { name: 'FTS5 p95', value: search.fts5.query.p95, unit: 'ms' } }),
      target({ id: 'search-vs-fts5', measure: 'Search p95 / FTS5 p95 (both in-process, same turns)', value: search.ratioP95, unit: '×', comparison: '<=', target: 2, baseline: null, note: `over HTTP / FTS5 in-process: ×${search.ratioHttpP95}` }),
      target({ id: 'docx-import', measure: `Import a .docx (${docx.words} words) / mammoth alone`, value: docx.ratio, unit: '×', comparison: '<=', target: 1.5, baseline: null, note: `import ${docx.importMs} ms, mammoth convertToHtml ${docx.mammothConvertToHtmlMs} ms` }),
      target({ id: 'rss', measure: `Server RSS, ${o.size}-transcript project open and indexed`, value: rssMb, unit: 'MB', comparison: '<', target: 500, baseline: null, note: 'the server process as `npm start` runs it (built with esbuild, plain node)' }),
      target({ id: 'ready', measure: 'Start → serving that project (search + transcript)', value: Math.round(readyMs), unit: 'ms', comparison: '<', target: 3000, baseline: { name: 'start → health', value: Math.round(healthyMs), unit: 'ms' } }),
      ...(['agreementMs', 'saturationMs', 'cooccurrenceOverlapMs'] as const).map((k) => target({ id: k.replace('Ms', ''), measure: `${k === 'agreementMs' ? 'Agreement' : k === 'saturationMs' ? 'Saturation' : 'Co-occurrence'} over ${analysis.codings} codings (API)`, value: analysis.api[k], unit: 'ms', comparison: '<', target: 300, baseline: null, note: `pure function alone: ${k === 'agreementMs' ? analysis.inProcess.agreementMs : k === 'saturationMs' ? analysis.inProcess.saturationMs : analysis.inProcess.cooccurrenceMs} ms` })),
    ];
    return {
      dialect, database: health.database, appVersion: health.version, firstStartMs: Math.round(firstStartMs),
      project: { size: o.size, words: o.words, importMs: project.importMs, documentsPerSecond: round(o.size / (project.importMs / 1000)), coders: project.coderIds.length, codings: project.codings, memos: project.memos },
      targets, load, reader, readerRequests: requests, reanchor, docx, search, analysis,
      restart: { healthyMs: Math.round(healthyMs), readyMs: Math.round(readyMs), rssMb },
    };
  } catch (error) {
    log(`${dialect}: server output:\n${server.logs().slice(-4000)}`);
    throw error;
  } finally {
    await server.destroy();
  }
}

const QUERY_NOTE = 'queries in three languages, prefixes, typos and phrases';
export type SuiteResult = Awaited<ReturnType<typeof runSuite>>;
