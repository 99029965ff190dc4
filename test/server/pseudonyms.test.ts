import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../server/features/exchange/backup-zip-reader';
import { createMatcher, matchCase } from '../../server/features/pseudonyms/pseudonym-matcher';
import { type Agent, createUser, setupOwner } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

const ALPHA = `Interviewer: Who helped you?

Respondent: Jan Peeters from the OCMW in Lokeren helped me. Later Jan called again, and JAN PEETERS wrote a letter.

Interviewer: And then?

Respondent: Then I moved to Lokeren for good; Jansen is not the same man as Jan.`;

const BETA = `Interviewer: Where do you live now?

Respondent: Still in Lokeren. Jan Peeters visits every month, with Marie from De Sleutel.

Interviewer: Anything else?

Respondent: Marie and De Sleutel keep me going.`;

describe('pseudonym matching', () => {
  it('matches whole words whatever their case and keeps the case of what it replaces', () => {
    const m = createMatcher([{ id: 'a', original: 'Jan Peeters', pseudonym: 'Piet Claes' }, { id: 'b', original: 'jan', pseudonym: 'Piet' }])!;
    expect(m.replace('Jan Peeters, jan, JAN PEETERS, Jansen, Jan\nPeeters.')).toBe('Piet Claes, piet, PIET CLAES, Jansen, Piet Claes.');
    expect(m.replace('Jan\n\nPeeters')).toBe('Piet\n\nPeeters'); // never across the blank line between turns
    expect(matchCase('Ölçer', 'Émile')).toBe('Émile');
  });
});

describe.each(DIALECTS)('pseudonymisation (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let lead: Agent;
  let outsider: Agent;
  let projectId: string;
  const docs: Record<string, string> = {};
  const base = () => `/api/projects/${projectId}/pseudonyms`;
  const add = async (original: string, pseudonym: string, kind = 'person') => {
    const res = await owner.post(base(), { original, pseudonym, kind });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
    lead = await createUser(owner, 'lead@example.org', 'Lea Lead');
    outsider = await createUser(owner, 'out@example.org', 'Otto Outsider');
    projectId = (await owner.post('/api/projects', { name: 'P' })).json().id;
    await owner.post(`/api/projects/${projectId}/members`, { userId: lead.user.id, role: 'lead' });
    for (const [name, content] of [['alpha', ALPHA], ['beta', BETA]] as const) {
      docs[name] = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: `${name}.txt`, content }])).json().documents[0].id;
    }
  });
  afterEach(async () => t.close());

  it('keeps a key list: create, edit, delete, clear errors', async () => {
    const id = await add(' Jan   Peeters ', 'Piet Claes');
    expect((await owner.get(base())).json().entries).toMatchObject([{ id, original: 'Jan Peeters', pseudonym: 'Piet Claes', kind: 'person', notes: '' }]);
    expect((await owner.post(base(), { original: 'jan peeters', pseudonym: 'X' })).json().error.code).toBe('NAME_IN_KEY_LIST');
    expect((await owner.post(base(), { original: 'Marie', pseudonym: 'marie' })).json().error.code).toBe('SAME_AS_ORIGINAL');
    expect((await owner.post(base(), { original: 'Marie', pseudonym: 'Eva', kind: 'planet' })).statusCode).toBe(400);
    const edited = await owner.patch(`${base()}/${id}`, { pseudonym: 'Karel Claes', notes: 'social worker' });
    expect(edited.json()).toMatchObject({ pseudonym: 'Karel Claes', notes: 'social worker' });
    expect((await owner.delete(`${base()}/${id}`)).statusCode).toBe(204);
    expect((await owner.delete(`${base()}/${id}`)).statusCode).toBe(404);
    expect((await owner.get(base())).json().entries).toEqual([]);
  });

  it('is for owners only: 403 for other members, 404 for outsiders', async () => {
    const id = await add('Marie', 'Eva');
    for (const [url, method] of [[base(), 'GET'], [`${base()}/suggestions`, 'GET'], [`${base()}/${id}`, 'DELETE'], [`${base()}/preview`, 'POST'], [`${base()}/apply`, 'POST']] as const) {
      expect((await lead.request(method, url, method === 'POST' ? { documentIds: [docs.alpha] } : undefined)).statusCode).toBe(403);
      expect((await outsider.request(method, url, method === 'POST' ? { documentIds: [docs.alpha] } : undefined)).statusCode).toBe(404);
    }
  });

  it('suggests recurring capitalised names, not sentence starts or common words', async () => {
    await add('Marie', 'Eva');
    const candidates = (await owner.get(`${base()}/suggestions`)).json().candidates as { text: string; count: number; documents: number; example: { text: string } }[];
    const texts = candidates.map((c) => c.text);
    expect(texts).toEqual(expect.arrayContaining(['Jan Peeters', 'Lokeren', 'Jan', 'De Sleutel']));
    expect(candidates.find((c) => c.text === 'Lokeren')).toMatchObject({ count: 3, documents: 2, example: { text: 'Lokeren' } });
    for (const common of ['Then', 'Still', 'Respondent', 'I', 'Marie', 'Later']) expect(texts).not.toContain(common);
  });

  it('previews every occurrence with context and counts, and records the use', async () => {
    const jp = await add('Jan Peeters', 'Piet Claes');
    const jan = await add('Jan', 'Piet');
    await add('Lokeren', 'Dorp', 'place');
    const res = await owner.post(`${base()}/preview`, { documentIds: [docs.alpha, docs.beta] });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    const alpha = preview.documents.find((d: { documentId: string }) => d.documentId === docs.alpha);
    expect(alpha.count).toBe(6);
    expect(Object.fromEntries(alpha.byEntry.map((e: { entryId: string; count: number }) => [e.entryId, e.count]))).toMatchObject({ [jp]: 2, [jan]: 2 });
    expect(alpha.occurrences.map((o: { found: string; replacement: string }) => `${o.found}>${o.replacement}`)).toContain('JAN PEETERS>PIET CLAES');
    expect(alpha.occurrences[0].contextAfter).toMatch(/^ from the OCMW/);
    expect(preview.total).toBe(8);
    expect((await owner.post(`${base()}/preview`, { documentIds: ['nope'] })).statusCode).toBe(404);
  });

  it('applies as a correction: new revisions, codings stay on the replaced text, audit events without names', async () => {
    await add('Jan Peeters', 'Piet Claes');
    await add('Lokeren', 'Dorp', 'place');
    const code = (await owner.post(`/api/projects/${projectId}/codes`, { name: 'Help' })).json().id;
    const text = (await owner.get(`/api/documents/${docs.alpha}`)).json().text as string;
    const phrase = 'Jan Peeters from the OCMW in Lokeren helped me';
    const start = text.indexOf(phrase);
    expect((await owner.post(`/api/documents/${docs.alpha}/segments`, { start, end: start + phrase.length, exact: phrase, codeIds: [code] })).statusCode).toBe(201);

    const preview = (await owner.post(`${base()}/preview`, { documentIds: [docs.alpha] })).json();
    const res = await owner.post(`${base()}/apply`, { documentIds: [docs.alpha], baseRevisionIds: { [docs.alpha]: preview.documents[0].revisionId } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ total: 4, documents: [{ documentId: docs.alpha, replaced: 4, revision: { number: 2 }, segments: { anchored: 1, orphaned: 0 } }] });

    const after = (await owner.get(`/api/documents/${docs.alpha}`)).json().text as string;
    expect(after).toContain('Piet Claes from the OCMW in Dorp helped me');
    expect(after).not.toMatch(/Peeters|Lokeren/i);
    const segments = (await owner.get(`/api/documents/${docs.alpha}/segments`)).json().segments;
    expect(segments).toMatchObject([{ status: 'anchored', exact: 'Piet Claes from the OCMW in Dorp helped me' }]);
    expect(after.slice(segments[0].start, segments[0].end)).toBe('Piet Claes from the OCMW in Dorp helped me');
    // Beta was not chosen and stays as it was.
    expect((await owner.get(`/api/documents/${docs.beta}`)).json().text).toContain('Jan Peeters');
    // A stale preview is refused.
    expect((await owner.post(`${base()}/apply`, { documentIds: [docs.alpha], baseRevisionIds: { [docs.alpha]: preview.documents[0].revisionId } })).json().error.code).toBe('REVISION_CONFLICT');

    const events = (await owner.get(`/api/projects/${projectId}/events`)).json().events as { type: string; after: unknown; before: unknown }[];
    const types = events.map((e) => e.type);
    for (const type of ['pseudonym.created', 'pseudonyms.previewed', 'pseudonyms.applied', 'document.corrected']) expect(types).toContain(type);
    const mine = events.filter((e) => e.type.startsWith('pseudonym'));
    expect(JSON.stringify(mine)).not.toMatch(/Peeters|Lokeren|Piet|Dorp/);
  });

  it('deletes the imported files of the changed transcripts when asked, and only those', async () => {
    await add('Jan Peeters', 'Piet Claes');
    expect((await owner.get(`/api/documents/${docs.alpha}/original`)).body).toContain('Jan Peeters');
    expect((await owner.get(`/api/documents/${docs.alpha}`)).json().hasOriginal).toBe(true);
    // Without the option the imported file stays (it is still the file as it was imported).
    const kept = await owner.post(`${base()}/apply`, { documentIds: [docs.alpha] });
    expect(kept.json().originalsRemoved).toBe(0);
    expect((await owner.get(`/api/documents/${docs.alpha}/original`)).statusCode).toBe(200);

    await add('OCMW', 'Sociaal huis', 'organisation');
    const res = await owner.post(`${base()}/apply`, { documentIds: [docs.alpha, docs.beta], removeOriginals: true });
    expect(res.statusCode, res.body).toBe(201);
    const changed = res.json().documents.filter((d: { revision: unknown }) => d.revision).map((d: { documentId: string }) => d.documentId);
    expect(res.json().originalsRemoved).toBe(changed.length);
    for (const id of [docs.alpha, docs.beta]) {
      const gone = changed.includes(id);
      expect((await owner.get(`/api/documents/${id}`)).json().hasOriginal).toBe(!gone);
      const original = await owner.get(`/api/documents/${id}/original`);
      expect(original.statusCode).toBe(gone ? 404 : 200);
      if (gone) expect(original.json().error.message).toMatch(/no longer kept/);
    }
    const applied = (await owner.get(`/api/projects/${projectId}/events`)).json().events.find((e: { type: string; after: { originalsRemoved?: number } }) => e.type === 'pseudonyms.applied' && (e.after.originalsRemoved ?? 0) > 0);
    expect(applied.after.originalsRemoved).toBe(changed.length);
  });

  it('leaves the key list out of backups unless an owner asks, and restores both', async () => {
    await add('Jan Peeters', 'Piet Claes');
    const plain = await owner.get(`/api/projects/${projectId}/backup`);
    const plainEntries = await readZipEntries(plain.rawPayload);
    expect(plainEntries.has('tables/pseudonym_entries.jsonl')).toBe(false);
    expect([...plainEntries.values()].some((b) => b.toString('utf8').includes('Piet Claes'))).toBe(false);
    expect((await lead.get(`/api/projects/${projectId}/backup?includeKeyList=true`)).statusCode).toBe(403);
    const full = await owner.get(`/api/projects/${projectId}/backup?includeKeyList=true`);
    expect((await readZipEntries(full.rawPayload)).get('tables/pseudonym_entries.jsonl')!.toString()).toContain('Piet Claes');

    for (const [bytes, expected] of [[plain.rawPayload, 0], [full.rawPayload, 1]] as const) {
      const { payload, contentType } = await import('../helpers/agent').then((m) => m.multipart([{ name: 'p.socprev-backup.zip', content: bytes, type: 'application/zip' }]));
      const restored = await owner.app.inject({ method: 'POST', url: '/api/projects/restore', headers: { ...owner.headers, 'content-type': contentType }, payload });
      expect(restored.statusCode, restored.body).toBe(201);
      expect((await owner.get(`/api/projects/${restored.json().project.id}/pseudonyms`)).json().entries).toHaveLength(expected);
    }
  });
});
