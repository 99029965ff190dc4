/**
 * The codebook as a REFI-QDA .qdc file (urn:QDA-XML:codebook:1.0, Codebook-mrt2019.xsd): the code
 * hierarchy with colours, descriptions (definition, inclusion, exclusion, example) and isCodable.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest, notFound } from '../../errors';
import { APP_VERSION } from '../../version';
import { renderCodes } from './qde-codebook';
import { attrs } from './qde-xml';

export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/**
 * The project's codebook as .qdc XML. Throws 400 EMPTY_CODEBOOK when there are no codes
 * (the schema demands at least one code).
 *
 * @example
 * const xml = await buildCodebookQdc(app.db, projectId); // '<?xml …?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" …'
 */
export async function buildCodebookQdc(db: Kysely<Database>, projectId: string): Promise<string> {
  const project = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
  if (!project) throw notFound('project');
  const codes = await db.selectFrom('codes')
    .select(['id', 'parent_id', 'name', 'color', 'definition', 'inclusion', 'exclusion', 'example', 'archived'])
    .where('project_id', '=', projectId).orderBy('position').orderBy('name').orderBy('id').execute();
  if (!codes.length) throw badRequest('EMPTY_CODEBOOK', 'exchangeErrors.refi.emptyCodebook');
  return `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook${attrs({ xmlns: CODEBOOK_NAMESPACE, origin: `SOCPREV Workbench ${APP_VERSION}` })}>\n`
    + `  <Codes>\n${renderCodes(codes, '    ')}  </Codes>\n</CodeBook>\n`;
}
