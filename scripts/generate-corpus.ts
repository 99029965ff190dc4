/**
 * Generates a synthetic project corpus: N fictional transcripts of W words, mixing English, Dutch
 * and French (vocabulary from the demo transcripts, see generate-transcript.ts). Deterministic.
 *
 * As a module: `await generateCorpus({ transcripts: 100, words: 8000, seed: 1 })` → transcripts in memory.
 * As a CLI: `npx tsx scripts/generate-corpus.ts --transcripts 100 --words 8000 --out /tmp/corpus`
 * writes one .txt file per transcript.
 *
 * Extension point: `codingsFor(transcript, …)` (issue 9) will add codings, memos and several coders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Corpus, type CorpusLanguage, type GeneratedTranscript, generateTranscript, loadDemoCorpus } from './generate-transcript';

export interface CorpusOptions {
  transcripts: number;
  words: number;
  seed?: number;
  /** Share of each language (defaults: 50 % English, 25 % Dutch, 25 % French). */
  languages?: CorpusLanguage[];
}

/** The transcripts of a synthetic corpus, in memory. */
export async function generateCorpus(options: CorpusOptions): Promise<(GeneratedTranscript & { language: CorpusLanguage })[]> {
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

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
  };
  const out = arg('out', '');
  if (!out) throw new Error('Usage: npx tsx scripts/generate-corpus.ts --transcripts 100 --words 8000 --out <folder> [--seed 1]');
  const corpus = await generateCorpus({ transcripts: Number(arg('transcripts', '100')), words: Number(arg('words', '8000')), seed: Number(arg('seed', '1')) });
  fs.mkdirSync(out, { recursive: true });
  for (const t of corpus) fs.writeFileSync(path.join(out, t.fileName), t.text);
  console.error(`wrote ${corpus.length} transcripts (${corpus.reduce((s, t) => s + t.words, 0)} words) to ${out}`);
}
