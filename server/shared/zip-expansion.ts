import zlib from 'node:zlib';
import yauzl from 'yauzl';

/** Caps on what a zip (a .docx, an .xlsx) may unpack to before a library is allowed to open it. */
export interface ZipExpansionLimits {
  /** Most entries (directories included). */
  maxEntries: number;
  /** Most bytes one entry may inflate to (counted while inflating; the headers are not trusted). */
  maxEntryBytes: number;
  /** Most bytes all entries together may inflate to. */
  maxTotalBytes: number;
  /** A lower cap for XML parts (`.xml`, `.rels`), which the readers turn into large object trees. */
  maxXmlEntryBytes?: number;
}

/** Why a zip was refused: `too-large` (a zip bomb or simply too much), `damaged` (unreadable, duplicate names). */
export class ZipExpansionError extends Error {
  constructor(
    readonly reason: 'too-large' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'ZipExpansionError';
  }
}

/** Entries that declare at most this many bytes are inflated in one synchronous call (see below). */
const SYNC_INFLATE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The bytes of one entry of a zip held in memory (an entry `checkZipExpansion` returned), inflated
 * in one go and never to more than its declared size, so a lying header cannot make it allocate
 * more; the same checks yauzl makes when it streams an entry.
 * @throws ZipExpansionError `damaged` (encrypted, unknown method, bad header, not its declared size)
 */
export function inflateEntry(zip: Buffer, entry: yauzl.Entry): Buffer {
  const damaged = (why: string) => new ZipExpansionError('damaged', `"${entry.fileName.slice(0, 80)}": ${why}`);
  if (entry.generalPurposeBitFlag & 0x1) throw damaged('entry is encrypted');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw damaged(`unsupported compression method ${entry.compressionMethod}`);
  const header = entry.relativeOffsetOfLocalHeader;
  if (header + 30 > zip.length || zip.readUInt32LE(header) !== 0x04034b50) throw damaged('invalid local file header signature');
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw damaged('file data overflows file bounds');
  const data = zip.subarray(start, end);
  let out: Buffer;
  if (entry.compressionMethod === 0) {
    out = data;
  } else {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      throw damaged(error instanceof Error ? error.message : 'unreadable entry');
    }
  }
  if (out.length !== entry.uncompressedSize) throw damaged(`${out.length} bytes instead of the ${entry.uncompressedSize} declared`);
  return out;
}

/**
 * Inflates every entry of a zip held in memory WITHOUT keeping it, counting bytes, and stops as
 * soon as a cap is passed: so a zip bomb is refused after reading at most `maxTotalBytes`, before
 * mammoth or exceljs (which unpack whole entries into memory) ever see it. Also refuses names
 * that occur twice (two readers could then see different files).
 * Resolves with the checked entries by name, for `inflateEntry`.
 *
 * @example await checkZipExpansion(bytes, { maxEntries: 5000, maxEntryBytes: 32 << 20, maxTotalBytes: 256 << 20 });
 * @throws ZipExpansionError
 */
export async function checkZipExpansion(bytes: Buffer, limits: ZipExpansionLimits): Promise<Map<string, yauzl.Entry>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, z) =>
      error || !z ? reject(new ZipExpansionError('damaged', error?.message ?? 'unreadable zip')) : resolve(z));
  });
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipExpansionError('too-large', `it holds ${zip.entryCount} files; at most ${limits.maxEntries} are accepted`);
  }
  const seen = new Set<string>();
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    let done = false;
    const fail = (error: ZipExpansionError) => {
      if (done) return;
      done = true;
      zip.close();
      reject(error);
    };
    zip.on('error', (error: Error) => fail(new ZipExpansionError('damaged', error.message)));
    zip.on('end', () => {
      if (!done) resolve();
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName.replace(/\\/g, '/').toLowerCase();
      if (seen.has(name)) return fail(new ZipExpansionError('damaged', `"${name.slice(0, 80)}" is in it twice`));
      seen.add(name);
      entries.set(entry.fileName, entry);
      if (name.endsWith('/')) return zip.readEntry();
      const entryCap = /\.(xml|rels)$/.test(name) ? Math.min(limits.maxXmlEntryBytes ?? Infinity, limits.maxEntryBytes) : limits.maxEntryBytes;
      if (entry.uncompressedSize > entryCap || total + entry.uncompressedSize > limits.maxTotalBytes) {
        return fail(new ZipExpansionError('too-large', 'it unpacks to more than the limit'));
      }
      if (entry.uncompressedSize <= SYNC_INFLATE_MAX_BYTES) {
        // Small parts (a transcript's XML) in one synchronous call, capped at their declared
        // size: far quicker than a stream per part, and memory stays bounded.
        try {
          inflateEntry(bytes, entry);
        } catch (error) {
          return fail(error as ZipExpansionError);
        }
        total += entry.uncompressedSize;
        return zip.readEntry();
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(new ZipExpansionError('damaged', error?.message ?? 'unreadable entry'));
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          total += chunk.length;
          if (size > entryCap || total > limits.maxTotalBytes) {
            stream.destroy();
            fail(new ZipExpansionError('too-large', 'it unpacks to more than the limit'));
          }
        });
        stream.on('error', (e) => fail(new ZipExpansionError('damaged', e.message)));
        stream.on('end', () => {
          if (!done) zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return entries;
}
