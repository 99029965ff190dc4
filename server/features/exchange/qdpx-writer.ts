/**
 * The .qdpx archive: `project.qde` plus `sources/` (each document's plain text and, where the
 * document was imported from Word, its original .docx), as REFI-QDA prescribes.
 */
import type { Kysely } from 'kysely';
import yazl from 'yazl';
import type { Database } from '../../db/schema';
import { buildProjectExport, type ProjectExport } from './qde-writer';

/** Zips a rendered export. Fixed entry dates keep the archive independent of the clock. */
export function zipProjectExport(exported: ProjectExport, mtime = new Date()): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
    zip.addBuffer(Buffer.from(exported.xml, 'utf8'), 'project.qde', { mtime });
    for (const file of exported.files) zip.addBuffer(file.bytes, file.path, { mtime });
    zip.end();
  });
}

/**
 * A whole project as a REFI-QDA .qdpx file (zip).
 *
 * @example
 * const bytes = await buildProjectQdpx(app.db, projectId); // PK… with project.qde and sources/<guid>.txt
 */
export async function buildProjectQdpx(db: Kysely<Database>, projectId: string): Promise<Buffer> {
  return zipProjectExport(await buildProjectExport(db, projectId));
}
