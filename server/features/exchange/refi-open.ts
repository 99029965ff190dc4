import { badRequest } from '../../errors';
import { readZipSafely, type SafeZipLimits } from './safe-zip';
import { decodeXmlBytes } from './safe-xml';
import { indexEntries } from './refi-sources';

/** An uploaded REFI-QDA file opened: the XML of its project (or codebook) and, for a .qdpx, its other files. */
export interface OpenedRefi {
  xml: string;
  /** Archive entries by lower-cased name (empty for a bare .qde). */
  entries: Map<string, Buffer>;
  inArchive: boolean;
  /** Name of the .qde inside the archive. */
  projectEntry: string | null;
}

/** Archive caps for an upload of `uploadLimit` bytes: 10,000 entries, 10× the upload decompressed. */
export function refiZipLimits(uploadLimit: number): SafeZipLimits {
  return { maxEntries: 10_000, maxTotalBytes: uploadLimit * 10, maxEntryBytes: uploadLimit * 10 };
}

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
const looksLikeXml = (text: string) => /^\s*</.test(text.replace(/^\uFEFF/, ''));

/**
 * Opens a .qdpx (zip with a .qde, whatever its name, and `Sources/` or `sources/`) or a bare
 * .qde. The archive is read with caps and name checks; nothing outside it is opened.
 */
export async function openRefiProject(bytes: Buffer, uploadLimit: number): Promise<OpenedRefi> {
  if (isZip(bytes)) {
    const entries = indexEntries(await readZipSafely(bytes, refiZipLimits(uploadLimit)));
    const qdes = [...entries.keys()].filter((n) => n.endsWith('.qde'));
    const name = qdes.includes('project.qde') ? 'project.qde' : qdes.sort((a, b) => a.split('/').length - b.split('/').length)[0];
    if (!name) throw badRequest('NOT_REFI', 'exchangeErrors.refi.noProjectInArchive');
    return { xml: decodeXmlBytes(entries.get(name)!), entries, inArchive: true, projectEntry: name };
  }
  const xml = decodeXmlBytes(bytes);
  if (!looksLikeXml(xml)) throw badRequest('NOT_REFI', 'exchangeErrors.refi.notProjectFile');
  return { xml, entries: new Map(), inArchive: false, projectEntry: null };
}

/** Opens a .qdc codebook (XML), or a .qdpx/.qde whose codebook is wanted. */
export async function openRefiCodebook(bytes: Buffer, uploadLimit: number): Promise<string> {
  if (isZip(bytes)) return (await openRefiProject(bytes, uploadLimit)).xml;
  const xml = decodeXmlBytes(bytes);
  if (!looksLikeXml(xml)) throw badRequest('NOT_REFI', 'exchangeErrors.refi.notCodebookFile');
  return xml;
}
