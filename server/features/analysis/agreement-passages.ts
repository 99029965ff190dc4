/**
 * Which passages an agreement request takes (coders, transcripts, codes) and the passages
 * themselves as typed columns, grouped by code × transcript: no id is hashed per passage per request.
 */
import type { AnalysisData } from './analysis-data';

export interface AgreementRequest {
  coderIds?: string[];
  documentIds?: string[];
  /** Documents left out (a download leaves out participants who withdrew or refused export). */
  exclude?: ReadonlySet<string>;
  codeIds?: string[];
}

/**
 * A project's passages as typed columns, with coders, documents and codes as small integers: built
 * once per loaded project data (shared and read-only), so that a request hashes no id per passage.
 */
interface Columns {
  coderIds: string[];
  /** Index into `coderIds`, −1 without a coder. */
  coder: Int32Array;
  /** Index into `data.documents`, −1 for a document not in the list. */
  doc: Int32Array;
  codeIds: string[];
  code: Int32Array;
  start: Float64Array;
  end: Float64Array;
}

const columnsCache = new WeakMap<AnalysisData, Columns>();

function columnsOf(data: AnalysisData): Columns {
  let columns = columnsCache.get(data);
  if (columns) return columns;
  const n = data.passages.length;
  columns = { coderIds: [], coder: new Int32Array(n), doc: new Int32Array(n), codeIds: [], code: new Int32Array(n), start: new Float64Array(n), end: new Float64Array(n) };
  const coders = new Map<string, number>();
  const docs = new Map(data.documents.map((d, i) => [d.id, i]));
  const codes = new Map<string, number>();
  const intern = (map: Map<string, number>, list: string[], id: string) => {
    let i = map.get(id);
    if (i === undefined) {
      i = list.length;
      map.set(id, i);
      list.push(id);
    }
    return i;
  };
  data.passages.forEach((p, i) => {
    columns.coder[i] = p.coderId ? intern(coders, columns.coderIds, p.coderId) : -1;
    columns.doc[i] = docs.get(p.documentId) ?? -1;
    columns.code[i] = intern(codes, columns.codeIds, p.codeId);
    columns.start[i] = p.start;
    columns.end[i] = p.end;
  });
  columnsCache.set(data, columns);
  return columns;
}

/** For each of the project's coders (`columns.coderIds`), its index among the chosen coders, or −1. */
function coderSlots(columns: Columns, coders: string[]) {
  const chosen = new Map(coders.map((c, i) => [c, i]));
  return Int32Array.from(columns.coderIds, (id) => chosen.get(id) ?? -1);
}

/**
 * The chosen coders' passages on the chosen documents, grouped by code × document and sorted by
 * coder, then start. Without `requested` codes, every code they used, in order of first use.
 */
export function groupPassages(data: AnalysisData, coders: string[], documents: AnalysisData['documents'], requested: string[] | null) {
  const columns = columnsOf(data);
  const coderSlot = coderSlots(columns, coders);
  const chosenDocs = new Map(documents.map((d, i) => [d.id, i]));
  const docSlot = Int32Array.from(data.documents, (d) => chosenDocs.get(d.id) ?? -1);
  const slots = new Map<string, number>();
  for (const id of requested ?? []) if (!slots.has(id)) slots.set(id, slots.size);
  const codeSlot = Int32Array.from(columns.codeIds, (id) => slots.get(id) ?? -1);
  const codeIds = requested ?? [];
  const D = documents.length;
  const n = data.passages.length;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const coder = new Int32Array(n);
  const bucket = new Int32Array(n);
  // A code whose passages reach outside their document joins its continuum the general way.
  const spills = new Set<number>();
  let count = 0;
  for (let p = 0; p < n; p++) {
    const c = columns.coder[p]! < 0 ? -1 : coderSlot[columns.coder[p]!]!;
    const d = columns.doc[p]! < 0 ? -1 : docSlot[columns.doc[p]!]!;
    if (c < 0 || d < 0) continue;
    let s = codeSlot[columns.code[p]!]!;
    if (s < 0) {
      if (requested) continue;
      s = slots.size;
      slots.set(columns.codeIds[columns.code[p]!]!, s);
      codeSlot[columns.code[p]!] = s;
      codeIds.push(columns.codeIds[columns.code[p]!]!);
    }
    const from = columns.start[p]!;
    const to = columns.end[p]!;
    start[count] = from;
    end[count] = to;
    coder[count] = c;
    bucket[count] = s * D + d;
    if (to > from && (from < 0 || to > documents[d]!.length)) spills.add(s);
    count++;
  }
  // Counting sort by bucket, then each (small) bucket by coder and start.
  const buckets = slots.size * D;
  const first = new Int32Array(buckets + 1);
  for (let i = 0; i < count; i++) first[bucket[i]! + 1]!++;
  for (let b = 0; b < buckets; b++) first[b + 1]! += first[b]!;
  const order = new Int32Array(count);
  const next = first.slice(0, buckets);
  for (let i = 0; i < count; i++) order[next[bucket[i]!]!++] = i;
  const before = (x: number, y: number) => coder[x]! - coder[y]! || start[x]! - start[y]!;
  for (let b = 0; b < buckets; b++) {
    const from = first[b]!;
    const to = first[b + 1]!;
    if (to - from > 24) order.subarray(from, to).sort(before);
    else {
      for (let i = from + 1; i < to; i++) {
        const x = order[i]!;
        let j = i - 1;
        for (; j >= from && before(order[j]!, x) > 0; j--) order[j + 1] = order[j]!;
        order[j + 1] = x;
      }
    }
  }
  return { codeIds, slots, first, order, start, end, coder, spills };
}

/** The chosen coders: those asked for, else the two with the most codings. */
export function chooseCoders(data: AnalysisData, request: AgreementRequest): string[] {
  if (request.coderIds?.length) return [...new Set(request.coderIds)];
  const columns = columnsOf(data);
  const counts = new Array<number>(columns.coderIds.length).fill(0);
  for (let p = 0; p < columns.coder.length; p++) if (columns.coder[p]! >= 0) counts[columns.coder[p]!]!++;
  // Ties keep the order of first coding.
  return columns.coderIds.map((id, i) => [id, counts[i]!] as const).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([id]) => id);
}

/** The documents asked for, else those every chosen coder has coded. */
export function chooseDocuments(data: AnalysisData, request: AgreementRequest, coders: string[]) {
  if (request.documentIds?.length) {
    const wanted = new Set(request.documentIds);
    return data.documents.filter((d) => wanted.has(d.id));
  }
  const columns = columnsOf(data);
  const coderSlot = coderSlots(columns, coders);
  const m = coders.length;
  const coded = new Uint8Array(data.documents.length * m);
  const distinct = new Int32Array(data.documents.length);
  for (let p = 0; p < columns.coder.length; p++) {
    const c = columns.coder[p]! < 0 ? -1 : coderSlot[columns.coder[p]!]!;
    const d = columns.doc[p]!;
    if (c < 0 || d < 0 || coded[d * m + c]) continue;
    coded[d * m + c] = 1;
    distinct[d]!++;
  }
  return data.documents.filter((_, i) => distinct[i] === m);
}
