import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, inLanguage, setupOwner } from '../helpers/agent';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Errors and problem lists of literature, practice records and assessment come in the user's language (issue 10). */
describe('literature, practice record and assessment errors in the user\'s language', () => {
  let t: TestApp;
  let owner: Agent;
  let dutch: Agent;
  let projectId: string;
  let base: string;

  beforeEach(async () => {
    t = await createTestApp('sqlite');
    owner = await setupOwner(t.app);
    dutch = inLanguage(owner, 'nl-BE,nl;q=0.9');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    base = `/api/projects/${projectId}`;
  });
  afterEach(() => t.close());

  it('writes record problems and import problems in Dutch or French, codes and rows unchanged', async () => {
    const invalid = (await dutch.post(`${base}/practices`, { name: 'Fictional Lisbon', region: 'abroad', crimeTypes: ['systemic'] })).json().error;
    expect(invalid).toMatchObject({ code: 'INVALID_PRACTICE', message: 'Voor een project in het buitenland is het land nodig.' });
    expect(invalid.details.problems).toEqual([{ field: 'country', code: 'COUNTRY_REQUIRED', message: 'Voor een project in het buitenland is het land nodig.' }]);

    const header = (await dutch.upload(`${base}/practices/import`, [{ name: 'h.csv', content: 'Naam,Kleur\nX,rood' }])).json().error;
    expect(header.message).toBe('De koprij bevat problemen (1); er werd niets geïmporteerd.');
    expect(header.details.problems[0].message).toMatch(/^„Kleur” is geen kolom van praktijkfiches\. De kolommen zijn: Naam, Beschrijving, Gemeente, Gewest,/);
    expect((await dutch.upload(`${base}/practices/import`, [{ name: 'old.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }])).json().error)
      .toEqual({ code: 'IMPORT_FORMAT', message: 'Oude Excel-bestanden (.xls) kunnen niet worden gelezen. Bewaar het bestand als Excel-werkmap (.xlsx) of als CSV UTF-8.' });

    // The account's chosen language wins over the browser's.
    expect((await owner.patch('/api/auth/me', { locale: 'fr' })).statusCode).toBe(200);
    const record = { name: 'Fictional Project', municipality: 'Liège', region: 'wallonia', crimeTypes: ['systemic'] };
    expect((await owner.post(`${base}/practices`, record)).statusCode).toBe(201);
    expect((await owner.post(`${base}/practices`, record)).json().error).toMatchObject({
      code: 'PRACTICE_EXISTS', message: 'Il existe déjà une fiche de pratique « Fictional Project » à Liège. Changez le nom ou la commune, ou modifiez cette fiche.',
    });

    const csv = ['Name,Region,Crime types', 'Other,Wallony,systemic', 'Other,Flanders,theft;systemic', 'Other,Flanders,systemic'].join('\n');
    const res = (await owner.upload(`${base}/practices/import`, [{ name: 'records.csv', content: csv }])).json().error;
    expect(res.code).toBe('IMPORT_INVALID');
    expect(res.message).toBe('3 ligne(s) posent problème ; rien n’a été importé. Corrigez-les et importez à nouveau le fichier.');
    expect(res.details.problems.map((p: { row: number; column: string; code: string }) => `${p.row}|${p.column}|${p.code}`))
      .toEqual(['2|Region|BAD_REGION', '3|Crime types|BAD_CRIME_TYPE', '3|Name|DUPLICATE_ROW', '4|Name|DUPLICATE_ROW']);
    expect(res.details.problems[0].message).toMatch(/^« Wallony » n’est pas une région\. Utilisez Flandre/);
    expect(res.details.problems[1].message).toMatch(/^« theft » n’est pas un type de criminalité/);
    expect(res.details.problems[2].message).toBe('La ligne 2 contient déjà cette fiche (même nom et même commune).');
  });

  it('writes bibliography import reports, gap and criterion errors in Dutch', async () => {
    const bib = '@article{ok, title = {Fictional}, year = {2020}}\n@misc{notitle, year = {2001}}';
    const report = (await dutch.upload(`${base}/literature/sources/import`, [{ name: 'refs.bib', content: bib }])).json();
    expect(report.errors).toEqual([{ file: 'refs.bib', entry: 'notitle', message: 'Deze referentie heeft geen titel.' }]);
    expect((await dutch.upload(`${base}/literature/sources/import`, [{ name: 'notes.txt', content: 'just text' }])).json().error)
      .toEqual({ code: 'NOT_BIBLIOGRAPHY', message: '„notes.txt” is geen BibTeX-bestand (.bib) en ook geen RIS-bestand (.ris).' });
    expect((await dutch.post(`${base}/literature/gaps`, { statement: '  ' })).json().error)
      .toEqual({ code: 'STATEMENT_REQUIRED', message: 'Beschrijf de lacune in een zin of twee.' });

    expect((await dutch.post(`${base}/assessment/criteria`, { name: 'Evaluated' })).statusCode).toBe(201);
    expect((await dutch.post(`${base}/assessment/criteria`, { name: 'evaluated ' })).json().error)
      .toEqual({ code: 'CRITERION_NAME_TAKEN', message: 'Er is in dit project al een criterium „evaluated”; kies een andere naam.' });
  });
});
