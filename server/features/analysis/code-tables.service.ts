import type { Kysely } from 'kysely';
import { codeFrequencies, cooccurrence, crosstab } from '../../analysis/code-tables';
import type { Database } from '../../db/schema';
import { badRequest } from '../../errors';
import { codePaths } from '../codes/codes.repository';
import { loadAnalysisData, loadProjectTurns, withoutDocuments } from './analysis-data';

async function load(db: Kysely<Database>, projectId: string, exclude?: ReadonlySet<string>) {
  const all = await loadAnalysisData(db, projectId);
  const data = exclude?.size ? withoutDocuments(all, exclude) : all;
  // Turns are cached per project for all its documents: always ask for them with the whole list.
  const turnsOf = () => loadProjectTurns(db, projectId, all.documents);
  const paths = codePaths(data.codes.map((c) => ({ id: c.id, parent_id: c.parentId, name: c.name })));
  const label = (id: string) => ({ codeId: id, name: data.codes.find((c) => c.id === id)?.name ?? '', path: (paths.get(id) ?? []).join(' > '), color: data.codes.find((c) => c.id === id)?.color ?? '#888888' });
  return { data, turnsOf, label, byPath: (a: string, b: string) => (paths.get(a) ?? []).join('\u0000').localeCompare((paths.get(b) ?? []).join('\u0000')) };
}

/** Code frequencies: passages, transcripts, respondents and coders per code. */
export async function frequencies(db: Kysely<Database>, projectId: string, exclude?: ReadonlySet<string>) {
  const { data, turnsOf, label, byPath } = await load(db, projectId, exclude);
  const turns = await turnsOf();
  return codeFrequencies(data.passages, turns).sort((a, b) => byPath(a.codeId, b.codeId)).map((f) => ({ ...label(f.codeId), ...f }));
}

/** Code × attribute crosstab (`respondentGroup`, `language`, or a project attribute id). */
export async function attributeCrosstab(db: Kysely<Database>, projectId: string, attribute: string, unit: 'documents' | 'segments', exclude?: ReadonlySet<string>) {
  const { data, label, byPath } = await load(db, projectId, exclude);
  let valueOf: Map<string, string | null>;
  let attributeName = attribute;
  if (attribute === 'respondentGroup') valueOf = new Map(data.documents.map((d) => [d.id, d.respondentGroup]));
  else if (attribute === 'language') valueOf = new Map(data.documents.map((d) => [d.id, d.language]));
  else {
    const definition = await db.selectFrom('attribute_definitions').select(['id', 'name']).where('project_id', '=', projectId).where('id', '=', attribute).executeTakeFirst();
    if (!definition) throw badRequest('UNKNOWN_ATTRIBUTE', 'projectErrors.unknownAttribute');
    attributeName = definition.name;
    const values = await db.selectFrom('document_attributes').select(['document_id', 'value']).where('attribute_id', '=', attribute).execute();
    const byDoc = new Map(values.map((v) => [v.document_id, v.value]));
    valueOf = new Map(data.documents.map((d) => [d.id, byDoc.get(d.id) ?? null]));
  }
  const codeIds = [...new Set(data.passages.map((p) => p.codeId))].sort(byPath);
  const table = crosstab(data.passages, valueOf, codeIds, unit);
  const pct = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
  return {
    attribute, attributeName, unit, columns: table.columns, columnTotals: table.columnTotals,
    rows: table.rows.map((r) => ({ ...label(r.codeId), total: r.total, cells: r.cells.map((c) => ({ count: c.count, rowPercent: pct(c.rowPercent), columnPercent: pct(c.columnPercent) })) })),
  };
}

/** Code co-occurrence matrix (overlapping passages or the same turn) over the most used codes (or the given ones). */
export async function codeCooccurrence(db: Kysely<Database>, projectId: string, mode: 'overlap' | 'turn', codeIds?: string[], limit = 25, exclude?: ReadonlySet<string>) {
  const { data, turnsOf, label, byPath } = await load(db, projectId, exclude);
  const turns = mode === 'turn' ? await turnsOf() : new Map();
  const counts = new Map<string, number>();
  for (const p of data.passages) counts.set(p.codeId, (counts.get(p.codeId) ?? 0) + 1);
  const chosen = codeIds?.length ? codeIds : [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id).sort(byPath);
  return { mode, codes: chosen.map(label), matrix: cooccurrence(data.passages, chosen, mode, turns) };
}
