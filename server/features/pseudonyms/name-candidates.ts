/**
 * Candidate names for the key list: capitalised words (and runs of two or three of them, like
 * `Jan Peeters`) that recur across a project's transcripts. A word counts only when it is
 * capitalised somewhere other than at the start of a sentence, is not mostly written in lower case
 * elsewhere (then it is a common word), and is not on a short list of words that are capitalised
 * for other reasons (`I`, English days and months, titles).
 */

export interface CandidateText {
  documentId: string;
  text: string;
}

export interface NameCandidate {
  text: string;
  /** Occurrences across the transcripts (with the same capitalisation). */
  count: number;
  /** Transcripts it occurs in. */
  documents: number;
  /** The first occurrence, to show in context. */
  example: { documentId: string; start: number; end: number };
}

const ALWAYS_CAPITALISED = new Set([
  'i', "i'm", "i've", "i'd", "i'll", 'ok', 'okay', 'mr', 'mrs', 'ms', 'dr', 'prof', 'mevrouw', 'meneer', 'madame', 'monsieur', 'mme', 'mr.',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'english', 'dutch', 'french', 'flemish', 'belgian', 'european',
]);

const TOKEN = /[\p{L}][\p{L}\p{M}’'-]*/gu;
const SENTENCE_END = /[.!?…:;"“”«»(\-–—]$/u;

interface Token { word: string; start: number; end: number; initial: boolean; capital: boolean }

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const word = m[0].replace(/[’'-]+$/u, '');
    const start = m.index!;
    const before = text.slice(Math.max(0, start - 4), start).trimEnd();
    const initial = before === '' || /\n\s*$/.test(text.slice(Math.max(0, start - 4), start)) || SENTENCE_END.test(before);
    const first = word[0]!;
    out.push({ word, start, end: start + word.length, initial, capital: first !== first.toLocaleLowerCase() && first === first.toLocaleUpperCase() });
  }
  return out;
}

interface Tally { count: number; mid: number; documents: Set<string>; example: NameCandidate['example'] }

/** Recurring capitalised words and names in `texts`, most frequent first, without those in `known` (folded). */
export function suggestNames(texts: readonly CandidateText[], known: ReadonlySet<string>, limit = 80): NameCandidate[] {
  const tallies = new Map<string, Tally>();
  const lowerCount = new Map<string, number>();
  const note = (key: string, documentId: string, start: number, end: number, initial: boolean) => {
    let t = tallies.get(key);
    if (!t) tallies.set(key, t = { count: 0, mid: 0, documents: new Set(), example: { documentId, start, end } });
    t.count += 1;
    if (!initial) t.mid += 1;
    t.documents.add(documentId);
  };
  for (const { documentId, text } of texts) {
    const list = tokens(text);
    for (let i = 0; i < list.length; i++) {
      const tok = list[i]!;
      if (!tok.capital) {
        const lower = tok.word.toLocaleLowerCase();
        lowerCount.set(lower, (lowerCount.get(lower) ?? 0) + 1);
        continue;
      }
      note(tok.word, documentId, tok.start, tok.end, tok.initial);
      let end = i;
      for (let n = 2; n <= 3; n++) {
        const next = list[end + 1];
        if (!next || !next.capital || text.slice(list[end]!.end, next.start) !== ' ') break;
        end += 1;
        note(text.slice(tok.start, next.end), documentId, tok.start, next.end, tok.initial);
      }
    }
  }
  const out: NameCandidate[] = [];
  for (const [text, t] of tallies) {
    const folded = text.toLocaleLowerCase();
    const phrase = text.includes(' ');
    if (t.count < 2 || text.length < 2 || known.has(folded)) continue;
    if (text.split(' ').some((w) => ALWAYS_CAPITALISED.has(w.toLocaleLowerCase()))) continue;
    // A run of capitalised words is a name unless it only ever opens a sentence with a common word ("But Jan").
    if (phrase ? t.mid === 0 && lowerCount.has(folded.split(' ')[0]!) : t.mid === 0 || (lowerCount.get(folded) ?? 0) >= t.mid) continue;
    out.push({ text, count: t.count, documents: t.documents.size, example: t.example });
  }
  // A word that only ever occurs inside a suggested name (`Peeters` of `Jan Peeters`) is not listed on its own.
  const phrases = out.filter((c) => c.text.includes(' '));
  return out.filter((c) => c.text.includes(' ') || !phrases.some((p) => p.count >= c.count && p.text.split(' ').includes(c.text))).sort((a, b) => b.count - a.count || b.documents - a.documents || a.text.localeCompare(b.text)).slice(0, limit);
}
