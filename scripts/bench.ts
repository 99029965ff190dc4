/**
 * `npm run bench`: the performance benchmark of issue 9, against the real server on 127.0.0.1.
 *
 * For each database (SQLite; with `--postgres` also PostgreSQL from DATABASE_URL, in a fresh
 * database created and dropped by the bench) it starts `server/main.ts` on fresh data, puts a
 * generated project into it through the API (scripts/generate-corpus.ts: 500 transcripts of 8,000
 * words by default, 2,000 with `--large`; three coders, codings, memos), and measures, each beside a
 * baseline from the same run and against its target (bench/suite.ts):
 *
 * - applying a code, `POST /api/documents/:id/segments`, 50 clients (autocannon): req/s ≥ 1,000 and
 *   p99 < 50 ms; baseline: a bare Fastify route with the same body, in its own process (and the
 *   workbench's `GET /api/health`);
 * - opening a 20,000-word transcript with 1,000 codings: the server time of the reader's requests
 *   (< 20 ms) and the first render in Chromium, from performance marks in the page (< 300 ms);
 * - search p95 on the project (< 50 ms) and ≤ 2× SQLite FTS5 over the same turns;
 * - importing a .docx: ≤ 1.5× mammoth alone on the same file;
 * - server RSS with the project open and indexed (< 500 MB), start → serving it (< 3 s);
 * - agreement, saturation and co-occurrence over 100,000 codings through the API (< 300 ms each).
 * Also: re-anchoring after 30 edits, and code-suggestion hit rates on the demo (no targets).
 *
 * Output: bench-results/bench-<timestamp>.json (stdout too) and bench-results/summary.md (stderr too).
 * Options: --quick (a 2-minute smoke run: 100 short transcripts, short loads; not the targets'
 * conditions), --large (2,000 transcripts), --postgres (SQLite, then PostgreSQL), --postgres-only, --no-browser, --build, --seed N,
 * --connections N (50), --seconds N (load duration, 10).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineFacts } from './bench/report';
import type { BenchServer } from './bench/server';
import { benchSuggestions } from './bench/suggestions';
import { runSuite, type SuiteOptions, type SuiteResult } from './bench/suite';
import { targetsTable } from './bench/targets';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = path.join(ROOT, 'bench-results');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function ensureClientBuilt(force: boolean) {
  const index = path.join(ROOT, 'client/dist/index.html');
  if (!force && fs.existsSync(index)) return { built: false, distModified: fs.statSync(index).mtime.toISOString() };
  log('building the client (vite build) …');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('the client build failed (see above); the bench needs client/dist to start the server');
  return { built: true, distModified: fs.statSync(index).mtime.toISOString() };
}

/** The server is always rebuilt (half a second), so the bench measures the code as it is now. */
function buildServer() {
  log('building the server (esbuild) …');
  const result = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('the server build failed (see above)');
}

function details(s: SuiteResult): string[] {
  const l = s.load;
  const r = s.reader;
  return [
    `Project: ${s.project.size} transcripts × ${s.project.words} words imported through the API in ${s.project.importMs} ms (${s.project.documentsPerSecond} docs/s), ${s.project.coders} coders, ${s.project.codings} codings, ${s.project.memos} memos; first start with migrations ${s.firstStartMs} ms.`,
    `Apply a code (${l.coding.connections} clients × ${l.coding.durationS} s): ${l.coding.rps} req/s, p50/p90/p99 ${l.coding.p50}/${l.coding.p90}/${l.coding.p99} ms, ${l.coding.requests} requests, ${l.coding.non2xx} non-2xx. Baselines: bare Fastify ${l.baseline.rps} req/s, p99 ${l.baseline.p99} ms; GET /api/health ${l.health.rps} req/s, p99 ${l.health.p99} ms.`,
    `Reader requests (30 sequential each, p50/p95 ms): ${s.readerRequests.map((q) => `${q.path.replace(/[0-9a-f-]{36}/g, ':id')} ${q.latency.p50}/${q.latency.p95} (${Math.round(q.bytes / 1024)} KiB)`).join('; ')}.`,
    'runs' in r ? `Reader in Chromium ${r.version} (ms since navigation start, first load / reloads): turns ${r.runs.map((x) => x.turnsMs).join(' / ')}; highlights ${r.runs.map((x) => x.highlightsMs).join(' / ')}; ready ${r.runs.map((x) => x.readyMs).join(' / ')} (${r.runs[0]!.turns} turns, ${r.runs[0]!.highlights} highlight groups).` : `Reader in Chromium: skipped (${r.skipped}).`,
    `Re-anchoring after 30 edits: ${s.reanchor.ms} ms (${JSON.stringify(s.reanchor.segments)}).`,
    `.docx (${Math.round(s.docx.fileBytes / 1024)} KiB, ${s.docx.words} words): import ${s.docx.importMs} ms; mammoth convertToHtml ${s.docx.mammothConvertToHtmlMs} ms, extractRawText ${s.docx.mammothExtractRawTextMs} ms.`,
    `Search: first search ${s.search.firstSearchMs} ms; HTTP p50/p95 ${s.search.http.p50}/${s.search.http.p95} ms; in-process MiniSearch build ${s.search.miniSearch.buildMs} ms, p50/p95 ${s.search.miniSearch.query.p50}/${s.search.miniSearch.query.p95} ms; FTS5 build ${s.search.fts5.buildMs} ms, p50/p95 ${s.search.fts5.query.p50}/${s.search.fts5.query.p95} ms.`,
    `Analyses over ${s.analysis.codings} codings (${s.analysis.viaApi} through the API, the rest written into the database): agreement ${s.analysis.api.agreementMs} ms, saturation ${s.analysis.api.saturationMs} ms, co-occurrence ${s.analysis.api.cooccurrenceOverlapMs} ms (overlap) / ${s.analysis.api.cooccurrenceTurnMs} ms (turn), frequencies ${s.analysis.api.frequenciesMs} ms.`,
    `Restart on the same data: health after ${s.restart.healthyMs} ms, project served after ${s.restart.readyMs} ms; RSS ${s.restart.rssMb} MB.`,
  ];
}

async function main() {
  const quick = flag('quick');
  const startedAt = new Date();
  const facts = machineFacts();
  const client = ensureClientBuilt(flag('build'));
  buildServer();
  const options: SuiteOptions = {
    size: quick ? 100 : flag('large') ? 2000 : 500, words: quick ? 1500 : 8000, transcriptWords: quick ? 5000 : 20_000, readerCodings: quick ? 200 : 1000,
    analysisCodings: quick ? 20_000 : 100_000, connections: option('connections', 50), loadSeconds: option('seconds', quick ? 2 : 10),
    searchRounds: quick ? 1 : 3, browser: !flag('no-browser'), seed: option('seed', 1),
  };
  const dialects = flag('postgres-only') ? (['postgres'] as const) : flag('postgres') ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
  if ((flag('postgres') || flag('postgres-only')) && !process.env.DATABASE_URL) throw new Error('--postgres needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres (a fresh database is created next to it and dropped)');

  let current: BenchServer | null = null;
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log(`${signal}: stopping the server and removing its data`);
    void (current ? current.destroy() : Promise.resolve()).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const suites: SuiteResult[] = [];
  for (const dialect of dialects) suites.push(await runSuite(dialect, options, log, (s) => (current = s)));
  const suggestions = quick ? null : (log('suggestions: the demo in-process, 5-fold cross-validation …'), await benchSuggestions());

  const report = {
    benchmark: 'socprev-workbench', issue: 9, startedAt: startedAt.toISOString(), durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    mode: quick ? 'quick (smoke run: NOT the conditions of the targets)' : 'full', options, machine: facts, client,
    targets: Object.fromEntries(suites.map((s) => [s.dialect, s.targets])), suites, suggestions,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = JSON.stringify(report, null, 2);
  fs.writeFileSync(file, `${json}\n`);
  process.stdout.write(`${json}\n`);

  const missed = suites.flatMap((s) => s.targets.filter((t) => t.met === false).map((t) => `${s.dialect}: ${t.measure}`));
  const summary = [
    `# SOCPREV Workbench benchmark — ${startedAt.toISOString()}${quick ? ' (quick smoke run, not the targets\' conditions)' : ''}`,
    '',
    `- Machine: ${facts.cpus} × ${facts.cpuModel}, ${facts.memoryGb} GB RAM, load ${facts.loadAverage.join(' ')} at start, ${facts.platform}, Node ${facts.node}`,
    `- Code: ${suites[0]?.appVersion ?? '?'}, commit ${facts.commit ?? '?'}${facts.uncommittedChanges ? ' with uncommitted changes' : ''}; run took ${report.durationS} s`,
    `- Command: \`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\``,
    '',
    targetsTable(suites.map((s) => ({ dialect: s.dialect, targets: s.targets }))),
    '',
    missed.length ? `Missed: ${missed.join('; ')}.` : 'Every target met.',
    '',
    ...suites.flatMap((s) => [`## ${s.dialect}`, '', ...details(s).map((l) => `- ${l}`), '']),
    ...(suggestions ? [`Code suggestions on the demo (${suggestions.heldOutPassages} passages, 5-fold): top-1 ${suggestions.top1Percent} %, top-3 ${suggestions.top3Percent} %, top-5 ${suggestions.top5Percent} %; baseline (3 most frequent codes) ${suggestions.baselineTop3Percent} %.`, ''] : []),
    `Full report: ${path.relative(ROOT, file)}`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(RESULTS_DIR, 'summary.md'), summary);
  process.stderr.write(`\n${summary}`);
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
}

main().catch((error) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
});
