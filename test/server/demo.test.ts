import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keywordPattern, readCodebook, sentenceSpans } from '../../server/demo/seed-coding';
import { DEMO_OWNER, readManifest, seedDemo } from '../../server/demo/seed-demo';
import { Agent } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

interface Code { id: string; parentId: string | null; name: string; definition: string; inclusion: string; exclusion: string; example: string; color: string; position: number; codingCount: number }
interface Segment { id: string; start: number; end: number; exact: string; status: string; coderId: string; codes: { codeId: string; coderId: string }[] }

const FOCI = ['Offender characteristics and working mechanisms', 'Cost-effectiveness', 'Evaluation studies'];

describe('demo coding helpers', () => {
  it('matches keywords as whole words, with * for any ending, across languages', () => {
    const debt = keywordPattern(['debt*', 'schulden', "dette envers"]);
    expect(debt.test('They have debts everywhere.')).toBe(true);
    expect(debt.test('De meesten hebben schulden.')).toBe(true);
    expect(debt.test('une dette envers un dealer')).toBe(true);
    expect(debt.test('une dette envers un dealer'.toUpperCase())).toBe(true);
    expect(debt.test('indebtedness')).toBe(false);
    expect(keywordPattern(['housing first']).test('Housing First-woningen')).toBe(true);
    expect(keywordPattern(["logement d'abord"]).test('le logement d’abord')).toBe(true);
  });

  it('splits a turn into sentences at offsets of the whole text', () => {
    const text = 'Interviewer: Why?\n\nRespondent: It works. (laughs) Art. 458ter helps... But not always! Right?';
    const start = text.indexOf('It works');
    const spans = sentenceSpans(text, start, text.length).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['It works.', '(laughs) Art. 458ter helps...', 'But not always!', 'Right?']);
  });

  it('has a codebook whose leaves all carry English, Dutch and French keywords', () => {
    const leaves: { name: string; keywords?: string[] }[] = [];
    const walk = (codes: ReturnType<typeof readCodebook>['codes']) => {
      for (const c of codes) {
        expect(c.definition, c.name).toBeTruthy();
        if (c.children?.length) walk(c.children);
        else leaves.push(c);
      }
    };
    walk(readCodebook().codes);
    expect(leaves.length).toBeGreaterThanOrEqual(30);
    for (const leaf of leaves) expect(leaf.keywords?.length ?? 0, leaf.name).toBeGreaterThanOrEqual(3);
  });
});

describe.each(DIALECTS)('demo project (%s)', (dialect) => {
  let t: TestApp;
  let projectId: string;
  let owner: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const result = await seedDemo(t.app.db, t.app.services);
    expect(result.projectId).toBeTruthy();
    projectId = result.projectId!;
    owner = await Agent.login(t.app, DEMO_OWNER.email, DEMO_OWNER.password);
  });
  afterAll(() => t?.close());

  it('loads every fictional transcript through the real importer, with attributes and two coders', async () => {
    const manifest = readManifest();
    expect(manifest.documents.length).toBeGreaterThanOrEqual(12);
    const documents = (await owner.get(`/api/projects/${projectId}/documents`)).json().documents;
    expect(documents).toHaveLength(manifest.documents.length);
    const formats = new Set(documents.map((d: { format: string }) => d.format));
    expect(formats).toEqual(new Set(['docx', 'txt', 'vtt']));
    expect(new Set(documents.map((d: { language: string }) => d.language))).toEqual(new Set(['en', 'nl', 'fr']));
    expect(new Set(documents.map((d: { respondentGroup: string }) => d.respondentGroup))).toEqual(new Set(['international', 'belgian']));
    for (const d of documents) {
      expect(d.wordCount, d.name).toBeGreaterThanOrEqual(1400);
      expect(d.wordCount, d.name).toBeLessThanOrEqual(4000);
      expect(d.interviewDate, d.name).toMatch(/^2026-/);
      expect(Object.keys(d.attributes).length, d.name).toBe(manifest.attributes.length);
      expect(d.speakers.some((s: { role: string }) => s.role === 'interviewer'), `${d.name} has an interviewer`).toBe(true);
      expect(d.speakers.some((s: { role: string }) => s.role === 'respondent'), `${d.name} has a respondent`).toBe(true);
    }
    // The language the importer detects agrees with the manifest for every transcript.
    for (const entry of manifest.documents) {
      const doc = documents.find((d: { fileName: string }) => d.fileName === entry.file);
      expect(doc.language, entry.file).toBe(entry.language);
    }
    const members = (await owner.get(`/api/projects/${projectId}/members`)).json().members;
    expect(members.filter((m: { role: string }) => m.role === 'coder')).toHaveLength(2);
    expect((await seedDemo(t.app.db, t.app.services, { onlyIfEmpty: true })).projectId).toBeNull();
  });

  it('has a codebook with the three foci at the top and nested codes with definitions', async () => {
    const codes: Code[] = (await owner.get(`/api/projects/${projectId}/codes`)).json().codes;
    const top = codes.filter((c) => c.parentId === null).sort((a, b) => a.position - b.position);
    expect(top.slice(0, 3).map((c) => c.name)).toEqual(FOCI);
    expect(top.map((c) => c.name)).toEqual(expect.arrayContaining(['Implementation barriers', 'Systemic crime', 'Economic-compulsive crime', 'Stigma', 'Relapse']));
    const byId = new Map(codes.map((c) => [c.id, c]));
    const depth = (c: Code): number => (c.parentId ? 1 + depth(byId.get(c.parentId)!) : 1);
    expect(Math.max(...codes.map(depth))).toBe(3);
    const outreach = codes.find((c) => c.name === 'Outreach')!;
    expect(byId.get(outreach.parentId!)!.name).toBe('Working mechanisms');
    expect(byId.get(byId.get(outreach.parentId!)!.parentId!)!.name).toBe(FOCI[0]);
    for (const c of codes) {
      expect(c.definition, c.name).not.toBe('');
      expect(c.inclusion, c.name).not.toBe('');
      expect(c.exclusion, c.name).not.toBe('');
      expect(c.example, c.name).not.toBe('');
      expect(c.color, c.name).toMatch(/^#[0-9A-Fa-f]{6}$/);
    }
    // Every leaf code is used at least once.
    const leaves = codes.filter((c) => !codes.some((o) => o.parentId === c.id));
    for (const leaf of leaves) expect(leaf.codingCount, leaf.name).toBeGreaterThan(0);
  });

  it('has fictional literature, gaps with evidence, practice records with themes, and their assessment', async () => {
    const base = `/api/projects/${projectId}`;
    const sources: { title: string; notes: string; focus: string; citation: string }[] = (await owner.get(`${base}/literature/sources`)).json().sources;
    expect(sources.length).toBeGreaterThanOrEqual(8);
    expect(new Set(sources.map((s) => s.focus))).toEqual(new Set(['offenders', 'cost_effectiveness', 'evaluation', 'other']));
    for (const s of sources) expect(`${s.title} ${s.notes} ${s.citation}`, s.title).toMatch(/fictional/i);
    const coverage: { statement: string; scope: string; noEvidence: boolean; totals: { passages: number } }[] = (await owner.get(`${base}/literature/coverage`)).json().gaps;
    expect(coverage.length).toBeGreaterThanOrEqual(5);
    expect(new Set(coverage.map((g) => g.scope))).toEqual(new Set(['international', 'belgium']));
    expect(coverage.filter((g) => !g.noEvidence).length).toBeGreaterThanOrEqual(4);
    const practices: { name: string; region: string; crimeTypes: string[]; evidenceRating: string | null; codes: { evidenceCount: number }[] }[] = (await owner.get(`${base}/practices`)).json().practices;
    expect(practices.length).toBeGreaterThanOrEqual(6);
    for (const p of practices) expect(p.name).toMatch(/^Fictional /);
    expect(new Set(practices.map((p) => p.region))).toEqual(new Set(['flanders', 'wallonia', 'brussels', 'abroad']));
    expect(practices.every((p) => p.codes.length >= 2 && p.codes.some((c) => c.evidenceCount > 0))).toBe(true);
    const matrix: { rows: { cells: unknown[] }[]; criteria: unknown[] } = (await owner.get(`${base}/assessment/matrix`)).json();
    expect(matrix.criteria.length).toBeGreaterThanOrEqual(5);
    const inventory: { totals: { practices: number; quotes: number; sources: number; scores: number } } = (await owner.get(`${base}/inventory`)).json();
    expect(inventory.totals.practices).toBe(practices.length);
    expect(inventory.totals.quotes).toBeGreaterThan(0);
    expect(inventory.totals.sources).toBeGreaterThan(0);
    expect(inventory.totals.scores).toBeGreaterThan(practices.length);
  });

  it('has codings by both coders, double coding in at least 6 documents, every quote at its offsets', async () => {
    const members: { userId: string; email: string; role: string }[] = (await owner.get(`/api/projects/${projectId}/members`)).json().members;
    const lotte = members.find((m) => m.email === 'lotte.coder@socprev.example')!.userId;
    const camille = members.find((m) => m.email === 'camille.coder@socprev.example')!.userId;
    const documents: { id: string; name: string }[] = (await owner.get(`/api/projects/${projectId}/documents`)).json().documents;
    const codings = { [lotte]: 0, [camille]: 0 };
    let doubleCoded = 0;
    let segments = 0;
    for (const d of documents) {
      const detail = (await owner.get(`/api/documents/${d.id}`)).json();
      const list: Segment[] = (await owner.get(`/api/documents/${d.id}/segments`)).json().segments;
      const respondentTurns = detail.turns.filter((turn: { speakerId: string }) =>
        detail.speakers.find((s: { id: string; role: string }) => s.id === turn.speakerId)?.role === 'respondent');
      for (const s of list) {
        expect(s.status).toBe('anchored');
        expect(s.exact, `${d.name} ${s.start}-${s.end}`).toBe(detail.text.slice(s.start, s.end));
        expect(s.exact.trim()).toBe(s.exact);
        // Respondent turns only.
        expect(respondentTurns.some((turn: { start: number; end: number }) => turn.start <= s.start && s.end <= turn.end), s.exact).toBe(true);
        for (const c of s.codes) codings[c.coderId] = (codings[c.coderId] ?? 0) + 1;
      }
      segments += list.length;
      const coders = new Set(list.map((s) => s.coderId));
      expect(coders.has(lotte), `Lotte coded ${d.name}`).toBe(true);
      if (coders.has(lotte) && coders.has(camille)) doubleCoded += 1;
    }
    expect(doubleCoded).toBeGreaterThanOrEqual(6);
    expect(doubleCoded).toBeLessThan(documents.length);
    expect(codings[lotte]).toBeGreaterThan(codings[camille]!);
    expect(codings[camille]).toBeGreaterThan(100);
    expect(segments).toBeGreaterThanOrEqual(300);
  });

  it('has memos on the project, on codes and on segments by both coders', async () => {
    const memos: { targetType: string; authorName: string; body: string; title: string }[] = (await owner.get(`/api/projects/${projectId}/memos`)).json().memos;
    const of = (type: string) => memos.filter((m) => m.targetType === type);
    expect(of('project')).toHaveLength(1);
    expect(of('project')[0]!.title).toMatch(/^Fictional demo/);
    expect(of('code').length).toBeGreaterThanOrEqual(2);
    expect(of('segment').length).toBeGreaterThanOrEqual(3);
    expect(new Set(of('segment').map((m) => m.authorName))).toEqual(new Set(['Lotte Peeters (fictional coder)', 'Camille Dubois (fictional coder)']));
    for (const m of memos) expect(m.body, m.title).toMatch(/^\s*(?:- |\d+\. )|\*[^*\n]+\*/m);
  });
});
