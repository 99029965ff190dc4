/**
 * `npm run bench`: performance of the real server, measured here and never in timed tests.
 *
 * Starts `server/main.ts` as a child process on 127.0.0.1 with a fresh temporary SQLite DATA_DIR
 * (test/helpers/server-process.ts; the client is built first when client/dist is missing), creates
 * the owner through SOCPREV_ADMIN_EMAIL/SOCPREV_ADMIN_PASSWORD, logs in (cookie + x-csrf-token) and
 * measures, over HTTP like a browser would:
 *
 * 1. importing a generated 20,000-word transcript (scripts/generate-transcript.ts);
 * 2. applying 2,000 codings with `POST /api/documents/:id/segments`: 1,600 sequentially while the
 *    document fills up, then, at the end, 200 sequentially and 200 with 10 requests in flight;
 * 3. the baseline `GET /api/health` (a route that only runs `select 1`) under the same patterns;
 * 4. opening the transcript with 2,000 codings: `GET /api/documents/:id` and `…/segments`;
 * 5. the reader's first render in Chromium (turns in the DOM, highlights registered), when installed;
 * 6. re-anchoring: `POST /api/documents/:id/revisions` with 30 scattered edits;
 * 7. search on generated corpora of 100 and 500 transcripts of 8,000 words (scripts/generate-corpus.ts):
 *    import, index build, memory, query latency, beside SQLite FTS5 over the same text (bench/search.ts);
 * 8. agreement, saturation and co-occurrence on 100,000 codings, through the API and in-process (bench/analysis.ts);
 * 9. code suggestions: top-1/3/5 hit rates on held-out codings of the demo project (bench/suggestions.ts).
 *
 * Output: the JSON report on stdout and in bench-results/bench-<timestamp>.json; a Markdown summary
 * on stderr and in bench-results/summary.md. The server and its temporary directory are removed
 * at the end, also on errors and on Ctrl-C.
 *
 * Options: --words N (20000), --codings N (2000), --seed N (1), --build (rebuild the client first),
 * --no-browser (skip Chromium), --quick (search on 100 transcripts only), --skip search,analysis,suggestions.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '../test/helpers/server-process';
import { measureReader, type ReaderResult } from './bench/browser';
import { scatterEdits } from './bench/edits';
import { Api } from './bench/http';
import { machineFacts, markdownSummary, processTreeRssMb } from './bench/report';
import { benchAnalysis } from './bench/analysis';
import { benchSearch, type SearchBenchSize } from './bench/search';
import { type LatencySummary, runLoad, summarize } from './bench/stats';
import { benchSuggestions } from './bench/suggestions';
import { generateDemoTranscript, mulberry32 } from './generate-transcript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = path.join(ROOT, 'bench-results');
const OWNER = { email: 'bench.owner@socprev.example', password: 'fictional benchmark passphrase 2026' };

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const round = (n: number) => Math.round(n * 10) / 10;
/** Summary of a slice of sequential latencies (its wall time is their sum). */
const sequentialSummary = (latencies: number[]) => summarize(latencies, latencies.reduce((a, b) => a + b, 0));

interface DocumentDetail {
  id: string;
  text: string;
  wordCount: number;
  revision: { id: string; number: number };
  speakers: { id: string; role: string }[];
  turns: { speakerId: string | null; start: number; end: number }[];
}

function ensureClientBuilt(force: boolean) {
  const index = path.join(ROOT, 'client/dist/index.html');
  if (!force && fs.existsSync(index)) return { built: false, distModified: fs.statSync(index).mtime.toISOString() };
  log('building the client (vite build) …');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts'], {
    cwd: ROOT, stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error('the client build failed (see above); the bench needs client/dist to start the server');
  return { built: true, distModified: fs.statSync(index).mtime.toISOString() };
}

/** `count` distinct passages of respondent turns: whole words, 40–400 characters. */
function codingRequests(doc: DocumentDetail, count: number, codeIds: string[], rand: () => number) {
  const respondents = new Set(doc.speakers.filter((s) => s.role === 'respondent').map((s) => s.id));
  const turns = doc.turns.filter((t) => t.speakerId && respondents.has(t.speakerId) && t.end - t.start > 60);
  if (turns.length === 0) throw new Error('the generated transcript has no respondent turns');
  const words = turns.map((t) => [...doc.text.slice(t.start, t.end).matchAll(/\S+/g)].map((m) => ({ start: t.start + m.index!, end: t.start + m.index! + m[0].length })));
  const total = turns.reduce((sum, t) => sum + (t.end - t.start), 0);
  const seen = new Set<string>();
  const requests: { start: number; end: number; exact: string; codeIds: string[] }[] = [];
  while (requests.length < count) {
    // A turn in proportion to its length, a word in it, then words up to a length of 40–400 characters.
    let r = rand() * total;
    let k = 0;
    while (k < turns.length - 1 && r > turns[k]!.end - turns[k]!.start) {
      r -= turns[k]!.end - turns[k]!.start;
      k++;
    }
    const list = words[k]!;
    const first = Math.floor(rand() * list.length);
    const target = 40 + rand() ** 2 * 360;
    let last = first;
    while (last + 1 < list.length && list[last]!.end - list[first]!.start < target) last++;
    const start = list[first]!.start;
    const end = list[last]!.end;
    if (seen.has(`${start}:${end}`)) continue;
    seen.add(`${start}:${end}`);
    requests.push({ start, end, exact: doc.text.slice(start, end), codeIds: [codeIds[Math.floor(rand() * codeIds.length)]!] });
  }
  return requests;
}

async function main() {
  const words = option('words', 20_000);
  const codings = option('codings', 2_000);
  const seed = option('seed', 1);
  const startedAt = new Date();
  const facts = machineFacts();
  const client = ensureClientBuilt(flag('build'));

  let server: RunningServer | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= server ? server.stop() : Promise.resolve());
  // `on`, not `once`: Ctrl-C reaches the bench twice (from the terminal and relayed by tsx); a second
  // signal must not end the process before the server is stopped and its directory removed.
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log(`${signal}: stopping the server and removing its data directory`);
    void stop().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    log('starting the server (SQLite in a temporary DATA_DIR) …');
    server = await startServer({ SOCPREV_ADMIN_EMAIL: OWNER.email, SOCPREV_ADMIN_PASSWORD: OWNER.password, SOCPREV_ADMIN_NAME: 'Bench owner (fictional)' });
    log(`server at ${server.url}, data in ${server.dataDir}`);
    const api = await Api.login(server.url, OWNER.email, OWNER.password);
    const health = (await api.get<{ database: string; version: string }>('/api/health')).body;
    const rand = mulberry32(seed);

    // Project and a small codebook (4 groups of 5 codes).
    const project = (await api.post<{ id: string }>('/api/projects', { name: 'Benchmark (fictional)' })).body;
    const leafIds: string[] = [];
    for (const group of ['Mechanisms', 'Target group', 'Costs', 'Evaluation']) {
      const parent = (await api.post<{ id: string }>(`/api/projects/${project.id}/codes`, { name: group })).body;
      for (let i = 1; i <= 5; i++) leafIds.push((await api.post<{ id: string }>(`/api/projects/${project.id}/codes`, { name: `${group} ${i}`, parentId: parent.id })).body.id);
    }

    // 1. Import a generated transcript.
    const transcript = await generateDemoTranscript({ words, seed, language: 'en' });
    log(`importing ${transcript.fileName} (${transcript.words} words, ${transcript.turns} turns) …`);
    let t0 = performance.now();
    const imported = await api.upload<{ documents: { id: string }[] }>(`/api/projects/${project.id}/documents`, [{ name: transcript.fileName, content: transcript.text }]);
    const importMs = performance.now() - t0;
    const documentId = imported.body.documents[0]!.id;
    const doc = (await api.get<DocumentDetail>(`/api/documents/${documentId}`)).body;

    // 2. Codings: 80 % sequentially while the document fills up, then 10 % sequentially and 10 % ten at a time.
    const requests = codingRequests(doc, codings, leafIds, rand);
    const code = (i: number) => api.post(`/api/documents/${documentId}/segments`, requests[i]!, [201], false).then(() => undefined);
    const bulk = Math.round(codings * 0.8);
    const tail = Math.round(codings * 0.1);
    log(`applying ${bulk} codings sequentially …`);
    const filling = await runLoad(bulk, 1, code);
    const edge = Math.min(100, Math.floor(bulk / 2));
    log(`applying ${tail} codings sequentially and ${codings - bulk - tail} with 10 in flight, at the end …`);
    const endSequential = await runLoad(tail, 1, (i) => code(bulk + i));
    const endConcurrent = await runLoad(codings - bulk - tail, 10, (i) => code(bulk + tail + i));
    const segmentsNow = (await api.get<{ segments: unknown[] }>(`/api/documents/${documentId}/segments`)).body.segments.length;
    if (segmentsNow !== codings) throw new Error(`expected ${codings} segments, found ${segmentsNow}`);

    // 3. Baseline: the health route under the same patterns.
    const healthCall = () => api.get('/api/health', [200], false).then(() => undefined);
    await runLoad(20, 1, healthCall); // warm-up
    const healthSequential = await runLoad(tail, 1, healthCall);
    const healthConcurrent = await runLoad(codings - bulk - tail, 10, healthCall);

    // 4. Opening the transcript with all its codings.
    let detailBytes = 0;
    let segmentsBytes = 0;
    const openDetail = () => api.get(`/api/documents/${documentId}`, [200], false).then((r) => void (detailBytes = r.bytes));
    const openSegments = () => api.get(`/api/documents/${documentId}/segments`, [200], false).then((r) => void (segmentsBytes = r.bytes));
    await runLoad(3, 1, openDetail);
    await runLoad(3, 1, openSegments);
    const detailSequential = await runLoad(50, 1, openDetail);
    const segmentsSequential = await runLoad(50, 1, openSegments);
    const detailConcurrent = await runLoad(100, 10, openDetail);
    const segmentsConcurrent = await runLoad(100, 10, openSegments);
    const serverRssMb = processTreeRssMb(server.process.pid!);

    // 5. The reader in Chromium.
    let reader: ReaderResult;
    if (flag('no-browser')) reader = { skipped: '--no-browser' };
    else {
      log('opening the reader in Chromium …');
      try {
        reader = await measureReader(server.url, api.session, documentId);
      } catch (error) {
        reader = { skipped: `the browser measurement failed: ${(error as Error).message}` };
      }
    }

    // 6. Re-anchoring after 30 scattered edits.
    const edits = scatterEdits(doc.text, 30, rand);
    log('correcting the transcript (30 scattered edits) …');
    t0 = performance.now();
    const correction = await api.post<{ revision: { number: number }; segments: { anchored: number; byDiff: number; byExact: number; byFuzzy: number; orphaned: number } }>(
      `/api/documents/${documentId}/revisions`, { text: edits.text, baseRevisionId: doc.revision.id }, [201]);
    const reanchorMs = performance.now() - t0;

    // 7–9. Search at scale, team-review analyses on 100,000 codings, suggestions.
    const skip = new Set((process.argv[process.argv.indexOf('--skip') + 1] ?? '').split(','));
    if (!process.argv.includes('--skip')) skip.clear();
    const search: SearchBenchSize[] = [];
    let searchProjectId: string | null = null;
    if (!skip.has('search')) {
      for (const size of flag('quick') ? [100] : [100, 500]) {
        search.push(await benchSearch(api, server.process.pid!, size, 8000, log));
        searchProjectId = (await api.get<{ projects: { id: string; name: string }[] }>('/api/projects')).body.projects.find((p) => p.name === `Search bench ${size} (fictional)`)!.id;
      }
    }
    const analysis = !skip.has('analysis') && searchProjectId ? await benchAnalysis(api, server.dataDir, searchProjectId, 100_000, log) : null;
    if (!skip.has('suggestions')) log('suggestions: loading the demo in-process and cross-validating …');
    const suggestions = skip.has('suggestions') ? null : await benchSuggestions();

    const report = {
      benchmark: 'socprev-workbench',
      startedAt: startedAt.toISOString(),
      durationS: round((Date.now() - startedAt.getTime()) / 1000),
      machine: { ...facts, dialect: health.database, appVersion: health.version, serverRssMbAfterReads: serverRssMb },
      client,
      transcript: { fileName: transcript.fileName, words: doc.wordCount, characters: doc.text.length, turns: doc.turns.length, generator: 'scripts/generate-transcript.ts', seed },
      import: { ms: round(importMs) },
      coding: {
        endpoint: 'POST /api/documents/:id/segments',
        codings,
        whileFilling: { ...filling.summary, from: 0, to: bulk, first: sequentialSummary(filling.latencies.slice(0, edge)), last: sequentialSummary(filling.latencies.slice(-edge)) },
        atEndSequential: { ...endSequential.summary, from: bulk, to: bulk + tail },
        atEndConcurrent: { ...endConcurrent.summary, from: bulk + tail, to: codings },
      },
      baseline: { endpoint: 'GET /api/health (select 1)', sequential: healthSequential.summary, concurrent: healthConcurrent.summary },
      open: {
        segments: codings,
        document: { endpoint: 'GET /api/documents/:id', bytes: detailBytes, sequential: detailSequential.summary, concurrent: detailConcurrent.summary },
        segmentsList: { endpoint: 'GET /api/documents/:id/segments', bytes: segmentsBytes, sequential: segmentsSequential.summary, concurrent: segmentsConcurrent.summary },
      },
      reader,
      reanchor: { endpoint: 'POST /api/documents/:id/revisions', edits: edits.counts, ms: round(reanchorMs), revision: correction.body.revision.number, segments: correction.body.segments },
      search,
      analysis,
      suggestions,
    };

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const file = path.join(RESULTS_DIR, `bench-${stamp}.json`);
    const json = JSON.stringify(report, null, 2);
    fs.writeFileSync(file, `${json}\n`);
    process.stdout.write(`${json}\n`);

    const latency: { name: string; summary: LatencySummary; note?: string }[] = [
      { name: `Apply a code, sequential, segments 0→${bulk}`, summary: filling.summary, note: `first ${edge}: p50 ${report.coding.whileFilling.first.p50} ms; last ${edge}: p50 ${report.coding.whileFilling.last.p50} ms` },
      { name: `Apply a code, sequential, at the end (${bulk}→${bulk + tail})`, summary: endSequential.summary },
      { name: `Apply a code, 10 in flight, at the end (${bulk + tail}→${codings})`, summary: endConcurrent.summary },
      { name: 'Baseline GET /api/health, sequential', summary: healthSequential.summary },
      { name: 'Baseline GET /api/health, 10 in flight', summary: healthConcurrent.summary },
      { name: `GET /api/documents/:id, sequential (${Math.round(detailBytes / 1024)} KiB)`, summary: detailSequential.summary },
      { name: 'GET /api/documents/:id, 10 in flight', summary: detailConcurrent.summary },
      { name: `GET …/segments with ${codings}, sequential (${Math.round(segmentsBytes / 1024)} KiB)`, summary: segmentsSequential.summary },
      { name: `GET …/segments with ${codings}, 10 in flight`, summary: segmentsConcurrent.summary },
    ];
    const s = report.reanchor.segments;
    const readerLine = 'skipped' in reader
      ? `Reader first render: skipped (${reader.skipped}).`
      : `Reader first render in Chromium ${reader.version}, ms since navigation start (first load / reloads): turns in the DOM ${reader.runs.map((r) => r.turnsMs).join(' / ')}; first highlight ${reader.runs.map((r) => r.highlightsMs).join(' / ')}; on screen with highlights (next frame) ${reader.runs.map((r) => r.readyMs).join(' / ')} (${reader.runs[0]!.turns} turns, ${reader.runs[0]!.highlights} highlight groups, ${codings} codings).`;
    const summary = markdownSummary({
      title: `SOCPREV Workbench bench — ${startedAt.toISOString()}`,
      facts: [
        `${facts.cpus} × ${facts.cpuModel}, ${facts.memoryGb} GB RAM, load ${facts.loadAverage.join(' ')}, ${facts.platform}, Node ${facts.node}`,
        `Server ${health.version} on ${health.database} (fresh temporary DATA_DIR), commit ${facts.commit ?? '?'}${facts.uncommittedChanges ? ' with uncommitted changes' : ''}; server RSS after the reads ${serverRssMb ?? '?'} MB`,
        `Transcript: ${doc.wordCount} words, ${doc.text.length} characters, ${doc.turns.length} turns; import ${round(importMs)} ms`,
      ],
      latency,
      lines: [
        `Re-anchoring ${codings} segments after 30 scattered edits (${Object.entries(edits.counts).map(([k, v]) => `${v} ${k}`).join(', ')}): ${round(reanchorMs)} ms; ${s.anchored} anchored (${s.byDiff} by diff, ${s.byExact} exact, ${s.byFuzzy} fuzzy), ${s.orphaned} orphaned.`,
        readerLine,
        ...search.map((x) => `Search, ${x.transcripts} transcripts × ${x.words} words: import ${x.importMs} ms (${x.documentsPerSecond} docs/s); first search (index build) ${x.firstSearchMs} ms; server RSS ${x.serverRssMbBefore ?? '?'} → ${x.serverRssMbAfter ?? '?'} MB; HTTP p50/p95 ${x.http.p50}/${x.http.p95} ms. In-process MiniSearch: build ${x.miniSearch.buildMs} ms, ~${x.miniSearch.heapMb} MB heap, p50/p95 ${x.miniSearch.query.p50}/${x.miniSearch.query.p95} ms; SQLite FTS5: build ${x.fts5.buildMs} ms, p50/p95 ${x.fts5.query.p50}/${x.fts5.query.p95} ms; MiniSearch/FTS5 p95 ratio ${x.ratioP95}.`),
        ...(analysis ? [`Analyses on ${analysis.codings} codings (${analysis.documents} transcripts, 3 coders), through the API: agreement ${analysis.api.agreementMs} ms, saturation ${analysis.api.saturationMs} ms, co-occurrence ${analysis.api.cooccurrenceOverlapMs} ms (overlap) / ${analysis.api.cooccurrenceTurnMs} ms (turn), frequencies ${analysis.api.frequenciesMs} ms; pure functions alone: agreement ${analysis.inProcess.agreementMs} ms, saturation ${analysis.inProcess.saturationMs} ms, co-occurrence ${analysis.inProcess.cooccurrenceMs} ms.`] : []),
        ...(suggestions ? [`Code suggestions on the demo (${suggestions.heldOutPassages} coded passages, 5-fold cross-validation, ${suggestions.codes} codes): top-1 ${suggestions.top1Percent} %, top-3 ${suggestions.top3Percent} %, top-5 ${suggestions.top5Percent} %; baseline (3 most frequent codes) ${suggestions.baselineTop3Percent} %.`] : []),
        `Full report: ${path.relative(ROOT, file)}`,
      ],
    });
    fs.writeFileSync(path.join(RESULTS_DIR, 'summary.md'), summary);
    process.stderr.write(`\n${summary}`);
  } catch (error) {
    if (server) log(`server output:\n${server.logs().slice(-4000)}`);
    throw error;
  } finally {
    await stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
});
