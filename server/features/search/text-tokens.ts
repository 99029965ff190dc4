/**
 * Words as search sees them: letters and digits in any script; case and accents do not matter
 * (é = e, ë = e, ç = c). Isomorphic; the index and the hit finder use the same rules.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));

const ALREADY_FOLDED = /^[a-z0-9]*$/;
const FOLDED_CACHE_LIMIT = 200_000;
// Folding is pure, and a project's vocabulary is small next to its word count: remember the answers.
let folded = new Map<string, string>();

function fold(term: string): string {
  return term.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase();
}

/** A word folded for matching: lower case, accents removed (`Endettement`/`éndettement` → `endettement`). */
export function normalizeTerm(term: string): string {
  if (ALREADY_FOLDED.test(term)) return term; // plain lower-case ASCII folds to itself
  let out = folded.get(term);
  if (out === undefined) {
    out = fold(term);
    if (folded.size >= FOLDED_CACHE_LIMIT) folded = new Map();
    folded.set(term, out);
  }
  return out;
}

/** The words of a text (not folded); MiniSearch folds them with `normalizeTerm`. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

export interface Token {
  /** Folded form. */
  term: string;
  start: number;
  end: number;
}

/** Every word of `text` with its UTF-16 offsets. */
export function tokensWithOffsets(text: string): Token[] {
  // The same words as WORD finds, scanned by hand: ASCII by table, the rest one code point at a time.
  const out: Token[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    let width = 1;
    let inWord: boolean;
    if (code < 128) inWord = ASCII_WORD[code] === 1;
    else {
      width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      inWord = WORD_CHAR.test(text.slice(i, i + width));
    }
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push({ term: normalizeTerm(text.slice(start, i)), start, end: i });
      start = -1;
    }
    i += width;
  }
  if (start >= 0) out.push({ term: normalizeTerm(text.slice(start)), start, end: text.length });
  return out;
}

export interface ParsedSearch {
  /** Single words, folded. */
  terms: string[];
  /** "Exact phrases" (or one "exact" word), each as its folded words. */
  phrases: string[][];
}

/** Splits a search box entry into words and "quoted phrases" (an unclosed quote runs to the end). */
export function parseSearch(input: string): ParsedSearch {
  const terms: string[] = [];
  const phrases: string[][] = [];
  const parts = input.split(/["“”„«»]/);
  parts.forEach((part, i) => {
    const folded = words(part).map(normalizeTerm);
    if (i % 2 === 1) {
      if (folded.length > 0) phrases.push(folded); // quoted: exact, even one word
    } else terms.push(...folded);
  });
  return { terms: [...new Set(terms)], phrases };
}
