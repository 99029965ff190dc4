import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { translator, type Translator } from '../../i18n/translator';
import { codePaths, codesRepository } from '../codes/codes.repository';
import { PATH_SEPARATOR } from '../codes/codebook-csv';
import { exportPolicy } from '../consent/export-policy';
import { valueLabels } from '../retrieval/export-labels';
import { contextAround, turnAt } from '../retrieval/passage-context';
import type { ExportColumn, ExportRow } from '../retrieval/table-export';

/** One exported table: its columns and rows, written as CSV or .xlsx by the caller. */
export interface ExportTable {
  sheet: string;
  columns: ExportColumn[];
  rows: ExportRow[];
}

type Db = Kysely<Database>;
const ENGLISH = translator('en');

/** Every transcript with its built-in and project attributes (one column per attribute, in the project's order). */
export async function documentsTable(db: Db, projectId: string, tr: Translator = ENGLISH): Promise<ExportTable> {
  const [documents, definitions, values] = await Promise.all([
    db.selectFrom('documents').selectAll().where('project_id', '=', projectId).orderBy('name').execute(),
    db.selectFrom('attribute_definitions').select(['id', 'name']).where('project_id', '=', projectId).orderBy('position').orderBy('name').execute(),
    db.selectFrom('document_attributes').innerJoin('documents', 'documents.id', 'document_attributes.document_id')
      .select(['document_attributes.document_id', 'document_attributes.attribute_id', 'document_attributes.value'])
      .where('documents.project_id', '=', projectId).execute(),
  ]);
  const valueOf = new Map(values.map((v) => [`${v.document_id}/${v.attribute_id}`, v.value]));
  const policy = await exportPolicy(db, projectId);
  const { t } = tr;
  const label = valueLabels(tr);
  // The headings and the group and language words are ones the attribute CSV import reads back in every language.
  return {
    sheet: t('tables.sheets.documents'),
    columns: [
      { header: t('tables.columns.document'), width: 30 }, { header: t('tables.columns.file'), width: 30 }, { header: t('tables.columns.format'), width: 8 },
      { header: t('tables.columns.language'), width: 10 }, { header: t('tables.columns.respondentGroup'), width: 16 }, { header: t('tables.columns.interviewDate'), width: 14 },
      { header: t('tables.columns.words'), width: 10 }, { header: t('tables.columns.importedAt'), width: 22 }, ...definitions.map((d) => ({ header: d.name, width: 18 })),
    ],
    rows: documents.filter((d) => policy.allows(d.id)).map((d) => [
      d.name, d.file_name, d.format, label('language', d.language), label('respondentGroup', d.respondent_group), d.interview_date ?? '', d.word_count, d.created_at,
      ...definitions.map((def) => valueOf.get(`${d.id}/${def.id}`) ?? ''),
    ]),
  };
}

/** The codebook, parents before children, the hierarchy as a path (the same columns as the codebook CSV), with coding counts. */
export async function codebookTable(db: Db, projectId: string, { t }: Translator = ENGLISH): Promise<ExportTable> {
  const [codes, counts] = await Promise.all([codesRepository.list(db, projectId), codesRepository.counts(db, projectId)]);
  const paths = codePaths(codes);
  const countOf = new Map(counts.map((c) => [c.code_id, c]));
  const ordered = [...codes].sort((a, b) => paths.get(a.id)!.join('\u0000').localeCompare(paths.get(b.id)!.join('\u0000')));
  return {
    sheet: t('tables.sheets.codebook'),
    columns: [
      { header: t('tables.codebook.path'), width: 40 }, { header: t('tables.codebook.color'), width: 10 }, { header: t('tables.codebook.definition'), width: 50, wrap: true },
      { header: t('tables.codebook.inclusion'), width: 40, wrap: true }, { header: t('tables.codebook.exclusion'), width: 40, wrap: true },
      { header: t('tables.codebook.example'), width: 40, wrap: true }, { header: t('tables.codebook.archived'), width: 10 },
      { header: t('tables.codebook.codings'), width: 10 }, { header: t('tables.codebook.documents'), width: 10 },
    ],
    rows: ordered.map((c) => [
      paths.get(c.id)!.join(PATH_SEPARATOR), c.color, c.definition, c.inclusion, c.exclusion, c.example, c.archived ? t('tables.codebook.archivedYes') : '',
      Number(countOf.get(c.id)?.codings ?? 0), Number(countOf.get(c.id)?.documents ?? 0),
    ]),
  };
}

/** Every coding of the project: one row per code applied to a passage, with its coder, speaker and context. */
export async function segmentsTable(db: Db, projectId: string, tr: Translator = ENGLISH): Promise<ExportTable> {
  const policy = await exportPolicy(db, projectId, tr);
  const segments = (await db.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id')
    .select(['segments.id', 'segments.document_id', 'segments.revision_id', 'segments.start_offset', 'segments.end_offset', 'segments.exact', 'segments.status', 'segments.created_at', 'documents.name as document_name'])
    .where('documents.project_id', '=', projectId).orderBy('documents.name').orderBy('segments.start_offset').orderBy('segments.end_offset').orderBy('segments.created_at').orderBy('segments.id').execute()).filter((s) => policy.allows(s.document_id));
  const revisionIds = [...new Set(segments.map((s) => s.revision_id))];
  const [codes, codings, users, revisions, turns] = await Promise.all([
    codesRepository.list(db, projectId),
    db.selectFrom('codings').innerJoin('segments', 'segments.id', 'codings.segment_id').innerJoin('documents', 'documents.id', 'segments.document_id')
      .select(['codings.segment_id', 'codings.code_id', 'codings.coder_id', 'codings.created_at']).where('documents.project_id', '=', projectId)
      .orderBy('codings.created_at').execute(),
    db.selectFrom('users').select(['id', 'name']).execute(),
    revisionIds.length === 0 ? [] : db.selectFrom('document_revisions').select(['id', 'text']).where('id', 'in', revisionIds).execute(),
    revisionIds.length === 0 ? [] : db.selectFrom('turns').leftJoin('speakers', 'speakers.id', 'turns.speaker_id')
      .select(['turns.revision_id', 'turns.start_offset', 'turns.end_offset', 'speakers.name', 'speakers.role'])
      .where('turns.revision_id', 'in', revisionIds).orderBy('turns.start_offset').execute(),
  ]);
  const paths = codePaths(codes);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const texts = new Map(revisions.map((r) => [r.id, r.text]));
  const turnsOf = new Map<string, typeof turns>();
  for (const t of turns) turnsOf.set(t.revision_id, [...(turnsOf.get(t.revision_id) ?? []), t]);
  const codingsOf = new Map<string, typeof codings>();
  for (const c of codings) codingsOf.set(c.segment_id, [...(codingsOf.get(c.segment_id) ?? []), c]);
  const rows: ExportRow[] = [];
  const label = valueLabels(tr);
  for (const s of segments) {
    const turn = turnAt(turnsOf.get(s.revision_id), s.start_offset);
    const { contextBefore, contextAfter } = contextAround(texts.get(s.revision_id) ?? '', s.start_offset, s.end_offset);
    const base = [s.document_name, turn?.name ?? '', label('speakerRole', turn?.role)];
    const tail = [policy.quote(s.document_id, s.exact), policy.quote(s.document_id, contextBefore), policy.quote(s.document_id, contextAfter), s.start_offset, s.end_offset, label('status', s.status)];
    const list = (codingsOf.get(s.id) ?? []).map((c) => ({ ...c, path: (paths.get(c.code_id) ?? []).join(PATH_SEPARATOR), coder: c.coder_id ? userName.get(c.coder_id) ?? '' : '' }))
      .sort((a, b) => a.path.localeCompare(b.path) || a.coder.localeCompare(b.coder));
    if (list.length === 0) rows.push([...base, '', '', ...tail, s.created_at]);
    for (const c of list) {
      rows.push([...base, c.path, c.coder, ...tail, c.created_at]);
    }
  }
  const { t } = tr;
  return {
    sheet: t('tables.sheets.segments'),
    columns: [
      { header: t('tables.columns.document'), width: 28 }, { header: t('tables.columns.speaker'), width: 18 }, { header: t('tables.columns.speakerRole'), width: 12 },
      { header: t('tables.columns.code'), width: 30 }, { header: t('tables.columns.coder'), width: 18 }, { header: t('tables.columns.quote'), width: 60, wrap: true },
      { header: t('tables.columns.contextBefore'), width: 40, wrap: true }, { header: t('tables.columns.contextAfter'), width: 40, wrap: true },
      { header: t('tables.columns.start'), width: 8 }, { header: t('tables.columns.end'), width: 8 }, { header: t('tables.columns.status'), width: 10 },
      { header: t('tables.columns.codedAt'), width: 22 },
    ],
    rows,
  };
}

/** Every memo with what it is about (by name), its author, dates, linked codes and Markdown body. */
export async function memosTable(db: Db, projectId: string, tr: Translator = ENGLISH): Promise<ExportTable> {
  const [memos, codes, links, users, documents, segments] = await Promise.all([
    db.selectFrom('memos').selectAll().where('project_id', '=', projectId).orderBy('created_at').orderBy('title').orderBy('id').execute(),
    codesRepository.list(db, projectId),
    db.selectFrom('memo_codes').innerJoin('memos', 'memos.id', 'memo_codes.memo_id').select(['memo_codes.memo_id', 'memo_codes.code_id']).where('memos.project_id', '=', projectId).execute(),
    db.selectFrom('users').select(['id', 'name']).execute(),
    db.selectFrom('documents').select(['id', 'name']).where('project_id', '=', projectId).execute(),
    db.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id').select(['segments.id', 'segments.exact', 'documents.name', 'documents.id as document_id'])
      .where('documents.project_id', '=', projectId).execute(),
  ]);
  const policy = await exportPolicy(db, projectId, tr);
  const allowed = (m: { target_type: string; target_id: string | null }) => !m.target_id
    || (m.target_type === 'document' ? policy.allows(m.target_id) : m.target_type !== 'segment' || policy.allows(segments.find((s) => s.id === m.target_id)?.document_id ?? ''));
  const paths = codePaths(codes);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const documentName = new Map(documents.map((d) => [d.id, d.name]));
  const segment = new Map(segments.map((s) => [s.id, s]));
  const target = (type: string, id: string | null): string => {
    if (type === 'project' || !id) return '';
    if (type === 'document') return documentName.get(id) ?? '';
    if (type === 'code') return (paths.get(id) ?? []).join(PATH_SEPARATOR);
    const s = segment.get(id);
    const exact = s ? policy.quote(s.document_id, s.exact) : '';
    return s ? `${s.name}: “${exact.length > 120 ? `${exact.slice(0, 119)}…` : exact}”` : '';
  };
  const { t } = tr;
  const label = valueLabels(tr);
  return {
    sheet: t('tables.sheets.memos'),
    columns: [
      { header: t('tables.columns.title'), width: 30 }, { header: t('tables.columns.about'), width: 10 }, { header: t('tables.columns.target'), width: 40, wrap: true },
      { header: t('tables.columns.linkedCodes'), width: 30 }, { header: t('tables.columns.author'), width: 18 }, { header: t('tables.columns.createdAt'), width: 22 },
      { header: t('tables.columns.updatedAt'), width: 22 }, { header: t('tables.columns.body'), width: 80, wrap: true },
    ],
    rows: memos.filter(allowed).map((m) => [
      m.title, label('memoTarget', m.target_type), target(m.target_type, m.target_id),
      links.filter((l) => l.memo_id === m.id).map((l) => (paths.get(l.code_id) ?? []).join(PATH_SEPARATOR)).join('; '),
      m.author_id ? userName.get(m.author_id) ?? '' : '', m.created_at, m.updated_at, m.body,
    ]),
  };
}

/** The four exportable tables, by the name used in the URL. */
export const EXPORT_TABLES = { documents: documentsTable, codebook: codebookTable, segments: segmentsTable, memos: memosTable } as const;
export type ExportTableName = keyof typeof EXPORT_TABLES;
