/**
 * Words as search sees them: letters and digits in any script; case and accents do not matter
 * (é = e, ë = e, ç = c). Isomorphic; the index and the hit finder use the same rules.
 */
const WORD = /[\p{L}\p{N}]+/gu;

/** A word folded for matching: lower case, accents removed (`Endettement`/`éndettement` → `endettement`). */
export function normalizeTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase();
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
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ term: normalizeTerm(m[0]), start: m.index!, end: m.index! + m[0].length });
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
