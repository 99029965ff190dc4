/**
 * Straightforward reference computations of agreement, for the property tests of the fast paths:
 * object per section, nested loops over sections, the general formulas on tables, and the per code
 * × transcript loop over interval lists as the agreement service first did it.
 */
import {
  alphaFromCoincidences, brennanPrediger, cohenKappa, cohenKappaFromTable, krippendorffAlpha, multiCoderCharacterAgreement, percentAgreement,
  unionIntervals, type BinaryCounts, type Interval,
} from '../../server/analysis/agreement';
import type { AnalysisData, CodedPassage } from '../../server/features/analysis/analysis-data';
import type { AgreementRequest } from '../../server/features/analysis/agreement-tables';
import { codePaths } from '../../server/features/codes/codes.repository';

export function refBinaryCounts(length: number, a: readonly Interval[], b: readonly Interval[]): BinaryCounts {
  const ua = unionIntervals(a, length);
  const ub = unionIntervals(b, length);
  let both = 0;
  for (const x of ua) for (const y of ub) both += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  const ca = ua.reduce((s, i) => s + i.end - i.start, 0);
  const cb = ub.reduce((s, i) => s + i.end - i.start, 0);
  return { both, onlyA: ca - both, onlyB: cb - both, neither: length - ca - cb + both };
}

/** Characters coded by exactly j coders, one character at a time. */
export function refHistogram(length: number, coders: readonly (readonly Interval[])[]): number[] {
  const histogram = new Array<number>(coders.length + 1).fill(0);
  for (let c = 0; c < length; c++) histogram[coders.filter((list) => list.some((i) => i.start <= c && c < i.end)).length]! += 1;
  return histogram;
}

interface Section {
  start: number;
  end: number;
  coded: boolean;
}

function sections(length: number, intervals: readonly Interval[]): Section[] {
  const out: Section[] = [];
  let at = 0;
  for (const i of unionIntervals(intervals, length)) {
    if (i.start > at) out.push({ start: at, end: i.start, coded: false });
    out.push({ start: i.start, end: i.end, coded: true });
    at = i.end;
  }
  if (at < length) out.push({ start: at, end: length, coded: false });
  return out;
}

function unitDistance(u: Section, v: Section): number {
  const lu = u.end - u.start;
  const lv = v.end - v.start;
  if (u.coded && v.coded) return u.start < v.end && v.start < u.end ? (u.start - v.start) ** 2 + (u.end - v.end) ** 2 : 0;
  if (u.coded && !v.coded) return v.start <= u.start && u.end <= v.end ? lu ** 2 : 0;
  if (!u.coded && v.coded) return u.start <= v.start && v.end <= u.end ? lv ** 2 : 0;
  return 0;
}

/** Krippendorff's unitizing alpha with every pair of sections of every pair of coders compared. */
export function refUnitizingAlpha(length: number, coders: readonly (readonly Interval[])[]): number {
  const m = coders.length;
  if (m < 2 || length <= 0) return Number.NaN;
  const all = coders.map((c) => sections(length, c));
  let observed = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) for (const u of all[i]!) for (const v of all[j]!) observed += unitDistance(u, v);
  const dO = observed / (m * (m - 1) * length ** 2);
  const coded = all.flat().filter((s) => s.coded).map((s) => s.end - s.start);
  const gaps = all.flat().filter((s) => !s.coded).map((s) => s.end - s.start).sort((a, b) => a - b);
  if (coded.length === 0) return Number.NaN;
  const n = coded.length;
  let numerator = 0;
  let correction = 0;
  for (const l of coded) {
    const longer = gaps.filter((g) => g >= l);
    const suffix = longer.reduce((s, g) => s + g, 0);
    numerator += ((n - 1) / 3) * (2 * l ** 3 - 3 * l ** 2 + l) + l ** 2 * (suffix - longer.length * (l - 1));
    correction += l * (l - 1);
  }
  const dE = ((2 / length) * numerator) / (m * length * (m * length - 1) - correction);
  return dE === 0 ? Number.NaN : 1 - dO / dE;
}

/** Character-level agreement through the general formulas on the 2×2 table and the coincidences. */
export function refCharacterAgreement(counts: BinaryCounts) {
  const table = [[counts.both, counts.onlyA], [counts.onlyB, counts.neither]];
  const disagree = counts.onlyA + counts.onlyB;
  return {
    percent: percentAgreement(table),
    cohenKappa: cohenKappaFromTable(table),
    krippendorffAlpha: alphaFromCoincidences([[2 * counts.neither, disagree], [disagree, 2 * counts.both]], [0, 1], 'nominal'),
    brennanPrediger: brennanPrediger(table, 2),
    counts,
  };
}

/** Document-level agreement through krippendorffAlpha and cohenKappa on label lists. */
export function refDocumentLevel(presence: readonly (readonly (boolean | null)[])[]) {
  const data = presence.map((row) => row.map((v) => (v === null ? null : v ? 1 : 0)));
  const pairs = presence.length === 2 ? presence[0]!.map((a, i) => [a, presence[1]![i]] as const).filter(([a, b]) => a !== null && b !== null) : [];
  return {
    krippendorffAlpha: krippendorffAlpha(data, 'nominal'),
    cohenKappa: presence.length === 2 && pairs.length > 0 ? cohenKappa(pairs.map(([a]) => String(a)), pairs.map(([, b]) => String(b))) : Number.NaN,
    percent: pairs.length > 0 ? pairs.filter(([a, b]) => a === b).length / pairs.length : Number.NaN,
  };
}

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10_000) / 10_000 : null);
const metrics = (m: { percent: number; cohenKappa: number; krippendorffAlpha: number; brennanPrediger: number }) => ({
  percent: round(m.percent), cohenKappa: round(m.cohenKappa), krippendorffAlpha: round(m.krippendorffAlpha), brennanPrediger: round(m.brennanPrediger),
});

/** The agreement tables by a loop over codes × documents × coders on interval lists, with the reference functions. */
export function refAgreementTables(data: AnalysisData, request: AgreementRequest) {
  const coderCounts = new Map<string, number>();
  for (const p of data.passages) if (p.coderId) coderCounts.set(p.coderId, (coderCounts.get(p.coderId) ?? 0) + 1);
  const coders = request.coderIds?.length ? [...new Set(request.coderIds)] : [...coderCounts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([id]) => id);
  if (coders.length < 2) throw new Error('Agreement needs at least two coders');
  const codedBy = new Map<string, Set<string>>();
  for (const p of data.passages) if (p.coderId) codedBy.set(p.documentId, (codedBy.get(p.documentId) ?? new Set()).add(p.coderId));
  const documents = data.documents.filter((d) => (request.documentIds?.length ? request.documentIds.includes(d.id) : coders.every((c) => codedBy.get(d.id)?.has(c))));
  const docIds = new Set(documents.map((d) => d.id));
  const passages = data.passages.filter((p) => docIds.has(p.documentId) && p.coderId && coders.includes(p.coderId));
  const codeIds = request.codeIds?.length ? request.codeIds : [...new Set(passages.map((p) => p.codeId))];
  const paths = codePaths(data.codes.map((c) => ({ id: c.id, parent_id: c.parentId, name: c.name })));
  const intervals = (codeId: string, documentId: string, coderId: string): CodedPassage[] =>
    passages.filter((p) => p.codeId === codeId && p.documentId === documentId && p.coderId === coderId);
  const pooled = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const add = (to: BinaryCounts, from: BinaryCounts) => (Object.keys(to) as (keyof BinaryCounts)[]).forEach((k) => (to[k] += from[k]));
  const cells = [];
  const perCode = [];
  for (const codeId of codeIds) {
    const codeCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
    const histogram = new Array<number>(coders.length + 1).fill(0);
    const continuum: Interval[][] = coders.map(() => []);
    const presence = coders.map(() => [] as boolean[]);
    let offset = 0;
    for (const doc of documents) {
      const perCoder = coders.map((c) => intervals(codeId, doc.id, c));
      const counts = refBinaryCounts(doc.length, perCoder[0]!, perCoder[1]!);
      add(codeCounts, counts);
      refHistogram(doc.length, perCoder.map((list) => unionIntervals(list, doc.length))).forEach((h, j) => (histogram[j]! += h));
      perCoder.forEach((list, i) => {
        continuum[i]!.push(...list.map((p) => ({ start: p.start + offset, end: p.end + offset })));
        presence[i]!.push(list.length > 0);
      });
      offset += doc.length;
      if (perCoder.some((l) => l.length > 0)) {
        cells.push({ codeId, documentId: doc.id, counts, ...metrics(refCharacterAgreement(counts)), unitizingAlpha: round(refUnitizingAlpha(doc.length, perCoder)) });
      }
    }
    add(pooled, codeCounts);
    const multi = multiCoderCharacterAgreement(histogram);
    const docLevel = refDocumentLevel(presence);
    perCode.push({
      codeId, name: data.codes.find((c) => c.id === codeId)?.name ?? '', path: (paths.get(codeId) ?? []).join(' > '),
      counts: codeCounts, ...metrics(refCharacterAgreement(codeCounts)),
      unitizingAlpha: round(refUnitizingAlpha(offset, continuum)),
      fleissKappa: round(multi.fleissKappa), multiAlpha: round(multi.krippendorffAlpha),
      documentLevel: { percent: round(docLevel.percent), cohenKappa: round(docLevel.cohenKappa), krippendorffAlpha: round(docLevel.krippendorffAlpha) },
    });
  }
  return {
    coders,
    documents: documents.map((d) => ({ id: d.id, name: d.name, length: d.length })),
    pooled: { counts: pooled, ...metrics(refCharacterAgreement(pooled)) },
    perCode: perCode.sort((a, b) => a.path.localeCompare(b.path)),
    cells,
  };
}
