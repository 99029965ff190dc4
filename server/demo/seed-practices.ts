import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PracticeInput } from '../features/practices/practices.schemas';
import type { Services } from '../services';

export const PRACTICES_FILE = fileURLToPath(new URL('../../fixtures/demo/practices.json', import.meta.url));

interface DemoPractice extends PracticeInput {
  name: string;
  themes: { code: string; note: string; evidence: number }[];
  sources: string[];
}

/**
 * Creates the fictional demo practice records (fixtures/demo/practices.json) through the
 * practices service: each with its themes (codes by name) and, as evidence, the first coded
 * passages of each code (by document name and position); literature sources are linked by
 * citation key (with or without the `fict-` prefix) when the project has them. Returns a one-line summary.
 */
export async function seedDemoPractices(db: Kysely<Database>, services: Services, projectId: string, userId: string): Promise<string> {
  const { practices } = JSON.parse(fs.readFileSync(PRACTICES_FILE, 'utf8')) as { practices: DemoPractice[] };
  const actor = { userId, role: 'owner' as const };
  const codes = new Map((await db.selectFrom('codes').select(['id', 'name']).where('project_id', '=', projectId).execute()).map((c) => [c.name, c.id]));
  const sources = new Map((await db.selectFrom('literature_sources').select(['id', 'citation_key']).where('project_id', '=', projectId).execute())
    .filter((s) => s.citation_key).map((s) => [s.citation_key, s.id]));
  let themes = 0;
  let evidence = 0;
  let linked = 0;
  for (const { themes: themeList, sources: keys, ...fields } of practices) {
    const record = await services.practices.create(projectId, actor, fields as Parameters<Services['practices']['create']>[2]);
    for (const theme of themeList) {
      const codeId = codes.get(theme.code);
      if (!codeId) continue;
      const linkId = await services.practices.links.addTheme(projectId, record.id, actor, { codeId, note: theme.note });
      themes += 1;
      const passages = await db.selectFrom('codings')
        .innerJoin('segments', 'segments.id', 'codings.segment_id')
        .innerJoin('documents', 'documents.id', 'segments.document_id')
        .select(['segments.id', 'segments.document_id', 'segments.start_offset', 'segments.end_offset'])
        .where('codings.code_id', '=', codeId).where('segments.status', '=', 'anchored').where('documents.project_id', '=', projectId)
        .orderBy('documents.name').orderBy('segments.start_offset')
        .limit(theme.evidence * 4)
        .execute();
      // Two coders may have coded the same words: quote each passage once.
      const seen = new Set<string>();
      const distinct = passages.filter((p) => {
        const key = `${p.document_id}:${p.start_offset}:${p.end_offset}`;
        return !seen.has(key) && seen.add(key);
      }).slice(0, theme.evidence);
      for (const passage of distinct) {
        await services.practices.links.addEvidence(projectId, record.id, linkId, actor, { segmentId: passage.id, note: '' });
        evidence += 1;
      }
    }
    for (const key of keys) {
      // The fixture names keys `fict-…`; the literature fixture may store them with or without that prefix.
      const sourceId = sources.get(key) ?? sources.get(key.replace(/^fict-/, '')) ?? sources.get(`fict-${key}`);
      if (!sourceId) continue;
      await services.practices.links.linkSource(projectId, record.id, actor, sourceId);
      linked += 1;
    }
  }
  return `${practices.length} fictional practice records with ${themes} themes, ${evidence} evidence passages and ${linked} literature links`;
}
