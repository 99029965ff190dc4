import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentDetail } from '../../server/features/documents/document-views';
import { setupOwner, type Agent } from '../helpers/agent';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/test-app';

// Fictional interview; quotes, a backslash, a line separator and an emoji exercise JSON escaping.
const INTERVIEW = 'Interviewer: Wie betaalde het project “Nachtpost”?\n\nRespondent: De stad \\ het OCMW, drie jaar lang.\u2028Daarna 😕 niets.';

/** GET /api/documents/:id answers ready bytes with a cached text (document-json.ts): the same JSON as documentDetail. */
describe.each(DIALECTS)('the reader\'s document answer (%s)', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = await setupOwner(t.app);
  });
  afterEach(() => t.close());

  it('is the same document as documentDetail, before and after a correction, and 404 for an unknown id', async () => {
    const projectId = (await owner.post('/api/projects', { name: 'Lezer' })).json().id;
    const id = (await owner.upload(`/api/projects/${projectId}/documents`, [{ name: 'nachtpost.txt', content: INTERVIEW }])).json().documents[0].id;
    const first = await owner.get(`/api/documents/${id}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.json()).toEqual(await documentDetail(t.app.services.documents, id));
    expect(first.json().text).toContain('“Nachtpost”');
    expect(first.json().text).toContain('Daarna 😕');
    expect((await owner.get(`/api/documents/${id}`)).body).toBe(first.body); // from the cached text

    const corrected = first.json().text.replace('drie jaar', 'vier jaar');
    expect((await owner.post(`/api/documents/${id}/revisions`, { text: corrected, baseRevisionId: first.json().revision.id })).statusCode).toBe(201);
    const second = (await owner.get(`/api/documents/${id}`)).json();
    expect(second.text).toBe(corrected);
    expect(second.revision.number).toBe(2);
    expect(second).toEqual(await documentDetail(t.app.services.documents, id));

    const missing = await owner.get('/api/documents/00000000-0000-0000-0000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });
});
