import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER, seedDemo } from '../../server/demo/seed-demo';
import { shorten } from '../../server/features/exchange/qde-xml';
import { Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';
import { CODEBOOK_XSD, describeWithSchemas, parseRefi, PROJECT_XSD, unzip, xsdErrors } from './refi-validate';

// Accents, combining-free NFC letters, and astral characters (emoji, math letters) BEFORE the coded words.
const TEXT = `Interviewer: Café ☕ et crème brûlée? 😀🎉 Où étiez-vous après la sortie?

Respondent: Après 𝒳 mois 👩‍👩‍👧 j'ai rechuté très vite. Le logement social n'a jamais rappelé.

Interviewer: Et le coût?

Respondent: Chaque client 💶 coûte environ quarante euros par semaine, bien moins que la prison.`;
const DOCX = readFileSync(new URL('../../fixtures/demo/transcripts/en-uk-drug-courts.docx', import.meta.url));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type Node = Record<string, any>;

/** Every code in a nested `Code` list, with its path. */
function flatten(codes: Node[] = [], path: string[] = []): { path: string; code: Node }[] {
  return codes.flatMap((c) => [{ path: [...path, c['@_name']].join(' > '), code: c }, ...flatten(c.Code, [...path, c['@_name']])]);
}

/** Checks that each selection's code-point range cuts exactly the quoted words from the exported text. */
function checkSelections(files: Map<string, Buffer>, project: Node): number {
  let n = 0;
  for (const source of project.Sources?.TextSource ?? []) {
    const path = String(source['@_plainTextPath']).replace('internal://', 'sources/');
    const points = [...files.get(path)!.toString('utf8')];
    for (const sel of source.PlainTextSelection ?? []) {
      const cut = points.slice(Number(sel['@_startPosition']), Number(sel['@_endPosition'])).join('');
      expect(shorten(cut), `${source['@_name']} ${sel['@_startPosition']}`).toBe(sel['@_name']);
      n++;
    }
  }
  return n;
}

describe.each(DIALECTS)('REFI-QDA export (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let coder: Agent;
  let viewer: Agent;
  let projectId: string;
  let textDoc: { id: string; text: string };
  let docxDocId: string;
  const codes: Record<string, string> = {};
  const segments: Record<string, string> = {};
  let qdpx: { status: number; headers: Record<string, unknown>; files: Map<string, Buffer>; xml: string; project: Node };
  let qdc: { status: number; headers: Record<string, unknown>; xml: string };

  const code = async (who: Agent, phrase: string, names: string[]) => {
    const start = textDoc.text.indexOf(phrase);
    const res = await who.post(`/api/documents/${textDoc.id}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: names.map((n) => codes[n]!) });
    expect(res.statusCode, res.body).toBe(201);
    segments[phrase] = res.json().id;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    coder = await createUser(owner, 'coder@example.org', 'Cora Coder');
    viewer = await createUser(owner, 'viewer@example.org', 'Vic Viewer');
    projectId = (await owner.post('/api/projects', { name: 'Récidive & logement 🏠', description: 'Pilot <study> on relapse & housing' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    await owner.post(`/api/projects/${projectId}/members`, { userId: viewer.user.id, role: 'viewer' });
    const up = await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'entretien-liège.txt', content: TEXT }, { name: 'drug-courts.docx', content: DOCX }]);
    expect(up.statusCode, up.body).toBe(201);
    const [a, b] = up.json().documents;
    textDoc = { id: a.id, text: (await owner.get(`/api/documents/${a.id}`)).json().text };
    docxDocId = b.id;
    const mk = async (key: string, body: object) => {
      const res = await owner.post(`/api/projects/${projectId}/codes`, body);
      expect(res.statusCode, res.body).toBe(201);
      codes[key] = res.json().id;
    };
    await mk('Outcomes', { name: 'Outcomes', color: '#1f77b4', definition: 'What happened after the intervention.', inclusion: 'Relapse, housing', exclusion: 'Costs', example: '"I relapsed"' });
    await mk('Relapse', { name: 'Relapse', parentId: codes.Outcomes, color: '#d62728' });
    await mk('Quick relapse', { name: 'Quick relapse', parentId: codes.Relapse });
    await mk('Housing', { name: 'Housing', parentId: codes.Outcomes });
    await mk('Cost', { name: 'Cost per client', definition: 'Money & <time> per client' });
    await mk('Gone', { name: 'Old code' });
    await code(owner, "j'ai rechuté très vite", ['Quick relapse']);
    await code(coder, 'Le logement social', ['Housing', 'Outcomes']);
    await code(coder, 'quarante euros par semaine', ['Cost']);
    await code(owner, 'Où étiez-vous', ['Gone']);
    // An archived code keeps its codings but is not codable any more.
    expect((await owner.patch(`/api/projects/${projectId}/codes/${codes.Gone}`, { archived: true })).statusCode).toBe(200);
    // A correction removes a coded passage: that segment becomes orphaned and is not exported.
    const corrected = textDoc.text.replace(' Où étiez-vous après la sortie?', ' Et ensuite?');
    const rev = await owner.post(`/api/documents/${textDoc.id}/revisions`, { text: corrected });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json().segments.orphaned).toBe(1);
    textDoc.text = corrected;
    // Memos on the project, a document, a code and a segment (tagged with a code).
    for (const memo of [
      { targetType: 'project', title: 'Plan', body: 'Project memo: code housing first.' },
      { targetType: 'document', targetId: textDoc.id, title: 'Context', body: 'Interview in Liège, 2 hours.' },
      { targetType: 'code', targetId: codes.Relapse, title: '', body: 'Relapse is often linked\nto losing housing.' },
      { targetType: 'segment', targetId: segments["j'ai rechuté très vite"], title: 'Speed', body: 'Very fast relapse.', codeIds: [codes.Housing] },
    ]) expect((await owner.post(`/api/projects/${projectId}/memos`, memo)).statusCode).toBe(201);
    // Attributes: respondent group and date (built-in), a number and a choice.
    const age = (await owner.post(`/api/projects/${projectId}/attributes`, { name: 'Age', type: 'number' })).json().id;
    const region = (await owner.post(`/api/projects/${projectId}/attributes`, { name: 'Région', type: 'choice', choices: ['Wallonie', 'Flandre'] })).json().id;
    expect((await owner.patch(`/api/documents/${textDoc.id}`, { respondentGroup: 'belgian', interviewDate: '2026-03-14', attributes: { [age]: '42', [region]: 'Wallonie' } })).statusCode).toBe(200);
    expect((await owner.patch(`/api/documents/${docxDocId}`, { respondentGroup: 'international', attributes: { [age]: '37.5' } })).statusCode).toBe(200);

    const res = await viewer.get(`/api/projects/${projectId}/export.qdpx`);
    const files = res.statusCode === 200 ? await unzip(res.rawPayload) : new Map<string, Buffer>();
    const xml = files.get('project.qde')?.toString('utf8') ?? '';
    qdpx = { status: res.statusCode, headers: res.headers, files, xml, project: xml ? parseRefi(xml).Project : {} };
    const c = await viewer.get(`/api/projects/${projectId}/codebook.qdc`);
    qdc = { status: c.statusCode, headers: c.headers, xml: c.body };
  });
  afterAll(() => t?.close());

  it('downloads a .qdpx (viewer+) with a safe file name, project.qde and sources/', () => {
    expect(qdpx.status).toBe(200);
    expect(qdpx.headers['content-type']).toBe('application/zip');
    expect(qdpx.headers['content-disposition']).toBe(`attachment; filename="project.qdpx"; filename*=UTF-8''${encodeURIComponent('Récidive  logement.qdpx')}`);
    expect(qdpx.headers['x-skipped-segments']).toBe('1');
    const names = [...qdpx.files.keys()].sort();
    expect(names).toEqual(['project.qde', `sources/${docxDocId}.docx`, `sources/${docxDocId}.txt`, `sources/${textDoc.id}.txt`].sort());
    expect(qdpx.files.get(`sources/${docxDocId}.docx`)!.equals(DOCX)).toBe(true);
    const plain = qdpx.files.get(`sources/${textDoc.id}.txt`)!;
    expect(plain.toString('utf8')).toBe(textDoc.text);
    expect(plain.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
  });

  it('writes users, the nested codebook with colours and descriptions, and GUIDs everywhere', () => {
    const p = qdpx.project;
    expect(p['@_xmlns']).toBe('urn:QDA-XML:project:1.0');
    expect(p['@_name']).toBe('Récidive & logement 🏠');
    expect(p.Description).toBe('Pilot <study> on relapse & housing');
    expect(p['@_creationDateTime']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(p.Users.User.map((u: Node) => [u['@_guid'], u['@_name']])).toEqual([[owner.user.id, 'Olivia Owner'], [coder.user.id, 'Cora Coder'], [viewer.user.id, 'Vic Viewer']]);
    const flat = flatten(p.CodeBook.Codes.Code);
    expect(flat.map((f) => f.path)).toEqual(['Outcomes', 'Outcomes > Relapse', 'Outcomes > Relapse > Quick relapse', 'Outcomes > Housing', 'Cost per client', 'Old code']);
    const outcomes = flat[0]!.code;
    expect(outcomes['@_color']).toBe('#1F77B4');
    expect(outcomes.Description).toBe('What happened after the intervention.\n\nInclusion criteria: Relapse, housing\n\nExclusion criteria: Costs\n\nExample: "I relapsed"');
    expect(flat.map((f) => f.code['@_isCodable'])).toEqual(['true', 'true', 'true', 'true', 'true', 'false']);
    for (const f of flat) expect(f.code['@_guid']).toMatch(GUID);
    expect(qdpx.xml.match(/(?:guid|GUID|User)="([^"]*)"/g)!.every((m) => GUID.test(m.split('"')[1]!))).toBe(true);
  });

  it('exports selections in code points that cut exactly the coded words, with one coding per coder', () => {
    const [source] = qdpx.project.Sources.TextSource.filter((s: Node) => s['@_guid'] === textDoc.id);
    expect(source['@_plainTextPath']).toBe(`internal://${textDoc.id}.txt`);
    expect(source['@_richTextPath']).toBeUndefined();
    const docx = qdpx.project.Sources.TextSource.find((s: Node) => s['@_guid'] === docxDocId);
    expect(docx['@_richTextPath']).toBe(`internal://${docxDocId}.docx`);
    const sels = source.PlainTextSelection;
    expect(sels.map((s: Node) => s['@_name'])).toEqual(["j'ai rechuté très vite", 'Le logement social', 'quarante euros par semaine']);
    const points = [...textDoc.text];
    const utf16Start = textDoc.text.indexOf("j'ai rechuté");
    expect(Number(sels[0]['@_startPosition'])).toBeLessThan(utf16Start); // astral characters before it count once
    for (const s of sels) expect(points.slice(Number(s['@_startPosition']), Number(s['@_endPosition'])).join('')).toBe(s['@_name']);
    expect(checkSelections(qdpx.files, qdpx.project)).toBe(3);
    const codings = sels.map((s: Node) => s.Coding.map((c: Node) => [c.CodeRef['@_targetGUID'], c['@_creatingUser']]).sort());
    expect(codings).toEqual([
      [[codes['Quick relapse'], owner.user.id]],
      [[codes.Housing, coder.user.id], [codes.Outcomes, coder.user.id]].sort(),
      [[codes.Cost, coder.user.id]],
    ]);
    expect(sels[1]['@_creatingUser']).toBe(coder.user.id);
  });

  it('exports memos as notes referenced from their targets, and tags as links', () => {
    const p = qdpx.project;
    const notes = new Map<string, Node>(p.Notes.Note.map((n: Node) => [n['@_name'], n]));
    expect([...notes.keys()]).toEqual(['Plan', 'Context', 'Relapse is often linked to losing housing.', 'Speed']);
    expect(notes.get('Relapse is often linked to losing housing.')!.PlainTextContent).toBe('Relapse is often linked\nto losing housing.');
    expect(p.NoteRef.map((r: Node) => r['@_targetGUID'])).toEqual([notes.get('Plan')!['@_guid']]);
    const source = p.Sources.TextSource.find((s: Node) => s['@_guid'] === textDoc.id);
    expect(source.NoteRef[0]['@_targetGUID']).toBe(notes.get('Context')!['@_guid']);
    expect(source.PlainTextSelection[0].NoteRef[0]['@_targetGUID']).toBe(notes.get('Speed')!['@_guid']);
    const relapse = flatten(p.CodeBook.Codes.Code).find((f) => f.path === 'Outcomes > Relapse')!.code;
    expect(relapse.NoteRef[0]['@_targetGUID']).toBe(notes.get('Relapse is often linked to losing housing.')!['@_guid']);
    expect(p.Links.Link).toEqual([expect.objectContaining({ '@_originGUID': notes.get('Speed')!['@_guid'], '@_targetGUID': codes.Housing, '@_direction': 'OneWay' })]);
  });

  it('exports attributes as variables and one case per document, and respondent groups as sets', () => {
    const p = qdpx.project;
    const vars = new Map<string, Node>(p.Variables.Variable.map((v: Node) => [v['@_guid'], v]));
    expect([...vars.values()].map((v) => [v['@_name'], v['@_typeOfVariable']])).toEqual([
      ['Respondent group', 'Text'], ['Language', 'Text'], ['Interview date', 'Date'], ['Age', 'Float'], ['Région', 'Text'],
    ]);
    const cases = p.Cases.Case;
    expect(cases.map((c: Node) => [c['@_name'], c.SourceRef[0]['@_targetGUID']])).toEqual([['entretien-liège', textDoc.id], ['drug-courts', docxDocId]]);
    const values = Object.fromEntries(cases[0].VariableValue.map((v: Node) => [vars.get(v.VariableRef['@_targetGUID'])!['@_name'], v.TextValue ?? v.FloatValue ?? v.DateValue]));
    expect(values).toMatchObject({ 'Respondent group': 'belgian', 'Interview date': '2026-03-14', Age: '42', 'Région': 'Wallonie' });
    expect(p.Sets.Set.map((s: Node) => [s['@_name'], s.MemberSource.map((m: Node) => m['@_targetGUID'])])).toEqual([
      ['Respondent group: belgian', [textDoc.id]], ['Respondent group: international', [docxDocId]],
    ]);
  });

  it('downloads the codebook as .qdc', () => {
    expect(qdc.status).toBe(200);
    expect(qdc.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(String(qdc.headers['content-disposition'])).toContain('filename="codebook.qdc"');
    const book = parseRefi(qdc.xml).CodeBook;
    expect(book['@_xmlns']).toBe('urn:QDA-XML:codebook:1.0');
    expect(flatten(book.Codes.Code).map((f) => f.path)).toEqual(['Outcomes', 'Outcomes > Relapse', 'Outcomes > Relapse > Quick relapse', 'Outcomes > Housing', 'Cost per client', 'Old code']);
    expect(qdc.xml).not.toContain('NoteRef');
  });

  it('refuses strangers, and an empty codebook with a clear sentence', async () => {
    const stranger = await createUser(owner, 'stranger@example.org');
    expect([403, 404]).toContain((await stranger.get(`/api/projects/${projectId}/export.qdpx`)).statusCode);
    expect([403, 404]).toContain((await stranger.get(`/api/projects/${projectId}/codebook.qdc`)).statusCode);
    const empty = (await owner.post('/api/projects', { name: 'Empty' })).json().id;
    const res = await owner.get(`/api/projects/${empty}/codebook.qdc`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'EMPTY_CODEBOOK', message: 'This project has no codes yet, so there is no codebook to export.' });
    const files = await unzip((await owner.get(`/api/projects/${empty}/export.qdpx`)).rawPayload);
    expect([...files.keys()]).toEqual(['project.qde']);
  });

  it('leaves out the original .docx once the transcript was corrected (it would contradict the text, and could carry names replaced by pseudonyms)', async () => {
    const doc = (await owner.get(`/api/documents/${docxDocId}`)).json();
    const name = /\b[A-Z][a-z]{3,}\b/.exec(doc.text.slice(200))![0];
    expect((await owner.post(`/api/projects/${projectId}/pseudonyms`, { original: name, pseudonym: 'Pseudo' })).statusCode).toBe(201);
    const applied = await owner.post(`/api/projects/${projectId}/pseudonyms/apply`, { documentIds: [docxDocId] });
    expect(applied.statusCode).toBeLessThan(300);
    const files = await unzip((await viewer.get(`/api/projects/${projectId}/export.qdpx`)).rawPayload);
    expect([...files.keys()].sort()).toEqual(['project.qde', `sources/${docxDocId}.txt`, `sources/${textDoc.id}.txt`].sort());
    const text = files.get(`sources/${docxDocId}.txt`)!.toString('utf8');
    expect(text).toContain('Pseudo');
    expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
    const xml = files.get('project.qde')!.toString('utf8');
    expect(xml).not.toContain(`internal://${docxDocId}.docx`);
  });

  describeWithSchemas('against the official REFI-QDA schemas', () => {
    it('project.qde validates against Project-mrt2019.xsd', async () => {
      expect(await xsdErrors(qdpx.xml, PROJECT_XSD)).toEqual([]);
    });
    it('the .qdc validates against Codebook-mrt2019.xsd', async () => {
      expect(await xsdErrors(qdc.xml, CODEBOOK_XSD)).toEqual([]);
    });
    it('the validation is real: a broken export is refused', async () => {
      expect((await xsdErrors(qdpx.xml.replace('isCodable="true"', 'isCodable="yes"'), PROJECT_XSD)).join('\n')).toContain('isCodable');
      expect(await xsdErrors(qdc.xml.replace(/color="#[0-9A-F]+"/, 'color="red"'), CODEBOOK_XSD)).not.toEqual([]);
    });
    it('an empty project still validates', async () => {
      const empty = (await owner.post('/api/projects', { name: 'Nothing yet' })).json().id;
      const files = await unzip((await owner.get(`/api/projects/${empty}/export.qdpx`)).rawPayload);
      expect(await xsdErrors(files.get('project.qde')!.toString('utf8'), PROJECT_XSD)).toEqual([]);
    });
  });
});

describe.each(DIALECTS)('REFI-QDA export of the demo project (%s)', (dialect) => {
  let t: TestApp;
  let files: Map<string, Buffer>;
  let qdcXml: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { projectId } = await seedDemo(t.app.db, t.app.services);
    const owner = await Agent.login(t.app, DEMO_OWNER.email, DEMO_OWNER.password);
    const res = await owner.get(`/api/projects/${projectId}/export.qdpx`);
    expect(res.statusCode).toBe(200);
    files = await unzip(res.rawPayload);
    qdcXml = (await owner.get(`/api/projects/${projectId}/codebook.qdc`)).body;
  }, 120_000);
  afterAll(() => t?.close());

  it('exports every transcript, with selections cutting exactly their quotes', () => {
    const project = parseRefi(files.get('project.qde')!.toString('utf8')).Project;
    expect(project.Sources.TextSource.length).toBe(15);
    expect(project.Sources.TextSource.filter((s: Node) => s['@_richTextPath']).length).toBe(4);
    expect(checkSelections(files, project)).toBeGreaterThan(50);
    expect(project.Users.User.length).toBeGreaterThanOrEqual(3);
  });

  describeWithSchemas('against the official REFI-QDA schemas', () => {
    it('validates project.qde and the .qdc', async () => {
      expect(await xsdErrors(files.get('project.qde')!.toString('utf8'), PROJECT_XSD)).toEqual([]);
      expect(await xsdErrors(qdcXml, CODEBOOK_XSD)).toEqual([]);
    });
  });
});
