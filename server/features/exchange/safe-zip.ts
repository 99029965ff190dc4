import yauzl from 'yauzl';
import { badRequest } from '../../errors';
import type { ErrorMessages } from '../../i18n/messages';

/** Limits for reading an uploaded archive. */
export interface SafeZipLimits {
  /** Most entries accepted (directories included). */
  maxEntries: number;
  /** Most bytes accepted once decompressed, all entries together (counted while inflating, headers are not trusted). */
  maxTotalBytes: number;
  /** Most bytes accepted for one entry, counted while inflating. */
  maxEntryBytes: number;
}

/** True for entry names that could escape a folder or mean different things on different systems. */
export function isUnsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').some((p) => p === '..') || n.includes('\0') || /^[a-z][a-z0-9+.-]*:\/\//i.test(n);
}

/** Why an archive is damaged (`exchangeErrors.archive.why.<why>`); `detail` carries the zip reader's own words. */
type DamagedWhy = keyof ErrorMessages['exchangeErrors']['archive']['why'];

const unsafe = (name: string) => badRequest('ARCHIVE_UNSAFE', 'exchangeErrors.archive.unsafe', { name: name.slice(0, 80) });
const damaged = (why: DamagedWhy, params: { name?: string; detail?: string } = {}) =>
  badRequest('ARCHIVE_DAMAGED', 'exchangeErrors.archive.damaged', { why, ...params });
const fromReader = (error: Error) => damaged('detail', { detail: error.message.slice(0, 160) });
const tooBig = (limits: SafeZipLimits) => badRequest('ARCHIVE_TOO_LARGE', 'exchangeErrors.archive.tooLarge', { megabytes: Math.round(limits.maxTotalBytes / 1024 ** 2) });

/**
 * Reads every file of a zip held in memory, safely: at most `maxEntries` entries, at most
 * `maxTotalBytes` (and `maxEntryBytes` per entry) decompressed, counted while inflating so that a
 * zip bomb stops as soon as it passes the cap; names with `..`, absolute paths, drive letters or
 * URL schemes are refused. Nothing outside the archive is ever opened. Keys are the entry names
 * with `\` turned into `/`. Throws 400 ARCHIVE_DAMAGED, ARCHIVE_UNSAFE, ARCHIVE_TOO_LARGE.
 */
export async function readZipSafely(bytes: Buffer, limits: SafeZipLimits): Promise<Map<string, Buffer>> {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) throw damaged('notZip');
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, z) => (error ? reject(fromReader(error)) : resolve(z!)));
  });
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw badRequest('ARCHIVE_TOO_LARGE', 'exchangeErrors.archive.tooManyFiles', { files: zip.entryCount, max: limits.maxEntries });
  }
  const entries = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (error: unknown) => {
      if (done) return;
      done = true;
      zip.close();
      reject(error);
    };
    // yauzl refuses absolute and `..` names itself: those are unsafe, not merely damaged.
    zip.on('error', (error: Error) => fail(/path|invalid characters|absolute/i.test(error.message) ? unsafe(error.message) : fromReader(error)));
    zip.on('end', () => {
      if (!done) resolve(entries);
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName.replace(/\\/g, '/');
      if (isUnsafeEntryName(name)) return fail(unsafe(name));
      if (name.endsWith('/')) return zip.readEntry();
      if (entries.has(name)) return fail(damaged('twice', { name: name.slice(0, 80) }));
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(error ? fromReader(error) : damaged('unreadableEntry'));
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          total += chunk.length;
          if (total > limits.maxTotalBytes || size > limits.maxEntryBytes) {
            stream.destroy();
            fail(tooBig(limits));
          } else chunks.push(chunk);
        });
        stream.on('error', (e) => fail(fromReader(e)));
        stream.on('end', () => {
          if (done) return;
          entries.set(name, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
