import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../server/shared/ids';
import { Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const TEXT = `Interviewer: What works in your project?

Respondent: The outreach workers meet people where they use, and the debt counselling keeps them housed.

Interviewer: And the costs?

Respondent: Nobody ever counted what a client costs us.`;

const HEADER = 'Name,Municipality,Region,Country,Crime types,Evaluation status,SMS level,Evidence rating,Period start,Period end,Budget (EUR)';

async function xlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Records');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

describe.each(DIALECTS)('practice records (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let coder: Agent;
  let viewer: Agent;
  let projectId: string;
  let base: string;

  const importFile = (name: string, content: string | Buffer, who = coder) => who.upload(`${base}/import`, [{ name, content }]);
  const names = async (query = '') => (await viewer.get(`${base}${query}`)).json().practices.map((p: { name: string }) => p.name);

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    viewer = await createUser(owner, 'viewer@example.org', 'Vic Viewer');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    base = `/api/projects/${projectId}/practices`;
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    await owner.post(`/api/projects/${projectId}/members`, { userId: viewer.user.id, role: 'viewer' });
  });
  afterEach(() => t.close());

  it('creates, reads, edits and deletes a record with every field; viewers read only', async () => {
    const body = {
      name: 'Fictional Outreach Ghent', description: 'Street outreach.', municipality: 'Ghent', region: 'flanders', language: 'nl', organisation: 'CAW',
      targetGroup: 'People who use drugs', crimeTypes: ['systemic', 'economic_compulsive'], interventionType: 'Outreach', workingMechanisms: 'Trust',
      periodStart: '2019', periodEnd: '2022-06-30', budgetEur: 125000.5, costNotes: 'Two FTE', evaluationStatus: 'outcome', smsLevel: 3,
      evidenceRating: 'promising', recordSource: 'Permanent Secretariat list',
    };
    const created = await coder.post(base, body);
    expect(created.statusCode).toBe(201);
    const record = created.json();
    expect(record).toMatchObject({ ...body, crimeTypes: ['economic_compulsive', 'systemic'], country: '', codes: [], sourceIds: [] });
    expect((await viewer.get(`${base}/${record.id}`)).json()).toEqual(record);
    expect((await viewer.post(base, { ...body, name: 'Other' })).statusCode).toBe(403);

    const patched = await coder.patch(`${base}/${record.id}`, { evaluationStatus: 'impact', evidenceRating: null });
    expect(patched.json()).toMatchObject({ evaluationStatus: 'impact', smsLevel: 3, evidenceRating: null, name: body.name });
    const events = (await owner.get(`/api/projects/${projectId}/events`)).json();
    expect(JSON.stringify(events)).toContain('practice.updated');

    expect((await coder.delete(`${base}/${record.id}`)).statusCode).toBe(204);
    expect((await viewer.get(`${base}/${record.id}`)).statusCode).toBe(404);
  });

  it('refuses invalid records with clear messages, and a second record with the same name and municipality', async () => {
    const ok = { name: 'Fictional Project', municipality: 'Liège', region: 'wallonia', crimeTypes: ['systemic'] };
    expect((await coder.post(base, ok)).statusCode).toBe(201);
    const dup = await coder.post(base, { ...ok, name: 'fictional PROJECT', municipality: 'liège' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('PRACTICE_EXISTS');
    expect(dup.json().error.message).toContain('already a practice record "Fictional Project" in Liège');
    expect((await coder.post(base, { ...ok, municipality: 'Namur' })).statusCode).toBe(201);

    const bad = async (changes: object) => (await coder.post(base, { ...ok, name: 'Bad', ...changes })).json().error;
    expect((await bad({ region: 'abroad' }))).toMatchObject({ code: 'INVALID_PRACTICE', details: { problems: [{ field: 'country' }] } });
    expect((await bad({ country: 'France' })).message).toContain('only given for projects abroad');
    expect((await bad({ periodStart: '2020', periodEnd: '2019-12-31' })).message).toContain('cannot end (2019-12-31) before it starts (2020)');
    expect((await bad({ periodStart: '2019-02-30' })).details.problems[0]).toMatchObject({ field: 'periodStart' });
    expect((await bad({ smsLevel: 4, evaluationStatus: 'process' })).message).toContain('outcome and impact evaluations only');
    expect((await bad({ crimeTypes: [] })).details.problems[0].field).toBe('crimeTypes');
    expect((await bad({ name: '   ' })).details.problems[0].field).toBe('name');
    const abroad = await coder.post(base, { ...ok, name: 'Fictional Lisbon', region: 'abroad', country: 'Portugal', municipality: 'Lisbon' });
    expect(abroad.json()).toMatchObject({ country: 'Portugal', region: 'abroad' });
    const record = (await coder.post(base, { ...ok, name: 'Third' })).json();
    expect((await coder.patch(`${base}/${record.id}`, { name: 'Fictional Project' })).statusCode).toBe(409);
  });

  it('filters by crime type, region, rating, evaluation status and words', async () => {
    const add = (name: string, extra: object) => coder.post(base, { name, region: 'flanders', crimeTypes: ['systemic'], ...extra });
    await add('Alpha', { crimeTypes: ['economic_compulsive'], evidenceRating: 'promising', description: 'Housing first pilot' });
    await add('Beta', { region: 'brussels', evaluationStatus: 'process', organisation: 'Fictional vzw' });
    await add('Gamma', { region: 'abroad', country: 'Netherlands', evaluationStatus: 'impact', smsLevel: 4, evidenceRating: 'best_practice' });
    expect(await names()).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(await names('?crimeType=economic_compulsive')).toEqual(['Alpha']);
    expect(await names('?region=brussels')).toEqual(['Beta']);
    expect(await names('?rating=best_practice')).toEqual(['Gamma']);
    expect(await names('?rating=unrated')).toEqual(['Beta']);
    expect(await names('?evaluationStatus=impact')).toEqual(['Gamma']);
    expect(await names('?q=housing%20PILOT')).toEqual(['Alpha']);
    expect(await names('?q=fictional&region=brussels&crimeType=systemic')).toEqual(['Beta']);
    expect((await viewer.get(`${base}?region=mars`)).statusCode).toBe(400);
  });

  it('imports a CSV with Dutch and French headers and words, and updates matching records', async () => {
    const existing = (await coder.post(base, { name: 'Fictional Drugpunt', municipality: 'Gent', region: 'flanders', crimeTypes: ['systemic'], costNotes: 'keep me' })).json();
    const csv = ['Naam;Gemeente;Gewest;Land;Criminaliteitsvormen;Evaluatie;SMS-niveau;Bewijskracht;Begin;Einde;Budget',
      'Fictional Drugpunt;Gent;Vlaanderen;;economisch-compulsief, systemisch;effectevaluatie;3;veelbelovend;2018;2021;12.500,50',
      '"Fictional Médiation; Liège";Liège;Wallonie;;économico-compulsive;processus;;prometteur;01/09/2019;;',
      'Fictional Abroad;Rotterdam;étranger;Nederland;psychopharmacologique;impact;5;bonne pratique;2015-03;2020;€ 4.000'].join('\r\n');
    const res = await importFile('records.csv', `\uFEFF${csv}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 1, rows: [{ row: 2, status: 'updated', id: existing.id }, { row: 3, status: 'created' }, { row: 4, status: 'created' }] });
    const all = (await viewer.get(base)).json().practices;
    expect(all.find((p: { name: string }) => p.name === 'Fictional Drugpunt')).toMatchObject({
      crimeTypes: ['economic_compulsive', 'systemic'], evaluationStatus: 'outcome', smsLevel: 3, evidenceRating: 'promising', budgetEur: 12500.5,
      periodStart: '2018', periodEnd: '2021', costNotes: 'keep me',
    });
    expect(all.find((p: { name: string }) => p.name === 'Fictional Médiation; Liège')).toMatchObject({ region: 'wallonia', evaluationStatus: 'process', periodStart: '2019-09-01', evidenceRating: 'promising' });
    expect(all.find((p: { name: string }) => p.name === 'Fictional Abroad')).toMatchObject({ region: 'abroad', country: 'Nederland', evidenceRating: 'best_practice', budgetEur: 4000, smsLevel: 5 });
    expect((await viewer.upload(`${base}/import`, [{ name: 'x.csv', content: csv }])).statusCode).toBe(403);
    // The import is one action: undo removes the new records and restores the updated one.
    expect((await coder.post(`/api/projects/${projectId}/undo`, {})).statusCode).toBe(200);
    expect((await viewer.get(base)).json().practices).toEqual([existing]);
  });

  it('reports every bad row exactly and writes nothing', async () => {
    const csv = [HEADER,
      'Good one,Antwerp,Flanders,,systemic,none,,,,,',
      ',Antwerp,Flanders,,systemic,none,,,,,',
      'Bad region,Mons,Wallony,,systemic,none,,,,,',
      '',
      'Bad many,Paris,abroad,,theft;systemic,process,4,great,2020,2019,lots',
      'Good one,antwerp,Flanders,,systemic,none,,,,,'].join('\n');
    const res = await importFile('bad.csv', csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(res.json().error.message).toContain('4 row(s) have problems; nothing was imported');
    const problems = res.json().error.details.problems.map((p: { row: number; column: string; value: string }) => `${p.row}|${p.column}|${p.value}`);
    expect(problems).toEqual([
      '3|Name|', '4|Region|Wallony',
      '6|Crime types|theft;systemic', '6|Evidence rating|great', '6|Budget (EUR)|lots', '6|Country|', '6|Period end|2019', '6|SMS level|4',
      '7|Name|Good one',
    ]);
    const messages = res.json().error.details.problems.map((p: { message: string }) => p.message);
    expect(messages[1]).toContain('"Wallony" is not a region');
    expect(messages[8]).toBe('Row 2 already has this record (same name and municipality).');
    expect(res.json().error.details.problems.map((p: { code: string }) => p.code)).toEqual([
      'NAME_REQUIRED', 'BAD_REGION', 'BAD_CRIME_TYPE', 'BAD_RATING', 'BAD_BUDGET', 'COUNTRY_REQUIRED', 'PERIOD_ORDER', 'SMS_NOT_ALLOWED', 'DUPLICATE_ROW',
    ]);
    expect(res.json().error.details.problems[8].otherRow).toBe(2);
    expect(await names()).toEqual([]);

    const header = await importFile('h.csv', 'Name,Colour\nX,red');
    expect(header.json().error.details.problems).toEqual([expect.objectContaining({ row: 1, column: 'Colour' })]);
    expect((await importFile('e.csv', '')).json().error.code).toBe('IMPORT_EMPTY');
    expect((await importFile('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).json().error.code).toBe('IMPORT_FORMAT');
  });

  it('imports .xlsx (dates and numbers in cells) and round-trips CSV and xlsx exports', async () => {
    const bytes = await xlsx([
      ['Nom', 'Commune', 'Région', 'Pays', 'Types de criminalité', 'Évaluation', 'Niveau SMS', 'Niveau de preuve', 'Début', 'Fin', 'Budget (EUR)', 'Description'],
      ['Fictional Bruxelles', 'Bruxelles', 'Bruxelles', '', 'systémique; psychopharmacologique', 'résultat', 2, 'insuffisant', 2017, new Date(Date.UTC(2020, 11, 31)), 30000, 'Multi\nline'],
      ['Fictional Wavre', 'Wavre', 'Wallonie', 'Belgique', 'économico-compulsive', 'aucune', null, '', '2016-01-01', null, null, ''],
    ]);
    const res = await importFile('records.xlsx', bytes);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 0 });
    const brussels = (await viewer.get(base)).json().practices[0];
    expect(brussels).toMatchObject({ name: 'Fictional Bruxelles', region: 'brussels', crimeTypes: ['systemic', 'psychopharmacological'], evaluationStatus: 'outcome', smsLevel: 2,
      evidenceRating: 'insufficient', periodStart: '2017', periodEnd: '2020-12-31', budgetEur: 30000, description: 'Multi\nline' });
    const badXlsx = await importFile('bad.xlsx', await xlsx([['Name', 'Region', 'Crime types'], ['Ok', 'Flanders', 'systemic'], ['No type', 'Flanders', '']]));
    expect(badXlsx.json().error.details.problems).toEqual([expect.objectContaining({ row: 3, column: 'Crime types' })]);

    const before = (await viewer.get(base)).json().practices;
    const csv = await viewer.get(`${base}/export.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\n');
    expect(lines[0]).toBe('Name,Description,Municipality,Region,Country,Language,Organisation,Target group,Crime types,Intervention type,Working mechanisms,Period start,Period end,Budget (EUR),Cost notes,Evaluation status,SMS level,Evidence rating,Record source');
    const xl = await viewer.get(`${base}/export.xlsx`);
    expect((await readXlsx(xl.rawPayload))[0]).toEqual(lines[0]!.split(','));
    expect((await readXlsx(xl.rawPayload))).toHaveLength(3);
    // Re-importing both exports updates every record and changes nothing.
    expect((await importFile('back.csv', csv.body)).json()).toMatchObject({ created: 0, updated: 2 });
    expect((await importFile('back.xlsx', xl.rawPayload)).json()).toMatchObject({ created: 0, updated: 2 });
    const strip = (ps: { updatedAt: string }[]) => ps.map(({ updatedAt: _u, ...rest }) => rest);
    expect(strip((await viewer.get(base)).json().practices)).toEqual(strip(before));

    const template = await viewer.get(`${base}/template.csv`);
    expect(template.body.replace(/^\uFEFF/, '').trim()).toBe(lines[0]);
    expect(await readXlsx((await viewer.get(`${base}/template.xlsx`)).rawPayload)).toEqual([lines[0]!.split(',')]);
  });

  it('links themes with evidence passages and literature sources, and shows them on the page', async () => {
    const record = (await coder.post(base, { name: 'Fictional Outreach', municipality: 'Ghent', region: 'flanders', crimeTypes: ['systemic'] })).json();
    const documentId = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'respondent-a.txt', content: TEXT }])).json().documents[0].id;
    await owner.patch(`/api/documents/${documentId}`, { respondentGroup: 'belgian' });
    const text = (await owner.get(`/api/documents/${documentId}`)).json().text as string;
    const codeId = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Outreach' })).json().id;
    const otherCode = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Missing cost data' })).json().id;
    const phrase = 'The outreach workers meet people where they use';
    const start = text.indexOf(phrase);
    const segment = (await coder.post(`/api/documents/${documentId}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [codeId] })).json();
    const page = `${base}/${record.id}`;

    const added = await coder.post(`${page}/themes`, { codeId, note: 'Core of the approach' });
    expect(added.statusCode).toBe(201);
    const linkId = added.json().themes[0].linkId;
    expect((await coder.post(`${page}/themes`, { codeId })).json().error.code).toBe('THEME_EXISTS');
    expect((await coder.post(`${page}/themes`, { codeId: 'nope' })).json().error.code).toBe('UNKNOWN_CODE');
    await coder.post(`${page}/themes`, { codeId: otherCode });

    const withEvidence = await coder.post(`${page}/themes/${linkId}/evidence`, { segmentId: segment.id, note: 'clear example' });
    expect(withEvidence.statusCode).toBe(201);
    expect((await coder.post(`${page}/themes/${linkId}/evidence`, { segmentId: segment.id })).json().error.code).toBe('EVIDENCE_EXISTS');
    expect((await coder.post(`${page}/themes/${linkId}/evidence`, { segmentId: 'missing' })).json().error.code).toBe('UNKNOWN_SEGMENT');
    expect((await viewer.post(`${page}/themes/${linkId}/evidence`, { segmentId: segment.id })).statusCode).toBe(403);

    const sourceId = newId();
    const now = nowIso();
    await t.app.db.insertInto('literature_sources').values({
      id: sourceId, project_id: projectId, citation_key: 'fict-peeters2020', kind: 'report', authors: JSON.stringify([{ family: 'Peeters', given: 'Anna' }]), year: 2020,
      title: 'Fictional outreach evaluation', venue: 'Fictional Institute', doi: '', url: '', focus: 'evaluation', notes: '', csl: '{}', created_by: null, created_at: now, updated_at: now,
    }).execute();
    expect((await coder.post(`${page}/sources`, { sourceId })).statusCode).toBe(201);
    expect((await coder.post(`${page}/sources`, { sourceId })).json().error.code).toBe('SOURCE_LINKED');
    expect((await coder.post(`${page}/sources`, { sourceId: 'x' })).json().error.code).toBe('UNKNOWN_SOURCE');

    const view = (await viewer.get(`${page}/page`)).json();
    expect(view.record).toMatchObject({ id: record.id, sourceIds: [sourceId] });
    expect(view.record.codes).toEqual(expect.arrayContaining([{ linkId, codeId, note: 'Core of the approach', evidenceCount: 1 }]));
    expect(view.themes.map((th: { codeName: string }) => th.codeName)).toEqual(['Missing cost data', 'Outreach']);
    expect(view.themes[1].evidence).toEqual([expect.objectContaining({
      segmentId: segment.id, note: 'clear example', documentId, documentName: 'respondent-a', respondentGroup: 'belgian', speaker: 'Respondent', text: phrase,
      readerUrl: `/documents/${documentId}?start=${start}&end=${start + phrase.length}`,
    })]);
    expect(view.sources).toEqual([expect.objectContaining({ sourceId, citationKey: 'fict-peeters2020', citation: expect.stringContaining('Peeters') })]);
    expect((await viewer.get(`${base}?q=fictional`)).json().practices[0].codes).toHaveLength(2);

    const evidenceId = view.themes[1].evidence[0].evidenceId;
    expect((await coder.patch(`${page}/themes/${linkId}/evidence/${evidenceId}`, { note: 'changed' })).json().themes[1].evidence[0].note).toBe('changed');
    expect((await coder.patch(`${page}/themes/${linkId}`, { note: 'new note' })).json().themes[1].note).toBe('new note');
    // The coding goes; the passage stays as evidence; removing the evidence removes the empty passage.
    await coder.delete(`/api/segments/${segment.id}`);
    expect((await viewer.get(`${page}/page`)).json().themes[1].evidence).toHaveLength(1);
    expect((await coder.delete(`${page}/themes/${linkId}/evidence/${evidenceId}`)).json().themes[1].evidence).toEqual([]);
    expect(await t.app.db.selectFrom('segments').select('id').where('id', '=', segment.id).executeTakeFirst()).toBeUndefined();
    expect((await coder.delete(`${page}/sources/${sourceId}`)).json().sources).toEqual([]);
    expect((await coder.delete(`${page}/themes/${linkId}`)).json().themes).toHaveLength(1);

    // Deleting the record takes its links, all recorded as row changes of one event (for undo).
    await coder.delete(page);
    expect(await t.app.db.selectFrom('practice_codes').select('id').execute()).toEqual([]);
    const event = await t.app.db.selectFrom('project_events').select(['id', 'undoable']).where('type', '=', 'practice.deleted').executeTakeFirstOrThrow();
    const changed = await t.app.db.selectFrom('event_changes').select('table_name').where('event_id', '=', Number(event.id)).orderBy('seq').execute();
    expect(changed.map((c) => c.table_name)).toEqual(['practice_codes', 'practice_records']);
    expect(Number(event.undoable)).toBe(1);
    const undo = await coder.post(`/api/projects/${projectId}/undo`, {});
    expect(undo.statusCode).toBe(200);
    expect((await viewer.get(`${page}/page`)).json().themes).toHaveLength(1);
  });

  it('exports and templates in the reader\'s language, and every language imports back unchanged', async () => {
    const records = [
      { name: 'Fictional One', municipality: 'Ghent', region: 'flanders', crimeTypes: ['economic_compulsive'], evaluationStatus: 'none', evidenceRating: 'best_practice', budgetEur: 1250.5, periodStart: '2019' },
      { name: 'Fictional Two', municipality: 'Namur', region: 'wallonia', crimeTypes: ['systemic', 'psychopharmacological'], evaluationStatus: 'monitoring', evidenceRating: 'promising' },
      { name: 'Fictional Three', municipality: 'Brussels', region: 'brussels', crimeTypes: ['systemic'], evaluationStatus: 'process', evidenceRating: 'insufficient' },
      { name: 'Fictional Four', municipality: 'Lisbon', region: 'abroad', country: 'Portugal', crimeTypes: ['psychopharmacological'], evaluationStatus: 'outcome', smsLevel: 2, evidenceRating: 'not_effective' },
      { name: 'Fictional Five', municipality: 'Genk', region: 'flanders', crimeTypes: ['economic_compulsive'], evaluationStatus: 'impact', smsLevel: 5, language: 'nl, fr' },
    ];
    for (const r of records) expect((await coder.post(base, r)).statusCode).toBe(201);
    const before = (await viewer.get(base)).json().practices;
    expect((await viewer.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    const dutch = new Agent(t.app, { ...viewer.headers, 'accept-language': 'fr' }, viewer.user);
    const french = new Agent(t.app, { ...owner.headers, 'accept-language': 'fr-BE,fr;q=0.9' }, owner.user);
    const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\n');

    const nl = await dutch.get(`${base}/export.csv`);
    expect(lines(nl.body)[0]).toBe('Naam,Beschrijving,Gemeente,Gewest,Land,Taal,Organisatie,Doelgroep,Types criminaliteit,Type interventie,Werkingsmechanismen,Begin,Einde,Budget (euro),'
      + 'Kostengegevens,Stand van de evaluatie,SMS-niveau,Bewijskracht,Bron van de fiche');
    expect(nl.body).toContain('Fictional One,,Ghent,Vlaanderen,,,,,Economisch-compulsief,,,2019,,1250.5,,Geen,,Goede praktijk,');
    expect(nl.body).toContain('Systemisch; Psychofarmacologisch');
    expect(nl.body).toContain('Lisbon,Buitenland,Portugal');
    const fr = await french.get(`${base}/export.xlsx`);
    const frRows = await readXlsx(fr.rawPayload);
    expect(frRows[0]!.slice(0, 5)).toEqual(['Nom', 'Description', 'Commune', 'Région', 'Pays']);
    expect(frRows.flat()).toEqual(expect.arrayContaining(['Flandre', 'Wallonie', 'Bruxelles', 'Étranger', 'Économico-compulsive', 'Suivi', 'Évaluation d’impact', 'Bonne pratique', 'Non efficace']));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fr.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.name).toBe('Fiches de pratique');
    expect(typeof book.worksheets[0]!.getColumn(14).values.find((v) => v === 1250.5)).toBe('number');
    const en = await owner.get(`${base}/export.csv`);
    expect(lines(en.body)[0]).toMatch(/^Name,Description,Municipality,Region,/);
    expect(en.body).toContain('Fictional One,,Ghent,flanders,,,,,economic_compulsive,,,2019,,1250.5,,none,,best_practice,');

    // Every language's download updates every record and changes nothing.
    const strip = (ps: { updatedAt: string }[]) => ps.map(({ updatedAt: _u, ...rest }) => rest);
    for (const [name, content] of [['nl.csv', nl.body], ['nl.xlsx', (await dutch.get(`${base}/export.xlsx`)).rawPayload], ['fr.csv', (await french.get(`${base}/export.csv`)).body],
      ['fr.xlsx', fr.rawPayload], ['en.csv', en.body]] as const) {
      const res = await importFile(name, content);
      expect(res.json(), name).toMatchObject({ created: 0, updated: 5 });
      expect(strip((await viewer.get(base)).json().practices), name).toEqual(strip(before));
    }

    expect(lines((await dutch.get(`${base}/template.csv`)).body)[0]).toBe(lines(nl.body)[0]);
    expect((await readXlsx((await french.get(`${base}/template.xlsx`)).rawPayload))[0]).toEqual(frRows[0]);
    // The import help lists the Dutch and French headers too.
    const columns = (await viewer.get(`${base}/import-columns`)).json().columns;
    expect(columns.find((c: { key: string }) => c.key === 'recordSource').aliases).toEqual(expect.arrayContaining(['Bron van de fiche', 'Source de la fiche']));
    expect(columns.find((c: { key: string }) => c.key === 'recordSource').header).toBe('Record source');
  });
});
