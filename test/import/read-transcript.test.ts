import { describe, expect, it } from 'vitest';
import { ACCEPTED_EXTENSIONS, fileExtension, readTranscript } from '../../server/import/read-transcript';
import { TranscriptImportError } from '../../server/import/types';
import { expectWellFormed } from './transcript-invariants';
import { makeZip } from './zip-fixture';

async function outcome(name: string, bytes: Uint8Array): Promise<{ code: string; message: string } | 'ok'> {
  try {
    const t = await readTranscript(name, bytes);
    expectWellFormed(t);
    return 'ok';
  } catch (error) {
    // Anything but a TranscriptImportError is a bug.
    expect(error).toBeInstanceOf(TranscriptImportError);
    const e = error as TranscriptImportError;
    return { code: e.code, message: e.message };
  }
}

describe('readTranscript: dispatch', () => {
  it('exposes the accepted extensions', () => {
    expect([...ACCEPTED_EXTENSIONS]).toEqual(['.docx', '.txt', '.md', '.vtt', '.srt']);
  });

  it.each([
    ['Interview 3.TXT', '.txt'],
    ['a.b.Md', '.md'],
    ['folder/x.VTT', '.vtt'],
    ['C:\\files\\x.srt', '.srt'],
    ['notes.markdown', '.md'],
    ['noext', ''],
    ['.hidden', ''],
  ])('fileExtension(%s) = %s', (name, ext) => {
    expect(fileExtension(name)).toBe(ext);
  });

  it.each([
    ['x.TXT', 'txt'],
    ['x.Md', 'md'],
  ] as const)('%s is read as %s', async (name, format) => {
    const t = await readTranscript(name, Buffer.from('I: Hi?\nR: Hello.'));
    expect(t.format).toBe(format);
    expect(t.speakers.map((s) => s.role)).toEqual(['interviewer', 'respondent']);
  });

  it('accepts a Uint8Array as well as a Buffer', async () => {
    const t = await readTranscript('x.txt', new TextEncoder().encode('Hello there.'));
    expect(t.text).toBe('Hello there.');
  });

  it.each(['x.pdf', 'x.rtf', 'x.odt', 'x.mp3', 'x', 'x.exe'])('unknown extension %s → UNSUPPORTED_FILE listing accepted types', async (name) => {
    const result = await outcome(name, Buffer.from('I: Hi'));
    expect(result).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect((result as { message: string }).message).toContain('.docx');
    expect((result as { message: string }).message).toContain('.srt');
  });
});

describe('readTranscript: empty and mislabelled files', () => {
  it.each(['x.txt', 'x.md', 'x.vtt', 'x.srt', 'x.docx'])('0 bytes → EMPTY_FILE (%s)', async (name) => {
    expect(await outcome(name, new Uint8Array(0))).toEqual({ code: 'EMPTY_FILE', message: 'This file is empty.' });
  });

  it.each([
    ['x.txt', Buffer.from('  \r\n\t\n  ')],
    ['x.md', Buffer.from('\uFEFF\n\n')],
    ['x.srt', Buffer.from('\n\n')],
    ['x.txt', Buffer.from([0xff, 0xfe, 0x20, 0x00, 0x0a, 0x00])],
    ['x.md', Buffer.from('---\n\n# \n')],
  ])('only whitespace → EMPTY_FILE (%s)', async (name, bytes) => {
    expect(await outcome(name, bytes)).toMatchObject({ code: 'EMPTY_FILE' });
  });

  it.each([
    ['zip', makeZip({ 'a.txt': 'x' }), 'zip archive'],
    ['docx', makeZip({ 'word/document.xml': '<w:document/>' }), 'Word document'],
    ['PDF', Buffer.from('%PDF-1.4\n...'), 'PDF document'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'PNG image'],
    ['RTF', Buffer.from('{\\rtf1\\ansi Hello}'), 'Rich Text Format'],
    ['MP3', Buffer.from('ID3\x03\x00\x00\x00\x00\x00'), 'MP3 audio'],
  ])('a .txt that is actually %s → UNSUPPORTED_FILE saying so', async (_kind, bytes, phrase) => {
    const result = await outcome('transcript.txt', bytes);
    expect(result).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect((result as { message: string }).message).toContain(phrase);
    expect((result as { message: string }).message).toContain('named .txt');
  });

  it('binary garbage named .vtt → UNSUPPORTED_FILE', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    expect(await outcome('x.vtt', bytes)).toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });
});

describe('readTranscript: robustness', () => {
  const hostile: Array<[string, string]> = [
    ['colons', ':'.repeat(200_000)],
    ['brackets', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['angle brackets', `WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n${'<'.repeat(200_000)}`],
    ['tags', `WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n${'<v a'.repeat(50_000)}`],
    ['entities', `1\n00:00:00,000 --> 00:00:01,000\n${'&#'.repeat(100_000)}`],
    ['label-like lines', 'A: b\n'.repeat(50_000)],
    ['long label-ish line', `${'Aa '.repeat(50_000)}: x`],
    ['spaces then timestamp', `Name${' '.repeat(200_000)}0:03\ntext`],
    ['markdown hashes', `#${' '.repeat(100_000)}#x\n${'**'.repeat(50_000)}*`],
    ['many bare names', 'Anna\n\nBram\n\n'.repeat(30_000)],
    ['digits', '1'.repeat(300_000)],
    ['arrows', '-->\n'.repeat(10)],
  ];
  it.each(hostile)('hostile input (%s) finishes and only throws TranscriptImportError', async (_name, content) => {
    for (const ext of ['txt', 'md', 'vtt', 'srt']) {
      const result = await outcome(`x.${ext}`, Buffer.from(content));
      if (result !== 'ok') expect(['CORRUPT_FILE', 'EMPTY_FILE', 'UNSUPPORTED_FILE', 'CONTENT_TOO_LARGE']).toContain(result.code);
    }
  });

  it('random bytes never throw anything but TranscriptImportError', async () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 40; round++) {
      const bytes = Buffer.from(Array.from({ length: 64 + (next() % 2000) }, () => next() % 256));
      if (round % 2 === 0) bytes[0] = 0x50, bytes[1] = 0x4b, bytes[2] = 0x03, bytes[3] = 0x04;
      for (const ext of ['txt', 'vtt', 'srt', 'docx']) await outcome(`r.${ext}`, bytes);
    }
  });
});
