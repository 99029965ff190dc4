/**
 * Evaluates a resolved code query over segments held in memory. Pure: the service loads the data.
 *
 * Passages are half-open UTF-16 ranges `[start, end)` of one document; two passages overlap when
 * they share at least one character (`[0,5)` and `[5,9)` touch but do not overlap).
 * - `[A]`: the segments coded with A (with its sub-codes for `[A]+`); identical ranges are one passage;
 * - `X OR Y`: every passage of both sides (identical ranges merged);
 * - `X AND Y`: for each overlapping pair, the span covering both;
 * - `X AND/TURN Y`: for each pair that starts in the same speaker turn, the span covering both
 *   (a passage belongs to the last turn starting at or before its start; text before the first turn,
 *   or a document without turns, counts as one more turn);
 * - `X NOT Y`: passages of X that overlap no passage of Y;
 * - `X NEAR/n Y`: for each pair at most n words apart, the span covering both. The distance is the
 *   number of words in the text strictly between them (a word cut by a passage edge counts); touching
 *   or overlapping passages are 0 apart.
 * Spans that come out identical are merged, their segment ids united. Every operator sweeps each
 * document's passages sorted by start: O((n + m) log(n + m) + pairs) per document.
 *
 * @example
 * evaluateQuery(resolveQuery(parseQuery('[A] AND [B]'), codebook, descendants), { segments });
 */
import { codeRefs, type ResolvedQuery } from './query-language';

export interface QuerySegment {
  id: string;
  documentId: string;
  start: number;
  end: number;
  codeIds: readonly string[];
  coderId?: string | null;
}

export interface TurnRange { start: number; end: number }

export interface QueryPassage {
  documentId: string;
  start: number;
  end: number;
  /** The segments the passage is built from, sorted. */
  segmentIds: string[];
}

export interface EvaluationData {
  /** Anchored segments of the documents taking part. */
  segments: readonly QuerySegment[];
  /** Speaker turns per document, sorted by start (for AND/TURN). */
  turns?: ReadonlyMap<string, readonly TurnRange[]>;
  /** Document texts (for NEAR/n: words are counted in them). */
  texts?: ReadonlyMap<string, string>;
  /** Only segments by this coder take part. */
  coderId?: string;
}

interface Span { start: number; end: number; ids: string[] }
type Result = Map<string, Span[]>;

const WORD = /[\p{L}\p{N}]+/gu;

/** Words of a text as sorted start and end offsets (letters and digits in any script, as search sees them). */
export function wordIndex(text: string): { starts: Int32Array; ends: Int32Array } {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(WORD)) { starts.push(m.index!); ends.push(m.index! + m[0].length); }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** First index whose value is >= x (`strict`: > x) in an ascending array. */
function bound(values: ArrayLike<number>, x: number, strict = false): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? values[mid]! <= x : values[mid]! < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Words strictly between `from` and `to` (0 when they touch or cross): the words of
 * `text.slice(from, to)`, a cut word included.
 *
 * @example
 * countWordsBetween('hello a b c', 5, 10); // 2 ("a", "b")
 */
export function countWordsBetween(text: string, from: number, to: number, index = wordIndex(text)): number {
  if (to <= from) return 0;
  return bound(index.starts, to) - bound(index.ends, from, true);
}

const byRange = (a: Span, b: Span) => a.start - b.start || a.end - b.end;

/** Sorts spans and merges identical ranges (uniting their segment ids), in place. */
function normalize(spans: Span[]): Span[] {
  spans.sort(byRange);
  let n = 0;
  for (const s of spans) {
    const last = spans[n - 1];
    if (last && last.start === s.start && last.end === s.end) last.ids = last.ids.concat(s.ids);
    else spans[n++] = s;
  }
  spans.length = n;
  return spans;
}

const cover = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), ids: [...a.ids, ...b.ids] });

/**
 * Every pair whose sweep intervals meet: `lo[i] < hi[j]` both ways (`inclusive`: `<=`). Sweeps both
 * sides by `lo`; each side keeps the intervals still open, so work is proportional to the pairs.
 */
function pairs(left: Span[], right: Span[], inclusive: boolean, widen?: (s: Span) => [number, number]): Span[] {
  type Item = { lo: number; hi: number; span: Span; side: 0 | 1 };
  const items: Item[] = [];
  for (const span of left) {
    const [lo, hi] = widen ? widen(span) : [span.start, span.end];
    items.push({ lo, hi, span, side: 0 });
  }
  for (const span of right) items.push({ lo: span.start, hi: span.end, span, side: 1 });
  items.sort((a, b) => a.lo - b.lo);
  const open: [Item[], Item[]] = [[], []];
  const out: Span[] = [];
  for (const item of items) {
    const other = open[item.side === 0 ? 1 : 0];
    let keep = 0;
    for (const o of other) {
      if (inclusive ? o.hi >= item.lo : o.hi > item.lo) {
        other[keep++] = o;
        out.push(cover(item.span, o.span));
      }
    }
    other.length = keep;
    open[item.side].push(item);
  }
  return normalize(out);
}

/** Turn number of an offset: the last turn starting at or before it (-1 before the first turn). */
const turnOf = (turnStarts: number[], offset: number) => bound(turnStarts, offset, true) - 1;

function sameTurn(left: Span[], right: Span[], turns: readonly TurnRange[]): Span[] {
  const starts = turns.map((t) => t.start);
  const rightByTurn = new Map<number, Span[]>();
  for (const r of right) {
    const turn = turnOf(starts, r.start);
    const list = rightByTurn.get(turn);
    if (list) list.push(r); else rightByTurn.set(turn, [r]);
  }
  const out: Span[] = [];
  for (const l of left) for (const r of rightByTurn.get(turnOf(starts, l.start)) ?? []) out.push(cover(l, r));
  return normalize(out);
}

function without(left: Span[], right: Span[]): Span[] {
  // right is sorted by start: the furthest end among the first k rights tells whether any overlaps.
  const maxEnd: number[] = [];
  for (const r of right) maxEnd.push(Math.max(r.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
  const rightStarts = right.map((r) => r.start);
  return left.filter((l) => {
    const k = bound(rightStarts, l.end); // rights starting before l ends
    return k === 0 || maxEnd[k - 1]! <= l.start;
  });
}

function near(left: Span[], right: Span[], words: number, text: string): Span[] {
  const { starts, ends } = wordIndex(text);
  // Widen each left passage to where a right passage may start (after it) or end (before it).
  return pairs(left, right, true, (s) => {
    const after = bound(ends, s.end, true) + words; // the first word that would be too far after
    const before = bound(starts, s.start) - words; // words before s.start, minus the allowance
    const hi = after < starts.length ? Math.max(starts[after]!, s.end) : Infinity;
    const lo = before <= 0 ? -Infinity : Math.min(ends[before - 1]!, s.start);
    return [lo, hi];
  });
}

function combine(left: Result, right: Result, keepLeftOnly: boolean, each: (l: Span[], r: Span[], documentId: string) => Span[]): Result {
  const out: Result = new Map();
  for (const [documentId, l] of left) {
    const r = right.get(documentId);
    if (!r || r.length === 0) { if (keepLeftOnly) out.set(documentId, l); continue; }
    const spans = each(l, r, documentId);
    if (spans.length) out.set(documentId, spans);
  }
  return out;
}

/**
 * Runs a resolved query: passages sorted by document id and start, without duplicates.
 *
 * @example
 * evaluateQuery(query, { segments, turns, texts }); // [{ documentId, start, end, segmentIds }]
 */
export function evaluateQuery(query: ResolvedQuery, data: EvaluationData): QueryPassage[] {
  const wanted = new Set(codeRefs(query).flatMap((c) => c.codeIds));
  const byCode = new Map<string, QuerySegment[]>();
  for (const s of data.segments) {
    if (s.end <= s.start || (data.coderId !== undefined && s.coderId !== data.coderId)) continue;
    for (let i = 0; i < s.codeIds.length; i++) {
      const codeId = s.codeIds[i]!;
      if (!wanted.has(codeId) || (i > 0 && s.codeIds.indexOf(codeId) < i)) continue;
      const list = byCode.get(codeId);
      if (list) list.push(s); else byCode.set(codeId, [s]);
    }
  }
  const textOf = (documentId: string) => {
    const text = data.texts?.get(documentId);
    if (text === undefined) throw new Error(`NEAR needs the text of document ${documentId}`);
    return text;
  };

  const run = (node: ResolvedQuery): Result => {
    switch (node.type) {
      case 'code': {
        const seen = node.codeIds.length > 1 ? new Set<string>() : null; // a segment may carry A and a sub-code of A
        const grouped: Result = new Map();
        for (const codeId of node.codeIds) {
          for (const s of byCode.get(codeId) ?? []) {
            if (seen) { if (seen.has(s.id)) continue; seen.add(s.id); }
            const span = { start: s.start, end: s.end, ids: [s.id] };
            const list = grouped.get(s.documentId);
            if (list) list.push(span); else grouped.set(s.documentId, [span]);
          }
        }
        for (const spans of grouped.values()) normalize(spans);
        return grouped;
      }
      case 'or': {
        const out: Result = new Map(run(node.left));
        for (const [documentId, spans] of run(node.right)) out.set(documentId, normalize([...(out.get(documentId) ?? []), ...spans]));
        return out;
      }
      case 'not':
        return combine(run(node.left), run(node.right), true, without);
      case 'and':
        return node.mode === 'turn'
          ? combine(run(node.left), run(node.right), false, (l, r, documentId) => sameTurn(l, r, data.turns?.get(documentId) ?? []))
          : combine(run(node.left), run(node.right), false, (l, r) => pairs(l, r, false));
      case 'near':
        return combine(run(node.left), run(node.right), false, (l, r, documentId) => near(l, r, node.words, textOf(documentId)));
    }
  };

  const result = run(query);
  const out: QueryPassage[] = [];
  for (const documentId of [...result.keys()].sort()) {
    for (const s of result.get(documentId)!) out.push({ documentId, start: s.start, end: s.end, segmentIds: s.ids.length === 1 ? s.ids : [...new Set(s.ids)].sort() });
  }
  return out;
}
