import type { Kysely } from 'kysely';
import {
  binaryAgreementFromIntervals, characterAgreement, coverageHistogram, documentLevelAgreement, multiCoderCharacterAgreement, unitizingAlpha,
} from '../../analysis/agreement';
import type { Database } from '../../db/schema';
import { badRequest } from '../../errors';
import { codePaths } from '../codes/codes.repository';
import { type CodedPassage, loadAnalysisData } from './analysis-data';

export interface AgreementRequest {
  coderIds?: string[];
  documentIds?: string[];
  /** Documents left out (a download leaves out participants who withdrew or refused export). */
  exclude?: ReadonlySet<string>;
  codeIds?: string[];
}

const EMPTY = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10_000) / 10_000 : null);
const metrics = (m: { percent: number; cohenKappa: number; krippendorffAlpha: number; brennanPrediger: number }) => ({
  percent: round(m.percent), cohenKappa: round(m.cohenKappa), krippendorffAlpha: round(m.krippendorffAlpha), brennanPrediger: round(m.brennanPrediger),
});

/**
 * Agreement between chosen coders on chosen transcripts and codes. By default: the two coders
 * with the most codings, the transcripts every chosen coder has coded, and every code they used.
 * Character level (two coders: per code × transcript and pooled; three or more: Fleiss and
 * alpha), unitizing alpha per code × transcript and per code (transcripts laid end to end), and
 * transcript level (code present or absent).
 */
export async function computeAgreement(db: Kysely<Database>, projectId: string, request: AgreementRequest) {
  const data = await loadAnalysisData(db, projectId, undefined, request.exclude);
  const coderCounts = new Map<string, number>();
  for (const p of data.passages) if (p.coderId) coderCounts.set(p.coderId, (coderCounts.get(p.coderId) ?? 0) + 1);
  const coders = request.coderIds?.length ? [...new Set(request.coderIds)] : [...coderCounts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([id]) => id);
  if (coders.length < 2) throw badRequest('TOO_FEW_CODERS', 'Agreement needs at least two coders who coded this project.');
  const codedBy = new Map<string, Set<string>>();
  for (const p of data.passages) if (p.coderId) codedBy.set(p.documentId, (codedBy.get(p.documentId) ?? new Set()).add(p.coderId));
  const documents = data.documents.filter((d) => request.documentIds?.length ? request.documentIds.includes(d.id) : coders.every((c) => codedBy.get(d.id)?.has(c)));
  const docIds = new Set(documents.map((d) => d.id));
  const passages = data.passages.filter((p) => docIds.has(p.documentId) && p.coderId && coders.includes(p.coderId));
  const codeIds = request.codeIds?.length ? request.codeIds : [...new Set(passages.map((p) => p.codeId))];
  const paths = codePaths(data.codes.map((c) => ({ id: c.id, parent_id: c.parentId, name: c.name })));

  const byKey = new Map<string, CodedPassage[]>();
  for (const p of passages) {
    const key = `${p.codeId}|${p.documentId}|${p.coderId}`;
    const list = byKey.get(key);
    if (list) list.push(p);
    else byKey.set(key, [p]);
  }
  const intervals = (codeId: string, documentId: string, coderId: string) => byKey.get(`${codeId}|${documentId}|${coderId}`) ?? [];

  const pooled = { ...EMPTY };
  const cells = [];
  const perCode = [];
  for (const codeId of codeIds) {
    const codeCounts = { ...EMPTY };
    const histogram = new Array<number>(coders.length + 1).fill(0);
    const continuum: { start: number; end: number }[][] = coders.map(() => []);
    let offset = 0;
    const presence = coders.map(() => [] as boolean[]);
    for (const doc of documents) {
      const perCoder = coders.map((c) => intervals(codeId, doc.id, c));
      const counts = binaryAgreementFromIntervals(doc.length, perCoder[0]!, perCoder[1]!);
      for (const k of Object.keys(codeCounts) as (keyof typeof EMPTY)[]) codeCounts[k] += counts[k];
      coverageHistogram(doc.length, perCoder).forEach((h, j) => (histogram[j]! += h));
      perCoder.forEach((list, i) => {
        continuum[i]!.push(...list.map((p) => ({ start: p.start + offset, end: p.end + offset })));
        presence[i]!.push(list.length > 0);
      });
      offset += doc.length;
      if (perCoder.some((l) => l.length > 0)) {
        cells.push({ codeId, documentId: doc.id, counts, ...metrics(characterAgreement(counts)), unitizingAlpha: round(unitizingAlpha(doc.length, perCoder)) });
      }
    }
    for (const k of Object.keys(pooled) as (keyof typeof EMPTY)[]) pooled[k] += codeCounts[k];
    const multi = multiCoderCharacterAgreement(histogram);
    const docLevel = documentLevelAgreement(presence);
    perCode.push({
      codeId, name: data.codes.find((c) => c.id === codeId)?.name ?? '', path: (paths.get(codeId) ?? []).join(' > '),
      counts: codeCounts, ...metrics(characterAgreement(codeCounts)),
      unitizingAlpha: round(unitizingAlpha(offset, continuum)),
      fleissKappa: round(multi.fleissKappa), multiAlpha: round(multi.krippendorffAlpha),
      documentLevel: { percent: round(docLevel.percent), cohenKappa: round(docLevel.cohenKappa), krippendorffAlpha: round(docLevel.krippendorffAlpha) },
    });
  }
  const names = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', coders).execute();
  return {
    coders: coders.map((id) => ({ id, name: names.find((n) => n.id === id)?.name ?? '' })),
    documents: documents.map((d) => ({ id: d.id, name: d.name, length: d.length })),
    pooled: { counts: pooled, ...metrics(characterAgreement(pooled)) },
    perCode: perCode.sort((a, b) => a.path.localeCompare(b.path)),
    cells,
  };
}
