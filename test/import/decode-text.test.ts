import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, detectBomlessUtf16 } from '../../server/import/decode-text';
import { TranscriptImportError } from '../../server/import/types';

const SAMPLE = 'Enquêteur : Ça va ? — “oui” 10 €\nGeïnterviewde: één';

function utf16be(text: string): Buffer {
  return iconv.encode(text, 'utf-16be');
}

describe('decodeText', () => {
  const cases: Array<[string, Uint8Array, string, string]> = [
    ['UTF-8 without BOM', Buffer.from(SAMPLE, 'utf8'), 'utf-8', SAMPLE],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]), 'utf-8', SAMPLE],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]), 'utf-16le', SAMPLE],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)]), 'utf-16be', SAMPLE],
    ['UTF-16 LE without BOM', Buffer.from(SAMPLE, 'utf16le'), 'utf-16le', SAMPLE],
    ['UTF-16 BE without BOM', utf16be(SAMPLE), 'utf-16be', SAMPLE],
    ['Windows-1252', iconv.encode('Enquêteur : Ça va ? “oui” 10 €', 'win1252'), 'windows-1252', 'Enquêteur : Ça va ? “oui” 10 €'],
    ['UTF-32 LE with BOM', Buffer.from([0xff, 0xfe, 0, 0, 0x68, 0, 0, 0, 0xe9, 0, 0, 0, 0x00, 0xf6, 0x01, 0]), 'utf-32le', 'hé😀'],
  ];
  it.each(cases)('%s', (_name, bytes, encoding, text) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(text);
  });

  it('falls back to Windows-1252 on a single invalid UTF-8 byte', () => {
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({ text: 'café', encoding: 'windows-1252' });
  });

  it('keeps a BOM-less UTF-8 file that only contains ASCII as utf-8', () => {
    expect(decodeText(Buffer.from('I: hi\r\nR: hello')).encoding).toBe('utf-8');
  });

  it('does not mistake ordinary text for UTF-16', () => {
    expect(detectBomlessUtf16(Buffer.from('Hello world, how are you?'))).toBeNull();
    expect(detectBomlessUtf16(Buffer.from('Hello world', 'utf16le'))).toBe('utf-16le');
  });

  it.each([
    ['NUL-heavy binary', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x10, 0x00, 0x07, 0x00, 0x00, 0x05, 0x04, 0x00, 0x00, 0x02, 0x1b, 0x00, 0x03])],
    ['control-character garbage', Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 7) % 32))],
    ['random bytes', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 2654435761) % 256))],
  ])('rejects %s as not text', (_name, bytes) => {
    let error: unknown;
    try {
      decodeText(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TranscriptImportError);
    expect((error as TranscriptImportError).code).toBe('UNSUPPORTED_FILE');
    expect((error as TranscriptImportError).message).toMatch(/does not contain plain text/u);
  });
});
