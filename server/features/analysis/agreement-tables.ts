import {
  characterAgreement, documentLevelAgreement, multiCoderCharacterAgreement, unitsOf, type BinaryCounts, binaryCountsOf,
} from '../../analysis/agreement';
import { type CoderUnits, UnitsBuilder, unitsAlpha, unitsHistogram } from '../../analysis/agreement-units';
import { badRequest } from '../../errors';
import { codePaths } from '../codes/codes.repository';
import { type AgreementRequest, chooseCoders, chooseDocuments, groupPassages } from './agreement-passages';
import type { AnalysisData } from './analysis-data';

export type { AgreementRequest } from './agreement-passages';

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10_000) / 10_000 : null);
const metrics = (m: { percent: number; cohenKappa: number; krippendorffAlpha: number; brennanPrediger: number }) => ({
  percent: round(m.percent), cohenKappa: round(m.cohenKappa), krippendorffAlpha: round(m.krippendorffAlpha), brennanPrediger: round(m.brennanPrediger),
});
const addCounts = (to: BinaryCounts, from: BinaryCounts) => {
  to.both += from.both;
  to.onlyA += from.onlyA;
  to.onlyB += from.onlyB;
  to.neither += from.neither;
};

/** Per-coder units laid end to end over the documents (one builder per coder), joined into one set. */
function joinCoders(builders: UnitsBuilder[]): CoderUnits {
  const joined = new UnitsBuilder(builders.reduce((s, b) => s + b.first[1]!, 0));
  for (const b of builders) {
    joined.open();
    for (let k = 0; k < b.first[1]!; k++) joined.add(b.start[k]!, b.end[k]!);
  }
  return joined;
}

/** One code × transcript cell of the result. */
export interface AgreementCell {
  codeId: string;
  documentId: string;
  counts: BinaryCounts;
  percent: number | null;
  cohenKappa: number | null;
  krippendorffAlpha: number | null;
  brennanPrediger: number | null;
  unitizingAlpha: number | null;
}

type Grouped = ReturnType<typeof groupPassages>;
type Documents = AnalysisData['documents'];

/**
 * One code over the documents: a cell per document someone coded it in (pushed to `cells`), and the
 * code's pooled counts, coverage histogram, presence per document and unitizing alpha with the
 * documents laid end to end. `cell` is scratch space, reused from one document to the next.
 */
function codeAgreement(g: Grouped, codeId: string, documents: Documents, m: number, cell: UnitsBuilder, cells: AgreementCell[]) {
  const slot = g.slots.get(codeId)!;
  const spills = g.spills.has(slot);
  const D = documents.length;
  const counts: BinaryCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const histogram = new Array<number>(m + 1).fill(0);
  const continuum = Array.from({ length: m }, () => new UnitsBuilder());
  continuum.forEach((b) => b.open());
  const spilled: { start: number; end: number }[][] = continuum.map(() => []);
  const presence = continuum.map(() => [] as boolean[]);
  let offset = 0;
  for (let d = 0; d < D; d++) {
    const length = documents[d]!.length;
    const from = g.first[slot * D + d]!;
    const to = g.first[slot * D + d + 1]!;
    if (from === to) {
      // Nobody coded it here: every character agrees on absence.
      counts.neither += length;
      histogram[0]! += length;
      for (const list of presence) list.push(false);
      offset += length;
      continue;
    }
    cell.reset();
    let k = from;
    for (let c = 0; c < m; c++) {
      cell.open();
      const own = k;
      for (; k < to && g.coder[g.order[k]!] === c; k++) {
        const i = g.order[k]!;
        cell.add(Math.max(0, g.start[i]!), Math.min(length, g.end[i]!));
        if (spills) spilled[c]!.push({ start: g.start[i]! + offset, end: g.end[i]! + offset });
      }
      presence[c]!.push(k > own);
    }
    const here = binaryCountsOf(length, cell, 0, 1);
    addCounts(counts, here);
    if (m === 2) {
      histogram[0]! += here.neither;
      histogram[1]! += here.onlyA + here.onlyB;
      histogram[2]! += here.both;
    } else unitsHistogram(length, cell).forEach((h, j) => (histogram[j]! += h));
    if (!spills) {
      // Units lie inside their document: laid end to end they stay sorted (touching ones join).
      for (let c = 0; c < m; c++) for (let u = cell.first[c]!; u < cell.first[c + 1]!; u++) continuum[c]!.add(cell.start[u]! + offset, cell.end[u]! + offset);
    }
    offset += length;
    const a = characterAgreement(here);
    cells.push({
      codeId, documentId: documents[d]!.id, counts: here,
      percent: round(a.percent), cohenKappa: round(a.cohenKappa), krippendorffAlpha: round(a.krippendorffAlpha), brennanPrediger: round(a.brennanPrediger),
      unitizingAlpha: round(unitsAlpha(length, cell)),
    });
  }
  return { counts, histogram, presence, unitizingAlpha: unitsAlpha(offset, spills ? unitsOf(offset, spilled) : joinCoders(continuum)) };
}

/**
 * Agreement between chosen coders on chosen transcripts and codes, from a project's analysis data.
 * By default: the two coders with the most codings, the transcripts every chosen coder has coded,
 * and every code they used. Character level (two coders: per code × transcript and pooled; three
 * or more: Fleiss and alpha), unitizing alpha per code × transcript and per code (transcripts laid
 * end to end), and transcript level (code present or absent). Coders are returned as ids.
 */
export function agreementTables(data: AnalysisData, request: AgreementRequest) {
  const coders = chooseCoders(data, request);
  if (coders.length < 2) throw badRequest('TOO_FEW_CODERS', 'projectErrors.tooFewCoders');
  const documents = chooseDocuments(data, request, coders);
  const paths = codePaths(data.codes.map((c) => ({ id: c.id, parent_id: c.parentId, name: c.name })));
  const names = new Map(data.codes.map((c) => [c.id, c.name]));
  const g = groupPassages(data, coders, documents, request.codeIds?.length ? request.codeIds : null);
  const pooled: BinaryCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const cells: AgreementCell[] = [];
  const perCode = [];
  const cell = new UnitsBuilder();
  for (const codeId of g.codeIds) {
    const code = codeAgreement(g, codeId, documents, coders.length, cell, cells);
    addCounts(pooled, code.counts);
    const multi = multiCoderCharacterAgreement(code.histogram);
    const docLevel = documentLevelAgreement(code.presence);
    perCode.push({
      codeId, name: names.get(codeId) ?? '', path: (paths.get(codeId) ?? []).join(' > '),
      counts: code.counts, ...metrics(characterAgreement(code.counts)),
      unitizingAlpha: round(code.unitizingAlpha),
      fleissKappa: round(multi.fleissKappa), multiAlpha: round(multi.krippendorffAlpha),
      documentLevel: { percent: round(docLevel.percent), cohenKappa: round(docLevel.cohenKappa), krippendorffAlpha: round(docLevel.krippendorffAlpha) },
    });
  }
  return {
    coders,
    documents: documents.map((d) => ({ id: d.id, name: d.name, length: d.length })),
    pooled: { counts: pooled, ...metrics(characterAgreement(pooled)) },
    perCode: perCode.sort((a, b) => a.path.localeCompare(b.path)),
    cells,
  };
}
