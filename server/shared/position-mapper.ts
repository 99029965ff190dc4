/**
 * Maps UTF-16 offsets of one revision of a canonical text to the next, through one character diff
 * (`@sanity/diff-match-patch`, semantic clean-up) computed once per document. Isomorphic: no node: imports.
 */
import { cleanupSemantic, DIFF_DELETE, DIFF_EQUAL, makeDiff } from '@sanity/diff-match-patch';

/** Which side of an edit a mapped offset keeps: a segment's `start` or its `end`. */
export type Bias = 'start' | 'end';

/** Offsets of `oldText` mapped into `newText`, from one diff. */
export interface PositionMapper {
  /** True when both texts are the same (the diff is empty and every offset maps to itself). */
  readonly identical: boolean;
  /**
   * The offset in the new text. Inside a deleted or replaced region: the deletion point (a `start` goes
   * before the replacement text, an `end` after it, so an edited segment keeps what replaced its text).
   * At a pure insertion point: a `start` goes after the inserted text, an `end` before it, so a segment
   * never swallows text inserted at its edges. Never splits a surrogate pair (`start` snaps left, `end` right).
   */
  map(offset: number, bias: Bias): number;
  /** How many code units of `oldText.slice(start, end)` the diff deletes or replaces. */
  deletedWithin(start: number, end: number): number;
  /** How many code units of `newText.slice(start, end)` the diff inserted (the rest is kept old text). */
  insertedWithin(start: number, end: number): number;
}

/** Options of {@link createPositionMapper}. */
export interface PositionMapperOptions {
  /** Seconds the diff may take before it settles for a coarser answer (diff-match-patch's timeout). */
  timeoutSeconds?: number;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * True when `offset` falls between the two halves of a surrogate pair of `text`.
 *
 * @example
 * splitsSurrogatePair('a😀b', 2); // true
 * splitsSurrogatePair('a😀b', 3); // false
 */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** Last index `i` with `values[i] <= target` (values ascending), or -1. */
function lastAtMost(values: number[], count: number, target: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Diffs `oldText` against `newText` once and returns a mapper for any number of offsets (each map is a
 * binary search over the changed blocks).
 *
 * @example
 * const mapper = createPositionMapper('the cat sat', 'the big cat sat');
 * mapper.map(4, 'start'); // 8: a segment starting at "cat" does not swallow "big "
 * mapper.map(4, 'end'); // 4: a segment ending before "cat" does not swallow it either
 * mapper.map(11, 'end'); // 15
 */
export function createPositionMapper(oldText: string, newText: string, options: PositionMapperOptions = {}): PositionMapper {
  const identical = oldText === newText;
  const diffs = identical ? [] : cleanupSemantic(makeDiff(oldText, newText, { timeout: options.timeoutSeconds ?? 1, checkLines: true }));
  // Changed blocks: maximal runs of deletions/insertions, as [oldStart, oldEnd) → [newStart, newEnd).
  const oS: number[] = [];
  const oE: number[] = [];
  const nS: number[] = [];
  const nE: number[] = [];
  let o = 0;
  let n = 0;
  let open = false;
  for (const [op, chunk] of diffs) {
    if (op === DIFF_EQUAL) {
      open = false;
      o += chunk.length;
      n += chunk.length;
      continue;
    }
    if (!open) {
      oS.push(o), oE.push(o), nS.push(n), nE.push(n);
      open = true;
    }
    const last = oS.length - 1;
    if (op === DIFF_DELETE) oE[last] = o += chunk.length;
    else nE[last] = n += chunk.length;
  }
  const blocks = oS.length;

  function rawMap(offset: number, bias: Bias): number {
    const i = lastAtMost(oS, blocks, offset);
    if (i >= 0 && offset <= oE[i]) {
      if (oS[i] === oE[i]) return bias === 'start' ? nE[i] : nS[i]; // pure insertion here
      if (offset === oS[i]) return nS[i];
      if (offset === oE[i]) return nE[i];
      return bias === 'start' ? nS[i] : nE[i];
    }
    return i >= 0 ? offset + nE[i] - oE[i] : offset;
  }

  return {
    identical,
    map(offset, bias) {
      const clamped = Math.min(Math.max(0, Math.trunc(offset)), oldText.length);
      const mapped = blocks === 0 ? clamped : rawMap(clamped, bias);
      if (!splitsSurrogatePair(newText, mapped)) return mapped;
      return bias === 'start' ? mapped - 1 : mapped + 1;
    },
    deletedWithin(start, end) {
      let total = 0;
      // Blocks overlapping [start, end): from the last one starting at or before `start`.
      for (let i = Math.max(0, lastAtMost(oS, blocks, start)); i < blocks && oS[i] < end; i += 1) {
        total += Math.max(0, Math.min(end, oE[i]) - Math.max(start, oS[i]));
      }
      return total;
    },
    insertedWithin(start, end) {
      // Blocks overlapping [start, end) in the new text: from the first one ending after `start`.
      let lo = 0;
      let hi = blocks;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (nE[mid] > start) hi = mid;
        else lo = mid + 1;
      }
      let total = 0;
      for (let i = lo; i < blocks && nS[i] < end; i += 1) total += Math.min(end, nE[i]) - Math.max(start, nS[i]);
      return total;
    },
  };
}

