import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZipSafely } from '../../server/features/exchange/safe-zip';
import { onWordBoundaries } from '../../server/features/exchange/refi-positions';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { describeWithSamples, samplePath } from '../helpers/shared-samples';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';
import { tinyProject, TINY_TEXT, zipOf } from './refi-fixtures';

const NVIVO = 'nvivo-win-12.6_oltas0517.qdpx';
const ATLAS = 'atlasti-8.4-mac_refi-standard-project.qde';

/** Counts elements in the XML independently of the importer (a plain regular expression). */
const countTags = (xml: string, tag: string) => (xml.match(new RegExp(`<${tag}[\\s>/]`, 'g')) ?? []).length;

describe.each(DIALECTS)('REFI-QDA project import (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
  });
  afterEach(() => t.close());

  const rows = (projectId: string) => Promise.all([
    t.app.db.selectFrom('documents').innerJoin('document_revisions', 'document_revisions.id', 'documents.current_revision_id')
      .select(['documents.id', 'documents.name', 'document_revisions.text']).where('project_id', '=', projectId).execute(),
    t.app.db.selectFrom('segments').innerJoin('documents', 'documents.id', 'segments.document_id').selectAll('segments').where('project_id', '=', projectId).execute(),
    t.app.db.selectFrom('codings').innerJoin('codes', 'codes.id', 'codings.code_id').select(['codings.segment_id', 'codings.coder_id', 'codes.name']).where('project_id', '=', projectId).execute(),
  ]);

  it('imports a small .qdpx: BOM, CRLF and an emoji before the passage, GUIDs in any case, coders kept apart', async () => {
    const zip = await zipOf({ 'export/Project.QDE': tinyProject(), 'Sources/S1.TXT': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TINY_TEXT)]) });
    const res = await owner.upload('/api/projects/import', [{ name: 'tiny.qdpx', content: zip }]);
    expect(res.statusCode).toBe(201);
    const { project, report } = res.json();
    expect(project).toMatchObject({ name: 'Tiny', role: 'owner' });
    expect(report.imported).toMatchObject({ users: 2, codes: 1, documents: 1, selections: 1, segments: 1, codings: 1 });
    const [docs, segments, codings] = await rows(project.id);
    expect(docs[0]!.text).toBe('We called the 😀housing office twice.\nNobody answered.');
    expect(segments[0]!.exact).toBe('housing office');
    // The passage was made by Ann, the coding by Bob: two placeholder accounts, both members.
    expect(report.coders.map((c: { refiName: string; placeholder: boolean }) => [c.refiName, c.placeholder])).toEqual([['Ann', true], ['Bob', true]]);
    expect(segments[0]!.created_by).not.toBe(codings[0]!.coder_id);
    const members = (await owner.get(`/api/projects/${project.id}/members`)).json();
    expect(JSON.stringify(members)).toMatch(/Bob/);
    // Placeholders cannot sign in; importing the file again reuses them.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'refi-aaaaaaaa-0000-0000-0000-000000000002@import.invalid', password: '!refi-import-placeholder' } });
    expect(login.statusCode).toBe(401);
    const again = await owner.upload('/api/projects/import', [{ name: 'tiny.qdpx', content: zip }]);
    expect(again.json().project.name).toBe('Tiny (imported)');
    expect((await t.app.db.selectFrom('users').select('id').where('email', 'like', 'refi-%').execute()).length).toBe(2);
  });

  it('attributes a file with one user, or a user with the importer\'s name, to the importer', async () => {
    const xml = tinyProject().replace('name="Ann"', 'name="Olivia Owner"');
    const zip = await zipOf({ 'project.qde': xml, 'sources/s1.txt': TINY_TEXT });
    const { report, project } = (await owner.upload('/api/projects/import', [{ name: 't.qdpx', content: zip }])).json();
    expect(report.coders[0]).toMatchObject({ refiName: 'Olivia Owner', placeholder: false });
    const [, segments] = await rows(project.id);
    expect(segments[0]!.created_by).toBe(owner.user.id);
  });

  it('reads a .qde written in UTF-16 with a BOM', async () => {
    const xml = tinyProject().replace('encoding="utf-8"', 'encoding="utf-16"');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const zip = await zipOf({ 'project.qde': bytes, 'sources/s1.txt': TINY_TEXT });
    const res = await owner.upload('/api/projects/import', [{ name: 'u16.qdpx', content: zip }]);
    expect(res.statusCode).toBe(201);
    expect(res.json().report.imported).toMatchObject({ documents: 1, codings: 1 });
  });

  describeWithSamples('real files from NVivo and ATLAS.ti', () => {
    it('NVivo 12.6 (Windows) .qdpx: every count as in the file, every passage on the same words', async () => {
      const bytes = readFileSync(samplePath('refi-qda', NVIVO));
      const res = await owner.upload('/api/projects/import', [{ name: NVIVO, content: bytes }]);
      expect(res.statusCode).toBe(201);
      const { project, report } = res.json();
      const entries = await readZipSafely(bytes, { maxEntries: 100, maxTotalBytes: 1e8, maxEntryBytes: 1e8 });
      const xml = entries.get('project.qde')!.toString('utf8');
      expect(report.imported).toMatchObject({
        users: countTags(xml, 'User'), codes: countTags(xml, 'Code'), documents: countTags(xml, 'TextSource'),
        selections: countTags(xml, 'PlainTextSelection'), codings: countTags(xml, 'Coding'),
      });
      expect(report.imported).toMatchObject({ users: 2, codes: 152, documents: 2, selections: 303, codings: 303 });
      expect(report.converted.join(' ')).toMatch(/UTF-16 units .* counted as two/);
      expect(report.skipped).toEqual([]);
      // Independent check: NVivo's positions are UTF-16 units of the .txt with CRLF as two; slice
      // the raw file so, normalise the slice, and find it as a passage of the workbench.
      const [docs, segments, codings] = await rows(project.id);
      const byGuid = new Map<string, string>();
      for (const m of xml.matchAll(/<TextSource guid="([^"]+)" name="([^"]+)"/g)) byGuid.set(m[1]!, m[2]!);
      let checked = 0;
      const offBoundary: string[] = [];
      for (const source of xml.split('<TextSource ').slice(1)) {
        const guid = /guid="([^"]+)"/.exec(source)![1]!;
        const raw = entries.get(`Sources/${guid}.txt`)!.toString('utf8').replace(/^\uFEFF/, '');
        const doc = docs.find((d) => d.name === byGuid.get(guid))!;
        expect(doc.text).toBe(raw.replace(/\r\n/g, '\n').normalize('NFC'));
        const exacts = new Set(segments.filter((s) => s.document_id === doc.id).map((s) => s.exact));
        for (const m of source.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)) {
          const expected = raw.slice(Number(m[1]), Number(m[2])).replace(/\r\n/g, '\n').normalize('NFC');
          expect(exacts.has(expected), expected.slice(0, 60)).toBe(true);
          checked += 1;
        }
      }
      expect(checked).toBe(303);
      for (const s of segments) {
        const doc = docs.find((d) => d.id === s.document_id)!;
        expect(doc.text.slice(s.start_offset, s.end_offset)).toBe(s.exact);
        if (!onWordBoundaries(doc.text, s.start_offset, s.end_offset)) offBoundary.push(s.exact.slice(0, 12));
      }
      // Three passages were selected mid-word by the NVivo coder ("…A|KI", "J|avitsatok", "hiede|lem"):
      // their neighbours sit on boundaries, so the conversion is right and the coder's selection is kept.
      expect(offBoundary.sort()).toEqual(['A n á czi bi', 'A statisztik', 'avitsatok ki']);
      expect(new Set(codings.map((c) => c.coder_id)).size).toBe(new Set([...xml.matchAll(/<Coding [^>]*creatingUser="([^"]+)"/g)].map((m) => m[1])).size);
    });

    it('takes the text from the .docx (mammoth) when the plain text is missing, and says so', async () => {
      const docx = readFileSync(samplePath('docx', 'mammoth_single-paragraph.docx'));
      const xml = tinyProject({ plainTextPath: 'internal://missing.txt', start: 11, end: 23 }).replace('plainTextPath=', 'richTextPath="internal://s1.docx" plainTextPath=');
      const zip = await zipOf({ 'project.qde': xml, 'Sources/s1.docx': docx });
      const { project, report } = (await owner.upload('/api/projects/import', [{ name: 'd.qdpx', content: zip }])).json();
      expect(report.warnings.join(' ')).toMatch(/taken from its \.docx/);
      const [docs, segments] = await rows(project.id);
      expect(docs[0]!.text).toBe('Walking on imported air');
      expect(segments[0]!.exact).toBe('imported air');
    });

    it('ATLAS.ti 8.4 (Mac) .qde: codebook with A::B hierarchy, users, notes; texts and media reported as skipped', async () => {
      const bytes = readFileSync(samplePath('refi-qda', ATLAS));
      const xml = bytes.toString('utf8');
      const res = await owner.upload('/api/projects/import', [{ name: ATLAS, content: bytes }]);
      expect(res.statusCode).toBe(201);
      const { project, report } = res.json();
      expect(project.name).toBe('ATLAS.ti standard project');
      expect(report.imported).toMatchObject({ users: countTags(xml, 'User'), codes: countTags(xml, 'Code'), documents: 0, memos: countTags(xml, 'Note') });
      const codes = (await owner.get(`/api/projects/${project.id}/codes`)).json();
      const list = (Array.isArray(codes) ? codes : codes.codes) as { id: string; name: string; parentId: string | null; color: string; definition: string }[];
      const coke = list.find((c) => c.name === 'Coke')!;
      expect(list.filter((c) => c.parentId === coke.id).map((c) => c.name).sort()).toEqual(['diet Coke', 'full-fat Coke']);
      expect(list.find((c) => c.name === 'diet Coke')).toMatchObject({ color: '#966450', definition: 'non sucré' });
      const skipped = report.skipped.map((s: { kind: string; name: string }) => `${s.kind}: ${s.name}`);
      expect(skipped).toEqual(expect.arrayContaining(['text source: Mabel.txt', 'text source: Simon.docx', 'PDF: Kellogg\'s Passion for Nutrition.pdf', 'picture: cornflakes-n-milk.jpg', 'audio: Jeanine\'s Breakfast.m4a', 'video: 1960s Coca Cola commercial.mp4']));
      expect(report.skipped.find((s: { name: string }) => s.name === 'Simon.docx').reason).toMatch(/\.qde file alone .* \.qdpx/);
      expect(report.coders.filter((c: { placeholder: boolean }) => c.placeholder)).toHaveLength(3);
      const memos = await t.app.db.selectFrom('memos').select(['title', 'body', 'target_type']).where('project_id', '=', project.id).execute();
      expect(memos.map((m) => m.title).sort()).toEqual(['My favorite Coke ad', 'Research Plan']);
    });
  });
});

const qdc = (ns: string, prefix = '') => `<?xml version="1.0" encoding="utf-8"?>
<${prefix}CodeBook xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="urn:QDA-XML:${ns}" origin="QualCoder">
  <${prefix}Codes>
    <${prefix}Code guid="1" name="Outcomes" isCodable="true" color="#123456"><${prefix}Description>Effects</${prefix}Description>
      <${prefix}Code guid="2" name="Relapse" isCodable="true"/>
    </${prefix}Code>
    <${prefix}Code guid="3" name="Risks::Debt" isCodable="true"/>
  </${prefix}Codes>
</${prefix}CodeBook>`;

describe.each(DIALECTS)('REFI-QDA codebook import (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let projectId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
  });
  afterEach(() => t.close());

  it.each([['codebook:1.0', ''], ['codebook:1:0', 'q:'], ['codebook:0:4', '']])('reads namespace %s (prefix "%s"), then merges by path', async (ns, prefix) => {
    await owner.post(`/api/projects/${projectId}/codes`, { name: 'outcomes' });
    const res = await owner.upload(`/api/projects/${projectId}/codebook.qdc`, [{ name: 'c.qdc', content: qdc(ns, prefix) }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 3, updated: 1, skipped: 0 });
    expect(res.json().report.codes.map((c: { path: string; status: string }) => `${c.path}=${c.status}`))
      .toEqual(['Outcomes=updated', 'Outcomes > Relapse=created', 'Risks=created', 'Risks > Debt=created']);
    const codes = (await t.app.db.selectFrom('codes').select(['name', 'color', 'definition']).where('project_id', '=', projectId).execute());
    expect(codes.find((c) => c.name === 'outcomes')).toMatchObject({ color: '#123456', definition: 'Effects' });
    const again = (await owner.upload(`/api/projects/${projectId}/codebook.qdc`, [{ name: 'c.qdc', content: qdc(ns, prefix) }])).json();
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: 4 });
    const history = (await owner.get(`/api/projects/${projectId}/events`)).json();
    expect(JSON.stringify(history)).toMatch(/codebook\.imported/);
  });

  it('is for leads: a coder gets 403; a DOCTYPE is refused', async () => {
    const coder = await createUser(owner, 'coder@example.org');
    await owner.post(`/api/projects/${projectId}/members`, { userId: coder.user.id, role: 'coder' });
    expect((await coder.upload(`/api/projects/${projectId}/codebook.qdc`, [{ name: 'c.qdc', content: qdc('codebook:1.0') }])).statusCode).toBe(403);
    const res = await owner.upload(`/api/projects/${projectId}/codebook.qdc`, [{ name: 'c.qdc', content: `<!DOCTYPE x [<!ENTITY a "b">]>${qdc('codebook:1.0')}` }]);
    expect(res.json().error.code).toBe('XML_UNSAFE');
  });
});
