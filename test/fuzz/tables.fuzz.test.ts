/**
 * Hostile tables through the real routes: the attribute CSV, the codebook CSV and the practice
 * records sheet (CSV and mutated .xlsx). Never a 5xx, never a hang; a failed import writes nothing.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../import/zip-fixture';
import { DIALECTS } from '../helpers/test-app';
import { expectHandled, fuzzApp, fuzzParams, hostileText, mutatedBytes, type FuzzApp } from './fuzz-helpers';

const cell = fc.oneof(
  hostileText,
  fc.constantFrom('', '"', '""', '"a""b"', '=1+1', '@SUM(A1)', '2024-02-30', '31/12/2023', '1e308', '-0', 'NaN', 'yes', 'nl', 'fr', 'respondent', 'offenders', 'Parent > Child', ' > ', '>>', '#FF0000', 'red', 'x'.repeat(5000)),
);
const HEADERS = ['file', 'File name', 'bestand', 'document', 'language', 'respondent group', 'interview date', 'Age', 'path', 'color', 'definition', 'archived', 'Name', 'Municipality', 'Region', 'Crime types', 'SMS level', 'Budget (EUR)', 'Period start', ''];

/** A CSV: a header chosen from real column names (or random), rows of hostile cells, a delimiter, line ends, maybe a BOM. */
const csv = fc.tuple(
  fc.array(fc.oneof(fc.constantFrom(...HEADERS), hostileText), { minLength: 1, maxLength: 8 }),
  fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 12 }),
  fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(),
).map(([header, rows, delimiter, eol, bom, quote]) => {
  const q = (v: string) => (quote || /[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${bom ? '\uFEFF' : ''}${[header, ...rows].map((r) => r.map(q).join(delimiter)).join(eol)}`;
});
/** Raw text that is only CSV-ish (unbalanced quotes and all). */
const csvish = fc.string({ unit: fc.constantFrom('"', ',', ';', '\t', '\n', '\r', 'a', ' ', '\u0000', 'é', '>'), maxLength: 600 });

async function sampleXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Records');
  sheet.addRow(['Name', 'Municipality', 'Region', 'Crime types', 'Evaluation status', 'SMS level', 'Budget (EUR)', 'Period start']);
  sheet.addRow(['Outreach Ghent', 'Ghent', 'flanders', 'systemic', 'outcome', 3, 125000, new Date('2020-01-01')]);
  sheet.addRow(['Debt help', 'Liège', 'wallonia', 'economic_compulsive', 'impact', 2, 5000, '2019']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(DIALECTS)('fuzz: table imports (%s)', (dialect) => {
  let f: FuzzApp;
  let xlsx: Buffer;
  beforeAll(async () => {
    f = await fuzzApp(dialect);
    xlsx = await sampleXlsx();
    // Documents for the attribute CSV to find by file name.
    await f.owner.upload(`/api/projects/${f.projectId}/documents`, [{ name: 'a.txt', content: 'I: one\nR: two' }, { name: 'b.txt', content: 'I: three\nR: four' }]);
  });
  afterAll(() => f.t.close());

  const send = (path: string, name: string, content: string | Buffer) =>
    expectHandled(`${path} ${name}`, () => f.owner.upload(`/api/projects/${f.projectId}${path}`, [{ name, content }]));
  const sendBody = (path: string, text: string) =>
    expectHandled(`${path} (text/csv)`, () => f.t.app.inject({ method: 'POST', url: `/api/projects/${f.projectId}${path}`, headers: { ...f.owner.headers, 'content-type': 'text/csv' }, payload: text }));

  it('found by fuzzing: a NUL character is stored (SQLite) or refused with 400 INVALID_CHARACTERS (PostgreSQL), never a 500', async () => {
    const codebook = await send('/codebook.csv', 'codebook.csv', 'path,definition\nNul\u0000code,x\n');
    const attributes = await send('/attributes/import', 'a.csv', 'file,Age\na.txt,4\u00002\n');
    for (const res of [codebook, attributes]) {
      if (dialect === 'postgres') expect([res.statusCode, res.json().error.code]).toEqual([400, 'INVALID_CHARACTERS']);
      else expect(res.statusCode).toBe(200);
    }
  });

  it('attribute CSV (multipart and text/csv body)', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(csv, csvish), fc.boolean(), async (text, asBody) => {
      if (asBody) await sendBody('/attributes/import', text);
      else await send('/attributes/import', 'attributes.csv', text);
    }), fuzzParams(40));
  });

  it('codebook CSV; a refused import adds no code', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(csv, csvish), async (text) => {
      const before = (await f.owner.get(`/api/projects/${f.projectId}/codes`)).json().codes.length;
      const res = await send('/codebook.csv', 'codebook.csv', text);
      if (res.statusCode >= 400) expect((await f.owner.get(`/api/projects/${f.projectId}/codes`)).json().codes.length).toBe(before);
    }), fuzzParams(40));
  });

  it('practice records CSV; a refused import adds no record', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(csv, csvish), fc.constantFrom('p.csv', 'p.txt', 'p.tsv', 'p'), async (text, name) => {
      const before = (await f.owner.get(`/api/projects/${f.projectId}/practices`)).json().practices.length;
      const res = await send('/practices/import', name, text);
      if (res.statusCode >= 400) expect((await f.owner.get(`/api/projects/${f.projectId}/practices`)).json().practices.length).toBe(before);
    }), fuzzParams(40));
  });

  it('mutated .xlsx bytes and random zips named .xlsx', async () => {
    const valid = await send('/practices/import', 'p.xlsx', xlsx);
    expect(valid.statusCode, valid.body).toBe(200);
    const randomZip = fc.dictionary(fc.constantFrom('[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/_rels/workbook.xml.rels', '_rels/.rels'), fc.oneof(hostileText, fc.constant('<?xml version="1.0"?><worksheet><sheetData><row r="1048577"><c r="XFD1" t="s"><v>99999</v></c></row></sheetData></worksheet>')), { maxKeys: 6 })
      .map((entries) => makeZip(entries, { deflate: true }));
    await fc.assert(fc.asyncProperty(fc.oneof(mutatedBytes(xlsx), randomZip), async (bytes) => { await send('/practices/import', 'p.xlsx', bytes); }), fuzzParams(40));
  });

  it('an .xlsx zip bomb is refused with a clear 400', async () => {
    const rows = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(1_400_000);
    const bomb = makeZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${rows}</sheetData></worksheet>` }, { deflate: true });
    const res = await send('/practices/import', 'bomb.xlsx', bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_TOO_LARGE');
  });
});
