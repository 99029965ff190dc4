/**
 * The per-import time limit (IMPORT_TIME_LIMIT_SECONDS): a reading step that runs too long is
 * abandoned with 422 IMPORT_TIMEOUT and a clear sentence, and nothing is written.
 */
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { TimeLimitError, withTimeLimit } from '../../server/shared/time-limit';
import { DIALECTS } from '../helpers/test-app';
import { expectHandled, fuzzApp, type FuzzApp } from './fuzz-helpers';

describe('withTimeLimit', () => {
  it('passes a result through, rejects at the deadline, and swallows a late rejection', async () => {
    expect(await withTimeLimit(async () => 42, 1_000, 'backup')).toBe(42);
    const slow = withTimeLimit(() => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 60)), 10, { fileName: 'slow.docx' });
    await expect(slow).rejects.toThrow('Reading “slow.docx” took longer than 1 second,');
    await expect(slow).rejects.toBeInstanceOf(TimeLimitError);
    await expect(slow).rejects.toMatchObject({ statusCode: 422, code: 'IMPORT_TIMEOUT' });
    await new Promise((r) => setTimeout(r, 80)); // the late rejection must not surface as unhandled
    await expect(withTimeLimit(async () => { throw new Error('own'); }, 1_000, 'backup')).rejects.toThrow('own');
  });

  it('refuses work that ran past the limit without ever yielding to the timer', async () => {
    const busy = async () => { const end = performance.now() + 30; while (performance.now() < end); return 'late'; };
    await expect(withTimeLimit(busy, 5, 'backup')).rejects.toBeInstanceOf(TimeLimitError);
    expect(await withTimeLimit(busy, 5_000, 'backup')).toBe('late');
  });

  it('is configured by IMPORT_TIME_LIMIT_SECONDS (default 60)', () => {
    expect(loadConfig({}).importTimeLimitMs).toBe(60_000);
    expect(loadConfig({ IMPORT_TIME_LIMIT_SECONDS: '5' }).importTimeLimitMs).toBe(5_000);
    expect(() => loadConfig({ IMPORT_TIME_LIMIT_SECONDS: '0' })).toThrow(/IMPORT_TIME_LIMIT_SECONDS/);
  });
});

describe.each(DIALECTS)('import time limit through the routes (%s)', (dialect) => {
  let f: FuzzApp;
  beforeAll(async () => {
    f = await fuzzApp(dialect);
    f.t.app.config.importTimeLimitMs = 1; // every asynchronous reader takes longer than 1 ms
  });
  afterAll(() => f.t.close());

  it('a .docx that takes too long to read is 422 IMPORT_TIMEOUT and leaves no document', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: Array.from({ length: 300 }, (_, i) => new Paragraph(`I: question ${i}`)) }] }));
    const res = await expectHandled('docx', () => f.owner.upload(`/api/projects/${f.projectId}/documents`, [{ name: 'slow.docx', content: docx }]));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_TIMEOUT');
    expect(res.json().error.message).toContain('“slow.docx”');
    expect((await f.owner.get(`/api/projects/${f.projectId}/documents`)).json().documents).toEqual([]);
  });

  it('a spreadsheet (.xlsx) too', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Records').addRow(['Name', 'Municipality']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await expectHandled('xlsx', () => f.owner.upload(`/api/projects/${f.projectId}/practices/import`, [{ name: 'p.xlsx', content: xlsx }]));
    expect([res.statusCode, res.json().error?.code]).toEqual([422, 'IMPORT_TIMEOUT']);
  });
});
