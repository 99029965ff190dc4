/**
 * Finding and replacing key-list names in a transcript. Matching is by whole word (a name never
 * matches inside a longer word), case-insensitive (Unicode), and the output keeps the case of
 * what it replaces: `PEETERS` → `JANSSENS`, `peeters` → `janssens`, otherwise the pseudonym as
 * written. Longer names win over shorter ones at the same place (`Jan Peeters` before `Jan`);
 * the spaces inside a name also match a line break (but never the blank line between turns).
 */

export interface KeyEntry {
  id: string;
  original: string;
  pseudonym: string;
}

export interface Occurrence {
  entryId: string;
  start: number;
  end: number;
  /** The text as found (its case may differ from the key list's). */
  found: string;
  /** What it becomes. */
  replacement: string;
}

const WORD = '[\\p{L}\\p{M}\\p{N}_]';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name as the key list holds it: NFC, single spaces, no surrounding spaces. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The case-folded form two names are compared by (for duplicates). */
export const foldName = (name: string) => normaliseName(name).toLocaleLowerCase();

/** The pseudonym in the case of the text it replaces. */
export function matchCase(found: string, pseudonym: string): string {
  const letters = found.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toLocaleUpperCase() && letters !== letters.toLocaleLowerCase()) return pseudonym.toLocaleUpperCase();
  if (letters.length > 0 && letters === letters.toLocaleLowerCase() && letters !== letters.toLocaleUpperCase()) return pseudonym.toLocaleLowerCase();
  return pseudonym;
}

/** A matcher for a key list; `null` when the list has no usable names. */
export function createMatcher(entries: readonly KeyEntry[]) {
  const usable = entries.filter((e) => normaliseName(e.original) !== '');
  if (usable.length === 0) return null;
  const byFold = new Map<string, KeyEntry>();
  for (const e of usable) if (!byFold.has(foldName(e.original))) byFold.set(foldName(e.original), e);
  const names = [...byFold.keys()].sort((a, b) => b.length - a.length);
  const gap = '(?=\\s)[^\\S\\n]*\\n?[^\\S\\n]*';
  const alternatives = names.map((n) => n.split(' ').map(escape).join(gap));
  const pattern = new RegExp(`(?<!${WORD})(?:${alternatives.join('|')})(?!${WORD})`, 'giu');

  /** Every occurrence in `text`, in order, none overlapping. */
  const find = (text: string): Occurrence[] => {
    const out: Occurrence[] = [];
    for (const m of text.matchAll(pattern)) {
      const entry = byFold.get(normaliseName(m[0]).toLocaleLowerCase());
      if (!entry) continue; // a case fold that differs in length: leave it alone rather than guess
      out.push({ entryId: entry.id, start: m.index!, end: m.index! + m[0].length, found: m[0], replacement: matchCase(m[0], normaliseName(entry.pseudonym)) });
    }
    return out;
  };

  /** The text with every occurrence replaced. */
  const replace = (text: string, occurrences: Occurrence[] = find(text)): string => {
    let out = '';
    let at = 0;
    for (const o of occurrences) {
      out += text.slice(at, o.start) + o.replacement;
      at = o.end;
    }
    return out + text.slice(at);
  };

  return { find, replace };
}
