/**
 * The one rule for consent in exports and reports. A document (participant) is EXCLUDED when the
 * participant withdrew or asked for "no export": it is left out of every export and report. A document
 * is QUOTE-RESTRICTED when the participant asked for "no quotes": its passages are counted, never quoted.
 * Backups are not exports: they are the project itself and keep everything.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { type Translator, translator } from '../../i18n/translator';

/** What stands in for a passage of a participant who asked not to be quoted (English; `consent.withheldQuote`). */
export const WITHHELD_QUOTE = '[quote withheld: participant consent]';

const ENGLISH = translator('en');

export interface ExportPolicy {
  /** Document ids left out of every export and report. */
  excluded: Set<string>;
  /** Document ids whose passages are counted but not quoted (never includes an excluded id). */
  quoteRestricted: Set<string>;
  /** True when the document may appear in an export or report. */
  allows(documentId: string): boolean;
  /** The passage text as an export may show it: the text itself, or the withheld-quote words (and '' stays ''). */
  quote(documentId: string, text: string): string;
}

/** Builds a policy from the two id sets (tests and callers that already know them); `withheld` stands in for restricted quotes. */
export function makePolicy(excluded: Iterable<string>, quoteRestricted: Iterable<string>, withheld = WITHHELD_QUOTE): ExportPolicy {
  const ex = new Set(excluded);
  const qr = new Set([...quoteRestricted].filter((id) => !ex.has(id)));
  return {
    excluded: ex,
    quoteRestricted: qr,
    allows: (id) => !ex.has(id),
    quote: (id, text) => (qr.has(id) && text !== '' ? withheld : text),
  };
}

/**
 * Reads which documents of a project are excluded from exports or quote-restricted. Withheld quotes
 * are written in the reader's language (`tr`, the request's translator; English by default).
 *
 * @example
 * const policy = await exportPolicy(db, projectId, requestTranslator(request));
 * const rows = segments.filter((s) => policy.allows(s.document_id)).map((s) => policy.quote(s.document_id, s.exact));
 */
export async function exportPolicy(db: Kysely<Database>, projectId: string, tr: Translator = ENGLISH): Promise<ExportPolicy> {
  const rows = await db.selectFrom('documents').select(['id', 'consent_status', 'consent_no_quotes', 'consent_no_export'])
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('consent_status', '=', 'withdrawn'), eb('consent_no_export', '=', 1), eb('consent_no_quotes', '=', 1)]))
    .execute();
  const excluded = rows.filter((r) => r.consent_status === 'withdrawn' || Number(r.consent_no_export) === 1).map((r) => r.id);
  const restricted = rows.filter((r) => Number(r.consent_no_quotes) === 1).map((r) => r.id);
  return makePolicy(excluded, restricted, tr.t('consent.withheldQuote'));
}


/** A passage as retrieval and queries return it (the text field is `quote` or `text`). */
interface PassageLike { documentId: string; contextBefore: string; contextAfter: string; quote?: string; text?: string }

/**
 * Passages as an export may show them: those of excluded documents dropped, those of quote-restricted
 * documents kept (they still count) with their text and context withheld.
 *
 * @example
 * retrievalCsv(exportablePassages(segments, await exportPolicy(db, projectId)));
 */
export function exportablePassages<T extends PassageLike>(passages: T[], policy: ExportPolicy): T[] {
  return passages.filter((p) => policy.allows(p.documentId)).map((p) => (policy.quoteRestricted.has(p.documentId)
    ? {
      ...p, contextBefore: policy.quote(p.documentId, p.contextBefore), contextAfter: policy.quote(p.documentId, p.contextAfter),
      ...(p.quote !== undefined ? { quote: policy.quote(p.documentId, p.quote) } : {}),
      ...(p.text !== undefined ? { text: policy.quote(p.documentId, p.text) } : {}),
    }
    : p));
}
