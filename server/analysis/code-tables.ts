/**
 * Code frequencies, code × attribute crosstabs and code co-occurrence: pure functions over coded
 * passages, so they can be tested on hand-made data and measured on 100,000 codings.
 */
export interface Passage {
  segmentId: string;
  documentId: string;
  start: number;
  end: number;
  coderId: string | null;
  codeId: string;
}

export interface Turn {
  start: number;
  end: number;
  speakerId: string | null;
  role: string | null;
}

/** Index of the turn holding `offset` (turns sorted by start), or -1. */
export function turnAt(turns: Turn[], offset: number): number {
  let lo = 0;
  let hi = turns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export interface CodeFrequency {
  codeId: string;
  /** Coded passages (segments) with the code. */
  segments: number;
  /** Transcripts with at least one. */
  documents: number;
  /** Respondents (speakers with the respondent role) in whose turns a passage starts. */
  respondents: number;
  /** Coders who used the code. */
  coders: number;
}

/**
 * How often each code is used: passages, transcripts, respondents, coders.
 *
 * @example
 * codeFrequencies([{ segmentId: 's', documentId: 'd', start: 0, end: 4, coderId: 'u', codeId: 'c' }], new Map())
 * // [{ codeId: 'c', segments: 1, documents: 1, respondents: 0, coders: 1 }]
 */
export function codeFrequencies(passages: Passage[], turnsByDocument: Map<string, Turn[]>): CodeFrequency[] {
  const acc = new Map<string, { segments: Set<string>; documents: Set<string>; respondents: Set<string>; coders: Set<string> }>();
  for (const p of passages) {
    const a = acc.get(p.codeId) ?? { segments: new Set(), documents: new Set(), respondents: new Set(), coders: new Set() };
    a.segments.add(p.segmentId);
    a.documents.add(p.documentId);
    if (p.coderId) a.coders.add(p.coderId);
    const turns = turnsByDocument.get(p.documentId) ?? [];
    const turn = turns[turnAt(turns, p.start)];
    if (turn?.role === 'respondent' && turn.speakerId) a.respondents.add(turn.speakerId);
    acc.set(p.codeId, a);
  }
  return [...acc].map(([codeId, a]) => ({ codeId, segments: a.segments.size, documents: a.documents.size, respondents: a.respondents.size, coders: a.coders.size }));
}

export interface Crosstab {
  columns: string[];
  rows: { codeId: string; cells: { count: number; rowPercent: number; columnPercent: number }[]; total: number }[];
  /** Per column: transcripts (unit `documents`) or passages (unit `segments`) in that column. */
  columnTotals: number[];
}

/**
 * Code × attribute: for each code and each attribute value, the transcripts coded with it (unit
 * `documents`) or its passages (unit `segments`); row percentages divide by the code's total,
 * column percentages by the column's transcripts (or passages). A value of 0/0 is NaN.
 */
export function crosstab(passages: Passage[], valueOf: Map<string, string | null>, codeIds: string[], unit: 'documents' | 'segments'): Crosstab {
  const columns = [...new Set([...valueOf.values()].map((v) => v ?? ''))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const col = new Map(columns.map((c, i) => [c, i]));
  const counted = new Map<string, Set<string>[]>();
  for (const p of passages) {
    if (!valueOf.has(p.documentId)) continue;
    const sets = counted.get(p.codeId) ?? columns.map(() => new Set<string>());
    sets[col.get(valueOf.get(p.documentId) ?? '')!]!.add(unit === 'documents' ? p.documentId : p.segmentId);
    counted.set(p.codeId, sets);
  }
  let columnTotals: number[];
  if (unit === 'documents') {
    columnTotals = columns.map(() => 0);
    for (const v of valueOf.values()) columnTotals[col.get(v ?? '')!]! += 1;
  } else {
    const all = columns.map(() => new Set<string>());
    for (const p of passages) if (valueOf.has(p.documentId)) all[col.get(valueOf.get(p.documentId) ?? '')!]!.add(p.segmentId);
    columnTotals = all.map((s) => s.size);
  }
  const rows = codeIds.map((codeId) => {
    const counts = (counted.get(codeId) ?? columns.map(() => new Set<string>())).map((s) => s.size);
    const total = unit === 'documents' ? new Set((counted.get(codeId) ?? []).flatMap((s) => [...s])).size : counts.reduce((a, b) => a + b, 0);
    const rowBase = counts.reduce((a, b) => a + b, 0);
    return { codeId, total, cells: counts.map((count, i) => ({ count, rowPercent: rowBase ? (100 * count) / rowBase : NaN, columnPercent: columnTotals[i] ? (100 * count) / columnTotals[i]! : NaN })) };
  });
  return { columns, rows, columnTotals };
}

/**
 * Co-occurrence of codes: how many pairs of passages of code A and code B overlap (mode
 * `overlap`, sharing at least one character, any coders), or in how many speaker turns both codes
 * occur (mode `turn`). The diagonal holds each code's passages (or turns). Sweeps each transcript
 * once: O(n log n + pairs).
 */
export function cooccurrence(passages: Passage[], codeIds: string[], mode: 'overlap' | 'turn', turnsByDocument: Map<string, Turn[]>): number[][] {
  const index = new Map(codeIds.map((id, i) => [id, i]));
  const n = codeIds.length;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const byDocument = new Map<string, Passage[]>();
  for (const p of passages) {
    if (!index.has(p.codeId)) continue;
    const list = byDocument.get(p.documentId);
    if (list) list.push(p);
    else byDocument.set(p.documentId, [p]);
  }
  for (const [documentId, list] of byDocument) {
    if (mode === 'turn') {
      const turns = turnsByDocument.get(documentId) ?? [];
      const codesInTurn = new Map<number, Set<number>>();
      for (const p of list) {
        const first = Math.max(0, turnAt(turns, p.start));
        const last = Math.max(first, turnAt(turns, Math.max(p.start, p.end - 1)));
        for (let t = first; t <= last; t++) codesInTurn.set(t, (codesInTurn.get(t) ?? new Set()).add(index.get(p.codeId)!));
      }
      for (const set of codesInTurn.values()) {
        const ids = [...set];
        for (const a of ids) for (const b of ids) matrix[a]![b]! += 1;
      }
      continue;
    }
    const sorted = [...list].sort((a, b) => a.start - b.start);
    const active: Passage[] = [];
    const segmentsSeen = new Set<string>();
    for (const p of sorted) {
      for (let i = active.length - 1; i >= 0; i--) if (active[i]!.end <= p.start) active.splice(i, 1);
      const pi = index.get(p.codeId)!;
      const key = `${p.segmentId}:${p.codeId}`;
      if (!segmentsSeen.has(key)) {
        segmentsSeen.add(key);
        matrix[pi]![pi]! += 1;
      }
      for (const q of active) {
        const qi = index.get(q.codeId)!;
        if (qi === pi) continue;
        matrix[pi]![qi]! += 1;
        matrix[qi]![pi]! += 1;
      }
      active.push(p);
    }
  }
  return matrix;
}
