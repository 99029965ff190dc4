import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER, seedDemo } from '../../server/demo/seed-demo';
import { Agent, createUser } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

describe.each(DIALECTS)('team review on the demo project (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let projectId: string;
  const base = () => `/api/projects/${projectId}/analysis`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    projectId = (await seedDemo(t.app.db, t.app.services)).projectId!;
    owner = await Agent.login(t.app, DEMO_OWNER.email, DEMO_OWNER.password);
  });
  afterAll(() => t.close());

  it('computes agreement between the two demo coders on their double-coded transcripts', async () => {
    const res = await owner.get(`${base()}/agreement`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.coders).toHaveLength(2);
    expect(body.documents.length).toBeGreaterThanOrEqual(6);
    const { counts, percent, cohenKappa, krippendorffAlpha, brennanPrediger } = body.pooled;
    const total = counts.both + counts.onlyA + counts.onlyB + counts.neither;
    expect(percent).toBeCloseTo((counts.both + counts.neither) / total, 3);
    for (const x of [cohenKappa, krippendorffAlpha, brennanPrediger]) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(1);
    }
    expect(body.perCode.length).toBeGreaterThan(10);
    expect(body.perCode[0]).toHaveProperty('unitizingAlpha');
    expect(body.cells.length).toBeGreaterThan(body.perCode.length);
    const csv = await owner.get(`${base()}/agreement?format=csv`);
    expect(csv.body).toContain("Cohen's kappa");
    const xlsx = await owner.get(`${base()}/agreement?format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('lists disagreements side by side and resolves one as an undoable action', async () => {
    const agreement = (await owner.get(`${base()}/agreement`)).json();
    const [coderA, coderB] = agreement.coders.map((c: { id: string }) => c.id);
    let found: { documentId: string; codeId: string; d: { start: number; end: number; a: unknown[]; b: unknown[] } } | undefined;
    for (const cell of agreement.cells) {
      if (cell.counts.onlyA + cell.counts.onlyB === 0) continue;
      const list = (await owner.get(`${base()}/disagreements?documentId=${cell.documentId}&codeId=${cell.codeId}&coderA=${coderA}&coderB=${coderB}`)).json().disagreements;
      const both = list.find((d: { a: unknown[]; b: unknown[] }) => d.a.length > 0 && d.b.length > 0);
      if (both) {
        found = { documentId: cell.documentId, codeId: cell.codeId, d: both };
        break;
      }
    }
    expect(found).toBeDefined();
    const { documentId, codeId, d } = found!;
    const resolve = await owner.post(`${base()}/disagreements/resolve`, { documentId, codeId, coderA, coderB, start: d.start, end: d.end, action: 'accept-a' });
    expect(resolve.statusCode).toBe(204);
    const after = (await owner.get(`${base()}/disagreements?documentId=${documentId}&codeId=${codeId}&coderA=${coderA}&coderB=${coderB}`)).json().disagreements;
    expect(after.some((x: { start: number; end: number }) => x.start < d.end && x.end > d.start)).toBe(false);
    expect((await owner.post(`/api/projects/${projectId}/undo`)).json().undone.type).toBe('agreement.resolved');
    const undone = (await owner.get(`${base()}/disagreements?documentId=${documentId}&codeId=${codeId}&coderA=${coderA}&coderB=${coderB}`)).json().disagreements;
    expect(undone.some((x: { start: number; end: number }) => x.start < d.end && x.end > d.start)).toBe(true);
  });

  it('reports saturation with the b+n label, a sensitivity table and splits', async () => {
    const body = (await owner.get(`${base()}/saturation?baseSize=4&runLength=2&threshold=0.05`)).json();
    expect(body.interviews).toHaveLength(15);
    const dates = body.interviews.map((i: { interviewDate: string }) => i.interviewDate);
    expect(dates).toEqual([...dates].sort());
    expect(body.interviews.at(-1).cumulative).toBeGreaterThan(body.interviews[0].cumulative);
    expect(body.guest.reached).toBe(true);
    expect(body.guest.label).toMatch(/^4\+\d+$/);
    expect(body.sensitivity).toHaveLength(12);
    expect(body.firstAppearances[0].position).toBe(1);
    expect(body.byGroup.map((g: { group: string }) => g.group)).toEqual(['international', 'belgian']);
    expect(body.byCoder).toHaveLength(2);
    const top = (await owner.get(`${base()}/saturation?level=1`)).json();
    expect(top.interviews.at(-1).cumulative).toBeLessThan(body.interviews.at(-1).cumulative);
    const csv = await owner.get(`${base()}/saturation?format=csv`);
    expect(csv.body).toContain('New codes');
  });

  it('gives frequencies, crosstabs and co-occurrence, with exports', async () => {
    const freq = (await owner.get(`${base()}/frequencies`)).json().codes;
    expect(freq.length).toBeGreaterThan(20);
    expect(freq[0]).toMatchObject({ segments: expect.any(Number), documents: expect.any(Number), respondents: expect.any(Number), coders: expect.any(Number) });
    const cross = (await owner.get(`${base()}/crosstab?attribute=respondentGroup`)).json();
    expect(cross.columns).toEqual(['belgian', 'international']);
    expect(cross.columnTotals.reduce((a: number, b: number) => a + b, 0)).toBe(15);
    const lang = (await owner.get(`${base()}/crosstab?attribute=language&unit=segments`)).json();
    expect(lang.columns).toEqual(['en', 'fr', 'nl']);
    const co = (await owner.get(`${base()}/cooccurrence?mode=turn&limit=10`)).json();
    expect(co.codes).toHaveLength(10);
    expect(co.matrix[0][0]).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) expect(co.matrix[i][j]).toBe(co.matrix[j][i]);
    const xlsx = await owner.get(`${base()}/cooccurrence?format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await owner.get(`${base()}/crosstab?attribute=nope`)).statusCode).toBe(400);
  });

  it('is for members only; only leads resolve disagreements', async () => {
    const stranger = await createUser(owner, `stranger-${dialect}@example.org`);
    expect((await stranger.get(`${base()}/agreement`)).statusCode).toBe(404);
    await owner.post(`/api/projects/${projectId}/members`, { userId: stranger.user.id, role: 'coder' });
    expect((await stranger.get(`${base()}/saturation`)).statusCode).toBe(200);
    const refused = await stranger.post(`${base()}/disagreements/resolve`, { documentId: 'x', codeId: 'y', coderA: 'a', coderB: 'b', start: 0, end: 1, action: 'merge' });
    expect(refused.statusCode).toBe(403);
  });
});
