import type { Kysely } from 'kysely';
import { firstAppearances, guestSaturation, newCodesPerInterview, rollUpCodes, sensitivityTable } from '../../analysis/saturation';
import type { Database } from '../../db/schema';
import { type AnalysisDocument, loadAnalysisData } from './analysis-data';

export interface SaturationRequest {
  /** Interview order: by interview date (the default), by name, or the lead's own (`documentIds`). */
  order?: 'date' | 'name' | 'custom';
  documentIds?: string[];
  /** Documents left out (a download leaves out participants who withdrew or refused export). */
  exclude?: ReadonlySet<string>;
  coderId?: string;
  respondentGroup?: string;
  /** Level of the code hierarchy (1 = top-level codes); none = the codes as coded. */
  level?: number;
  baseSize?: number;
  runLength?: number;
  threshold?: number;
}

function ordered(documents: AnalysisDocument[], request: SaturationRequest): AnalysisDocument[] {
  if (request.order === 'custom' && request.documentIds?.length) {
    const byId = new Map(documents.map((d) => [d.id, d]));
    return request.documentIds.map((id) => byId.get(id)).filter((d): d is AnalysisDocument => !!d);
  }
  return [...documents].sort((a, b) => request.order === 'name'
    ? a.name.localeCompare(b.name)
    : (a.interviewDate ?? '9999').localeCompare(b.interviewDate ?? '9999') || a.createdAt.localeCompare(b.createdAt));
}

/**
 * Thematic saturation for team leads: interviews in order, the new codes each one brought, the
 * cumulative curve, Guest, Namey & Chen's (2020) b+n measure with a sensitivity table, where
 * each code first appeared, and the same measure per respondent group and per coder.
 */
export async function computeSaturation(db: Kysely<Database>, projectId: string, request: SaturationRequest) {
  const data = await loadAnalysisData(db, projectId, undefined, request.exclude);
  const options = { baseSize: request.baseSize ?? 4, runLength: request.runLength ?? 2, threshold: request.threshold ?? 0.05 };
  const parentOf = new Map(data.codes.map((c) => [c.id, c.parentId]));
  const names = new Map(data.codes.map((c) => [c.id, c.name]));
  const byDocument = new Map<string, typeof data.passages>();
  for (const p of data.passages) {
    const list = byDocument.get(p.documentId);
    if (list) list.push(p);
    else byDocument.set(p.documentId, [p]);
  }
  const codesOf = (documents: AnalysisDocument[], coderId?: string) => {
    const raw = documents.map((d) => [...new Set((byDocument.get(d.id) ?? []).filter((p) => !coderId || p.coderId === coderId).map((p) => p.codeId))]);
    return request.level ? rollUpCodes(raw, parentOf, request.level) : raw;
  };
  const summarise = (documents: AnalysisDocument[], coderId?: string) => {
    const codes = codesOf(documents, coderId);
    const result = guestSaturation(codes, options);
    return { interviews: documents.length, label: result.label, reached: result.reached, saturationIndex: result.saturationIndex, curve: newCodesPerInterview(codes).map((c) => c.cumulative) };
  };

  let documents = ordered(data.documents, request);
  if (request.respondentGroup) documents = documents.filter((d) => d.respondentGroup === request.respondentGroup);
  const codes = codesOf(documents, request.coderId);
  const curve = newCodesPerInterview(codes);
  const guest = guestSaturation(codes, options);
  const coders = [...new Set(data.passages.map((p) => p.coderId).filter((c): c is string => !!c))];
  const coderNames = coders.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', coders).execute() : [];
  return {
    options,
    interviews: documents.map((d, i) => ({
      documentId: d.id, name: d.name, interviewDate: d.interviewDate, respondentGroup: d.respondentGroup,
      codes: codes[i]!.length, newCodes: curve[i]!.newCodes.map((id) => ({ id, name: names.get(id) ?? id })), cumulative: curve[i]!.cumulative,
    })),
    guest: { ...guest, runs: guest.runs.map((r) => ({ ...r, ratio: Number.isFinite(r.ratio) ? r.ratio : null, newCodes: r.newCodes.map((id) => names.get(id) ?? id) })) },
    sensitivity: sensitivityTable(codes),
    firstAppearances: firstAppearances(codes, documents.map((d) => d.id)).map((f) => ({
      codeId: f.code, name: names.get(f.code) ?? f.code, documentId: f.firstInterview, documentName: documents[f.firstIndex]!.name, position: f.firstIndex + 1, interviews: f.interviews,
    })),
    byGroup: ['international', 'belgian'].map((group) => ({ group, ...summarise(ordered(data.documents, request).filter((d) => d.respondentGroup === group), request.coderId) })),
    byCoder: coders.map((coderId) => ({ coderId, name: coderNames.find((c) => c.id === coderId)?.name ?? '', ...summarise(documents.filter((d) => (byDocument.get(d.id) ?? []).some((p) => p.coderId === coderId)), coderId) })),
  };
}
