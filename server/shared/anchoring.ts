/**
 * Text-quote anchoring of coded segments, and their re-anchoring on a corrected transcript (a new revision
 * of the canonical text). Offsets are UTF-16 code units (ARCHITECTURE.md, "Text and offsets").
 * Isomorphic: runs on the server and in the browser (no node: imports).
 *
 * Re-anchoring imitates the Hypothesis client's approach (position hint + quote + context), with one diff
 * between the two revisions first. Decisions, in the order `reanchor` applies them:
 * 1. `diff`: the segment's offsets are mapped through the diff (see position-mapper.ts for the bias rules).
 *    Accepted when the mapped text is the quote; or when the quote lies right there (overlapping a mapped
 *    range at most twice its length: the diff aligned an edit next to repeated words the other way); or
 *    when the edit was inside the segment: at least 60% of its old text is kept (insertions inside are
 *    free, so a segment grows to include them) and it did not shrink below half. This wins over any copy
 *    of the phrase elsewhere (repeated phrases).
 * 2. `exact`, then 3. `fuzzy` (≤ 20% errors, at most 256): search the whole new text, rank candidates by
 *    context (prefix/suffix similarity), then by distance to the mapped position.
 *    A candidate made mostly (over half) of text that the diff kept from another place of the old text is
 *    never taken: that text was already there in the old revision, so it is *another* passage (perhaps
 *    another speaker saying the same words), even when its context matches. A deleted passage whose words
 *    remain elsewhere is therefore orphaned for review rather than silently moved; a passage the lead moved
 *    is new text for the diff and is found. Weak evidence is refused: an exact match needs a distinctive
 *    quote (≥ 16 code units) or a similar context (≥ 0.5); a fuzzy match needs ≥ 32 code units or that context.
 * 4. Otherwise `orphaned` (never dropped): `DELETED` when the diff shows the passage removed or rewritten,
 *    `NOT_FOUND` when the stored offsets did not match the old text (no diff evidence) and no search found it.
 */
import search from 'approx-string-match';
import { createPositionMapper, splitsSurrogatePair, type PositionMapper } from './position-mapper';

export { createPositionMapper, splitsSurrogatePair, type Bias, type PositionMapper, type PositionMapperOptions } from './position-mapper';

/** Code units of context stored on each side of a quote. */
export const CONTEXT_LENGTH = 32;
const MIN_DIFF_KEPT = 0.6;
const MIN_CONTEXT = 0.5;
const DISTINCTIVE_EXACT = 16;
const DISTINCTIVE_FUZZY = 32;
const FUZZY_ERROR_RATE = 0.2;
const MAX_FUZZY_ERRORS = 256;
const MAX_CANDIDATES = 1000;
const FUZZY_ROUNDS = 3;

/** A passage as its words: the quoted text and the context just before and after it. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}
export type RangeProblem = 'OUT_OF_RANGE' | 'EMPTY' | 'SPLITS_SURROGATE';
export type RangeCheck = { ok: true } | { ok: false; reason: RangeProblem };
/** A stored segment: offsets into the old text plus its quote. */
export interface StoredSegment<Id = string> extends TextQuote {
  id: Id;
  start: number;
  end: number;
}
export type AnchorMethod = 'diff' | 'exact' | 'fuzzy';
export type OrphanReason = 'DELETED' | 'NOT_FOUND';
export type AnchoredSegment<Id = string> = TextQuote & { id: Id; status: 'anchored'; start: number; end: number; method: AnchorMethod };
export type OrphanedSegment<Id = string> = { id: Id; status: 'orphaned'; reason: OrphanReason };
export type ReanchorResult<Id = string> = AnchoredSegment<Id> | OrphanedSegment<Id>;
export interface ReanchorOptions {
  /** Seconds the diff may take; past it the diff is coarse and exact/fuzzy search does the work. Default 1. */
  diffTimeoutSeconds?: number;
  /** A mapper already made for these two texts (e.g. to map the turns too), so the diff is computed once. */
  mapper?: PositionMapper;
}

/**
 * The quote of `text.slice(start, end)` with up to `contextLength` code units of context on each side
 * (shorter at the text's edges, and one shorter rather than split a surrogate pair). Throws a RangeError
 * unless `0 ≤ start ≤ end ≤ text.length` are integers.
 *
 * @example
 * quoteSelector('Well, I grew up in Lyon.', 6, 15, 4);
 * // { exact: 'I grew up', prefix: 'll, ', suffix: ' in ' }
 */
export function quoteSelector(text: string, start: number, end: number, contextLength = CONTEXT_LENGTH): TextQuote {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length) {
    throw new RangeError(`Range ${start}-${end} is not inside a text of ${text.length} code units`);
  }
  let from = Math.max(0, start - contextLength);
  if (from < start && splitsSurrogatePair(text, from)) from += 1;
  let to = Math.min(text.length, end + contextLength);
  if (to > end && splitsSurrogatePair(text, to)) to -= 1;
  return { exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

/**
 * Whether `[start, end)` is a segment range of `text`: integers, `0 ≤ start < end ≤ text.length`, and no
 * boundary between the two halves of a surrogate pair.
 *
 * @example
 * isValidRange('a😀b', 0, 3); // { ok: true }
 * isValidRange('a😀b', 0, 2); // { ok: false, reason: 'SPLITS_SURROGATE' }
 * isValidRange('abc', 2, 2); // { ok: false, reason: 'EMPTY' }
 */
export function isValidRange(text: string, start: number, end: number): RangeCheck {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) {
    return { ok: false, reason: 'OUT_OF_RANGE' };
  }
  if (start === end) return { ok: false, reason: 'EMPTY' };
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) return { ok: false, reason: 'SPLITS_SURROGATE' };
  return { ok: true };
}

/** Levenshtein distance (two rows); used on contexts, which are short. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length || !b.length) return a.length + b.length;
  let prev = new Uint32Array(b.length + 1).map((_, j) => j);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length];
}

/** 1 for equal strings, 0 for entirely different ones. */
const similarity = (a: string, b: string) => (a === b ? 1 : 1 - editDistance(a, b) / Math.max(a.length, b.length));

/** How well the context around `[start, end)` of `text` matches the stored prefix and suffix (0..1). */
function contextSimilarity(text: string, start: number, end: number, quote: TextQuote): number {
  const around = quoteSelector(text, start, end, Math.max(CONTEXT_LENGTH, quote.prefix.length, quote.suffix.length));
  return (similarity(quote.prefix, around.prefix) + similarity(quote.suffix, around.suffix)) / 2;
}

/**
 * The occurrence of `exact` overlapping the mapped range `[start, end)` (or touching it when empty), nearest
 * to `start`: the diff may align an edit next to repeated words either way ("the [the ]market"). Only tried
 * when the mapped range is at most twice the quote, so a large replaced region is not searched as "diff".
 */
function occurrenceAt(text: string, exact: string, start: number, end: number): number {
  let best = -1;
  for (let at = text.indexOf(exact, Math.max(0, start - exact.length)); at !== -1 && at <= end; at = text.indexOf(exact, at + 1)) {
    const overlaps = start < end ? at < end && at + exact.length > start : at <= start && at + exact.length >= start;
    if (overlaps && (best < 0 || Math.abs(at - start) < Math.abs(best - start))) best = at;
  }
  return best;
}

interface Candidate {
  start: number;
  end: number;
  score: number;
}

/**
 * Re-anchors every segment of `oldText` in `newText` (one diff for all of them), in order. Anchored results
 * carry the quote recomputed from the new text (`newText.slice(start, end) === exact`) and never split a
 * surrogate pair; what cannot be placed is returned as orphaned, never dropped.
 *
 * @example
 * const old = 'I was borned in Lyon. I liked it.';
 * const segment = { id: 's1', start: 0, end: 21, ...quoteSelector(old, 0, 21) };
 * reanchor(old, 'I was born in Lyon. I liked it.', [segment]);
 * // [{ id: 's1', status: 'anchored', start: 0, end: 19, method: 'diff', exact: 'I was born in Lyon.', prefix: '', suffix: ' I liked it.' }]
 */
export function reanchor<Id = string>(
  oldText: string,
  newText: string,
  segments: readonly StoredSegment<Id>[],
  options: ReanchorOptions = {},
): ReanchorResult<Id>[] {
  const mapper = options.mapper ?? createPositionMapper(oldText, newText, { timeoutSeconds: options.diffTimeoutSeconds });
  return segments.map((segment) => reanchorOne(oldText, newText, mapper, segment));
}

function reanchorOne<Id>(oldText: string, newText: string, mapper: PositionMapper, segment: StoredSegment<Id>): ReanchorResult<Id> {
  const { id, exact } = segment;
  const anchored = (start: number, end: number, method: AnchorMethod): AnchoredSegment<Id> => ({
    id, status: 'anchored', start, end, method, ...quoteSelector(newText, start, end),
  });
  // The diff is evidence only when the stored offsets still point at the stored quote in the old text.
  const consistent = isValidRange(oldText, segment.start, segment.end).ok && oldText.slice(segment.start, segment.end) === exact;
  if (!exact) return { id, status: 'orphaned', reason: 'NOT_FOUND' };
  const hint = mapper.map(Number.isFinite(segment.start) ? segment.start : 0, 'start');

  const mappedEnd = consistent ? Math.max(hint, mapper.map(segment.end, 'end')) : hint;
  if (consistent) {
    const [start, end] = [hint, mappedEnd];
    if (newText.slice(start, end) === exact) return anchored(start, end, 'diff');
    const at = end - start <= 2 * exact.length ? occurrenceAt(newText, exact, start, end) : -1;
    if (at >= 0) return anchored(at, at + exact.length, 'diff');
    const kept = 1 - mapper.deletedWithin(segment.start, segment.end) / exact.length;
    if (end > start && end - start >= exact.length / 2 && kept >= MIN_DIFF_KEPT) return anchored(start, end, 'diff');
  }

  // Text mostly kept from another place of the old text belongs to another passage (see the header).
  const elsewhere = (start: number, end: number) =>
    consistent && !(start < mappedEnd && end > hint) && mapper.insertedWithin(start, end) * 2 < end - start;
  const distance = (start: number) => Math.abs(start - hint) / Math.max(1, newText.length);

  // 2. Exact quote: best context first, then nearest to the mapped position.
  let best: (Candidate & { context: number }) | undefined;
  let count = 0;
  for (let at = newText.indexOf(exact); at !== -1 && count < MAX_CANDIDATES; at = newText.indexOf(exact, at + 1), count += 1) {
    const end = at + exact.length;
    if (!isValidRange(newText, at, end).ok || elsewhere(at, end)) continue;
    const context = contextSimilarity(newText, at, end, segment);
    const score = -distance(at);
    if (!best || context > best.context + 1e-9 || (Math.abs(context - best.context) <= 1e-9 && score > best.score)) {
      best = { start: at, end, score, context };
    }
  }
  if (best && (exact.length >= DISTINCTIVE_EXACT || best.context >= MIN_CONTEXT)) return anchored(best.start, best.end, 'exact');

  // 3. Fuzzy quote: fewest errors, context, distance. Search only reports the lowest-error matches, so the
  //    ranges it found but we refused are masked out and the search runs again (a few rounds).
  const fuzzy = fuzzyMatch(newText, segment, (start, end) => {
    if (elsewhere(start, end)) return undefined;
    const context = contextSimilarity(newText, start, end, segment);
    if (exact.length < DISTINCTIVE_FUZZY && context < MIN_CONTEXT) return undefined;
    return 0.35 * context + 0.05 * (1 - distance(start));
  });
  if (fuzzy) return anchored(fuzzy.start, fuzzy.end, 'fuzzy');

  return { id, status: 'orphaned', reason: consistent ? 'DELETED' : 'NOT_FOUND' };
}

/** Best approximate match of `quote.exact` in `text`; `rate` scores a range (besides its errors) or refuses it. */
function fuzzyMatch(text: string, quote: TextQuote, rate: (start: number, end: number) => number | undefined): Candidate | undefined {
  const { exact } = quote;
  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(exact.length * FUZZY_ERROR_RATE));
  if (maxErrors < 1) return undefined;
  let haystack = text;
  for (let round = 0; round < FUZZY_ROUNDS; round += 1) {
    const matches = search(haystack, exact, maxErrors).slice(0, MAX_CANDIDATES);
    let best: Candidate | undefined;
    for (const match of matches) {
      const start = splitsSurrogatePair(text, match.start) ? match.start - 1 : match.start;
      const end = splitsSurrogatePair(text, match.end) ? match.end + 1 : match.end;
      if (end <= start) continue;
      const rating = rate(start, end);
      if (rating === undefined) continue;
      const score = 0.6 * (1 - match.errors / exact.length) + rating;
      if (!best || score > best.score) best = { start, end, score };
    }
    if (best || !matches.length) return best;
    haystack = maskRanges(haystack, matches);
  }
  return undefined;
}

/** `text` with the given ranges blanked out (same length, so offsets stay valid). */
function maskRanges(text: string, ranges: readonly { start: number; end: number }[]): string {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const { start, end } of sorted) {
    if (end <= at) continue;
    const from = Math.max(at, start);
    out += text.slice(at, from) + '\u0000'.repeat(end - from);
    at = end;
  }
  return out + text.slice(at);
}
