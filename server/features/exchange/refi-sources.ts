import type { RefiTextSource } from './refi-model';
import { mammothModule } from '../../import/read-docx';

/** The text of one source as found in the archive, with where it came from. */
export interface LoadedSource {
  /** Text as the producer wrote it, BOM removed (line ends and composition untouched). */
  raw: string;
  /** The bytes kept as the document's original file. */
  original: Buffer;
  originalName: string;
  format: 'txt' | 'docx';
  /** True when the text was re-extracted from the .docx (positions may then be off). */
  fromRichText: boolean;
}

/** Why a source's text could not be loaded (the importer words it in the reader's language); `path` for `outside`. */
export type SkipReason = 'docxUnreadable' | 'outside' | 'qdeAlone' | 'missing';
export type SourceLoad = { ok: true; source: LoadedSource } | { ok: false; reason: SkipReason; path?: string };

/** Archive entries by lower-cased name, for case-insensitive look-ups (`Sources/` or `sources/`). */
export function indexEntries(entries: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...entries].map(([name, bytes]) => [name.toLowerCase(), bytes]));
}

/** Decodes a plain-text source: UTF-16 by BOM, UTF-8 otherwise; the BOM is dropped. */
export function decodeSourceText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * Resolves a REFI path to an archive entry. Only `internal://` paths (and bare relative names)
 * are looked up, inside the archive; `relative://`, `absolute://`, `file://`, `http(s)://` and
 * anything else pointing outside are never opened.
 */
function resolve(path: string, entries: Map<string, Buffer>): { bytes?: Buffer; name?: string; outside?: string } {
  if (!path) return {};
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(path)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'internal') return { outside: path };
  const name = path.replace(/^internal:\/\//i, '').replace(/\\/g, '/').replace(/^\/+/, '');
  if (name.split('/').includes('..')) return { outside: path };
  const base = name.toLowerCase();
  const bytes = entries.get(`sources/${base}`) ?? entries.get(base);
  return bytes ? { bytes, name: name.split('/').pop()! } : {};
}

/**
 * Finds a text source's text: inline `<PlainTextContent>`, else its plain text file in the
 * archive, else its .docx read with mammoth. Missing texts and paths outside the archive are
 * reasons to skip, never fetched.
 */
export async function loadTextSource(source: RefiTextSource, lowerEntries: Map<string, Buffer>, inArchive: boolean): Promise<SourceLoad> {
  if (source.plainTextContent !== null && source.plainTextContent !== '') {
    const raw = source.plainTextContent.replace(/^\uFEFF/, '');
    return { ok: true, source: { raw, original: Buffer.from(raw, 'utf8'), originalName: `${source.name}.txt`, format: 'txt', fromRichText: false } };
  }
  const plain = resolve(source.plainTextPath, lowerEntries);
  if (plain.bytes) {
    return { ok: true, source: { raw: decodeSourceText(plain.bytes), original: plain.bytes, originalName: plain.name!, format: 'txt', fromRichText: false } };
  }
  const rich = resolve(source.richTextPath, lowerEntries);
  if (rich.bytes && /\.docx$/i.test(rich.name!)) {
    try {
      const { value } = await mammothModule().extractRawText({ buffer: rich.bytes });
      return { ok: true, source: { raw: value.trimEnd(), original: rich.bytes, originalName: rich.name!, format: 'docx', fromRichText: true } };
    } catch {
      return { ok: false, reason: 'docxUnreadable' };
    }
  }
  const outside = plain.outside ?? rich.outside;
  if (outside) return { ok: false, reason: 'outside', path: outside.slice(0, 120) };
  if (!inArchive) return { ok: false, reason: 'qdeAlone' };
  return { ok: false, reason: 'missing' };
}
