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

/**
 * Inflates every entry of a zip held in memory WITHOUT keeping it, counting bytes, and stops as
 * soon as a cap is passed: so a zip bomb is refused after reading at most `maxTotalBytes`, before
 * mammoth or exceljs (which unpack whole entries into memory) ever see it. Also refuses names
 * that occur twice (two readers could then see different files).
 *
 * @example await checkZipExpansion(bytes, { maxEntries: 5000, maxEntryBytes: 32 << 20, maxTotalBytes: 256 << 20 });
 * @throws ZipExpansionError
 */
export async function checkZipExpansion(bytes: Buffer, limits: ZipExpansionLimits): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, z) =>
      error || !z ? reject(new ZipExpansionError('damaged', error?.message ?? 'unreadable zip')) : resolve(z));
  });
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipExpansionError('too-large', `it holds ${zip.entryCount} files; at most ${limits.maxEntries} are accepted`);
  }
  const seen = new Set<string>();
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
      if (name.endsWith('/')) return zip.readEntry();
      const entryCap = /\.(xml|rels)$/.test(name) ? Math.min(limits.maxXmlEntryBytes ?? Infinity, limits.maxEntryBytes) : limits.maxEntryBytes;
      if (entry.uncompressedSize > entryCap || total + entry.uncompressedSize > limits.maxTotalBytes) {
        return fail(new ZipExpansionError('too-large', 'it unpacks to more than the limit'));
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
}
