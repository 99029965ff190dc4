/**
 * A checked .docx zip as mammoth's zip file (`{ file }` input): parts are inflated straight from
 * the uploaded bytes with Node's zlib, on request, from the entries `checkZipExpansion` already
 * listed and measured, instead of mammoth unpacking the whole archive again with JSZip (pure
 * JavaScript, one event-loop hop per step). It answers `exists` and `read` as mammoth's own
 * JSZip wrapper does (`mammoth/lib/zipfile.js`); the file is read-only.
 */
import { isUtf8 } from 'node:buffer';
import type yauzl from 'yauzl';
import { inflateEntry } from '../shared/zip-expansion';

/** The zip file interface mammoth's docx reader uses. */
export interface MammothZipFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
  write(name: string, contents: string): void;
  toArrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * `new TextDecoder(encoding).decode(data)`, but valid UTF-8 (every real part) through Buffer's
 * decoder, several times quicker on a large document.xml; the BOM is dropped as TextDecoder does.
 */
function decodeText(data: Buffer, encoding: string): string {
  if (!/^utf-?8$/iu.test(encoding) || !isUtf8(data)) return new TextDecoder(encoding).decode(data);
  const bom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  return data.toString('utf8', bom ? 3 : 0);
}

/**
 * @param bytes the whole .docx
 * @param entries its entries by name, as `checkZipExpansion` resolved them
 */
export function docxZipFile(bytes: Buffer, entries: ReadonlyMap<string, yauzl.Entry>): MammothZipFile {
  return {
    exists: (name) => entries.has(name),
    async read(name, encoding) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`There is no "${name}" in the zip file`);
      const data = inflateEntry(bytes, entry);
      if (encoding === 'base64') return data.toString('base64');
      if (encoding) return decodeText(data, encoding);
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    },
    write() {
      throw new Error('The uploaded .docx is read-only');
    },
    toArrayBuffer() {
      return Promise.reject(new Error('The uploaded .docx is read-only'));
    },
  };
}
