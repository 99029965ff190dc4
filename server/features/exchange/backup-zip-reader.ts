import yauzl from 'yauzl';
import { badRequest } from '../../errors';

export interface ZipLimits {
  /** Most entries accepted. */
  maxEntries: number;
  /** Most bytes accepted once decompressed, all entries together (counted while inflating, not trusted from headers). */
  maxTotalBytes: number;
}

export const BACKUP_ZIP_LIMITS: ZipLimits = { maxEntries: 50_000, maxTotalBytes: 2 * 1024 ** 3 };

const notABackup = () => badRequest('NOT_A_BACKUP', 'This file is not a workbench backup (it is not a zip archive). Choose a file made with "Download a backup".');
const corrupt = (why: string) => badRequest('BACKUP_CORRUPT', `This backup file is damaged and cannot be restored (${why}). Download a new backup from the original project.`);

/** Refuses entry names that could escape a folder or mean different things on different systems. */
function checkName(name: string) {
  if (name.includes('\\') || name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').some((p) => p === '..') || name.includes('\0')) {
    throw badRequest('BACKUP_UNSAFE', `This backup contains an unsafe file name ("${name.slice(0, 80)}") and was refused.`);
  }
}

/**
 * Reads every file entry of a zip into memory, safely: at most `maxEntries` entries, at most
 * `maxTotalBytes` decompressed (zip bombs stop as soon as they pass it), no absolute or `..` names,
 * no duplicates. Throws 400 NOT_A_BACKUP, BACKUP_CORRUPT, BACKUP_UNSAFE or BACKUP_TOO_LARGE.
 */
export async function readZipEntries(bytes: Buffer, limits: ZipLimits = BACKUP_ZIP_LIMITS): Promise<Map<string, Buffer>> {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) throw notABackup();
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, z) => (error ? reject(corrupt(error.message)) : resolve(z!)));
  });
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw badRequest('BACKUP_TOO_LARGE', `This backup has ${zip.entryCount} files inside; at most ${limits.maxEntries} are accepted.`);
  }
  const entries = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error);
    };
    // yauzl itself refuses absolute and `..` names: those are unsafe, not merely damaged.
    zip.on('error', (error: Error) => fail(/path|invalid characters/i.test(error.message)
      ? badRequest('BACKUP_UNSAFE', `This backup contains an unsafe file name and was refused (${error.message}).`)
      : corrupt(error.message)));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        checkName(entry.fileName);
      } catch (error) {
        return fail(error);
      }
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      if (entries.has(entry.fileName)) return fail(corrupt(`"${entry.fileName}" is in it twice`));
      if (total + entry.uncompressedSize > limits.maxTotalBytes) return fail(tooLarge(limits));
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(corrupt(error?.message ?? 'unreadable entry'));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limits.maxTotalBytes) {
            stream.destroy();
            fail(tooLarge(limits));
          } else chunks.push(chunk);
        });
        stream.on('error', (e) => fail(corrupt(e.message)));
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

function tooLarge(limits: ZipLimits) {
  return badRequest('BACKUP_TOO_LARGE', `This backup unpacks to more than ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB and was refused.`);
}
