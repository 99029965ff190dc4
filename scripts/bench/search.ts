/**
 * Search at scale: a generated corpus imported through the API, then MiniSearch (the workbench's
 * index, over HTTP and in-process) side by side with SQLite FTS5 over exactly the same turns, in
 * the same run. FTS5 runs in this process, without HTTP: compare it with the in-process MiniSearch
 * figures, and read the HTTP figures against the bare-route baseline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { ProjectIndex } from '../../server/features/search/project-index';
import { normalizeTerm, parseSearch } from '../../server/features/search/text-tokens';
import type { Api } from './http';
import { processTreeRssMb } from './report';
import { type LatencySummary, runLoad, summarize } from './stats';

/** Queries a researcher types: words in three languages, accents left out, prefixes, a typo, phrases. */
export const QUERIES = [
  'dealers', 'schuld', 'endettement', 'prevention', 'outreach', 'police', 'housing', 'treatment', 'evaluation', 'budget',
  'jongeren', 'straathoekwerk', 'verslaving', 'gemeente', 'justitie', 'quartier', 'travail', 'jeunes', 'consommation', 'reduction',
  'depenses', 'evaluatie', 'reinsertion', 'securite', 'prison',
  'evalu', 'preven', 'crimin', 'jonger',
  'treatmnt', 'polcie',
  'young people', 'drug market', 'harm reduction', 'city council',
  '"case management"', '"harm reduction"', '"de politie"', '"les jeunes"', '"the station"',
];

function ftsQuery(q: string): string {
  const parsed = parseSearch(q);
  return [...parsed.phrases.map((p) => `"${p.join(' ')}"`), ...parsed.terms.map((t) => `${t}*`)].join(' AND ');
}

export interface SearchBenchSize {
  transcripts: number;
  words: number;
  serverRssMbBefore: number | null;
  serverRssMbAfter: number | null;
  firstSearchMs: number;
  http: LatencySummary;
  miniSearch: { buildMs: number; heapMb: number; query: LatencySummary };
  fts5: { buildMs: number; query: LatencySummary; note: string };
  /** In-process MiniSearch p95 / FTS5 p95 (same process, no HTTP). */
  ratioP95: number;
  /** Workbench search over HTTP p95 / FTS5 p95 (in-process): the stricter reading. */
  ratioHttpP95: number;
}

/**
 * Search on an imported project: the first search (index build, unless a snapshot was loaded), then
 * every query `rounds` times over HTTP; the same index class in-process, and FTS5 over exactly the
 * same turns of the same stored texts.
 */
export async function benchSearch(api: Api, serverPid: number, projectId: string, documents: { text: string; turns: { start: number; end: number }[] }[], words: number, rounds: number): Promise<SearchBenchSize> {
  const transcripts = documents.length;
  const rssBefore = processTreeRssMb(serverPid);
  const url = (q: string) => `/api/projects/${projectId}/search?q=${encodeURIComponent(q)}`;
  const t1 = performance.now();
  await api.get(url('dealers'), [200], false);
  const firstSearchMs = performance.now() - t1;
  const http = await runLoad(QUERIES.length * rounds, 1, (i) => api.get(url(QUERIES[i % QUERIES.length]!), [200], false).then(() => undefined));
  const rssAfter = processTreeRssMb(serverPid);

  // In-process: the same index class the server uses, and FTS5, over the same turns.
  const docs = documents.map((t, i) => ({ id: `d${i}`, revisionId: `r${i}`, text: t.text, turns: t.turns.map((x) => ({ start: x.start, end: x.end, role: null, speaker: null, mediaStartMs: null })) }));
  const heap0 = process.memoryUsage().heapUsed;
  const b0 = performance.now();
  const index = new ProjectIndex();
  for (const d of docs) index.putDocument(d);
  const buildMs = performance.now() - b0;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
  const miniLatencies: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const parsed = parseSearch(q);
      const terms = [...parsed.terms.map((term) => ({ term, exact: false })), ...parsed.phrases.flat().map((term) => ({ term: normalizeTerm(term), exact: true }))];
      const s = performance.now();
      index.turns(terms, () => true);
      miniLatencies.push(performance.now() - s);
    }
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'socprev-fts-')), 'fts.sqlite');
  const db = new SQLite(file);
  const f0 = performance.now();
  db.exec("create virtual table turns using fts5(document, body, tokenize = 'unicode61 remove_diacritics 2')");
  const insert = db.prepare('insert into turns (document, body) values (?, ?)');
  db.transaction(() => {
    for (const d of docs) for (const t of d.turns) insert.run(d.id, d.text.slice(t.start, t.end));
  })();
  const ftsBuildMs = performance.now() - f0;
  const select = db.prepare('select document, bm25(turns) as score from turns where turns match ? order by score limit 1000');
  const ftsLatencies: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const s = performance.now();
      select.all(ftsQuery(q));
      ftsLatencies.push(performance.now() - s);
    }
  }
  db.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const mini = summarize(miniLatencies, miniLatencies.reduce((a, b) => a + b, 0));
  const fts = summarize(ftsLatencies, ftsLatencies.reduce((a, b) => a + b, 0));
  return {
    transcripts, words,
    serverRssMbBefore: rssBefore, serverRssMbAfter: rssAfter, firstSearchMs: Math.round(firstSearchMs), http: http.summary,
    miniSearch: { buildMs: Math.round(buildMs), heapMb: Math.round(heapMb), query: mini },
    fts5: { buildMs: Math.round(ftsBuildMs), query: fts, note: 'in-process, one row per turn, unicode61 remove_diacritics 2; prefix terms as term*, phrases quoted; FTS5 has no typo tolerance' },
    ratioP95: Math.round((mini.p95 / Math.max(fts.p95, 0.001)) * 100) / 100,
    ratioHttpP95: Math.round((http.summary.p95 / Math.max(fts.p95, 0.001)) * 100) / 100,
  };
}
