import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest, conflict, notFound } from '../../errors';
import { type Translator, translator } from '../../i18n/translator';
import { newId, nowIso } from '../../shared/ids';
import { ChangeSet } from '../history/change-set';
import type { Actor } from '../segments/segments.service';
import { PracticeLinksService } from './practice-links.service';
import { checkPractice, columnsOf, EMPTY_PRACTICE, identityKey, type PracticeRow, practiceView, tidy, valuesOf } from './practice-record';
import { fold } from './practice-values';
import { practicesRepository } from './practices.repository';
import type { Practice, PracticeFilter, PracticeInput, PracticeValues } from './practices.schemas';

type Db = Kysely<Database>;

/** The summary kept in a record's events (enough to read the activity log). */
const summary = (v: PracticeValues) => ({ name: v.name, municipality: v.municipality, region: v.region, evaluationStatus: v.evaluationStatus, evidenceRating: v.evidenceRating });

/** Fields searched by the `q` filter. */
const SEARCHED = ['name', 'description', 'municipality', 'country', 'organisation', 'targetGroup', 'interventionType', 'workingMechanisms', 'recordSource'] as const;

/**
 * Practice records (prevention projects, Belgian and abroad): one project's inventory, unique by
 * name and municipality, every write one undoable action in the history.
 */
export class PracticesService {
  /** Themes (codes with evidence) and literature sources linked to records. */
  readonly links: PracticeLinksService;

  constructor(private readonly db: Db) {
    this.links = new PracticeLinksService(db, (d, p, id) => this.requireRow(d, p, id));
  }

  /** Records with their links, as the API shows them. */
  async views(db: Db, rows: PracticeRow[]): Promise<Practice[]> {
    const ids = rows.map((r) => r.id);
    const [codes, sources] = await Promise.all([practicesRepository.codeLinks(db, ids), practicesRepository.sourceLinks(db, ids)]);
    return rows.map((row) => practiceView(
      row,
      codes.filter((c) => c.practice_id === row.id).map((c) => ({ linkId: c.id, codeId: c.code_id, note: c.note, evidenceCount: Number(c.evidence_count) })),
      sources.filter((s) => s.practice_id === row.id).map((s) => s.source_id),
    ));
  }

  /** The project's records sorted by name; filters combine (crime type, region, rating or `unrated`, evaluation status, words). */
  async list(projectId: string, filter: PracticeFilter = {}): Promise<Practice[]> {
    let rows = await practicesRepository.list(this.db, projectId, filter);
    if (filter.crimeType) rows = rows.filter((r) => (JSON.parse(r.crime_types) as string[]).includes(filter.crimeType!));
    const words = fold(filter.q ?? '').split(' ').filter(Boolean);
    if (words.length > 0) {
      rows = rows.filter((r) => {
        const v = valuesOf(r);
        const haystack = fold(SEARCHED.map((k) => v[k]).join(' '));
        return words.every((w) => haystack.includes(w));
      });
    }
    return this.views(this.db, rows);
  }

  async requireRow(db: Db, projectId: string, practiceId: string): Promise<PracticeRow> {
    const row = await practicesRepository.find(db, projectId, practiceId);
    if (!row) throw notFound('practiceRecord');
    return row;
  }

  async get(projectId: string, practiceId: string): Promise<Practice> {
    return (await this.views(this.db, [await this.requireRow(this.db, projectId, practiceId)]))[0]!;
  }

  /**
   * Refuses a record whose values break a rule (400 INVALID_PRACTICE, every problem in
   * `details.problems`). The problems are written in `tr`'s language, and so is the message that
   * joins them (also in the log).
   */
  static assertValid(values: PracticeValues, tr: Translator) {
    const problems = checkPractice(values, tr);
    if (problems.length > 0) throw badRequest('INVALID_PRACTICE', 'literatureErrors.practices.invalid', { problems: problems.map((p) => p.message).join(' ') }, { problems });
  }

  /** 409 PRACTICE_EXISTS when another record of the project has the same name and municipality. */
  async assertUnique(db: Db, projectId: string, values: PracticeValues, exceptId?: string) {
    const key = identityKey(values.name, values.municipality);
    const clash = (await practicesRepository.list(db, projectId)).find((r) => r.id !== exceptId && identityKey(r.name, r.municipality) === key);
    if (clash) {
      const key = clash.municipality ? 'literatureErrors.practices.existsIn' : 'literatureErrors.practices.existsWithoutMunicipality';
      throw conflict('PRACTICE_EXISTS', key, { name: clash.name, municipality: clash.municipality }, { id: clash.id });
    }
  }

  /** Inserts a checked record inside an action (used by create and by the import). */
  async insertIn(changes: ChangeSet, projectId: string, userId: string, values: PracticeValues): Promise<PracticeRow> {
    const now = nowIso();
    const row: PracticeRow = { id: newId(), project_id: projectId, ...columnsOf(values), created_by: userId, created_at: now, updated_at: now };
    await changes.insert('practice_records', row);
    return row;
  }

  /** Creates a record (name, region and at least one crime type required); `tr`: the language of its problems. */
  create(projectId: string, actor: Actor, input: PracticeInput, tr: Translator = translator('en')): Promise<Practice> {
    const values = tidy({ ...EMPTY_PRACTICE, ...input });
    PracticesService.assertValid(values, tr);
    return this.db.transaction().execute(async (trx) => {
      await this.assertUnique(trx, projectId, values);
      const changes = new ChangeSet(trx);
      const row = await this.insertIn(changes, projectId, actor.userId, values);
      await changes.commit({ projectId, userId: actor.userId, type: 'practice.created', entityType: 'practice', entityId: row.id, after: summary(values) });
      return (await this.views(trx, [row]))[0]!;
    });
  }

  /** Changes the given fields; the whole record must still meet the rules (`tr`: the language of its problems). */
  update(projectId: string, practiceId: string, actor: Actor, input: PracticeInput, tr: Translator): Promise<Practice> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.requireRow(trx, projectId, practiceId);
      const values = tidy({ ...valuesOf(before), ...input });
      PracticesService.assertValid(values, tr);
      await this.assertUnique(trx, projectId, values, practiceId);
      const changes = new ChangeSet(trx);
      const after = await changes.update('practice_records', practiceId, { ...columnsOf(values), updated_at: nowIso() }) as unknown as PracticeRow;
      await changes.commit({ projectId, userId: actor.userId, type: 'practice.updated', entityType: 'practice', entityId: practiceId, before: summary(valuesOf(before)), after: summary(values) });
      return (await this.views(trx, [after]))[0]!;
    });
  }

  /** Deletes a record with its theme links, evidence, source links and assessments (one undoable action). */
  delete(projectId: string, practiceId: string, actor: Actor): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.requireRow(trx, projectId, practiceId);
      const changes = new ChangeSet(trx);
      const links = await trx.selectFrom('practice_codes').select('id').where('practice_id', '=', practiceId).execute();
      for (const link of links) await this.links.deleteThemeIn(changes, link.id);
      for (const s of await trx.selectFrom('practice_sources').select('id').where('practice_id', '=', practiceId).execute()) await changes.delete('practice_sources', s.id);
      for (const a of await trx.selectFrom('assessments').select('id').where('practice_id', '=', practiceId).execute()) {
        for (const e of await trx.selectFrom('assessment_evidence').select('id').where('assessment_id', '=', a.id).execute()) await changes.delete('assessment_evidence', e.id);
        await changes.delete('assessments', a.id);
      }
      await changes.delete('practice_records', practiceId);
      await changes.commit({ projectId, userId: actor.userId, type: 'practice.deleted', entityType: 'practice', entityId: practiceId, before: summary(valuesOf(row)) });
    });
  }
}
