import http from 'node:http';
import https from 'node:https';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type FileChild,
} from 'docx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readTranscript } from '../../server/import/read-transcript';
import { TranscriptImportError, type NormalisedTranscript } from '../../server/import/types';
import { expectWellFormed, turnPairs } from './transcript-invariants';
import { makeCompoundFile, makeZip } from './zip-fixture';

const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAoAAAAKCAIAAAACUFjqAAAAE0lEQVQoU2P8z8DAwMDAxMCAFwAAVVQBE2u6C6AAAAAASUVORK5CYII=',
  'base64',
);

async function buildDocx(children: FileChild[], options: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<Buffer> {
  return Packer.toBuffer(new Document({ ...options, sections: [{ children }] }));
}

const p = (text: string) => new Paragraph(text);

function row(...cells: string[]): TableRow {
  return new TableRow({ children: cells.map((text) => new TableCell({ children: [p(text)] })) });
}

async function read(bytes: Buffer): Promise<NormalisedTranscript> {
  const t = await readTranscript('interview.docx', bytes);
  expectWellFormed(t);
  expect(t.format).toBe('docx');
  return t;
}

async function importError(name: string, bytes: Uint8Array): Promise<TranscriptImportError> {
  try {
    await readTranscript(name, bytes);
  } catch (error) {
    if (error instanceof TranscriptImportError) return error;
    throw error;
  }
  throw new Error('expected a TranscriptImportError');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readDocx (documents built with the docx package)', () => {
  it('speaker labels in paragraphs, continuation paragraphs, header line', async () => {
    const t = await read(
      await buildDocx([
        p('Project: Youth work in Ghent'),
        p(''),
        p('Interviewer: How did you start?'),
        p('Respondent: By accident.'),
        p('It was 2015.'),
        p('Interviewer: And now?'),
        p('Respondent: Now it is my job.'),
      ]),
    );
    expect(turnPairs(t)).toEqual([
      [null, 'Project: Youth work in Ghent'],
      ['Interviewer', 'How did you start?'],
      ['Respondent', 'By accident.\nIt was 2015.'],
      ['Interviewer', 'And now?'],
      ['Respondent', 'Now it is my job.'],
    ]);
    expect(t.encoding).toBe('utf-8');
    expect(t.warnings).toEqual([]);
  });

  it('bold labels split across runs and a line break inside a paragraph', async () => {
    const t = await read(
      await buildDocx([
        new Paragraph({ children: [new TextRun({ text: 'I:', bold: true }), new TextRun(' Hi?'), new TextRun({ text: 'R: Hello.', break: 1 })] }),
        new Paragraph({ children: [new TextRun({ text: 'I', bold: true }), new TextRun(': Bye?')] }),
        p('R: Bye.'),
      ]),
    );
    expect(turnPairs(t)).toEqual([
      ['I', 'Hi?'],
      ['R', 'Hello.'],
      ['I', 'Bye?'],
      ['R', 'Bye.'],
    ]);
  });

  it('Microsoft Teams .docx export ("Name   0:03" then the turn)', async () => {
    const t = await read(
      await buildDocx([
        p('Transcript'),
        p('Anna de Vries   0:03'),
        p('Can everyone hear me?'),
        p('Tom Peeters   0:07'),
        p('Yes, loud and clear.'),
        p('Anna de Vries   1:02'),
        p('Good.'),
      ]),
    );
    expect(turnPairs(t)).toEqual([
      [null, 'Transcript'],
      ['Anna de Vries', 'Can everyone hear me?'],
      ['Tom Peeters', 'Yes, loud and clear.'],
      ['Anna de Vries', 'Good.'],
    ]);
    expect(t.turns.map((x) => x.mediaStartMs)).toEqual([null, 3000, 7000, 62000]);
  });

  it('a transcript table (time | speaker | text) becomes turns', async () => {
    const t = await read(
      await buildDocx([
        new Table({
          rows: [
            row('00:00:05', 'Interviewer', 'How did you start?'),
            row('00:00:09', 'Respondent', 'By accident.'),
            row('00:00:15', 'Interviewer', 'And now?'),
          ],
        }),
      ]),
    );
    expect(turnPairs(t)).toEqual([
      ['Interviewer', 'How did you start?'],
      ['Respondent', 'By accident.'],
      ['Interviewer', 'And now?'],
    ]);
    expect(t.turns.map((x) => x.mediaStartMs)).toEqual([5000, 9000, 15000]);
  });

  it('an ordinary table keeps every cell', async () => {
    const t = await read(
      await buildDocx([p('Above'), new Table({ rows: [row('Top left', 'Top right'), row('Bottom left', 'Bottom right')] }), p('Below')]),
    );
    expect(turnPairs(t).map(([, text]) => text)).toEqual(['Above', 'Top left', 'Top right', 'Bottom left', 'Bottom right', 'Below']);
  });

  it('footnotes and comments do not pollute the turns; images are left out with a warning', async () => {
    const bytes = await buildDocx(
      [
        new Paragraph({ children: [new TextRun('Interviewer: Why?'), new FootnoteReferenceRun(1)] }),
        new Paragraph({
          children: [new CommentRangeStart(0), new TextRun('Respondent: Because.'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })],
        }),
        new Paragraph({ children: [new ImageRun({ type: 'png', data: TINY_PNG, transformation: { width: 10, height: 10 } })] }),
        new Paragraph({ children: [new ExternalHyperlink({ link: 'http://example.invalid/x', children: [new TextRun('Interviewer: See link.')] })] }),
      ],
      {
        footnotes: { 1: { children: [p('A footnote about tachyons.')] } },
        comments: { children: [{ id: 0, author: 'Reviewer', date: new Date(0), children: [p('A reviewer remark.')] }] },
      },
    );
    const t = await read(bytes);
    expect(turnPairs(t)).toEqual([
      ['Interviewer', 'Why?'],
      ['Respondent', 'Because.'],
      ['Interviewer', 'See link.'],
    ]);
    expect(t.text).not.toMatch(/tachyon|reviewer remark|\[1\]/iu);
    expect(t.warnings).toEqual(['1 image was left out.', '1 footnote or endnote was left out.', '1 comment was left out.']);
  });

  it('never touches the network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const spies = [vi.spyOn(http, 'request'), vi.spyOn(http, 'get'), vi.spyOn(https, 'request'), vi.spyOn(https, 'get')];
    await read(
      await buildDocx([
        new Paragraph({ children: [new ExternalHyperlink({ link: 'https://example.invalid/', children: [new TextRun('A link')] })] }),
        new Paragraph({ children: [new ImageRun({ type: 'png', data: TINY_PNG, transformation: { width: 10, height: 10 } })] }),
      ]),
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('a document without text → EMPTY_FILE', async () => {
    const error = await importError('x.docx', await buildDocx([p(''), p('   ')]));
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.message).toBe('This Word document contains no text.');
  });

  it('a document with only an image → EMPTY_FILE mentioning the image', async () => {
    const error = await importError(
      'x.docx',
      await buildDocx([new Paragraph({ children: [new ImageRun({ type: 'png', data: TINY_PNG, transformation: { width: 10, height: 10 } })] })]),
    );
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.message).toContain('only an image');
  });
});

describe('readDocx: files that are not readable Word documents', () => {
  it('legacy .doc (OLE compound file) → UNSUPPORTED_FILE asking to save as .docx', async () => {
    for (const name of ['old.doc', 'old.docx']) {
      const error = await importError(name, makeCompoundFile(false));
      expect(error.code).toBe('UNSUPPORTED_FILE');
      expect(error.message).toMatch(/old Word \.doc file.*save it as \.docx/su);
    }
  });

  it('password-protected (EncryptionInfo stream) → ENCRYPTED_FILE', async () => {
    const error = await importError('secret.docx', makeCompoundFile(true));
    expect(error.code).toBe('ENCRYPTED_FILE');
    expect(error.message).toContain('password-protected');
  });

  it('not a zip → CORRUPT_FILE', async () => {
    const error = await importError('x.docx', Buffer.from('This is plain text pretending to be Word.'));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/does not look like a Word document/u);
  });

  it('a PDF named .docx → UNSUPPORTED_FILE saying it is a PDF', async () => {
    const error = await importError('x.docx', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'));
    expect(error.code).toBe('UNSUPPORTED_FILE');
    expect(error.message).toContain('PDF');
  });

  it('a broken (truncated) docx → CORRUPT_FILE', async () => {
    const good = await buildDocx([p('Interviewer: Hello?')]);
    const error = await importError('x.docx', good.subarray(0, Math.floor(good.length / 2)));
    expect(error.code).toBe('CORRUPT_FILE');
  });

  it.each([
    ['a plain zip', { 'notes.txt': 'hello' }, /not a Word document/u],
    ['an Excel workbook', { '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }, /Excel workbook/u],
    ['an OpenDocument text', { mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' }, /OpenDocument/u],
  ])('%s named .docx → UNSUPPORTED_FILE', async (_name, files, message) => {
    const error = await importError('x.docx', makeZip(files));
    expect(error.code).toBe('UNSUPPORTED_FILE');
    expect(error.message).toMatch(message);
  });

  it('a zip with a broken document.xml → CORRUPT_FILE', async () => {
    const error = await importError(
      'x.docx',
      makeZip({
        '[Content_Types].xml':
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        '_rels/.rels':
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>',
      }),
    );
    expect(error.code).toBe('CORRUPT_FILE');
  });
});
