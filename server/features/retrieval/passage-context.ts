/** Characters of context shown before and after a retrieved passage. */
export const CONTEXT_CHARS = 160;

/** Cuts context at a word boundary so lines start and end cleanly (`…` marks the cut). */
function trimContext(text: string, fromStart: boolean) {
  if (text.length < CONTEXT_CHARS) return text;
  const cut = fromStart ? text.indexOf(' ') : text.lastIndexOf(' ');
  return cut < 0 ? text : fromStart ? `…${text.slice(cut + 1)}` : `${text.slice(0, cut)}…`;
}

/**
 * The text around a passage `[start, end)`: up to 160 characters each side, cut at a word.
 *
 * @example
 * contextAround(text, 120, 140); // { contextBefore: '…the station. ', contextAfter: ', to pay for…' }
 */
export function contextAround(text: string, start: number, end: number): { contextBefore: string; contextAfter: string } {
  return {
    contextBefore: trimContext(text.slice(Math.max(0, start - CONTEXT_CHARS), start), true),
    contextAfter: trimContext(text.slice(end, end + CONTEXT_CHARS), false),
  };
}

/**
 * The turn an offset falls in, given a revision's turns sorted by start; the blank line after a
 * turn still belongs to it. Binary search.
 */
export function turnAt<T extends { start_offset: number; end_offset: number }>(turns: readonly T[] | undefined, offset: number): T | undefined {
  if (!turns) return undefined;
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (turns[mid]!.start_offset <= offset) lo = mid + 1; else hi = mid;
  }
  const turn = turns[lo - 1];
  return turn && offset < turn.end_offset + 2 ? turn : undefined;
}
