import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, badRequest } from '../../errors';
import { translator, type Translator } from '../../i18n/translator';
import { detectLanguage } from '../../import/detect-language';
import { newId, nowIso } from '../../shared/ids';
import { eventsRepository } from '../events/events.repository';
import type { OpenedRefi } from './refi-open';
import { planImport } from './refi-plan';
import { readRefiProject } from './refi-read';
import { loadTextSource, type LoadedSource, type SkipReason } from './refi-sources';

/** What an import did, for the person who asked. */
export interface RefiImportReport {
  imported: { users: number; codes: number; documents: number; selections: number; segments: number; codings: number; memos: number; attributes: number };
  converted: string[];
  skipped: { kind: string; name: string; reason: string }[];
  warnings: string[];
  /** Who the file's users became here. */
  coders: { refiName: string; account: string; placeholder: boolean }[];
  origin: string;
}

export interface ImportedProject {
  id: string; name: string; description: string; createdAt: string; updatedAt: string; role: 'owner';
}

/** What the workbench calls the kinds of source it leaves out (`exchange.kind.<key>`). */
const KINDS: Record<string, string> = { PDFSource: 'pdf', PictureSource: 'picture', AudioSource: 'audio', VideoSource: 'video' };

/** A skipped source's reason, with how many coded passages went with it, in the reader's language. */
function skipReason(tr: Translator, reason: string, passages: number): string {
  return passages ? tr.t('exchange.skipped.withPassages', { reason, count: passages, formatted: tr.number(passages) }) : reason;
}

/** Accounts made for the file's other users cannot sign in: their e-mail says where they come from. */
const placeholderEmail = (guid: string) => `refi-${guid.replace(/[^0-9a-f-]/g, '')}@import.invalid`;
/** Never a valid argon2 hash: signing in as a placeholder always fails. */
const NO_PASSWORD = '!refi-import-placeholder';
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Why a text source was left out, in the reader's language. */
function sourceReason(tr: Translator, reason: SkipReason, path = ''): string {
  switch (reason) {
    case 'docxUnreadable': return tr.t('exchange.skipped.docxUnreadable');
    case 'outside': return tr.t('exchange.skipped.outside', { path });
    case 'qdeAlone': return tr.t('exchange.skipped.qdeAlone');
    default: return tr.t('exchange.skipped.missing');
  }
}

async function chunked<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Database[T][]) {
  if (rows.length === 0) return;
  const batch = Math.max(1, Math.floor(2000 / Object.keys(rows[0]!).length));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for (let i = 0; i < rows.length; i += batch) await db.insertInto(table).values(rows.slice(i, i + batch) as any).execute();
}

async function freeName(db: Kysely<Database>, userId: string, name: string): Promise<string> {
  const rows = await db.selectFrom('projects').innerJoin('project_members', 'project_members.project_id', 'projects.id').select('projects.name').where('project_members.user_id', '=', userId).execute();
  const taken = new Set(rows.map((r) => r.name.toLocaleLowerCase()));
  let candidate = name;
  for (let n = 1; taken.has(candidate.toLocaleLowerCase()); n++) candidate = n === 1 ? `${name} (imported)` : `${name} (imported ${n})`;
  return candidate;
}

/**
 * Imports a REFI-QDA project into a NEW project owned by `importer`, in one transaction (a failed
 * import creates nothing). The file's users: one whose name is the importer's becomes the
 * importer; the others become placeholder accounts (named after them, unable to sign in, reused
 * when the same user is imported again) so that each coder's codings stay theirs for agreement.
 * A file with a single user is attributed to the importer.
 */
export async function importRefiProject(db: Kysely<Database>, opened: OpenedRefi, importer: { id: string; name: string; email: string }, fileName: string, tr: Translator = translator('en')) {
  const { t } = tr;
  const model = readRefiProject(opened.xml);
  const skipped: RefiImportReport['skipped'] = [];
  const loaded = new Map<string, LoadedSource>();
  for (const source of model.textSources) {
    const result = await loadTextSource(source, opened.entries, opened.inArchive);
    if (result.ok) loaded.set(source.guid, result.source);
    else skipped.push({ kind: t('exchange.kind.textSource'), name: source.name, reason: skipReason(tr, sourceReason(tr, result.reason, result.path), source.selections.length) });
  }
  for (const s of model.otherSources) {
    const kind = KINDS[s.kind];
    skipped.push({ kind: kind ? t(`exchange.kind.${kind}`) : s.kind, name: s.name, reason: skipReason(tr, t('exchange.skipped.textOnly'), s.selections) });
  }
  const codeSets = model.sets.filter((s) => s.sourceGuids.length === 0 && s.members > 0);
  if (codeSets.length) skipped.push({ kind: t('exchange.kind.sets'), name: codeSets.map((s) => s.name).join(', ').slice(0, 200), reason: t('exchange.skipped.codeSets') });

  const now = nowIso();
  const projectId = newId();
  const coders: RefiImportReport['coders'] = [];
  const userIds = new Map<string, string>();
  const newAccounts: Database['users'][] = [];
  const me = [importer.name, importer.email, importer.email.split('@')[0]!].map((x) => x.trim().toLocaleLowerCase());
  const emails = model.users.map((u) => u.id.toLowerCase()).filter((e) => /^[^@\s]+@[^@\s]+$/.test(e));
  const known = new Map(emails.length === 0 ? [] : (await db.selectFrom('users').select(['id', 'email', 'name']).execute()).filter((u) => emails.includes(u.email.toLowerCase())).map((u) => [u.email.toLowerCase(), u]));
  const existing = new Map((await db.selectFrom('users').select(['id', 'email']).where('email', 'like', 'refi-%@import.invalid').execute()).map((u) => [u.email, u.id]));
  for (const user of model.users) {
    if (model.users.length === 1 || me.includes(user.name.toLocaleLowerCase()) || user.id.toLowerCase() === importer.email.toLowerCase()) {
      userIds.set(user.guid, importer.id);
      coders.push({ refiName: user.name, account: importer.name, placeholder: false });
      continue;
    }
    // The file names the person by e-mail (workbench exports do): their account here, kept as a coder.
    const account = known.get(user.id.toLowerCase());
    if (account) {
      userIds.set(user.guid, account.id);
      coders.push({ refiName: user.name, account: account.name, placeholder: false });
      continue;
    }
    const email = placeholderEmail(user.guid);
    let id = existing.get(email);
    if (!id) {
      id = newId();
      newAccounts.push({ id, email, name: user.name.slice(0, 100), password_hash: NO_PASSWORD, is_admin: 0, locale: null, created_at: now, updated_at: now });
    }
    userIds.set(user.guid, id);
    coders.push({ refiName: user.name, account: user.name, placeholder: true });
  }
  const coderOf = (guid: string | null) => (guid && userIds.get(guid)) || importer.id;
  const plan = planImport(model, loaded, { projectId, userId: importer.id, now, coderOf, tr });

  try {
    const project = await db.transaction().execute(async (trx) => {
      const name = await freeName(trx, importer.id, model.name);
      await trx.insertInto('projects').values({ id: projectId, name, description: model.description.slice(0, 5000), created_by: importer.id, created_at: now, updated_at: now }).execute();
      await chunked(trx, 'users', newAccounts);
      const members = new Set([...userIds.values()].filter((id) => id !== importer.id));
      await chunked(trx, 'project_members', [
        { project_id: projectId, user_id: importer.id, role: 'owner', created_at: now },
        ...[...members].map((user_id) => ({ project_id: projectId, user_id, role: 'coder' as const, created_at: now })),
      ]);
      await chunked(trx, 'codes', plan.codes);
      for (const d of plan.documents) {
        await trx.insertInto('documents').values({
          id: d.id, project_id: projectId, name: d.name.slice(0, 200), file_name: d.fileName.slice(0, 255), format: d.source.format, encoding: 'utf-8',
          content_hash: sha256(d.source.original), current_revision_id: null, language: d.fields.language ?? detectLanguage(d.text), respondent_group: d.fields.respondent_group ?? null, interview_date: d.fields.interview_date ?? null,
          word_count: d.text.match(/\S+/g)?.length ?? 0, created_by: importer.id, created_at: now, updated_at: now,
        }).execute();
        const mediaType = d.source.format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'text/plain; charset=utf-8';
        await trx.insertInto('document_originals').values({ document_id: d.id, media_type: mediaType, bytes: d.source.original }).execute();
        await trx.insertInto('document_revisions').values({ id: d.revisionId, document_id: d.id, number: 1, text: d.text, sha256: sha256(d.text), created_by: importer.id, created_at: now }).execute();
        await chunked(trx, 'turns', d.turns.map((t, position) => ({ id: newId(), revision_id: d.revisionId, position, speaker_id: null, start_offset: t.start, end_offset: t.end, media_start_ms: null, media_end_ms: null })));
        await trx.updateTable('documents').set({ current_revision_id: d.revisionId }).where('id', '=', d.id).execute();
      }
      await chunked(trx, 'segments', plan.segments);
      await chunked(trx, 'codings', plan.codings);
      await chunked(trx, 'memos', plan.memos.map((m) => ({ ...m, project_id: projectId })));
      await chunked(trx, 'memo_codes', plan.memoCodes);
      await chunked(trx, 'attribute_definitions', plan.attributes);
      await chunked(trx, 'document_attributes', plan.values);
      await eventsRepository.record(trx, {
        projectId, userId: importer.id, type: 'project.imported', entityType: 'project', entityId: projectId,
        after: { name, fileName, origin: model.origin, documents: plan.documents.length, codes: plan.codes.length, segments: plan.segments.length, codings: plan.codings.length, skipped: skipped.length },
      });
      return { id: projectId, name, description: model.description.slice(0, 5000), createdAt: now, updatedAt: now, role: 'owner' as const };
    });
    const report: RefiImportReport = {
      imported: {
        users: model.users.length, codes: plan.codes.length, documents: plan.documents.length, selections: plan.counts.selections,
        segments: plan.segments.length, codings: plan.codings.length, memos: plan.memos.length, attributes: plan.attributes.length,
      },
      converted: plan.converted, skipped: [...skipped, ...plan.skipped], warnings: plan.warnings, coders, origin: model.origin,
    };
    return { project: project as ImportedProject, report };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw badRequest('IMPORT_FAILED', 'exchangeErrors.refi.importFailed', { detail: (error as Error).message.slice(0, 200) });
  }
}
