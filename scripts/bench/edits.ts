/** Scattered transcript corrections for the re-anchoring benchmark. */

export type EditKind = 'replace' | 'insert' | 'delete' | 'deleteSentence';

export interface ScatteredEdits {
  text: string;
  counts: Record<EditKind, number>;
}

const KINDS: EditKind[] = ['replace', 'insert', 'delete'];

/**
 * Applies `count` corrections spread evenly over `text` (one per slice of the text, at a random word
 * start): replace a word, insert one to three words, delete one to three words, and every fifteenth
 * edit deletes a whole sentence (whose coded passages cannot be re-anchored). Words inserted come
 * from the text itself. Deterministic for a given `rand`.
 */
export function scatterEdits(text: string, count: number, rand: () => number): ScatteredEdits {
  const words = text.match(/[\p{L}'’-]{3,}/gu) ?? ['corrected'];
  const word = () => words[Math.floor(rand() * words.length)]!;
  const counts: Record<EditKind, number> = { replace: 0, insert: 0, delete: 0, deleteSentence: 0 };
  const slice = text.length / count;
  const plans: { at: number; kind: EditKind }[] = [];
  for (let i = 0; i < count; i++) {
    let at = Math.floor(i * slice + rand() * slice * 0.8);
    while (at < text.length && !(/\s/.test(text[at - 1] ?? ' ') && /\S/.test(text[at]!))) at++;
    if (at >= text.length) continue;
    plans.push({ at, kind: (i + 1) % 15 === 0 ? 'deleteSentence' : KINDS[Math.floor(rand() * KINDS.length)]! });
  }
  let out = text;
  // From the end, so earlier offsets stay valid.
  for (const { at, kind } of plans.sort((a, b) => b.at - a.at)) {
    const wordEnd = (from: number, n: number) => {
      let end = from;
      for (let k = 0; k < n; k++) {
        while (end < out.length && /\S/.test(out[end]!)) end++;
        if (k < n - 1) while (end < out.length && out[end] === ' ') end++;
      }
      return end;
    };
    if (kind === 'replace') {
      out = out.slice(0, at) + word() + out.slice(wordEnd(at, 1));
    } else if (kind === 'insert') {
      const n = 1 + Math.floor(rand() * 3);
      out = `${out.slice(0, at)}${Array.from({ length: n }, word).join(' ')} ${out.slice(at)}`;
    } else if (kind === 'delete') {
      const end = wordEnd(at, 1 + Math.floor(rand() * 3));
      out = out.slice(0, at) + out.slice(end).replace(/^ +/, '');
    } else {
      const lineStart = out.lastIndexOf('\n', at) + 1;
      const before = out.slice(lineStart, at);
      const m = /.*[.!?]\s+/s.exec(before);
      const start = lineStart + (m ? m[0].length : 0);
      const rest = /^[^\n]*?[.!?](\s+|$)/.exec(out.slice(start));
      if (!rest) continue;
      out = out.slice(0, start) + out.slice(start + rest[0].length);
    }
    counts[kind] += 1;
  }
  return { text: out, counts };
}
