import type { Kysely } from 'kysely';
import type { Database, LiteratureFocus } from '../../db/schema';
import { badRequest, notFound } from '../../errors';
import type { Translator } from '../../i18n/translator';
import { newId, nowIso } from '../../shared/ids';
import { ChangeSet } from '../history/change-set';
import type { Actor } from '../segments/segments.service';
import { withTimeLimit } from '../../shared/time-limit';
import { parseBibliography, type ParsedFile, type ParsedReference } from './bib-import';
import { authorsToText, type CslName, cslItem, formatCitation, formatCitationHtml, parseAuthors, type SourceRow, toBibtex } from './citations';

type Db = Kysely<Database>;

/** A source as typed in the form: authors as CSL names or as "Family, Given; Family, Given". */
export interface SourceInput {
  kind?: string; authors?: string | CslName[]; year?: number | null; title?: string; venue?: string;
  doi?: string; url?: string; focus?: LiteratureFocus; notes?: string; citationKey?: string;
}

/** A source as the API shows it, with its formatted APA citation (text and safe HTML). */
export function sourceView(row: SourceRow) {
  const authors = JSON.parse(row.authors || '[]') as CslName[];
  return {
    id: row.id, citationKey: row.citation_key, kind: row.kind, authors, authorsText: authorsToText(authors), year: row.year,
    title: row.title, venue: row.venue, doi: row.doi, url: row.url, focus: row.focus, notes: row.notes,
    citation: formatCitation(row), citationHtml: formatCitationHtml(row), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
export type SourceView = ReturnType<typeof sourceView>;

const cleanDoi = (doi: string) => doi.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '');
const dupKey = (title: string, year: number | null) => `${title.trim().toLowerCase().replace(/\s+/g, ' ')}|${year ?? ''}`;

/** Literature sources: typed by hand or imported from BibTeX/RIS, formatted by citation-js, exported as BibTeX. */
export class SourcesService {
  constructor(private readonly db: Db) {}

  async list(projectId: string, filter: { focus?: LiteratureFocus; q?: string } = {}) {
    let query = this.db.selectFrom('literature_sources').selectAll().where('project_id', '=', projectId);
    if (filter.focus) query = query.where('focus', '=', filter.focus);
    let rows = await query.orderBy('title').execute();
    const q = filter.q?.trim().toLowerCase();
    if (q) rows = rows.filter((r) => [r.title, r.authors, r.venue, r.doi, r.citation_key, r.notes, String(r.year ?? '')].some((f) => f.toLowerCase().includes(q)));
    const views = rows.map(sourceView);
    return views.sort((a, b) => a.citation.localeCompare(b.citation));
  }

  async find(db: Db, projectId: string, id: string): Promise<SourceRow> {
    const row = await db.selectFrom('literature_sources').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
    if (!row) throw notFound('literatureSource');
    return row;
  }

  async get(projectId: string, id: string) {
    return sourceView(await this.find(this.db, projectId, id));
  }

  /** The row a source input gives, checked (a title is required, the year is plausible). */
  private build(input: SourceInput, base?: SourceRow): Omit<SourceRow, 'id' | 'project_id' | 'created_by' | 'created_at' | 'updated_at'> {
    const authors = input.authors === undefined ? JSON.parse(base?.authors ?? '[]') as CslName[]
      : typeof input.authors === 'string' ? parseAuthors(input.authors) : input.authors;
    const title = (input.title ?? base?.title ?? '').trim();
    if (!title) throw badRequest('TITLE_REQUIRED', 'literatureErrors.sources.titleRequired');
    const year = input.year !== undefined ? input.year : base?.year ?? null;
    if (year !== null && (!Number.isInteger(year) || year < 1500 || year > 2100)) throw badRequest('INVALID_YEAR', 'literatureErrors.sources.invalidYear');
    const url = (input.url ?? base?.url ?? '').trim();
    if (url && !/^https?:\/\/\S+$/i.test(url)) throw badRequest('INVALID_URL', 'literatureErrors.sources.invalidUrl');
    const fields = {
      citation_key: (input.citationKey ?? base?.citation_key ?? '').trim(), kind: (input.kind ?? base?.kind ?? 'article-journal').trim() || 'article-journal',
      authors: JSON.stringify(authors), year, title, venue: (input.venue ?? base?.venue ?? '').trim(), doi: cleanDoi(input.doi ?? base?.doi ?? ''), url,
      focus: input.focus ?? base?.focus ?? 'other', notes: input.notes ?? base?.notes ?? '',
    };
    const csl = cslItem({ ...fields, authors, csl: base?.csl ?? '{}', id: base?.id });
    return { ...fields, csl: JSON.stringify(csl) };
  }

  create(projectId: string, actor: Actor, input: SourceInput) {
    return this.db.transaction().execute(async (trx) => {
      const now = nowIso();
      const row: SourceRow = { id: newId(), project_id: projectId, ...this.build(input), created_by: actor.userId, created_at: now, updated_at: now };
      const changes = new ChangeSet(trx);
      await changes.insert('literature_sources', row);
      await changes.commit({ projectId, userId: actor.userId, type: 'literature_source.created', entityType: 'literature_source', entityId: row.id, after: { title: row.title } });
      return sourceView(row);
    });
  }

  update(projectId: string, id: string, actor: Actor, input: SourceInput) {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.find(trx, projectId, id);
      const patch = { ...this.build(input, before), updated_at: nowIso() };
      const changes = new ChangeSet(trx);
      await changes.update('literature_sources', id, patch);
      await changes.commit({ projectId, userId: actor.userId, type: 'literature_source.updated', entityType: 'literature_source', entityId: id, before: { title: before.title }, after: { title: patch.title } });
      return sourceView({ ...before, ...patch });
    });
  }

  /** Deletes a source and its links to gaps and practice records; tells how many cited it. */
  delete(projectId: string, id: string, actor: Actor) {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.find(trx, projectId, id);
      const changes = new ChangeSet(trx);
      const gapLinks = await trx.selectFrom('gap_sources').select('id').where('source_id', '=', id).execute();
      const practiceLinks = await trx.selectFrom('practice_sources').select('id').where('source_id', '=', id).execute();
      for (const l of gapLinks) await changes.delete('gap_sources', l.id);
      for (const l of practiceLinks) await changes.delete('practice_sources', l.id);
      await changes.delete('literature_sources', id);
      await changes.commit({ projectId, userId: actor.userId, type: 'literature_source.deleted', entityType: 'literature_source', entityId: id, before: { title: before.title, gaps: gapLinks.length, practices: practiceLinks.length } });
      return { gapCount: gapLinks.length, practiceCount: practiceLinks.length };
    });
  }

  /** How many gaps and practice records cite a source (asked before deleting it). */
  async usage(projectId: string, id: string) {
    await this.find(this.db, projectId, id);
    const [gaps, practices] = await Promise.all([
      this.db.selectFrom('gap_sources').select((eb) => eb.fn.countAll<number>().as('n')).where('source_id', '=', id).executeTakeFirstOrThrow(),
      this.db.selectFrom('practice_sources').select((eb) => eb.fn.countAll<number>().as('n')).where('source_id', '=', id).executeTakeFirstOrThrow(),
    ]);
    return { gapCount: Number(gaps.n), practiceCount: Number(practices.n) };
  }

  /**
   * Imports BibTeX/RIS files in one transaction: new references are added with the chosen focus,
   * duplicates (same DOI, or same title and year) skipped, unusable entries reported in the
   * importer's language (`tr`).
   */
  async import(projectId: string, actor: Actor, files: { fileName: string; text: string }[], tr: Translator, focus: LiteratureFocus = 'other', timeLimitMs = 60_000) {
    if (files.length === 0) throw badRequest('NO_FILES', 'literatureErrors.sources.noFiles');
    const parsed: (ParsedFile & { fileName: string })[] = [];
    for (const f of files) parsed.push({ fileName: f.fileName, ...(await withTimeLimit(() => parseBibliography(f.fileName, f.text, tr), timeLimitMs, { fileName: f.fileName })) });
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('literature_sources').select(['doi', 'title', 'year']).where('project_id', '=', projectId).execute();
      const dois = new Set(existing.filter((e) => e.doi).map((e) => e.doi.toLowerCase()));
      const titles = new Set(existing.map((e) => dupKey(e.title, e.year)));
      const changes = new ChangeSet(trx);
      const imported: SourceView[] = [];
      const skipped: { title: string; reason: 'doi' | 'title_year' }[] = [];
      const errors: { file: string; entry: string; message: string }[] = [];
      for (const file of parsed) {
        for (const e of file.errors) errors.push({ file: file.fileName, ...e });
        for (const ref of file.references) {
          const doi = cleanDoi(ref.doi).toLowerCase();
          if (doi && dois.has(doi)) { skipped.push({ title: ref.title, reason: 'doi' }); continue; }
          if (titles.has(dupKey(ref.title, ref.year))) { skipped.push({ title: ref.title, reason: 'title_year' }); continue; }
          const row = this.fromReference(projectId, actor, ref, focus);
          if (doi) dois.add(doi);
          titles.add(dupKey(ref.title, ref.year));
          await changes.insert('literature_sources', row);
          imported.push(sourceView(row));
        }
      }
      if (imported.length > 0) {
        await changes.commit({ projectId, userId: actor.userId, type: 'literature_source.imported', entityType: 'literature_source', entityId: null, after: { count: imported.length, files: files.map((f) => f.fileName) } });
      }
      return { imported, skipped, errors };
    });
  }

  private fromReference(projectId: string, actor: Actor, ref: ParsedReference, focus: LiteratureFocus): SourceRow {
    const now = nowIso();
    const id = newId();
    const fields = { citation_key: ref.citationKey, kind: ref.kind, year: ref.year, title: ref.title, venue: ref.venue, doi: cleanDoi(ref.doi), url: ref.url };
    const csl = cslItem({ ...fields, authors: ref.authors, csl: JSON.stringify(ref.csl), id });
    return { id, project_id: projectId, ...fields, authors: JSON.stringify(ref.authors), focus, notes: '', csl: JSON.stringify(csl), created_by: actor.userId, created_at: now, updated_at: now };
  }

  /** Every source of the project (optionally one focus) as a BibTeX file. */
  async bibtex(projectId: string, focus?: LiteratureFocus) {
    let query = this.db.selectFrom('literature_sources').selectAll().where('project_id', '=', projectId);
    if (focus) query = query.where('focus', '=', focus);
    return toBibtex(await query.orderBy('title').execute());
  }
}
