import { readdirSync, readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { docxZipFile } from '../../server/import/docx-zip';
import { checkZipExpansion, ZipExpansionError } from '../../server/shared/zip-expansion';
import { describeWithSamples, samplePath } from '../helpers/shared-samples';
import { makeZip } from './zip-fixture';

const LIMITS = { maxEntries: 100, maxEntryBytes: 1 << 20, maxTotalBytes: 4 << 20 };

/** Mammoth's document tree from its own input (`{ buffer }`, JSZip) or from `{ file }`. */
async function documentTree(input: object): Promise<unknown> {
  let tree: unknown = null;
  await mammoth.convertToHtml(input as { buffer: Buffer }, {
    externalFileAccess: false,
    transformDocument: (doc: { children: unknown[] }) => {
      tree = doc;
      return { ...doc, children: [] };
    },
  } as never);
  return JSON.parse(JSON.stringify(tree));
}

describe('docxZipFile', () => {
  it('answers exists and read (bytes, text, base64) from the checked entries', async () => {
    const bytes = makeZip({ 'word/document.xml': '<w:document>Grüße</w:document>', 'media/a.bin': new Uint8Array([0, 1, 2, 250]) }, { deflate: true });
    const file = docxZipFile(bytes, await checkZipExpansion(bytes, LIMITS));
    expect(file.exists('word/document.xml')).toBe(true);
    expect(file.exists('word/missing.xml')).toBe(false);
    expect(await file.read('word/document.xml', 'utf-8')).toBe('<w:document>Grüße</w:document>');
    expect(Array.from((await file.read('media/a.bin')) as Uint8Array)).toEqual([0, 1, 2, 250]);
    expect(await file.read('media/a.bin', 'base64')).toBe(Buffer.from([0, 1, 2, 250]).toString('base64'));
    await expect(file.read('word/missing.xml')).rejects.toThrow();
    expect(() => file.write('x', 'y')).toThrow();
  });

  it('decodes text parts exactly as TextDecoder does (BOM dropped, invalid bytes replaced)', async () => {
    const parts = {
      'bom.xml': new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]),
      'bad.xml': new Uint8Array([0x3c, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0x3e]),
      'two-boms.xml': new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]),
    };
    const bytes = makeZip(parts, { deflate: true });
    const file = docxZipFile(bytes, await checkZipExpansion(bytes, LIMITS));
    for (const [name, content] of Object.entries(parts)) {
      for (const encoding of ['utf-8', 'utf8']) expect(await file.read(name, encoding)).toBe(new TextDecoder(encoding).decode(content));
    }
  });

  it('refuses a part that does not inflate to its declared size', async () => {
    const bytes = makeZip({ 'word/document.xml': 'x'.repeat(1000) }, { deflate: true });
    const entries = await checkZipExpansion(bytes, LIMITS);
    const corrupted = Buffer.from(bytes);
    corrupted.fill(0xff, 30 + 'word/document.xml'.length, 30 + 'word/document.xml'.length + 4);
    await expect(docxZipFile(corrupted, entries).read('word/document.xml', 'utf-8')).rejects.toBeInstanceOf(ZipExpansionError);
  });
});

describeWithSamples('docxZipFile gives mammoth the same document as its own unzipping', () => {
  const files = (() => {
    try {
      return readdirSync(samplePath('docx')).filter((f) => f.endsWith('.docx'));
    } catch {
      return [];
    }
  })();
  it.each(files)('%s', async (name) => {
    const bytes = readFileSync(samplePath('docx', name));
    const entries = await checkZipExpansion(bytes, LIMITS);
    expect(await documentTree({ file: docxZipFile(bytes, entries) })).toEqual(await documentTree({ buffer: bytes }));
  });
});
