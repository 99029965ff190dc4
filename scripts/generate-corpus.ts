/**
 * Generates realistic synthetic projects for benchmarks: N fictional transcripts (100, 500 or 2,000)
 * mixing English, Dutch and French, whose vocabulary and turn lengths come from the demo transcripts
 * (see generate-transcript.ts), with several coders, a codebook, codings and memos. Deterministic.
 *
 * Codings are passages of respondent turns, chosen after import from the workbench's canonical text
 * and turns (`codingPassages`), because offsets are those of the stored text, not of the .txt file.
 *
 * As a module: `await generateProject({ size: 500, words: 8000, seed: 1 })`.
 * As a CLI: `npx tsx scripts/generate-corpus.ts --size 500 [--words 8000] [--seed 1] --out /tmp/corpus`
 * writes one .txt file per transcript and `project.json` (coders, codes, memos, codings per transcript).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Corpus, type CorpusLanguage, type GeneratedTranscript, generateTranscript, loadDemoCorpus, mulberry32 } from './generate-transcript';

export const PROJECT_SIZES = [100, 500, 2000] as const;

export interface CorpusOptions {
  transcripts: number;
  words: number;
  seed?: number;
  /** Share of each language (defaults: 50 % English, 25 % Dutch, 25 % French). */
  languages?: CorpusLanguage[];
}

export type CorpusTranscript = GeneratedTranscript & { language: CorpusLanguage };

/** The transcripts of a synthetic corpus, in memory. */
export async function generateCorpus(options: CorpusOptions): Promise<CorpusTranscript[]> {
  const languages = options.languages ?? ['en', 'en', 'nl', 'fr'];
  const corpora = new Map<CorpusLanguage, Corpus>();
  for (const l of new Set(languages)) corpora.set(l, await loadDemoCorpus(l));
  const seed = options.seed ?? 1;
  return Array.from({ length: options.transcripts }, (_, i) => {
    const language = languages[i % languages.length]!;
    const t = generateTranscript(corpora.get(language)!, { words: options.words, seed: seed * 100_003 + i });
    return { ...t, language, fileName: `corpus-${String(i + 1).padStart(4, '0')}-${language}.txt` };
  });
}

/** The codebook of generated projects: 5 groups of 6 codes (names fictional, from the demo's themes). */
export const CODEBOOK: { group: string; codes: string[] }[] = [
  { group: 'Mechanisms', codes: ['Deterrence', 'Opportunity reduction', 'Social bonds', 'Labelling', 'Displacement', 'Diffusion of benefits'] },
  { group: 'Target group', codes: ['Young people', 'Families', 'Repeat offenders', 'Residents', 'Shopkeepers', 'Victims'] },
  { group: 'Actors', codes: ['Police', 'Outreach workers', 'Municipality', 'Schools', 'Justice', 'Health services'] },
  { group: 'Costs', codes: ['Staff time', 'Budget cuts', 'Funding', 'Hidden costs', 'Savings', 'Cost sharing'] },
  { group: 'Evaluation', codes: ['Outcome measured', 'No evaluation', 'Trust', 'Barriers', 'Side effects', 'Sustainability'] },
];

export interface ProjectPlan {
  size: number;
  words: number;
  seed: number;
  transcripts: CorpusTranscript[];
  /** Fictional coders (accounts to create), besides the owner. */
  coders: { email: string; name: string }[];
  codebook: typeof CODEBOOK;
  /** Codings per transcript (the passages are chosen after import with `codingPassages`). */
  codingsPerTranscript: number;
  /** Memos: on the project, on every tenth transcript, on each code group. */
  memos: { target: 'project' | 'document' | 'code'; transcript?: number; group?: number; title: string; body: string }[];
}

/** A whole synthetic project: transcripts, three coders, the codebook, codings and memos. */
export async function generateProject(options: { size: number; words?: number; seed?: number; codingsPerTranscript?: number }): Promise<ProjectPlan> {
  const seed = options.seed ?? 1;
  const words = options.words ?? 8000;
  const transcripts = await generateCorpus({ transcripts: options.size, words, seed });
  const rand = mulberry32(seed * 31 + 7);
  const memoText = (t: CorpusTranscript) => {
    // Three consecutive respondent sentences of the transcript (the demo's vocabulary), as a coder's note.
    const sentences = t.text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 30 && !s.includes(':'));
    const at = Math.floor(rand() * Math.max(1, sentences.length - 3));
    return `Note: ${sentences.slice(at, at + 3).join(' ')}`;
  };
  const memos: ProjectPlan['memos'] = [{ target: 'project', title: 'Analysis plan (fictional)', body: memoText(transcripts[0]!) }];
  transcripts.forEach((t, i) => { if (i % 10 === 0) memos.push({ target: 'document', transcript: i, title: `Interview ${i + 1}: first impressions`, body: memoText(t) }); });
  CODEBOOK.forEach((g, i) => memos.push({ target: 'code', group: i, title: `Definition of ${g.group}`, body: memoText(transcripts[i % transcripts.length]!) }));
  return {
    size: options.size, words, seed, transcripts, codebook: CODEBOOK, memos,
    codingsPerTranscript: options.codingsPerTranscript ?? 4,
    coders: ['A', 'B', 'C'].map((k) => ({ email: `bench.coder.${k.toLowerCase()}@socprev.example`, name: `Bench coder ${k} (fictional)` })),
  };
}

export interface ImportedDocument {
  text: string;
  speakers: { id: string; role: string }[];
  turns: { speakerId: string | null; start: number; end: number }[];
}

/**
 * `count` distinct passages of respondent turns of an imported document (whole words, 40–400
 * characters, a turn chosen in proportion to its length), as the body of `POST …/segments`
 * without its code ids. Deterministic for a given `rand`.
 */
export function codingPassages(doc: ImportedDocument, count: number, rand: () => number): { start: number; end: number; exact: string }[] {
  const respondents = new Set(doc.speakers.filter((s) => s.role === 'respondent').map((s) => s.id));
  const turns = doc.turns.filter((t) => t.speakerId && respondents.has(t.speakerId) && t.end - t.start > 60);
  if (turns.length === 0) throw new Error('the generated transcript has no respondent turns');
  const words = turns.map((t) => [...doc.text.slice(t.start, t.end).matchAll(/\S+/g)].map((m) => ({ start: t.start + m.index!, end: t.start + m.index! + m[0].length })));
  const total = turns.reduce((sum, t) => sum + (t.end - t.start), 0);
  const seen = new Set<string>();
  const out: { start: number; end: number; exact: string }[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
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
    const { start } = list[first]!;
    const { end } = list[last]!;
    if (seen.has(`${start}:${end}`)) continue;
    seen.add(`${start}:${end}`);
    out.push({ start, end, exact: doc.text.slice(start, end) });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
  };
  const out = arg('out', '');
  const size = Number(arg('size', arg('transcripts', '100')));
  if (!out || !Number.isInteger(size) || size <= 0) {
    throw new Error('Usage: npx tsx scripts/generate-corpus.ts --size 100|500|2000 [--words 8000] [--seed 1] --out <folder>');
  }
  if (!(PROJECT_SIZES as readonly number[]).includes(size)) console.error(`note: the benchmark sizes are ${PROJECT_SIZES.join(', ')}; generating ${size}`);
  const plan = await generateProject({ size, words: Number(arg('words', '8000')), seed: Number(arg('seed', '1')) });
  fs.mkdirSync(out, { recursive: true });
  for (const t of plan.transcripts) fs.writeFileSync(path.join(out, t.fileName), t.text);
  const { transcripts, ...rest } = plan;
  fs.writeFileSync(path.join(out, 'project.json'), `${JSON.stringify({ ...rest, transcripts: transcripts.map((t) => ({ fileName: t.fileName, language: t.language, words: t.words, turns: t.turns })) }, null, 2)}\n`);
  console.error(`wrote ${transcripts.length} transcripts (${transcripts.reduce((s, t) => s + t.words, 0)} words), ${plan.memos.length} memos and project.json to ${out}`);
}
