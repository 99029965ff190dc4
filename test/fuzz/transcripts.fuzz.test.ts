/**
 * Hostile transcript files through the real upload route (POST /api/projects/:id/documents):
 * mutated real .docx bytes, random zips posing as Word documents, text in odd encodings, and
 * structured-but-wrong WebVTT/SRT. Never a 5xx, never a hang, nothing half-written.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../import/zip-fixture';
import { DIALECTS } from '../helpers/test-app';
import { expectHandled, fuzzApp, fuzzParams, hostileText, mutatedBytes, type FuzzApp } from './fuzz-helpers';

async function smallDocx(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  return Packer.toBuffer(new Document({
    sections: [{
      children: [
        new Paragraph('Interviewer: How did you find the housing office?'),
        new Paragraph('Respondent: Nobody answered the phone, twice.'),
        new Table({ rows: [new TableRow({ children: [cell('I'), cell('And then?')] }), new TableRow({ children: [cell('R'), cell('I gave up.')] })] }),
      ],
    }],
  }));
}

const DOCX_PARTS = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels', 'word/styles.xml', 'word/numbering.xml', 'word/footnotes.xml', 'word/comments.xml', 'word/media/image1.png', '../evil.xml', 'word/document.xml'];
const XML_BITS = ['<?xml version="1.0"?>', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">', '<w:body>', '<w:p>', '<w:r>', '<w:t>', 'I: hello', '&b;', '</w:t>', '</w:r>', '</w:p>', '</w:body>', '</w:document>', '<w:tbl><w:tr><w:tc>', '<w:drawing/>', '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>', '<Relationship Id="rId9" TargetMode="External" Target="http://127.0.0.1:9/x.png" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>'];

/** A zip made of docx-like part names holding XML fragments or random bytes. */
const randomZip = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom(...DOCX_PARTS), fc.oneof(fc.array(fc.constantFrom(...XML_BITS), { maxLength: 30 }).map((bits) => bits.join('')), fc.uint8Array({ maxLength: 200 }))), { minLength: 1, maxLength: 8 }),
  fc.boolean(),
).map(([entries, deflate]) => makeZip(Object.fromEntries(entries), { deflate }));

const ENCODINGS = ['utf8', 'utf16le', 'utf16be', 'win1252', 'latin1', 'macintosh', 'cp437', 'shift_jis', 'koi8-r'] as const;

/** A transcript-ish text in some encoding, with or without a BOM, sometimes cut mid-character. */
const encodedText = fc.tuple(
  fc.array(fc.oneof(fc.constantFrom('Interviewer: ', 'R: ', '[00:01:02] Anna: ', 'Speaker 1  0:03\n', '\n\n', 'Zoom chat 10:00:00 From Ann to Everyone: '), hostileText), { maxLength: 12 }),
  fc.constantFrom(...ENCODINGS), fc.boolean(), fc.nat(8),
).map(([parts, encoding, bom, cut]) => {
  const text = parts.join('');
  let bytes = iconv.encode(text, encoding, { addBOM: bom });
  if (cut > 0 && bytes.length > cut) bytes = bytes.subarray(0, bytes.length - cut);
  return Buffer.from(bytes);
});

const time = fc.tuple(fc.nat(120), fc.nat(99), fc.nat(99), fc.nat(1500)).map(([h, m, s, ms]) => `${h}:${m}:${s}.${ms}`);
const cueLine = fc.oneof(hostileText, fc.constantFrom('<v Ann>', '<v.loud Bob>hello</v>', '<c.yellow>', '&amp;', '&#x1F600;', '&#99999999;', '<00:00:01.000>', 'NOTE x', 'STYLE', '-->', '- Ann: hi'));
const vtt = fc.array(fc.tuple(fc.option(fc.string({ maxLength: 10 })), time, time, fc.array(cueLine, { maxLength: 4 })), { maxLength: 20 })
  .map((cues) => `WEBVTT\n\n${cues.map(([id, a, b, lines]) => `${id ? `${id}\n` : ''}${a} --> ${b}\n${lines.join('\n')}`).join('\n\n')}`);
const srt = fc.array(fc.tuple(fc.integer({ min: -5, max: 1e9 }), time, time, fc.array(cueLine, { maxLength: 4 })), { maxLength: 20 })
  .map((cues) => cues.map(([n, a, b, lines]) => `${n}\n${a.replace('.', ',')} --> ${b.replace('.', ',')}\n${lines.join('\n')}`).join('\n\n'));

describe.each(DIALECTS)('fuzz: transcript import (%s)', (dialect) => {
  let f: FuzzApp;
  let docx: Buffer;
  beforeAll(async () => {
    f = await fuzzApp(dialect);
    docx = await smallDocx();
  });
  afterAll(() => f.t.close());

  /** Uploads one file; on success every imported document must have its revision and turns. */
  async function upload(name: string, content: Buffer | string) {
    const res = await expectHandled(`upload ${name}`, () => f.owner.upload(`/api/projects/${f.projectId}/documents`, [{ name, content }], { allowDuplicates: 'true' }));
    if (res.statusCode === 201) {
      for (const doc of res.json().documents as { id: string }[]) {
        const detail = await f.owner.get(`/api/documents/${doc.id}`);
        expect(detail.statusCode).toBe(200);
        expect(typeof detail.json().text).toBe('string');
        expect(Array.isArray(detail.json().turns)).toBe(true);
      }
    }
    return res;
  }

  it('the unmutated .docx imports (the mutations start from a valid file)', async () => {
    expect((await upload('interview.docx', docx)).statusCode).toBe(201);
  });

  it('mutated .docx bytes', async () => {
    await fc.assert(fc.asyncProperty(mutatedBytes(docx), async (bytes) => { await upload('mutated.docx', bytes); }), fuzzParams(40));
  });

  it('random zips named .docx', async () => {
    await fc.assert(fc.asyncProperty(randomZip, async (bytes) => { await upload('random.docx', bytes); }), fuzzParams(40));
  });

  it('random bytes under every accepted extension', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('x.docx', 'x.txt', 'x.md', 'x.vtt', 'x.srt', 'x.doc', 'x'), async (bytes, name) => {
      await upload(name, Buffer.from(bytes));
    }), fuzzParams(40));
  });

  it('text in odd encodings (.txt, .md)', async () => {
    await fc.assert(fc.asyncProperty(encodedText, fc.constantFrom('t.txt', 't.md'), async (bytes, name) => { await upload(name, bytes); }), fuzzParams(50));
  });

  it('malformed WebVTT and SRT', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(vtt.map((s) => ['c.vtt', s] as const), srt.map((s) => ['c.srt', s] as const)), async ([name, text]) => {
      await upload(name, text);
    }), fuzzParams(50));
  });

  it('a zip bomb posing as .docx is refused at once with a clear 422', async () => {
    const doc = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p><w:r><w:t>I: hello</w:t></w:r></w:p>'.repeat(400_000)}</w:body></w:document>`;
    const bomb = makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': doc }, { deflate: true });
    expect(bomb.length).toBeLessThan(100_000);
    const res = await upload('bomb.docx', bomb);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('CONTENT_TOO_LARGE');
  });

  it('a text file over the size cap is refused before it is parsed', async () => {
    const res = await upload('huge.txt', Buffer.alloc(17 * 1024 * 1024, 'I: a\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('CONTENT_TOO_LARGE');
  });
});
