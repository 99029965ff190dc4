/**
 * Generates realistic, fictional interview transcripts of any length for benchmarks and load tests
 * (`npm run bench`, a later corpus generator). The vocabulary comes from the fictional demo
 * transcripts in `fixtures/demo/transcripts/`, read through the real importer:
 *
 * - respondent turns are prose from a word-level Markov chain (order 2) trained on the demo
 *   respondents' turns, so sentences read like the demo but are not copies of it;
 * - interviewer turns are questions and short prompts taken from the demo interviewers.
 *
 * The output is a `.txt` transcript with `Interviewer:` / `Respondent:` labels and a blank line
 * between turns, which the importer reads as two speakers. Deterministic for a given seed.
 *
 * @example
 * const corpus = await loadDemoCorpus('en');
 * const t = generateTranscript(corpus, { words: 20_000, seed: 1 });
 * t.text;  // 'Generated benchmark transcript …\n\nInterviewer: …\n\nRespondent: …'
 *
 * CLI: `npx tsx scripts/generate-transcript.ts --words 20000 --seed 1 --language en > interview.txt`
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTranscript } from '../server/import/read-transcript';

export type CorpusLanguage = 'en' | 'nl' | 'fr';

const TRANSCRIPTS_DIR = fileURLToPath(new URL('../fixtures/demo/transcripts', import.meta.url));

const HEADERS: Record<CorpusLanguage, string> = {
  en: 'Generated benchmark transcript (fictional demo data) — the words come from the SOCPREV demo transcripts; this is not a real interview.',
  nl: 'Gegenereerd benchmarktranscript (fictieve demodata) — de woorden komen uit de SOCPREV-demotranscripten; dit is geen echt interview.',
  fr: 'Transcription de test générée (données de démonstration fictives) — les mots viennent des transcriptions de démonstration SOCPREV ; ce n’est pas un vrai entretien.',
};

/** A seeded PRNG (mulberry32): numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Corpus {
  language: CorpusLanguage;
  /** Order-2 chain: "w1 w2" → possible next words (with repetition = frequency). */
  chain: Map<string, string[]>;
  /** Word pairs that start a sentence. */
  starts: [string, string][];
  /** Interviewer questions and prompts, verbatim. */
  questions: string[];
  prompts: string[];
  /** Sentences per respondent turn in the demo transcripts: answer lengths are drawn from these. */
  answerLengths: number[];
}

const SENTENCE_END = /[.!?…]["»”)]*$/;

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?…]["»”)]*)\s+(?=[\p{Lu}«"“(])|\n+/u).map((s) => s.trim()).filter(Boolean);
}

/** Builds the chain and the interviewer pools from plain interviewer and respondent turns. */
export function buildCorpus(language: CorpusLanguage, turns: { role: 'interviewer' | 'respondent'; text: string }[]): Corpus {
  const chain = new Map<string, string[]>();
  const starts: [string, string][] = [];
  const questions: string[] = [];
  const prompts: string[] = [];
  const answerLengths: number[] = [];
  for (const turn of turns) {
    if (turn.role === 'interviewer') {
      for (const s of sentencesOf(turn.text)) {
        if (s.endsWith('?') && s.split(/\s+/).length >= 4) questions.push(s);
        else if (s.split(/\s+/).length <= 8 && SENTENCE_END.test(s)) prompts.push(s);
      }
      continue;
    }
    const sentences = sentencesOf(turn.text);
    answerLengths.push(Math.max(1, sentences.length));
    for (const sentence of sentences) {
      const words = sentence.split(/\s+/).filter(Boolean);
      if (words.length < 3) continue;
      starts.push([words[0]!, words[1]!]);
      for (let i = 0; i + 2 < words.length; i++) {
        const key = `${words[i]} ${words[i + 1]}`;
        const next = chain.get(key) ?? [];
        next.push(words[i + 2]!);
        chain.set(key, next);
      }
    }
  }
  if (starts.length === 0 || questions.length === 0) throw new Error(`the ${language} demo transcripts gave no text to learn from`);
  if (prompts.length === 0) prompts.push(questions[0]!);
  return { language, chain, starts, questions, prompts, answerLengths };
}

const corpora = new Map<CorpusLanguage, Promise<Corpus>>();

/** The corpus of one language of the demo transcripts (all formats, read with the real importer). */
export function loadDemoCorpus(language: CorpusLanguage = 'en', dir = TRANSCRIPTS_DIR): Promise<Corpus> {
  const cached = corpora.get(language);
  if (cached && dir === TRANSCRIPTS_DIR) return cached;
  const loading = (async () => {
    const turns: { role: 'interviewer' | 'respondent'; text: string }[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith(`${language}-`)).sort()) {
      const t = await readTranscript(file, fs.readFileSync(path.join(dir, file)));
      const roles = new Map(t.speakers.map((s) => [s.key, s.role]));
      for (const turn of t.turns) {
        const role = turn.speakerKey === null ? undefined : roles.get(turn.speakerKey);
        if (role === 'interviewer' || role === 'respondent') turns.push({ role, text: t.text.slice(turn.start, turn.end) });
      }
    }
    return buildCorpus(language, turns);
  })();
  if (dir === TRANSCRIPTS_DIR) corpora.set(language, loading);
  return loading;
}

export interface TranscriptOptions {
  /** Target number of words of the whole file (as `wc -w` counts); the result has at least this many. */
  words: number;
  seed?: number;
  interviewerLabel?: string;
  respondentLabel?: string;
}

export interface GeneratedTranscript {
  fileName: string;
  text: string;
  words: number;
  turns: number;
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

function sentence(corpus: Corpus, rand: () => number): string {
  const [a, b] = pick(rand, corpus.starts);
  const words = [a, b];
  while (words.length < 45) {
    const last = words[words.length - 1]!;
    if (words.length >= 5 && SENTENCE_END.test(last)) break;
    const next = corpus.chain.get(`${words[words.length - 2]} ${last}`);
    if (!next) break;
    words.push(pick(rand, next));
  }
  const text = words.join(' ');
  return SENTENCE_END.test(text) ? text : `${text.replace(/[,;:—–-]+$/, '')}.`;
}

/** A transcript of about `options.words` words, alternating interviewer and respondent turns. */
export function generateTranscript(corpus: Corpus, options: TranscriptOptions): GeneratedTranscript {
  const rand = mulberry32(options.seed ?? 1);
  const interviewer = options.interviewerLabel ?? 'Interviewer';
  const respondent = options.respondentLabel ?? 'Respondent';
  const blocks = [HEADERS[corpus.language]];
  let words = blocks[0]!.split(/\s+/).length;
  let turns = 0;
  while (words < options.words) {
    const question = rand() < 0.8 ? pick(rand, corpus.questions) : `${pick(rand, corpus.prompts)} ${pick(rand, corpus.questions)}`;
    const answer: string[] = [];
    // Answer lengths (in sentences) drawn from the demo respondents' turns.
    const length = pick(rand, corpus.answerLengths);
    for (let i = 0; i < length; i++) answer.push(sentence(corpus, rand));
    blocks.push(`${interviewer}: ${question}`, `${respondent}: ${answer.join(' ')}`);
    words += question.split(/\s+/).length + answer.join(' ').split(/\s+/).length + 2;
    turns += 2;
  }
  const text = `${blocks.join('\n\n')}\n`;
  const seedPart = options.seed ?? 1;
  return { fileName: `generated-${corpus.language}-${options.words}w-seed${seedPart}.txt`, text, words: text.match(/\S+/g)?.length ?? 0, turns };
}

/** Loads the demo corpus of `language` and generates one transcript. */
export async function generateDemoTranscript(options: TranscriptOptions & { language?: CorpusLanguage }): Promise<GeneratedTranscript> {
  return generateTranscript(await loadDemoCorpus(options.language ?? 'en'), options);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
  };
  const language = arg('language', 'en') as CorpusLanguage;
  if (!['en', 'nl', 'fr'].includes(language)) throw new Error('--language must be en, nl or fr');
  const t = await generateDemoTranscript({ words: Number(arg('words', '20000')), seed: Number(arg('seed', '1')), language });
  process.stdout.write(t.text);
  console.error(`${t.fileName}: ${t.words} words, ${t.turns} turns`);
}
