import { describe, expect, it } from 'vitest';
import { checkZipExpansion, ZipExpansionError } from '../../server/shared/zip-expansion';
import { makeZip } from '../import/zip-fixture';

const LIMITS = { maxEntries: 100, maxXmlEntryBytes: 8 << 20, maxEntryBytes: 64 << 20, maxTotalBytes: 256 << 20 };

/** Rewrites the first entry's uncompressed size in the central directory (what yauzl reads). */
function declareSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  const central = out.readUInt32LE(out.length - 22 + 16);
  out.writeUInt32LE(size, central + 24);
  return out;
}

async function reason(zip: Buffer, limits = LIMITS) {
  try {
    await checkZipExpansion(zip, limits);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(ZipExpansionError);
    return (error as ZipExpansionError).reason;
  }
}

describe('checkZipExpansion', () => {
  it('accepts honest stored and deflated entries, small and large', async () => {
    const files = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document>Hello</w:document>', 'empty.txt': '' };
    expect(await reason(makeZip(files))).toBe('ok');
    expect(await reason(makeZip(files, { deflate: true }))).toBe('ok');
    // Over the synchronous-inflate threshold: streamed and counted.
    expect(await reason(makeZip({ 'media/big.bin': Buffer.alloc(5 << 20, 7) }, { deflate: true }))).toBe('ok');
  });

  it('refuses an entry that inflates to more than its header says', async () => {
    const lying = declareSize(makeZip({ 'word/document.xml': Buffer.alloc(2 << 20, 0x20) }, { deflate: true }), 100);
    expect(lying.length).toBeLessThan(100_000);
    expect(await reason(lying)).toBe('damaged');
  });

  it('refuses an entry that inflates to less than its header says', async () => {
    const short = declareSize(makeZip({ 'word/document.xml': '<w:document/>' }, { deflate: true }), 1000);
    expect(await reason(short)).toBe('damaged');
    const stored = declareSize(makeZip({ 'word/document.xml': '<w:document/>' }), 1000);
    expect(await reason(stored)).toBe('damaged');
  });

  it('refuses honest headers over the caps as too large', async () => {
    const xml = makeZip({ 'word/document.xml': Buffer.alloc(2 << 20, 0x20) }, { deflate: true });
    expect(await reason(xml, { ...LIMITS, maxXmlEntryBytes: 1 << 20 })).toBe('too-large');
    const two = makeZip({ 'a.bin': Buffer.alloc(3 << 20, 1), 'b.bin': Buffer.alloc(3 << 20, 2) }, { deflate: true });
    expect(await reason(two, { ...LIMITS, maxTotalBytes: 5 << 20 })).toBe('too-large');
    expect(await reason(two, { ...LIMITS, maxEntries: 1 })).toBe('too-large');
  });

  it('refuses a broken deflate stream and a bad local header as damaged', async () => {
    const zip = makeZip({ 'word/document.xml': 'x'.repeat(10_000) }, { deflate: true });
    const garbled = Buffer.from(zip);
    garbled.fill(0xff, 30 + 'word/document.xml'.length, 30 + 'word/document.xml'.length + 8);
    expect(await reason(garbled)).toBe('damaged');
    const noHeader = Buffer.from(zip);
    noHeader.writeUInt32LE(0, 0);
    expect(await reason(noHeader)).toBe('damaged');
  });
});
