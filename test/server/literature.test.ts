import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const ALPHA = `Interviewer: How is drug-related crime prevented here?

Respondent: Nobody in Belgium has ever computed what one client costs the project.

Interviewer: And evaluations?

Respondent: We never had an outcome evaluation, only activity counts.`;

const BETA = `Interviewer: What is missing?

Respondent: Cost data are missing everywhere, <b>honestly</b>.

Interviewer: Anything else?

Respondent: The dealers' violence is never studied.`;

const BIB = `@article{vandijk2020,
  author = {Van Dijk, Anna and Dupont, Marc},
  title = {Drug markets and \\emph{systemic} crime},
  journal = {Fictional Journal of Criminology},
  year = {2020},
  doi = {10.1234/fict.2020.1}
}
@book{lambert2018,
  author = {Lambert, Sofie},
  title = {Prevention that pays},
  publisher = {Fictional Press},
  year = {2018}
}
@misc{notitle, author = {Nobody, N.}, year = {2001}}`;

const RIS = `TY  - JOUR
AU  - Peeters, Jan
TI  - Outcome evaluations of social prevention
JO  - Fictional Review
PY  - 2019
DO  - 10.5555/fict.2019.7
ER  - 
TY  - RPRT
AU  - Van Dijk, Anna
TI  - Drug markets and systemic crime
PY  - 2020
ER  - 
`;

describe.each(DIALECTS)('literature (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let viewer: Agent;
  let projectId: string;
  const docs: Record<string, { id: string; text: string }> = {};
  const codes: Record<string, string> = {};
  const segments: Record<string, string> = {};
  const url = (path: string) => `/api/projects/${projectId}/literature${path}`;

  const code = async (doc: string, phrase: string, key: string, codeKey: string) => {
    const { id, text } = docs[doc]!;
    const start = text.indexOf(phrase);
    const res = await owner.post(`/api/documents/${id}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [codes[codeKey]!] });
    expect(res.statusCode).toBe(201);
    segments[key] = res.json().id ?? res.json().segment?.id;
  };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    viewer = await createUser(owner, 'viewer@example.org', 'Vic Viewer');
    projectId = (await owner.post('/api/projects', { name: 'P <Gaps>' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: viewer.user.id, role: 'viewer' });
    for (const [name, content] of [['alpha', ALPHA], ['beta', BETA]] as const) {
      const id = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: `${name}.txt`, content }])).json().documents[0].id;
      docs[name] = { id, text: (await owner.get(`/api/documents/${id}`)).json().text };
    }
    await owner.patch(`/api/documents/${docs.alpha!.id}`, { respondentGroup: 'belgian' });
    const mk = async (key: string, name: string, parent?: string) => {
      codes[key] = (await owner.post(`/api/projects/${projectId}/codes`, { name, parentId: parent ? codes[parent] : undefined })).json().id;
    };
    await mk('cost', 'Cost-effectiveness');
    await mk('missing', 'Missing cost data', 'cost');
    await mk('eval', 'No evaluation');
    await mk('violence', 'Dealer violence');
    await code('alpha', 'Nobody in Belgium has ever computed what one client costs the project', 'a1', 'cost');
    await code('beta', 'Cost data are missing everywhere, <b>honestly</b>', 'b1', 'missing');
    await code('alpha', 'We never had an outcome evaluation', 'a2', 'eval');
  });
  afterEach(() => t.close());

  it('imports BibTeX and RIS with duplicates and errors, refuses a broken file, exports BibTeX', async () => {
    const bib = await owner.upload(url('/sources/import'), [{ name: 'refs.bib', content: BIB }], { focus: 'offenders' });
    expect(bib.statusCode).toBe(200);
    expect(bib.json().imported.map((s: { title: string }) => s.title).sort()).toEqual(['Drug markets and systemic crime', 'Prevention that pays']);
    expect(bib.json().imported.find((s: { citationKey: string }) => s.citationKey === 'vandijk2020').citationHtml).toContain('Drug markets and <i>systemic</i> crime');
    expect(bib.json().imported[0]).toMatchObject({ focus: 'offenders' });
    expect(bib.json().errors).toEqual([{ file: 'refs.bib', entry: 'notitle', message: 'The entry has no title.' }]);
    const article = bib.json().imported.find((s: { citationKey: string }) => s.citationKey === 'vandijk2020');
    expect(article.citation).toBe('Van Dijk, A., & Dupont, M. (2020). Drug markets and systemic crime. Fictional Journal of Criminology. https://doi.org/10.1234/fict.2020.1');
    expect(article.citationHtml).toContain('<i>Fictional Journal of Criminology</i>');

    const ris = await owner.upload(url('/sources/import'), [{ name: 'refs.ris', content: RIS }]);
    expect(ris.statusCode).toBe(200);
    expect(ris.json().imported).toHaveLength(1);
    expect(ris.json().imported[0]).toMatchObject({ title: 'Outcome evaluations of social prevention', doi: '10.5555/fict.2019.7', year: 2019, focus: 'other' });
    expect(ris.json().skipped).toEqual([{ title: 'Drug markets and systemic crime', reason: 'title_year' }]);
    const again = await owner.upload(url('/sources/import'), [{ name: 'again.ris', content: RIS }]);
    expect(again.json().skipped.map((s: { reason: string }) => s.reason)).toEqual(['doi', 'title_year']);

    const broken = await owner.upload(url('/sources/import'), [{ name: 'broken.bib', content: '@article{x, title={Unclosed' }]);
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('BIB_SYNTAX');
    const notBib = await owner.upload(url('/sources/import'), [{ name: 'notes.txt', content: 'just some notes' }]);
    expect(notBib.json().error.code).toBe('NOT_BIBLIOGRAPHY');
    const empty = await owner.upload(url('/sources/import'), [{ name: 'empty.ris', content: 'nothing here' }]);
    expect(empty.json().error.code).toBe('EMPTY_BIBLIOGRAPHY');
    // A good file next to a broken one: nothing of either is written.
    const mixed = await owner.upload(url('/sources/import'), [{ name: 'new.bib', content: '@book{n, title={Brand new}, year=2022}' }, { name: 'broken.bib', content: '@book{' }]);
    expect(mixed.statusCode).toBe(400);
    expect((await owner.get(url('/sources'))).json().sources).toHaveLength(3);
    expect((await viewer.upload(url('/sources/import'), [{ name: 'refs.bib', content: BIB }])).statusCode).toBe(403);

    const exported = await viewer.get(url('/sources.bib'));
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('@article{vandijk2020');
    expect((await owner.get(url('/sources?focus=offenders'))).json().sources).toHaveLength(2);
    expect((await owner.get(url('/sources?q=prevention'))).json().sources).toHaveLength(2);
  });

  it('formats hand-entered sources and validates input', async () => {
    const res = await owner.post(url('/sources'), {
      kind: 'report', authors: 'Janssens, Eva; Fictional Drug Observatory', year: 2021, title: 'Costs of prevention <in Belgium>', venue: 'Fictional Institute',
      focus: 'cost_effectiveness', notes: 'fictional', url: 'https://example.org/report',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().authors).toEqual([{ family: 'Janssens', given: 'Eva' }, { literal: 'Fictional Drug Observatory' }]);
    expect(res.json().authorsText).toBe('Janssens, Eva; Fictional Drug Observatory');
    expect(res.json().citation).toBe('Janssens, E. & Fictional Drug Observatory. (2021). Costs of prevention <in Belgium>. Fictional Institute. https://example.org/report');
    expect(res.json().citationHtml).not.toContain('<in');
    const id = res.json().id;
    const edited = await owner.patch(url(`/sources/${id}`), { title: 'Costs of prevention', year: null });
    expect(edited.json().citation).toContain('(n.d.). Costs of prevention.');

    expect((await owner.post(url('/sources'), { title: '' })).statusCode).toBe(400);
    expect((await owner.post(url('/sources'), { title: 'X', year: 20 })).json().error.code).toBe('INVALID_YEAR');
    expect((await owner.post(url('/sources'), { title: 'X', url: 'javascript:alert(1)' })).json().error.code).toBe('INVALID_URL');
    expect((await owner.post(url('/sources'), { title: 'X', focus: 'nonsense' })).statusCode).toBe(400);
    expect((await owner.patch(url('/sources/nope'), { title: 'X' })).statusCode).toBe(404);
    expect((await viewer.post(url('/sources'), { title: 'X' })).statusCode).toBe(403);
    expect((await owner.post(url('/gaps'), { statement: '   ' })).json().error.code).toBe('STATEMENT_REQUIRED');
    expect((await owner.post(url('/gaps'), { statement: 'G', scope: 'mars' })).statusCode).toBe(400);
    expect((await owner.post(url('/gaps'), { statement: 'G', sourceIds: ['nope'] })).json().error.code).toBe('UNKNOWN_SOURCE');

    const gap = (await owner.post(url('/gaps'), { statement: 'G', sourceIds: [id] })).json();
    expect(gap.sourceIds).toEqual([id]);
    const deleted = await owner.delete(url(`/sources/${id}`));
    expect(deleted.json()).toEqual({ gapCount: 1, practiceCount: 0 });
    expect((await owner.get(url(`/gaps/${gap.id}`))).json().sources).toEqual([]);
  });

  it('maps codes to gaps with evidence and counts coverage exactly', async () => {
    // A second coder codes the very same words: still one supporting passage.
    const coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    const phrase = 'Cost data are missing everywhere, <b>honestly</b>';
    const start = docs.beta!.text.indexOf(phrase);
    expect((await coder.post(`/api/documents/${docs.beta!.id}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [codes.missing!] })).statusCode).toBe(201);
    const gap = (await owner.post(url('/gaps'), { statement: 'No Belgian cost-effectiveness studies', focus: 'cost_effectiveness', scope: 'belgium' })).json();
    const other = (await owner.post(url('/gaps'), { statement: 'Dealer violence unstudied', focus: 'offenders' })).json();
    expect((await viewer.post(url(`/gaps/${gap.id}/codes`), { codeId: codes.cost, relation: 'fills' })).statusCode).toBe(403);
    const mapped = await owner.post(url(`/gaps/${gap.id}/codes`), { codeId: codes.cost, relation: 'fills', note: 'direct' });
    expect(mapped.statusCode).toBe(201);
    const linkId = mapped.json().links[0].linkId;
    expect(mapped.json().links[0]).toMatchObject({ codeName: 'Cost-effectiveness', segments: 2, respondents: 2, evidence: 0, passagesTotal: 2 });
    expect((await owner.post(url(`/gaps/${gap.id}/codes`), { codeId: codes.cost, relation: 'extends' })).statusCode).toBe(409);
    expect((await owner.post(url(`/gaps/${gap.id}/codes`), { codeId: 'nope', relation: 'extends' })).json().error.code).toBe('UNKNOWN_CODE');
    await owner.post(url(`/gaps/${gap.id}/codes`), { codeId: codes.eval, relation: 'illustrates' });

    const ev = await owner.post(url(`/gaps/${gap.id}/codes/${linkId}/evidence`), { segmentId: segments.b1, note: 'clear' });
    expect(ev.statusCode).toBe(201);
    expect(ev.json()).toMatchObject({ codedWithLink: true, warning: null });
    const uncoded = await owner.post(url(`/gaps/${gap.id}/codes/${linkId}/evidence`), { segmentId: segments.a2 });
    expect(uncoded.json()).toMatchObject({ codedWithLink: false });
    expect(uncoded.json().warning).toContain('not coded');
    expect((await owner.post(url(`/gaps/${gap.id}/codes/${linkId}/evidence`), { segmentId: segments.b1 })).statusCode).toBe(409);
    expect((await owner.post(url(`/gaps/${gap.id}/codes/${linkId}/evidence`), { segmentId: 'nope' })).json().error.code).toBe('UNKNOWN_SEGMENT');
    expect((await owner.delete(url(`/gaps/${gap.id}/codes/${linkId}/evidence/${uncoded.json().id}`))).statusCode).toBe(204);

    // Order: one action for the whole list; an incomplete list is refused.
    expect((await owner.post(url('/gaps/order'), { gapIds: [other.id] })).json().error.code).toBe('INVALID_ORDER');
    expect((await owner.post(url('/gaps/order'), { gapIds: [other.id, gap.id] })).statusCode).toBe(204);
    expect((await viewer.get(url('/gaps'))).json().gaps.map((g: { id: string }) => g.id)).toEqual([other.id, gap.id]);
    await owner.post(url('/gaps/order'), { gapIds: [gap.id, other.id] });

    const coverage = (await viewer.get(url('/coverage'))).json().gaps;
    expect(coverage.map((g: { statement: string }) => g.statement)).toEqual([gap.statement, other.statement]);
    expect(coverage[0].codes.map((c: object) => ({ ...c, linkId: undefined, codeId: undefined }))).toEqual([
      { linkId: undefined, codeId: undefined, codeName: 'Cost-effectiveness', codePath: 'Cost-effectiveness', relation: 'fills', note: 'direct', segments: 2, respondents: 2, evidence: 1 },
      { linkId: undefined, codeId: undefined, codeName: 'No evaluation', codePath: 'No evaluation', relation: 'illustrates', note: '', segments: 1, respondents: 1, evidence: 0 },
    ]);
    expect(coverage[0].groups).toEqual({
      international: { segments: 0, respondents: 0, evidence: 0 }, belgian: { segments: 2, respondents: 1, evidence: 0 }, unknown: { segments: 1, respondents: 1, evidence: 1 },
    });
    expect(coverage[0].totals).toEqual({ segments: 3, respondents: 2, evidence: 1 });
    expect(coverage[0].noEvidence).toBe(false);
    expect(coverage[1]).toMatchObject({ noEvidence: true, totals: { segments: 0, respondents: 0, evidence: 0 } });

    const page = (await viewer.get(url(`/gaps/${gap.id}`))).json();
    expect(page.links[0].quotes).toEqual([expect.objectContaining({ documentName: 'beta', respondentGroup: 'unknown', speaker: 'Respondent', note: 'clear', codedWithLink: true, quote: 'Cost data are missing everywhere, <b>honestly</b>' })]);
    expect(page.links[0].passages.map((p: { documentName: string }) => p.documentName)).toEqual(['alpha', 'beta']);

    const csv = await viewer.get(url('/coverage.csv'));
    expect(csv.body).toContain('No Belgian cost-effectiveness studies,cost_effectiveness,belgium,open,code,Cost-effectiveness,fills,2,2,1,no');
    const xlsx = await viewer.get(url('/coverage.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Gaps x codes', 'Gaps x respondent groups', 'Long form']);
    expect(book.getWorksheet('Gaps x codes')!.getRow(2).getCell(1).value).toBe(gap.statement);

    // Removing the links flags the gap again; undo brings them back.
    expect((await owner.patch(url(`/gaps/${gap.id}/codes/${linkId}`), { relation: 'contradicts' })).json().links[0].relation).toBe('contradicts');
    expect((await owner.delete(url(`/gaps/${gap.id}/codes/${linkId}`))).statusCode).toBe(204);
    const undo = await owner.post(`/api/projects/${projectId}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await owner.get(url('/coverage'))).json().gaps[0].codes[0]).toMatchObject({ relation: 'contradicts', evidence: 1 });
  });

  it('writes the gap report as escaped, printable HTML and as a workbook', async () => {
    const src = (await owner.post(url('/sources'), { title: 'A <script>bad()</script> study', authors: 'Doe, Jane', year: 2020, venue: 'Fictional Journal' })).json();
    const gap = (await owner.post(url('/gaps'), { statement: 'Costs <unknown> & unstudied', scope: 'belgium', focus: 'cost_effectiveness', sourceIds: [src.id] })).json();
    await owner.post(url('/gaps'), { statement: 'An international gap', scope: 'international' });
    const link = (await owner.post(url(`/gaps/${gap.id}/codes`), { codeId: codes.missing, relation: 'fills', note: '<i>note</i>' })).json().links[0];
    await owner.post(url(`/gaps/${gap.id}/codes/${link.linkId}/evidence`), { segmentId: segments.b1 });

    const html = await viewer.get(url('/gaps/report.html?scope=belgium'));
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Cost data are missing everywhere, &lt;b&gt;honestly&lt;/b&gt;');
    expect(html.body).toContain('Costs &lt;unknown&gt; &amp; unstudied');
    expect(html.body).toContain('&lt;i&gt;note&lt;/i&gt;');
    expect(html.body).toContain('<i>Fictional Journal</i>');
    expect(html.body).not.toContain('<script>');
    expect(html.body).not.toContain('<b>honestly');
    expect(html.body).toContain('@media print');
    expect(html.body).not.toContain('An international gap');
    expect(html.body).toContain('P &lt;Gaps&gt;');

    const xlsx = await viewer.get(url('/gaps/report.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Gap report')!;
    expect(sheet.getRow(2).getCell(9).value).toBe('Cost data are missing everywhere, <b>honestly</b>');
    expect(sheet.getRow(2).getCell(10).value).toBe('beta');
    expect(sheet.rowCount).toBe(3);
  });

  it('writes the gap report and the coverage in the reader\'s language (user locale, else Accept-Language)', async () => {
    const src = (await owner.post(url('/sources'), { title: 'A study', authors: 'Doe, Jane', year: 2020, venue: 'Fictional Journal' })).json();
    const gap = (await owner.post(url('/gaps'), { statement: 'No Belgian cost studies', scope: 'belgium', focus: 'cost_effectiveness', sourceIds: [src.id] })).json();
    await owner.post(url('/gaps'), { statement: 'Nothing on dealers', scope: 'international', focus: 'offenders' });
    const link = (await owner.post(url(`/gaps/${gap.id}/codes`), { codeId: codes.missing, relation: 'fills' })).json().links[0];
    await owner.post(url(`/gaps/${gap.id}/codes/${link.linkId}/evidence`), { segmentId: segments.b1 });
    const other = (await owner.post(url(`/gaps/${gap.id}/codes`), { codeId: codes.cost, relation: 'contradicts' })).json().links
      .find((l: { codeId: string }) => l.codeId === codes.cost);
    await owner.post(url(`/gaps/${gap.id}/codes/${other.linkId}/evidence`), { segmentId: segments.a1 });
    expect((await viewer.patch('/api/auth/me', { locale: 'nl' })).statusCode).toBe(200);
    const dutch = new Agent(t.app, { ...viewer.headers, 'accept-language': 'fr' }, viewer.user);
    const french = new Agent(t.app, { ...owner.headers, 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' }, owner.user);
    const load = async (payload: Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(payload as unknown as ArrayBuffer);
      return book;
    };

    const nl = (await dutch.get(url('/gaps/report.html?scope=belgium'))).body;
    expect(nl).toContain('<html lang="nl">');
    for (const text of ['Lacunes in de literatuur en evidentie uit de interviews', '1 lacune(s) · reikwijdte: België', 'Kosteneffectiviteit', 'Wat de interviews zeggen',
      'vult in', 'spreekt tegen', '(1 passages, 1 respondenten)', 'Belgische respondent', 'respondent uit onbekende groep']) {
      expect(nl).toContain(text);
    }
    const fr = (await french.get(url('/gaps/report.html'))).body;
    expect(fr).toContain('<html lang="fr">');
    for (const text of ['Lacunes de la littérature et éclairage des entretiens', '2 lacune(s)', 'Coût-efficacité', 'comble', 'répondant belge', 'Pas encore de preuves issues des entretiens']) {
      expect(fr).toContain(text);
    }
    const en = (await owner.get(url('/gaps/report.html'))).body;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Literature gaps and interview evidence');
    expect(en).toContain('Belgian respondent');

    const report = (await load((await dutch.get(url('/gaps/report.xlsx'))).rawPayload)).worksheets[0]!;
    expect(report.name).toBe('Lacunerapport');
    expect(report.getRow(1).values).toEqual([undefined, 'Lacune', 'Focus', 'Reikwijdte', 'Status', 'Bronnen', 'Code', 'Relatie', 'Notitie bij de koppeling', 'Citaat',
      'Respondent (document)', 'Respondentengroep', 'Spreker', 'Notitie bij het citaat']);
    expect(report.getRow(2).values).toEqual(expect.arrayContaining(['No Belgian cost studies', 'Kosteneffectiviteit', 'België', 'Open', 'vult in', 'beta', 'onbekend']));

    const csv = (await dutch.get(url('/coverage.csv'))).body.replace(/^\uFEFF/, '');
    expect(csv.split('\n')[0]).toBe('Lacune,Focus,Reikwijdte,Status,Dimensie,Code of groep,Relatie,Ondersteunende passages,Respondenten,Citaten als evidentie,Geen evidentie');
    // Codes stay codes in the long form (for analysis software); words are in the reader's language.
    expect(csv).toContain('No Belgian cost studies,cost_effectiveness,belgium,open,code,Cost-effectiveness > Missing cost data,fills,1,1,1,nee');
    expect(csv).toContain('Nothing on dealers,offenders,international,open,totaal,,,0,0,0,ja');
    expect((await french.get(url('/coverage.csv'))).body.split('\n')[0]).toContain('Lacune,Axe,Portée,Statut,Dimension,Code ou groupe');
    expect((await owner.get(url('/coverage.csv'))).body.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
      'Gap,Focus,Scope,Status,Dimension,Code or group,Relation,Supporting segments,Respondents,Evidence quotes,No evidence');
    const coverage = await load((await french.get(url('/coverage.xlsx'))).rawPayload);
    expect(coverage.worksheets.map((w) => w.name)).toEqual(['Lacunes x codes', 'Lacunes x groupes de répondants', 'Format long']);
    expect(coverage.worksheets[1]!.getRow(1).values).toEqual([undefined, 'Lacune (passages / répondants / citations)', 'international', 'belge', 'inconnu', 'Total', 'Aucune preuve']);
    expect(coverage.worksheets[1]!.getRow(3).values).toEqual(expect.arrayContaining(['Nothing on dealers', 'oui']));
  });
});
