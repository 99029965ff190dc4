import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';
import { buildRichProject, type RichProject } from './backup-fixture';

/** The lines of a CSV download (BOM dropped), for headings and one-line rows. */
const lines = (body: string) => body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
/** The records of a CSV download (quoted fields may hold line breaks). */
const records = (body: string) => parse(body, { bom: true }) as string[][];

async function sheetOf(res: { rawPayload: Buffer }) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** Table downloads (project tables, retrieval, queries, analysis) in the reader's language (issue 10). */
describe.each(DIALECTS)('table downloads in the user\'s language (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let coder: Agent;
  let dutch: Agent;
  let french: Agent;
  let rich: RichProject;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    rich = await buildRichProject(t.app, owner, coder);
    // The owner chooses Dutch; a French browser (Accept-Language) reads as the coder; the coder stays English.
    expect((await owner.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    dutch = owner;
    french = new Agent(t.app, { ...coder.headers, 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' }, coder.user);
  });
  afterEach(() => t.close());

  const exportUrl = (table: string, format: string) => `/api/projects/${rich.projectId}/exports/${table}.${format}`;

  it('heads the project tables and words their stored values in Dutch and French, and leaves English as it was', async () => {
    const nlDocs = lines((await dutch.get(exportUrl('documents', 'csv'))).body);
    expect(nlDocs[0]).toBe('Document,Bestand,Formaat,Taal,Respondentengroep,Interviewdatum,Woorden,Geïmporteerd op,Sector');
    expect(nlDocs.find((l) => l.startsWith('alpha'))).toMatch(/^alpha,alpha\.txt,txt,Engels,Belgisch,2026-03-02,\d+,[^,]+,police$/);
    const frDocs = lines((await french.get(exportUrl('documents', 'csv'))).body);
    expect(frDocs[0]).toBe("Document,Fichier,Format,Langue,Groupe de répondants,Date de l'entretien,Mots,Importé le,Sector");
    expect(frDocs.find((l) => l.startsWith('alpha'))).toMatch(/^alpha,alpha\.txt,txt,Anglais,Belge,2026-03-02,/);
    const enDocs = lines((await coder.get(exportUrl('documents', 'csv'))).body);
    expect(enDocs[0]).toBe('Document,File,Format,Language,Respondent group,Interview date,Words,Imported at,Sector');
    expect(enDocs.find((l) => l.startsWith('alpha'))).toMatch(/^alpha,alpha\.txt,txt,en,belgian,2026-03-02,/);

    const nlSegments = lines((await dutch.get(exportUrl('segments', 'csv'))).body);
    expect(nlSegments[0]).toBe('Document,Spreker,Sprekersrol,Code,Codeerder,Citaat,Context ervoor,Context erna,Begin,Einde,Status,Gecodeerd op');
    const nlRows = records((await dutch.get(exportUrl('segments', 'csv'))).body).slice(1);
    expect(nlRows.find((r) => r[5] === 'I relapsed within weeks')).toMatchObject({ 0: 'alpha', 1: 'Respondent', 2: 'respondent', 3: 'Outcomes > Relapse', 4: 'Olivia Owner', 10: 'verankerd' });
    const frSegments = lines((await french.get(exportUrl('segments', 'csv'))).body);
    expect(frSegments[0]).toBe('Document,Locuteur,Rôle du locuteur,Code,Codeur·euse,Citation,Contexte avant,Contexte après,Début,Fin,Statut,Codé le');
    const frRows = records((await french.get(exportUrl('segments', 'csv'))).body).slice(1);
    expect(frRows.find((r) => r[5] === 'I relapsed within weeks')).toMatchObject({ 2: 'répondant·e', 10: 'ancré' });
    const enRows = records((await coder.get(exportUrl('segments', 'csv'))).body).slice(1);
    expect(enRows.find((r) => r[5] === 'I relapsed within weeks')).toMatchObject({ 2: 'respondent', 10: 'anchored' });

    const nlMemos = lines((await dutch.get(exportUrl('memos', 'csv'))).body);
    expect(nlMemos[0]).toBe('Titel,Betreft,Onderwerp,Gekoppelde codes,Auteur,Aangemaakt op,Gewijzigd op,Tekst');
    expect(nlMemos.some((l) => l.startsWith('Passage,passage,alpha: '))).toBe(true);
    expect(nlMemos.some((l) => l.startsWith('Relapse,code,Outcomes > Relapse,'))).toBe(true);
    const frMemos = lines((await french.get(exportUrl('memos', 'csv'))).body);
    expect(frMemos[0]).toBe('Titre,Porte sur,Objet,Codes liés,Auteur,Créé le,Modifié le,Texte');
    expect(frMemos.some((l) => l.startsWith('Project memo,projet,,'))).toBe(true);

    // The codebook CSV is the codebook import's own format: the same headings in every language.
    expect(lines((await dutch.get(exportUrl('codebook', 'csv'))).body)[0]).toBe('path,color,definition,inclusion,exclusion,example,archived');
    expect(lines((await french.get(exportUrl('codebook', 'csv'))).body)[0]).toBe('path,color,definition,inclusion,exclusion,example,archived');
  });

  it('heads the .xlsx tables and names their sheets in the reader\'s language; numbers stay numbers', async () => {
    const documents = await sheetOf(await dutch.get(exportUrl('documents', 'xlsx')));
    expect(documents.name).toBe('Documenten');
    expect(documents.getRow(1).values).toEqual([undefined, 'Document', 'Bestand', 'Formaat', 'Taal', 'Respondentengroep', 'Interviewdatum', 'Woorden', 'Geïmporteerd op', 'Sector']);
    const alpha = documents.getRows(2, documents.rowCount - 1)!.find((r) => r.getCell(1).value === 'alpha')!;
    expect(typeof alpha.getCell(7).value).toBe('number');
    const codebook = await sheetOf(await french.get(exportUrl('codebook', 'xlsx')));
    expect(codebook.name).toBe('Livre de codes');
    expect(codebook.getRow(1).values).toEqual([undefined, 'chemin', 'couleur', 'définition', "critères d'inclusion", "critères d'exclusion", 'exemple', 'archivé', 'codages', 'documents']);
    expect(typeof codebook.getRow(2).getCell(8).value).toBe('number');
    const english = await sheetOf(await coder.get(exportUrl('codebook', 'xlsx')));
    expect(english.name).toBe('Codebook');
    expect(english.getRow(1).getCell(1).value).toBe('path');
    const memos = await sheetOf(await french.get(exportUrl('memos', 'xlsx')));
    expect(memos.name).toBe('Mémos');
    expect((await sheetOf(await coder.get(exportUrl('segments', 'xlsx')))).name).toBe('Coded segments');
  });

  it.each([['nl'], ['fr']])('reads a documents table exported in %s back through the attribute import unchanged', async (locale) => {
    const reader = locale === 'nl' ? dutch : french;
    const csv = (await reader.get(exportUrl('documents', 'csv'))).body;
    const before = (await owner.get(`/api/projects/${rich.projectId}/documents`)).json().documents;
    const sector = (await owner.get(`/api/projects/${rich.projectId}/attributes`)).json().attributes.find((a: { name: string }) => a.name === 'Sector').id;
    // Change what the export holds, then import the export: the values must come back as they were.
    expect((await owner.patch(`/api/documents/${rich.docId}`, { respondentGroup: 'international', interviewDate: null, attributes: { [sector]: 'social' } })).statusCode).toBe(200);
    await t.app.db.updateTable('documents').set({ language: 'nl' }).where('id', '=', rich.docId).execute();
    const imported = await t.app.inject({
      method: 'POST', url: `/api/projects/${rich.projectId}/attributes/import`, headers: { ...owner.headers, 'content-type': 'text/csv' }, payload: csv,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().rows.flatMap((r: { errors: string[] }) => r.errors)).toEqual([]);
    const after = (await owner.get(`/api/projects/${rich.projectId}/documents`)).json().documents;
    const pick = (docs: { id: string; respondentGroup: string | null; language: string; interviewDate: string | null; attributes: Record<string, unknown> }[]) =>
      docs.map((d) => ({ id: d.id, respondentGroup: d.respondentGroup, language: d.language, interviewDate: d.interviewDate, sector: d.attributes[sector] ?? null }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(pick(after)).toEqual(pick(before));
    expect(pick(after).find((d) => d.id === rich.docId)).toMatchObject({ respondentGroup: 'belgian', language: 'en', interviewDate: '2026-03-02', sector: 'police' });
  });

  it('heads retrieval and saved-query downloads in the reader\'s language', async () => {
    const retrieval = `/api/projects/${rich.projectId}/codes/${rich.codes.Outcomes}/segments`;
    const nl = lines((await dutch.get(`${retrieval}.csv?includeDescendants=true`)).body);
    expect(nl[0]).toBe('Document,Spreker,Sprekersrol,Codeerder,Codes,Context ervoor,Citaat,Context erna,Begin,Einde,Status,Gecodeerd op');
    const nlRows = records((await dutch.get(`${retrieval}.csv?includeDescendants=true`)).body).slice(1);
    expect(nlRows.length).toBeGreaterThan(1);
    expect(nlRows.map((r) => [r[2], r[10]])).toEqual(nlRows.map(() => ['respondent', 'verankerd']));
    expect(lines((await french.get(`${retrieval}.csv`)).body)[0])
      .toBe('Document,Locuteur,Rôle du locuteur,Codeur·euse,Codes,Contexte avant,Citation,Contexte après,Début,Fin,Statut,Codé le');
    expect(lines((await coder.get(`${retrieval}.csv`)).body)[0])
      .toBe('Document,Speaker,Speaker role,Coder,Codes,Context before,Quote,Context after,Start,End,Status,Coded at');
    const xlsx = await sheetOf(await dutch.get(`${retrieval}.xlsx`));
    expect(xlsx.getRow(1).getCell(7).value).toBe('Citaat');

    const queryId = (await owner.get(`/api/projects/${rich.projectId}/queries`)).json().queries[0].id;
    const query = `/api/projects/${rich.projectId}/queries/${queryId}/results`;
    const frQuery = lines((await french.get(`${query}.csv`)).body);
    expect(frQuery[0]).toBe('Document,Locuteur,Rôle du locuteur,Codes,Contexte avant,Passage,Contexte après,Début,Fin');
    expect(records((await french.get(`${query}.csv`)).body).slice(1).some((r) => r[0] === 'alpha' && r[2] === 'répondant·e')).toBe(true);
    expect(lines((await dutch.get(`${query}.csv`)).body)[0]).toBe('Document,Spreker,Sprekersrol,Codes,Context ervoor,Passage,Context erna,Begin,Einde');
    expect(lines((await coder.get(`${query}.csv`)).body)[0]).toBe('Document,Speaker,Speaker role,Codes,Context before,Passage,Context after,Start,End');
    expect((await sheetOf(await french.get(`${query}.xlsx`))).getRow(1).getCell(2).value).toBe('Locuteur');
  });

  it('heads the analysis downloads in the reader\'s language', async () => {
    const base = `/api/projects/${rich.projectId}/analysis`;
    expect(lines((await dutch.get(`${base}/agreement?format=csv`)).body)[0]).toBe('Code,Door beide gecodeerd,Alleen codeerder 1,Alleen codeerder 2,Door geen van beide,'
      + "Procentuele overeenstemming,Cohens kappa,Krippendorffs alfa,Brennan–Prediger,Unitizing-alfa,Fleiss' kappa,Kappa per transcript");
    expect(lines((await coder.get(`${base}/agreement?format=csv`)).body)[0]).toBe('Code,Both coded,Only coder 1,Only coder 2,Neither,Percent agreement,'
      + "Cohen's kappa,Krippendorff's alpha,Brennan–Prediger,Unitizing alpha,Fleiss' kappa,Document-level kappa");
    expect(lines((await french.get(`${base}/saturation?format=csv`)).body)[0])
      .toBe("Position,Entretien,Date de l'entretien,Codes,Nouveaux codes,Cumulé,Noms des nouveaux codes");
    expect(lines((await coder.get(`${base}/saturation?format=csv`)).body)[0]).toBe('Position,Interview,Interview date,Codes,New codes,Cumulative,New code names');
    const frequencies = lines((await dutch.get(`${base}/frequencies?format=csv`)).body);
    expect(frequencies[0]).toBe('Code,Passages,Transcripten,Respondenten,Codeerders');
    expect(frequencies.some((l) => /^Outcomes > Relapse,1,1,\d+,1$/.test(l))).toBe(true);
    const crosstab = (agent: Agent) => agent.get(`${base}/crosstab?attribute=respondentGroup&format=csv`).then((r) => lines(r.body)[0]);
    expect(await crosstab(dutch)).toBe('Code,Belgisch: aantal,Belgisch: rij-%,Belgisch: kolom-%,(geen): aantal,(geen): rij-%,(geen): kolom-%,Totaal');
    expect(await crosstab(french)).toBe('Code,Belge : effectif,Belge : % en ligne,Belge : % en colonne,(aucun) : effectif,(aucun) : % en ligne,(aucun) : % en colonne,Total');
    expect(await crosstab(coder)).toBe('Code,belgian: count,belgian: row %,belgian: column %,(none): count,(none): row %,(none): column %,Total');
    const xlsx = await sheetOf(await french.get(`${base}/cooccurrence?format=xlsx`));
    expect(xlsx.getRow(1).getCell(1).value).toBe('Code');
    expect(typeof xlsx.getRow(2).getCell(2).value).toBe('number');
  });
});
