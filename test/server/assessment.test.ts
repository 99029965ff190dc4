import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const TEXT = `Interviewer: Who do you reach?

Respondent: We define our target group as adults who steal to pay for crack, <b>and</b> we register their debts.

Interviewer: And the costs?

Respondent: Nobody counts the cost per client, that is the honest answer.`;

describe.each(DIALECTS)('assessment protocol (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let viewer: Agent;
  let projectId: string;
  let documentId: string;
  let text: string;
  const codes: Record<string, string> = {};
  const practices: Record<string, string> = {};
  const base = () => `/api/projects/${projectId}/assessment`;

  const segment = async (phrase: string, codeNames: string[]) => {
    const start = text.indexOf(phrase);
    const res = await owner.post(`/api/documents/${documentId}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: codeNames.map((n) => codes[n]!) });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  /** Practice records are written straight into their table (the practices API belongs to another feature). */
  const practice = async (name: string, fields: Record<string, unknown>) => {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    await t.app.db.insertInto('practice_records').values({
      id, project_id: projectId, name, description: '', municipality: '', region: 'flanders', country: '', language: 'nl', organisation: '', target_group: '',
      crime_types: '[]', intervention_type: '', working_mechanisms: '', period_start: null, period_end: null, budget_eur: null, cost_notes: '', evaluation_status: 'none',
      sms_level: null, evidence_rating: null, record_source: '', created_by: owner.user.id, created_at: now, updated_at: now, ...fields,
    }).execute();
    practices[name] = id;
    return id;
  };
  const linkTheme = async (practiceName: string, codeName: string, segmentIds: string[], note = '') => {
    const now = new Date().toISOString();
    const id = crypto.randomUUID();
    await t.app.db.insertInto('practice_codes').values({ id, practice_id: practices[practiceName]!, code_id: codes[codeName]!, note, created_by: null, created_at: now, updated_at: now }).execute();
    for (const segmentId of segmentIds) {
      await t.app.db.insertInto('practice_code_evidence').values({ id: crypto.randomUUID(), practice_code_id: id, segment_id: segmentId, note: '', created_by: null, created_at: now }).execute();
    }
  };
  const score = (practiceName: string, criterionId: string, value: string, note?: string, who = owner) =>
    who.request('PUT', `${base()}/scores/${practices[practiceName]}/${criterionId}`, { score: value, note });

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    viewer = await createUser(owner, 'viewer@example.org', 'Vic Viewer');
    projectId = (await owner.post('/api/projects', { name: 'Inventory <test>', description: 'Fictional data for the test.' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: viewer.user.id, role: 'viewer' });
    documentId = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'respondent-a.txt', content: TEXT }])).json().documents[0].id;
    text = (await owner.get(`/api/documents/${documentId}`)).json().text;
    for (const [name, definition] of [['Target group', 'The project names whom it serves.'], ['Debt', 'Debts of the target group.'], ['Cost per client', 'Unit costs.']]) {
      codes[name!] = (await owner.post(`/api/projects/${projectId}/codes`, { name, definition })).json().id;
    }
  });
  afterEach(async () => t.close());

  it('creates, renames, reorders and deletes criteria with clear errors', async () => {
    const a = await owner.post(`${base()}/criteria`, { name: 'Has a logic model', description: 'A written theory of change.' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ name: 'Has a logic model', codeId: null, position: 0 });
    const b = (await owner.post(`${base()}/criteria`, { name: 'Collects cost data', codeId: codes['Cost per client'] })).json();
    expect(b).toMatchObject({ codeName: 'Cost per client', position: 1 });

    const dup = await owner.post(`${base()}/criteria`, { name: '  has a LOGIC model ' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CRITERION_NAME_TAKEN');
    expect((await owner.post(`${base()}/criteria`, { name: '   ' })).json().error.code).toBe('EMPTY_NAME');
    expect((await owner.post(`${base()}/criteria`, { name: 'X', codeId: 'nope' })).json().error.code).toBe('UNKNOWN_CODE');
    expect((await viewer.post(`${base()}/criteria`, { name: 'Viewer' })).statusCode).toBe(403);
    expect((await owner.patch(`${base()}/criteria/${b.id}`, { name: 'Has a logic model' })).statusCode).toBe(409);

    const renamed = await owner.patch(`${base()}/criteria/${b.id}`, { name: 'Collects cost data per client', codeId: null });
    expect(renamed.json()).toMatchObject({ name: 'Collects cost data per client', codeId: null });
    const order = await owner.request('PUT', `${base()}/criteria/order`, { criterionIds: [b.id, a.json().id] });
    expect(order.json().criteria.map((c: { name: string }) => c.name)).toEqual(['Collects cost data per client', 'Has a logic model']);
    expect((await owner.request('PUT', `${base()}/criteria/order`, { criterionIds: [b.id] })).json().error.code).toBe('INVALID_ORDER');

    expect((await owner.delete(`${base()}/criteria/${b.id}`)).statusCode).toBe(204);
    expect((await owner.get(`${base()}/criteria`)).json().criteria).toHaveLength(1);
    expect((await owner.post(`/api/projects/${projectId}/undo`)).json().undone.type).toBe('criterion.deleted');
    expect((await owner.get(`${base()}/criteria`)).json().criteria).toHaveLength(2);
  });

  it('derives criteria from codes, skipping names already used', async () => {
    await owner.post(`${base()}/criteria`, { name: 'debt' });
    const res = await owner.post(`${base()}/criteria/derive`, { codeIds: [codes['Target group'], codes.Debt, codes['Target group']] });
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toEqual([expect.objectContaining({ name: 'Target group', description: 'The project names whom it serves.', codeId: codes['Target group'], position: 1 })]);
    expect(res.json().skipped).toEqual([expect.objectContaining({ codeId: codes.Debt, name: 'Debt' })]);
    expect((await owner.post(`${base()}/criteria/derive`, { codeIds: ['missing'] })).json().error.code).toBe('UNKNOWN_CODE');
    expect((await owner.get(`${base()}/criteria`)).json().criteria).toHaveLength(2);
  });

  it('sets, changes and clears scores with notes and evidence', async () => {
    const crit = (await owner.post(`${base()}/criteria`, { name: 'Defines its target group' })).json().id;
    await practice('Alpha', {});
    const seg = await segment('We define our target group', ['Target group']);
    expect((await owner.post(`${base()}/scores/${practices.Alpha}/${crit}/evidence`, { segmentId: seg })).json().error.code).toBe('NOT_SCORED');
    const set = await score('Alpha', crit, 'partly', 'Only adults.');
    expect(set.json()).toMatchObject({ score: 'partly', note: 'Only adults.', evidence: [] });
    expect((await score('Alpha', crit, 'excellent')).statusCode).toBe(400);
    expect((await score('Alpha', 'nope', 'met')).statusCode).toBe(404);
    expect((await score('Alpha', crit, 'met', undefined, viewer)).statusCode).toBe(403);
    expect((await score('Alpha', crit, 'met')).json()).toMatchObject({ score: 'met', note: 'Only adults.' });

    const added = await owner.post(`${base()}/scores/${practices.Alpha}/${crit}/evidence`, { segmentId: seg, note: 'Clear wording' });
    expect(added.statusCode).toBe(201);
    expect(added.json().evidence).toEqual([expect.objectContaining({ segmentId: seg, documentName: 'respondent-a', speaker: 'Respondent', note: 'Clear wording', respondentGroup: 'unknown' })]);
    expect((await owner.post(`${base()}/scores/${practices.Alpha}/${crit}/evidence`, { segmentId: seg })).statusCode).toBe(409);
    expect((await owner.post(`${base()}/scores/${practices.Alpha}/${crit}/evidence`, { segmentId: 'elsewhere' })).json().error.code).toBe('UNKNOWN_SEGMENT');
    const evidenceId = added.json().evidence[0].id;
    expect((await owner.delete(`${base()}/scores/${practices.Alpha}/${crit}/evidence/${evidenceId}`)).json().evidence).toEqual([]);
    expect((await owner.post(`/api/projects/${projectId}/undo`)).json().undone.type).toBe('assessment.evidence_removed');
    expect((await owner.get(`${base()}/scores/${practices.Alpha}/${crit}`)).json().evidence).toHaveLength(1);

    expect((await owner.delete(`${base()}/scores/${practices.Alpha}/${crit}`)).statusCode).toBe(204);
    expect((await owner.get(`${base()}/scores/${practices.Alpha}/${crit}`)).json()).toMatchObject({ id: null, score: null, evidence: [] });
    expect((await owner.delete(`${base()}/scores/${practices.Alpha}/${crit}`)).statusCode).toBe(404);
    const events = await t.app.db.selectFrom('project_events').select('type').where('project_id', '=', projectId).where('type', 'like', 'assessment.%').execute();
    expect(events.map((e) => e.type)).toContain('assessment.cleared');
  });

  it('builds both matrices with filters and exact shares', async () => {
    const c1 = (await owner.post(`${base()}/criteria`, { name: 'C1' })).json().id;
    const c2 = (await owner.post(`${base()}/criteria`, { name: 'C2' })).json().id;
    const c3 = (await owner.post(`${base()}/criteria`, { name: 'C3' })).json().id;
    await practice('Alpha', { region: 'flanders', crime_types: '["economic_compulsive"]', evidence_rating: 'promising' });
    await practice('Beta', { region: 'wallonia', crime_types: '["systemic","economic_compulsive"]', evidence_rating: 'best_practice' });
    await practice('Gamma', { region: 'flanders', crime_types: '["systemic"]' });
    await score('Alpha', c1, 'met', 'Written down');
    await score('Alpha', c2, 'met');
    await score('Alpha', c3, 'partly');
    await score('Beta', c1, 'met');
    await score('Gamma', c1, 'not_met');
    const seg = await segment('we register their debts', ['Debt']);
    await owner.post(`${base()}/scores/${practices.Alpha}/${c1}/evidence`, { segmentId: seg });

    const all = (await viewer.get(`${base()}/matrix`)).json();
    expect(all.rows.map((r: { practice: { name: string } }) => r.practice.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(all.rows[0]).toMatchObject({ met: 2, share: 2 / 3 });
    expect(all.rows[0].cells[0]).toEqual({ criterionId: c1, score: 'met', hasNote: true, evidence: 1 });
    expect(all.rows[2].cells[1]).toEqual({ criterionId: c2, score: null, hasNote: false, evidence: 0 });
    expect(all.criteria.map((c: { met: number; share: number }) => [c.met, c.share])).toEqual([[2, 2 / 3], [1, 1 / 3], [0, 0]]);

    const eco = (await owner.get(`${base()}/matrix?crimeType=economic_compulsive&region=flanders`)).json();
    expect(eco.rows.map((r: { practice: { name: string } }) => r.practice.name)).toEqual(['Alpha']);
    expect(eco.criteria[0]).toMatchObject({ met: 1, share: 1 });
    expect((await owner.get(`${base()}/matrix?rating=unrated`)).json().rows.map((r: { practice: { name: string } }) => r.practice.name)).toEqual(['Gamma']);
    expect((await owner.get(`${base()}/matrix?rating=great`)).statusCode).toBe(400);

    await linkTheme('Alpha', 'Debt', [seg]);
    await linkTheme('Beta', 'Debt', []);
    await linkTheme('Beta', 'Cost per client', []);
    const themes = (await owner.get(`${base()}/themes?crimeType=economic_compulsive`)).json();
    expect(themes.themes.map((x: { name: string; passages: number; practices: number }) => [x.name, x.practices, x.passages])).toEqual([['Debt', 2, 1], ['Cost per client', 1, 0]]);
    expect(themes.rows.map((r: { cells: { linked: boolean; evidence: number }[] }) => r.cells.map((c) => [c.linked, c.evidence]))).toEqual([[[true, 1], [false, 0]], [[true, 0], [true, 0]]]);
    expect((await owner.get(`${base()}/themes?region=brussels`)).json()).toEqual({ themes: [], rows: [] });

    const csv = await owner.get(`${base()}/matrix.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Alpha');
    expect(csv.body).toContain('✔ Met (note) [1 evidence]');
    const xlsx = await owner.get(`${base()}/themes.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).getCell(4).value).toBe('Debt');
  });

  it('writes the inventory as escaped, ordered HTML with quotes and as a three-sheet workbook', async () => {
    const crit = (await owner.post(`${base()}/criteria`, { name: 'Registers <debts>' })).json().id;
    await practice('Zeta <script>alert(1)</script>', { evidence_rating: 'best_practice', description: 'Fictional & invented.', crime_types: '["systemic"]' });
    await practice('Alpha', { evidence_rating: 'not_effective' });
    await practice('Beta', { evidence_rating: 'promising', region: 'wallonia' });
    await practice('Omega', {});
    await practice('Delta', { evidence_rating: 'promising' });
    const seg = await segment('we register their debts', ['Debt']);
    await linkTheme('Beta', 'Debt', [seg], 'Debts matter');
    await score('Beta', crit, 'met', 'Yes & clearly');
    const sourceId = crypto.randomUUID();
    const now = new Date().toISOString();
    await t.app.db.insertInto('literature_sources').values({
      id: sourceId, project_id: projectId, citation_key: 'x', kind: 'article-journal', authors: JSON.stringify([{ family: 'Peeters', given: 'Anna' }]), year: 2021,
      title: 'Debt and crime', venue: 'Journal of Tests', doi: '', url: '', focus: 'offenders', notes: '', csl: '{}', created_by: null, created_at: now, updated_at: now,
    }).execute();
    await t.app.db.insertInto('practice_sources').values({ id: crypto.randomUUID(), practice_id: practices.Beta!, source_id: sourceId }).execute();

    const page = await viewer.get(`/api/projects/${projectId}/inventory.html`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const html = page.body;
    const order = ['Zeta &lt;script&gt;', 'Beta', 'Delta', 'Alpha', 'Omega'].map((n) => html.indexOf(`. ${n}`, html.indexOf('<main>')));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Inventory &lt;test&gt;');
    expect(html).toContain('Fictional data for the test.');
    expect(html).toContain('we register their debts');
    expect(html).toContain('Respondent, respondent-a');
    expect(html).toContain('Registers &lt;debts&gt;');
    expect(html).toContain('Yes &amp; clearly');
    expect(html).toContain('Peeters');
    expect(html).toContain('break-before:page');

    const filtered = (await owner.get(`/api/projects/${projectId}/inventory.html?region=wallonia`)).body;
    expect(filtered).toContain('Beta');
    expect(filtered).not.toContain('Delta');
    const summary = (await owner.get(`/api/projects/${projectId}/inventory?rating=promising`)).json();
    expect(summary.practices.map((p: { name: string }) => p.name)).toEqual(['Beta', 'Delta']);
    expect(summary.totals).toEqual({ practices: 2, themes: 1, quotes: 1, sources: 1, scores: 1 });

    const xlsx = await owner.get(`/api/projects/${projectId}/inventory.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Practices', 'Themes and quotes', 'Assessment scores']);
    expect(book.getWorksheet('Practices')!.getColumn(1).values.slice(2)).toEqual(['Zeta <script>alert(1)</script>', 'Beta', 'Delta', 'Alpha', 'Omega']);
    expect(book.getWorksheet('Themes and quotes')!.getRow(2).values).toEqual(expect.arrayContaining(['Beta', 'Debt', 'we register their debts', 'respondent-a']));
    expect(book.getWorksheet('Assessment scores')!.getRow(2).values).toEqual(expect.arrayContaining(['Beta', 'Registers <debts>', 'Met', 'Yes & clearly']));
  });

  it('writes the matrices and the inventory in the reader\'s language (user locale, else Accept-Language)', async () => {
    const crit = (await owner.post(`${base()}/criteria`, { name: 'Registers debts' })).json().id;
    await practice('Alpha', { evidence_rating: 'best_practice', crime_types: '["economic_compulsive"]', budget_eur: 240000, sms_level: 3, evaluation_status: 'outcome', period_start: '2019' });
    await practice('Beta', { region: 'abroad', country: 'Portugal' });
    const seg = await segment('we register their debts', ['Debt']);
    await linkTheme('Alpha', 'Debt', [seg]);
    await score('Alpha', crit, 'met', 'Clear');
    await owner.post(`${base()}/scores/${practices.Alpha}/${crit}/evidence`, { segmentId: seg, note: '' });
    expect((await viewer.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    // The user's own language wins over the browser's.
    const dutch = new Agent(t.app, { ...viewer.headers, 'accept-language': 'fr-BE,fr;q=0.9' }, viewer.user);
    const french = new Agent(t.app, { ...owner.headers, 'accept-language': 'fr-BE,fr;q=0.9' }, owner.user);
    const firstLine = (csv: string) => csv.replace(/^\uFEFF/, '').split('\n')[0];

    const nlCsv = (await dutch.get(`${base()}/matrix.csv`)).body;
    expect(firstLine(nlCsv)).toBe('Praktijk,Plaats,Evidentieniveau,Registers debts,Criteria voldaan,Aandeel voldaan');
    expect(nlCsv).toContain('Alpha,Vlaanderen,Goede praktijk,✔ Voldaan (notitie) [1 evidentiepassage(s)],1,100%');
    expect(nlCsv).toContain('Beta,Buitenland,Niet beoordeeld,,0,0%');
    expect(nlCsv).toContain('Praktijken die aan het criterium voldoen,,,1 (50%)');
    const frCsv = (await french.get(`${base()}/matrix.csv`)).body;
    expect(firstLine(frCsv)).toBe('Pratique,Lieu,Niveau de preuve,Registers debts,Critères remplis,Part remplie');
    expect(frCsv).toContain('✔ Rempli (note) [1 passage(s) de preuve]');
    expect(frCsv).toContain('1 (50\u00a0%)');
    expect(firstLine((await owner.get(`${base()}/matrix.csv`)).body)).toBe('Practice,Place,Evidence rating,Registers debts,Criteria met,Share met');

    const themes = new ExcelJS.Workbook();
    await themes.xlsx.load((await dutch.get(`${base()}/themes.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(themes.worksheets[0]!.name).toBe('Praktijk x thema');
    expect(themes.worksheets[0]!.getRow(2).values).toEqual(expect.arrayContaining(['Alpha', 'Vlaanderen', '✔ 1 citaat']));
    expect(themes.worksheets[0]!.getRow(4).getCell(1).value).toBe('Gecodeerde passages in de interviews');

    const nlHtml = (await dutch.get(`/api/projects/${projectId}/inventory.html?crimeType=economic_compulsive`)).body;
    expect(nlHtml).toContain('<html lang="nl">');
    for (const text of ['Inventaris van preventiepraktijken', 'Type criminaliteit: Economisch-compulsief', 'Goede praktijk',
      'Budget en kosten</dt><dd>€ 240.000', 'Effectevaluatie · Maryland SMS-niveau 3', 'sinds 2019', '(1 evidentiepassage)', 'respondentengroep onbekend']) {
      expect(nlHtml).toContain(text);
    }
    expect(nlHtml).toContain(`<dt>Datum</dt><dd>${new Intl.DateTimeFormat('nl', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date())}</dd>`);
    expect(nlHtml).not.toContain('Inventory of prevention practices');
    const frHtml = (await french.get(`/api/projects/${projectId}/inventory.html`)).body;
    expect(frHtml).toContain('<html lang="fr">');
    expect(frHtml).toContain('Inventaire des pratiques de prévention');
    expect(frHtml).toContain('240\u202f000\u00a0€');
    expect(frHtml).toContain('Portugal (étranger)');
    const enHtml = (await owner.get(`/api/projects/${projectId}/inventory.html`)).body;
    expect(enHtml).toContain('<html lang="en">');
    expect(enHtml).toContain('Inventory of prevention practices');
    expect(enHtml).toContain('€ 240,000');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await dutch.get(`/api/projects/${projectId}/inventory.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Praktijken', "Thema's en citaten", 'Beoordelingsscores']);
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('Praktijk');
    expect(book.worksheets[0]!.getRow(2).values).toEqual(expect.arrayContaining(['Alpha', 'Vlaanderen', 'Economisch-compulsief', 240000, 'Effectevaluatie', 'Goede praktijk']));
    expect(book.worksheets[1]!.getRow(2).values).toEqual(expect.arrayContaining(['we register their debts', 'onbekend']));
    expect(book.worksheets[2]!.getRow(2).values).toEqual(expect.arrayContaining(['Alpha', 'Registers debts', 'Voldaan', 1]));
  });
});
