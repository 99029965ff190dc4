import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const NL = `Interviewer: Hoe komen jongeren in de drugshandel terecht?

Respondent: Via schulden, meestal. Een dealer schiet geld voor en dan moeten ze koeriers worden. Die schuld groeit elke week.`;

const FR = `Enquêtrice : Quel est le lien avec l'endettement ?

Répondant : L'endettement pousse beaucoup de jeunes vers le deal. Ils deviennent coursiers pour rembourser. Le quartier de la gare est très exposé.`;

const EN = `Interviewer: Where did anyone mention dealers?

Respondent: The dealers recruit young couriers near the station. Debt is the hook: a dealer advances money and the debt keeps growing.`;

describe.each(DIALECTS)('full-text search (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let projectId: string;
  const ids: Record<string, string> = {};
  const search = async (q: string, extra = '') => (await owner.get(`/api/projects/${projectId}/search?q=${encodeURIComponent(q)}${extra}`)).json();

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    const docs = (await owner.upload(`/api/projects/${projectId}/documents`, [
      { name: 'nl-gent.txt', content: NL }, { name: 'fr-liege.txt', content: FR }, { name: 'en-uk.txt', content: EN },
    ])).json().documents;
    for (const d of docs) ids[d.name] = d.id;
    await owner.patch(`/api/documents/${ids['nl-gent']}`, { respondentGroup: 'belgian' });
    await owner.patch(`/api/documents/${ids['fr-liege']}`, { respondentGroup: 'belgian' });
    await owner.patch(`/api/documents/${ids['en-uk']}`, { respondentGroup: 'international' });
  });
  afterEach(() => t.close());

  it('finds words with exact offsets and context, grouped by document', async () => {
    const res = await search('schuld');
    expect(res.hits.length).toBeGreaterThanOrEqual(1);
    const doc = (await owner.get(`/api/documents/${ids['nl-gent']}`)).json();
    for (const hit of res.hits) {
      expect(hit.documentId).toBe(ids['nl-gent']);
      expect(doc.text.slice(hit.start, hit.end)).toBe(hit.match);
      expect(hit.before + hit.match + hit.after).toContain(hit.match);
      expect(hit.speaker).toBe('Respondent');
    }
    expect(res.hits.map((h: { match: string }) => h.match)).toContain('schuld');
  });

  it('ignores case and accents (é = e, ç = c) and tolerates prefixes and typos', async () => {
    expect((await search('ENDETTEMENT')).hits.map((h: { match: string }) => h.match.toLowerCase())).toEqual(['endettement', 'endettement']);
    expect((await search('tres expose')).hits.map((h: { match: string }) => h.match).sort()).toEqual(['exposé', 'très']);
    expect((await search('coursier')).hits.map((h: { match: string }) => h.match)).toContain('coursiers'); // prefix
    expect((await search('coureirs')).total).toBeGreaterThan(0); // typo (koeriers / couriers)
    expect((await search('dealr')).hits.some((h: { match: string }) => /dealer/i.test(h.match))).toBe(true);
  });

  it('matches "exact phrases" only as phrases', async () => {
    const phrase = await search('"young couriers"');
    expect(phrase.hits).toHaveLength(1);
    expect(phrase.hits[0].match).toBe('young couriers');
    expect((await search('"couriers young"')).total).toBe(0);
    expect((await search('"la gare"')).hits[0].match).toBe('la gare');
  });

  it('filters by respondent group, language, speaker role and coding', async () => {
    expect(new Set((await search('dealer', '&respondentGroup=belgian')).hits.map((h: { documentId: string }) => h.documentId))).toEqual(new Set([ids['nl-gent']]));
    expect((await search('dealers', '&role=interviewer')).hits.every((h: { speakerRole: string }) => h.speakerRole === 'interviewer')).toBe(true);
    expect((await search('dealers', '&role=respondent')).hits.every((h: { speakerRole: string }) => h.speakerRole === 'respondent')).toBe(true);
    expect((await search('dealer', '&language=fr')).total).toBe(0);
    const code = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Debt' })).json();
    const text = (await owner.get(`/api/documents/${ids['en-uk']}`)).json().text;
    const start = text.indexOf('Debt is the hook');
    await owner.post(`/api/documents/${ids['en-uk']}/segments`, { start, end: start + 16, exact: 'Debt is the hook', codeIds: [code.id] });
    const withCode = await search('dealer', `&codeId=${code.id}&codeMode=with`);
    expect(new Set(withCode.hits.map((h: { documentId: string }) => h.documentId))).toEqual(new Set([ids['en-uk']]));
    const without = await search('dealer', `&codeId=${code.id}&codeMode=without`);
    expect(without.hits.some((h: { documentId: string }) => h.documentId === ids['en-uk'])).toBe(false);
    expect((await search('dealer', `&coderId=${owner.user.id}`)).hits.every((h: { documentId: string }) => h.documentId === ids['en-uk'])).toBe(true);
  });

  it('stays current after an import, a correction and a deletion', async () => {
    expect((await search('hasjplantage')).total).toBe(0);
    await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'new.txt', content: 'Interviewer: En de hasjplantage?\n\nRespondent: Die hasjplantage werd opgerold.' }]);
    expect((await search('hasjplantage')).total).toBe(2);
    const text = (await owner.get(`/api/documents/${ids['en-uk']}`)).json().text;
    await owner.post(`/api/documents/${ids['en-uk']}/revisions`, { text: text.replace('near the station', 'near the harbour') });
    expect((await search('harbour')).total).toBe(1);
    expect((await search('"the station"')).total).toBe(0);
    await owner.delete(`/api/documents/${ids['nl-gent']}`);
    expect((await search('schulden')).total).toBe(0);
  });

  it('searches memos and code definitions too', async () => {
    await owner.post(`/api/projects/${projectId}/codes`, { name: 'Systemic crime', definition: 'Violence between rival dealers' });
    await owner.post(`/api/projects/${projectId}/memos`, { targetType: 'project', title: 'Rivalry', body: 'Compare the rival networks in Antwerp and Liège.' });
    const res = await search('rival');
    expect(res.notes.map((n: { kind: string; title: string }) => `${n.kind}:${n.title}`).sort()).toEqual(['code:Systemic crime', 'memo:Rivalry']);
  });

  it('refuses an empty query and hides other projects', async () => {
    const empty = await owner.get(`/api/projects/${projectId}/search?q=${encodeURIComponent('"" …')}`);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('EMPTY_QUERY');
    const stranger = await createUser(owner, 'x@example.org');
    expect((await stranger.get(`/api/projects/${projectId}/search?q=dealer`)).statusCode).toBe(404);
  });

  it('auto-codes every hit (match, sentence or turn), previewed first, undone as one action', async () => {
    const code = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Debt' })).json();
    const preview = (await owner.post(`/api/projects/${projectId}/search/autocode/preview`, { q: 'debt', unit: 'sentence' })).json();
    expect(preview.passages.map((p: { text: string }) => p.text)).toEqual(['Debt is the hook: a dealer advances money and the debt keeps growing.']);
    const turns = (await owner.post(`/api/projects/${projectId}/search/autocode/preview`, { q: 'dealer', unit: 'turn' })).json();
    expect(turns.passages.length).toBeGreaterThanOrEqual(2);
    const applied = (await owner.post(`/api/projects/${projectId}/search/autocode`, { q: 'dealer', unit: 'match', codeId: code.id })).json();
    expect(applied.coded).toBeGreaterThanOrEqual(3);
    const codes = (await owner.get(`/api/projects/${projectId}/codes`)).json().codes;
    expect(codes[0].codingCount).toBe(applied.coded);
    const again = (await owner.post(`/api/projects/${projectId}/search/autocode`, { q: 'dealer', unit: 'match', codeId: code.id })).json();
    expect(again).toEqual({ coded: 0, skipped: applied.coded });
    expect((await owner.post(`/api/projects/${projectId}/undo`)).statusCode).toBe(200);
    expect((await owner.get(`/api/projects/${projectId}/codes`)).json().codes[0].codingCount).toBe(0);
  });

  it('suggests codes learned from the project\'s codings', async () => {
    const debt = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Debt' })).json();
    const station = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Station area' })).json();
    const code = async (doc: string, phrase: string, codeId: string) => {
      const text = (await owner.get(`/api/documents/${ids[doc]}`)).json().text;
      const start = text.indexOf(phrase);
      await owner.post(`/api/documents/${ids[doc]}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [codeId] });
    };
    await code('en-uk', 'Debt is the hook: a dealer advances money and the debt keeps growing.', debt.id);
    await code('en-uk', 'The dealers recruit young couriers near the station.', station.id);
    const res = (await owner.post(`/api/projects/${projectId}/suggestions`, { text: 'His debt kept growing every month' })).json();
    expect(res.suggestions[0].codeId).toBe(debt.id);
    const other = (await owner.post(`/api/projects/${projectId}/suggestions`, { text: 'They hang around the station' })).json();
    expect(other.suggestions[0].codeId).toBe(station.id);
  });
});
